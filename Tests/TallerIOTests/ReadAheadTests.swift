import Foundation
import Testing
@testable import TallerIO

/// ReadAhead gives the same records, lines and errors as the reader it wraps.
struct ReadAheadTests {
  func file(_ text: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("taller-ra-\(UUID().uuidString).csv").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  func drain(_ r: RecordReader) -> (rows: [(Int, [String])], error: String?) {
    var rows: [(Int, [String])] = []
    let rec = Record()
    do {
      while try r.next(into: rec) { rows.append((rec.line, rec.strings)) }
      return (rows, nil)
    } catch {
      return (rows, error.description)
    }
  }

  @Test(arguments: [1, 7, 4096])
  func sameRecordsAndTheErrorAtTheSamePlace(batchSize: Int) throws {
    var text = "a,b,c\n"
    for i in 1...10_000 {
      // A quoted multi-line field now and then, an empty field, a blank line.
      if i % 997 == 0 { text += "\"x\ny\",,\(i)\n\n" } else { text += "r\(i),\(i * 3),ñ\n" }
    }
    text += "short,row\n" + "after,the,error\n"
    let path = try file(text)
    defer { unlink(path) }
    let direct = drain(try CSVReader(path: path, name: "t.csv"))
    let ahead = drain(ReadAhead(try CSVReader(path: path, name: "t.csv"), batchSize: batchSize, depth: 2))
    #expect(direct.rows.count == 10_000)
    #expect(ahead.rows.count == direct.rows.count)
    #expect(zip(ahead.rows, direct.rows).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 })
    #expect(direct.error != nil)
    #expect(ahead.error == direct.error)
  }

  /// Any other reader goes through a `Record` into the batches: the same records.
  @Test func aReaderThatIsNotCSV() throws {
    var text = ""
    for i in 1...5_000 { text += "{\"a\": \"r\(i)\", \"b\": \(i), \"c\": \"ñ\(i % 7)\"}\n" }
    let bytes = Array(text.utf8)
    let direct = drain(try JSONRecordReader(bytes: bytes, name: "t.ndjson", layout: .ndjson))
    let ahead = drain(
      ReadAhead(try JSONRecordReader(bytes: bytes, name: "t.ndjson", layout: .ndjson), batchSize: 7, depth: 2))
    #expect(direct.rows.count == 5_000)
    #expect(direct.rows.first?.1 == ["r1", "1", "ñ1"])
    #expect(ahead.rows.count == direct.rows.count)
    #expect(zip(ahead.rows, direct.rows).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 })
    #expect(ahead.error == nil)
  }

  @Test func emptyTable() throws {
    let path = try file("a,b\n")
    defer { unlink(path) }
    let r = ReadAhead(try CSVReader(path: path, name: "t.csv"))
    #expect(r.header == ["a", "b"])
    #expect(drain(r).rows.isEmpty)
  }

  /// A reader that never ends, and says when it is let go.
  final class EndlessReader: RecordReader {
    let name = "endless"
    let header = ["n"]
    let headerLine = 1
    let delimiter = UInt8(ascii: ",")
    let released: DispatchSemaphore
    private var n = 0

    init(released: DispatchSemaphore) { self.released = released }
    deinit { released.signal() }

    func next(into record: Record) throws(InputError) -> Bool {
      n += 1
      record.removeAll()
      record.line = n + 1
      record.append(field: String(n))
      return true
    }
  }

  /// A caller that leaves early (a command stopping at its first bad row) lets the
  /// reading thread go: the thread releases the reader (which would close its file)
  /// and ends, where it used to wait for ever with a full queue, holding both.
  @Test(arguments: [false, true])
  func anAbandonedReadAheadStopsItsThread(explicitStop: Bool) throws {
    let released = DispatchSemaphore(value: 0)
    do {
      let r = ReadAhead(EndlessReader(released: released), batchSize: 16, depth: 2)
      let record = Record()
      for i in 1...100 {
        #expect(try r.next(into: record))
        #expect(record.string(0) == "\(i)")
      }
      if explicitStop {
        r.stop()
        #expect(try !r.next(into: record))
      }
    }
    #expect(released.wait(timeout: .now() + 10) == .success)
  }
}

/// A CSV file read in two parts at once (`ReadAhead.reading`, `SecondPart`) gives
/// the records, lines, warnings and errors one reader gives, whether the second
/// part is used or dropped.
struct SplitReadingTests {
  func file(_ bytes: [UInt8]) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("taller-split-\(UUID().uuidString).csv").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  struct Read {
    var rows: [(Int, [String])] = []
    var error: String?
    var warnings: [String] = []
  }

