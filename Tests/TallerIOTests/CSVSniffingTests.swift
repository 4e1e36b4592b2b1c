import Foundation
import Testing

@testable import TallerIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// docs/BAD-INPUTS.md #6 (delimiters), header rows below titles, line numbers, chunk edges.
struct CSVSniffingTests {
  /// Counts the fields that name an annex column, as a command's header matcher would.
  static func annexScore(_ fields: [String]) -> Int {
    let known: Set<String> = ["codigo", "concepto", "unidad", "cantidad", "pu_mn"]
    return fields.filter { known.contains($0.lowercased()) }.count
  }

  // #6
  static let delimited: [(String, UInt8)] = [
    ("code;qty;price\nA;1,5;1.234,50\nB;2;3\n", UInt8(ascii: ";")),
    ("code\tqty\tprice\nA\t1,5\t2\nB\t2\t3\n", 0x09),
    ("code|qty|price\nA|1,5|2\nB|2|3\n", UInt8(ascii: "|")),
    ("code,qty,price\nA,\"1,5\",2\nB,2,3\n", UInt8(ascii: ",")),
  ]

  @Test(arguments: delimited)
  func delimiterIsSniffed(_ text: String, _ delimiter: UInt8) throws {
    let r = try CSVFixture.read([UInt8](utf8: text))
    #expect(r.delimiter == delimiter)
    #expect(r.header == ["code", "qty", "price"])
    #expect(r.rows.count == 2)
    #expect(r.rows.first?[1] == "1,5")
  }

  @Test func delimiterIsSniffedAgainstTheExpectedColumns() throws {
    let r = try CSVFixture.read([UInt8](utf8: "codigo;concepto;unidad\nA1;\"Tubo, 2\"\"\";m\n"), headerScore: Self.annexScore)
    #expect(r.delimiter == UInt8(ascii: ";"))
    #expect(r.rows == [["A1", "Tubo, 2\"", "m"]])
  }

  @Test func consistentDelimiterWinsOverAWiderFirstRow() throws {
    // Under `|` the first row has 3 fields but the next rows 1; under `,` every row has 2.
    let r = try CSVFixture.read([UInt8](utf8: "a|x|y,b\n1,2\n3,4\n"))
    #expect(r.delimiter == UInt8(ascii: ","))
    #expect(r.header == ["a|x|y", "b"])
  }

  @Test func forcedDelimiterIsHonoured() throws {
    var options = ReadOptions()
    options.delimiter = UInt8(ascii: ";")
    let r = try CSVFixture.read([UInt8](utf8: "a,b,c;d\n1,2,3;4\n"), options: options)
    #expect(r.header == ["a,b,c", "d"])
    #expect(r.rows == [["1,2,3", "4"]])
  }

  @Test func titleRowsAboveTheHeaderAreSkipped() throws {
    let text = """
      ANEXO C-2;;;
      Contrato 421-2026; OT-17;;

      codigo;concepto;unidad;cantidad
      A1;Tubo 2 pulg;m;3,5
      A2;Brida;pza;4

      """
    let r = try CSVFixture.read([UInt8](utf8: text), headerScore: Self.annexScore)
    #expect(r.delimiter == UInt8(ascii: ";"))
    #expect(r.headerLine == 4)
    #expect(r.header == ["codigo", "concepto", "unidad", "cantidad"])
    #expect(r.rows == [["A1", "Tubo 2 pulg", "m", "3,5"], ["A2", "Brida", "pza", "4"]])
    #expect(r.lines == [5, 6])
  }

  @Test func theEarlierOfTwoEquallyGoodRowsIsTheHeader() throws {
    // Lines 2 and 3 both name two known columns; line 2 comes first.
    let r = try CSVFixture.read([UInt8](utf8: "Title\ncodigo,unidad\ncodigo,unidad\nA,m\n"), headerScore: Self.annexScore)
    #expect(r.headerLine == 2)
    #expect(r.rows == [["codigo", "unidad"], ["A", "m"]])
  }

