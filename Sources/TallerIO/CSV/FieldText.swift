import Foundation

/// Turning the raw bytes of a field into the UTF-8 NFC bytes a `Record` holds.
///
/// Most fields are ASCII and are copied as they are; the checks here look at eight
/// bytes at a time so that the common case costs a few instructions per field.
enum FieldText {
  /// Whether the bytes hold any byte ≥ 0x80 and any NUL byte.
  @inline(__always)
  static func scan(_ p: UnsafePointer<UInt8>, _ n: Int) -> (high: Bool, nul: Bool) {
    let raw = UnsafeRawPointer(p)
    var high: UInt64 = 0
    var zero: UInt64 = 0
    var i = 0
    while i + 8 <= n {
      let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      high |= w
      // A byte of `w` is zero exactly when this sets its high bit (the classic
      // "has zero byte" test: (w − 0x01…01) & ~w & 0x80…80).
      zero |= (w &- 0x0101_0101_0101_0101) & ~w
      i += 8
    }
    var tailNul = false
    while i < n {
      let b = p[i]
      high |= UInt64(b)
      if b == 0 { tailNul = true }
      i += 1
    }
    let mask: UInt64 = 0x8080_8080_8080_8080
    return (high & mask != 0, tailNul || zero & mask != 0)
  }

  /// What a whole line holds, looked at once before libcsv parses it: whether every
  /// byte is ASCII and not NUL (then no field of it needs `scan`), and whether it
  /// holds a space or a tab (only then does libcsv need to be told to keep them).
  struct LineBytes {
    var plain: Bool
    var space: Bool
    var tab: Bool
  }

  /// `LineBytes` of `p[0..<n]`, eight bytes at a time.
  @inline(__always)
  static func line(_ p: UnsafePointer<UInt8>, _ n: Int) -> LineBytes {
    let raw = UnsafeRawPointer(p)
    let ones: UInt64 = 0x0101_0101_0101_0101
    var high: UInt64 = 0
    var zero: UInt64 = 0
    var space: UInt64 = 0
    var tab: UInt64 = 0
    var i = 0
    while i + 8 <= n {
      let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      high |= w
      // The "has zero byte" test of `scan`, on w, on w with every space made zero,
      // and on w with every tab made zero.
      zero |= (w &- ones) & ~w
      let s = w ^ (ones &* 0x20)
      space |= (s &- ones) & ~s
      let t = w ^ (ones &* 0x09)
      tab |= (t &- ones) & ~t
      i += 8
    }
    var tail = LineBytes(plain: true, space: false, tab: false)
    while i < n {
      let b = p[i]
      if b == 0 || b >= 0x80 { tail.plain = false }
      if b == 0x20 { tail.space = true }
      if b == 0x09 { tail.tab = true }
      i += 1
    }
    let mask: UInt64 = 0x8080_8080_8080_8080
    return LineBytes(
      plain: tail.plain && (high | zero) & mask == 0,
      space: tail.space || space & mask != 0,
      tab: tail.tab || tab & mask != 0)
  }

  /// Strict UTF-8 check (no overlong forms, no surrogates, nothing above U+10FFFF).
  /// `mayNeedNFC` is false when every character is below U+0300: those characters
  /// (ASCII, Latin-1, Latin Extended-A/B, IPA, spacing modifiers) are all NFC starters
  /// that nothing composes with, so such text is already NFC (the Spanish case).
  static func validateUTF8(_ p: UnsafePointer<UInt8>, _ n: Int) -> (valid: Bool, mayNeedNFC: Bool) {
    @inline(__always) func cont(_ b: UInt8) -> Bool { b & 0xC0 == 0x80 }
    var nfc = false
    var i = 0
    while i < n {
      let b = p[i]
      if b < 0x80 { i += 1; continue }
      if b < 0xC2 { return (false, nfc) }
      if b < 0xE0 {
        guard i + 1 < n, cont(p[i + 1]) else { return (false, nfc) }
        if b >= 0xCC { nfc = true }  // 0xCC 0x80 is U+0300
        i += 2
        continue
      }
      nfc = true
      if b < 0xF0 {
        guard i + 2 < n else { return (false, nfc) }
        let b1 = p[i + 1]
        let ok1 = b == 0xE0 ? (0xA0...0xBF).contains(b1) : b == 0xED ? (0x80...0x9F).contains(b1) : cont(b1)
        guard ok1, cont(p[i + 2]) else { return (false, nfc) }
        i += 3
      } else if b < 0xF5 {
        guard i + 3 < n else { return (false, nfc) }
        let b1 = p[i + 1]
        let ok1 = b == 0xF0 ? (0x90...0xBF).contains(b1) : b == 0xF4 ? (0x80...0x8F).contains(b1) : cont(b1)
        guard ok1, cont(p[i + 2]), cont(p[i + 3]) else { return (false, nfc) }
        i += 4
      } else {
        return (false, nfc)
      }
    }
    return (true, nfc)
  }

  /// Windows-1252 characters for bytes 0x80…0x9F (the five unassigned bytes map to
  /// the C1 controls of the same number, as WHATWG's decoder does).
  static let windows1252High: [UInt16] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
  ]

  /// Appends the field decoded as Windows-1252 (or ISO-8859-1 when `latin1`) as
  /// UTF-8. Every character either maps to is an NFC starter, so no normalization.
  static func appendLegacy(_ p: UnsafePointer<UInt8>, _ n: Int, latin1: Bool, to out: inout [UInt8]) {
    for i in 0..<n {
      let b = p[i]
      if b < 0x80 { out.append(b); continue }
      let scalar: UInt32 = (!latin1 && b < 0xA0) ? UInt32(windows1252High[Int(b - 0x80)]) : UInt32(b)
      if scalar < 0x800 {
        out.append(UInt8(0xC0 | (scalar >> 6)))
        out.append(UInt8(0x80 | (scalar & 0x3F)))
      } else {
        out.append(UInt8(0xE0 | (scalar >> 12)))
        out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (scalar & 0x3F)))
      }
    }
  }

  /// Appends valid UTF-8 in Normalization Form C.
  static func appendNFC(_ p: UnsafePointer<UInt8>, _ n: Int, to out: inout [UInt8]) {
    let s = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    out.append(contentsOf: s.precomposedStringWithCanonicalMapping.utf8)
  }

  /// A field as a String for sniffing: UTF-8 when it is valid (unless a legacy
  /// encoding is forced), else Windows-1252; in NFC.
  static func string(_ p: UnsafePointer<UInt8>?, _ n: Int, encoding: ReadOptions.Encoding) -> String {
    guard let p, n > 0 else { return "" }
    var out: [UInt8] = []
    out.reserveCapacity(n)
    switch encoding {
    case .windows1252: appendLegacy(p, n, latin1: false, to: &out)
    case .latin1: appendLegacy(p, n, latin1: true, to: &out)
    case .auto, .utf8:
      let (valid, nfc) = validateUTF8(p, n)
      if !valid {
        appendLegacy(p, n, latin1: false, to: &out)
      } else if nfc {
        appendNFC(p, n, to: &out)
      } else {
        out.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// A header name as written, without the spaces, tabs and byte-order marks around it.
  static func trimmedHeader(_ s: String) -> String {
    var t = Substring(s)
    while let f = t.first, f == " " || f == "\t" || f == "\u{FEFF}" { t = t.dropFirst() }
    while let l = t.last, l == " " || l == "\t" { t = t.dropLast() }
    return String(t)
  }
}
