/// Settings of `validate-excess`.
public struct ExcessOptions: Sendable {
  /// The share of the authorization where green turns yellow (`--warn-at`).
  public var warnAt: ExactDecimal
  /// Annexes whose production needs a voucher (`--gpu-annex`).
  public var voucherAnnexes: Set<AnnexName>
  /// `updated_on` of the vouchers created (the run date, given by the caller: the
  /// core has no clock). Nil leaves it empty.
  public var voucherDate: LocalDate?

  /// warnAt 0.90, the default voucher annexes.
  public init(
    warnAt: ExactDecimal = ExactDecimal(raw: 9 * ExactDecimal.one / 10),
    voucherAnnexes: Set<AnnexName> = AnnexName.voucherDefaults,
    voucherDate: LocalDate? = nil
  ) {
    self.warnAt = warnAt
    self.voucherAnnexes = voucherAnnexes
    self.voucherDate = voucherDate
  }

  /// The date of the vouchers a run creates when none is given (`--as-of`): the
  /// last day of the latest month with production, so the same inputs give the
  /// same register on every run. Nil when there are no rows.
  public static func defaultVoucherDate(for rows: [ProductionRow]) -> LocalDate? {
    rows.lazy.map(\.date).max().map { YearMonth($0).lastDay }
  }
}

/// An accepted production row with what validate-excess adds to it (SPEC §4.4:
/// `family` … `supervisor`).
public struct ValidatedProduction: Hashable, Sendable {
  public let row: ProductionRow
  public let family: OTCode
  public let annex: AnnexName
  public let description: String
  public let unit: String
  public let authorizedQty: Quantity
  public let cumulativeQty: Quantity
  public let remainingQty: Quantity
  public let excess: Bool
  public let excessQty: Quantity
  public let level: ExcessLevel
  public let unitPriceMXN: Money
  public let unitPriceUSD: Money
  /// round(qty × unit price, 2), half-up (§4.8).
  public let amountMXN: Money
  public let amountUSD: Money
  public let billingStatus: BillingStatus
  /// qty > 0 and the concept's annex is a voucher annex.
  public let gpuRequired: Bool
  /// The voucher's status after the merge; nil when no voucher is required.
  public let gpuStatus: VoucherStatus?
  /// The supervisor on duty at the OT's site that day; nil without a rotation.
  public let supervisor: String?
}

/// What became of one production row.
public enum ProductionOutcome: Hashable, Sendable {
  case accepted(ValidatedProduction)
  case rejected(ProductionRow, ProductionRejection)

  public var row: ProductionRow {
    switch self {
    case .accepted(let v): return v.row
    case .rejected(let r, _): return r
    }
  }

  public var validated: ValidatedProduction? {
    if case .accepted(let v) = self { return v }
    return nil
  }

  public var rejection: ProductionRejection? {
    if case .rejected(_, let why) = self { return why }
    return nil
  }
}

/// A history entry that was not counted, and why.
public struct IgnoredHistory: Hashable, Sendable {
  public enum Reason: Hashable, Sendable {
    /// Its OT is in no family.
    case unknownWorkOrder
    /// It is dated in (or after) the first month being validated, so it is not
    /// "before the month" (a closed month given again, say).
    case notBefore(YearMonth)
  }
  public let entry: HistoryEntry
  public let reason: Reason
}

/// The result of validating a month of production.
public struct ExcessValidation: Sendable {
  /// One outcome per input row, in input order.
  public let outcomes: [ProductionOutcome]
  /// The voucher register given, with the vouchers the month needs added.
  public let vouchers: VoucherRegister
  /// Keys of the vouchers created by this run, in key order.
  public let createdVouchers: [ProductionKey]
  public let ignoredHistory: [IgnoredHistory]

  public var rejectedCount: Int { outcomes.reduce(0) { $0 + ($1.rejection == nil ? 0 : 1) } }
}

/// Everything a month's production is checked against.
public struct ContractBook: Sendable {
  public var workOrders: WorkOrderFamilies
  public var authorizations: ConsolidatedAuthorizations
  /// Nil when no daily statuses are given: then days are not checked against them.
  public var daily: DailyReports?
  public var history: ProductionHistory
  public var guards: GuardSchedule

  public init(
    workOrders: WorkOrderFamilies, authorizations: ConsolidatedAuthorizations,
    daily: DailyReports? = nil, history: ProductionHistory = ProductionHistory(),
    guards: GuardSchedule = GuardSchedule()
  ) {
    self.workOrders = workOrders
    self.authorizations = authorizations
    self.daily = daily
    self.history = history
    self.guards = guards
  }

