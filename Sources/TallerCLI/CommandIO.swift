import TallerCore
import TallerIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one object a command asks for its inputs and outputs.
///
/// Inputs are read through `reading` (the one row reader: every problem of every
/// input reported the same way). Outputs — the main table (standard output or
/// `-o FILE`), `--rejects`, and side outputs such as `--gpu-out` — are committed
/// together when the command's body ends (normally, or refusing rows with status 1):
///
/// 1. every output is finished and synced to its temporary file;
/// 2. standard output, when it was held back, is copied out;
/// 3. every file is renamed over its target.
///
/// A failure in steps 1–2 (a bad row found late, a full disk on a side output, a
/// closed pipe) removes every temporary file: each existing output stays as it was.
/// Standard output follows the same rule where it can: when a command has other
/// outputs, its main table is held in an unlinked temporary file until step 2;
/// alone, it streams (a pipe cannot take bytes back, and nothing else can fail).
/// Side outputs must therefore be opened before the main table.
public final class CommandIO {
  public let command: String
  public let reporter: Reporter
  public let reading: TableReading
  public let inputOptions: InputOptions
  /// `-o FILE`; nil (or `-`) is standard output.
  public let outputPath: String?
  /// The main table's format; `--excel-csv` also applies to CSV side tables.
  public let format: TableFormat
  private var outputs: [Output] = []
  private var mainOpened = false

  public init(command: String, input: InputOptions, outputPath: String?, format: TableFormat, reporter: Reporter) {
    self.command = command
    self.reporter = reporter
    inputOptions = input
    self.outputPath = outputPath == "-" ? nil : outputPath
    self.format = format
    reading = TableReading(options: input.readOptions) { warning, kind in reporter.warn(warning, kind: kind) }
  }

  // MARK: Inputs

  /// The inputs the arguments name (files, globs, directories, `-`); standard
  /// input when there are none.
  public func sources(_ arguments: [String]) throws(InputError) -> [InputSource] {
    arguments.isEmpty ? [.standardInput] : try Inputs.resolve(arguments)
  }

  /// Progress for a long loop (a terminal only; at once with `--progress`).
  public func progress(_ label: String) -> Progress {
    Progress("\(command): \(label)", requested: inputOptions.progress)
  }

  // MARK: Outputs

  /// The main table: standard output or `-o FILE`, in the format of the output options.
  public func mainTable(columns: [String]) throws(OutputError) -> TableWriter {
    let out = try openMain()
    let table = try TableWriter(sink: out.sink, columns: columns, format: format)
    out.table = table
    return table
  }

  /// The main output as bytes (a command that writes its own CSV or JSON).
  public func mainSink() throws(OutputError) -> ByteSink { try openMain().sink }

  /// A side table written to `path` (`--rejects`, `--gpu-out`): JSON or NDJSON by
  /// its extension, else CSV (`--excel-csv` applies).
  public func sideTable(_ path: String, columns: [String]) throws(OutputError) -> TableWriter {
    let out = try openSide(path)
    let table = try TableWriter(
      sink: out.sink, columns: columns, format: .forFile(path, excel: format == .csv(excel: true)))
    out.table = table
    return table
  }

  /// The main output as a file that a library writes by path (a workbook): the
  /// temporary file renamed over `-o FILE`, or copied to standard output, at commit.
  public func mainFile() throws(OutputError) -> String { try openMain(byPath: true).path }

  /// The main output: `-o FILE`, or standard output — streamed when it is the only
  /// output and written as a stream, held back otherwise (a library writing by path
  /// needs a file).
  private func openMain(byPath: Bool = false) throws(OutputError) -> Output {
    precondition(!mainOpened, "the main output is opened once")
    mainOpened = true
    let out: Output
    if let path = outputPath {
      out = Output(file: try AtomicFile(path: path))
    } else if outputs.isEmpty && !byPath {
      out = Output(standardOutput: ())
    } else {
      out = Output(heldStandardOutput: try HeldOutput())
    }
    outputs.append(out)
    return out
  }

  private func openSide(_ path: String) throws(OutputError) -> Output {
    precondition(!mainOpened || outputPath != nil, "side outputs are opened before the main table")
    let out = Output(file: try AtomicFile(path: path))
    outputs.append(out)
    return out
  }

