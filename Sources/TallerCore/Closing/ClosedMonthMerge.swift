/// A closed month seen as its families' sections and the run-wide members that span
/// them (SPEC §4.7, §4.8): what `close-month --family` writes for a part of the
/// month, and what merging the parts gives.
///
/// A family's section (its work orders, concepts, amounts) depends on that family
/// alone, so it is kept as it is (`Section`: a `ClosedFamily`, or the section as a
/// document has it). The run-wide members are each a sum over the families: the
/// totals are sums of the families' totals, which are sums of rounded concept lines
/// (SPEC §4.8), so a sum of the parts' totals is the single run's total exactly; the
/// voucher counts are counts of the families' rows; a supervisor's amounts are sums
/// of lines (family, concept, supervisor), each inside one family.
public struct ClosedMonthOutline<Section: Sendable>: Sendable {
  public struct Family: Sendable {
    /// The family key (its initial OT).
    public var key: OTCode
    /// The sums of the family's concept lines.
    public var totals: ClosingTotals
    public var section: Section
    public init(key: OTCode, totals: ClosingTotals, section: Section) {
      self.key = key
      self.totals = totals
      self.section = section
    }
  }

  public var month: YearMonth
  public var evidenceURL: String
  public var reopening: Reopening?
  /// By family key.
  public var families: [Family]
  /// The twelve amounts summed over the families.
  public var totals: ClosingTotals
  /// The required vouchers of the families' rows by status.
  public var vouchers: [VoucherStatus: Int]
  /// By supervisor name (rows without a supervisor first).
  public var supervisors: [SupervisorTotals]

  public init(
    month: YearMonth, evidenceURL: String, reopening: Reopening?, families: [Family], totals: ClosingTotals,
    vouchers: [VoucherStatus: Int], supervisors: [SupervisorTotals]
  ) {
    self.month = month
    self.evidenceURL = evidenceURL
    self.reopening = reopening
    self.families = families
    self.totals = totals
    self.vouchers = vouchers
    self.supervisors = supervisors
  }

  /// The closed month one run over every part's families would have given: the
  /// families of all parts by key, each section as its part has it; the totals, the
  /// voucher counts by status and each supervisor's quantities and amounts summed
  /// over the parts (supervisors by name, rows without one first).
  ///
  /// Refused (the first problem, by part number, 0-based): no parts; a part of
  /// another month, evidence URL or reopening (reason and earlier totals) than the
  /// first; a family in two parts; a part whose totals are not the sum of its
  /// families' totals (not a document close-month wrote).
  public static func merging(_ parts: [Self]) -> Result<Self, ClosedMonthMergeProblem> {
    guard let first = parts.first else { return .failure(.noParts) }
    var partOf: [OTCode: Int] = [:]
    var families: [Family] = []
    var totals = ClosingTotals()
    var vouchers: [VoucherStatus: Int] = [:]
    for s in VoucherStatus.allCases { vouchers[s] = 0 }
    var supervisors: [String?: SupervisorTotals] = [:]
    for (i, part) in parts.enumerated() {
      if part.month != first.month { return .failure(.otherMonth(part: i, part.month, first: first.month)) }
      if part.evidenceURL != first.evidenceURL {
        return .failure(.otherEvidence(part: i, part.evidenceURL, first: first.evidenceURL))
      }
      if part.reopening != first.reopening { return .failure(.otherReopening(part: i)) }
      var sum = ClosingTotals()
      for f in part.families {
        if let earlier = partOf[f.key] { return .failure(.sharedFamily(f.key, first: earlier, second: i)) }
        partOf[f.key] = i
        sum = sum + f.totals
        families.append(f)
      }
      if sum != part.totals { return .failure(.totalsNotSummed(part: i)) }
      totals = totals + part.totals
      for (status, n) in part.vouchers { vouchers[status, default: 0] += n }
      for s in part.supervisors {
        var t = supervisors[s.supervisor] ?? SupervisorTotals(supervisor: s.supervisor)
        t.monthQty += s.monthQty
        t.excessQty += s.excessQty
        t.executedMXN += s.executedMXN
        t.billableMXN += s.billableMXN
        t.executedUSD += s.executedUSD
        t.billableUSD += s.billableUSD
        supervisors[s.supervisor] = t
      }
    }
    families.sort { $0.key < $1.key }
    return .success(
      Self(
        month: first.month, evidenceURL: first.evidenceURL, reopening: first.reopening, families: families,
        totals: totals, vouchers: vouchers,
        supervisors: supervisors.values.sorted { a, b in
          let x = a.supervisor ?? ""
          let y = b.supervisor ?? ""
          return x != y ? x < y : a.supervisor == nil && b.supervisor != nil
        }))
  }
}

extension ClosedMonth {
  /// The closing as families and run-wide members.
  public var outline: ClosedMonthOutline<ClosedFamily> {
    ClosedMonthOutline(
      month: month, evidenceURL: evidenceURL, reopening: reopening,
      families: families.map { .init(key: $0.key, totals: $0.totals, section: $0) }, totals: totals,
      vouchers: vouchers, supervisors: supervisors)
  }
}

/// Why parts of a closed month cannot be merged; parts are numbered from 0 in the
/// order given.
public enum ClosedMonthMergeProblem: Error, Hashable, Sendable {
  case noParts
  case otherMonth(part: Int, YearMonth, first: YearMonth)
  case otherEvidence(part: Int, String, first: String)
  case otherReopening(part: Int)
  case sharedFamily(OTCode, first: Int, second: Int)
  case totalsNotSummed(part: Int)

  /// The part the problem is about (the later one of two).
  public var part: Int? {
    switch self {
    case .noParts: return nil
    case .otherMonth(let p, _, _), .otherEvidence(let p, _, _), .otherReopening(let p), .totalsNotSummed(let p):
      return p
    case .sharedFamily(_, _, let p): return p
    }
  }

  /// The message, with `name` naming a part (its file).
  public func message(_ name: (Int) -> String) -> String {
    switch self {
    case .noParts:
      return "no closed-month parts to merge"
    case .otherMonth(_, let m, let first):
      return "closes \(m), not \(first) as \(name(0)) does; merge the parts of one month"
    case .otherEvidence(_, let e, let first):
      return
        "has evidence_url \"\(e)\", not \"\(first)\" as \(name(0)) has; close every part with the same --evidence"
    case .otherReopening:
      return
        "reopens the month otherwise than \(name(0)) (reason or earlier totals differ); close every part with the same --reopen --reason and --history"
    case .sharedFamily(let key, let first, _):
      return "family \(key) is also in \(name(first)); give each family to one part only"
    case .totalsNotSummed:
      return "its totals are not the sum of its families' totals; give the documents close-month wrote"
    }
  }
}