  /// Why `row` is refused (SPEC §4.3), or nil when it is accepted. `duplicates`
  /// gives the other lines sharing the row's key, if any.
  ///
  /// The checks, first failing one wins: the OT is known; the quantity is not
  /// negative; the key is not repeated; the family has the concept in an active
  /// import. Then, for a quantity above 0 only (a 0 row changes nothing): the day
  /// is inside the family window; it is not locked (`CERRADO` in the daily file or
  /// a locked day of the history); when daily statuses are given, the OT has one
  /// that day, and it is `LABORANDO`.
  public func rejection(of row: ProductionRow, duplicates: [Int] = []) -> ProductionRejection? {
    let family = workOrders.family(of: row.ot)
    let result = check(
      row, family: family, duplicates: duplicates,
      authorization: { authorizations.position(family: $0.key, code: row.code) },
      status: { daily?.status(of: row.ot, on: row.date) })
    switch result {
    case .accepted: return nil
    case .rejected(let why): return why
    }
  }

  /// What the checks say of a row: accepted, with the position of its authorization;
  /// or rejected.
  enum RowCheck {
    case accepted(Int)
    case rejected(ProductionRejection)
  }

  /// The checks of `rejection(of:duplicates:)`, in their order, given the row's
  /// family and how to find its authorization and its daily status (by name here,
  /// by number in `ledger(for:options:)`), which are looked up only when needed.
  @inline(__always)
  func check(
    _ row: ProductionRow, family: WorkOrderFamily?, duplicates: [Int],
    authorization: (WorkOrderFamily) -> Int?, status dailyStatus: () -> DailyStatus?
  ) -> RowCheck {
    guard let family else { return .rejected(.unknownWorkOrder(row.ot)) }
    if row.qty.isNegative { return .rejected(.negativeQuantity(row.qty)) }
    if !duplicates.isEmpty { return .rejected(.duplicateKey(otherLines: duplicates)) }
    guard let position = authorization(family) else {
      return .rejected(.conceptNotAuthorized(row.code, family: family.key))
    }
    guard row.qty.isPositive else { return .accepted(position) }
    if !family.window.contains(row.date) {
      return .rejected(.outsideWindow(row.date, family: family.key, window: family.window))
    }
    let status = daily == nil ? nil : dailyStatus()
    if status == .cerrado || (!history.lockedDays.isEmpty && history.isLocked(row.ot, on: row.date)) {
      return .rejected(.dayLocked(row.date))
    }
    if daily != nil {
      guard let status else { return .rejected(.noDailyReport(row.ot, row.date)) }
      if !status.allowsProduction { return .rejected(.dayNotWorking(row.ot, row.date, status)) }
    }
    return .accepted(position)
  }

  /// Validates a month of production (SPEC §4.3–4.6, amounts §4.8).
  ///
  /// 1. Each row is checked (`rejection(of:duplicates:)`); rejected rows add nothing.
  /// 2. Per family and concept, quantities accumulate: first the history dated
  ///    before the first month of the rows, then the accepted rows in the order
  ///    (date, CMA before TE, OT, input order). Both time types count toward the
  ///    one authorization. Each row gets its `Accumulation` against the
  ///    consolidated authorization.
  /// 3. amount = round(qty × unit price, 2) half-up, in MXN and in USD.
  /// 4. An accepted row with qty > 0 of a voucher annex needs a voucher keyed
  ///    (ot, code, date, time type): the register's, whatever its status, or a new
  ///    `PENDIENTE` one.
  /// 5. The supervisor is the one on duty at the OT's site that day (§4.6).
  ///
  /// Outcomes come back in input order, whatever order accumulation used. For a
  /// large month, `ledger(for:options:)` gives the same outcomes one at a time
  /// without holding them all.
  /// - Throws: `ArithmeticOverflow` when an amount is beyond the exact range.
  public func validate(_ rows: [ProductionRow], vouchers: VoucherRegister = VoucherRegister(), options: ExcessOptions = ExcessOptions()) throws(ArithmeticOverflow) -> ExcessValidation {
    let ledger = ledger(for: rows, options: options)
    var register = vouchers
    var created: [ProductionKey] = []
    var outcomes: [ProductionOutcome] = []
    outcomes.reserveCapacity(rows.count)
    for i in rows.indices {
      let (outcome, isNew) = try ledger.outcome(at: i, of: rows[i], vouchers: &register)
      if isNew { created.append(rows[i].key) }
      outcomes.append(outcome)
    }
    return ExcessValidation(
      outcomes: outcomes, vouchers: register, createdVouchers: created.sorted(),
      ignoredHistory: ledger.ignoredHistory)
  }

