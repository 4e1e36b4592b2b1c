import Testing
@testable import TallerCore

struct ContractsExcessTests {
  // (before, qty, authorized, cumulative, remaining, excess_qty, level) with warn 0.90.
  static let steps: [(String, String, String, String, String, String, ExcessLevel)] = [
    ("0", "90", "100", "90", "10", "0", .green),  // 90 ≤ 0.9 × 100 = 90: green (boundary included)
    ("90", "0.0000000001", "100", "90.0000000001", "9.9999999999", "0", .yellow),  // just above 90
    ("90", "10", "100", "100", "0", "0", .yellow),  // = authorized: yellow, not excess
    ("95", "12.5", "100", "107.5", "-7.5", "7.5", .red),  // crosses: 5 inside, 7.5 above
    ("107.5", "4", "100", "111.5", "-11.5", "4", .red),  // wholly above
    ("111.5", "0", "100", "111.5", "-11.5", "0", .red),  // a 0 row: no excess, level of the state
    ("0", "0", "0", "0", "0", "0", .green),  // 0 ≤ 0.9 × 0
    ("0", "0.001", "0", "0.001", "-0.001", "0.001", .red),  // authorization 0: any positive row red
    ("0", "3", "3.3333333333", "3", "0.3333333333", "0", .yellow),
    // 0.9 × 3.3333333333 = 2.99999999997 exactly; 3 > that → yellow. (Rounded to ten
    // places the product would be 3.0000000000 and 3 would wrongly be green.)
  ]

  @Test(arguments: steps)
  func accumulationStep(
    _ before: String, _ qty: String, _ auth: String, _ cumulative: String, _ remaining: String,
    _ excessQty: String, _ level: ExcessLevel
  ) {
    let a = Accumulation(adding: C.q(qty), to: C.q(before), authorized: C.q(auth), warnAt: C.q("0.9"))
    #expect(a.cumulativeQty == C.q(cumulative))
    #expect(a.remainingQty == C.q(remaining))
    #expect(a.excessQty == C.q(excessQty))
    #expect(a.isExcess == C.q(excessQty).isPositive)
    #expect(a.billingStatus == (a.isExcess ? .excedente : .pendiente))
    #expect(a.level == level)
  }

  @Test func warnThresholdIsAnOption() {
    // warn 0.5 × 100 = 50: 60 is yellow; with the default 0.9 it is green.
    #expect(Accumulation(adding: C.q("60"), to: .zero, authorized: C.q("100"), warnAt: C.q("0.5")).level == .yellow)
    #expect(Accumulation(adding: C.q("60"), to: .zero, authorized: C.q("100"), warnAt: ExcessOptions().warnAt).level == .green)
    #expect(ExcessOptions().warnAt == C.q("0.90"))
  }

