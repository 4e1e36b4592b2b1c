import Testing
@testable import TallerCore

/// SPEC §4.3: which rows are refused, and why.
struct ContractsValidationTests {
  /// Family OT-1: OT-1 2026-10-01..2026-10-20 and reprogramming OT-1R
  /// 2026-10-15..2026-10-25 → window 2026-10-01..2026-10-25. Concept A1 authorized.
  /// Daily (OT-1): 10-02 LABORANDO, 10-03 STANDBY, 10-04 NO LABORANDO, 10-05 CERRADO,
  /// 10-07 LABORANDO but locked by a closed month in the history; 10-08 has no report.
  static func book(withDaily: Bool = true) -> ContractBook {
    let families = WorkOrderFamilies([
      WorkOrder(ot: C.ot("OT-1"), startDate: C.day("2026-10-01"), endDate: C.day("2026-10-20")),
      WorkOrder(ot: C.ot("OT-1R"), parentOT: C.ot("OT-1"), startDate: C.day("2026-10-15"), endDate: C.day("2026-10-25")),
    ])
    let auth = ConsolidatedAuthorizations([C.annexLine("OT-1", 1, "A1", qty: "100")], families: families)
    let daily = DailyReports([
      ("2026-10-02", DailyStatus.laborando), ("2026-10-03", .standby), ("2026-10-04", .noLaborando),
      ("2026-10-05", .cerrado), ("2026-10-07", .laborando),
    ].map { DailyReport(ot: C.ot("OT-1"), date: C.day($0.0), status: $0.1) })
    let history = ProductionHistory(lockedDays: [WorkOrderDay(ot: C.ot("OT-1"), date: C.day("2026-10-07"))])
    return ContractBook(workOrders: families, authorizations: auth, daily: withDaily ? daily : nil, history: history)
  }

  static let cases: [(ProductionRow, ProductionRejection?, String?)] = [
    (C.row("OT-1", "A1", "2026-10-02", .cma, "1"), nil, nil),
    (C.row("OT-9", "A1", "2026-10-02", .cma, "1"), .unknownWorkOrder(C.ot("OT-9")), "unknown work order OT-9"),
    (C.row("OT-1", "A1", "2026-10-02", .cma, "-1"), .negativeQuantity(C.q("-1")),
     "negative quantity -1 (corrections are edits, not negative rows)"),
    (C.row("OT-1", "ZZ", "2026-10-02", .cma, "1"), .conceptNotAuthorized(C.code("ZZ"), family: C.ot("OT-1")),
     "concept ZZ is in no active annex import of family OT-1"),
    (C.row("OT-1", "A1", "2026-09-30", .cma, "1"),
     .outsideWindow(C.day("2026-09-30"), family: C.ot("OT-1"), window: DateWindow(start: C.day("2026-10-01"), end: C.day("2026-10-25"))),
     "2026-09-30 is outside the work order dates of family OT-1 (2026-10-01..2026-10-25)"),
    (C.row("OT-1", "A1", "2026-10-26", .te, "1"),
     .outsideWindow(C.day("2026-10-26"), family: C.ot("OT-1"), window: DateWindow(start: C.day("2026-10-01"), end: C.day("2026-10-25"))),
     nil),
    (C.row("OT-1", "A1", "2026-10-05", .cma, "1"), .dayLocked(C.day("2026-10-05")), "2026-10-05 is locked (CERRADO)"),
    (C.row("OT-1", "A1", "2026-10-07", .cma, "1"), .dayLocked(C.day("2026-10-07")), nil),  // locked by history
    (C.row("OT-1", "A1", "2026-10-08", .cma, "1"), .noDailyReport(C.ot("OT-1"), C.day("2026-10-08")),
     "no daily report for OT-1 on 2026-10-08"),
    (C.row("OT-1", "A1", "2026-10-03", .cma, "1"), .dayNotWorking(C.ot("OT-1"), C.day("2026-10-03"), .standby),
     "OT-1 is STANDBY on 2026-10-03; production needs LABORANDO"),
    (C.row("OT-1", "A1", "2026-10-04", .te, "2"), .dayNotWorking(C.ot("OT-1"), C.day("2026-10-04"), .noLaborando),
     "OT-1 is NO LABORANDO on 2026-10-04; production needs LABORANDO"),
    // Quantity 0 is accepted and carries no effect, even where a quantity could not go.
    (C.row("OT-1", "A1", "2026-10-03", .cma, "0"), nil, nil),
    (C.row("OT-1", "A1", "2026-10-26", .cma, "0"), nil, nil),
    (C.row("OT-1", "A1", "2026-10-05", .cma, "0"), nil, nil),
    // ...but references are still checked.
    (C.row("OT-1", "ZZ", "2026-10-26", .cma, "0"), .conceptNotAuthorized(C.code("ZZ"), family: C.ot("OT-1")), nil),
    // Order of checks: unknown OT before negative; negative before unknown concept;
    // outside the window before locked.
    (C.row("OT-9", "ZZ", "2026-10-02", .cma, "-1"), .unknownWorkOrder(C.ot("OT-9")), nil),
    (C.row("OT-1", "ZZ", "2026-10-02", .cma, "-1"), .negativeQuantity(C.q("-1")), nil),
    // The reprogramming OT-1R has no daily report on 10-02 (reports are per OT).
    (C.row("OT-1R", "A1", "2026-10-02", .cma, "1"), .noDailyReport(C.ot("OT-1R"), C.day("2026-10-02")), nil),
  ]

