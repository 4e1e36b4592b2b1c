import CCSV

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

  deinit {
    csv_free(p)
    p.deallocate()
  }

  /// Prepares libcsv for a line of which `bytes` tells what it holds.
  ///
  /// libcsv asks the space function about nearly every byte of an unquoted field, an
  /// indirect call per byte. A line without a space or a tab (a tab that is the
  /// delimiter never reaches the test) gets libcsv's inline test instead, which
  /// answers no for every byte of that line just as `keepSpaces` would.
  @inline(__always)
  func prepare(for bytes: FieldText.LineBytes) {
    let blanks = bytes.space || (bytes.tab && delimiter != 0x09)
    if blanks != keeping {
      csv_set_space_func(p, blanks ? keepSpaces : nil)
      keeping = blanks
    }
  }

  var state: Int32 { p.pointee.pstate }
  var quoted: Bool { p.pointee.quoted != 0 }
  /// Bytes of the field being read so far.
  var pendingFieldBytes: Int { p.pointee.entry_pos }
  var error: Int32 { csv_error(p) }
}
