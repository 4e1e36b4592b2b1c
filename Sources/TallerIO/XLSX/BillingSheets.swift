import CXLSXWriter
import Foundation
import TallerCore

extension BillingWorkbook {
  /// Lays out the statement's sheets. Sheets are added in reading order (cover
  /// first) and filled in dependency order (family sheets, then the summary that
  /// refers to them, then the cover that refers to the summary's names).
  ///
  /// The family sheets can be written while the documents are still being read
  /// (`addFamily`, `writeFamily`), once the columns are known (`currencies`);
  /// `finish` then writes the rest.
  final class Builder {
    let state: WorkbookState
    let options: Options
    let labels: BillingLabels
    let formats: BillingFormats
    /// The months, once read (`finish`).
    private(set) var months: [ClosedMonthStatement] = []
    /// Every family of every month, in order, once read (`finish`).
    private(set) var families: [(month: ClosedMonthStatement, family: ClosedMonthStatement.Family)] = []
    /// MXN, and USD when some concept has a dollar price: set before the first
    /// family sheet is written.
    var currencies: [Currency] = [.mxn]
    private(set) var periodText = ""
    private(set) var monthText = ""

    let cover: BillingSheet
    let summary: BillingSheet
    private(set) var familySheets: [BillingSheet] = []

    /// Where each family's concept row is (sheet, row), and its month-total column.
    private(set) var conceptRows: [[Int]] = []
    private(set) var monthColumn: [Int] = []
    /// The summary's block of each currency: first and last data rows.
    var summaryRows: [Currency: (first: Int, last: Int)] = [:]

    init(state: WorkbookState, options: Options) throws(OutputError) {
      self.state = state
      self.options = options
      labels = options.english ? .english : .spanish
      formats = try BillingFormats(state)
      cover = try BillingSheet(state: state, name: labels.cover)
      summary = try BillingSheet(state: state, name: labels.summary, rowOrder: true)
      try registerFormats()
    }

    /// True when some concept of `family` has a dollar price (the USD columns).
    static func hasDollars(_ family: ClosedMonthStatement.Family) -> Bool {
      family.concepts.contains { !($0.prices[.usd] ?? .zero).isZero }
    }

    /// Adds the sheet of the next family (sheets are added in the families' order)
    /// and its layout; returns its index.
    func addFamily(_ family: ClosedMonthStatement.Family, month: YearMonth) throws(OutputError) -> Int {
      familySheets.append(try BillingSheet(state: state, name: family.key, rowOrder: true))
      let layout = Self.familyLayout(family, days: month.dayCount)
      conceptRows.append(layout.rows)
      monthColumn.append(layout.monthColumn)
      return familySheets.count - 1
    }

    /// Writes everything not written yet, `months` being every family added, in
    /// order: the family sheets from `written` on and the summary (on two threads),
    /// then the cover and the other sheets.
    func finish(_ months: [ClosedMonthStatement], written: Int) throws {
      self.months = months
      families = months.flatMap { m in m.families.map { (m, $0) } }
      guard let first = months.map(\.month).min(), let last = months.map(\.month).max() else {
        throw OutputError(.refused, target: state.path, "no closed month to bill")
      }
      func show(_ d: LocalDate) -> String {
        if options.english { return d.description }
        let dd = d.day < 10 ? "0\(d.day)" : "\(d.day)"
        let mm = d.month < 10 ? "0\(d.month)" : "\(d.month)"
        return "\(dd)/\(mm)/\(d.year)"
      }
      periodText = labels.periodFormat.replacingOccurrences("%1", show(first.firstDay))
        .replacingOccurrences("%2", show(last.lastDay))
      monthText = first == last ? first.description : "\(first)…\(last)"
      while familySheets.count < families.count {
        let f = families[familySheets.count]
        _ = try addFamily(f.family, month: f.month.month)
      }
      if written == 0 { currencies = families.contains { Self.hasDollars($0.family) } ? [.mxn, .usd] : [.mxn] }
      let excessSheet = try BillingSheet(state: state, name: labels.excess)
      let gpuSheet = options.vouchers == nil ? nil : try BillingSheet(state: state, name: labels.gpu)
      let progressSheet = try BillingSheet(state: state, name: labels.progress)

      try writeFamiliesAndSummary(from: written)
      try writeCover()
      try writeExcess(excessSheet)
      if let gpuSheet, let vouchers = options.vouchers { try writeGPU(gpuSheet, vouchers) }
      try writeProgress(progressSheet)
    }

