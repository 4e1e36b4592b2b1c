import Foundation
import TallerCore
import Testing

@testable import TallerIO

/// The pieces of the billing workbook that are pure: references, sheet quoting,
/// row heights, and the closed-month reader's refusals.
@Suite struct BillingWorkbookLayoutTests {
  @Test(arguments: [
    (0, 0, "A1"), (3, 25, "Z4"), (0, 26, "AA1"), (9, 34, "AI10"), (0, 701, "ZZ1"), (0, 702, "AAA1"),
    (0, 727, "AAZ1"), (8, 0, "A9"), (9, 0, "A10"), (99, 1, "B100"), (1_048_575, 16_383, "XFD1048576"),
  ])
  func cellNames(_ c: (Int, Int, String)) {
    #expect(cellName(c.0, c.1) == c.2)
  }

  @Test func absoluteReferences() {
    #expect(cellName(19, 14, absolute: true) == "$O$20")
    #expect(cellName(1_048_575, 16_383, absolute: true) == "$XFD$1048576")
  }

  /// A sheet name is quoted in a formula unless it is a plain word; a quote doubles.
  @Test(arguments: [
    ("Resumen", "Resumen"), ("OT-2026-017", "'OT-2026-017'"), ("Carátula", "'Carátula'"),
    ("O'Brien", "'O''Brien'"), ("2026", "'2026'"), ("Hoja_1", "Hoja_1"),
  ])
  func quotedSheets(_ c: (String, String)) {
    #expect(quotedSheet(c.0) == c.1)
  }

  @Test func rowsGrowWithWrappedText() {
    #expect(BillingWorkbook.Builder.lineHeight("corto", width: 36) == 15)
    #expect(BillingWorkbook.Builder.lineHeight(String(repeating: "x", count: 37), width: 36) == 30)
  }

