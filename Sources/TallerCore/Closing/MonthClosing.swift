/// Closing a month of contract production (SPEC §4.7, money §4.8).
///
/// The month's rows are the accepted rows of `validate-excess` (their production
/// columns). They go through the same ledger (`ContractBook.ledger(for:options:)`)
/// with the same history, so the closing agrees with validate-excess row by row;
/// a row that ledger refuses now is a blocker.
public struct MonthClosing: Sendable {
  public var month: YearMonth
  /// The work orders, authorizations, daily statuses, history and guards.
  public var book: ContractBook
  public var vouchers: VoucherRegister
  public var voucherAnnexes: Set<AnnexName>
  /// `--evidence`; nil or empty is a blocker.
  public var evidenceURL: String?
  /// Programmed rows (`--programmed`); nil when none were given.
  public var programmed: [ProductionRow]?
  /// `--ot`: close only the families of these OTs; nil closes every family with
  /// an active OT in the month or a row of the month.
  public var only: Set<OTCode>?
  /// `--family`: one part of a month split by family. Only the rows of its keys
  /// count (a row belongs to its OT's family key, or to the OT when no family holds
  /// it), and of the families the closing would close without it, only those of its
  /// keys are closed: the parts of a split, merged, are the closing of the whole.
  public var partition: FamilySelection?
  /// `--reopen --reason`: the reason; nil when not reopening.
  public var reopenReason: String?
  /// Earlier closings of this month found in the history (their totals), latest last.
  public var earlierClosings: [ClosingTotals]

  public init(
    month: YearMonth, book: ContractBook, vouchers: VoucherRegister = VoucherRegister(),
    voucherAnnexes: Set<AnnexName> = AnnexName.voucherDefaults, evidenceURL: String?,
    programmed: [ProductionRow]? = nil, only: Set<OTCode>? = nil, partition: FamilySelection? = nil,
    reopenReason: String? = nil, earlierClosings: [ClosingTotals] = []
  ) {
    self.month = month
    self.book = book
    self.vouchers = vouchers
    self.voucherAnnexes = voucherAnnexes
    self.evidenceURL = evidenceURL
    self.programmed = programmed
    self.only = only
    self.partition = partition
    self.reopenReason = reopenReason
    self.earlierClosings = earlierClosings
  }

  /// The closing's view of the history: only what lies before the month counts
  /// (entries dated before its first day), and the month's own locked days are
  /// left out — a month closed before is a blocker of its own (or reopened), not
  /// a reason to refuse each of its rows again.
  static func historyBefore(_ month: YearMonth, _ history: ProductionHistory) -> ProductionHistory {
    ProductionHistory(
      entries: history.entries.filter { $0.date < month.firstDay },
      lockedDays: history.lockedDays.filter { !month.contains($0.date) },
      closedMonths: history.closedMonths.filter { $0 != month })
  }

