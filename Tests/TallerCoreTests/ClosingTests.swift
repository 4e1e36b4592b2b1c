import Testing

@testable import TallerCore

/// Month closing (SPEC §4.7) and its money (§4.8), on small months built here.
@Suite struct ClosingTests {
  // MARK: Money at the concept line

  struct AmountCase: CustomTestStringConvertible, Sendable {
    let price, authorized, previous, month, excess: String
    /// authorized, previous, executed, accumulated, remaining, billable
    let expected: [String]
    let note: String
    var testDescription: String { note }
  }

  static let amountCases: [AmountCase] = [
    // 40 × 98.15 = 3926.00; 6 × 98.15 = 588.90; 26 × 98.15 = 2551.90; 32 × 98.15 = 3140.80;
    // 3926.00 − 3140.80 = 785.20; no excess: billable = executed.
    AmountCase(
      price: "98.15", authorized: "40", previous: "6", month: "26", excess: "0",
      expected: ["3926.00", "588.90", "2551.90", "3140.80", "785.20", "2551.90"], note: "whole quantities"),
    // 2.5 × 333.33 = 833.325 → 833.33; 2.75 × 333.33 = 916.6575 → 916.66 (executed and
    // accumulated); remaining 833.33 − 916.66 = −83.33; billable 2.5 × 333.33 → 833.33.
    AmountCase(
      price: "333.33", authorized: "2.5", previous: "0", month: "2.75", excess: "0.25",
      expected: ["833.33", "0.00", "916.66", "916.66", "-83.33", "833.33"], note: "half cents up, excess not billable"),
    // previous 1 × 0.125 = 0.125 → 0.13; executed 0.13; accumulated 2 × 0.125 = 0.25:
    // each is rounded once, so previous + executed (0.26) is not accumulated (0.25).
    // authorized 2 × 0.125 = 0.25; remaining 0.25 − 0.25 = 0.
    AmountCase(
      price: "0.125", authorized: "2", previous: "1", month: "1", excess: "0",
      expected: ["0.25", "0.13", "0.13", "0.25", "0.00", "0.13"], note: "previous + executed ≠ accumulated"),
    // All above the authorization of 0: billable (3 − 3) × 7.5 = 0; remaining 0 − 22.50.
    AmountCase(
      price: "7.5", authorized: "0", previous: "0", month: "3", excess: "3",
      expected: ["0.00", "0.00", "22.50", "22.50", "-22.50", "0.00"], note: "authorization 0"),
  ]

  @Test(arguments: amountCases)
  func amountsAtTheLine(_ c: AmountCase) throws {
    let a = try ClosingAmounts(
      price: C.q(c.price), authorized: C.q(c.authorized), previous: C.q(c.previous), month: C.q(c.month),
      excess: C.q(c.excess))
    #expect([a.authorized, a.previous, a.executed, a.accumulated, a.remaining, a.billable] == c.expected.map(C.q))
  }

  // MARK: A small month

