import ArgumentParser
import TallerCLI
import TallerCore
import TallerIO

@main
struct ValidateExcess: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate-excess",
    abstract: "Check a month of contract production against the annexes and flag what exceeds the authorization.",
    discussion: """
      TODO
      """,
    version: tallerVersion)

  @Option(help: ArgumentHelp("Annex rows, as import-annex writes them (repeatable; globs and directories).", valueName: "files"))
  var annex: [String] = []

  @Option(name: .customLong("work-orders"), help: ArgumentHelp("The work orders (repeatable).", valueName: "file"))
  var workOrders: [String] = []

  @Option(help: ArgumentHelp("Daily statuses, long or month grid (repeatable). Without it days are not checked against statuses.", valueName: "files"))
  var daily: [String] = []

  @Option(help: ArgumentHelp("Earlier months' validated production (repeatable).", valueName: "files"))
  var history: [String] = []

  @Option(help: ArgumentHelp("The generator voucher register (repeatable).", valueName: "file"))
  var gpu: [String] = []

  @Option(name: .customLong("gpu-out"), help: ArgumentHelp("Write the merged voucher register to FILE (may be the --gpu file).", valueName: "file"))
  var gpuOut: String?

  @Option(name: .customLong("gpu-annex"), help: ArgumentHelp("Annexes whose production needs a voucher, comma-separated (default: C-2,C-3,C2EXT,C3EXT).", valueName: "list"))
  var gpuAnnex: [String] = []

  @Option(help: ArgumentHelp("Supervisor rotations per site (repeatable).", valueName: "file"))
  var guards: [String] = []

  @Option(help: ArgumentHelp("Write rejected rows, each with its reason, to FILE.", valueName: "file"))
  var rejects: String?

  @Option(name: .customLong("warn-at"), help: ArgumentHelp("Share of the authorization where green turns yellow.", valueName: "share"))
  var warnAt: String = "0.90"

  @Option(name: .customLong("as-of"), help: ArgumentHelp("Date of the vouchers this run creates (default: the last day of the latest production month).", valueName: "date"))
  var asOf: String?

  @Argument(help: ArgumentHelp("Production files, long or month grid (default: standard input).", valueName: "production"))
  var production: [String] = []

  @OptionGroup(title: "Input") var input: InputOptions
  @OptionGroup(title: "Output") var output: OutputOptions

  mutating func validate() throws {
    if annex.isEmpty { throw ValidationError("give the annex rows with --annex FILES") }
    if workOrders.isEmpty { throw ValidationError("give the work orders with --work-orders FILE") }
    guard let share = try? ExactDecimal.parse(warnAt), !share.isNegative, share <= ExactDecimal(1) else {
      throw ValidationError("--warn-at takes a share between 0 and 1, like 0.90; found \"\(warnAt)\"")
    }
    _ = share
    if let asOf, (try? LocalDate.parse(asOf)) == nil {
      throw ValidationError("--as-of takes a date like 2026-10-31; found \"\(asOf)\"")
    }
    if rejects == "-" || gpuOut == "-" {
      throw ValidationError("--rejects and --gpu-out take a file; standard output is for the validated rows")
    }
  }

  func run() throws {
    try CommandRunner.run("validate-excess") { reporter in
      var command = ExcessCommand()
      command.annex = annex
      command.workOrders = workOrders
      command.daily = daily
      command.history = history
      command.gpu = gpu
      command.gpuOut = gpuOut
      command.guards = guards
      command.rejects = rejects
      command.warnAt = (try? ExactDecimal.parse(warnAt)) ?? command.warnAt
      if !gpuAnnex.isEmpty {
        command.gpuAnnexes = Set(gpuAnnex.flatMap { $0.split(separator: ",") }.map { AnnexName(String($0)) })
      }
      command.asOf = asOf.flatMap { try? LocalDate.parse($0) }
      command.production = production
      command.output = output.output
      try command.run(read: input.readOptions, output: output, reporter: reporter)
    }
  }
}
