import TallerCore

/// Reads the files of contract production (SPEC §3) into the core's values: work
/// orders, annex rows, daily statuses (long or month grid), production (long or
/// month grid), history, generator vouchers and guard rotations. Shared by
/// `import-annex`, `validate-excess` and `close-month`.
///
/// Every file option may name several files, globs, directories or `-`
/// (`Inputs.resolve`). Reading goes through the one row reader (`TableReading`):
/// a cell that cannot be read is recorded with its FILE:LINE:COLUMN and its row
/// left out; the command calls `reading.check()` before it computes anything.
/// What the core finds in what was read (work orders that cannot be placed,
/// conflicting daily statuses, duplicate vouchers or rotations) is warned about here,
/// where the places are known.
public struct ContractReaders {
  public let reading: TableReading

  public init(_ reading: TableReading) { self.reading = reading }

  // MARK: - Work orders

  /// The work_orders files, rows in input order.
  public func workOrders(_ sources: [InputSource]) throws(InputError) -> [WorkOrder] {
    let s = Schemas.workOrders
    let c = (
      ot: s.position(of: "ot"), parent: s.position(of: "parent_ot"), kind: s.position(of: "kind"),
      active: s.position(of: "active"), front: s.position(of: "front"), site: s.position(of: "site"),
      yard: s.position(of: "yard"), vessel: s.position(of: "vessel"), platform: s.position(of: "platform"),
      intercom: s.position(of: "intercom"), start: s.position(of: "start_date"), end: s.position(of: "end_date")
    )
    var out: [WorkOrder] = []
    try reading.forEachRow(sources, s) { (t, r) throws(InputError) in
      let ot = try t.requiredCode(r, c.ot)
      var kind: WorkOrderKind?
      let kindText = t.code(r, c.kind)
      if !kindText.isEmpty {
        guard let k = WorkOrderKind(parsing: kindText) else {
          throw t.invalid(r, c.kind, "is not a kind of work order (initial or reprogramming, or 4 for initial)")
        }
        kind = k
      }
      out.append(
        WorkOrder(
          ot: OTCode(ot), parentOT: t.optionalCode(r, c.parent).map(OTCode.init), kind: kind,
          active: try t.bool(r, c.active) ?? true, front: try t.int(r, c.front),
          site: t.optionalCode(r, c.site).map(SiteID.init), yard: t.optionalCode(r, c.yard).map(SiteID.init),
          vessel: t.optionalCode(r, c.vessel).map(SiteID.init),
          platform: t.optionalCode(r, c.platform).map(SiteID.init),
          intercom: t.optionalCode(r, c.intercom).map(SiteID.init),
          startDate: try t.date(r, c.start), endDate: try t.date(r, c.end), line: r.line))
    }
    return out
  }

  /// The work orders placed in families; those that cannot be placed are warned
  /// about (their production is then rejected as of an unknown work order).
  public func families(_ sources: [InputSource]) throws(InputError) -> WorkOrderFamilies {
    let families = WorkOrderFamilies(try workOrders(sources))
    report(families, file: sources.count == 1 ? sources[0].name : "work orders")
    return families
  }

  func report(_ families: WorkOrderFamilies, file: String) {
    for f in families.findings {
      let line: Int
      switch f {
      case .duplicate(_, let l, _), .unknownParent(_, _, let l), .reprogrammingWithoutParent(_, let l),
        .initialWithParent(_, _, let l), .startAfterEnd(_, _, _, let l):
        line = l
      case .parentCycle: line = 0
      }
      reading.warn(Warning(at: SourceLocation(file: file, line: line), f.description), kind: "work orders")
    }
  }

  // MARK: - Annex

