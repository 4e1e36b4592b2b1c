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
    abstract: "Write tables (CSV, JSON, NDJSON) into an Excel workbook, one typed sheet per table.",
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

      Booleans: true/false, si/no (the i accented or not), S/N, Y/N, yes/no, \
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

      \(exitStatusHelp)
      """,
    version: tallerVersion)

  @Option(name: .customLong("sheet"), help: ArgumentHelp("A sheet from a table file (repeatable).", valueName: "NAME=FILE"))
  var sheets: [String] = []

  @Argument(help: ArgumentHelp("Table files, one sheet each (default: standard input).", valueName: "file"))
  var files: [String] = []

  @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The workbook to write.", valueName: "file"))
  var output: String?

  @Option(help: ArgumentHelp("Creation date stored in the workbook: 2026-01-01 or 2026-01-01T08:00:00Z (default: SOURCE_DATE_EPOCH, else now).", valueName: "date"))
  var created: String?

  @Option(help: "Document title.") var title: String?
  @Option(help: "Document company.") var company: String?
  @Option(help: "Document author.") var author: String?

  @OptionGroup(title: "Input") var input: InputOptions

  mutating func validate() throws {
    for s in sheets where !s.contains("=") || s.hasPrefix("=") || s.hasSuffix("=") {
      throw ValidationError("--sheet takes NAME=FILE, found \"\(s)\"")
    }
    if let created, WorkbookExport.parseTimestamp(created) == nil {
      throw ValidationError("--created takes a date like 2026-01-01 or 2026-01-01T08:00:00Z, found \"\(created)\"")
    }
  }

  func run() throws {
    try CommandIO.run("export-xlsx", input: input, outputPath: output) { io in
      if io.outputPath == nil && isatty(1) == 1 {
        throw UsageError("a workbook is binary: give -o FILE or redirect standard output to a file or a pipe")
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
      try WorkbookExport.write(tables: tables, to: io.mainFile(), workbook: options, reading: io.reading) { name in
        io.progress(name).update
      }
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