  @Test(arguments: cases)
  func rejectionReasons(_ row: ProductionRow, _ expected: ProductionRejection?, _ message: String?) {
    let why = Self.book().rejection(of: row)
    #expect(why == expected)
    if let message { #expect(why?.description == message) }
  }

  /// Without daily statuses, days are not checked against them; locks and the
  /// window still apply.
  static let withoutDaily: [(ProductionRow, ProductionRejection?)] = [
    (C.row("OT-1", "A1", "2026-10-08", .cma, "1"), nil),
    (C.row("OT-1", "A1", "2026-10-03", .cma, "1"), nil),
    (C.row("OT-1", "A1", "2026-10-07", .cma, "1"), .dayLocked(C.day("2026-10-07"))),
    (C.row("OT-1", "A1", "2026-10-30", .cma, "1"),
     .outsideWindow(C.day("2026-10-30"), family: C.ot("OT-1"), window: DateWindow(start: C.day("2026-10-01"), end: C.day("2026-10-25")))),
  ]

  @Test(arguments: withoutDaily)
  func withoutDailyStatuses(_ row: ProductionRow, _ expected: ProductionRejection?) {
    #expect(Self.book(withDaily: false).rejection(of: row) == expected)
  }

  /// Rows sharing OT + code + date + time type are all refused, each naming the
  /// others; the same cell in the other time type is a different key.
  @Test func duplicateKeysAreAllRefused() throws {
    let result = try Self.book().validate([
      C.row("OT-1", "A1", "2026-10-02", .cma, "1", line: 2),
      C.row("OT-1", "A1", "2026-10-02", .te, "1", line: 3),
      C.row("OT-1", "A1", "2026-10-02", .cma, "2", line: 4),
      C.row("OT-1", "A1", "2026-10-02", .cma, "0", line: 5),
    ])
    #expect(result.outcomes.map(\.rejection) == [
      .duplicateKey(otherLines: [4, 5]), nil, .duplicateKey(otherLines: [2, 5]), .duplicateKey(otherLines: [2, 4]),
    ])
    #expect(result.outcomes[0].rejection?.description == "same OT, code, date and time type as lines 4, 5")
    // The TE row alone accumulates: 1.
    #expect(result.outcomes[1].validated?.cumulativeQty == C.q("1"))
    #expect(result.rejectedCount == 3)
  }

  /// Rejected rows add nothing to the running total: the 50 of 10-03 (STANDBY) is
  /// refused, so 10-06's row adds to the 7 of 10-02 only: 7 + 3 = 10.
  @Test func rejectedRowsDoNotAccumulate() throws {
    var book = Self.book()
    book.daily = DailyReports([
      DailyReport(ot: C.ot("OT-1"), date: C.day("2026-10-02"), status: .laborando),
      DailyReport(ot: C.ot("OT-1"), date: C.day("2026-10-03"), status: .standby),
      DailyReport(ot: C.ot("OT-1"), date: C.day("2026-10-06"), status: .laborando),
    ])
    let result = try book.validate([
      C.row("OT-1", "A1", "2026-10-02", .cma, "7"),
      C.row("OT-1", "A1", "2026-10-03", .cma, "50"),
      C.row("OT-1", "A1", "2026-10-06", .cma, "3"),
    ])
    #expect(result.outcomes[1].rejection == .dayNotWorking(C.ot("OT-1"), C.day("2026-10-03"), .standby))
    #expect(result.outcomes[2].validated?.cumulativeQty == C.q("10"))
  }

  /// The supervisor comes from the OT's site (derived from its front) and the
  /// rotation of that site: vessel EMB-1, A from 2026-10-01 in 14-day turns;
  /// 2026-10-16 is day 15 → turn 1 → B.
  @Test func rowsCarryTheSupervisorOnDuty() throws {
    let families = WorkOrderFamilies([WorkOrder(ot: C.ot("OT-1"), front: 2, vessel: SiteID("EMB-1"))])
    let auth = ConsolidatedAuthorizations([C.annexLine("OT-1", 1, "A1", qty: "100", annex: "C-7")], families: families)
    let rotation = try #require(GuardRotation(site: SiteID("EMB-1"), supervisorA: "Ana", supervisorB: "Beto", aStartsOn: C.day("2026-10-01")))
    let book = ContractBook(workOrders: families, authorizations: auth, guards: GuardSchedule([rotation]))
    let result = try book.validate([
      C.row("OT-1", "A1", "2026-10-16", .cma, "1"),
      C.row("OT-1", "A1", "2026-10-14", .cma, "1"),
    ])
    #expect(result.outcomes.map { $0.validated?.supervisor } == ["Beto", "Ana"])
  }
}