  /// Canonical annex rows (the output of `import-annex`): `ot`, `import_id`,
  /// `code`, `annex` and `authorized_qty` are required in every row.
  public func annex(_ sources: [InputSource]) throws(InputError) -> AnnexRows {
    var rows = AnnexRows()
    for source in sources {
      guard let t = try reading.open(source, Schemas.annex) else { continue }
      do {
        try t.requireColumns(["ot", "import_id", "annex"])
      } catch {
        reading.add(error, kind: "malformed header")
        continue
      }
      try reading.forEachRecord(t) { (r) throws(InputError) in
        rows.append(try AnnexColumns.line(t, r, fill: AnnexDefaults()), at: SourceLocation(file: t.reader.name, line: r.line))
      }
    }
    return rows
  }

  /// Annex rows that must be a consistent set (`--annex` of validate-excess): the
  /// checks of `import-annex` (an empty code, negative values, a code twice in one
  /// import, an import number used by two OTs) are recorded as problems.
  public func checkedAnnex(_ sources: [InputSource]) throws(InputError) -> AnnexRows {
    let rows = try annex(sources)
    for f in validateAnnexImport(rows.lines) {
      reading.add(Problem(at: rows.places[f.index], "annex: \(f.description)", kind: "annex"))
    }
    return rows
  }

  /// The authorization in force per family and concept; lines of work orders that
  /// are not in the work orders are warned about (`unused` says what it means).
  public func authorizations(
    _ annex: AnnexRows, families: WorkOrderFamilies, unused: (AnnexLine) -> String
  ) -> ConsolidatedAuthorizations {
    let book = ConsolidatedAuthorizations(annex.lines, families: families)
    for i in book.unplacedLines {
      reading.warn(
        Warning(at: annex.places[i], "work order \(annex.lines[i].ot) is not in the work orders; \(unused(annex.lines[i]))"),
        kind: "annex lines not used")
    }
    return book
  }

  // MARK: - Daily statuses

  /// Daily statuses in long form (`ot`, `date`, `status`) or as month grids (`ot`,
  /// `year`, `month`, `1`…`31`), in input order; a grid row gives its days in order.
  public func daily(_ sources: [InputSource]) throws(InputError) -> (reports: [DailyReport], files: [String]) {
    let long = Schemas.daily
    let grid = Schemas.dailyGrid
    let sniff = Schema("daily status", long.columns + grid.columns.filter { long.column(for: $0.name) == nil })
    var out: [DailyReport] = []
    var files: [String] = []
    for source in sources {
      guard let reader = try reading.openReader(source, sniff: sniff) else { continue }
      if Self.isGrid(reader.header, long: long, grid: grid) {
        guard let t = reading.bind(reader, grid) else { continue }
        let c = (ot: grid.position(of: "ot"), site: grid.position(of: "site"))
        var index = 0
        try reading.forEachRecord(t) { (r) throws(InputError) in
          let ot = try t.requiredCode(r, c.ot)
          let month = try t.month(r)
          var cells: [Int: DailyStatus] = [:]
          for day in 1...31 where !t.isBlank(r, t.dayColumn(day)) {
            let text = t.code(r, t.dayColumn(day))
            guard let status = DailyStatus(parsing: text) else {
              throw t.invalid(r, t.dayColumn(day), "is not a daily status (LABORANDO, STANDBY, NO LABORANDO, CERRADO)")
            }
            cells[day] = status
          }
          let row = DailyGridRow(
            ot: OTCode(ot), month: month, cells: cells, site: t.optionalCode(r, c.site).map(SiteID.init), line: r.line)
          let (reports, findings) = row.reports(index: index)
          if let f = findings.first { throw InputError(at: t.place(r, t.dayColumn(f.day)), f.description) }
          out += reports
          files += Array(repeating: reader.name, count: reports.count)
          index += 1
        }
      } else {
        guard let t = reading.bind(reader, long) else { continue }
        let c = (
          ot: long.position(of: "ot"), date: long.position(of: "date"), status: long.position(of: "status"),
          site: long.position(of: "site")
        )
        try reading.forEachRecord(t) { (r) throws(InputError) in
          let ot = try t.requiredCode(r, c.ot)
          let date = try t.requiredDate(r, c.date)
          let text = try t.requiredCode(r, c.status)
          guard let status = DailyStatus(parsing: text) else {
            throw t.invalid(r, c.status, "is not a daily status (LABORANDO, STANDBY, NO LABORANDO, CERRADO)")
          }
          out.append(
            DailyReport(
              ot: OTCode(ot), date: date, status: status, site: t.optionalCode(r, c.site).map(SiteID.init), line: r.line
            ))
          files.append(reader.name)
        }
      }
    }
    return (out, files)
  }

