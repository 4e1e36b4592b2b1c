import TallerCore
import TallerIO

/// The engine of `validate-excess`: reads the month and everything it is checked
/// against, runs the core rules (`ContractBook.ledger`), and writes the validated
/// rows, the rejected rows and the merged voucher register.
public struct ExcessCommand {
  public var annex: [String] = []
  public var workOrders: [String] = []
  public var daily: [String] = []
  public var history: [String] = []
  public var gpu: [String] = []
  public var gpuOut: String?
  public var guards: [String] = []
  public var rejects: String?
  public var warnAt = ExactDecimal(raw: 9 * ExactDecimal.one / 10)
  /// `--gpu-annex`; nil keeps C-2, C-3, C2EXT, C3EXT.
  public var gpuAnnexes: Set<AnnexName>?
  /// `--as-of`; nil: the last day of the latest month with production.
  public var asOf: LocalDate?
  public var production: [String] = []
  public var output: String?
  /// `--progress`: show progress at once (otherwise after two seconds, on a terminal).
  public var progress = false

  public init() {}

  /// The columns validate-excess adds after the input columns (SPEC §4.4).
  public static let addedColumns = [
    "family", "annex", "description", "unit", "authorized_qty", "cumulative_qty",
    "remaining_qty", "excess", "excess_qty", "level", "unit_price_mxn", "unit_price_usd",
    "amount_mxn", "amount_usd", "billing_status", "gpu_required", "gpu_status", "supervisor",
  ]
  /// The production columns every output row starts with.
  public static let productionColumns = ["ot", "code", "date", "time_type", "qty"]

