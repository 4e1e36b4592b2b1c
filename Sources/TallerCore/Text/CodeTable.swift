/// The one code-interning table: each distinct code (a product, an OT, a concept,
/// a warehouse, a unit) gets a dense number 0, 1, … in order of first appearance,
/// and its text is made a `String` once.
///
/// Readers look codes up straight from a record's bytes, so a million recipe lines
/// naming a hundred thousand products cost a hash of their bytes each, not a String
/// and a dictionary lookup. Codes are nearly always ASCII, and two ASCII strings
/// are canonically equivalent exactly when their bytes are equal: those live in an
/// open-addressing table keyed by their bytes (`ByteHash.scan`). Any other code
/// goes to a `Dictionary` keyed by its `String`, which compares by canonical
/// equivalence (NFC and NFD alike), as the typed codes do.
///
/// Slot s is `slots[2s]`, the code's first 8 bytes, and `slots[2s + 1]`, its length
/// (8 bits), 24 bits of its hash and its number + 1 (0: empty slot), side by side
/// in one cache line: a code of up to 8 bytes (most are) is matched without reading
/// further. The table is kept at most half full.
public struct CodeTable: Sendable {
  /// Each number's code.
  public private(set) var codes: [String] = []
  /// ASCII entries' bytes: number k's are `bytes[starts[k] ..< starts[k + 1]]`
  /// (an empty range for a non-ASCII code).
  private var bytes: [UInt8] = []
  private var starts: [Int] = [0]
  private var hashes: [UInt64] = []
  /// False for a code kept in `other` (not ASCII).
  private var inSlots: [Bool] = []
  private var slots: [UInt64]
  private var other: [String: Int32] = [:]

  /// A column's last code, to skip probing when the next cell repeats it (files
  /// list a parent's lines, an OT's rows, together).
  public struct Recent: Sendable {
    var prefix: UInt64 = 0
    var info: UInt64 = 0
    var number: Int32 = -1
    public init() {}
  }

  /// - Parameter capacity: the number of codes expected (the table grows past it).
  public init(capacity: Int = 0) {
    var size = 1 << 12
    while size < 2 * capacity { size <<= 1 }
    slots = [UInt64](repeating: 0, count: 2 * size)
    codes.reserveCapacity(capacity)
  }

  /// Codes so far.
  public var count: Int { codes.count }

  // MARK: Looking up

  /// The number of `key` (UTF-8, taken as it is: trim first), added when new.
  public mutating func number(utf8 key: UnsafeBufferPointer<UInt8>) -> Int32 {
    var none = Recent()
    return number(utf8: key, recent: &none)
  }

  /// The same, checking first whether `key` repeats the column's last code.
  public mutating func number(utf8 key: UnsafeBufferPointer<UInt8>, recent: inout Recent) -> Int32 {
    let (h, prefix, isASCII) = ByteHash.scan(key)
    guard isASCII else { return otherNumber(String(decoding: key, as: UTF8.self)) }
    let info = Self.info(count: key.count, hash: h)
    if recent.number >= 0 && recent.info == info && recent.prefix == prefix
      && (key.count <= 8 || matches(Int(recent.number), key))
    {
      return recent.number
    }
    let k = find(key, prefix: prefix, hash: h, info: info)
    recent.prefix = prefix
    recent.info = info
    recent.number = k
    return k
  }

  /// The number of `key`, or nil when the table does not have it.
  public func existingNumber(utf8 key: UnsafeBufferPointer<UInt8>) -> Int32? {
    let (h, prefix, isASCII) = ByteHash.scan(key)
    guard isASCII else { return other[String(decoding: key, as: UTF8.self)] }
    return probe(key, prefix: prefix, hash: h, info: Self.info(count: key.count, hash: h)).number
  }

  /// The number of `code`, added when new.
  public mutating func number(of code: String) -> Int32 {
    var s = code
    return s.withUTF8 { number(utf8: $0) }
  }

  /// The number of `code`, or nil.
  public func existingNumber(of code: String) -> Int32? {
    var s = code
    return s.withUTF8 { existingNumber(utf8: $0) }
  }

  // MARK: Inside

  private mutating func otherNumber(_ code: String) -> Int32 {
    if let k = other[code] { return k }
    let k = Int32(codes.count)
    other[code] = k
    codes.append(code)
    starts.append(bytes.count)
    hashes.append(0)
    inSlots.append(false)
    return k
  }

  /// The number of an ASCII key, or the free slot where it would go.
  private func probe(_ key: UnsafeBufferPointer<UInt8>, prefix: UInt64, hash h: UInt64, info: UInt64)
    -> (number: Int32?, slot: Int)
  {
    let mask = slots.count / 2 - 1
    var s = Int(truncatingIfNeeded: h) & mask
    while true {
      let slot = slots[2 * s + 1]
      if slot == 0 { return (nil, s) }
      if slot & ~0xFFFF_FFFF == info && slots[2 * s] == prefix {
        let k = Int(slot & 0xFFFF_FFFF) - 1
        if key.count <= 8 || matches(k, key) { return (Int32(k), s) }
      }
      s = (s + 1) & mask
    }
  }

  private mutating func find(_ key: UnsafeBufferPointer<UInt8>, prefix: UInt64, hash h: UInt64, info: UInt64)
    -> Int32
  {
    let (found, s) = probe(key, prefix: prefix, hash: h, info: info)
    if let found { return found }
    let k = codes.count
    bytes.append(contentsOf: key)
    starts.append(bytes.count)
    codes.append(String(decoding: key, as: UTF8.self))
    hashes.append(h)
    inSlots.append(true)
    slots[2 * s] = prefix
    slots[2 * s + 1] = info | UInt64(k + 1)
    if 4 * codes.count > slots.count { grow() }
    return Int32(k)
  }

  private func matches(_ k: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[k]
    guard starts[k + 1] - start == key.count else { return false }
    return bytes.withUnsafeBufferPointer { b in
      for j in 0..<key.count where b[start + j] != key[j] { return false }
      return true
    }
  }

  private mutating func grow() {
    let size = slots.count  // twice the slots there were
    var grown = [UInt64](repeating: 0, count: 2 * size)
    for k in 0..<codes.count where inSlots[k] {
      var s = Int(truncatingIfNeeded: hashes[k]) & (size - 1)
      while grown[2 * s + 1] != 0 { s = (s + 1) & (size - 1) }
      grown[2 * s] = bytes.withUnsafeBufferPointer { ByteHash.scan(UnsafeBufferPointer(rebasing: $0[starts[k]..<starts[k + 1]])).prefix }
      grown[2 * s + 1] = Self.info(count: starts[k + 1] - starts[k], hash: hashes[k]) | UInt64(k + 1)
    }
    slots = grown
  }

  @inline(__always) static func info(count: Int, hash: UInt64) -> UInt64 {
    UInt64(min(count, 255)) << 56 | (hash >> 40) << 32
  }
}