  /// The daily statuses as the core keeps them; conflicting statuses for one OT
  /// and day are warned about (the first is kept).
  public func dailyReports(_ sources: [InputSource]) throws(InputError) -> DailyReports {
    let (reports, names) = try daily(sources)
    let book = DailyReports(reports)
    for c in book.conflicts {
      reading.warn(
        Warning(at: SourceLocation(file: names[c.index], line: c.line), "\(c.description); the first is kept"),
        kind: "daily conflicts")
    }
    return book
  }

  /// A header is a month grid when it has no column of the long form's `date` and
  /// names the grid's `year` or a day column.
  static func isGrid(_ header: [String], long: Schema, grid: Schema) -> Bool {
    let date = long.position(of: "date")
    if header.contains(where: { long.column(for: $0) == date }) { return false }
    let year = grid.position(of: "year")
    let firstDay = grid.position(of: "1")
    return header.contains { h in
      guard let c = grid.column(for: h) else { return false }
      return c == year || c >= firstDay
    }
  }

  // MARK: - Generator vouchers and guards

  /// The voucher register (`--gpu`), rows in input order; statuses by name or number.
  public func vouchers(_ sources: [InputSource]) throws(InputError)
    -> (vouchers: [GeneratorVoucher], files: [String], ends: [Int])
  {
    let s = Schemas.gpu
    let c = (
      ot: s.position(of: "ot"), code: s.position(of: "code"), date: s.position(of: "date"),
      timeType: s.position(of: "time_type"), status: s.position(of: "status"),
      url: s.position(of: "evidence_url"), updated: s.position(of: "updated_on")
    )
    // OTs, codes, statuses and evidence URLs (one document often backs many
    // vouchers) are numbered by the one code table: each text is made a String once.
    var ots = CodeTable()
    var codes = CodeTable()
    var statuses = CodeTable()
    var statusOf: [VoucherStatus?] = []
    var urls = CodeTable()
    var recentOT = CodeTable.Recent()
    var recentCode = CodeTable.Recent()
    var recentStatus = CodeTable.Recent()
    var recentURL = CodeTable.Recent()
    var out: [GeneratorVoucher] = []
    var files: [String] = []
    var ends: [Int] = []
    for source in sources {
      guard let t = try reading.open(source, s) else { continue }
      try reading.forEachRecord(t) { (r) throws(InputError) in
        guard let ot = t.codeNumber(r, c.ot, in: &ots, recent: &recentOT) else { throw t.missing(r, c.ot) }
        guard let code = t.codeNumber(r, c.code, in: &codes, recent: &recentCode) else {
          throw t.missing(r, c.code)
        }
        let date = try t.requiredDate(r, c.date)
        let timeType = try t.timeType(r, c.timeType)
        guard let st = t.codeNumber(r, c.status, in: &statuses, recent: &recentStatus) else {
          throw t.missing(r, c.status)
        }
        if Int(st) == statusOf.count { statusOf.append(VoucherStatus(parsing: statuses.codes[Int(st)])) }
        guard let status = statusOf[Int(st)] else {
          throw t.invalid(r, c.status, "is not a voucher status (PENDIENTE, EN REVISIÓN, VALIDADO, RECHAZADO or 19–22)")
        }
        let url = t.codeNumber(r, c.url, in: &urls, recent: &recentURL).map { urls.codes[Int($0)] }
        out.append(
          GeneratorVoucher(
            key: ProductionKey(
              ot: OTCode(ots.codes[Int(ot)]), code: ConceptCode(codes.codes[Int(code)]), date: date,
              timeType: timeType),
            status: status, evidenceURL: url, updatedOn: try t.date(r, c.updated), line: r.line))
      }
      files.append(t.reader.name)
      ends.append(out.count)
    }
    return (out, files, ends)
  }

