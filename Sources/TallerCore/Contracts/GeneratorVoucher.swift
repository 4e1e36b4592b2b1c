/// The status of a generator voucher (GPU), with the source system's numbers.
public enum VoucherStatus: Int, CaseIterable, Comparable, Sendable {
  /// Awaiting evidence.
  case pendiente = 19
  /// Under review.
  case enRevision = 20
  /// Approved: ready for billing. Needs an evidence URL.
  case validado = 21
  /// Rejected: more evidence needed.
  case rechazado = 22

  /// Reads the name in any case, accents optional (`EN REVISION`, `en revisión`,
  /// `En_Revisión`), or the number (`19`…`22`). Nil for anything else.
  public init?(parsing text: String) {
    switch NameFolding.fold(text) {
    case "PENDIENTE", "19": self = .pendiente
    case "EN REVISION", "20": self = .enRevision
    case "VALIDADO", "21": self = .validado
    case "RECHAZADO", "22": self = .rechazado
    default: return nil
    }
  }

  /// The canonical name written to files (with its accent, in NFC).
  public var name: String {
    switch self {
    case .pendiente: return "PENDIENTE"
    case .enRevision: return "EN REVISI\u{D3}N"
    case .validado: return "VALIDADO"
    case .rechazado: return "RECHAZADO"
    }
  }

  /// The moves a voucher may make (SPEC §4.5): PENDIENTE → EN REVISIÓN →
  /// VALIDADO or RECHAZADO, and RECHAZADO → EN REVISIÓN (resubmitted with more
  /// evidence). VALIDADO is final. Staying in the same status is not a move.
  public func canMove(to next: VoucherStatus) -> Bool {
    switch (self, next) {
    case (.pendiente, .enRevision), (.enRevision, .validado), (.enRevision, .rechazado),
      (.rechazado, .enRevision):
      return true
    default:
      return false
    }
  }

  public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A generator voucher: the evidence that supports billing one production cell of
/// a `C-2`/`C-3` concept. A row of the gpu file (SPEC §3).
public struct GeneratorVoucher: Hashable, Sendable {
  public var key: ProductionKey
  public var status: VoucherStatus
  /// Where the evidence is; required for `VALIDADO`. Any non-blank text is taken.
  public var evidenceURL: String?
  public var updatedOn: LocalDate?
  /// Line in the input, for messages (0 for a voucher created here).
  public var line: Int

  public init(key: ProductionKey, status: VoucherStatus = .pendiente, evidenceURL: String? = nil, updatedOn: LocalDate? = nil, line: Int = 0) {
    self.key = key
    self.status = status
    self.evidenceURL = evidenceURL
    self.updatedOn = updatedOn
    self.line = line
  }

  public var hasEvidence: Bool {
    // Not blank once trimmed: some byte is not a space or tab (no trimmed copy made).
    evidenceURL?.utf8.contains { !ASCIISpaces.isSpace($0) } ?? false
  }

  /// The voucher in status `next`, with `evidenceURL` when given (else the one it
  /// had) and `updatedOn` set to `date`.
  /// - Throws: `.invalidMove` for a move §4.5 does not allow; `.validatedWithoutEvidence`
  ///   when moving to VALIDADO with no evidence URL.
  public func moved(to next: VoucherStatus, evidenceURL url: String? = nil, on date: LocalDate?) throws(VoucherFinding) -> GeneratorVoucher {
    guard status.canMove(to: next) else {
      throw .invalidMove(key, from: status, to: next, line: line)
    }
    var v = self
    if let url { v.evidenceURL = url }
    v.status = next
    v.updatedOn = date
    if next == .validado && !v.hasEvidence { throw .validatedWithoutEvidence(key, index: 0, line: line) }
    return v
  }
}

/// What is wrong in a voucher register, or with a requested move.
public enum VoucherFinding: Error, Hashable, Sendable, CustomStringConvertible {
  /// The same key on several rows of the register; the first is kept. `index` is
  /// the repeated voucher's position in the list read (which names its file when
  /// several were given).
  case duplicate(ProductionKey, index: Int, line: Int, firstLine: Int)
  /// A voucher VALIDADO with no evidence URL (`index` as above; 0 for a move).
  case validatedWithoutEvidence(ProductionKey, index: Int, line: Int)
  /// A status change §4.5 does not allow.
  case invalidMove(ProductionKey, from: VoucherStatus, to: VoucherStatus, line: Int)