  func read(_ path: String, split: Bool) throws -> (Read, used: Bool?) {
    var options = ReadOptions()
    options.splitBytes = split ? 1 : Int.max
    let box = WarningBox()
    let first = try CSVReader(path: path, name: "t.csv", options: options, warn: { box.warnings.append($0) })
    let part = SecondPart.split(first, path: path, options: options)
    let reader = ReadAhead(first, batchSize: 1000, depth: 2, secondPart: part)
    var out = Read()
    let rec = Record()
    do {
      while try reader.next(into: rec) { out.rows.append((rec.line, rec.strings)) }
    } catch {
      out.error = error.description
    }
    out.warnings = box.warnings.map(\.description)
    return (out, part?.used)
  }

  /// About 1.2 MB of rows (so that the middle is past what the first reader reads
  /// while sniffing): 700 kB of one-line rows, `middle`, then 500 kB of rows with a
  /// field over two lines. The middle of the file falls in the one-line rows, or
  /// in `middle` when it is long.
  func rows(middle: [UInt8], before: [UInt8] = [], after: [UInt8] = []) -> [UInt8] {
    var head = [UInt8]("code,qty,note\n".utf8) + before
    var tail = after
    var i = 0
    while head.count < 700_000 {
      head += Array("A\(i),\(i % 97),nota \(i)\n".utf8)
      if i % 1000 == 0 { head += Array("\n".utf8) }  // a blank line now and then
      i += 1
    }
    while tail.count < 500_000 {
      tail += Array("B\(i),\(i % 89),\"dos\nlíneas \(i)\"\n".utf8)
      i += 1
    }
    return head + middle + tail
  }

  func same(_ path: String, used: Bool) throws -> Read {
    let (whole, none) = try read(path, split: false)
    let (two, partUsed) = try read(path, split: true)
    #expect(none == nil)
    #expect(partUsed == used)
    #expect(two.rows.count == whole.rows.count)
    #expect(zip(two.rows, whole.rows).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 })
    #expect(two.error == whole.error)
    #expect(two.warnings == whole.warnings)
    return whole
  }

  @Test func aSplitBetweenRecordsIsUsed() throws {
    let path = try file(rows(middle: Array("M1,1,x\n".utf8)))
    defer { unlink(path) }
    let whole = try same(path, used: true)
    #expect(whole.error == nil && whole.rows.count > 40_000)
    // Lines go on across the split: each record starts one line (or two, after a
    // blank line or a field over two lines) after the one before.
    #expect(zip(whole.rows, whole.rows.dropFirst()).allSatisfy { $1.0 - $0.0 >= 1 && $1.0 - $0.0 <= 2 })
  }

  @Test func aQuotedFieldOverTheMiddleIsReadByOneReader() throws {
    // A field of 40,000 lines (240 kB) from 700 kB on: the middle of the 1.44 MB
    // file, and the line break after it, are inside it.
    let long = "M1,1,\"" + String(repeating: "línea\n", count: 40_000) + "fin\"\n"
    let path = try file(rows(middle: Array(long.utf8)))
    defer { unlink(path) }
    let whole = try same(path, used: false)
    #expect(whole.rows.contains { $0.1[0] == "M1" && $0.1[2].hasSuffix("fin") })
  }

  @Test func aWindows1252ByteAfterTheMiddleIsReadByOneReader() throws {
    let path = try file(rows(middle: [], after: Array("C1,1,caf".utf8) + [0xE9] + Array("\n".utf8)))
    defer { unlink(path) }
    let whole = try same(path, used: false)
    #expect(whole.warnings.count == 1)
    #expect(whole.rows.contains { $0.1 == ["C1", "1", "café"] })
  }

  @Test func aWindows1252ByteBeforeTheMiddleDecodesTheRestToo() throws {
    let path = try file(rows(middle: [], before: Array("C1,1,caf".utf8) + [0xE9] + Array("\n".utf8)))
    defer { unlink(path) }
    let whole = try same(path, used: false)
    #expect(whole.warnings.count == 1)
    // "líneas" after the switch is read as Windows-1252: two characters for í.
    #expect(whole.rows.last?.1[2].contains("lÃ­neas") == true)
  }

  @Test func aMalformedRowAfterTheMiddleIsReportedAtItsLine() throws {
    let path = try file(rows(middle: [], after: Array("short,row\n".utf8)))
    defer { unlink(path) }
    let whole = try same(path, used: false)
    let error = try #require(whole.error)
    #expect(error.hasSuffix("expected 3 fields, found 2"))
    // The bad row is the first line after the middle part.
    let before = whole.rows.last!.0
    #expect(error.hasPrefix("t.csv:\(before + 1):"))
  }
}
