import Foundation  // only for NFC: the standard library has no public normalization yet
import TallerCore

/// Writing JSON text: string escaping, serialization of `JSONValue`, NFC.
enum JSONText {
  private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

  /// Appends `s` as a JSON string literal, escaped minimally: `"` and `\` get a
  /// backslash, `\n` `\r` `\t` their short forms, other control characters
  /// (U+0000–U+001F) `\u00XX`; everything else (DEL, non-ASCII) is kept as UTF-8.
  static func appendString(_ s: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    // Text with nothing to escape (nearly all of it) is copied at once.
    var text = s
    let copied = text.withUTF8 { bytes -> Bool in
      for b in bytes where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return false }
      out.append(contentsOf: bytes)
      return true
    }
    if copied {
      out.append(UInt8(ascii: "\""))
      return
    }
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(b)
      case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(b)
      case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
      case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
      case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
      case 0x00..<0x20:
        out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
        out.append(hex[Int(b >> 4)])
        out.append(hex[Int(b & 0x0F)])
      default: out.append(b)
      }
    }
    out.append(UInt8(ascii: "\""))
  }

  /// `s` in Unicode Normalization Form C. Text whose scalars are all below U+0300
  /// is NFC already (no byte ≥ 0xCC in its UTF-8), which skips Foundation for
  /// nearly every field.
  static func nfc(_ s: String) -> String {
    if !s.utf8.contains(where: { $0 >= 0xCC }) { return s }
    return s.precomposedStringWithCanonicalMapping
  }

  /// Appends the JSON text of `value`: compact (`{"a":[1,2]}`), or pretty with
  /// two-space indentation, one member or element per line, `"key": value`.
  /// Empty arrays and objects are written `[]` and `{}`.
  static func append(_ value: JSONValue, to out: inout [UInt8], pretty: Bool, indent: Int) {
    switch value {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .number(let literal):
      var text = literal
      text.withUTF8 { out.append(contentsOf: $0) }
    case .string(let s): appendString(s, to: &out)
    case .array(let items):
      if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
      out.append(UInt8(ascii: "["))
      for (i, item) in items.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        if pretty { newline(&out, indent + 1) }
        append(item, to: &out, pretty: pretty, indent: indent + 1)
      }
      if pretty { newline(&out, indent) }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
      out.append(UInt8(ascii: "{"))
      for (i, member) in members.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        if pretty { newline(&out, indent + 1) }
        appendString(member.key, to: &out)
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(UInt8(ascii: " ")) }
        append(member.value, to: &out, pretty: pretty, indent: indent + 1)
      }
      if pretty { newline(&out, indent) }
      out.append(UInt8(ascii: "}"))
    }
  }

  private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

  private static func newline(_ out: inout [UInt8], _ level: Int) {
    out.append(0x0A)
    var n = 2 * level
    while n > 0 {
      let k = min(n, spaces.count)
      out.append(contentsOf: spaces[..<k])
      n -= k
    }
  }
}

extension JSONValue {
  /// The JSON text of this value as UTF-8, without a final newline.
  ///
  /// Compact: no spaces at all. Pretty: two-space indentation, one member or element
  /// per line, `"key": value`. Keys come in stored order, numbers as their literal
  /// text, strings escaped minimally (see `JSONText.appendString`). Deterministic:
  /// `parse(serialized(pretty:))` gives back an equal value.
  public func serialized(pretty: Bool) -> [UInt8] {
    var out: [UInt8] = []
    JSONText.append(self, to: &out, pretty: pretty, indent: 0)
    return out
  }
}

/// Pretty JSON written as it goes, without a `JSONValue` tree: the same bytes as
/// `JSONText.append(_:to:pretty: true, indent:)` of the value it spells out (a large
/// document, a closed month, is written straight from its data).
///
/// A container is opened with `begin`, each member starts with `key`, each array
/// element with `element`, and `end` closes it (`{}` and `[]` when empty).
struct PrettyJSONWriter {
  var out: [UInt8] = []
  /// Items written so far in each open container, innermost last.
  private var items: [Int] = []
  /// The indentation level of the first value written.
  private let base: Int

  init(indent: Int = 0) {
    base = indent
    out.reserveCapacity(1 << 16)
  }

  /// Opens an object (`{`) or an array (`[`) as the current value.
  mutating func begin(_ bracket: UInt8) {
    out.append(bracket)
    items.append(0)
  }

  /// Closes the innermost container with `}` or `]`.
  mutating func end(_ bracket: UInt8) {
    let n = items.removeLast()
    if n > 0 { newline(base + items.count) }
    out.append(bracket)
  }

  /// Starts an array element.
  mutating func element() {
    if items[items.count - 1] > 0 { out.append(UInt8(ascii: ",")) }
    items[items.count - 1] += 1
    newline(base + items.count)
  }

  /// Starts a member: `"key": `.
  mutating func key(_ k: String) {
    element()
    JSONText.appendString(k, to: &out)
    out.append(UInt8(ascii: ":"))
    out.append(UInt8(ascii: " "))
  }

  mutating func string(_ s: String) { JSONText.appendString(s, to: &out) }
  mutating func string(_ s: String?) { if let s { string(s) } else { null() } }
  mutating func null() { out.append(contentsOf: "null".utf8) }
  mutating func bool(_ b: Bool) { out.append(contentsOf: (b ? "true" : "false").utf8) }
  /// An exact decimal as a number (`JSONValue.decimal`), with at least `places` decimals.
  mutating func decimal(_ d: ExactDecimal, places: Int = 0) { d.append(to: &out, minimumPlaces: places) }
  /// Any value, through `JSONText.append` at the current level.
  mutating func value(_ v: JSONValue) { JSONText.append(v, to: &out, pretty: true, indent: base + items.count) }

  private mutating func newline(_ level: Int) {
    out.append(0x0A)
    for _ in 0..<level {
      out.append(UInt8(ascii: " "))
      out.append(UInt8(ascii: " "))
    }
  }
}
