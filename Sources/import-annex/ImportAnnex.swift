import ArgumentParser
import TallerCLI
import TallerCore
import TallerIO

@main
struct ImportAnnex: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import-annex",
    abstract: "Turn the client's annex sheets into canonical annex rows, or show the authorization in force.",
    discussion: """
      Reads annex sheets as the client's spreadsheets give them and writes canonical \
      annex rows (SPEC 3), the input of validate-excess --annex.

        import-annex --ot OT-2026-021 --import 212 --imported-on 2026-09-12 \\
            sources/anexo-C3.csv > annex/OT-2026-021-212.csv
        import-annex --ot OT-17 --import 4 --annex C-2 --existing annex/ \\
            --rejects rejected.csv anexo_c2_reprogramacion.csv > annex/OT-17-4.csv
        import-annex --consolidate --work-orders ots.csv annex/

      Input: the header may be in Spanish (Anexo, Codigo, Concepto, Unidad, Volumen \
      proyectado, PU MN, PU USD and the other aliases of SPEC 3, any case and \
      accents) and may sit below title rows; a ';'-delimited file uses the decimal \
      comma (185.400,00 is 185400); a file that is not UTF-8 is read as Windows-1252 \
      with a warning. Rows whose every cell is blank (Excel pads tables with ;;;;) are \
      skipped. Columns other than the annex columns are dropped (--strict refuses them).

      --ot, --import, --imported-on, --annex and --inactive give the values of the \
      columns ot, import_id, imported_on, annex and active: they fill the column when \
      the file lacks it, and a blank cell when it has it; a cell that says something \
      else than the flag is an error naming it (status 65). Without the flag, a file \
      lacking ot, import_id or annex is a usage error (64), and a blank cell is an \
      error (65); imported_on may stay empty; active is true unless the file or \
      --inactive says otherwise. authorized_qty is required in every row; a blank \
      price is 0.

      Rejected rows: an empty code; a negative authorized quantity or price; a code \
      given twice in one import (every such row, naming the other lines); an import \
      number that belongs to another OT: in the rows of this run or in --existing, \
      the annex rows already imported (re-importing a number for its own OT is \
      allowed). A row gets every reason that applies, joined by "; ". Rejected rows go \
      to --rejects FILE (the annex columns plus reason) or, without it, each to \
      standard error as import-annex: FILE:LINE: reason; the status is then 1 and the \
      other rows are written all the same. A cell that is not a number or a date \
      (non-numeric quantity or price, 1E3, #N/A) is an error: every such cell of every \
      input is reported as FILE:LINE:COLUMN (at most 20 of a kind, then a count), \
      the status is 65 and nothing is written.

      Outputs: standard output or -o FILE, and --rejects FILE, are committed \
      together: either both are written whole or neither is touched (a full disk \
      on either leaves both as they were, status 74). With --rejects, the rows on \
      standard output are held back until the rejects file is complete.

      Output: the columns ot, import_id, imported_on, active, annex, code, \
      description, unit, authorized_qty, unit_price_mxn, unit_price_usd, one row per \
      accepted input row in input order; quantities in their shortest exact form, \
      prices with at least 2 decimals, dates ISO, active true/false, annex names \
      upper case.

      --consolidate (with --work-orders) prints instead the authorization in force \
      per family and concept (SPEC 4.2) from the rows read (the FILEs and --existing, \
      rejected rows left out): for each, the latest active import of any OT of the \
      family that contains the code. Columns: family, code, annex, description, unit, \
      authorized_qty, unit_price_mxn, unit_price_usd, then ot, import_id and \
      imported_on of the import the values come from, and superseded: the earlier \
      active imports of the family with the code, latest first, as "import 101 of \
      OT-17: 300 at 96.40 MXN, 5.40 USD", joined by "; " (they were replaced, not \
      added). Rows by family, then code (text order). Lines of OTs missing from the \
      work orders are left out with a warning; inactive imports never count.

      \(exitStatusHelp)
      """,
    version: tallerVersion)

  @Option(help: ArgumentHelp("The work order the annex belongs to (fills a missing ot column).", valueName: "ot"))
  var ot: String?

  @Option(name: .customLong("import"), help: ArgumentHelp("The import number (fills a missing import_id column).", valueName: "n"))
  var importID: Int?

  @Option(name: .customLong("imported-on"), help: ArgumentHelp("The import date (fills a missing imported_on column).", valueName: "date"))
  var importedOn: LocalDate?

  @Option(help: ArgumentHelp("The annex, e.g. C-2 (fills a missing annex column).", valueName: "name"))
  var annex: String?

  @Flag(help: "The import is inactive (fills a missing active column with false).")
  var inactive = false

  @Option(help: ArgumentHelp("Annex rows already imported, to check import numbers against (repeatable).", valueName: "files"))
  var existing: [String] = []

  @Option(help: ArgumentHelp("Write rejected rows, each with its reason, to FILE.", valueName: "file"))
  var rejects: String?

  @Flag(help: "Print the authorization in force per family and code instead of the rows (needs --work-orders).")
  var consolidate = false

  @Option(name: .customLong("work-orders"), help: ArgumentHelp("The work orders, for --consolidate (repeatable).", valueName: "file"))
  var workOrders: [String] = []

  @Argument(help: ArgumentHelp("Annex files (default: standard input).", valueName: "file"))
  var files: [String] = []

  @OptionGroup(title: "Input") var input: InputOptions
  @OptionGroup(title: "Output") var output: OutputOptions

  mutating func validate() throws {
    if consolidate && workOrders.isEmpty {
      throw ValidationError("--consolidate needs the work orders: give --work-orders FILE")
    }
    if !consolidate && !workOrders.isEmpty {
      throw ValidationError("--work-orders is used only with --consolidate")
    }
    if let importID, importID < 0 { throw ValidationError("--import takes a whole number >= 0; found \(importID)") }
    if let ot, ot.trimmingASCIISpaces().isEmpty { throw ValidationError("--ot is empty") }
    if let annex, annex.trimmingASCIISpaces().isEmpty { throw ValidationError("--annex is empty") }
    if rejects == "-" { throw ValidationError("--rejects takes a file; standard output is for the rows") }
  }

  func run() throws {
    try CommandIO.run("import-annex", input: input, output: output) { io in
      let files = ContractReaders(io.reading)
      let defaults = AnnexDefaults(
        ot: ot.map { OTCode($0.trimmingASCIISpaces()) }, importID: importID.map(ImportID.init),
        importedOn: importedOn, annex: annex.map(AnnexName.init), active: inactive ? false : nil)
      var rows = AnnexRows()
      for source in try io.sources(self.files) {
        guard let t = try io.reading.open(source, Schemas.annex) else { continue }
        for (column, flag, given) in [("ot", "--ot", ot != nil), ("import_id", "--import", importID != nil), ("annex", "--annex", annex != nil)]
        where !given && !t.has(Schemas.annex.position(of: column)) {
          throw UsageError("\(t.reader.name) has no \(column) column; give \(flag)")
        }
        try io.reading.forEachRecord(t) { (r) throws(InputError) in
          rows.append(try AnnexColumns.line(t, r, fill: defaults), at: SourceLocation(file: t.reader.name, line: r.line))
        }
      }
      let existingRows = try files.annex(Inputs.resolve(existing))
      try io.reading.check()

      // Every problem of a line, in the order the rules give them.
      var reasons: [Int: [String]] = [:]
      for f in validateAnnexImport(rows.lines, existing: existingRows.lines) { reasons[f.index, default: []].append(f.description) }
      let rejectsTable = try rejects.map { path throws(OutputError) in
        try io.sideTable(path, columns: ContractTables.annexColumns + ["reason"])
      }
      var accepted = AnnexRows()
      for (i, (line, place)) in zip(rows.lines, rows.places).enumerated() {
        guard let why = reasons[i]?.joined(separator: "; ") else {
          accepted.append(line, at: place)
          continue
        }
        if let rejectsTable {
          ContractTables.write(line, to: rejectsTable)
          rejectsTable.text(why)
          try rejectsTable.endRow()
        } else {
          io.reporter.error("\(place): \(why)")
        }
      }
      if consolidate {
        let book = files.authorizations(existingRows + accepted, families: try files.families(Inputs.resolve(workOrders))) {
          "import \($0.importID) is not consolidated"
        }
        try ContractTables.write(book, to: io.mainTable(columns: ContractTables.consolidatedColumns))
      } else {
        let table = try io.mainTable(columns: ContractTables.annexColumns)
        for line in accepted.lines {
          ContractTables.write(line, to: table)
          try table.endRow()
        }
      }
      if !reasons.isEmpty {
        throw Refusal("\(reasons.count) of \(rows.lines.count) annex rows rejected\(rejects.map { "; see \($0)" } ?? "")")
      }
    }
  }
}
