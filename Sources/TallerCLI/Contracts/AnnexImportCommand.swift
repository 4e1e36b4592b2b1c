import TallerCore
import TallerIO

/// The engine of `import-annex`: reads annex sheets as the client's spreadsheets
/// give them, fills the columns they lack from flags, applies the import checks
/// (`validateAnnexImport`) and writes canonical annex rows; or, with
/// `consolidate`, the authorization in force per family and code (SPEC §4.2).
public struct AnnexImportCommand {
  /// `--ot`, `--import`, `--imported-on`, `--annex`, `--inactive`.
  public var defaults = AnnexDefaults()
  /// Annex rows already imported (`--existing`): an import number they give one OT
  /// cannot be used for another.
  public var existing: [String] = []
  public var rejects: String?
  public var consolidate = false
  public var workOrders: [String] = []
  public var sources: [String] = []
  public var output: String?

  public init() {}

  /// The annex columns, in the order written (SPEC §3).
  public static let columns = Schemas.annex.columns.map(\.name)
  /// The columns of the audit view (`--consolidate`).
  public static let consolidatedColumns = [
    "family", "code", "annex", "description", "unit", "authorized_qty", "unit_price_mxn",
    "unit_price_usd", "ot", "import_id", "imported_on", "superseded",
  ]

  public func run(read: ReadOptions, output options: OutputOptions, reporter: Reporter) throws {
    let files = ContractFiles(options: read, reporter: reporter)
    var lines: [AnnexLine] = []
    var places: [SourceLocation] = []
    let inputs = sources.isEmpty ? [InputSource.standardInput] : try Inputs.resolve(sources)
    for source in inputs {
      let t = try files.open(source, Schemas.annex)
      let needs: [(column: String, flag: String, given: Bool)] = [
        ("ot", "--ot", defaults.ot != nil), ("import_id", "--import", defaults.importID != nil),
        ("annex", "--annex", defaults.annex != nil),
      ]
      for n in needs where !n.given && !t.has(Schemas.annex.position(of: n.column)) {
        throw UsageError("\(t.reader.name) has no \(n.column) column; give \(n.flag)")
      }
      let r = Record()
      while try t.reader.next(into: r) {
        if t.isEmptyRow(r) { continue }
        lines.append(try AnnexColumns.line(t, r, fill: defaults))
        places.append(SourceLocation(file: t.reader.name, line: r.line))
      }
    }
    let (existingLines, existingPlaces) = existing.isEmpty ? ([], []) : try files.annex(existing)

    // Every problem of a line, in the order the rules give them.
    var reasons: [Int: [String]] = [:]
    for f in validateAnnexImport(lines, existing: existingLines) {
      reasons[f.index, default: []].append(f.description)
    }

    try withOutput(output) { out in
      let rejectsHandle = try rejects.map { path throws(OutputError) in try OutputHandle(path: path) }
      defer { rejectsHandle?.discard() }
      let rejected = try rejectsHandle.map { h throws(OutputError) in
        try RowOutput(
          sink: h.sink, columns: Self.columns + ["reason"],
          options: ExcessCommand.options(for: h.name, excel: options.excelCSV))
      }
      var accepted: [AnnexLine] = []
      var acceptedPlaces: [SourceLocation] = []
      if !consolidate {
        let table = try RowOutput(sink: out.sink, columns: Self.columns, options: options)
        for (i, l) in lines.enumerated() where reasons[i] == nil {
          Self.write(l, to: table)
          try table.endRow()
        }
        try table.finish()
      } else {
        for (i, l) in lines.enumerated() where reasons[i] == nil {
          accepted.append(l)
          acceptedPlaces.append(places[i])
        }
      }
      for (i, l) in lines.enumerated() {
        guard let why = reasons[i]?.joined(separator: "; ") else { continue }
        if let rejected {
          Self.write(l, to: rejected)
          rejected.text(why)
          try rejected.endRow()
        } else {
          reporter.error("\(places[i]): \(why)")
        }
      }
      try rejected?.finish()
      if consolidate {
        try writeConsolidated(
          existingLines + accepted, places: existingPlaces + acceptedPlaces, to: out, options: options, files: files)
      }
      try rejectsHandle?.commit()
    }

    if !reasons.isEmpty {
      let where_ = rejects.map { "; see \($0)" } ?? ""
      throw Refusal("\(reasons.count) of \(lines.count) annex rows rejected\(where_)")
    }
  }

  /// The audit view: per family and code, the values in force and the import they
  /// come from, with the earlier active imports they replaced.
  func writeConsolidated(
    _ lines: [AnnexLine], places: [SourceLocation], to out: OutputHandle, options: OutputOptions, files: ContractFiles
  ) throws {
    let families = WorkOrderFamilies(try files.workOrders(workOrders))
    files.report(families, file: workOrders.count == 1 ? workOrders[0] : "work orders")
    let book = ConsolidatedAuthorizations(lines, families: families)
    for i in book.unplacedLines {
      files.reporter.warn(
        Warning(at: places[i], "work order \(lines[i].ot) is not in the work orders; import \(lines[i].importID) is not consolidated"),
        kind: "annex lines not used")
    }
    let table = try TableOutput(sink: out.sink, columns: Self.consolidatedColumns, options: options)
    for a in book.all {
      let superseded = a.superseded.map { s in
        "import \(s.importID) of \(s.ot): \(s.authorizedQty) at \(s.unitPriceMXN.formatted(minimumPlaces: 2)) MXN, \(s.unitPriceUSD.formatted(minimumPlaces: 2)) USD"
      }
      try table.write([
        .text(a.family.raw), .text(a.code.raw), .text(a.annex.raw), .text(a.description), .text(a.unit),
        .number(a.authorizedQty), .number(a.unitPriceMXN, places: 2), .number(a.unitPriceUSD, places: 2),
        .text(a.source.ot.raw), .int(a.source.importID.raw), a.source.importedOn.map { .date($0) } ?? .empty,
        superseded.isEmpty ? .empty : .text(superseded.joined(separator: "; ")),
      ])
    }
    try table.finish()
  }

  /// An annex line as written: quantities in their shortest exact form, prices
  /// with at least 2 decimals.
  static func write(_ l: AnnexLine, to t: RowOutput) {
    t.text(l.ot.raw)
    t.number(ExactDecimal(l.importID.raw))
    if let d = l.importedOn { t.date(d) } else { t.empty() }
    t.bool(l.active)
    t.text(l.annex.raw)
    t.text(l.code.raw)
    t.text(l.description)
    t.text(l.unit)
    t.number(l.authorizedQty)
    t.number(l.unitPriceMXN, places: 2)
    t.number(l.unitPriceUSD, places: 2)
  }
}
