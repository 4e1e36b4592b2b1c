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
    if next == .validado && !v.hasEvidence { throw .validatedWithoutEvidence(key, line: line) }
    return v
  }
}

/// What is wrong in a voucher register, or with a requested move.
public enum VoucherFinding: Error, Hashable, Sendable, CustomStringConvertible {
  /// The same key on several rows of the register; the first is kept.
  case duplicate(ProductionKey, line: Int, firstLine: Int)
  /// A voucher VALIDADO with no evidence URL.
  case validatedWithoutEvidence(ProductionKey, line: Int)
  /// A status change §4.5 does not allow.
  case invalidMove(ProductionKey, from: VoucherStatus, to: VoucherStatus, line: Int)

  public var line: Int {
    switch self {
    case .duplicate(_, let l, _), .validatedWithoutEvidence(_, let l), .invalidMove(_, _, _, let l): return l
    }
  }

  public var description: String {
    switch self {
    case .duplicate(let key, _, let first):
      return "voucher for \(key) is already on line \(first)"
    case .validatedWithoutEvidence(let key, _):
      return "voucher for \(key) is VALIDADO without an evidence URL"
    case .invalidMove(let key, let from, let to, _):
      return "voucher for \(key) cannot move from \(from.name) to \(to.name)"
    }
  }
}

/// The generator vouchers on file (`--gpu`), merged with the ones a month needs.
public struct VoucherRegister: Sendable {
  private var byKey: [ProductionKey: GeneratorVoucher] = [:]
  /// Problems in the register as read: repeated keys (first kept) and VALIDADO
  /// without evidence (kept as it is: close-month will not count it as validated).
  public private(set) var findings: [VoucherFinding] = []

  public init(_ vouchers: [GeneratorVoucher] = []) {
    byKey.reserveCapacity(vouchers.count)
    for v in vouchers {
      if let kept = byKey[v.key] {
        findings.append(.duplicate(v.key, line: v.line, firstLine: kept.line))
        continue
      }
      byKey[v.key] = v
      if v.status == .validado && !v.hasEvidence {
        findings.append(.validatedWithoutEvidence(v.key, line: v.line))
      }
    }
  }

  public subscript(key: ProductionKey) -> GeneratorVoucher? { byKey[key] }

  /// The voucher of `key`: the existing one, whatever its status, or a new one
  /// `PENDIENTE` dated `date` (get-or-create, §4.5). `created` says which.
  public mutating func voucher(for key: ProductionKey, createdOn date: LocalDate?) -> (voucher: GeneratorVoucher, created: Bool) {
    if let v = byKey[key] { return (v, false) }
    let v = GeneratorVoucher(key: key, status: .pendiente, evidenceURL: nil, updatedOn: date)
    byKey[key] = v
    return (v, true)
  }

  /// Replaces a voucher (after `GeneratorVoucher.moved(to:evidenceURL:on:)`).
  public mutating func update(_ voucher: GeneratorVoucher) { byKey[voucher.key] = voucher }

  /// Every voucher, by OT, code, date and time type (CMA first): the merged
  /// register `--gpu-out` writes.
  public var all: [GeneratorVoucher] { byKey.values.sorted { $0.key < $1.key } }

  public var count: Int { byKey.count }
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