    /// The family sheets not written yet (from `written`) and the summary — most of
    /// the cells of the statement — on two threads: each sheet is a job, the summary first (the largest), taken in
    /// turn by whichever thread is free. Each sheet has its own libxlsxwriter
    /// worksheet and temporary file, and no job writes to another's sheet or to this
    /// builder. What the sheets share — the formats' style indices, which
    /// libxlsxwriter assigns on a format's first use — is assigned here first, in a
    /// fixed order, so the bytes do not depend on which thread ran first; and the
    /// summary's references to the family sheets come from their layout
    /// (`familyLayout`), not from writing them. The defined names are made by the
    /// summary's job alone. The first failing job, in job order, is the error.
    func writeFamiliesAndSummary(from written: Int) throws {
      let jobs = families.count - written + 1
      let errors = JobErrors(jobs)
      let next = JobCounter()
      // Shared with the second thread: the jobs read the builder, and the one thing
      // they write in it, `summaryRows`, is the summary job's alone, read after them.
      // (Declared in a `let` the compiler cannot check.)
      nonisolated(unsafe) let builder = self
      let work: @Sendable () -> Void = {
        while let job = next.take(below: jobs) {
          do {
            if job == 0 {
              try builder.writeSummary()
            } else {
              let i = written + job - 1
              let f = builder.families[i]
              try builder.writeFamily(i, f.month.month, f.family)
            }
          } catch {
            errors.record(job, error)
          }
        }
      }
      // This thread and one more (libdispatch's concurrentPerform was seen running
      // both on one worker thread).
      let done = DispatchSemaphore(value: 0)
      Thread {
        work()
        done.signal()
      }.start()
      work()
      done.wait()
      if let error = errors.first { throw error }
    }

    /// Gives every format of the statement its style index (and the conditional
    /// fills their differential index) in a fixed order, before any sheet is
    /// written: libxlsxwriter would otherwise number them on first use.
    func registerFormats() throws(OutputError) {
      let f = formats
      // The formats of the family sheets and the summary first: a format equal to
      // one registered before it (`value` and `text`, `label` and `totalLabel`,
      // `words` and `textBold`) takes that one's index, but libxlsxwriter looks it up
      // again on every cell, so the duplicate must be the rarely used one.
      for format in [
        f.title, f.subtitle, f.header, f.dayHeader, f.closedDayHeader, f.textBold, f.text, f.day, f.closedDay,
        f.qtyBold, f.qty, f.percent, f.money, f.totalLabel, f.moneyTotal, f.block, f.label, f.value, f.moneyBold,
        f.link, f.words, f.signLine, f.signName, f.statusValid, f.statusPending, f.statusReview, f.statusRejected,
      ] where lxw_format_get_xf_index(format) < 0 {
        throw OutputError(.io, target: state.path, "libxlsxwriter could not register a cell format")
      }
      for format in [f.red, f.yellow, f.green] where lxw_format_get_dxf_index(format) < 0 {
        throw OutputError(.io, target: state.path, "libxlsxwriter could not register a conditional format")
      }
    }

    /// Where `writeFamily` puts each concept's total row, and its month-total column:
    /// the header on row 3, then each concept's row followed by one row per time type
    /// (one when it has no grid).
    static func familyLayout(_ family: ClosedMonthStatement.Family, days: Int) -> (rows: [Int], monthColumn: Int) {
      var rows: [Int] = []
      rows.reserveCapacity(family.concepts.count)
      var row = 4
      for k in family.concepts {
        rows.append(row)
        row += 1 + max(1, k.daily.count)
      }
      return (rows, 4 + days)
    }

    func defineName(_ name: String, _ ref: String) throws(OutputError) {
      guard let book = state.workbook else { throw state.closedError() }
      try state.check(workbook_define_name(book, name, "=" + ref), "defining the name \(name)")
    }

    static func totalName(_ currency: Currency, _ what: String) -> String { "Total_\(currency.rawValue)_\(what)" }

    // MARK: Family sheets (generadores)