  /// The voucher register; a voucher given twice is warned about (the first is
  /// kept), in the file it was read from.
  public func voucherRegister(_ sources: [InputSource]) throws(InputError) -> VoucherRegister {
    let (vouchers, files, ends) = try self.vouchers(sources)
    let register = VoucherRegister(vouchers)
    for f in register.findings {
      let k = ends.firstIndex { f.index < $0 }
      let file = k.map { files[$0] } ?? "gpu"
      reading.warn(Warning(at: SourceLocation(file: file, line: f.line), f.description), kind: "vouchers")
    }
    return register
  }

  /// The supervisor rotations (`--guards`).
  public func guards(_ sources: [InputSource]) throws(InputError) -> (rotations: [GuardRotation], files: [String]) {
    let s = Schemas.guards
    let c = (
      site: s.position(of: "site"), a: s.position(of: "supervisor_a"), b: s.position(of: "supervisor_b"),
      start: s.position(of: "a_starts_on"), days: s.position(of: "days")
    )
    var out: [GuardRotation] = []
    var files: [String] = []
    try reading.forEachRow(sources, s) { (t, r) throws(InputError) in
      let site = try t.requiredCode(r, c.site)
      let start = try t.requiredDate(r, c.start)
      let days = try t.int(r, c.days) ?? 14
      guard
        let rotation = GuardRotation(
          site: SiteID(site), supervisorA: t.text(r, c.a).trimmingASCIISpaces(),
          supervisorB: t.text(r, c.b).trimmingASCIISpaces(), aStartsOn: start, days: days, line: r.line)
      else { throw t.invalid(r, c.days, "must be a positive number of days") }
      out.append(rotation)
      files.append(t.reader.name)
    }
    return (out, files)
  }

  /// History (`--history`): earlier months' validated production (or plain
  /// production files), long or grid, and closed-month documents
  /// (`taller.closed-month/1`, see `ClosedMonthDocument.record`), checked by
  /// `ProductionHistory.checked`: a negative quantity or a key given twice (the
  /// same month passed twice) is a problem. Also returns where each key was read,
  /// to name it in warnings.
  public func history(_ sources: [InputSource]) throws(InputError)
    -> (history: ProductionHistory, place: (ProductionKey) -> SourceLocation?)
  {
    let (history, place, _) = try historyAndClosings(sources)
    return (history, place)
  }

