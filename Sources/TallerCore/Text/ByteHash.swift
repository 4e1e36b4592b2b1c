/// The hash of a code's bytes used by the hand-made code tables (the recipe
/// catalogue's index and the readers' code table): FNV-1a over 64 bits, with the
/// high bits folded down so the low bits that pick a slot depend on all of them.
public enum ByteHash {
  @inlinable @inline(__always)
  public static func fnv1a(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in key {
      h ^= UInt64(b)
      h &*= 0x100_0000_01b3
    }
    return h ^ (h >> 29)
  }
}
