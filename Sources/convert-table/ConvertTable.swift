import ArgumentParser
import TallerCLI
import TallerCore
import TallerIO

@main
struct ConvertTable: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert-table",
    abstract: "Rewrite a table in canonical form: CSV (UTF-8, ',', decimal point, ISO dates), JSON or NDJSON.",
    discussion: """
      Reads CSV in any dialect taller accepts (';' and decimal comma from Excel, \
      Windows-1252, title rows are not skipped here) or JSON/NDJSON, and writes it \
      canonically, every number parsed exactly on the way:

        convert-table ventas-excel.csv > ventas.csv
        convert-table --output-format ndjson production.csv | jq .
        convert-table --excel-csv validated.csv -o para-excel.csv

      Column kinds are decided over the first 10,000 rows: a column whose every \
      non-empty cell is a number becomes a number column (codes with a leading zero \
      such as 007 stay text), ISO dates a date column, true/false a boolean column; \
      anything else is text and is copied byte for byte. A number already in \
      canonical form (-1234.50) is copied as written, decimals included; any other \
      (1.234,50) is written canonically (1234.5). Dates in other forms (31/10/2026) \
      keep their text. A later cell that does not fit its column's kind is an error \
      naming FILE:LINE:COLUMN, never a guess: --text COLUMN keeps that column as text.

      Several inputs are concatenated when their headers name the same columns. \
      Rows keep their order; the output is the same bytes for the same input.

      \(exitStatusHelp)
      """,
    version: tallerVersion)

  @Argument(help: ArgumentHelp("Tables to read (default: standard input).", valueName: "file"))
  var files: [String] = []

  @Option(name: .customLong("text"), help: ArgumentHelp("Keep this column as text (repeatable).", valueName: "column"))
  var textColumns: [String] = []

  @OptionGroup(title: "Input") var input: InputOptions
  @OptionGroup(title: "Output") var output: OutputOptions

  func run() throws {
    try CommandIO.run("convert-table", input: input, output: output) { io in
      var conversion = TableConversion()
      conversion.textColumns = Set(textColumns)
      let readers = try io.sources(files).compactMap { source throws(InputError) in
        try io.reading.openReader(source, sniff: nil)
      }
      try io.reading.check()
      if let name = try conversion.check(readers).first {
        throw UsageError("--text \(name): no such column; columns: \(readers[0].header.joined(separator: ", "))")
      }
      let progress = io.progress("converting")
      defer { progress.done() }
      try conversion.convert(
        readers, decimalConvention: io.reading.options.decimalConvention, to: io.mainSink(),
        format: output.tableFormat, progress: progress.update)
    }
  }
}