  /// Family OT-1 = OT-1 (10-01..11-30) + OT-1-R1 (10-20..11-30); OT-2 inactive.
  /// Concept A (C-2): 40 at MXN 98.15 / USD 5.47; concept B (C-7, no voucher): 2.5
  /// at 333.33 / 18.51. History: A 6 in September. Daily: every day LABORANDO
  /// except `missing` (no status) and `standby`.
  static func closing(
    missing: [String] = [], standby: [String] = [], vouchers: [GeneratorVoucher] = [],
    evidence: String? = "https://e/x",
    closedOctober: Bool = false, reopen: String? = nil
  ) -> MonthClosing {
    let families = WorkOrderFamilies([
      WorkOrder(ot: C.ot("OT-1"), startDate: C.day("2026-09-01"), endDate: C.day("2026-11-30")),
      WorkOrder(
        ot: C.ot("OT-1-R1"), parentOT: C.ot("OT-1"), startDate: C.day("2026-10-20"), endDate: C.day("2026-11-30")),
      WorkOrder(ot: C.ot("OT-2"), active: false, startDate: C.day("2026-10-01"), endDate: C.day("2026-10-31")),
    ])
    let annex = [
      C.annexLine("OT-1", 1, "A", qty: "40", mxn: "98.15", usd: "5.47"),
      C.annexLine("OT-1", 1, "B", qty: "2.5", mxn: "333.33", usd: "18.51", annex: "C-7"),
    ]
    var daily: [DailyReport] = []
    for (ot, first) in [("OT-1", 1), ("OT-1-R1", 20)] {
      for d in first...31 {
        let date = C.day("2026-10-01") + (d - 1)
        if missing.contains("\(ot) \(d)") { continue }
        daily.append(
          DailyReport(ot: C.ot(ot), date: date, status: standby.contains("\(ot) \(d)") ? .standby : .laborando))
      }
    }
    var history = ProductionHistory(entries: [
      HistoryEntry(ot: C.ot("OT-1"), code: C.code("A"), date: C.day("2026-09-15"), qty: C.q("6"))
    ])
    if closedOctober {
      history.add(HistoryEntry(ot: C.ot("OT-1"), code: C.code("A"), date: C.day("2026-10-05"), qty: C.q("99")))
      history.lock(WorkOrderDay(ot: C.ot("OT-1"), date: C.day("2026-10-05")))
      history.close(YearMonth(year: 2026, month: 10)!)
    }
    let book = ContractBook(
      workOrders: families, authorizations: ConsolidatedAuthorizations(annex, families: families),
      daily: DailyReports(daily), history: history)
    return MonthClosing(
      month: YearMonth(year: 2026, month: 10)!, book: book, vouchers: VoucherRegister(vouchers), evidenceURL: evidence,
      reopenReason: reopen, earlierClosings: closedOctober ? [ClosingTotals()] : [])
  }

  static let rows = [
    C.row("OT-1", "A", "2026-10-05", .cma, "12.5", line: 2),
    C.row("OT-1", "A", "2026-10-05", .te, "3.5", line: 3),
    C.row("OT-1", "B", "2026-10-06", .cma, "2", line: 4),
    C.row("OT-1-R1", "A", "2026-10-21", .cma, "10", line: 5),
    C.row("OT-1-R1", "B", "2026-10-22", .cma, "0.75", line: 6),
  ]

  static func validated(_ rows: [ProductionRow]) -> [GeneratorVoucher] {
    rows.filter { $0.code.raw == "A" }.map {
      GeneratorVoucher(key: $0.key, status: .validado, evidenceURL: "https://e/\($0.line)")
    }
  }