  /// `history(_:)`, with the closed-month documents read among the sources (in
  /// the order given). A `.json` file whose object names the closed-month schema
  /// is a closed month: its daily cells by OT are history entries, its days are
  /// locked, its month is closed; anything else is production.
  public func historyAndClosings(_ sources: [InputSource]) throws(InputError)
    -> (history: ProductionHistory, place: (ProductionKey) -> SourceLocation?, closings: [ClosedMonthRecord])
  {
    guard !sources.isEmpty else { return (ProductionHistory(), { _ in nil }, []) }
    var production: [InputSource] = []
    var closings: [ClosedMonthRecord] = []
    var closingFiles: [String] = []
    for source in sources {
      if case .file(let path) = source, source.extensionFormat == .json {
        let bytes = try TableInput.readAll(path: path, name: source.name)
        if TableInput.looksLikeJSON(bytes), bytes.contains(UInt8(ascii: "{")) {
          let value: JSONValue
          do {
            value = try JSONValue.parse(bytes, name: source.name)
          } catch {
            if error.kind != .malformed { throw error }
            reading.add(error, kind: "malformed input")
            continue
          }
          if ClosedMonthDocument.isDocument(value) {
            do {
              closings.append(try ClosedMonthDocument.record(value, name: source.name))
              closingFiles.append(source.name)
            } catch {
              reading.add(error, kind: "history")
            }
            continue
          }
        }
      }
      production.append(source)
    }
    let input = ProductionInput()
    try input.read(production, with: reading, passThrough: false)
    var rows = input.rows
    var closedPlace: [SourceLocation] = []
    for (c, file) in zip(closings, closingFiles) {
      for e in c.entries {
        rows.append(ProductionRow(ot: e.ot, code: e.code, date: e.date, timeType: e.timeType, qty: e.qty))
        closedPlace.append(SourceLocation(file: file))
      }
    }
    func place(_ i: Int) -> SourceLocation { i < input.count ? input.place(i) : closedPlace[i - input.count] }
    var (history, rowOfKey, problems) = ProductionHistory.checked(rows)
    for c in closings {
      for d in c.lockedDays { history.lock(d) }
      history.close(c.month)
    }
    for p in problems {
      switch p {
      case .negative(let i, let qty):
        reading.add(
          Problem(at: place(i), "history: qty \(qty) is negative (corrections are edits, not negative rows)", kind: "history"))
      case .repeated(let i, let first, let key):
        reading.add(
          Problem(at: place(i), "history: \(key) is already on \(place(first)) (is a month given twice?)", kind: "history"))
      }
    }
    return (history, { key in rowOfKey[key].map(place) }, closings)
  }

  /// The guard schedule; a second rotation of a site is warned about (not used).
  public func guardSchedule(_ sources: [InputSource]) throws(InputError) -> GuardSchedule {
    let (rotations, names) = try guards(sources)
    let schedule = GuardSchedule(rotations)
    for (d, i) in zip(schedule.duplicates, schedule.duplicateIndices) {
      let file = names[i]
      reading.warn(
        Warning(at: SourceLocation(file: file, line: d.line), "site \(d.site) already has a rotation; this one is not used"),
        kind: "guards")
    }
    return schedule
  }
}

/// Annex rows as read, each with its place.
public struct AnnexRows: Sendable {
  public private(set) var lines: [AnnexLine] = []
  public private(set) var places: [SourceLocation] = []
  public init() {}
  public mutating func append(_ line: AnnexLine, at place: SourceLocation) {
    lines.append(line)
    places.append(place)
  }
  public static func + (a: AnnexRows, b: AnnexRows) -> AnnexRows {
    var r = a
    for (l, p) in zip(b.lines, b.places) { r.append(l, at: p) }
    return r
  }
}

// MARK: - Annex columns

/// Values `import-annex` puts in annex columns a file lacks (`--ot`, `--import`,
/// `--imported-on`, `--annex`, `--inactive`). Where the file has the column, a
/// filled cell must agree with the flag; a blank cell takes it.
public struct AnnexDefaults: Sendable {
  public var ot: OTCode?
  public var importID: ImportID?
  public var importedOn: LocalDate?
  public var annex: AnnexName?
  /// `--inactive` (nil: the file says, else active).
  public var active: Bool?

  public init(
    ot: OTCode? = nil, importID: ImportID? = nil, importedOn: LocalDate? = nil, annex: AnnexName? = nil,
    active: Bool? = nil
  ) {
    self.ot = ot
    self.importID = importID
    self.importedOn = importedOn
    self.annex = annex
    self.active = active
  }
}

public enum AnnexColumns {
  static let s = Schemas.annex
  static let ot = s.position(of: "ot")
  static let importID = s.position(of: "import_id")
  static let importedOn = s.position(of: "imported_on")
  static let active = s.position(of: "active")
  static let annex = s.position(of: "annex")
  static let code = s.position(of: "code")
  static let description = s.position(of: "description")
  static let unit = s.position(of: "unit")
  static let qty = s.position(of: "authorized_qty")
  static let mxn = s.position(of: "unit_price_mxn")
  static let usd = s.position(of: "unit_price_usd")