  /// One concept crossing its authorization mid-month, with history.
  ///
  /// Family OT-1 (OT-1 initial, OT-1R its reprogramming), concept A1 authorized 100
  /// at MXN 12.345 and USD 0.675 (annex C-2). History: 40 on 2026-09-20.
  /// Rows in input order, and the chronological order they accumulate in:
  ///   line 2  10-05 TE  OT-1   12.5  → 3rd (TE after CMA on 10-05)
  ///   line 3  10-02 CMA OT-1   10    → 1st
  ///   line 4  10-08 CMA OT-1R  4     → 4th
  ///   line 5  10-05 CMA OT-1   45    → 2nd
  ///   line 6  10-09 CMA OT-1   0     → 5th
  /// Running total: 40 → 50 (green, ≤ 90) → 95 (yellow, > 90, ≤ 100)
  /// → 107.5 (red; crossing: 100 − 95 = 5 inside, 7.5 excess) → 111.5 (red, 4 excess)
  /// → 111.5 (the 0 row: red state, no excess).
  /// Amounts MXN: 12.5 × 12.345 = 154.3125 → 154.31; 10 × 12.345 = 123.45;
  /// 4 × 12.345 = 49.38; 45 × 12.345 = 555.525 → 555.53 (half-up); 0.
  /// Amounts USD: 12.5 × 0.675 = 8.4375 → 8.44; 10 × 0.675 = 6.75; 4 × 0.675 = 2.70;
  /// 45 × 0.675 = 30.375 → 30.38; 0.
  static func crossingMonth() throws -> ExcessValidation {
    let families = WorkOrderFamilies([
      WorkOrder(ot: C.ot("OT-1"), startDate: C.day("2026-09-01"), endDate: C.day("2026-10-20")),
      WorkOrder(ot: C.ot("OT-1R"), parentOT: C.ot("OT-1"), startDate: C.day("2026-10-06"), endDate: C.day("2026-10-31")),
    ])
    let auth = ConsolidatedAuthorizations(
      [C.annexLine("OT-1", 1, "A1", qty: "100", mxn: "12.345", usd: "0.675")], families: families)
    let history = ProductionHistory(entries: [
      HistoryEntry(ot: C.ot("OT-1"), code: C.code("A1"), date: C.day("2026-09-20"), qty: C.q("40"))
    ])
    let book = ContractBook(workOrders: families, authorizations: auth, history: history)
    return try book.validate([
      C.row("OT-1", "A1", "2026-10-05", .te, "12.5", line: 2),
      C.row("OT-1", "A1", "2026-10-02", .cma, "10", line: 3),
      C.row("OT-1R", "A1", "2026-10-08", .cma, "4", line: 4),
      C.row("OT-1", "A1", "2026-10-05", .cma, "45", line: 5),
      C.row("OT-1", "A1", "2026-10-09", .cma, "0", line: 6),
    ])
  }

  // Expected per input row: line, cumulative, remaining, excess, excess_qty, level,
  // amount MXN, amount USD, billing status.
  static let crossing: [(Int, String, String, Bool, String, ExcessLevel, String, String, BillingStatus)] = [
    (2, "107.5", "-7.5", true, "7.5", .red, "154.31", "8.44", .excedente),
    (3, "50", "50", false, "0", .green, "123.45", "6.75", .pendiente),
    (4, "111.5", "-11.5", true, "4", .red, "49.38", "2.7", .excedente),
    (5, "95", "5", false, "0", .yellow, "555.53", "30.38", .pendiente),
    (6, "111.5", "-11.5", false, "0", .red, "0", "0", .pendiente),
  ]

  @Test func crossingConceptRowByRowInInputOrder() throws {
    let result = try Self.crossingMonth()
    #expect(result.outcomes.count == 5)
    #expect(result.rejectedCount == 0)
    for (outcome, e) in zip(result.outcomes, Self.crossing) {
      let v = try #require(outcome.validated)
      #expect(v.row.line == e.0)
      #expect(v.family == C.ot("OT-1"))
      #expect(v.authorizedQty == C.q("100"))
      #expect(v.cumulativeQty == C.q(e.1), "line \(e.0)")
      #expect(v.remainingQty == C.q(e.2), "line \(e.0)")
      #expect(v.excess == e.3, "line \(e.0)")
      #expect(v.excessQty == C.q(e.4), "line \(e.0)")
      #expect(v.level == e.5, "line \(e.0)")
      #expect(v.amountMXN == C.q(e.6), "line \(e.0)")
      #expect(v.amountUSD == C.q(e.7), "line \(e.0)")
      #expect(v.billingStatus == e.8, "line \(e.0)")
      #expect(v.unitPriceMXN == C.q("12.345"))
      #expect(v.annex == AnnexName("C-2"))
    }
  }

  /// Within one day and time type, OTs accumulate in code order, then input order:
  /// OT-1 (10) before OT-1R (20) though OT-1R's row comes first. Authorized 25, warn 0.9
  /// → 22.5. OT-1: 0 + 10 = 10 green; OT-1R: 10 + 20 = 30 red, excess min(20, 5) = 5.
  /// Then two CMA rows of OT-1 on 10-12 with different codes do not interact.
  @Test func tieBreakByOTThenInputOrder() throws {
    let families = WorkOrderFamilies([
      WorkOrder(ot: C.ot("OT-1")), WorkOrder(ot: C.ot("OT-1R"), parentOT: C.ot("OT-1")),
    ])
    let auth = ConsolidatedAuthorizations([C.annexLine("OT-1", 1, "A1", qty: "25")], families: families)
    let result = try ContractBook(workOrders: families, authorizations: auth).validate([
      C.row("OT-1R", "A1", "2026-10-12", .cma, "20", line: 2),
      C.row("OT-1", "A1", "2026-10-12", .cma, "10", line: 3),
    ])
    #expect(result.outcomes.map { $0.validated?.cumulativeQty } == [C.q("30"), C.q("10")])
    #expect(result.outcomes.map { $0.validated?.excessQty } == [C.q("5"), C.q("0")])
    #expect(result.outcomes.map { $0.validated?.level } == [.red, .green])
  }

