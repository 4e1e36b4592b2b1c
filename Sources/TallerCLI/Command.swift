import ArgumentParser
import Foundation
import TallerCore
import TallerIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The version every command reports with `--version`.
public let tallerVersion = "0.1.0-dev"

/// Exit statuses (SPEC §2, sysexits).
public enum Exit {
  public static let refused: Int32 = 1  // business rules refused something
  public static let usage: Int32 = 64
  public static let dataError: Int32 = 65
  public static let noInput: Int32 = 66
  public static let cannotCreate: Int32 = 73
  public static let ioError: Int32 = 74
}

/// A usage problem found after parsing (a workbook to a terminal, a bad flag mix).
public struct UsageError: Error, CustomStringConvertible {
  public var description: String
  public init(_ message: String) { description = message }
}

/// The business rules refused something: rows rejected, blockers, exceptions with
/// `--strict`. The output was still written; the status is 1.
public struct Refusal: Error {
  public var summary: String
  public init(_ summary: String) { self.summary = summary }
}

/// Runs a command's body with taller's conventions: SIGPIPE at its default (so
/// `| head` ends quietly), every error printed once as `command: place: message`,
/// and the exit status of SPEC §2.
public enum CommandRunner {
  public static func run(_ command: String, _ body: (Reporter) throws -> Void) throws {
    signal(SIGPIPE, SIG_DFL)
    // A file past the size limit (ulimit -f) is a failed write (EFBIG, status 74)
    // that leaves every output untouched, not a killed process.
    signal(SIGXFSZ, SIG_IGN)
    let reporter = Reporter(command: command)
    defer { reporter.flush() }
    do {
      try body(reporter)
      reporter.finish()
    } catch let e as InputError {
      reporter.finish()
      reporter.error(e.description)
      throw ExitCode(e.kind == .cannotOpen ? Exit.noInput : e.kind == .io ? Exit.ioError : Exit.dataError)
    } catch let e as InputErrors {
      for p in e.problems { reporter.note(p.description, kind: p.kind) }
      reporter.finish()
      throw ExitCode(Exit.dataError)
    } catch let e as OutputError {
      reporter.finish()
      reporter.error(e.description)
      switch e.kind {
      case .cannotCreate: throw ExitCode(Exit.cannotCreate)
      case .io: throw ExitCode(Exit.ioError)
      case .refused: throw ExitCode(Exit.dataError)  // the data cannot be represented (XLSX limits)
      }
    } catch let e as UsageError {
      reporter.finish()
      reporter.error(e.description)
      throw ExitCode(Exit.usage)
    } catch let e as Refusal {
      reporter.finish()
      if !e.summary.isEmpty { reporter.error(e.summary) }
      throw ExitCode(Exit.refused)
    }
  }
}

/// Messages to standard error, one per problem, as `command: what`. Warnings of one
/// kind past the twentieth are counted, not printed.
public final class Reporter: @unchecked Sendable {
  public static let limit = 20
  /// Readers report warnings from their read-ahead thread.
  private let lock = NSLock()
  public let command: String
  private var counts: [String: Int] = [:]
  private var suppressed: [String: Int] = [:]
  private let err = DescriptorSink(fd: 2, target: "<stderr>")
  /// Messages not yet written: a run that rejects many rows writes them in large
  /// blocks, not one system call per line. Flushed when large, by `flush()` and
  /// by `CommandRunner.run` on the way out.
  private var pending: [UInt8] = []

  public init(command: String) { self.command = command }

  /// Prints `command: message` on standard error.
  public func error(_ message: String) { line(message) }

  /// A warning of a kind (the kind caps repetition).
  public func warn(_ warning: Warning, kind: String = "warning") {
    note(warning.description, kind: kind)
  }

  /// A message of a kind: the first `limit` are printed, the rest counted.
  public func note(_ message: String, kind: String) {
    lock.lock()
    defer { lock.unlock() }
    let n = counts[kind, default: 0] + 1
    counts[kind] = n
    if n <= Self.limit { line(message) } else { suppressed[kind, default: 0] += 1 }
  }

  /// Prints the counts of suppressed messages.
  public func finish() {
    lock.lock()
    defer { lock.unlock() }
    for (kind, n) in suppressed.sorted(by: { $0.key < $1.key }) {
      line("… and \(n) more (\(kind))")
    }
    suppressed = [:]
    flush()
  }

  private func line(_ message: String) {
    pending.append(contentsOf: command.utf8)
    pending.append(contentsOf: ": ".utf8)
    pending.append(contentsOf: message.utf8)
    pending.append(0x0A)
    if pending.count >= 1 << 16 { flush() }
  }

  /// Writes the messages held back.
  public func flush() {
    guard !pending.isEmpty else { return }
    // A failed write to standard error has nowhere to be reported.
    try? err.write(pending)
    pending.removeAll(keepingCapacity: true)
  }
}

/// The closing paragraph of every command's help: the exit statuses of SPEC §2.
public let exitStatusHelp = """
  Exit status: 0 success; 1 processed, but the business rules refused something; \
  64 usage; 65 malformed input data; 66 an input cannot be opened; 73 the output \
  cannot be created; 74 I/O error (disk full). Messages go to standard error as \
  COMMAND: FILE:LINE:COLUMN: what is wrong.
  """