  /// Steps 1 and 2 of `validate`: every row checked and the accepted ones
  /// accumulated, keeping per row only its running total. The outcome of each row
  /// (steps 3–5) is then built on demand by `ExcessLedger.outcome(at:of:vouchers:)`,
  /// so a month of a million rows never holds a million output rows.
  public func ledger(for rows: [ProductionRow], options: ExcessOptions = ExcessOptions()) -> ExcessLedger {
    // Work orders and concepts get numbers, so that the per-row lookups below hash
    // integers instead of text. Consecutive rows of one OT look it up once.
    var ids = CodeNumbers()
    var rowOT = [Int32](repeating: 0, count: rows.count)
    var rowCode = [Int32](repeating: 0, count: rows.count)
    do {
      var lastOT: OTCode?
      var lastID: Int32 = 0
      for (i, r) in rows.enumerated() {
        if r.ot != lastOT {
          lastOT = r.ot
          lastID = ids.number(of: r.ot)
        }
        rowOT[i] = lastID
        rowCode[i] = ids.number(of: r.code)
      }
    }
    // What each OT of the rows is: its family, its family's number, its supervisors.
    let places = ids.ots.map { ot -> OTPlace in
      let family = workOrders.family(of: ot)
      let site = workOrders.workOrder(ot)?.resolvedSite
      return OTPlace(family: family, rotation: site.flatMap { guards.rotation(at: $0) })
    }
    var familyNumber = [Int32](repeating: -1, count: places.count)
    for (k, place) in places.enumerated() {
      if let key = place.family?.key { familyNumber[k] = ids.number(of: key) }
    }
    // Authorizations by (family number, code number); codes no row uses are skipped.
    var authorizationAt: [UInt64: Int32] = [:]
    authorizationAt.reserveCapacity(authorizations.count)
    for p in 0..<authorizations.count {
      let a = authorizations.authorization(at: p)
      guard let f = ids.existingNumber(of: a.family), let c = ids.existingNumber(of: a.code) else { continue }
      authorizationAt[Self.pair(f, c)] = Int32(p)
    }
    // Daily statuses by (OT number, day), for the OTs of the rows.
    var statusAt: [UInt64: DailyStatus] = [:]
    if let daily {
      daily.forEachReport { r in
        if let k = ids.existingNumber(of: r.ot) { statusAt[Self.pair(k, Int32(truncatingIfNeeded: r.date.dayNumber))] = r.status }
      }
    }

    // Repeated keys: every row of a repeated key is refused, naming the others.
    let duplicates = Self.repeatedKeys(rows, ot: rowOT, code: rowCode, ots: ids.ots.count, codes: ids.codeCount)

    // The checks of §4.3, in the order of `rejection(of:duplicates:)`.
    var position = [Int32](repeating: -1, count: rows.count)
    var rejections: [Int: ProductionRejection] = [:]
    for (i, r) in rows.enumerated() {
      let k = Int(rowOT[i])
      let result = check(
        r, family: places[k].family, duplicates: duplicates[i],
        authorization: { _ in authorizationAt[Self.pair(familyNumber[k], rowCode[i])].map(Int.init) },
        status: { statusAt[Self.pair(rowOT[i], Int32(truncatingIfNeeded: r.date.dayNumber))] })
      switch result {
      case .accepted(let p): position[i] = Int32(p)
      case .rejected(let why): rejections[i] = why
      }
    }

    // History before the first month of the rows, per family and concept. History
    // of a concept the family has no authorization for cannot affect any row. Rows
    // dated in a month closed in the history (refused as locked) do not move that
    // month back: the closed month is history.
    let closed = history.closedMonths
    let cutoff = rows.lazy.map(\.date).filter { closed.isEmpty || !closed.contains(YearMonth($0)) }.min()
      .map { YearMonth($0).firstDay }
    var running = [Quantity](repeating: .zero, count: authorizations.count)
    var ignored: [IgnoredHistory] = []
    for e in history.entries {
      guard let family = workOrders.familyKey(of: e.ot) else {
        ignored.append(IgnoredHistory(entry: e, reason: .unknownWorkOrder))
        continue
      }
      if let cutoff, e.date >= cutoff {
        ignored.append(IgnoredHistory(entry: e, reason: .notBefore(YearMonth(cutoff))))
        continue
      }
      if let p = authorizations.position(family: family, code: e.code) { running[p] += e.qty }
    }

    // Accepted rows in chronological order: (date, CMA before TE, OT, input order),
    // packed into one 128-bit key per row so the sort compares integers:
    // day (from the earliest) · time type · rank of the OT in text order · index.
    let byText = ids.ots.indices.sorted { ids.ots[$0] < ids.ots[$1] }
    var rank = [UInt64](repeating: 0, count: ids.ots.count)
    for (r, k) in byText.enumerated() { rank[k] = UInt64(r) }
    let firstDay = rows.indices.lazy.filter { position[$0] >= 0 }.map { rows[$0].date.dayNumber }.min() ?? 0
    var order: [UInt128] = []
    order.reserveCapacity(rows.count - rejections.count)
    for i in rows.indices where position[i] >= 0 {
      let r = rows[i]
      let day = UInt128(UInt64(r.date.dayNumber - firstDay))
      let late: UInt128 = r.timeType == .cma ? 0 : 1
      order.append(day << 97 | late << 96 | UInt128(rank[Int(rowOT[i])]) << 64 | UInt128(UInt64(i)))
    }
    order.sort()

    var cumulative = [Quantity](repeating: .zero, count: rows.count)
    for key in order {
      let i = Int(UInt64(truncatingIfNeeded: key))
      let p = Int(position[i])
      running[p] += rows[i].qty
      cumulative[i] = running[p]
    }
    let voucherAnnex = (0..<authorizations.count).map {
      options.voucherAnnexes.contains(authorizations.authorization(at: $0).annex)
    }
    return ExcessLedger(
      book: self, options: options, position: position, cumulative: cumulative,
      voucherAnnex: voucherAnnex, rowOT: rowOT, rotations: places.map(\.rotation),
      rejections: rejections, ignoredHistory: ignored)
  }

