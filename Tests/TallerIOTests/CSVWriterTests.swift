import Foundation
import Testing
import TallerCore

@testable import TallerIO

/// Records every chunk a writer hands over.
final class ChunkSink: ByteSink {
  var chunks: [[UInt8]] = []
  func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) { chunks.append(Array(bytes)) }
}

/// Fails every write, as a full disk does.
final class FullDisk: ByteSink {
  func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
    throw OutputError(.io, target: "out.csv", "No space left on device")
  }
}

struct CSVWriterTests {
  static func written(excel: Bool = false, _ body: (CSVWriter) throws -> Void) throws -> String {
    let sink = MemorySink()
    let writer = CSVWriter(sink: sink, excel: excel)
    try body(writer)
    try writer.finish()
    return sink.string
  }

  static let quoting: [(String, String)] = [
    ("plain", "plain"),
    ("a,b", "\"a,b\""),
    ("say \"hi\"", "\"say \"\"hi\"\"\""),
    ("l1\nl2", "\"l1\nl2\""),
    ("cr\r", "\"cr\r\""),
    (" spaced ", " spaced "),  // spaces alone need no quotes: the reader keeps them
    ("a;b|c\td", "a;b|c\td"),  // other delimiters are plain text in a ',' file
    ("Ñandú", "Ñandú"),
  ]

  @Test(arguments: quoting)
  func quotesOnlyWhereNeeded(_ field: String, _ expected: String) throws {
    #expect(try Self.written { try $0.writeRow(["x", field]) } == "x,\(expected)\n")
  }

  @Test func emptyFields() throws {
    // A row of one empty field is `""`: an empty line would read back as no row.
    #expect(try Self.written { try $0.writeRow([""]); try $0.writeRow(["", ""]) } == "\"\"\n,\n")
  }

  @Test func decimalsAndDates() throws {
    let text = try Self.written {
      $0.writeNumber(ExactDecimal(raw: 12_345_000_000_000), minimumPlaces: 2)  // 1234.5 × 10¹⁰
      $0.writeNumber(ExactDecimal(raw: -5_000_000_000))  // −0.5
      $0.writeDate(try #require(LocalDate(year: 2026, month: 10, day: 31)))
      $0.writeDate(try #require(LocalDate(year: 2026, month: 1, day: 5)))
      try $0.endRow()
    }
    #expect(text == "1234.50,-0.5,2026-10-31,2026-01-05\n")
  }

  @Test func excelCSV() throws {
    let text = try Self.written(excel: true) {
      try $0.writeRow(["code", "qty", "note"])
      $0.writeText("a,b")
      $0.writeNumber(ExactDecimal(raw: 12_345_000_000_000), minimumPlaces: 2)
      $0.writeText("x;y")
      try $0.endRow()
    }
    #expect(Array(text.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
    #expect(text == "\u{FEFF}code;qty;note\na,b;1234,50;\"x;y\"\n")
  }

  @Test func writesInChunksOfAbout64KiB() throws {
    let sink = ChunkSink()
    let writer = CSVWriter(sink: sink)
    for _ in 0..<10_000 { try writer.writeRow(["123456789"]) }  // 10 bytes a row
    // The buffer is flushed at the end of the row that brings it to 65,536 bytes or
    // more (whole rows only): 6,553 rows are 65,530 bytes, 6,554 are 65,540. The
    // other 100,000 − 65,540 = 34,460 bytes go at finish().
    #expect(sink.chunks.count == 1)
    try writer.finish()
    #expect(sink.chunks.map(\.count) == [65_540, 34_460])
  }

  @Test func writeFailuresAreReported() throws {
    let writer = CSVWriter(sink: FullDisk())
    try writer.writeRow(["a"])
    do {
      try writer.finish()
      Issue.record("finish succeeded on a full disk")
    } catch {
      #expect(error.description == "out.csv: No space left on device")
    }
  }
}

/// SplitMix64: a small seeded generator, so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Byte-for-byte view of a table (String's == treats NFC and NFD as equal).
func utf8(_ rows: [[String]]) -> [[[UInt8]]] { rows.map { $0.map { Array($0.utf8) } } }

/// write → read is the identity.
struct CSVRoundTripTests {
  /// Pieces fields are made of: delimiters, quotes, line breaks, spaces, NFC text.
  static let pieces = [
    "", "a", "Zz9", "\u{F1}", "\u{D1}and\u{FA}", "caf\u{E9}", "\u{65E5}\u{672C}", "\u{20AC}", "\u{1F44D}",
    ",", ";", "|", "\t", "\"", "\"\"", "\n", "\r\n", "\r", " ", "  lead", "trail  ", "x,y", "1.234,5",
  ]

  static func field(_ g: inout SplitMix64) -> String {
    (0..<Int.random(in: 0...4, using: &g)).map { _ in pieces.randomElement(using: &g) ?? "" }.joined()
  }

  static func table(_ g: inout SplitMix64, columns: Int) -> [[String]] {
    (0..<Int.random(in: 0...8, using: &g)).map { _ in (0..<columns).map { _ in field(&g) } }
  }

  static func roundTrip(header: [String], rows: [[String]], excel: Bool, options: ReadOptions) throws -> ReadBack {
    let sink = MemorySink()
    let writer = CSVWriter(sink: sink, excel: excel)
    try writer.writeRow(header)
    for row in rows { try writer.writeRow(row) }
    try writer.finish()
    return try CSVFixture.read(sink.bytes, options: options)
  }

  @Test(arguments: [false, true])
  func sniffedTablesReadBackAsWritten(excel: Bool) throws {
    var g = SplitMix64(state: excel ? 2026 : 1031)
    for _ in 0..<1_500 {
      // Headers are plain names, as every command writes them.
      let columns = Int.random(in: 2...6, using: &g)
      let header = (0..<columns).map { "c\($0)" }
      let rows = Self.table(&g, columns: columns)
      let back = try Self.roundTrip(header: header, rows: rows, excel: excel, options: ReadOptions())
      #expect(back.delimiter == (excel ? UInt8(ascii: ";") : UInt8(ascii: ",")))
      #expect(back.header == header)
      #expect(utf8(back.rows) == utf8(rows))
      if utf8(back.rows) != utf8(rows) { break }
    }
  }

  @Test(arguments: [false, true])
  func anyTableReadsBackWithItsDelimiter(excel: Bool) throws {
    var g = SplitMix64(state: excel ? 17 : 4)
    var options = ReadOptions()
    options.delimiter = excel ? UInt8(ascii: ";") : UInt8(ascii: ",")
    for _ in 0..<1_500 {
      // Header names may hold anything but spaces at their ends (the reader trims those).
      let columns = Int.random(in: 1...6, using: &g)
      let header = (0..<columns).map { "h\($0)" + Self.field(&g) + "h" }
      let rows = Self.table(&g, columns: columns)
      let back = try Self.roundTrip(header: header, rows: rows, excel: excel, options: options)
      #expect(utf8([back.header]) == utf8([header]))
      #expect(utf8(back.rows) == utf8(rows))
      if utf8(back.rows) != utf8(rows) || back.header != header { break }
    }
  }
}