    func writeFamily(_ index: Int, _ month: YearMonth, _ family: ClosedMonthStatement.Family) throws {
      let s = familySheets[index]
      let f = formats
      let l = labels
      let days = month.dayCount
      let c0 = 4 + days
      // A day is shaded when no OT of the family worked it (no LABORANDO or STANDBY
      // before the closing).
      var worked = Set<Int>()
      for w in family.workOrders {
        for d in w.days where d.previousStatus == DailyStatus.laborando.name || d.previousStatus == DailyStatus.standby.name {
          worked.insert(d.day)
        }
      }
      // The format of each day's cells, by day (index 0 unused).
      let dayFormats = (0...days).map { worked.contains($0) ? f.day : f.closedDay }
      let ots = family.workOrders.map(\.ot).joined(separator: ", ")
      let sites = Set(family.workOrders.compactMap(\.site)).sorted().joined(separator: ", ")
      try s.text(0, 0, "\(l.detailTitle) — \(l.family) \(family.key) — \(month)", f.title)
      try s.text(1, 0, "\(l.workOrders): \(ots)" + (sites.isEmpty ? "" : "   \(l.sites): \(sites)"), f.subtitle)
      try s.text(2, 0, "\(options.company.map { $0 + " — " } ?? "")\(options.contract ?? "")   \(l.closedDays)", nil)

      let header = 3
      var titles = [l.code, l.description, l.unit, l.timeType]
      titles += (1...days).map(String.init)
      titles += [l.monthQty, l.previousQty, l.accumulatedQty, l.authorizedQty, l.remainingQty, l.percent]
      for c in currencies { titles += ["\(l.unitPrice) \(c.rawValue)", "\(l.monthAmount) \(c.rawValue)", "\(l.accumulatedAmount) \(c.rawValue)"] }
      for (c, t) in titles.enumerated() {
        let isDay = c >= 4 && c < c0
        try s.text(header, c, t, isDay ? (worked.contains(c - 3) ? f.dayHeader : f.closedDayHeader) : f.header)
      }
      try s.height(header, 45)

      var row = header + 1
      var rows: [Int] = []
      for k in family.concepts {
        let r = row
        rows.append(r)
        let grids = k.daily.isEmpty ? [(timeType: TimeType.cma.name, days: [Int: Quantity]())] : k.daily
        let ttRows = (r + 1)...(r + grids.count)
        try s.text(r, 0, k.code, f.textBold)
        try s.text(r, 1, k.description, f.text)
        try s.height(r, Self.lineHeight(k.description, width: 38))
        try s.text(r, 2, k.unit, f.text)
        try s.text(r, 3, l.conceptTotal, f.textBold)
        for d in 1...days {
          let col = 3 + d
          let dayFormat = dayFormats[d]
          var sum = Quantity.zero
          var any = false
          for g in grids {
            if let q = g.days[d] {
              sum = sum + q
              any = true
            }
          }
          if !any {
            try s.blank(r, col, dayFormat)
          } else {
            var formula = ""
            formula.reserveCapacity(8 * grids.count)
            for tr in ttRows {
              if tr != ttRows.lowerBound { formula += "+" }
              formula += cellName(tr, col)
            }
            try s.formula(r, col, formula, sum, dayFormat)
          }
        }
        try s.formula(r, c0, "SUM(\(cellName(ttRows.lowerBound, c0)):\(cellName(ttRows.upperBound, c0)))", k.monthQty, f.qtyBold)
        try s.number(r, c0 + 1, k.previousQty, f.qty)
        try s.formula(r, c0 + 2, "\(cellName(r, c0))+\(cellName(r, c0 + 1))", k.accumulatedQty, f.qty)
        try s.number(r, c0 + 3, k.authorizedQty, f.qty)
        try s.formula(r, c0 + 4, "\(cellName(r, c0 + 3))-\(cellName(r, c0 + 2))", k.remainingQty, f.qty)
        try s.formula(
          r, c0 + 5, "IF(\(cellName(r, c0 + 3))=0,0,\(cellName(r, c0 + 2))/\(cellName(r, c0 + 3)))",
          Self.progress(k.accumulatedQty, k.authorizedQty), f.percent)
        for (i, c) in currencies.enumerated() {
          let p = c0 + 6 + 3 * i
          let a = k.amounts[c] ?? ClosingAmounts()
          try s.number(r, p, k.prices[c] ?? .zero, f.money)
          try s.formula(r, p + 1, "ROUND(\(cellName(r, c0))*\(cellName(r, p)),2)", a.executed, f.money)
          try s.formula(r, p + 2, "ROUND(\(cellName(r, c0 + 2))*\(cellName(r, p)),2)", a.accumulated, f.money)
        }
        for (j, g) in grids.enumerated() {
          let tr = r + 1 + j
          try s.text(tr, 0, k.code, f.text)
          try s.blank(tr, 1, f.text)
          try s.blank(tr, 2, f.text)
          try s.text(tr, 3, g.timeType, f.text)
          var sum = Quantity.zero
          for d in 1...days {
            let dayFormat = dayFormats[d]
            if let q = g.days[d] {
              sum += q
              try s.number(tr, 3 + d, q, dayFormat)
            } else {
              try s.blank(tr, 3 + d, dayFormat)
            }
          }
          try s.formula(tr, c0, "SUM(\(cellName(tr, 4)):\(cellName(tr, c0 - 1)))", sum, f.qty)
        }
        row = r + 1 + grids.count
      }
      assert(rows == conceptRows[index] && c0 == monthColumn[index], "familyLayout differs from writeFamily")
      // The concept rows' progress and remaining quantity, one rule over all of them
      // (not one per row: 60 concepts × 200 families made 12,000 rules).
      try s.levels(rows: rows, col: c0 + 5, mid: 0.9, high: 1.0, formats: f)
      try s.negative(rows: rows, col: c0 + 4, formats: f)

      // The family's total row: the amounts of its concept rows (time-type rows have none).
      let total = row
      try s.merge(total, 0, c0 - 1, "\(l.totals) \(l.family) \(family.key)", f.totalLabel)
      for col in c0..<(c0 + 6) { try s.blank(total, col, f.totalLabel) }
      if let first = rows.first {
        for (i, c) in currencies.enumerated() {
          let p = c0 + 6 + 3 * i
          let a = family.totals[c] ?? ClosingAmounts()
          try s.blank(total, p, f.totalLabel)
          try s.formula(total, p + 1, "ROUND(SUM(\(cellName(first, p + 1)):\(cellName(total - 1, p + 1))),2)", a.executed, f.moneyTotal)
          try s.formula(total, p + 2, "ROUND(SUM(\(cellName(first, p + 2)):\(cellName(total - 1, p + 2))),2)", a.accumulated, f.moneyTotal)
        }
      }

      try s.width(0, 0, 10)
      try s.width(1, 1, 40)
      try s.width(2, 3, 6)
      try s.width(4, c0 - 1, 5)
      try s.width(c0, c0 + 5 + 3 * currencies.count, 14)
      worksheet_freeze_panes(s.sheet, lxw_row_t(header + 1), 4)
      try s.printSetup(
        headerRows: header...header, footerLeft: "\(l.family) \(family.key) — \(month)", page: l.footerPage, wide: true)
    }

