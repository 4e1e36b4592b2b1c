import ArgumentParser
import TallerCLI
import TallerCore
import TallerIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@main
struct ExportXLSX: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export-xlsx",
    abstract: "Write tables (CSV, JSON, NDJSON) into an Excel workbook, one typed sheet per table, or the month's billing statement (--billing).",
    discussion: """
      Each table becomes a sheet: --sheet NAME=FILE names it, a plain FILE takes its \
      name from the file name, and standard input (no FILE, or -) becomes the sheet "Hoja1".

        export-xlsx --sheet Plan=planned.csv --sheet Excepciones=exceptions.csv -o mrp.xlsx
        validate-excess ... production.csv | export-xlsx > validated.xlsx

      Cells are typed by their column, decided over the whole table by the rules \
      every command reads typed columns with. A column is typed only when every \
      non-empty cell reads as that type; otherwise it is text, every cell as written.

      Numbers: 3.5, 3,5, 1,234.56, 1.234,56. A ';' file uses the decimal comma (1.234 \
      is 1234, 3,5 is 3.5), any other the decimal point (a lone 1,234 is ambiguous and \
      keeps its column text); --decimal-comma or --decimal-point decide instead. They \
      are written with a format that shows every decimal the data has (2 places stay \
      2, 4 stay 4).

      Dates: 2026-10-31, 31/10/2026, 31-10-2026, 31.10.2026, 2026/10/31, day first \
      (--month-first reads 10/31/2026), shown yyyy-mm-dd; yyyy-mm-dd hh:mm:ss when \
      some cells carry a time hh:mm or hh:mm:ss after the day (another time, with a \
      zone or fractions, keeps the column text). A bare number is never taken for an \
      Excel serial date.

      --chart SHEET:TYPE:X:Y[,Y…] draws a native Excel chart of a sheet (named as in \
      --sheet NAME=FILE, or a file's sheet name): the X column's cells as categories, \
      one series per Y column named by its header, over the rows of the table's first \
      sheet; TYPE column, bar, line, area, pie or scatter. Columns are found by header \
      name (exactly, else ignoring case). The chart is placed beside the table, two \
      columns right of it, titled "Y, … by X". Repeatable; a sheet or column that is \
      not there stops the command and nothing is written.

        export-xlsx --sheet Carga=load.csv --chart Carga:column:period:hours,capacity_hours -o mrp.xlsx

      Booleans: true/false, sí/no (or si/no), S/N, Y/N, yes/no, \
      verdadero/falso, x for yes, in any case (a column of only 1 and 0 is numbers).

      Codes with a leading zero (007) and numbers of more than 15 significant digits \
      stay text, so nothing changes on the way. Text that looks like a formula (=, \
      +, @) is always written as text, never as a formula.

      The header row is bold and frozen, an autofilter covers the data, and column \
      widths fit the content (up to 100 characters). Rows past Excel's 1,048,576 \
      continue on a next sheet named "NAME (2)" with the header repeated. Sheet names \
      are cleaned to Excel's rules ([]:*?/\\ become _, at most 31 characters, unique).

      The workbook is written in constant memory. The same inputs with --created (or \
      SOURCE_DATE_EPOCH) give byte-identical files. Output goes to -o FILE (written \
      whole or not at all: an existing FILE is untouched on failure), or to standard \
      output when that is a file or a pipe; never to a terminal.

      Billing (--billing): the files are closed-month documents (close-month's JSON) \
      and the workbook is the month's statement, an estimación in the shape of \
      Mexican works-billing packages:

        export-xlsx --billing closed-2026-10.json --company "Servicios del Golfo" \\
          --contract "CNT-424/2026" --signatures firmas.csv --vat 0.16 \\
          --gpu gpu-2026-10.csv --created 2026-11-05 -o billing-2026-10.xlsx

      Sheets: Carátula (cover: company, contract, families and their OTs, period, \
      sites, supervisors, status, evidence link, voucher counts; per currency the \
      authorized amount, executed before and in the period, the excess that is not \
      billable, the subtotal (the billable amount), with --vat the VAT rounded \
      half-up to cents and the total, the accumulated and the remaining; the total \
      in Spanish words, "(UN MIL DOSCIENTOS TREINTA Y CUATRO PESOS 50/100 M.N.)", \
      "… DÓLARES 00/100 USD"; the signature block: prepared, reviewed, authorized). \
      Resumen: one row per family and concept, one block per currency: code, \
      description, unit, authorized quantity, unit price, authorized amount, \
      quantity before, in the period, accumulated, remaining (por ejercer), excess, \
      the same as amounts, the billable amount, % progress; totals. One sheet per \
      family, named after its initial OT (generadores): each concept's total row and \
      its time-type rows (CMA, TE) by day of the month, days no OT of the family \
      worked shaded, month total, before, accumulated, authorized, remaining, % \
      progress (green below 90 %, yellow from 90 %, red above 100 %; a negative \
      remaining red), unit prices and amounts; panes frozen on the concept and day \
      headers. Excedentes: the concepts with excess in the period, the executed, \
      billable and excess amounts. GPU (with --gpu, the voucher register close-month \
      read; the closed-month document holds only voucher counts): the period's \
      vouchers of the families' OTs, status coloured, evidence linked. Avance: \
      authorized, accumulated and this period's amounts per annex, with a native \
      column chart.

      Every amount and total is a formula with its value stored (ROUND(qty × price, \
      2) at the line, ROUND(SUM(…), 2) for totals), the stored value being the \
      closed-month document's; the cover reads the totals through defined names \
      (Total_MXN_EsteMes, Total_MXN_Facturable, …). Every sheet prints landscape, one \
      page wide, header rows repeated, with a footer naming the sheet and month and \
      "Hoja N de M". Labels are Spanish; --lang en writes them in English (the amount \
      in words stays Spanish, as the documents require).

      \(exitStatusHelp)
      """,
    version: tallerVersion)

  @Option(name: .customLong("sheet"), help: ArgumentHelp("A sheet from a table file (repeatable).", valueName: "NAME=FILE"))
  var sheets: [String] = []

  @Argument(help: ArgumentHelp("Table files, one sheet each (default: standard input); with --billing, closed-month documents.", valueName: "file"))
  var files: [String] = []

  @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The workbook to write.", valueName: "file"))
  var output: String?

  @Option(help: ArgumentHelp("Creation date stored in the workbook: 2026-01-01 or 2026-01-01T08:00:00Z (default: SOURCE_DATE_EPOCH, else now).", valueName: "date"))
  var created: String?

  @Option(name: .customLong("chart"), help: ArgumentHelp("A native chart of a sheet: its X column as categories, a series per Y column; TYPE column, bar, line, area, pie or scatter (repeatable).", valueName: "SHEET:TYPE:X:Y[,Y…]"))
  var charts: [String] = []

  @Option(help: "Document title.") var title: String?
  @Option(help: "Document company; with --billing, also the company on the cover.") var company: String?
  @Option(help: "Document author.") var author: String?

  @Flag(help: "Write the monthly billing statement of closed-month documents (the files).")
  var billing = false

  /// The language of the billing workbook's labels.
  enum Language: String, ExpressibleByArgument, CaseIterable { case es, en }

  @Option(help: ArgumentHelp("Labels of the billing workbook: es (default) or en.", valueName: "lang"))
  var lang: Language = .es

  @Option(help: ArgumentHelp("Contract shown on the billing cover.", valueName: "text"))
  var contract: String?

  @Option(help: ArgumentHelp("Signature names for the billing cover: a role,name table, roles prepared, reviewed, authorized (or elaboró, revisó, autorizó).", valueName: "file"))
  var signatures: String?

  @Option(help: ArgumentHelp("VAT rate for the billing cover (0.16): subtotal, VAT and total.", valueName: "rate"))
  var vat: ExactDecimal?

  @Option(help: ArgumentHelp("The GPU voucher register, for the billing GPU sheet (repeatable).", valueName: "files"))
  var gpu: [String] = []

  @OptionGroup(title: "Input") var input: InputOptions

  mutating func validate() throws {
    for s in sheets where !s.contains("=") || s.hasPrefix("=") || s.hasSuffix("=") {
      throw ValidationError("--sheet takes NAME=FILE, found \"\(s)\"")
    }
    if !billing {
      for (given, option) in [(contract != nil, "--contract"), (signatures != nil, "--signatures"), (vat != nil, "--vat"), (!gpu.isEmpty, "--gpu"), (lang != .es, "--lang")] where given {
        throw ValidationError("\(option) belongs to --billing")
      }
    } else {
      if !sheets.isEmpty { throw ValidationError("--billing takes closed-month files, not --sheet") }
      if files.isEmpty { throw ValidationError("--billing needs closed-month files (close-month's JSON)") }
      if let vat {
        guard !vat.isNegative, vat < ExactDecimal(1) else {
          throw ValidationError("--vat takes a rate between 0 and 1 like 0.16, found \(vat)")
        }
      }
    }
    for c in charts where ChartSpec(parsing: c) == nil {
      throw ValidationError("--chart takes SHEET:TYPE:X:Y[,Y…] with TYPE column, bar, line, area, pie or scatter, found \"\(c)\"")
    }
    if billing && !charts.isEmpty { throw ValidationError("--chart applies to tables, not --billing") }
    if let created, WorkbookExport.parseTimestamp(created) == nil {
      throw ValidationError("--created takes a date like 2026-01-01 or 2026-01-01T08:00:00Z, found \"\(created)\"")
    }
  }

  func run() throws {
    try CommandIO.run("export-xlsx", input: input, outputPath: output) { io in
      if io.outputPath == nil && isatty(1) == 1 {
        throw UsageError("a workbook is binary: give -o FILE or redirect standard output to a file or a pipe")
      }
      if billing {
        try writeBilling(io)
        return
      }
      var tables: [WorkbookExport.Table] = []
      for s in sheets {
        let eq = s.firstIndex(of: "=")!
        for (i, source) in try Inputs.resolve([String(s[s.index(after: eq)...])]).enumerated() {
          tables.append((i == 0 ? String(s[..<eq]) : "\(s[..<eq]) \(i + 1)", source))
        }
      }
      for source in try Inputs.resolve(files) { tables.append((WorkbookExport.sheetName(for: source), source)) }
      if tables.isEmpty { tables.append(("Hoja1", .standardInput)) }

      var options = WorkbookOptions(title: title, company: company, author: author)
      options.created = try creationTime()
      try WorkbookExport.write(
        tables: tables, to: io.mainFile(), workbook: options, reading: io.reading,
        charts: charts.compactMap(ChartSpec.init(parsing:))
      ) { name in
        io.progress(name).update
      }
    }
  }

  /// The billing statement of the closed-month files.
  func writeBilling(_ io: CommandIO) throws {
    let documents = try Inputs.resolve(files)
    var options = BillingWorkbook.Options()
    options.english = lang == .en
    options.company = company
    options.contract = contract
    options.vat = vat
    if let signatures {
      for source in try Inputs.resolve([signatures]) {
        options.signatures.merge(try BillingWorkbook.signatures(source, reading: io.reading)) { $1 }
      }
    }
    if !gpu.isEmpty {
      options.vouchers = try ContractReaders(io.reading).vouchers(Inputs.resolve(gpu)).vouchers
    }
    try io.reading.check()
    var book = WorkbookOptions(title: title, company: company, author: author)
    book.created = try creationTime()
    let english = options.english
    // The closed-month documents are read while the workbook is written.
    try BillingWorkbook.write(documents: documents, options: options, to: io.mainFile(), workbook: book) { months in
      let period = months.map(\.month.description).joined(separator: ", ")
      return english ? "Billing estimate \(period)" : "Estimación \(period)"
    }
  }

  /// `--created`, else `SOURCE_DATE_EPOCH`, else nil (now).
  func creationTime() throws -> Int? {
    if let created { return WorkbookExport.parseTimestamp(created) }
    if let value = getenv("SOURCE_DATE_EPOCH"), case let epoch = String(cString: value), !epoch.isEmpty {
      guard let seconds = Int(epoch), seconds >= 0 else {
        throw UsageError("SOURCE_DATE_EPOCH must be a number of seconds, found \"\(epoch)\"")
      }
      return seconds
    }
    return nil
  }
}