  /// For each row, the lines of the other rows with its key (ot, code, date, time
  /// type), in input order; empty for most rows.
  ///
  /// The key is packed with the row's position into one 128-bit number (OT and code
  /// by number, the day from the earliest), the numbers sorted, and equal keys are
  /// then neighbours. A month whose numbers do not fit 64 bits of key uses a
  /// dictionary instead.
  static func repeatedKeys(_ rows: [ProductionRow], ot: [Int32], code: [Int32], ots: Int, codes: Int) -> [[Int]] {
    var result = [[Int]](repeating: [], count: rows.count)
    guard rows.count > 1 else { return result }
    func bits(_ n: Int) -> Int { n <= 1 ? 1 : Int.bitWidth - (n - 1).leadingZeroBitCount }
    var firstDay = Int.max
    var lastDay = Int.min
    for r in rows {
      firstDay = min(firstDay, r.date.dayNumber)
      lastDay = max(lastDay, r.date.dayNumber)
    }
    let otBits = bits(ots), codeBits = bits(codes), dayBits = bits(lastDay - firstDay + 1)
    var groups: [[Int]] = []
    if otBits + codeBits + dayBits + 1 <= 64 {
      var keyed: [UInt128] = []
      keyed.reserveCapacity(rows.count)
      for (i, r) in rows.enumerated() {
        var key = UInt64(UInt32(bitPattern: ot[i]))
        key = key << codeBits | UInt64(UInt32(bitPattern: code[i]))
        key = key << dayBits | UInt64(r.date.dayNumber - firstDay)
        key = key << 1 | (r.timeType == .cma ? 0 : 1)
        keyed.append(UInt128(key) << 64 | UInt128(i))
      }
      keyed.sort()
      var start = 0
      while start < keyed.count {
        var end = start + 1
        let key = keyed[start] >> 64
        while end < keyed.count && keyed[end] >> 64 == key { end += 1 }
        if end - start > 1 {
          // Sorted by key, then position: the group is in input order.
          groups.append(keyed[start..<end].map { Int(UInt64(truncatingIfNeeded: $0)) })
        }
        start = end
      }
    } else {
      var firstOfKey: [ProductionKey: Int] = [:]
      var members: [Int: [Int]] = [:]
      for (i, r) in rows.enumerated() {
        if let first = firstOfKey[r.key] {
          members[first, default: [first]].append(i)
        } else {
          firstOfKey[r.key] = i
        }
      }
      groups = Array(members.values)
    }
    for group in groups {
      for i in group { result[i] = group.filter { $0 != i }.map { rows[$0].line } }
    }
    return result
  }

  @inline(__always) static func pair(_ a: Int32, _ b: Int32) -> UInt64 {
    UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
  }

  /// What the ledger needs of an OT of the rows.
  struct OTPlace {
    let family: WorkOrderFamily?
    let rotation: GuardRotation?
  }
}

/// Numbers for work orders and concept codes, in order of first appearance (work
/// orders and codes are numbered apart: an OT and a code may share a text), by
/// the one code table.
struct CodeNumbers {
  private(set) var ots: [OTCode] = []
  private var otTable = CodeTable()
  private var codeTable = CodeTable()