    /// A row tall enough for `text` wrapped at about `width` characters (readers
    /// that do not fit rows themselves, LibreOffice's converter, need it).
    static func lineHeight(_ text: String, width: Int) -> Double {
      let lines = max(1, (text.count + width - 1) / width)
      return Double(lines) * 15
    }

    static func progress(_ accumulated: Quantity, _ authorized: Quantity) -> Double {
      authorized.isZero ? 0 : Excel.double(accumulated) / Excel.double(authorized)
    }

    // MARK: Resumen

    func writeSummary() throws {
      let s = summary
      let f = formats
      let l = labels
      try s.text(0, 0, "\(l.summary.uppercased()) — \(l.title)", f.title)
      try s.text(1, 0, [options.company, options.contract, "\(l.period): \(periodText)"].compactMap { $0 }.joined(separator: "   "), f.subtitle)
      let titles = [
        l.family, l.annex, l.code, l.description, l.unit, l.authorizedQty, l.unitPrice, l.authorizedAmount,
        l.previousQty, l.monthQty, l.accumulatedQty, l.remainingQty, l.excessQty,
        l.previousAmount, l.monthAmount, l.accumulatedAmount, l.remainingAmount, l.billableAmount, l.percent,
      ]
      var row = 3
      var headerRow = 3
      for currency in currencies {
        try s.merge(row, 0, titles.count - 1, l.currencyBlock(currency), f.block)
        row += 1
        if currency == currencies.first { headerRow = row }
        for (c, t) in titles.enumerated() { try s.text(row, c, t, f.header) }
        try s.height(row, 45)
        row += 1
        let first = row
        var sums = ClosingAmounts()
        for (i, entry) in families.enumerated() {
          let sheet = familySheets[i]
          for (j, k) in entry.family.concepts.enumerated() {
            let r = row
            let a = k.amounts[currency] ?? ClosingAmounts()
            sums = sums + a
            func c(_ col: Int) -> String { cellName(r, col) }
            try s.text(r, 0, familyLabel(entry.month, entry.family), f.text)
            try s.text(r, 1, k.annex, f.text)
            try s.text(r, 2, k.code, f.text)
            try s.text(r, 3, k.description, f.text)
            try s.height(r, Self.lineHeight(k.description, width: 36))
            try s.text(r, 4, k.unit, f.text)
            try s.number(r, 5, k.authorizedQty, f.qty)
            try s.number(r, 6, k.prices[currency] ?? .zero, f.money)
            try s.formula(r, 7, "ROUND(\(c(5))*\(c(6)),2)", a.authorized, f.money)
            try s.number(r, 8, k.previousQty, f.qty)
            try s.formula(r, 9, sheet.ref(conceptRows[i][j], monthColumn[i]), k.monthQty, f.qty)
            try s.formula(r, 10, "\(c(8))+\(c(9))", k.accumulatedQty, f.qty)
            try s.formula(r, 11, "\(c(5))-\(c(10))", k.remainingQty, f.qty)
            try s.number(r, 12, k.excessQty, f.qty)
            try s.formula(r, 13, "ROUND(\(c(8))*\(c(6)),2)", a.previous, f.money)
            try s.formula(r, 14, "ROUND(\(c(9))*\(c(6)),2)", a.executed, f.money)
            try s.formula(r, 15, "ROUND(\(c(10))*\(c(6)),2)", a.accumulated, f.money)
            try s.formula(r, 16, "ROUND(\(c(7))-\(c(15)),2)", a.remaining, f.money)
            try s.formula(r, 17, "ROUND((\(c(9))-\(c(12)))*\(c(6)),2)", a.billable, f.money)
            try s.formula(r, 18, "IF(\(c(5))=0,0,\(c(10))/\(c(5)))", Self.progress(k.accumulatedQty, k.authorizedQty), f.percent)
            row += 1
          }
        }
        let last = row - 1
        summaryRows[currency] = (first, last)
        let total = row
        try s.merge(total, 0, 6, "\(l.totals) \(currency.rawValue)", f.totalLabel)
        let columns: [(Int, Money, String)] = [
          (7, sums.authorized, "Autorizado"), (13, sums.previous, "Anterior"), (14, sums.executed, "EsteMes"),
          (15, sums.accumulated, "Acumulado"), (16, sums.remaining, "PorEjercer"), (17, sums.billable, "Facturable"),
        ]
        for col in 8...18 { try s.blank(total, col, f.totalLabel) }
        for (col, value, name) in columns {
          let formula = last >= first ? "ROUND(SUM(\(cellName(first, col)):\(cellName(last, col))),2)" : "0"
          try s.formula(total, col, formula, value, f.moneyTotal)
          try defineName(Self.totalName(currency, name), s.ref(total, col))
        }
        if last >= first {
          try s.levels(first, 18, last, 18, mid: 0.9, high: 1.0, formats: f)
          try s.negative(first, 11, last, 11, formats: f)
          try s.negative(first, 16, last, 16, formats: f)
        }
        row = total + 2
      }
      try s.width(0, 0, 15)
      try s.width(1, 2, 8)
      try s.width(3, 3, 34)
      try s.width(4, 4, 7)
      try s.width(5, 18, 14.5)
      worksheet_freeze_panes(s.sheet, lxw_row_t(headerRow + 1), 3)
      try s.printSetup(
        headerRows: headerRow...headerRow, footerLeft: "\(l.summary) — \(monthText)", page: l.footerPage, wide: true)
    }

