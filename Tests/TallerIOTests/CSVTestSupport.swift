import Foundation
import Testing

@testable import TallerIO

/// A CSV input written to a fresh temporary directory, read back whole.
struct ReadBack {
  var header: [String]
  var headerLine: Int
  var delimiter: UInt8
  var rows: [[String]]
  var lines: [Int]
  var warnings: [Warning]
}

/// Collects warnings from the reader's callback (called on the reading thread).
final class WarningBox: @unchecked Sendable {
  var warnings: [Warning] = []
}

enum CSVFixture {
  /// A new empty directory under the system's temporary directory.
  static func directory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("taller-csv-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Writes `bytes` to a file named `name` in a new temporary directory.
  static func file(_ bytes: [UInt8], name: String = "input.csv") throws -> URL {
    let url = try directory().appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
  }

  static func read(
    _ bytes: [UInt8], name: String = "input.csv", options: ReadOptions = ReadOptions(),
    headerScore: (([String]) -> Int)? = nil
  ) throws -> ReadBack {
    let url = try file(bytes, name: name)
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    return try read(path: url.path, name: name, options: options, headerScore: headerScore)
  }

  static func read(
    path: String, name: String, options: ReadOptions = ReadOptions(),
    headerScore: (([String]) -> Int)? = nil
  ) throws -> ReadBack {
    let box = WarningBox()
    let reader = try CSVReader(
      path: path, name: name, options: options, headerScore: headerScore,
      warn: { box.warnings.append($0) })
    var rows: [[String]] = []
    var lines: [Int] = []
    let record = Record()
    while try reader.next(into: record) {
      rows.append(record.strings)
      lines.append(record.line)
    }
    return ReadBack(
      header: reader.header, headerLine: reader.headerLine, delimiter: reader.delimiter,
      rows: rows, lines: lines, warnings: box.warnings)
  }

  /// The error reading `bytes` stops at, or nil when it reads to the end.
  static func error(
    _ bytes: [UInt8], name: String = "input.csv", options: ReadOptions = ReadOptions()
  ) throws -> InputError? {
    do {
      _ = try read(bytes, name: name, options: options)
      return nil
    } catch let error as InputError {
      return error
    }
  }
}

extension Array where Element == UInt8 {
  /// The UTF-8 bytes of a string literal (tests spell raw bytes with `+ [0xF3]`).
  init(utf8 s: String) { self = Array(s.utf8) }
}
