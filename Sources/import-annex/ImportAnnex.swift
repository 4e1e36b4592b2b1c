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
      TODO
      """,
    version: tallerVersion)

  @Option(help: ArgumentHelp("The work order the annex belongs to (fills a missing ot column).", valueName: "ot"))
  var ot: String?

  @Option(name: .customLong("import"), help: ArgumentHelp("The import number (fills a missing import_id column).", valueName: "n"))
  var importID: Int?

  @Option(name: .customLong("imported-on"), help: ArgumentHelp("The import date (fills a missing imported_on column).", valueName: "date"))
  var importedOn: String?

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
    if let importID, importID < 0 { throw ValidationError("--import takes a whole number ≥ 0; found \(importID)") }
    if let importedOn, (try? LocalDate.parse(importedOn)) == nil {
      throw ValidationError("--imported-on takes a date like 2026-09-12; found \"\(importedOn)\"")
    }
    if let ot, ot.trimmingASCIISpaces().isEmpty { throw ValidationError("--ot is empty") }
    if let annex, annex.trimmingASCIISpaces().isEmpty { throw ValidationError("--annex is empty") }
    if rejects == "-" { throw ValidationError("--rejects takes a file; standard output is for the rows") }
  }

  func run() throws {
    try CommandRunner.run("import-annex") { reporter in
      var command = AnnexImportCommand()
      command.defaults = AnnexDefaults(
        ot: ot.map { OTCode($0.trimmingASCIISpaces()) }, importID: importID.map(ImportID.init),
        importedOn: importedOn.flatMap { try? LocalDate.parse($0) }, annex: annex.map(AnnexName.init),
        active: inactive ? false : nil)
      command.existing = existing
      command.rejects = rejects
      command.consolidate = consolidate
      command.workOrders = workOrders
      command.sources = files
      command.output = output.output
      try command.run(read: input.readOptions, output: output, reporter: reporter)
    }
  }
}