    func familyLabel(_ month: ClosedMonthStatement, _ family: ClosedMonthStatement.Family) -> String {
      months.count > 1 ? "\(family.key) (\(month.month))" : family.key
    }

    // MARK: Carátula

    func writeCover() throws {
      let s = cover
      let f = formats
      let l = labels
      let lastCol = 1 + currencies.count
      try s.merge(0, 0, max(lastCol, 4), options.company ?? "", f.title)
      try s.merge(1, 0, max(lastCol, 4), "\(l.title) — \(l.period) \(periodText)", f.subtitle)
      var row = 3
      func line(_ label: String, _ value: String) throws(OutputError) {
        try s.text(row, 0, label, f.label)
        try s.merge(row, 1, max(lastCol, 4), value, f.value)
        try s.height(row, Self.lineHeight(value, width: 74))
        row += 1
      }
      try line(l.company, options.company ?? "")
      try line(l.contract, options.contract ?? "")
      let familyText = families.map { e in
        "\(familyLabel(e.month, e.family)): \(e.family.workOrders.map(\.ot).joined(separator: ", "))"
      }.joined(separator: "; ")
      try line(l.families, familyText)
      try line(l.period, periodText)
      let sites = Set(families.flatMap { $0.family.workOrders.compactMap(\.site) }).sorted()
      try line(l.sites, sites.joined(separator: ", "))
      let supervisors = Set(months.flatMap(\.supervisors)).sorted()
      try line(l.supervisors, supervisors.joined(separator: ", "))
      try line(l.status, Set(months.map(\.status)).sorted().joined(separator: ", "))
      // The evidence link (one per month).
      try s.text(row, 0, l.evidence, f.label)
      try s.merge(row, 1, max(lastCol, 4), "", f.value)
      if let url = months.first?.evidenceURL, !url.isEmpty { try s.link(row, 1, url, f.link, f.value) }
      row += 1
      for m in months.dropFirst() where !m.evidenceURL.isEmpty {
        try s.text(row, 0, "\(l.evidence) \(m.month)", f.label)
        try s.merge(row, 1, max(lastCol, 4), "", f.value)
        try s.link(row, 1, m.evidenceURL, f.link, f.value)
        row += 1
      }
      var counts: [String: Int] = [:]
      var order: [String] = []
      for m in months {
        for v in m.vouchers {
          if counts[v.status] == nil { order.append(v.status) }
          counts[v.status, default: 0] += v.count
        }
      }
      try line(l.vouchers, order.map { "\($0): \(counts[$0, default: 0])" }.joined(separator: " · "))

      row += 1
      try s.text(row, 0, l.amounts, f.header)
      for (i, c) in currencies.enumerated() { try s.text(row, 1 + i, c.rawValue, f.header) }
      row += 1
      var sums: [Currency: ClosingAmounts] = [:]
      for c in currencies { sums[c] = families.reduce(ClosingAmounts()) { $0 + ($1.family.totals[c] ?? ClosingAmounts()) } }
      func sum(_ c: Currency) -> ClosingAmounts { sums[c] ?? ClosingAmounts() }
      func amountRow(_ label: String, _ format: UnsafeMutablePointer<lxw_format>, _ cell: (Int, Currency) throws -> (String, Money)) throws {
        try s.text(row, 0, label, format == f.moneyTotal ? f.totalLabel : f.label)
        for (i, c) in currencies.enumerated() {
          let (formula, value) = try cell(1 + i, c)
          try s.formula(row, 1 + i, formula, value, format)
        }
        row += 1
      }
      try amountRow(l.authorized, f.money) { _, c in (Self.totalName(c, "Autorizado"), sum(c).authorized) }
      try amountRow(l.previous, f.money) { _, c in (Self.totalName(c, "Anterior"), sum(c).previous) }
      try amountRow(l.thisMonth, f.money) { _, c in (Self.totalName(c, "EsteMes"), sum(c).executed) }
      try amountRow(l.excessAmount, f.money) { _, c in
        ("ROUND(\(Self.totalName(c, "EsteMes"))-\(Self.totalName(c, "Facturable")),2)", sum(c).executed - sum(c).billable)
      }
      let subtotalRow = row
      var totals: [Currency: Money] = [:]
      if let rate = options.vat {
        try amountRow(l.subtotal, f.moneyBold) { _, c in (Self.totalName(c, "Facturable"), sum(c).billable) }
        let percent = (try? rate.multiplied(by: ExactDecimal(100))) ?? rate
        try amountRow("\(l.vat) \(percent.description) %", f.money) { col, c in
          let vat = try valueAddedTax(on: sum(c).billable, rate: rate).vat
          return ("ROUND(\(cellName(subtotalRow, col))*\(rate.description),2)", vat)
        }
        try amountRow(l.total, f.moneyTotal) { col, c in
          let total = try valueAddedTax(on: sum(c).billable, rate: rate).total
          totals[c] = total
          return ("ROUND(\(cellName(subtotalRow, col))+\(cellName(subtotalRow + 1, col)),2)", total)
        }
      } else {
        try amountRow(l.total, f.moneyTotal) { _, c in
          totals[c] = sum(c).billable
          return (Self.totalName(c, "Facturable"), sum(c).billable)
        }
      }
      let totalRow = row - 1
      try amountRow(l.accumulated, f.money) { _, c in (Self.totalName(c, "Acumulado"), sum(c).accumulated) }
      try amountRow(l.remaining, f.money) { _, c in (Self.totalName(c, "PorEjercer"), sum(c).remaining) }
      for (i, c) in currencies.enumerated() {
        try defineName("Estimacion_\(c.rawValue)_Total", s.ref(totalRow, 1 + i))
      }

      row += 1
      for c in currencies {
        try s.text(row, 0, "\(l.inWords) (\(c.rawValue))", f.label)
        try s.merge(row, 1, max(lastCol, 4), amountInWords(totals[c] ?? .zero, currency: c), f.words)
        try s.height(row, 32)
        row += 1
      }

      // Signatures: three blocks with room to sign above the line.
      row += 3
      let blocks: [(String, String, ClosedRange<Int>)] = [
        (l.prepared, "prepared", 0...0), (l.reviewed, "reviewed", 1...2), (l.authorizedBy, "authorized", 3...4),
      ]
      for (title, key, cols) in blocks {
        if cols.count == 1 {
          try s.text(row, cols.lowerBound, title, f.signLine)
          try s.text(row + 1, cols.lowerBound, options.signatures[key] ?? "", f.signName)
        } else {
          try s.merge(row, cols.lowerBound, cols.upperBound, title, f.signLine)
          try s.merge(row + 1, cols.lowerBound, cols.upperBound, options.signatures[key] ?? "", f.signName)
        }
      }
      try s.width(0, 0, 42)
      try s.width(1, 4, 19)
      try s.printSetup(headerRows: nil, footerLeft: "\(l.cover) — \(monthText)", page: l.footerPage)
      worksheet_fit_to_pages(s.sheet, 1, 1)
      worksheet_activate(s.sheet)
    }