  @Test func withNoKnownColumnTheFirstRowIsTheHeader() throws {
    let r = try CSVFixture.read([UInt8](utf8: "x;y\n1;2\n"), headerScore: Self.annexScore)
    #expect(r.headerLine == 1)
    #expect(r.delimiter == UInt8(ascii: ";"))
    #expect(r.header == ["x", "y"])
  }

  @Test func lineNumbersAfterMultiLineFieldsAndBlankLines() throws {
    let text = "a,b\n\"x\ny\r\nz\",1\n\n\n2,\"p\n\nq\"\n3,4"
    // Record 1 starts on line 2 and ends on 4; lines 5 and 6 are blank; record 2
    // starts on line 7 and its field holds a blank line (8) before ending on 9.
    let r = try CSVFixture.read([UInt8](utf8: text))
    #expect(r.rows == [["x\ny\r\nz", "1"], ["2", "p\n\nq"], ["3", "4"]])
    #expect(r.lines == [2, 7, 10])
  }

  @Test func nfdTextIsReadAsNFC() throws {
    // "e" + U+0301 (combining acute) is NFD for "é" (U+00E9).
    let r = try CSVFixture.read([UInt8](utf8: "name\nCafe\u{301}\n"))
    #expect(r.rows.first?.first?.unicodeScalars.map(\.value) == [0x43, 0x61, 0x66, 0xE9])
  }

  /// The first data row has `length` x's, so its line break lands around the 256 KiB
  /// boundary of the first read (header "a,b\r\n" is 5 bytes; the row's CR is at byte
  /// 5 + length + 2; 262141 puts it at 262148 = 4 + 262144, the last byte of the
  /// buffer once the row has been moved to its front).
  static let boundaryLengths = [262_134, 262_135, 262_136, 262_137, 262_140, 262_141, 262_142, 600_000]

  @Test(arguments: boundaryLengths)
  func crlfAcrossChunkBoundaries(_ length: Int) throws {
    let long = String(repeating: "x", count: length)
    let text = "a,b\r\n\(long),1\r\n2,\"3\r\n\"\r\n\r\n4,5\r\n"
    let r = try CSVFixture.read([UInt8](utf8: text))
    #expect(r.rows == [[long, "1"], ["2", "3\r\n"], ["4", "5"]])
    #expect(r.lines == [2, 3, 6])
  }

  @Test func crOnlyFileLongerThanOneChunk() throws {
    // 40,000 rows of "nnnnn,y\r" (8 bytes each) are 320,000 bytes: two reads.
    var text = "n,v\r"
    for i in 0..<40_000 { text += String(format: "%05d,y\r", i) }
    let r = try CSVFixture.read([UInt8](utf8: text))
    #expect(r.rows.count == 40_000)
    #expect(r.rows.last == ["39999", "y"])
    #expect(r.lines.last == 40_001)
    #expect(r.lines == Array(2...40_001))
  }

  @Test func readsFromAFileDescriptorAndLeavesItOpen() throws {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    let bytes = [UInt8](utf8: "a;b\n1;2\n")
    #expect(bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) } == bytes.count)
    close(fds[1])
    let reader = try CSVReader(fd: fds[0], name: "<stdin>", options: ReadOptions(), headerScore: nil, warn: { _ in })
    let record = Record()
    #expect(try reader.next(into: record))
    #expect(record.strings == ["1", "2"])
    #expect(try reader.next(into: record) == false)
    #expect(reader.name == "<stdin>")
    #expect(fcntl(fds[0], F_GETFD) != -1)  // still open
    close(fds[0])
  }

  @Test func missingFileCannotBeOpened() throws {
    let dir = try CSVFixture.directory()
    do {
      _ = try CSVReader(path: dir.appendingPathComponent("nope.csv").path, name: "nope.csv")
      Issue.record("opened a missing file")
    } catch {
      #expect(error.kind == .cannotOpen)
      #expect(error.location.file == "nope.csv")
    }
    do {
      _ = try CSVReader(path: dir.path, name: "dir")
      Issue.record("read a directory")
    } catch {
      #expect(error.kind == .cannotOpen)
    }
  }
}
