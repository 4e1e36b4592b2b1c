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
    guard let family = workOrders.family(of: row.ot) else { return .unknownWorkOrder(row.ot) }
    if row.qty.isNegative { return .negativeQuantity(row.qty) }
    if !duplicates.isEmpty { return .duplicateKey(otherLines: duplicates) }
    if authorizations.authorization(family: family.key, code: row.code) == nil {
      return .conceptNotAuthorized(row.code, family: family.key)
    }
    guard row.qty.isPositive else { return nil }
    if !family.window.contains(row.date) {
      return .outsideWindow(row.date, family: family.key, window: family.window)
    }
    let status = daily?.status(of: row.ot, on: row.date)
    if status == .cerrado || history.isLocked(row.ot, on: row.date) { return .dayLocked(row.date) }
    if daily != nil {
      guard let status else { return .noDailyReport(row.ot, row.date) }
      if !status.allowsProduction { return .dayNotWorking(row.ot, row.date, status) }
    }
    return nil
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
  /// Outcomes come back in input order, whatever order accumulation used.
  /// - Throws: `ArithmeticOverflow` when an amount is beyond the exact range.
  public func validate(_ rows: [ProductionRow], vouchers: VoucherRegister = VoucherRegister(), options: ExcessOptions = ExcessOptions()) throws(ArithmeticOverflow) -> ExcessValidation {
    // Repeated keys: every row of a repeated key is refused, naming the others.
    var indicesOfKey: [ProductionKey: [Int]] = [:]
    for (i, r) in rows.enumerated() { indicesOfKey[r.key, default: []].append(i) }

    var rejections: [ProductionRejection?] = []
    rejections.reserveCapacity(rows.count)
    for (i, r) in rows.enumerated() {
      var others: [Int] = []
      if let same = indicesOfKey[r.key], same.count > 1 {
        others = same.filter { $0 != i }.map { rows[$0].line }
      }
      rejections.append(rejection(of: r, duplicates: others))
    }

    // History before the first month of the rows, per family and concept.
    typealias FamilyConcept = ConsolidatedAuthorizations.FamilyConcept
    let cutoff = rows.map(\.date).min().map { YearMonth($0).firstDay }
    var running: [FamilyConcept: Quantity] = [:]
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
      running[FamilyConcept(family: family, code: e.code), default: .zero] += e.qty
    }

    // Accepted rows in chronological order: (date, CMA before TE, OT, input order).
    let accepted = rows.indices.filter { rejections[$0] == nil }
    let chronological = accepted.sorted { a, b in
      let x = rows[a], y = rows[b]
      if x.date != y.date { return x.date < y.date }
      if x.timeType != y.timeType { return x.timeType < y.timeType }
      if x.ot != y.ot { return x.ot < y.ot }
      return a < b
    }

    var register = vouchers
    var created: [ProductionKey] = []
    var results: [ValidatedProduction?] = Array(repeating: nil, count: rows.count)
    for i in chronological {
      let row = rows[i]
      // Accepted rows have a placed OT and an authorization (checked above).
      guard let family = workOrders.familyKey(of: row.ot),
        let auth = authorizations.authorization(family: family, code: row.code)
      else { continue }
      let key = FamilyConcept(family: family, code: row.code)
      let before = running[key] ?? .zero
      let acc = Accumulation(adding: row.qty, to: before, authorized: auth.authorizedQty, warnAt: options.warnAt)
      running[key] = acc.cumulativeQty

      let gpuRequired = row.qty.isPositive && options.voucherAnnexes.contains(auth.annex)
      var gpuStatus: VoucherStatus?
      if gpuRequired {
        let (voucher, isNew) = register.voucher(for: row.key, createdOn: options.voucherDate)
        if isNew { created.append(row.key) }
        gpuStatus = voucher.status
      }
      let site = workOrders.workOrder(row.ot)?.resolvedSite
      results[i] = ValidatedProduction(
        row: row, family: family, annex: auth.annex, description: auth.description,
        unit: auth.unit, authorizedQty: auth.authorizedQty,
        cumulativeQty: acc.cumulativeQty, remainingQty: acc.remainingQty,
        excess: acc.isExcess, excessQty: acc.excessQty, level: acc.level,
        unitPriceMXN: auth.unitPriceMXN, unitPriceUSD: auth.unitPriceUSD,
        amountMXN: try row.qty.multiplied(by: auth.unitPriceMXN, places: 2),
        amountUSD: try row.qty.multiplied(by: auth.unitPriceUSD, places: 2),
        billingStatus: acc.billingStatus, gpuRequired: gpuRequired, gpuStatus: gpuStatus,
        supervisor: site.flatMap { guards.supervisor(at: $0, on: row.date) })
    }

    var outcomes: [ProductionOutcome] = []
    outcomes.reserveCapacity(rows.count)
    for i in rows.indices {
      if let v = results[i] {
        outcomes.append(.accepted(v))
      } else if let why = rejections[i] {
        outcomes.append(.rejected(rows[i], why))
      } else {
        // Unreachable: an accepted row always has a family and an authorization.
        outcomes.append(.rejected(rows[i], .unknownWorkOrder(rows[i].ot)))
      }
    }
    return ExcessValidation(
      outcomes: outcomes, vouchers: register, createdVouchers: created.sorted(),
      ignoredHistory: ignored)
  }
}
