/// The hash of a code's bytes used by the code table (`CodeTable`): FNV-1a over
/// 64 bits, with the high bits folded down so the low bits that pick a slot
/// depend on all of them.
public enum ByteHash {
  /// What a lookup needs of a key, in one pass over its bytes: its hash, its first
  /// 8 bytes (little-endian, zero-padded: codes of up to 8 bytes are matched by
  /// them alone), and whether every byte is ASCII.
  @inlinable @inline(__always)
  public static func scan(_ key: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, prefix: UInt64, isASCII: Bool) {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    var prefix: UInt64 = 0
    var high: UInt8 = 0
    let n = key.count
    let head = min(n, 8)
    var j = 0
    while j < head {
      let b = key[j]
      h = (h ^ UInt64(b)) &* 0x100_0000_01b3
      high |= b
      prefix |= UInt64(b) &<< (UInt64(j) &<< 3)
      j &+= 1
    }
    while j < n {
      let b = key[j]
      h = (h ^ UInt64(b)) &* 0x100_0000_01b3
      high |= b
      j &+= 1
    }
    return (h ^ (h >> 29), prefix, high < 0x80)
  }
}
