/// Reads a yes/no cell: `true/false`, `1/0`, `S/N`, `Y/N`, `SI/NO`, `sí/no`, `yes/no`,
/// `verdadero/falso`, `v/f`, `x` for yes. Case-insensitive; spaces at both ends ignored.
///
/// Returns nil for an empty cell (the column's default applies) and throws for
/// anything else.
public func parseBool(_ text: String) throws(BoolError) -> Bool? {
  var t = text
  let result = t.withUTF8 { buf in
    Result { () throws(BoolError) -> Bool? in try parseBool(utf8: buf) }
  }
  return try result.get()
}

/// Reads UTF-8 bytes as a yes/no cell (`parseBool(_:)`), without making a string.
///
/// Letters compare without regard to case; the `í` of `sí` may be written composed
/// (U+00ED, U+00CD) or as `i` and a combining acute (U+0301), as `String` equality
/// would have it.
public func parseBool(utf8 input: UnsafeBufferPointer<UInt8>) throws(BoolError) -> Bool? {
  let p = ASCIISpaces.trimmed(input)
  if p.isEmpty { return nil }
  // A lowercase ASCII word, matched with ASCII letters in either case.
  func isWord(_ word: StaticString) -> Bool {
    guard p.count == word.utf8CodeUnitCount else { return false }
    let w = word.utf8Start
    for k in 0..<p.count {
      let c = p[k]
      let lower = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
      if lower != w[k] { return false }
    }
    return true
  }
  switch p.count {
  case 1:
    switch p[0] | 0x20 {
    case UInt8(ascii: "s"), UInt8(ascii: "y"), UInt8(ascii: "x"), UInt8(ascii: "v"): return true
    case UInt8(ascii: "n"), UInt8(ascii: "f"): return false
    default:
      if p[0] == UInt8(ascii: "1") { return true }
      if p[0] == UInt8(ascii: "0") { return false }
    }
  case 2:
    if isWord("si") { return true }
    if isWord("no") { return false }
  case 3:
    if isWord("yes") { return true }
    // sí: s, then í (C3 AD) or Í (C3 8D).
    if p[0] | 0x20 == UInt8(ascii: "s"), p[1] == 0xC3, p[2] == 0xAD || p[2] == 0x8D { return true }
  case 4:
    if isWord("true") { return true }
    // sí: s, i or I, then the combining acute U+0301 (CC 81).
    if p[0] | 0x20 == UInt8(ascii: "s"), p[1] | 0x20 == UInt8(ascii: "i"), p[2] == 0xCC, p[3] == 0x81 {
      return true
    }
  case 5:
    if isWord("false") || isWord("falso") { return false }
  case 9:
    if isWord("verdadero") { return true }
  default:
    break
  }
  throw BoolError()
}

public struct BoolError: Error, Sendable, Equatable {
  public init() {}
  public var message: String { "is not a yes/no value (expected true/false, 1/0, S/N, Y/N, SI/NO or x)" }
}
