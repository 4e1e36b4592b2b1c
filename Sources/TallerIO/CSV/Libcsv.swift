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
/// (docs/BAD-INPUTS.md #12: the field parsers trim codes and numbers themselves).
private func keepSpaces(_ c: UInt8) -> Int32 { 0 }

/// One libcsv parser in strict mode, freed with its owner.
///
/// Strict mode rejects a quote inside an unquoted field and text after a closing
/// quote (docs/BAD-INPUTS.md #9); `CSV_STRICT_FINI` rejects a quote left open at the end of
/// the input, which libcsv otherwise accepts silently (#8).
final class LibcsvParser {
  let p: UnsafeMutablePointer<csv_parser>
  private let delimiter: UInt8
  /// libcsv's own space test is set (instead of `keepSpaces`).
  private var builtinSpaces = false

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

  /// Chooses the space test for the bytes about to be parsed.
  ///
  /// libcsv asks the space function about nearly every byte, through a pointer.
  /// Its built-in test (space or tab) reads a text the same way as `keepSpaces`
  /// except where a space or tab touches the edge of a field — after a delimiter
  /// or a line break, before one, at either end of the bytes — which it drops (or,
  /// around a quoted field, accepts). Bytes without such a space are parsed with the
  /// built-in test, without the call; any other bytes (and every tab-separated
  /// input) with `keepSpaces`. Every byte is still parsed by libcsv, and the fields
  /// and errors are the same either way.
  func chooseSpaceTest(for bytes: UnsafePointer<UInt8>, count n: Int) {
    let builtin = delimiter != 0x09 && !Self.hasSpaceAtFieldEdge(bytes, n, delimiter)
    if builtin != builtinSpaces {
      csv_set_space_func(p, builtin ? nil : keepSpaces)
      builtinSpaces = builtin
    }
  }

  /// True when a space or tab in `bytes` is first or last, or next to the
  /// delimiter, a CR or an LF.
  static func hasSpaceAtFieldEdge(_ bytes: UnsafePointer<UInt8>, _ n: Int, _ delimiter: UInt8) -> Bool {
    @inline(__always) func isEdge(_ b: UInt8) -> Bool { b == delimiter || b == 0x0A || b == 0x0D }
    @inline(__always) func spaceAtEdge(_ i: Int) -> Bool {
      let b = bytes[i]
      return (b == 0x20 || b == 0x09) && (i == 0 || i == n - 1 || isEdge(bytes[i - 1]) || isEdge(bytes[i + 1]))
    }
    // Eight bytes at a time: only a word holding a space or a tab is looked into.
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    @inline(__always) func holds(_ w: UInt64, _ c: UInt64) -> Bool {
      let x = w ^ (ones &* c)
      return (x &- ones) & ~x & highs != 0
    }
    var i = 0
    while i + 8 <= n {
      let w = UInt64(littleEndian: UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self))
      if holds(w, 0x20) || holds(w, 0x09) {
        for j in i..<i + 8 where spaceAtEdge(j) { return true }
      }
      i += 8
    }
    while i < n {
      if spaceAtEdge(i) { return true }
      i += 1
    }
    return false
  }

  var state: Int32 { p.pointee.pstate }
  var quoted: Bool { p.pointee.quoted != 0 }
  /// Bytes of the field being read so far.
  var pendingFieldBytes: Int { p.pointee.entry_pos }
  var error: Int32 { csv_error(p) }
}
