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