  public func run(read: ReadOptions, output options: OutputOptions, reporter: Reporter) throws {
    let files = ContractFiles(options: read, reporter: reporter)

    // What the month is checked against.
    let families = WorkOrderFamilies(try files.workOrders(workOrders))
    files.report(families, file: workOrders.count == 1 ? workOrders[0] : "work orders")

    let annexRows = try files.annex(annex)
    try Self.checkAnnex(annexRows.lines, places: annexRows.places)
    let authorizations = ConsolidatedAuthorizations(annexRows.lines, families: families)
    for i in authorizations.unplacedLines {
      reporter.warn(
        Warning(at: annexRows.places[i], "work order \(annexRows.lines[i].ot) is not in the work orders; this annex line is not used"),
        kind: "annex lines not used")
    }

    var dailyReports: DailyReports?
    if !daily.isEmpty {
      let (reports, names) = try files.daily(daily)
      let book = DailyReports(reports)
      for c in book.conflicts {
        reporter.warn(
          Warning(at: SourceLocation(file: names[c.index], line: c.line), "\(c.description); the first is kept"),
          kind: "daily conflicts")
      }
      dailyReports = book
    }

    let (historyBook, historyPlaces) = try readHistory(files)

    var schedule = GuardSchedule()
    if !guards.isEmpty {
      let (rotations, names) = try files.guards(guards)
      schedule = GuardSchedule(rotations)
      for d in schedule.duplicates {
        let file = zip(rotations, names).first { $0.0 == d }?.1 ?? guards[0]
        reporter.warn(
          Warning(at: SourceLocation(file: file, line: d.line), "site \(d.site) already has a rotation; this one is not used"),
          kind: "guards")
      }
    }

    var register = VoucherRegister()  // read only from here on: new vouchers are listed, not added
    if !gpu.isEmpty {
      let (vouchers, names) = try files.vouchers(gpu)
      register = VoucherRegister(vouchers)
      for f in register.findings {
        let file = zip(vouchers, names).first { $0.0.line == f.line }?.1 ?? "gpu"
        reporter.warn(Warning(at: SourceLocation(file: file, line: f.line), f.description), kind: "vouchers")
      }
    }

    // The month.
    let input = ProductionInput()
    let sources = production.isEmpty ? [InputSource.standardInput] : try Inputs.resolve(production)
    let reading = Progress("validate-excess: reading", requested: progress)
    try input.read(
      sources, with: files, passThrough: true, dropped: Set(Self.addedColumns + ["reason"]), progress: reading)
    reading.done()

    let book = ContractBook(
      workOrders: families, authorizations: authorizations, daily: dailyReports, history: historyBook,
      guards: schedule)
    let latest = input.rows.lazy.map(\.date).max()
    let voucherDate = asOf ?? latest.map { YearMonth($0).lastDay }
    let ledger = book.ledger(
      for: input.rows,
      options: ExcessOptions(warnAt: warnAt, voucherAnnexes: gpuAnnexes ?? AnnexName.voucherDefaults, voucherDate: voucherDate))
    for ignored in ledger.ignoredHistory {
      let e = ignored.entry
      let why: String
      switch ignored.reason {
      case .unknownWorkOrder: why = "work order \(e.ot) is not in the work orders"
      case .notBefore(let month): why = "it is not before \(month), the first month of the production"
      }
      reporter.warn(
        Warning(
          at: historyPlaces(ProductionKey(ot: e.ot, code: e.code, date: e.date, timeType: e.timeType))
            ?? SourceLocation(file: "history"),
          "\(e.ot) \(e.code) on \(e.date) (\(e.timeType.name)) is not counted: \(why)"),
        kind: "history not counted")
    }

    // Outputs: each appears whole, and only when everything was written.
    let main = try OutputHandle(path: output)
    var handles = [main]
    defer { for h in handles { h.discard() } }
    let rejectsHandle = try rejects.map { path throws(OutputError) in try OutputHandle(path: path) }
    if let rejectsHandle { handles.append(rejectsHandle) }
    let gpuHandle = try gpuOut.map { path throws(OutputError) in try OutputHandle(path: path) }
    if let gpuHandle { handles.append(gpuHandle) }

    let echo = Self.productionColumns + input.extraColumns
    let table = try RowOutput(sink: main.sink, columns: echo + Self.addedColumns, options: options)
    let rejected = try rejectsHandle.map { h throws(OutputError) in
      try RowOutput(sink: h.sink, columns: echo + ["reason"], options: Self.options(for: h.name, excel: options.excelCSV))
    }
    // With several production files a line number alone is ambiguous: rows of a
    // repeated key are then named by file and line.
    var sameKey: [ProductionKey: [Int]] = [:]
    if input.files.count > 1 {
      for (i, why) in ledger.rejections {
        if case .duplicateKey = why { sameKey[input.rows[i].key, default: []].append(i) }
      }
    }
    func reason(_ i: Int, _ why: ProductionRejection) -> String {
      guard case .duplicateKey = why, let group = sameKey[input.rows[i].key] else { return why.description }
      let others = group.sorted().filter { $0 != i }.map { place -> String in
        var p = input.place(place)
        p.column = 0
        return p.description
      }
      return "same OT, code, date and time type as \(others.joined(separator: ", "))"
    }

    // Vouchers this run creates, kept only when the register is written.
    var created: [ProductionKey] = []
    let writing = Progress("validate-excess: writing", requested: progress)
    defer { writing.done() }
    for i in 0..<input.count {
      writing.update(i + 1)
      let row = input.rows[i]
      let (outcome, needsVoucher) = try ledger.outcome(at: i, of: row, register: register)
      if needsVoucher && gpuHandle != nil { created.append(row.key) }
      switch outcome {
      case .accepted(let v):
        Self.writeEcho(row, i, input, to: table)
        Self.writeAdded(v, to: table)
        try table.endRow()
      case .rejected(_, let why):
        if let rejected {
          Self.writeEcho(row, i, input, to: rejected)
          rejected.text(reason(i, why))
          try rejected.endRow()
        } else {
          reporter.error("\(input.place(i)): \(reason(i, why))")
        }
      }
    }
    try table.finish()
    try rejected?.finish()
    if let gpuHandle {
      try Self.write(register, adding: created, createdOn: voucherDate, to: gpuHandle)
    }
    for h in handles { try h.commit() }
    handles = []

    if ledger.rejectedCount > 0 {
      let where_ = rejects.map { "; see \($0)" } ?? ""
      throw Refusal("\(ledger.rejectedCount) of \(input.count) production rows rejected\(where_)")
    }
  }

