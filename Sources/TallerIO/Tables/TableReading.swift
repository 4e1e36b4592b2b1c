import Foundation
import TallerCore

/// A problem found while reading or checking inputs: its place, what is wrong, and
/// its kind (messages past the twentieth of a kind are counted, not shown).
public struct Problem: Sendable, CustomStringConvertible {
  public var location: SourceLocation
  public var message: String
  public var kind: String
  /// False for a warning shown among the errors (a duplicate recipe line).
  public var isError: Bool

  public init(at location: SourceLocation, _ message: String, kind: String, isError: Bool = true) {
    self.location = location
    self.message = message
    self.kind = kind
    self.isError = isError
  }

  public init(_ error: InputError, kind: String = "malformed cell") {
    self.init(at: error.location, error.message, kind: kind)
  }

  /// `file:line:column: message` (`file:line: warning: message` for a warning).
  public var description: String { "\(location): \(isError ? "" : "warning: ")\(message)" }
}

/// Every problem of a run's inputs, in input, line and column order: the run stops
/// with status 65 and shows them all (at most 20 of a kind, then a count).
public struct InputErrors: Error, Sendable {
  public var problems: [Problem]
  public init(_ problems: [Problem]) { self.problems = problems }
  public init(_ errors: [InputError], kind: String = "malformed cell") {
    problems = errors.map { Problem($0, kind: kind) }
  }
}

/// The one way commands read rows: every input is opened through it, bound to the
/// schema that declares its columns, and read record by record into typed cells
/// (`BoundTable`). Problems are reported the same way for every reader:
///
/// - an input that cannot be opened, or a read that fails, stops at once (`InputError`,
///   status 66 or 74);
/// - a malformed header, record or cell is recorded with its `FILE:LINE:COLUMN` and
///   reading goes on — a bad header skips its input, a bad record ends its input
///   (the parser cannot resync), a bad cell skips its row — so that one run shows
///   every problem;
/// - `check()` then throws them all, sorted by input (in the order opened), line
///   and column, and the command writes nothing (status 65).
///
/// Rows whose every field is blank (Excel pads tables with `;;;;`) are skipped.
/// Warnings (a file read as Windows-1252) go to `warn` as they are found; it may be
/// called from a read-ahead thread.
public final class TableReading {
  public let options: ReadOptions
  private let warnings: @Sendable (Warning, String) -> Void
  private var problems: [Problem] = []
  private var rank: [String: Int] = [:]
  public private(set) var hasErrors = false

  public init(options: ReadOptions, warn: @escaping @Sendable (Warning, String) -> Void) {
    self.options = options
    self.warnings = warn
  }

  /// Shows a warning now (`kind` caps its repetitions).
  public func warn(_ warning: Warning, kind: String = "warning") { warnings(warning, kind) }

  // MARK: Opening

  /// Opens `source` and binds its header to `schema` (`sniff`: the schema whose
  /// columns find the header row and the delimiter, default `schema`). A malformed
  /// header is recorded and gives nil.
  public func open(_ source: InputSource, _ schema: Schema, sniff: Schema? = nil) throws(InputError) -> BoundTable? {
    guard let reader = try openReader(source, sniff: sniff ?? schema) else { return nil }
    return bind(reader, schema)
  }

  /// Opens `source` without binding it (a command that picks the schema from the
  /// header, or a generic table). A malformed start is recorded and gives nil.
  public func openReader(_ source: InputSource, name: String? = nil, sniff: Schema?) throws(InputError)
    -> RecordReader?
  {
    if rank[name ?? source.name] == nil { rank[name ?? source.name] = rank.count }
    let warnings = self.warnings
    do {
      return try TableInput.open(source, name: name, options: options, schema: sniff) { warnings($0, "encoding") }
    } catch {
      if error.kind != .malformed { throw error }
      add(error, kind: "malformed input")
      return nil
    }
  }

  /// Binds an open reader's header to `schema`; a malformed header is recorded and gives nil.
  public func bind(_ reader: RecordReader, _ schema: Schema) -> BoundTable? {
    do {
      return try schema.bind(reader, strict: options.strict).configured(by: options)
    } catch {
      add(error, kind: "malformed header")
      return nil
    }
  }

  // MARK: Reading

  /// The next record of `reader`; a malformed record ends the input (recorded).
  public func next(_ reader: RecordReader, into record: Record) throws(InputError) -> Bool {
    do {
      return try reader.next(into: record)
    } catch {
      if error.kind != .malformed { throw error }
      add(error, kind: "malformed record")
      return false
    }
  }

  /// Calls `body` with every record of `table` that is not blank. A malformed cell
  /// that `body` throws is recorded and its row skipped.
  public func forEachRecord(_ table: BoundTable, _ body: (Record) throws(InputError) -> Void) throws(InputError) {
    let record = Record()
    while try next(table.reader, into: record) {
      if record.isBlankRow { continue }
      do {
        try body(record)
      } catch {
        if error.kind != .malformed { throw error }
        add(error)
      }
    }
  }