  /// History: only entries before the first month of the rows count; entries of the
  /// month itself (a closed month given again) and of unknown OTs are reported.
  /// Counted: 30 (2026-08-10) + 20 (2026-09-30, TE) = 50; the row adds 5 → 55.
  @Test func historyAccumulatesBeforeTheMonth() throws {
    let families = WorkOrderFamilies([WorkOrder(ot: C.ot("OT-1"))])
    let auth = ConsolidatedAuthorizations([C.annexLine("OT-1", 1, "A1", qty: "100")], families: families)
    let entries = [
      HistoryEntry(ot: C.ot("OT-1"), code: C.code("A1"), date: C.day("2026-08-10"), qty: C.q("30")),
      HistoryEntry(ot: C.ot("OT-1"), code: C.code("A1"), date: C.day("2026-09-30"), timeType: .te, qty: C.q("20")),
      HistoryEntry(ot: C.ot("OT-1"), code: C.code("A1"), date: C.day("2026-10-01"), qty: C.q("1000")),
      HistoryEntry(ot: C.ot("OT-9"), code: C.code("A1"), date: C.day("2026-09-01"), qty: C.q("1000")),
      HistoryEntry(ot: C.ot("OT-1"), code: C.code("B2"), date: C.day("2026-09-01"), qty: C.q("1000")),  // other concept
    ]
    let book = ContractBook(workOrders: families, authorizations: auth, history: ProductionHistory(entries: entries))
    let result = try book.validate([C.row("OT-1", "A1", "2026-10-15", .cma, "5")])
    #expect(result.outcomes.first?.validated?.cumulativeQty == C.q("55"))
    #expect(result.outcomes.first?.validated?.remainingQty == C.q("45"))
    #expect(result.ignoredHistory == [
      IgnoredHistory(entry: entries[2], reason: .notBefore(YearMonth(year: 2026, month: 10)!)),
      IgnoredHistory(entry: entries[3], reason: .unknownWorkOrder),
    ])
  }

  /// A reprogramming replaces B's authorization (50 → 80) and adds D; production on
  /// both OTs accumulates against the replaced value. B: 45 (OT-10) + 10 (OT-10R) = 55,
  /// above the old 50 (which would be red) but 55 ≤ 0.9 × 80 = 72 → green.
  /// D (12 at MXN 100, annex C-7 from the reprogramming): 13 → excess 1, red,
  /// amount 13 × 100 = 1300.00, and no voucher (C-7 is not a voucher annex).
  @Test func reprogrammingReplacesAndAdds() throws {
    let (families, auth) = ContractsAnnexTests.reprogrammedBook()
    let result = try ContractBook(workOrders: families, authorizations: auth).validate([
      C.row("OT-10", "B", "2026-10-01", .cma, "45"),
      C.row("OT-10R", "B", "2026-10-02", .cma, "10"),
      C.row("OT-10", "D", "2026-10-03", .cma, "13"),
    ])
    let b = try #require(result.outcomes[1].validated)
    #expect(b.authorizedQty == C.q("80"))
    #expect(b.cumulativeQty == C.q("55"))
    #expect(b.level == .green)
    #expect(!b.excess)
    #expect(b.amountMXN == C.q("220"))  // 10 × 22
    let d = try #require(result.outcomes[2].validated)
    #expect(d.excessQty == C.q("1"))
    #expect(d.level == .red)
    #expect(d.amountMXN == C.q("1300"))
    #expect(!d.gpuRequired)
    #expect(d.gpuStatus == nil)
  }
}