  /// The merged voucher register, by OT, code, date and time type; statuses by name.
  static func write(
    _ register: VoucherRegister, adding created: [ProductionKey], createdOn date: LocalDate?, to handle: OutputHandle
  ) throws {
    let t = try RowOutput(
      sink: handle.sink, columns: Schemas.gpu.columns.map(\.name), options: options(for: handle.name, excel: false))
    try register.forEachMerged(adding: created, createdOn: date) { v in
      t.text(v.key.ot.raw)
      t.text(v.key.code.raw)
      t.date(v.key.date)
      t.text(v.key.timeType.name)
      t.text(v.status.name)
      if let url = v.evidenceURL { t.text(url) } else { t.empty() }
      if let d = v.updatedOn { t.date(d) } else { t.empty() }
      try t.endRow()
    }
    try t.finish()
  }

  /// The annex rows given must be a consistent set: the checks of `import-annex`
  /// (an empty code, negative values, a code twice in one import, an import number
  /// used by two OTs) are errors here.
  static func checkAnnex(_ lines: [AnnexLine], places: [SourceLocation]) throws {
    let findings = validateAnnexImport(lines)
    guard !findings.isEmpty else { return }
    throw InputErrors(findings.map { InputError(at: places[$0.index], "annex: \($0.description)") })
  }

  /// History: earlier validated production (or plain production) files, in long or
  /// grid form. A key given twice (the same month passed twice) is an error.
  func readHistory(_ files: ContractFiles) throws -> (ProductionHistory, (ProductionKey) -> SourceLocation?) {
    guard !history.isEmpty else { return (ProductionHistory(), { _ in nil }) }
    let input = ProductionInput()
    try input.read(try Inputs.resolve(history), with: files, passThrough: false)
    var seen: [ProductionKey: Int] = [:]
    var entries: [HistoryEntry] = []
    entries.reserveCapacity(input.count)
    for (i, r) in input.rows.enumerated() {
      if r.qty.isNegative {
        throw InputError(at: input.place(i), "history: qty \(r.qty) is negative (corrections are edits, not negative rows)")
      }
      if let first = seen[r.key] {
        throw InputError(at: input.place(i), "history: \(r.key) is already on \(input.place(first)) (is a month given twice?)")
      }
      seen[r.key] = i
      entries.append(HistoryEntry(ot: r.ot, code: r.code, date: r.date, timeType: r.timeType, qty: r.qty))
    }
    return (ProductionHistory(entries: entries), { key in seen[key].map { input.place($0) } })
  }

  /// The format of a side output (`--rejects`, `--gpu-out`): its extension (.json,
  /// .ndjson), else CSV, `--excel-csv` style when `excel`.
  public static func options(for name: String, excel: Bool) -> OutputOptions {
    // Both values are set: an OutputOptions not made by parsing has no defaults.
    var o = OutputOptions()
    let lower = name.lowercased()
    if lower.hasSuffix(".json") {
      o.outputFormat = .json
      o.excelCSV = false
    } else if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") {
      o.outputFormat = .ndjson
      o.excelCSV = false
    } else {
      o.outputFormat = .csv
      o.excelCSV = excel
    }
    return o
  }

  static func writeEcho(_ row: ProductionRow, _ i: Int, _ input: ProductionInput, to t: RowOutput) {
    t.text(row.ot.raw)
    t.text(row.code.raw)
    t.date(row.date)
    t.text(row.timeType.name)
    t.number(row.qty)
    for k in 0..<input.extraColumns.count {
      input.withExtra(i, k) { t.bytes($0) }
    }
  }

  static func writeAdded(_ v: ValidatedProduction, to t: RowOutput) {
    t.text(v.family.raw)
    t.text(v.annex.raw)
    t.text(v.description)
    t.text(v.unit)
    t.number(v.authorizedQty)
    t.number(v.cumulativeQty)
    t.number(v.remainingQty)
    t.bool(v.excess)
    t.number(v.excessQty)
    t.text(v.level.rawValue)
    t.number(v.unitPriceMXN, places: 2)
    t.number(v.unitPriceUSD, places: 2)
    t.number(v.amountMXN, places: 2)
    t.number(v.amountUSD, places: 2)
    t.text(v.billingStatus.name)
    t.bool(v.gpuRequired)
    if let s = v.gpuStatus { t.text(s.name) } else { t.empty() }
    if let s = v.supervisor { t.text(s) } else { t.empty() }
  }
}