    // MARK: Excedentes

    func writeExcess(_ s: BillingSheet) throws {
      let f = formats
      let l = labels
      try s.text(0, 0, "\(l.excess.uppercased()) — \(l.period) \(periodText)", f.title)
      var titles = [l.family, l.annex, l.code, l.description, l.unit, l.authorizedQty, l.accumulatedQty, l.monthQty, l.excessQty]
      for c in currencies {
        titles += ["\(l.unitPrice) \(c.rawValue)", "\(l.monthAmount) \(c.rawValue)", "\(l.billableAmount) \(c.rawValue)", "\(l.excessAmountColumn) \(c.rawValue)"]
      }
      let header = 2
      for (c, t) in titles.enumerated() { try s.text(header, c, t, f.header) }
      try s.height(header, 45)
      var row = header + 1
      var sums: [Currency: (Money, Money)] = [:]
      for e in families {
        for k in e.family.concepts where !k.excessQty.isZero {
          try s.text(row, 0, familyLabel(e.month, e.family), f.text)
          try s.text(row, 1, k.annex, f.text)
          try s.text(row, 2, k.code, f.text)
          try s.text(row, 3, k.description, f.text)
          try s.height(row, Self.lineHeight(k.description, width: 36))
          try s.text(row, 4, k.unit, f.text)
          try s.number(row, 5, k.authorizedQty, f.qty)
          try s.number(row, 6, k.accumulatedQty, f.qty)
          try s.number(row, 7, k.monthQty, f.qty)
          try s.number(row, 8, k.excessQty, f.qty)
          for (i, c) in currencies.enumerated() {
            let p = 9 + 4 * i
            let a = k.amounts[c] ?? ClosingAmounts()
            try s.number(row, p, k.prices[c] ?? .zero, f.money)
            try s.formula(row, p + 1, "ROUND(\(cellName(row, 7))*\(cellName(row, p)),2)", a.executed, f.money)
            try s.formula(row, p + 2, "ROUND((\(cellName(row, 7))-\(cellName(row, 8)))*\(cellName(row, p)),2)", a.billable, f.money)
            try s.formula(row, p + 3, "ROUND(\(cellName(row, p + 1))-\(cellName(row, p + 2)),2)", a.executed - a.billable, f.money)
            let old = sums[c] ?? (.zero, .zero)
            sums[c] = (old.0 + a.executed - a.billable, .zero)
          }
          row += 1
        }
      }
      if row == header + 1 {
        try s.merge(row, 0, titles.count - 1, l.noExcess, f.text)
        row += 1
      } else {
        try s.merge(row, 0, 8, l.totals, f.totalLabel)
        for (i, c) in currencies.enumerated() {
          let p = 9 + 4 * i
          for col in p...(p + 2) { try s.blank(row, col, f.totalLabel) }
          try s.formula(
            row, p + 3, "ROUND(SUM(\(cellName(header + 1, p + 3)):\(cellName(row - 1, p + 3))),2)", sums[c]?.0 ?? .zero,
            f.moneyTotal)
        }
      }
      try s.width(0, 0, 15)
      try s.width(1, 2, 8)
      try s.width(3, 3, 34)
      try s.width(4, 4, 7)
      try s.width(5, titles.count - 1, 14)
      worksheet_freeze_panes(s.sheet, lxw_row_t(header + 1), 3)
      try s.printSetup(headerRows: header...header, footerLeft: "\(l.excess) — \(monthText)", page: l.footerPage)
    }