  public var line: Int {
    switch self {
    case .duplicate(_, _, let l, _), .validatedWithoutEvidence(_, _, let l), .invalidMove(_, _, _, let l): return l
    }
  }

  /// The position in the list read of the voucher the finding is about (0 for a move).
  public var index: Int {
    switch self {
    case .duplicate(_, let i, _, _), .validatedWithoutEvidence(_, let i, _): return i
    case .invalidMove: return 0
    }
  }

  public var description: String {
    switch self {
    case .duplicate(let key, _, _, let first):
      return "voucher for \(key) is already on line \(first)"
    case .validatedWithoutEvidence(let key, _, _):
      return "voucher for \(key) is VALIDADO without an evidence URL"
    case .invalidMove(let key, let from, let to, _):
      return "voucher for \(key) cannot move from \(from.name) to \(to.name)"
    }
  }
}

/// The generator vouchers on file (`--gpu`), merged with the ones a month needs.
///
/// Keys are held as numbers: the OT and the concept are numbered by the one code
/// table, and a key is those two numbers, the day and the time type packed in 128
/// bits — hundreds of thousands of vouchers cost no hashing or comparing of text,
/// and the index stays small enough for the cache.
public struct VoucherRegister: Sendable {
  private var ots = CodeTable()
  private var codes = CodeTable()
  /// Packed key → position in `vouchers`.
  private var index: [PackedKey: Int32] = [:]
  private var vouchers: [GeneratorVoucher] = []
  /// Problems in the register as read: repeated keys (first kept) and VALIDADO
  /// without evidence (kept as it is: close-month will not count it as validated).
  public private(set) var findings: [VoucherFinding] = []

  /// (OT number, code number) and (day, time type).
  struct PackedKey: Hashable {
    var codes: UInt64
    var day: Int
  }

  public init(_ vouchers: [GeneratorVoucher] = []) {
    index.reserveCapacity(vouchers.count)
    // The list is kept as it is (no copy of each voucher) unless a key repeats.
    var repeated: [Int] = []
    for (i, v) in vouchers.enumerated() {
      let k = numberedKey(v.key)
      if let kept = index[k] {
        findings.append(.duplicate(v.key, index: i, line: v.line, firstLine: vouchers[Int(kept)].line))
        repeated.append(i)
        continue
      }
      index[k] = Int32(i)
      if v.status == .validado && !v.hasEvidence {
        findings.append(.validatedWithoutEvidence(v.key, index: i, line: v.line))
      }
    }
    self.vouchers = vouchers
    if !repeated.isEmpty {
      // Drop the repeats and renumber the rest.
      var drop = Set(repeated)
      var kept: [GeneratorVoucher] = []
      kept.reserveCapacity(vouchers.count - repeated.count)
      for (i, v) in vouchers.enumerated() where !drop.contains(i) {
        index[numberedKey(v.key)] = Int32(kept.count)
        kept.append(v)
      }
      drop.removeAll()
      self.vouchers = kept
    }
  }

  @inline(__always) private static func pack(_ ot: Int32, _ code: Int32, _ key: ProductionKey) -> PackedKey {
    PackedKey(
      codes: UInt64(UInt32(bitPattern: ot)) << 32 | UInt64(UInt32(bitPattern: code)),
      day: key.date.dayNumber << 1 | (key.timeType == .cma ? 0 : 1))
  }

  /// The packed key of `key`, numbering its OT and code when new.
  private mutating func numberedKey(_ key: ProductionKey) -> PackedKey {
    Self.pack(ots.number(of: key.ot.raw), codes.number(of: key.code.raw), key)
  }

  /// The packed key of `key`; nil when its OT or code has no voucher.
  private func existingKey(_ key: ProductionKey) -> PackedKey? {
    guard let ot = ots.existingNumber(of: key.ot.raw), let code = codes.existingNumber(of: key.code.raw) else {
      return nil
    }
    return Self.pack(ot, code, key)
  }

  public subscript(key: ProductionKey) -> GeneratorVoucher? {
    guard let k = existingKey(key), let i = index[k] else { return nil }
    return vouchers[Int(i)]
  }

