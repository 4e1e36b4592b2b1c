import CCSV
import Testing

@testable import TallerIO

/// The CSV reader and the sniffer read fields of libcsv's `struct csv_parser` that
/// csv.h declares but does not document (`pstate`, `entry_pos`, `quoted`), and the
/// state numbers of libcsv.c, which csv.h does not export (`LibcsvState`): where a
/// row starts (line numbers), a field growing past `--max-field` before libcsv has
/// finished it, and which strict-mode error libcsv stopped at. These tests pin what
/// those mean in the libcsv taller is built against (3.0.3, Debian's libcsv-dev), so
/// that a libcsv that moves or changes them fails here, loudly, instead of giving
/// wrong line numbers.
struct LibcsvInternalsTests {
  @Test func theVersionAndLayoutAreLibcsv303s() {
    #expect((CSV_MAJOR, CSV_MINOR, CSV_RELEASE) == (3, 0, 3))
    #expect(MemoryLayout<csv_parser>.offset(of: \.pstate) == 0)
    #expect(MemoryLayout<csv_parser>.offset(of: \.quoted) == 4)
    #expect(MemoryLayout<csv_parser>.offset(of: \.entry_pos) == 4 + 4 + 8 + 8)
    #expect(MemoryLayout<csv_parser>.size(ofValue: csv_parser()) == MemoryLayout<csv_parser>.size)
    #expect(MemoryLayout<csv_parser>.size == 96)
  }

  /// (bytes fed, state after them, bytes of the unfinished field, quoted)
  static let states: [(String, Int32, Int, Bool)] = [
    ("", LibcsvState.rowNotBegun, 0, false),
    ("a,b\n", LibcsvState.rowNotBegun, 0, false),
    ("\n\r\n\r", LibcsvState.rowNotBegun, 0, false),  // blank lines start no row
    ("ab", LibcsvState.fieldBegun, 2, false),
    (" ", LibcsvState.fieldBegun, 1, false),  // spaces kept (keepSpaces)
    ("ab,", LibcsvState.fieldNotBegun, 0, false),
    ("\"ab", LibcsvState.fieldBegun, 2, true),
    ("\"a\nb", LibcsvState.fieldBegun, 3, true),
    ("\"a\"\"b", LibcsvState.fieldBegun, 3, true),  // the doubled quote counts once
    ("\"ab\"", LibcsvState.fieldMightHaveEnded, 3, true),  // the closing quote is kept until the next byte
    ("\"ab\",", LibcsvState.fieldNotBegun, 0, false),
  ]

  @Test(arguments: states)
  func statesMeanWhatTheReaderAssumes(_ input: String, _ state: Int32, _ pending: Int, _ quoted: Bool) throws {
    let parser = try #require(LibcsvParser(delimiter: UInt8(ascii: ",")))
    let bytes = Array(input.utf8)
    let used = csv_parse(parser.p, bytes, bytes.count, nil, nil, nil)
    #expect(used == bytes.count)
    #expect(parser.state == state)
    #expect(parser.pendingFieldBytes == pending)
    #expect(parser.quoted == quoted)
  }

  /// Strict mode stops at a stray quote in the state that CSVReader's message
  /// depends on.
  @Test(arguments: [
    ("\"ab\"c", LibcsvState.fieldMightHaveEnded), ("ab\"c", LibcsvState.fieldBegun),
  ])
  func strictErrorsStopInTheStateTheMessageNames(_ input: String, _ state: Int32) throws {
    let parser = try #require(LibcsvParser(delimiter: UInt8(ascii: ",")))
    let bytes = Array(input.utf8)
    let used = csv_parse(parser.p, bytes, bytes.count, nil, nil, nil)
    #expect(used < bytes.count)
    #expect(parser.error == CSV_EPARSE)
    #expect(parser.state == state)
  }
}