    // MARK: GPU

    func writeGPU(_ s: BillingSheet, _ vouchers: [GeneratorVoucher]) throws {
      let f = formats
      let l = labels
      let monthSet = Set(months.map(\.month))
      let ots = Set(families.flatMap { $0.family.workOrders.map(\.ot) })
      let rows = vouchers.filter { monthSet.contains(YearMonth($0.key.date)) && ots.contains($0.key.ot.raw) }
        .sorted { $0.key < $1.key }
      try s.text(0, 0, "\(l.gpu) — \(l.period) \(periodText)", f.title)
      let titles = [l.ot, l.code, l.date, l.timeType, l.voucherStatus, l.evidence, l.updated]
      let header = 2
      for (c, t) in titles.enumerated() { try s.text(header, c, t, f.header) }
      let date = try state.newFormat("yyyy-mm-dd")
      format_set_border(date, UInt8(LXW_BORDER_THIN.rawValue))
      var row = header + 1
      for v in rows {
        try s.text(row, 0, v.key.ot.raw, f.text)
        try s.text(row, 1, v.key.code.raw, f.text)
        if let serial = Excel.serial(v.key.date) {
          try s.number(row, 2, ExactDecimal(serial), date)
        } else {
          try s.text(row, 2, v.key.date.description, f.text)
        }
        try s.text(row, 3, v.key.timeType.name, f.text)
        let status: UnsafeMutablePointer<lxw_format>
        switch v.status {
        case .validado: status = f.statusValid
        case .pendiente: status = f.statusPending
        case .enRevision: status = f.statusReview
        case .rechazado: status = f.statusRejected
        }
        try s.text(row, 4, v.status.name, status)
        if let url = v.evidenceURL, !url.isEmpty { try s.link(row, 5, url, f.link, f.text) } else { try s.blank(row, 5, f.text) }
        if let d = v.updatedOn, let serial = Excel.serial(d) {
          try s.number(row, 6, ExactDecimal(serial), date)
        } else {
          try s.blank(row, 6, f.text)
        }
        row += 1
      }
      try s.width(0, 0, 14)
      try s.width(1, 1, 9)
      try s.width(2, 2, 11)
      try s.width(3, 3, 6)
      try s.width(4, 4, 13)
      try s.width(5, 5, 80)
      try s.width(6, 6, 11)
      worksheet_freeze_panes(s.sheet, lxw_row_t(header + 1), 0)
      if row > header + 1 {
        try state.check(
          worksheet_autofilter(s.sheet, lxw_row_t(header), 0, lxw_row_t(row - 1), lxw_col_t(titles.count - 1)),
          "sheet \(s.name) autofilter")
      }
      try s.printSetup(headerRows: header...header, footerLeft: "\(l.gpu) — \(monthText)", page: l.footerPage)
    }