  /// The voucher of `key`: the existing one, whatever its status, or a new one
  /// `PENDIENTE` dated `date` (get-or-create, §4.5). `created` says which.
  public mutating func voucher(for key: ProductionKey, createdOn date: LocalDate?) -> (voucher: GeneratorVoucher, created: Bool) {
    let k = numberedKey(key)
    if let i = index[k] { return (vouchers[Int(i)], false) }
    let v = GeneratorVoucher(key: key, status: .pendiente, evidenceURL: nil, updatedOn: date)
    index[k] = Int32(vouchers.count)
    vouchers.append(v)
    return (v, true)
  }

  /// Replaces a voucher (after `GeneratorVoucher.moved(to:evidenceURL:on:)`).
  public mutating func update(_ voucher: GeneratorVoucher) {
    let k = numberedKey(voucher.key)
    if let i = index[k] {
      vouchers[Int(i)] = voucher
    } else {
      index[k] = Int32(vouchers.count)
      vouchers.append(voucher)
    }
  }

  /// Every voucher, by OT, code, date and time type (CMA first): the merged
  /// register `--gpu-out` writes.
  public var all: [GeneratorVoucher] { Self.sortedPositions(vouchers.map(\.key)).map { vouchers[$0] } }

  public var count: Int { vouchers.count }
}

extension VoucherRegister {
  /// The register as `all` would list it after `voucher(for:createdOn:)` of each of
  /// `created` (keys the register lacks), without adding them: each created key is
  /// a new `PENDIENTE` voucher dated `date`. Listed in key order. For a large month
  /// (hundreds of thousands of new vouchers) this costs a sorted list of keys, not a
  /// dictionary of vouchers.
  public func forEachMerged(
    adding created: [ProductionKey], createdOn date: LocalDate?, _ body: (GeneratorVoucher) throws -> Void
  ) rethrows {
    let existing = all
    let order = Self.sortedPositions(created)
    var e = 0
    for k in order {
      let key = created[k]
      while e < existing.count && existing[e].key < key {
        try body(existing[e])
        e += 1
      }
      // A created key is not in the register; an equal one would be listed once.
      if e < existing.count && existing[e].key == key { continue }
      try body(GeneratorVoucher(key: key, status: .pendiente, evidenceURL: nil, updatedOn: date))
    }
    while e < existing.count {
      try body(existing[e])
      e += 1
    }
  }

  /// Positions of `keys` in key order (OT, code, date, time type). OTs and codes
  /// are ranked once in text order, and each key packed with its position into a
  /// 128-bit number, so the sort compares integers; keys whose ranks do not fit
  /// are sorted by comparing them.
  static func sortedPositions(_ keys: [ProductionKey]) -> [Int] {
    guard keys.count > 1 else { return Array(keys.indices) }
    var otRank: [OTCode: Int] = [:]
    var codeRank: [ConceptCode: Int] = [:]
    var firstDay = Int.max
    var lastDay = Int.min
    for k in keys {
      otRank[k.ot] = 0
      codeRank[k.code] = 0
      firstDay = min(firstDay, k.date.dayNumber)
      lastDay = max(lastDay, k.date.dayNumber)
    }
    for (r, ot) in otRank.keys.sorted().enumerated() { otRank[ot] = r }
    for (r, code) in codeRank.keys.sorted().enumerated() { codeRank[code] = r }
    let limit = 1 << 24
    guard otRank.count < limit, codeRank.count < limit, lastDay - firstDay < limit, keys.count < 1 << 55 else {
      return keys.indices.sorted { keys[$0] < keys[$1] }
    }
    var packed: [UInt128] = []
    packed.reserveCapacity(keys.count)
    for (i, k) in keys.enumerated() {
      var v = UInt128(otRank[k.ot] ?? 0) << 104
      v |= UInt128(codeRank[k.code] ?? 0) << 80
      v |= UInt128(k.date.dayNumber - firstDay) << 56
      v |= UInt128(k.timeType == .cma ? 0 : 1) << 55
      v |= UInt128(i)
      packed.append(v)
    }
    packed.sort()
    return packed.map { Int(UInt64(truncatingIfNeeded: $0) & ((1 << 55) - 1)) }
  }
}

