import Testing

@testable import TallerCore

/// The ledger (`ContractBook.ledger(for:options:)`) looks things up by number for
/// speed; these months check it against the rules written plainly: each row's
/// rejection is `rejection(of:duplicates:)` with its repeated lines found by brute
/// force, and each accepted row's running total is the history plus every accepted
/// row of its family and concept that comes before it in (date, CMA before TE, OT,
/// input order), summed naively.
@Suite struct ContractsLedgerTests {
  /// The seeded SplitMix64 of the core tests.
  typealias Generator = SplitMix64

  static func book(_ g: inout Generator) -> ContractBook {
    let families = WorkOrderFamilies([
      WorkOrder(ot: C.ot("OT-1"), startDate: C.day("2026-09-01"), endDate: C.day("2026-10-20")),
      WorkOrder(ot: C.ot("OT-1-R1"), parentOT: C.ot("OT-1"), startDate: C.day("2026-10-05"), endDate: C.day("2026-11-30")),
      WorkOrder(ot: C.ot("OT-2"), startDate: C.day("2026-10-03"), endDate: C.day("2026-10-25")),
      WorkOrder(ot: C.ot("B"), startDate: C.day("2026-10-01"), endDate: C.day("2026-10-31")),
    ])
    let annex = [
      C.annexLine("OT-1", 1, "A", qty: "40", mxn: "10.25", usd: "0.55"),
      C.annexLine("OT-1", 1, "B", qty: "25.5", mxn: "3.10", usd: "0.17"),
      C.annexLine("OT-1-R1", 2, "A", qty: "55", mxn: "10.25", usd: "0.55"),
      C.annexLine("OT-1", 3, "C", qty: "99", active: false),
      C.annexLine("OT-2", 4, "A", qty: "30", mxn: "12", usd: "0.66", annex: "C-3"),
      // An OT and a concept may share a text: "B" is both here.
      C.annexLine("B", 5, "B", qty: "0", mxn: "1", usd: "0.05", annex: "C-7"),
    ]
    let statuses: [DailyStatus] = [.laborando, .laborando, .laborando, .standby, .noLaborando, .cerrado]
    var daily: [DailyReport] = []
    for ot in ["OT-1", "OT-1-R1", "OT-2", "B"] {
      for d in 1...31 where Int.random(in: 0..<10, using: &g) < 9 {
        daily.append(DailyReport(ot: C.ot(ot), date: C.day("2026-10-01") + (d - 1), status: statuses.randomElement(using: &g) ?? .laborando))
      }
    }
    var history = ProductionHistory(entries: [
      HistoryEntry(ot: C.ot("OT-1"), code: C.code("A"), date: C.day("2026-09-10"), qty: C.q("30")),
      HistoryEntry(ot: C.ot("OT-1-R1"), code: C.code("B"), date: C.day("2026-09-28"), timeType: .te, qty: C.q("4.5")),
      HistoryEntry(ot: C.ot("OT-2"), code: C.code("A"), date: C.day("2026-10-02"), qty: C.q("100")),  // not before October
    ])
    history.lock(WorkOrderDay(ot: C.ot("OT-2"), date: C.day("2026-10-07")))
    return ContractBook(
      workOrders: families, authorizations: ConsolidatedAuthorizations(annex, families: families),
      daily: DailyReports(daily), history: history)
  }

  static func rows(_ g: inout Generator, count: Int) -> [ProductionRow] {
    let ots = ["OT-1", "OT-1-R1", "OT-2", "B", "OT-9"]
    let codes = ["A", "A", "B", "C", "Z"]
    let qtys = ["0", "1", "2.5", "4", "7.25", "12", "-3"]
    return (0..<count).map { i in
      ProductionRow(
        ot: C.ot(ots.randomElement(using: &g) ?? "OT-1"), code: C.code(codes.randomElement(using: &g) ?? "A"),
        date: C.day("2026-10-01") + Int.random(in: 0..<31, using: &g),
        timeType: Bool.random(using: &g) ? .cma : .te, qty: C.q(qtys.randomElement(using: &g) ?? "1"), line: i + 2)
    }
  }

