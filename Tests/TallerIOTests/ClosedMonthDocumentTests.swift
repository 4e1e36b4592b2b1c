import Testing

@testable import TallerCore
@testable import TallerIO

/// The closed-month document written and read back as history (SPEC §4.7):
/// what validate-excess --history and close-month take from it.
@Suite struct ClosedMonthDocumentTests {
  static func day(_ s: String) -> LocalDate { try! LocalDate.parse(s) }
  static func q(_ s: String) -> ExactDecimal { try! ExactDecimal.parse(s) }

  /// OT-1 (10-01..10-31) with concept A (C-7: no voucher), 10 at 12.345 MXN / 0.5 USD;
  /// every day LABORANDO; rows 1.5 CMA on 10-02, 2 TE on 10-02, 0.25 CMA on 10-31.
  static func closed() throws -> ClosedMonth {
    let families = WorkOrderFamilies([
      WorkOrder(ot: OTCode("OT-1"), startDate: day("2026-10-01"), endDate: day("2026-10-31"))
    ])
    let annex = [
      AnnexLine(
        ot: OTCode("OT-1"), importID: ImportID(1), active: true, annex: AnnexName("C-7"), code: ConceptCode("A"),
        description: "Pintura \"epóxica\"", unit: "M2", authorizedQty: q("10"), unitPriceMXN: q("12.345"),
        unitPriceUSD: q("0.5"))
    ]
    let daily = (0..<31).map { DailyReport(ot: OTCode("OT-1"), date: day("2026-10-01") + $0, status: .laborando) }
    let book = ContractBook(
      workOrders: families, authorizations: ConsolidatedAuthorizations(annex, families: families),
      daily: DailyReports(daily))
    let rows = [
      ProductionRow(ot: OTCode("OT-1"), code: ConceptCode("A"), date: day("2026-10-02"), qty: q("1.5")),
      ProductionRow(ot: OTCode("OT-1"), code: ConceptCode("A"), date: day("2026-10-02"), timeType: .te, qty: q("2")),
      ProductionRow(ot: OTCode("OT-1"), code: ConceptCode("A"), date: day("2026-10-31"), qty: q("0.25")),
    ]
    let closing = MonthClosing(month: YearMonth(year: 2026, month: 10)!, book: book, evidenceURL: "https://e/1")
    guard case .success(let m) = try closing.close(rows) else { throw ArithmeticOverflow() }
    return m
  }

  @Test func writtenThenReadAsHistory() throws {
    let m = try Self.closed()
    let bytes = ClosedMonthDocument.json(m)
    #expect(bytes.last == 0x0A)
    let value = try JSONValue.parse(bytes, name: "closed.json")
    #expect(ClosedMonthDocument.isDocument(value))
    // Money with two decimals, quantities shortest, no exponent: 3.75 × 12.345 =
    // 46.29375 → 46.29; 10 × 12.345 = 123.45; remaining 123.45 − 46.29 = 77.16.
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains("\"executed_mxn\": 46.29,"))
    #expect(text.contains("\"remaining_mxn\": 77.16,"))
    #expect(text.contains("\"month_qty\": 3.75,"))
    #expect(text.contains("\"description\": \"Pintura \\\"epóxica\\\"\","))
    #expect(!text.contains(/[0-9][eE][+-]?[0-9]/))  // no number has an exponent
    let r = try ClosedMonthDocument.record(value, name: "closed.json")
    #expect(r.month == YearMonth(year: 2026, month: 10))
    #expect(r.lockedDays.count == 31)
    #expect(r.totals == m.totals)
    #expect(
      Set(r.entries) == [
        HistoryEntry(ot: OTCode("OT-1"), code: ConceptCode("A"), date: Self.day("2026-10-02"), qty: Self.q("1.5")),
        HistoryEntry(
          ot: OTCode("OT-1"), code: ConceptCode("A"), date: Self.day("2026-10-02"), timeType: .te, qty: Self.q("2")),
        HistoryEntry(ot: OTCode("OT-1"), code: ConceptCode("A"), date: Self.day("2026-10-31"), qty: Self.q("0.25")),
      ])
    // Written family by family, the bytes of the whole tree serialized at once.
    #expect(bytes == ClosedMonthDocument.value(m).serialized(pretty: true) + [0x0A])
    // Same closing, same bytes.
    #expect(ClosedMonthDocument.json(try Self.closed()) == bytes)
  }

  @Test(arguments: [
    (#"{"schema":"taller.closed-month/1","month":"2026-13","families":[],"totals":{}}"#, "month is not YYYY-MM"),
    (
      #"{"schema":"taller.closed-month/1","month":"2026-10","families":[{"work_orders":[],"concepts":[{"code":"A"}]}]}"#,
      "concept A has no daily_by_ot"
    ),
    (
      #"{"schema":"taller.closed-month/1","month":"2026-10","families":[{"work_orders":[],"concepts":[{"code":"A","daily_by_ot":{"OT-1":{"CMA":{"32":1}}}}]}]}"#,
      "day 32 of A is not a day of 2026-10"
    ),
    (
      #"{"schema":"taller.closed-month/1","month":"2026-10","families":[{"work_orders":[],"concepts":[{"code":"A","daily_by_ot":{"OT-1":{"CMA":{"3":1e3}}}}]}]}"#,
      "A OT-1 CMA day 3 is not an exact decimal"
    ),
  ])
  func malformedDocuments(_ json: String, _ message: String) throws {
    let value = try JSONValue.parse(Array(json.utf8), name: "c.json")
    #expect(throws: InputError.self) { try ClosedMonthDocument.record(value, name: "c.json") }
    do {
      _ = try ClosedMonthDocument.record(value, name: "c.json")
    } catch {
      #expect(error.description == "c.json: closed-month document: \(message)")
    }
  }
}