  @Test func everyBlockerIsListed() throws {
    // OT-1-R1 has no status on 10-30 and 10-31 (one run of two days), OT-1 none on
    // 10-09; the row of 10-06 falls on a STANDBY day; a row of November; the A
    // vouchers: line 2 VALIDADO without evidence, line 3 EN REVISIÓN, line 5 missing.
    let rows = Self.rows + [C.row("OT-1", "A", "2026-11-02", .cma, "1", line: 7)]
    let vouchers = [
      GeneratorVoucher(key: rows[0].key, status: .validado),
      GeneratorVoucher(key: rows[1].key, status: .enRevision, evidenceURL: "https://e/3"),
    ]
    let c = Self.closing(
      missing: ["OT-1-R1 30", "OT-1-R1 31", "OT-1 9"], standby: ["OT-1 6"], vouchers: vouchers, evidence: nil)
    guard case .failure(let f) = try c.close(rows) else {
      Issue.record("closed")
      return
    }
    #expect(
      f.blockers == [
        .noEvidence,
        .rejected(index: 2, rows[2], .dayNotWorking(C.ot("OT-1"), C.day("2026-10-06"), .standby)),
        .outsideMonth(index: 5, rows[5], YearMonth(year: 2026, month: 10)!),
        .voucher(rows[0].key, annex: AnnexName("C-2"), status: .validado, registered: true),
        .voucher(rows[1].key, annex: AnnexName("C-2"), status: .enRevision, registered: true),
        .voucher(rows[3].key, annex: AnnexName("C-2"), status: .pendiente, registered: false),
        .noDailyStatus(C.ot("OT-1"), from: C.day("2026-10-09"), to: C.day("2026-10-09")),
        .noDailyStatus(C.ot("OT-1-R1"), from: C.day("2026-10-30"), to: C.day("2026-10-31")),
      ])
    let message = f.blockers[5].message { "p.csv:\($0)" }
    #expect(
      message
        == "blocked: GPU for OT-1-R1 C-2/A on 2026-10-21 (CMA) is PENDIENTE (not in the register), needs VALIDADO with evidence"
    )
  }

  @Test func theClosedMonth() throws {
    let c = Self.closing(vouchers: Self.validated(Self.rows))
    guard case .success(let m) = try c.close(Self.rows) else {
      Issue.record("blocked")
      return
    }
    #expect(m.families.map(\.key) == [C.ot("OT-1")])  // OT-2 is inactive
    let f = m.families[0]
    #expect(f.workOrders.map(\.ot) == [C.ot("OT-1"), C.ot("OT-1-R1")])
    #expect(f.workOrders.allSatisfy { $0.days.count == 31 })
    // OT-1-R1 starts on 10-20: no status before.
    #expect(f.workOrders[1].days[18].previousStatus == nil)
    #expect(f.workOrders[1].days[19].previousStatus == .laborando)
    let a = f.concepts[0]
    let b = f.concepts[1]
    // A: previous 6, month 12.5 + 3.5 + 10 = 26, accumulated 32, remaining 8. Per row
    // validate-excess rounds 1226.875 → 1226.88, 343.525 → 343.53, 981.50 (sum
    // 2551.91); the line is round(26 × 98.15) = 2551.90.
    #expect(
      [a.previousQty, a.monthQty, a.accumulatedQty, a.remainingQty, a.excessQty]
        == ["6", "26", "32", "8", "0"].map(C.q))
    #expect(a.totals.mxn.executed == C.q("2551.90"))
    #expect(a.daily.days(.cma).map(\.day) == [5, 21])
    #expect(a.dailyByOT[C.ot("OT-1")]?.days(.te).map(\.qty) == [C.q("3.5")])
    // B: 2 then 0.75 against 2.5: the second row is 0.25 above.
    #expect([b.monthQty, b.remainingQty, b.excessQty] == ["2.75", "-0.25", "0.25"].map(C.q))
    #expect(b.programmedQty == nil && b.varianceQty == nil)
    // Family = sum of its lines; document = sum of families.
    #expect(f.totals.mxn.executed == C.q("3468.56"))  // 2551.90 + 916.66
    #expect(f.totals.usd.remaining == C.q("39.14"))  // 43.76 − 4.62
    #expect(m.totals == f.totals)
    #expect(m.vouchers[.validado] == 3 && m.vouchers[.pendiente] == 0)
    #expect(m.supervisors.map(\.supervisor) == [nil])
    #expect(m.supervisors[0].monthQty == C.q("28.75"))
  }

  @Test func programmedAndVariance() throws {
    var c = Self.closing(vouchers: Self.validated(Self.rows))
    c.programmed = [C.row("OT-1-R1", "A", "2026-10-21", .cma, "30"), C.row("OT-1", "A", "2026-11-01", .cma, "99")]
    guard case .success(let m) = try c.close(Self.rows) else {
      Issue.record("blocked")
      return
    }
    // A: 30 programmed in October (November's 99 is not this month); 26 − 30 = −4. B: 0, 2.75.
    #expect(m.families[0].concepts.map(\.programmedQty) == [C.q("30"), C.q("0")])
    #expect(m.families[0].concepts.map(\.varianceQty) == [C.q("-4"), C.q("2.75")])
  }

  @Test func aClosedMonthIsClosedOnceUnlessReopened() throws {
    let vouchers = Self.validated(Self.rows)
    guard case .failure(let f) = try Self.closing(vouchers: vouchers, closedOctober: true).close(Self.rows) else {
      Issue.record("closed twice")
      return
    }
    // Only that blocker: October's own locks and entries are not the month's history.
    #expect(f.blockers == [.alreadyClosed(YearMonth(year: 2026, month: 10)!)])
    guard
      case .success(let m) = try Self.closing(vouchers: vouchers, closedOctober: true, reopen: "fix").close(Self.rows)
    else {
      Issue.record("not reopened")
      return
    }
    #expect(m.reopening == Reopening(reason: "fix", previousTotals: ClosingTotals()))
    #expect(m.families[0].concepts[0].previousQty == C.q("6"))
  }

  @Test func onlyTheFamiliesAsked() throws {
    // --ot OT-1-R1 closes its whole family OT-1.
    var c = Self.closing(vouchers: Self.validated(Self.rows))
    c.only = [C.ot("OT-1-R1")]
    guard case .success(let m) = try c.close(Self.rows) else { Issue.record("blocked"); return }
    #expect(m.families.map(\.key) == [C.ot("OT-1")])
    // --ot OT-2 (inactive, no rows, no authorization): OT-1's rows are left out, so
    // neither their missing vouchers nor a November row of OT-1 block.
    c = Self.closing(vouchers: [])
    c.only = [C.ot("OT-2")]
    guard case .success(let m2) = try c.close(Self.rows + [C.row("OT-1", "A", "2026-11-02", .cma, "1")]) else {
      Issue.record("blocked")
      return
    }
    #expect(m2.families.map(\.key) == [C.ot("OT-2")])
    #expect(m2.families[0].workOrders.isEmpty && m2.families[0].concepts.isEmpty)
    #expect(m2.vouchers[.pendiente] == 0)
  }

  @Test func aPartClosesWhatTheWholeClosesOfItsFamilies() throws {
    let whole = Self.closing(vouchers: Self.validated(Self.rows))
    guard case .success(let all) = try whole.close(Self.rows) else { Issue.record("blocked"); return }
    #expect(all.families.map(\.key) == [C.ot("OT-1")])  // OT-2 is inactive and has no rows
    // The part of OT-1 with no rows at all: OT-1 is active in October, so it is
    // closed, as by the whole closing (its history, its concepts, its days), with
    // nothing of the month: A 6 before, 0 now; B 0 and 0.
    var c = Self.closing(vouchers: [])
    c.partition = FamilySelection([C.ot("OT-1")], of: c.book.workOrders)
    guard case .success(let empty) = try c.close([]) else { Issue.record("blocked"); return }
    #expect(empty.families.map(\.key) == [C.ot("OT-1")])
    #expect(empty.families[0].workOrders.map(\.ot) == [C.ot("OT-1"), C.ot("OT-1-R1")])
    #expect(empty.families[0].concepts.map(\.previousQty) == [C.q("6"), C.q("0")])
    #expect(empty.families[0].concepts.map(\.monthQty) == [C.q("0"), C.q("0")])
    // With its rows, the part's family is the whole closing's, to the byte.
    c = Self.closing(vouchers: Self.validated(Self.rows))
    c.partition = FamilySelection([C.ot("OT-1-R1")], of: c.book.workOrders)  // a reprogramming names its family
    guard case .success(let part) = try c.close(Self.rows) else { Issue.record("blocked"); return }
    #expect(part.families == all.families)
    // The part of OT-2 (inactive, no rows): the whole closing does not close it, so
    // neither does its part (--ot OT-2 would: see onlyTheFamiliesAsked).
    c = Self.closing(vouchers: [])
    c.partition = FamilySelection([C.ot("OT-2")], of: c.book.workOrders)
    guard case .success(let none) = try c.close(Self.rows) else { Issue.record("blocked"); return }
    #expect(none.families.isEmpty)
    #expect(none.vouchers[.pendiente] == 0)  // OT-1's rows are another part's
    // A row of an OT no family holds belongs to the part named after it, and blocks
    // there as it blocks the whole closing.
    let stray = C.row("OT-9", "A", "2026-10-07", .cma, "1", line: 8)
    guard case .failure(let f) = try whole.close(Self.rows + [stray]) else { Issue.record("closed"); return }
    c = Self.closing(vouchers: [])
    c.partition = FamilySelection([C.ot("OT-9")], of: c.book.workOrders)
    guard case .failure(let g) = try c.close(Self.rows + [stray]) else { Issue.record("closed"); return }
    #expect(f.blockers == [.rejected(index: 5, stray, .unknownWorkOrder(C.ot("OT-9")))])
    #expect(g.blockers == f.blockers)
    c.partition = FamilySelection([C.ot("OT-1")], of: c.book.workOrders)
    c.vouchers = VoucherRegister(Self.validated(Self.rows))
    guard case .success = try c.close(Self.rows + [stray]) else { Issue.record("blocked"); return }
  }
}