    // MARK: Avance por anexo (chart)

    func writeProgress(_ s: BillingSheet) throws {
      let f = formats
      let l = labels
      try s.text(0, 0, "\(l.chartTitle) — \(l.period) \(periodText)", f.title)
      var row = 2
      var chartRow = 2
      for currency in currencies {
        guard let block = summaryRows[currency] else { continue }
        try s.merge(row, 0, 3, l.currencyBlock(currency), f.block)
        row += 1
        let header = row
        for (c, t) in [l.annex, l.authorizedSeries, l.executedSeries, l.monthSeries].enumerated() {
          try s.text(row, c, t, f.header)
        }
        try s.height(row, 30)
        row += 1
        var byAnnex: [String: ClosingAmounts] = [:]
        for e in families {
          for k in e.family.concepts { byAnnex[k.annex, default: ClosingAmounts()] = byAnnex[k.annex, default: ClosingAmounts()] + (k.amounts[currency] ?? ClosingAmounts()) }
        }
        let first = row
        func sumif(_ col: Int) -> String {
          let range = { (c: Int) in "\(self.summary.ref(block.first, c)):\(cellName(block.last, c, absolute: true))" }
          return "ROUND(SUMIF(\(range(1)),\(cellName(row, 0)),\(range(col))),2)"
        }
        for (annex, a) in byAnnex.sorted(by: { $0.key < $1.key }) {
          try s.text(row, 0, annex, f.text)
          try s.formula(row, 1, sumif(7), a.authorized, f.money)
          try s.formula(row, 2, sumif(15), a.accumulated, f.money)
          try s.formula(row, 3, sumif(14), a.executed, f.money)
          row += 1
        }
        let last = row - 1
        if last >= first, let book = state.workbook {
          guard let chart = workbook_add_chart(book, UInt8(LXW_CHART_COLUMN.rawValue)) else {
            throw OutputError(.io, target: state.path, "libxlsxwriter could not add a chart")
          }
          let name = quotedSheet(s.name)
          let categories = "=\(name)!\(cellName(first, 0, absolute: true)):\(cellName(last, 0, absolute: true))"
          for col in 1...3 {  // authorized, executed, this month: named by their header cells
            let values = "=\(name)!\(cellName(first, col, absolute: true)):\(cellName(last, col, absolute: true))"
            guard let series = chart_add_series(chart, categories, values) else {
              throw OutputError(.io, target: state.path, "libxlsxwriter could not add a chart series")
            }
            chart_series_set_name(series, "=\(name)!\(cellName(header, col, absolute: true))")
          }
          chart_title_set_name(chart, "\(l.chartTitle) (\(currency.rawValue))")
          chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
          var options = lxw_chart_options()
          options.x_scale = 1.4
          options.y_scale = 1.2
          try state.check(
            worksheet_insert_chart_opt(s.sheet, lxw_row_t(chartRow), 5, chart, &options), "sheet \(s.name) chart")
          chartRow += 20
        }
        row = max(row + 1, chartRow)
      }
      try s.width(0, 0, 12)
      try s.width(1, 3, 17)
      try s.printSetup(headerRows: nil, footerLeft: "\(l.progress) — \(monthText)", page: l.footerPage)
    }
  }
}

extension String {
  /// Every occurrence of `target` replaced (no Foundation).
  func replacingOccurrences(_ target: String, _ replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var out = ""
    var rest = self[...]
    while let r = rest.range(of: target) {
      out += rest[..<r.lowerBound]
      out += replacement
      rest = rest[r.upperBound...]
    }
    out += rest
    return out
  }
}

extension Substring {
  /// The first range of `target` (no Foundation).
  func range(of target: String) -> Range<Index>? {
    let t = Array(target.utf8)
    let u = self.utf8
    var i = u.startIndex
    while i != u.endIndex {
      var j = i
      var k = 0
      while k < t.count, j != u.endIndex, u[j] == t[k] {
        j = u.index(after: j)
        k += 1
      }
      if k == t.count { return i..<j }
      i = u.index(after: i)
    }
    return nil
  }
}

/// The next job of `Builder.writeFamiliesAndSummary`, shared by its threads.
private final class JobCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var next = 0
  /// The next job number below `count`, or nil when every job is taken.
  func take(below count: Int) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard next < count else { return nil }
    next += 1
    return next - 1
  }
}

/// The errors of the jobs, by job.
private final class JobErrors: @unchecked Sendable {
  private let lock = NSLock()
  private var errors: [(any Error)?]
  init(_ count: Int) { errors = Array(repeating: nil, count: count) }
  func record(_ job: Int, _ error: any Error) {
    lock.lock()
    errors[job] = error
    lock.unlock()
  }
  /// The error of the first job that failed.
  var first: (any Error)? {
    lock.lock()
    defer { lock.unlock() }
    return errors.lazy.compactMap { $0 }.first
  }
}