  mutating func number(of ot: OTCode) -> Int32 {
    let n = otTable.number(of: ot.raw)
    if Int(n) == ots.count { ots.append(ot) }
    return n
  }

  mutating func number(of code: ConceptCode) -> Int32 { codeTable.number(of: code.raw) }

  var codeCount: Int { codeTable.count }

  func existingNumber(of ot: OTCode) -> Int32? { otTable.existingNumber(of: ot.raw) }
  func existingNumber(of code: ConceptCode) -> Int32? { codeTable.existingNumber(of: code.raw) }
}

/// A month of production checked and accumulated (`ContractBook.ledger(for:options:)`):
/// per row, whether it is rejected and, if not, the running total after it. The
/// outcome of each row is built from it on demand, in any order.
public struct ExcessLedger: Sendable {
  let book: ContractBook
  let options: ExcessOptions
  /// Per row, the position of its authorization, or −1 when the row is rejected.
  let position: [Int32]
  /// Per row, the running total of its family and concept after it (accepted rows).
  let cumulative: [Quantity]
  /// Per authorization, whether its annex needs vouchers (`options.voucherAnnexes`).
  let voucherAnnex: [Bool]
  /// Per row, the number of its OT; per OT number, the rotation at its site.
  let rowOT: [Int32]
  let rotations: [GuardRotation?]
  /// The rejected rows, by position in the input.
  public let rejections: [Int: ProductionRejection]
  public let ignoredHistory: [IgnoredHistory]

  /// Number of rows.
  public var count: Int { position.count }
  public var rejectedCount: Int { rejections.count }

  /// The outcome of row `i`; `row` must be the row at `i` of the rows the ledger was
  /// made from. A required voucher is got from `vouchers` or created there; `created`
  /// says whether it was.
  /// - Throws: `ArithmeticOverflow` when an amount is beyond the exact range.
  public func outcome(at i: Int, of row: ProductionRow, vouchers: inout VoucherRegister) throws(ArithmeticOverflow) -> (outcome: ProductionOutcome, created: Bool) {
    let (outcome, needsVoucher) = try self.outcome(at: i, of: row, register: vouchers)
    if needsVoucher { _ = vouchers.voucher(for: row.key, createdOn: options.voucherDate) }
    return (outcome, needsVoucher)
  }

  /// The outcome of row `i` against a register that is only read: a required
  /// voucher the register lacks is `PENDIENTE`, and `needsVoucher` is true — the
  /// caller creates it (`VoucherRegister.voucher(for:createdOn:)`) if it keeps the
  /// register. No two accepted rows share a key, so creating the vouchers later, or
  /// not at all, changes no outcome.
  /// - Throws: `ArithmeticOverflow` when an amount is beyond the exact range.
  public func outcome(at i: Int, of row: ProductionRow, register: VoucherRegister) throws(ArithmeticOverflow) -> (outcome: ProductionOutcome, needsVoucher: Bool) {
    let p = position[i]
    guard p >= 0 else {
      return (.rejected(row, rejections[i] ?? .unknownWorkOrder(row.ot)), false)
    }
    let auth = book.authorizations.authorization(at: Int(p))
    let cumulativeQty = cumulative[i]
    let acc = Accumulation(
      adding: row.qty, to: cumulativeQty - row.qty, authorized: auth.authorizedQty, warnAt: options.warnAt)

    let gpuRequired = row.qty.isPositive && voucherAnnex[Int(p)]
    var gpuStatus: VoucherStatus?
    var isNew = false
    if gpuRequired {
      if register.count > 0, let existing = register[row.key] {
        gpuStatus = existing.status
      } else {
        gpuStatus = .pendiente
        isNew = true
      }
    }
    let validated = ValidatedProduction(
      row: row, family: auth.family, annex: auth.annex, description: auth.description,
      unit: auth.unit, authorizedQty: auth.authorizedQty,
      cumulativeQty: acc.cumulativeQty, remainingQty: acc.remainingQty,
      excess: acc.isExcess, excessQty: acc.excessQty, level: acc.level,
      unitPriceMXN: auth.unitPriceMXN, unitPriceUSD: auth.unitPriceUSD,
      amountMXN: try row.qty.multiplied(by: auth.unitPriceMXN, places: 2),
      amountUSD: try row.qty.multiplied(by: auth.unitPriceUSD, places: 2),
      billingStatus: acc.billingStatus, gpuRequired: gpuRequired, gpuStatus: gpuStatus,
      supervisor: rotations[Int(rowOT[i])]?.supervisor(on: row.date))
    return (.accepted(validated), isNew)
  }
}