  @Test(arguments: 1...20)
  func ledgerAgreesWithThePlainRules(seed: Int) throws {
    var g = Generator(state: UInt64(seed))
    let book = Self.book(&g)
    let rows = Self.rows(&g, count: 150)
    let ledger = book.ledger(for: rows)

    // Rejections: the plain check, with repeated keys found pair by pair.
    var expected: [ProductionRejection?] = []
    for (i, r) in rows.enumerated() {
      let others = rows.indices.filter { $0 != i && rows[$0].key == r.key }.map { rows[$0].line }
      expected.append(book.rejection(of: r, duplicates: others))
    }
    let register = VoucherRegister()
    let outcomes = try rows.indices.map { try ledger.outcome(at: $0, of: rows[$0], register: register).outcome }
    #expect(outcomes.map(\.rejection) == expected)
    // Not vacuous: each month has rows of both kinds.
    #expect(outcomes.contains { $0.validated != nil } && outcomes.contains { $0.rejection != nil })

    // Running totals: history before October plus the earlier accepted rows.
    func before(_ a: Int, _ b: Int) -> Bool {
      let x = rows[a], y = rows[b]
      if x.date != y.date { return x.date < y.date }
      if x.timeType != y.timeType { return x.timeType == .cma }
      if x.ot != y.ot { return x.ot < y.ot }
      return a < b
    }
    for (i, o) in outcomes.enumerated() {
      guard let v = o.validated else { continue }
      let family = try #require(book.workOrders.familyKey(of: rows[i].ot))
      var total = Quantity.zero
      for e in book.history.entries where e.code == rows[i].code && e.date < C.day("2026-10-01")
        && book.workOrders.familyKey(of: e.ot) == family
      {
        total += e.qty
      }
      for j in rows.indices where expected[j] == nil && rows[j].code == rows[i].code
        && book.workOrders.familyKey(of: rows[j].ot) == family && (j == i || before(j, i))
      {
        total += rows[j].qty
      }
      #expect(v.cumulativeQty == total, "row \(i): \(rows[i].key)")
    }
  }

  /// The listing `--gpu-out` writes is the register after get-or-create of each new
  /// key, in key order, whether the keys are added or merged in (seeded months;
  /// the expected side is the register's own insert and sort).
  @Test(arguments: 1...10)
  func mergedListingIsTheRegisterAfterGetOrCreate(seed: Int) {
    var g = Generator(state: UInt64(seed) &* 7919)
    let ots = ["OT-1", "OT-1-R1", "OT-10", "OT-2", "ÓT-3"]
    let codes = ["A", "A.1", "B", "10", "9"]
    func key() -> ProductionKey {
      ProductionKey(
        ot: C.ot(ots.randomElement(using: &g) ?? "OT-1"), code: C.code(codes.randomElement(using: &g) ?? "A"),
        date: C.day("2026-09-20") + Int.random(in: 0..<40, using: &g), timeType: Bool.random(using: &g) ? .cma : .te)
    }
    var existing: [GeneratorVoucher] = []
    for _ in 0..<30 {
      existing.append(GeneratorVoucher(key: key(), status: VoucherStatus.allCases.randomElement(using: &g) ?? .pendiente, evidenceURL: "u", updatedOn: C.day("2026-10-05")))
    }
    let register = VoucherRegister(existing)
    var seen = Set(existing.map(\.key))
    var created: [ProductionKey] = []
    for _ in 0..<200 {
      let k = key()
      if seen.insert(k).inserted { created.append(k) }
    }
    var expected = register
    for k in created { _ = expected.voucher(for: k, createdOn: C.day("2026-10-31")) }
    var listed: [GeneratorVoucher] = []
    register.forEachMerged(adding: created, createdOn: C.day("2026-10-31")) { listed.append($0) }
    #expect(listed == expected.all)
    #expect(listed.count == register.count + created.count)
  }
}
