import CCSV

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// libcsv's parser states (libcsv.c; not exported by csv.h).
///
/// These numbers, and the fields of `struct csv_parser` read below (`pstate`,
/// `quoted`, `entry_pos`), are libcsv's internals: `LibcsvInternalsTests` pins their
/// meaning in libcsv 3.0.3 and fails when another version changes them.
enum LibcsvState {
  static let rowNotBegun: Int32 = 0
  static let fieldNotBegun: Int32 = 1
  static let fieldBegun: Int32 = 2
  static let fieldMightHaveEnded: Int32 = 3
}

/// libcsv's default trims spaces and tabs around unquoted fields; taller keeps them
/// (docs/BAD-INPUTS.md #12: the field parsers trim codes and numbers themselves)
/// by telling libcsv that no character is a space.
private func keepSpaces(_ c: UInt8) -> Int32 { 0 }

/// One libcsv parser in strict mode, freed with its owner.
///
/// Strict mode rejects a quote inside an unquoted field and text after a closing
/// quote (docs/BAD-INPUTS.md #9); `CSV_STRICT_FINI` rejects a quote left open at the end of
/// the input, which libcsv otherwise accepts silently (#8).
final class LibcsvParser {
  let p: UnsafeMutablePointer<csv_parser>
  let delimiter: UInt8
  /// `keepSpaces` is set (else libcsv's own test, inline, is).
  private var keeping = true

  init?(delimiter: UInt8) {
    p = .allocate(capacity: 1)
    guard csv_init(p, UInt8(CSV_STRICT | CSV_STRICT_FINI)) == 0 else {
      p.deallocate()
      return nil
    }
    self.delimiter = delimiter
    csv_set_delim(p, delimiter)
    csv_set_space_func(p, keepSpaces)
    // The field buffer grows by this much at a time (libcsv's default is 128 bytes,
    // thousands of reallocations for a large field).
    csv_set_blk_size(p, 4096)
  }

  /// A parser for the input `name`, or the error of one that cannot start.
  static func started(delimiter: UInt8, name: String) throws(InputError) -> LibcsvParser {
    guard let parser = LibcsvParser(delimiter: delimiter) else {
      throw InputError(.io, at: SourceLocation(file: name), "cannot start the CSV parser (out of memory)")
    }
    return parser
  }

  deinit {
    csv_free(p)
    p.deallocate()
  }

  /// Prepares libcsv for the line `line[0..<n]`, of which `bytes` tells what it holds.
  ///
  /// libcsv asks the space function about nearly every byte of an unquoted field, an
  /// indirect call per byte. Its own inline test (space or tab) gives the same
  /// fields as `keepSpaces` on a line where no blank can be trimmed, so such a line
  /// gets that test instead. libcsv trims, or treats differently, only a blank
  /// that starts a field (after a delimiter or at the start of a line), one that
  /// ends an unquoted field (before a delimiter or the line break) and one after a
  /// quote (a closing quote followed by spaces); every other blank (inside a field,
  /// or a tab that is the delimiter) is kept either way. A line with a blank in any
  /// of those places, or at either end of the piece of line given, keeps `keepSpaces`.
  @inline(__always)
  func prepare(for bytes: FieldText.LineBytes, line: UnsafePointer<UInt8>, count n: Int) {
    var keep = false
    if bytes.space { keep = Self.blankAtAnEdge(0x20, line, n, delimiter) }
    if !keep && bytes.tab && delimiter != 0x09 { keep = Self.blankAtAnEdge(0x09, line, n, delimiter) }
    if keep != keeping {
      csv_set_space_func(p, keep ? keepSpaces : nil)
      keeping = keep
    }
  }

  /// Whether some `blank` in `line[0..<n]` is first or last, follows a delimiter or
  /// a quote, or comes before a delimiter or a line break.
  private static func blankAtAnEdge(_ blank: UInt8, _ line: UnsafePointer<UInt8>, _ n: Int, _ delimiter: UInt8) -> Bool {
    var i = 0
    while i < n {
      guard let hit = memchr(line + i, Int32(blank), n - i) else { return false }
      let k = line.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      if k == 0 || k == n - 1 { return true }
      let before = line[k - 1]
      if before == delimiter || before == 0x22 { return true }
      let after = line[k + 1]
      if after == delimiter || after == 0x0A || after == 0x0D { return true }
      i = k + 1
    }
    return false
  }

  var state: Int32 { p.pointee.pstate }
  var quoted: Bool { p.pointee.quoted != 0 }
  /// Bytes of the field being read so far.
  var pendingFieldBytes: Int { p.pointee.entry_pos }
  var error: Int32 { csv_error(p) }
}
