import Foundation
import FuzzSupport
@testable import TallerIO

fuzzMain(fuzzCSV)

/// libFuzzer target: the CSV reader over arbitrary bytes, with sniffing, small and
/// large read buffers and read-ahead, reading every record.
///
/// The first two bytes choose the options (encoding, a forced or sniffed delimiter,
/// a header score, the field limit, the small buffer's size, the batch size); the
/// rest is the input. Beyond not crashing:
/// - every record has as many fields as the header (BAD-INPUTS #10), records start on
///   increasing lines after the header's, and field bytes are valid UTF-8 in NFC with
///   no NUL; an ASCII field is within the field limit;
/// - `ReadAhead` gives the same header, records, lines, error and warnings as the
///   reader it wraps;
/// - a 16–79-byte read buffer (lines split across reads, a CR at a buffer's end)
///   gives the same as the usual 256 KiB one, given the same delimiter;
/// - the input as a file read in two parts at once (`SecondPart`: a second parser
///   from the first line break after the middle) gives the same as one reader;
/// - the header and the records read, written with `CSVWriter` and read again, are
///   the same.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  guard size >= 2, size - 2 < 60_000 else { return 0 }
  let config = Config(data[0], data[1])
  let input = Array(UnsafeBufferPointer(start: data + 2, count: size - 2))

  let direct = read(input, config.options, config.headerScore, capacity: nil)
  let ahead = read(input, config.options, config.headerScore, capacity: nil, readAhead: config.batchSize)
  check(ahead == direct, "ReadAhead differs from the reader:\n\(ahead)\nvs\n\(direct)")

  // The same delimiter and the first row as header: a small buffer reads the same.
  var forced = config.options
  forced.delimiter = direct.delimiter ?? config.options.delimiter ?? UInt8(ascii: ",")
  let large =
    config.options.delimiter != nil && config.headerScore == nil
    ? direct : read(input, forced, nil, capacity: nil)
  let small = read(input, forced, nil, capacity: config.smallCapacity)
  check(small == large, "a \(config.smallCapacity)-byte buffer differs from the usual one:\n\(small)\nvs\n\(large)")
  // The same read from a file in two parts at once (split after the middle).
  let halves = read(input, forced, nil, capacity: config.smallCapacity, readAhead: config.batchSize, split: true)
  check(halves == small, "a file read in two parts differs from one reader:\n\(halves)\nvs\n\(small)")

  // What was read, written and read again, is the same.
  if let header = direct.header {
    let sink = MemorySink()
    let writer = CSVWriter(sink: sink)
    do {
      try writer.writeRow(header)
      for row in direct.rows {
        for field in row { field.withUnsafeBufferPointer { writer.writeBytes($0) } }
        try writer.endRow()
      }
      try writer.finish()
    } catch {
      check(false, "writing to memory failed: \(error)")
    }
    var plain = ReadOptions()
    plain.delimiter = UInt8(ascii: ",")
    plain.encoding = .utf8
    let again = read(sink.bytes, plain, nil, capacity: nil)
    check(again.error == nil, "written as \(shown(sink.bytes)), read back with an error: \(again)")
    check(again.header == header, "header \(header) written as \(shown(sink.bytes)) reads back as \(again.header ?? [])")
    check(again.rows == direct.rows, "records written as \(shown(sink.bytes)) read back differently:\n\(again)\nvs\n\(direct)")
  }
  return 0
}

struct Config {
  var options = ReadOptions()
  var headerScore: (([String]) -> Int)? = nil
  var smallCapacity: Int
  var batchSize: Int

  /// byte 0: bits 0–1 encoding, bit 2 delimiter forced (bits 3–4 which one), bit 5
  /// header score, bits 6–7 field limit; byte 1: bits 0–5 small buffer (16 + n
  /// bytes), bits 6–7 batch size.
  init(_ b0: UInt8, _ b1: UInt8) {
    options.encoding = [.auto, .utf8, .windows1252, .latin1][Int(b0 & 3)]
    if b0 & 4 != 0 { options.delimiter = CSVReader.candidateDelimiters[Int(b0 >> 3 & 3)] }
    if b0 & 0x20 != 0 {
      // Like a schema's: how many expected columns the row names.
      headerScore = { row in row.filter { ["a", "b", "código", "qty"].contains($0.lowercased()) }.count }
    }
    options.maxFieldBytes = [1 << 20, 3, 16, 100][Int(b0 >> 6)]
    smallCapacity = 16 + Int(b1 & 0x3F)
    batchSize = [1, 2, 5, 4096][Int(b1 >> 6)]
  }
}