  /// The closed month, or every blocker when any holds (SPEC §4.7).
  ///
  /// Blockers, in this order: the month already closed in the history (unless
  /// reopening); no evidence URL; rows dated outside the month; rows refused by
  /// §4.3; required vouchers not `VALIDADO` with evidence (by key); days inside
  /// an active OT's work order dates in the month without a daily status (by OT,
  /// consecutive days together).
  /// - Throws: `ArithmeticOverflow` when an amount is beyond the exact range.
  public func close(_ rows: [ProductionRow]) throws(ArithmeticOverflow) -> Result<ClosedMonth, ClosingFailure> {
    var blockers: [ClosingBlocker] = []
    if book.history.closedMonths.contains(month) && reopenReason == nil {
      blockers.append(.alreadyClosed(month))
    }
    if (evidenceURL ?? "").isEmpty { blockers.append(.noEvidence) }

    var ledgerBook = book
    ledgerBook.history = Self.historyBefore(month, book.history)
    let ledger = ledgerBook.ledger(for: rows, options: ExcessOptions(voucherAnnexes: voucherAnnexes))
    let families = familiesToClose(rows)

    // Rows: outside the month, or refused; the accepted ones of the families closed
    // add to their concept's line, found by the authorization's position in the
    // ledger (no text is hashed per row but the voucher's key).
    let auths = ledgerBook.authorizations
    var lines = [ConceptLine](repeating: ConceptLine(), count: auths.count)
    var closes = [Bool](repeating: false, count: auths.count)
    var authorized = [Quantity](repeating: .zero, count: auths.count)
    for p in 0..<auths.count {
      let a = auths.authorization(at: p)
      closes[p] = families.contains(a.family)
      authorized[p] = a.authorizedQty
    }
    var otName: [Int32: OTCode] = [:]
    var supervisorNames = CodeTable()  // supervisors numbered in order of first appearance
    var supervisorOn: [UInt64: Int] = [:]  // (OT number, day) → supervisor number, −1 for none
    var voucherBlockers: [ClosingBlocker] = []
    var voucherCounts: [VoucherStatus: Int] = [:]
    for s in VoucherStatus.allCases { voucherCounts[s] = 0 }
    for (i, row) in rows.enumerated() {
      // With `only`, rows of the other families are not this closing's business.
      if only != nil && !(book.workOrders.familyKey(of: row.ot).map(families.contains) ?? false) { continue }
      // A part's closing sees its own rows alone, as the whole closing sees them.
      if let partition, !partition.contains(row.ot) { continue }
      if !month.contains(row.date) {
        blockers.append(.outsideMonth(index: i, row, month))
        continue
      }
      let p = Int(ledger.position[i])
      guard p >= 0 else {
        blockers.append(.rejected(index: i, row, ledger.rejections[i] ?? .unknownWorkOrder(row.ot)))
        continue
      }
      guard closes[p] else { continue }
      // The part of the row above the authorization (`Accumulation.excessQty`).
      let over = ledger.cumulative[i] - authorized[p]
      let excess = row.qty.isPositive && over.isPositive ? min(row.qty, over) : .zero
      if row.qty.isPositive && ledger.voucherAnnex[p] {
        let registered = vouchers.count > 0 ? vouchers[row.key] : nil
        let status = registered?.status ?? .pendiente
        voucherCounts[status, default: 0] += 1
        if status != .validado || !(registered?.hasEvidence ?? false) {
          voucherBlockers.append(
            .voucher(row.key, annex: auths.authorization(at: p).annex, status: status, registered: registered != nil))
        }
      }
      let ot = ledger.rowOT[i]
      if otName[ot] == nil { otName[ot] = row.ot }
      let key = ContractBook.pair(ot, Int32(truncatingIfNeeded: row.date.dayNumber))
      let supervisor: Int
      if let known = supervisorOn[key] {
        supervisor = known
      } else {
        if let name = ledger.rotations[Int(ot)]?.supervisor(on: row.date) {
          supervisor = Int(supervisorNames.number(of: name))
        } else {
          supervisor = -1
        }
        supervisorOn[key] = supervisor
      }
      lines[p].add(row, excess: excess, ot: ot, supervisor: supervisor)
    }
    voucherBlockers.sort { a, b in
      if case .voucher(let x, _, _, _) = a, case .voucher(let y, _, _, _) = b { return x < y }
      return false
    }
    blockers += voucherBlockers

    let otsWithRows = Set(otName.values)
    let workOrders = families.sorted().map { closedWorkOrders(of: $0, withRows: otsWithRows) }
    for orders in workOrders {
      for w in orders where w.active { blockers += missingDailyStatuses(w) }
    }
    if !blockers.isEmpty { return .failure(ClosingFailure(blockers: blockers)) }

    // The document.
    var programmedQty: [OTCode: [ConceptCode: Quantity]] = [:]
    for p in programmed ?? [] where month.contains(p.date) {
      guard let f = book.workOrders.familyKey(of: p.ot) else { continue }
      programmedQty[f, default: [:]][p.code, default: .zero] += p.qty
    }
    var previousQty: [OTCode: [ConceptCode: Quantity]] = [:]
    for e in ledgerBook.history.entries {
      guard let f = book.workOrders.familyKey(of: e.ot), families.contains(f) else { continue }
      previousQty[f, default: [:]][e.code, default: .zero] += e.qty
    }
    var authorizationsOf: [OTCode: [Authorization]] = [:]
    for a in auths.all where families.contains(a.family) {
      authorizationsOf[a.family, default: []].append(a)
    }
    var closedFamilies: [ClosedFamily] = []
    var supervisors: [Int: SupervisorTotals] = [:]
    for (key, orders) in zip(families.sorted(), workOrders) {
      var concepts: [ClosedConcept] = []
      for a in authorizationsOf[key] ?? [] {
        let line = auths.position(family: a.family, code: a.code).map { lines[$0] } ?? ConceptLine()
        let previous = previousQty[key]?[a.code] ?? .zero
        let totals = ClosingTotals(
          mxn: try ClosingAmounts(
            price: a.unitPriceMXN, authorized: a.authorizedQty, previous: previous, month: line.qty,
            excess: line.excess),
          usd: try ClosingAmounts(
            price: a.unitPriceUSD, authorized: a.authorizedQty, previous: previous, month: line.qty,
            excess: line.excess))
        var byOT: [OTCode: DailyGrid] = [:]
        for (ot, grid) in line.byOT { if let name = otName[ot] { byOT[name] = grid } }
        concepts.append(
          ClosedConcept(
            authorization: a, previousQty: previous, monthQty: line.qty, excessQty: line.excess,
            programmedQty: programmed == nil ? nil : programmedQty[key]?[a.code] ?? .zero,
            daily: line.daily, dailyByOT: byOT, totals: totals))
        // Per supervisor, the line is (family, concept, supervisor).
        for (n, q) in line.bySupervisor {
          var s = supervisors[n] ?? SupervisorTotals(supervisor: n < 0 ? nil : supervisorNames.codes[n])
          s.monthQty += q.qty
          s.excessQty += q.excess
          s.executedMXN += try q.qty.multiplied(by: a.unitPriceMXN, places: 2)
          s.executedUSD += try q.qty.multiplied(by: a.unitPriceUSD, places: 2)
          s.billableMXN += try (q.qty - q.excess).multiplied(by: a.unitPriceMXN, places: 2)
          s.billableUSD += try (q.qty - q.excess).multiplied(by: a.unitPriceUSD, places: 2)
          supervisors[n] = s
        }
      }
      let totals = concepts.reduce(ClosingTotals()) { $0 + $1.totals }
      closedFamilies.append(ClosedFamily(key: key, workOrders: orders, concepts: concepts, totals: totals))
    }
    let reopening = reopenReason.map { Reopening(reason: $0, previousTotals: earlierClosings.last) }
    return .success(
      ClosedMonth(
        month: month, evidenceURL: evidenceURL ?? "", reopening: reopening, families: closedFamilies,
        totals: closedFamilies.reduce(ClosingTotals()) { $0 + $1.totals }, vouchers: voucherCounts,
        supervisors: supervisors.values.sorted { ($0.supervisor ?? "") < ($1.supervisor ?? "") }))
  }