  /// Opens every source with `schema` and calls `body` with each record that is
  /// not blank (see `forEachRecord`).
  public func forEachRow(
    _ sources: [InputSource], _ schema: Schema, _ body: (BoundTable, Record) throws(InputError) -> Void
  ) throws(InputError) {
    for source in sources {
      guard let table = try open(source, schema) else { continue }
      try forEachRecord(table) { (record) throws(InputError) in try body(table, record) }
    }
  }

  /// Runs one cell's parse; a malformed cell is recorded and gives nil (the other
  /// cells of the row are still read).
  public func cell<T>(_ parse: () throws(InputError) -> T?) -> T? {
    do {
      return try parse()
    } catch {
      add(error)
      return nil
    }
  }

  // MARK: Two inputs at once

  /// Runs `other` on a second thread with a reading of its own (same options),
  /// while `body` reads here, and waits for it. Two large inputs (a voucher register
  /// and a month of rows) are then parsed and stored at the same time, each with its
  /// own read-ahead thread.
  ///
  /// Afterwards `other`'s problems join this reading's, ranked as if `other` had
  /// read its inputs first (the order the command names them in), and its warnings
  /// are shown, in their order, after those `body` gave. An error `other` throws
  /// is thrown first, then one of `body`.
  public func alongside<A, B>(
    _ other: @escaping (TableReading) throws -> A, _ body: () throws -> B
  ) throws -> (A, B) {
    let held = HeldWarnings()
    let branch = TableReading(options: options) { warning, kind in held.append(warning, kind) }
    let job = BranchJob(branch, other)
    let thread = Thread { job.run() }
    thread.stackSize = 8 << 20
    let base = rank.count
    thread.start()
    let mine = Result { try body() }
    job.wait()
    // The branch's inputs rank before the ones opened here since it started.
    let shift = branch.rank.count
    for (name, r) in rank where r >= base { rank[name] = r + shift }
    for (name, r) in branch.rank where rank[name] == nil { rank[name] = base + r }
    problems += branch.problems
    hasErrors = hasErrors || branch.hasErrors
    for (warning, kind) in held.all { warnings(warning, kind) }
    let theirs = try job.take()
    return (theirs, try mine.get())
  }

  // MARK: Problems

  public func add(_ error: InputError, kind: String = "malformed cell") { add(Problem(error, kind: kind)) }

  /// A problem found by the rules over what was read (a cycle, an unknown
  /// component), shown with the reading problems in place order.
  public func add(_ problem: Problem) {
    if rank[problem.location.file] == nil { rank[problem.location.file] = rank.count }
    problems.append(problem)
    if problem.isError { hasErrors = true }
  }

  /// Throws every problem recorded, in place order, when any is an error.
  public func check() throws(InputErrors) {
    guard hasErrors else { return }
    throw InputErrors(sortedProblems())
  }

  /// The problems recorded so far, by input (in the order opened), line, column.
  public func sortedProblems() -> [Problem] {
    let rank = self.rank
    func key(_ p: Problem) -> (Int, Int, Int) {
      (rank[p.location.file] ?? Int.max, p.location.line, p.location.column)
    }
    return problems.enumerated().sorted { a, b in
      let ka = key(a.element)
      let kb = key(b.element)
      return ka != kb ? ka < kb : a.offset < b.offset
    }.map(\.element)
  }
}

extension Record {
  /// True when every field is blank (`;;;;;;` below an Excel table).
  public var isBlankRow: Bool {
    for f in 0..<count where !isBlank(f) { return false }
    return true
  }
}

/// Warnings of a branch reading, kept for the caller's thread (read-ahead threads
/// may add to them).
private final class HeldWarnings: @unchecked Sendable {
  private let lock = NSLock()
  private var list: [(Warning, String)] = []
  func append(_ w: Warning, _ kind: String) {
    lock.lock()
    list.append((w, kind))
    lock.unlock()
  }
  var all: [(Warning, String)] {
    lock.lock()
    defer { lock.unlock() }
    return list
  }
}

/// The work `TableReading.alongside` runs on its second thread: the branch reading
/// and the closure are used there only until `done` is signalled, and the result
/// is read here only after it.
private final class BranchJob<A>: @unchecked Sendable {
  private let reading: TableReading
  private let work: (TableReading) throws -> A
  private var result: Result<A, any Error>?
  private let done = DispatchSemaphore(value: 0)

  init(_ reading: TableReading, _ work: @escaping (TableReading) throws -> A) {
    self.reading = reading
    self.work = work
  }

  func run() {
    result = Result { try work(reading) }
    done.signal()
  }

  func wait() { done.wait() }

  func take() throws -> A { try result!.get() }
}
