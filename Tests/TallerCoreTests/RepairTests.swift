import Testing

@testable import TallerCore

/// SPEC §5.7: repairs, warranty, invoicing and moves (seed 003, mrp_repair).
struct RepairTests {
  static func day(_ text: String) -> LocalDate {
    do { return try LocalDate.parse(text) } catch { fatalError("bad test date \(text)") }
  }

  static func catalog() throws -> RecipeCatalog {
    var products = RecipeExamples.cabinetProducts
    for k in products.indices where products[k].code == "ARM100" { products[k].warrantyMonths = 12 }
    products.append(Product(code: "HORA", type: .service))
    return try RecipeCatalog(products: products, lines: RecipeExamples.cabinetLines)
  }

  static let lots = [
    SoldLot(lot: "L-NEW", product: "ARM100", saleDate: day("2025-06-15"), customer: "Muebles Ruiz"),
    SoldLot(lot: "L-OLD", product: "ARM100", saleDate: day("2024-11-20"), customer: "Hotel Sol"),
  ]
  static let prices: [ProductCode: Money] = ["PANLAT": dec("45.90"), "HORA": dec("28.50")]

  static func panlat(_ id: String, lot: String, state: RepairState = .done, method: InvoiceMethod = .after) throws
    -> RepairBook
  {
    RepairBook.build(
      repairs: [RepairInput(id: id, product: "ARM100", lot: lot, date: day("2026-03-10"), state: state, invoiceMethod: method)],
      lines: [
        RepairLineInput(repair: id, action: .remove, product: "PANLAT"),
        RepairLineInput(repair: id, action: .add, product: "PANLAT"),
        RepairLineInput(repair: id, action: nil, product: "HORA", description: "Labour", qty: dec("1.5")),
      ], catalog: try catalog(), lots: lots, prices: prices)
  }

  @Test(arguments: [
    ("2025-01-31", 1, "2025-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2025-06-15", 12, "2026-06-15"),
    ("2025-11-30", 3, "2026-02-28"), ("2025-12-15", 1, "2026-01-15"),
  ])
  func addingMonthsKeepsTheDayOrTakesTheMonthsLast(_ from: String, _ months: Int, _ expected: String) {
    #expect(Self.day(from).adding(months: months) == Self.day(expected))
  }

  @Test func underWarrantyTheNewPartIsFreeAndTheFeeIsInvoiced() throws {
    let book = try Self.panlat("R-1", lot: "L-NEW")
    let r = try #require(book.repairs.first)
    #expect(r.warrantyUntil == Self.day("2026-06-15"))
    #expect(r.underWarranty)
    #expect(r.customer == "Muebles Ruiz")
    #expect(r.lines.map(\.toInvoice) == [false, false, true])
    #expect(r.lines.map(\.qty) == [Quantity(1), Quantity(1), dec("1.5")])
    #expect(r.total == dec("42.75"))
    #expect(book.findings.isEmpty)
  }

  @Test func outOfWarrantyTheNewPartIsInvoicedAtTheListPrice() throws {
    let r = try #require(try Self.panlat("R-2", lot: "L-OLD").repairs.first)
    #expect(r.warrantyUntil == Self.day("2025-11-20"))
    #expect(!r.underWarranty)
    #expect(r.lines.map(\.amount) == [.zero, dec("45.90"), dec("42.75")])
    #expect(r.total == dec("88.65"))
  }

  @Test func doneRepairsMoveTheRemovedPartToDefectiveAndTakeTheNewOneFromStock() throws {
    let moves = try Self.panlat("R-1", lot: "L-NEW").moves
    #expect(moves.map { "\($0.line) \($0.product) \($0.location) \($0.qty)" } == ["1 PANLAT Defective products 1", "2 PANLAT Stock -1"])
    #expect(try Self.panlat("R-1", lot: "L-NEW", state: .confirmed).moves.isEmpty)
  }

  @Test(arguments: [
    (InvoiceMethod.none, RepairState.done, false), (.before, .draft, false), (.before, .confirmed, true), (.before, .done, true),
    (.after, .confirmed, false), (.after, .done, true),
  ])
  func theInvoiceIsDraftedAtItsMoment(_ method: InvoiceMethod, _ state: RepairState, _ invoiced: Bool) {
    #expect(method.isInvoiced(in: state) == invoiced)
  }

  @Test func amountsAreRoundedHalfAwayFromZeroAtTheLineAndSummed() throws {
    let book = RepairBook.build(
      repairs: [RepairInput(id: "R", product: "ARM100", date: Self.day("2026-03-10"))],
      lines: [
        RepairLineInput(repair: "R", action: nil, description: "Diagnosis", qty: dec("0.75"), price: dec("28.50")),  // 21.375
        RepairLineInput(repair: "R", action: nil, description: "Transport", qty: dec("1.5"), price: dec("12.333")),  // 18.4995
      ], catalog: try Self.catalog())
    #expect(book.repairs[0].lines.map(\.amount) == [dec("21.38"), dec("18.50")])
    #expect(book.repairs[0].total == dec("39.88"))
  }

  @Test func invalidRowsAreRejectedAndAForeignRemovedPartIsAWarning() throws {
    let book = RepairBook.build(
      repairs: [
        RepairInput(id: "R", product: "ARM100", date: Self.day("2026-03-10"), file: "r.csv", line: 2),
        RepairInput(id: "X", product: "NOPE", date: Self.day("2026-03-10"), file: "r.csv", line: 3),
        RepairInput(id: "Y", product: "ARM100", file: "r.csv", line: 4),
      ],
      lines: [
        RepairLineInput(repair: "R", action: .remove, product: "TAQ000", file: "r.csv", line: 5),
        RepairLineInput(repair: "R", action: .remove, product: "BOIS002", file: "r.csv", line: 6),
        RepairLineInput(repair: "R", action: .add, product: "PANLAT", qty: dec("-1"), file: "r.csv", line: 7),
        RepairLineInput(repair: "X", action: .add, product: "PANLAT", file: "r.csv", line: 8),
      ], catalog: try Self.catalog())
    #expect(
      book.findings.map { "\($0.line) \($0.isError) \($0.message)" } == [
        "3 true repair X: product NOPE is not in products",
        "4 true repair Y has no date (fill date or give --as-of)",
        "7 true repair R: qty -1 is negative",
        "8 true repair X was rejected: its line is left out",
      ])
    // TAQ000 and BOIS002 are both in ARM100's recipe: no warning.
    let foreign = RepairBook.build(
      repairs: [RepairInput(id: "R", product: "PANLAT", date: Self.day("2026-03-10"))],
      lines: [RepairLineInput(repair: "R", action: .remove, product: "TAQ000", file: "r.csv", line: 9)],
      catalog: try Self.catalog())
    #expect(foreign.findings.map(\.message) == ["repair R: removed part TAQ000 is not in PANLAT's recipe"])
    #expect(!foreign.findings[0].isError)
    #expect(foreign.repairs[0].lines.count == 1)
  }
}
