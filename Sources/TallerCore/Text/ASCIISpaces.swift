/// The one trim: spaces and tabs at the ends of a cell (codes, numbers, dates,
/// yes/no values). Bytes in, the bounds of what is left out: no String is made.
public enum ASCIISpaces {
  @inlinable @inline(__always) public static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

  /// The bounds `lo..<hi` of `bytes` without spaces and tabs at either end.
  @inlinable @inline(__always)
  public static func bounds(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    var lo = 0
    var hi = bytes.count
    while lo < hi && (bytes[lo] == 0x20 || bytes[lo] == 0x09) { lo += 1 }
    while hi > lo && (bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09) { hi -= 1 }
    return lo..<hi
  }

  /// `bytes` without spaces and tabs at either end.
  @inlinable @inline(__always)
  public static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: bytes[bounds(bytes)])
  }
}

extension String {
  /// The text without spaces and tabs at either end.
  public func trimmingASCIISpaces() -> String {
    // Most cells have nothing to trim: say so from the first and last bytes.
    let u = utf8
    guard let first = u.first, let last = u.last else { return self }
    if !ASCIISpaces.isSpace(first) && !ASCIISpaces.isSpace(last) { return self }
    var s = self
    return s.withUTF8 { String(decoding: ASCIISpaces.trimmed($0), as: UTF8.self) }
  }
}