  /// Commits every output (see the type's comment); on failure none is touched.
  public func commit() throws(OutputError) {
    defer { outputs = [] }
    do {
      for out in outputs { try out.prepare() }
      for out in outputs { try out.copyHeld() }
    } catch {
      discard()
      throw error
    }
    for out in outputs { try out.publish() }
  }

  /// Removes every temporary file: existing outputs stay as they were.
  public func discard() {
    for out in outputs { out.discard() }
    outputs = []
  }

  /// Keeps `value` alive until the process exits. A command's large structures (a
  /// million rows, a register of hundreds of thousands of vouchers) are then given
  /// back with the process, at once, instead of being freed piece by piece when the
  /// body ends (a tenth of the run for a large month). Only for what the body holds
  /// to its end anyway.
  public func keepUntilExit(_ value: Any) { Self.kept.append(value) }

  /// What `keepUntilExit` keeps; commands run on the main thread only.
  nonisolated(unsafe) private static var kept: [Any] = []

  // MARK: Running

  /// Runs a command's body with taller's conventions (see `CommandRunner`) and
  /// commits its outputs when it ends normally or refuses rows (status 1).
  public static func run(
    _ command: String, input: InputOptions, output: OutputOptions, _ body: (CommandIO) throws -> Void
  ) throws {
    try run(command, input: input, outputPath: output.output, format: output.tableFormat, body)
  }

  /// The same, for a command whose main output is not a table (a workbook).
  public static func run(
    _ command: String, input: InputOptions, outputPath: String?, format: TableFormat = .csv,
    _ body: (CommandIO) throws -> Void
  ) throws {
    try CommandRunner.run(command) { reporter in
      let io = CommandIO(command: command, input: input, outputPath: outputPath, format: format, reporter: reporter)
      do {
        try body(io)
      } catch let refusal as Refusal {
        try io.commit()
        throw refusal
      } catch {
        io.discard()
        throw error
      }
      try io.commit()
    }
  }
}

/// One output of a command, not yet committed.
private final class Output {
  let file: AtomicFile?
  let held: HeldOutput?
  let sink: BufferedSink
  var table: TableWriter?

  init(file: AtomicFile) {
    self.file = file
    held = nil
    sink = BufferedSink(file.sink)
  }

  init(heldStandardOutput held: HeldOutput) {
    file = nil
    self.held = held
    sink = BufferedSink(held.sink)
  }

  init(standardOutput: Void) {
    file = nil
    held = nil
    sink = BufferedSink(DescriptorSink(fd: 1, target: "<stdout>"))
  }

  /// Where a library that writes by path should write.
  var path: String { file?.temporaryPath ?? held?.path ?? "/dev/stdout" }

  func prepare() throws(OutputError) {
    try table?.finish()
    table = nil
    try sink.flush()
    try file?.prepare()
  }

  func copyHeld() throws(OutputError) { try held?.copyToStandardOutput() }

  func publish() throws(OutputError) { try file?.publish() }

  func discard() {
    file?.discard()
    held?.discard()
  }
}

/// Standard output held back in a temporary file until every other output is ready.
final class HeldOutput {
  let sink: DescriptorSink
  let path: String
  private var closed = false

  init() throws(OutputError) {
    let (fd, path) = try makeTemporaryFile("\(temporaryDirectory)/taller-stdout-XXXXXX", for: "<stdout>")
    self.path = path
    sink = DescriptorSink(fd: fd, target: "<stdout>")
  }

  /// Copies what was written (by the sink or by a library, through `path`) to
  /// standard output, removing the file first: a reader that goes away mid-copy
  /// (SIGPIPE) leaves nothing behind.
  func copyToStandardOutput() throws(OutputError) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw OutputError(.io, target: path, String(cString: strerror(errno))) }
    defer { close(fd) }
    discard()
    do {
      try copyAll(from: fd, name: "<held output>", to: DescriptorSink(fd: 1, target: "<stdout>"))
    } catch let e as OutputError {
      throw e
    } catch {
      throw OutputError(.io, target: "<stdout>", "\(error)")
    }
  }

  func discard() {
    guard !closed else { return }
    closed = true
    close(sink.fd)
    unlink(path)
  }

  deinit { discard() }
}