  /// One annex row, blanks filled from `fill`. A blank authorized quantity is an
  /// error; a blank price is 0; a blank code is left empty for the rules to refuse.
  public static func line(_ t: BoundTable, _ r: Record, fill: AnnexDefaults) throws(InputError) -> AnnexLine {
    func flagged<T: Equatable>(_ c: Int, _ value: T?, flag: String, _ read: () throws(InputError) -> T?)
      throws(InputError) -> T?
    {
      let cell = try read()
      if let cell, let value, cell != value {
        throw t.invalid(r, c, "differs from \(flag) \(value)")
      }
      return cell ?? value
    }
    let otText = t.optionalCode(r, ot).map(OTCode.init)
    guard let otValue = try flagged(ot, fill.ot, flag: "--ot", { otText }) else { throw t.missing(r, ot, hint: "--ot") }
    let idValue = try flagged(importID, fill.importID?.raw, flag: "--import") { () throws(InputError) in
      try t.int(r, importID)
    }
    guard let idValue else { throw t.missing(r, importID, hint: "--import") }
    let dateValue = try flagged(importedOn, fill.importedOn, flag: "--imported-on") { () throws(InputError) in
      try t.date(r, importedOn)
    }
    let annexText = t.optionalCode(r, annex).map(AnnexName.init)
    guard let annexValue = try flagged(annex, fill.annex, flag: "--annex", { annexText }) else {
      throw t.missing(r, annex, hint: "--annex")
    }
    let activeValue =
      try flagged(
        active, fill.active, flag: "--inactive, which says", { () throws(InputError) in try t.bool(r, active) }) ?? true
    guard let q = try t.decimal(r, qty) else { throw t.missing(r, qty, hint: nil) }
    return AnnexLine(
      ot: otValue, importID: ImportID(idValue), importedOn: dateValue, active: activeValue,
      annex: annexValue, code: ConceptCode(t.code(r, code)), description: t.text(r, description),
      unit: t.code(r, unit), authorizedQty: q, unitPriceMXN: try t.decimal(r, mxn) ?? .zero,
      unitPriceUSD: try t.decimal(r, usd) ?? .zero, line: r.line)
  }
}

// MARK: - Cells

extension BoundTable {
  /// `CMA` (also a blank cell or a missing column) or `TE`.
  public func timeType(_ record: Record, _ column: Int) throws(InputError) -> TimeType {
    guard let f = fieldOf[column] else { return .cma }
    // The common spellings without making a String.
    let fast: TimeType? = record.withField(f) { b in
      if b.count == 3 && b[0] == 0x43 && b[1] == 0x4D && b[2] == 0x41 { return .cma }
      if b.count == 2 && b[0] == 0x54 && b[1] == 0x45 { return .te }
      if b.isEmpty { return .cma }
      return nil
    }
    if let fast { return fast }
    guard let t = TimeType(parsing: record.string(f)) else {
      throw invalid(record, column, "is not a time type (CMA or TE)")
    }
    return t
  }

  /// The month of a grid row (`year`, `month`).
  public func month(_ record: Record) throws(InputError) -> YearMonth {
    let y = schema.position(of: "year")
    let m = schema.position(of: "month")
    guard let year = try int(record, y) else { throw missing(record, y, hint: nil) }
    guard let month = try int(record, m) else { throw missing(record, m, hint: nil) }
    guard let ym = YearMonth(year: year, month: month) else {
      throw invalid(record, (1...12).contains(month) ? y : m, "is not a month of a year 1–9999")
    }
    return ym
  }

  /// The schema column of day `day` of a grid.
  public func dayColumn(_ day: Int) -> Int { schema.position(of: "1") + day - 1 }
}