  @Test func refusesADocumentOfAnotherSchema() throws {
    let value = try JSONValue.parse(Array(#"{"schema": "taller.other/1", "month": "2026-10"}"#.utf8), name: "x.json")
    #expect(throws: InputError.self) { try ClosedMonthStatement.read(value, name: "x.json") }
  }

  @Test func readsAMinimalClosedMonth() throws {
    func zeros() -> String {
      ["authorized", "previous", "executed", "accumulated", "remaining", "billable"].flatMap { k in
        ["mxn", "usd"].map { "\"\(k)_\($0)\": 0.00" }
      }.joined(separator: ", ")
    }
    let text = """
      {"schema": "taller.closed-month/1", "month": "2026-10", "status": "EN REVISIÓN", "evidence_url": "https://e/x.pdf",
       "families": [{"family": "OT-1", "work_orders": [{"ot": "OT-1", "kind": "INITIAL", "site": "S1",
         "days": [{"date": "2026-10-01", "status": "CERRADO", "previous_status": "LABORANDO"}]}],
         "concepts": [{"code": "1.1", "description": "d", "unit": "M2", "annex": "C-2", "authorized_qty": 10,
           "unit_price_mxn": 2.50, "unit_price_usd": 0.00, "previous_qty": 1, "month_qty": 3, "accumulated_qty": 4,
           "remaining_qty": 6, "excess_qty": 0, "daily": {"CMA": {"1": 3}, "TE": {}}, \(zeros())}],
         "totals": {\(zeros())}}],
       "totals": {\(zeros())}, "vouchers": {"VALIDADO": 1}, "supervisors": [{"supervisor": "Ing. A"}]}
      """
    let s = try ClosedMonthStatement.read(try JSONValue.parse(Array(text.utf8), name: "c.json"), name: "c.json")
    #expect(s.month.description == "2026-10")
    #expect(s.families.count == 1)
    let k = try #require(s.families.first?.concepts.first)
    #expect(k.monthQty == ExactDecimal(3))
    #expect(k.daily.first?.timeType == "CMA")
    #expect(k.daily.first?.days[1] == ExactDecimal(3))
    #expect(s.families[0].workOrders[0].days[0].previousStatus == "LABORANDO")
    #expect(s.supervisors == ["Ing. A"])
    #expect(s.vouchers.first?.count == 1)
  }

  /// The statement is read without a tree: members in any order, the first problem
  /// reported once the document is known to be a closed month's.
  @Test func readsMembersInAnyOrderAndNamesTheFirstProblem() throws {
    func zeros() -> String {
      ["authorized", "previous", "executed", "accumulated", "remaining", "billable"].flatMap { k in
        ["mxn", "usd"].map { "\"\(k)_\($0)\": 0.00" }
      }.joined(separator: ", ")
    }
    func document(price: String = "2.50", day: String = "31", schema: String = "taller.closed-month/1") -> [UInt8] {
      // `month` after the families that need it; members the statement does not show.
      Array("""
        {"families": [{"concepts": [{"daily_by_ot": {"OT-1": {"CMA": {"31": 3}}}, "code": "1.1", "authorized_qty": 10,
           "unit_price_mxn": \(price), "unit_price_usd": 0.00, "previous_qty": 1, "month_qty": 3, "accumulated_qty": 4,
           "remaining_qty": 6, "excess_qty": 0, "programmed_qty": null, "daily": {"CMA": {"\(day)": 3}}, \(zeros())}],
         "family": "OT-1", "totals": {\(zeros())},
         "work_orders": [{"ot": "OT-1", "days": [{"date": "2026-10-31", "previous_status": "LABORANDO"}]}]}],
         "reopening": null, "totals": {\(zeros())}, "month": "2026-10", "schema": "\(schema)"}
        """.utf8)
    }
    let s = try ClosedMonthStatement.read(bytes: document(), name: "c.json")
    #expect(s.month.description == "2026-10")
    let k = try #require(s.families.first?.concepts.first)
    #expect(k.prices[.mxn] == (try ExactDecimal.parse("2.5")))
    #expect(k.daily.first?.days[31] == ExactDecimal(3))
    #expect(s.families[0].workOrders[0].days[0].day == 31)

    func problem(_ bytes: [UInt8]) -> String? {
      do {
        _ = try ClosedMonthStatement.read(bytes: bytes, name: "c.json")
        return nil
      } catch {
        return error.message
      }
    }
    #expect(problem(document(price: "\"x\"")) == "closed-month document: 1.1.unit_price_mxn is not an exact decimal")
    #expect(problem(document(day: "32")) == "closed-month document: day 32 of 1.1 is not a day of 2026-10")
    // Not a closed month: said so, before any member's problem.
    #expect(problem(document(price: "\"x\"", schema: "taller.other/1"))?.hasPrefix("not a closed-month document") == true)
    #expect(problem(Array("[1, 2]".utf8))?.hasPrefix("not a closed-month document") == true)
    #expect(problem(document(schema: "taller.closed-month/9")) == "closed-month document: schema is not taller.closed-month/1")
  }

  /// A closed month of `families` (key, dollar price of its one concept), its `month`
  /// member before or after the families.
  static func closedMonth(_ month: String, _ families: [(String, String)], monthFirst: Bool) -> String {
    func zeros() -> String {
      ["authorized", "previous", "executed", "accumulated", "remaining", "billable"].flatMap { k in
        ["mxn", "usd"].map { "\"\(k)_\($0)\": 0.00" }
      }.joined(separator: ", ")
    }
    let list = families.map { key, usd in
      """
      {"family": "\(key)", "work_orders": [{"ot": "\(key)", "kind": "INITIAL", "site": "S1",
        "days": [{"date": "\(month)-01", "previous_status": "LABORANDO"}, {"date": "\(month)-02", "previous_status": null}]}],
       "concepts": [{"code": "1.1", "description": "Excavación", "unit": "M3", "annex": "C-2", "authorized_qty": 10,
         "unit_price_mxn": 2.50, "unit_price_usd": \(usd), "previous_qty": 1, "month_qty": 3, "accumulated_qty": 4,
         "remaining_qty": 6, "excess_qty": 0, "daily": {"CMA": {"1": 3}, "TE": {}}, \(zeros())}],
       "totals": {\(zeros())}}
      """
    }.joined(separator: ", ")
    let head = #"{"schema": "taller.closed-month/1", "month": "\#(month)", "#
    let tail = #", "totals": {\#(zeros())}, "vouchers": {"VALIDADO": 1}}"#
    return monthFirst
      ? head + #""families": [\#(list)]"# + tail
      : #"{"schema": "taller.closed-month/1", "families": [\#(list)], "month": "\#(month)""# + tail
  }

  /// Reading while writing (`write(documents:)`) gives the bytes of reading first
  /// (`write(_:)` of the statements): dollars found in a later family, a month given
  /// after its families, no dollars at all; and a document that cannot be read is
  /// the error.
  @Test func readingWhileWritingGivesTheSameWorkbook() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("billing-feed-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    func file(_ name: String, _ text: String) throws -> InputSource {
      let path = dir.appendingPathComponent(name).path
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      return .file(path)
    }
    let october = try file("oct.json", Self.closedMonth("2026-10", [("OT-1", "0.00"), ("OT-2", "1.25"), ("OT-3", "0.00")], monthFirst: true))
    let november = try file("nov.json", Self.closedMonth("2026-11", [("OT-4", "0.00"), ("OT-5", "0.00")], monthFirst: false))
    let pesos = try file("pesos.json", Self.closedMonth("2026-10", [("OT-1", "0.00"), ("OT-2", "0.00")], monthFirst: true))
    let book = WorkbookOptions(created: 1_790_000_000)
    func bytes(_ name: String, _ write: (String) throws -> Void) throws -> Data {
      let path = dir.appendingPathComponent(name).path
      try write(path)
      return try Data(contentsOf: URL(fileURLWithPath: path))
    }
    let title = { (months: [ClosedMonthStatement]) in "Estimación \(months.map(\.month.description).joined(separator: ", "))" }
    for (i, sources) in [[october, november], [november, october], [pesos], [november]].enumerated() {
      let streamed = try bytes("a\(i).xlsx") { path in
        try BillingWorkbook.write(documents: sources, options: .init(), to: path, workbook: book, title: title)
      }
      let read = try bytes("b\(i).xlsx") { path in
        try BillingWorkbook.write(BillingWorkbook.statements(sources), options: .init(), to: path, workbook: book, title: title)
      }
      #expect(streamed == read, "documents \(i)")
      #expect(streamed.count > 5_000)
    }
    let broken = try file("broken.json", #"{"schema": "taller.closed-month/1", "month": "2026-12", "families": [1, "#)
    #expect(throws: InputError.self) {
      try BillingWorkbook.write(
        documents: [october, broken], options: .init(), to: dir.appendingPathComponent("c.xlsx").path, workbook: book)
    }
  }
}