/// Everything a read gives: header, records as bytes, lines, the error, warnings.
struct Outcome: Equatable, CustomStringConvertible {
  var header: [String]? = nil
  var headerLine = 0
  var delimiter: UInt8? = nil
  var rows: [[[UInt8]]] = []
  var lines: [Int] = []
  var error: String? = nil
  var warnings: [String] = []

  var description: String {
    "header \(header.map { "\($0)" } ?? "none") at \(headerLine), delimiter \(delimiter ?? 0), "
      + "rows \(rows.map { $0.map { shown($0) } }) on lines \(lines), error \(error ?? "none"), warnings \(warnings)"
  }
}

final class Warnings: @unchecked Sendable {
  var list: [String] = []
}

/// Reads `input` whole, checking every record against the reader's promises.
/// - Parameters:
///   - capacity: the read buffer's size, the bytes coming through a pipe; nil: the
///     usual size, the bytes handed over as already read (`prefix`).
///   - readAhead: batch size, to read through `ReadAhead`.
///   - split: read from a file (with `capacity`), in two parts when the first
///     reader has not read past the middle (`SecondPart.split`).
func read(
  _ input: [UInt8], _ options: ReadOptions, _ headerScore: (([String]) -> Int)?, capacity: Int?,
  readAhead batchSize: Int? = nil, split: Bool = false
) -> Outcome {
  var outcome = Outcome()
  var fds: [Int32] = [0, 0]
  var path: String? = nil
  defer { if let path { unlink(path) } }
  if split, let capacity {
    var template = Array("/tmp/taller-fuzz-split-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    check(fd >= 0, "mkstemp: \(errno)")
    path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    let n = input.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    check(n == input.count, "file write \(n) of \(input.count)")
    check(lseek(fd, 0, SEEK_SET) == 0, "lseek: \(errno)")
    fds[0] = fd
    _ = capacity
  } else {
    check(pipe(&fds) == 0, "pipe: \(errno)")
    if capacity != nil {
      let n = input.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
      check(n == input.count, "pipe write \(n) of \(input.count)")
    }
    close(fds[1])
  }
  let handle =
    capacity.map { InputHandle(fd: fds[0], closeWhenDone: true, capacity: $0) }
    ?? InputHandle(fd: fds[0], closeWhenDone: true, capacity: CSVReader.chunkSize, prefix: input)
  let warnings = Warnings()
  do {
    let csv = try CSVReader(
      input: handle, name: "f.csv", options: options, headerScore: headerScore,
      warn: { warnings.list.append($0.description) })
    var twoParts = options
    twoParts.splitBytes = 1
    let part = path.flatMap { SecondPart.split(csv, path: $0, options: twoParts) }
    let reader: RecordReader =
      batchSize.map { ReadAhead(csv, batchSize: $0, depth: 2, secondPart: part) } ?? csv
    outcome.header = reader.header
    outcome.headerLine = reader.headerLine
    outcome.delimiter = reader.delimiter
    check(!reader.header.isEmpty, "an empty header")
    check(
      reader.header.allSatisfy { FieldText.trimmedHeader($0) == $0 }, "header names not trimmed: \(reader.header)")
    let record = Record()
    var last = reader.headerLine
    while try reader.next(into: record) {
      check(record.count == reader.header.count, "\(record.count) fields under \(reader.header.count) columns")
      check(record.line > last, "a record on line \(record.line) after line \(last)")
      last = record.line
      var row: [[UInt8]] = []
      for i in 0..<record.count {
        let field = record.withField(i) { Array($0) }
        check(!field.contains(0), "a NUL in a field")
        if field.allSatisfy({ $0 < 0x80 }) {
          check(field.count <= options.maxFieldBytes, "field of \(field.count) bytes over the limit")
        } else {
          let text = String(validating: field, as: UTF8.self)
          check(text != nil, "field \(shown(field)) is not UTF-8")
          if let text {
            check(Array(text.precomposedStringWithCanonicalMapping.utf8) == field, "field \(shown(field)) is not NFC")
          }
        }
        row.append(field)
      }
      outcome.rows.append(row)
      outcome.lines.append(record.line)
    }
  } catch {
    outcome.error = error.description
  }
  outcome.warnings = warnings.list
  return outcome
}