  /// What the month's rows add to one concept line of a family.
  struct ConceptLine {
    var qty = Quantity.zero
    var excess = Quantity.zero
    var daily = DailyGrid()
    /// By OT number (the ledger's).
    var byOT: [Int32: DailyGrid] = [:]
    /// By supervisor number, −1 for rows without one.
    var bySupervisor: [Int: Sums] = [:]

    struct Sums {
      var qty = Quantity.zero
      var excess = Quantity.zero
      mutating func add(_ q: Quantity, _ e: Quantity) {
        qty += q
        excess += e
      }
    }

    mutating func add(_ row: ProductionRow, excess rowExcess: Quantity, ot: Int32, supervisor: Int) {
      let day = row.date.day
      qty += row.qty
      excess += rowExcess
      daily.add(row.qty, row.timeType, day: day)
      byOT[ot, default: DailyGrid()].add(row.qty, row.timeType, day: day)
      bySupervisor[supervisor, default: Sums()].add(row.qty, rowExcess)
    }
  }

  /// The families closed: those of `only`, or every family with an active OT whose
  /// work order dates touch the month, and every family with a row of the month;
  /// with a `partition`, only those of its keys.
  func familiesToClose(_ rows: [ProductionRow]) -> Set<OTCode> {
    let keys = closedWithoutPartition(rows)
    guard let partition else { return keys }
    return keys.filter { partition.keys.contains($0) }
  }

  private func closedWithoutPartition(_ rows: [ProductionRow]) -> Set<OTCode> {
    if let only { return Set(only.compactMap { book.workOrders.familyKey(of: $0) }) }
    var keys = Set<OTCode>()
    for f in book.workOrders.families {
      let touches = f.members.contains { ot in
        guard let w = book.workOrders.workOrder(ot), w.active else { return false }
        return overlaps(w)
      }
      if touches { keys.insert(f.key) }
    }
    var lastOT: OTCode?
    for r in rows where month.contains(r.date) && r.ot != lastOT {
      lastOT = r.ot  // consecutive rows of one OT look it up once
      if let k = book.workOrders.familyKey(of: r.ot) { keys.insert(k) }
    }
    return keys
  }

  func overlaps(_ w: WorkOrder) -> Bool {
    (w.startDate.map { $0 <= month.lastDay } ?? true) && (w.endDate.map { $0 >= month.firstDay } ?? true)
  }

  /// The OTs of a family listed in its closing: active ones whose dates touch the
  /// month and any with a row of the month; each with every day of the month.
  func closedWorkOrders(of key: OTCode, withRows: Set<OTCode>) -> [ClosedWorkOrder] {
    guard let family = book.workOrders.family(key) else { return [] }
    return family.members.sorted().compactMap { ot -> ClosedWorkOrder? in
      guard let w = book.workOrders.workOrder(ot), (w.active && overlaps(w)) || withRows.contains(ot) else {
        return nil
      }
      let days = (1...month.dayCount).compactMap { month.date(day: $0) }.map {
        ClosedDay(date: $0, previousStatus: book.daily?.status(of: ot, on: $0))
      }
      return ClosedWorkOrder(
        ot: ot, kind: w.kind, active: w.active, site: w.resolvedSite, startDate: w.startDate, endDate: w.endDate,
        days: days)
    }
  }

  /// Days of an OT's work order dates in the month without a daily status, as runs
  /// of consecutive days.
  func missingDailyStatuses(_ w: ClosedWorkOrder) -> [ClosingBlocker] {
    var out: [ClosingBlocker] = []
    var run: (from: LocalDate, to: LocalDate)?
    for d in w.days {
      let inside = (w.startDate.map { $0 <= d.date } ?? true) && (w.endDate.map { d.date <= $0 } ?? true)
      if inside && d.previousStatus == nil {
        run = (run?.from ?? d.date, d.date)
      } else if let r = run {
        out.append(.noDailyStatus(w.ot, from: r.from, to: r.to))
        run = nil
      }
    }
    if let r = run { out.append(.noDailyStatus(w.ot, from: r.from, to: r.to)) }
    return out
  }
}

/// The blockers of a month that cannot close, all of them.
public struct ClosingFailure: Error, Sendable {
  public let blockers: [ClosingBlocker]
}
