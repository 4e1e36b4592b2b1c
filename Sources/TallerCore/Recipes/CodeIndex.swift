/// Product codes to dense numbers (0, 1, …), the catalogue's lookup table.
///
/// A catalogue of a million recipe lines looks up two million codes; hashing each
/// as a Swift `String` (SipHash over its Unicode form) was a third of building it.
/// Codes are nearly always ASCII, and two ASCII strings are canonically equivalent
/// exactly when their bytes are equal, so ASCII codes are kept in an open-addressing
/// table keyed by their bytes (FNV-1a). Any other code goes to a `Dictionary`, which
/// compares by canonical equivalence (NFC and NFD alike), as `ProductCode` does.
struct CodeIndex: Sendable {
  /// Slot → number + 1 (0: empty). The table is kept at most half full.
  private var slots: [Int32]
  private var mask: Int
  /// The bytes of each ASCII code, back to back: code k is `bytes[ends[k] - length ..< ends[k]]`.
  private var bytes: [UInt8] = []
  private var starts: [Int] = []
  private var ends: [Int] = []
  /// Entry k's number.
  private var numbers: [Int] = []
  private var other: [ProductCode: Int] = [:]

  init(capacity: Int) {
    var size = 16
    while size < 2 * capacity { size <<= 1 }
    slots = [Int32](repeating: 0, count: size)
    mask = size - 1
    starts.reserveCapacity(capacity)
    ends.reserveCapacity(capacity)
    numbers.reserveCapacity(capacity)
    bytes.reserveCapacity(capacity * 8)
  }

  /// The number of a code, or nil.
  func number(of code: ProductCode) -> Int? {
    var raw = code.raw
    // nil: not ASCII, look in `other`; .some(nil): ASCII and absent.
    let ascii: Int?? = raw.withUTF8 { key -> Int?? in
      guard Self.isASCII(key) else { return nil }
      var s = Int(truncatingIfNeeded: ByteHash.fnv1a(key)) & mask
      while true {
        let k = Int(slots[s]) - 1
        if k < 0 { return .some(nil) }
        if equal(k, key) { return .some(numbers[k]) }
        s = (s + 1) & mask
      }
    }
    if let ascii { return ascii }
    return other[code]
  }

  /// Records `code` as `number`; the code must not be present.
  mutating func insert(_ code: ProductCode, number: Int) {
    var raw = code.raw
    let inserted: Bool = raw.withUTF8 { key in
      guard Self.isASCII(key) else { return false }
      if 2 * (numbers.count + 1) > slots.count { grow() }
      let k = numbers.count
      starts.append(bytes.count)
      bytes.append(contentsOf: key)
      ends.append(bytes.count)
      numbers.append(number)
      place(k, hash: ByteHash.fnv1a(key))
      return true
    }
    if !inserted { other[code] = number }
  }

  private mutating func place(_ k: Int, hash: UInt64) {
    var s = Int(truncatingIfNeeded: hash) & mask
    while slots[s] != 0 { s = (s + 1) & mask }
    slots[s] = Int32(k + 1)
  }

  private mutating func grow() {
    let size = slots.count * 2
    slots = [Int32](repeating: 0, count: size)
    mask = size - 1
    for k in 0..<numbers.count {
      let h = bytes.withUnsafeBufferPointer { ByteHash.fnv1a(UnsafeBufferPointer(rebasing: $0[starts[k]..<ends[k]])) }
      place(k, hash: h)
    }
  }

  private func equal(_ k: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[k]
    guard ends[k] - start == key.count else { return false }
    return bytes.withUnsafeBufferPointer { b in
      for j in 0..<key.count where b[start + j] != key[j] { return false }
      return true
    }
  }

  @inline(__always) static func isASCII(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
    for b in key where b >= 0x80 { return false }
    return true
  }

}
