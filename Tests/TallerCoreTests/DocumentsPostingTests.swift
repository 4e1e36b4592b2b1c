import Testing

@testable import TallerCore

/// SPEC §6: posting production documents (seed 002's story), worked out by hand.
struct DocumentsPostingTests {
  static func day(_ d: Int) -> LocalDate { LocalDate(year: 2026, month: 11, day: d)! }

  static func journeys() -> JourneyTable {
    var j = JourneyTable()
    j.add("J1", isOpen: true)
    j.add("J0", isOpen: false)
    return j
  }

  /// PP-1: 2,000 EMPHOR and 100 kg MASA01; PD-1 on J1 takes 1,000 EMPHOR and the
  /// 100 kg of dough; PR-1 declares 1,000 EMPHOR and 90 kg MASA01; PI-1 returns 2 kg flour.
  static func story() -> DocumentRows {
    var r = DocumentRows()
    r.append(doc: "PP-1", type: "PP", date: day(2), line: 1, product: "EMPHOR", qty: dec("2000"), warehouse: "PRODUCCION")
    r.append(doc: "PP-1", type: "PP", date: day(2), line: 2, product: "MASA01", qty: dec("100"), warehouse: "COCINA")
    r.append(
      doc: "PD-1", type: "PD", date: day(3), journey: "J1", related: ["PP-1"], line: 1, product: "EMPHOR",
      qty: dec("1000"), warehouse: "PRODUCCION")
    r.append(
      doc: "PD-1", type: "PD", date: day(3), journey: "J1", related: ["PP-1"], line: 2, product: "MASA01",
      qty: dec("100"), warehouse: "COCINA")
    r.append(
      doc: "PR-1", type: "PR", date: day(4), journey: "J1", related: ["PD-1"], line: 1, product: "EMPHOR",
      qty: dec("1000"), warehouse: "PRODUCCION")
    r.append(
      doc: "PR-1", type: "PR", date: day(4), journey: "J1", related: ["PD-1"], line: 2, product: "MASA01",
      qty: dec("90"), warehouse: "COCINA")
    r.append(doc: "PI-1", type: "PI", date: day(5), journey: "J1", related: ["PD-1"], line: 1, product: "HARINA", qty: dec("2"), warehouse: "SECOS")
    return r
  }

  func stock(_ p: Posting) -> [String] {
    p.stockOrder().map { s in
      "\(p.productCode(p.stockProduct[s])) \(p.warehouseCode(p.stockWarehouse[s]) ?? "-") \(p.physical[s])"
    }
  }

  @Test func seedStory() throws {
    let catalog = try RecipeExamples.catalog()
    let p = Posting.post(Self.story(), catalog: catalog, journeys: Self.journeys())
    #expect(p.rejected.isEmpty)
    // PD-1 draws 1,000 of 2,000 EMPHOR and all 100 MASA01 from PP-1; PR-1 settles PD-1.
    #expect(p.pending.map { $0.description } == ["1000", "0", "0", "0", "0", "0", "2"])
    // PD-1 moves half the PP's EMPHOR folio (MASA01 100, PINO01 120, HUEVO 250,
    // ACEITUNA 1000, PASAS 4; HORNEO is support) and the dough's (HARINA 100 × 0.6
    // = 60, MANTECA 12, SAL 0.45, AGUA 27 from the line's COCINA).
    #expect(
      stock(p) == [
        "ACEITUNA SECOS -1000", "AGUA COCINA -27", "EMPHOR PRODUCCION 1000", "HARINA SECOS -58", "HUEVO FRIO -250",
        "MANTECA FRIO -12", "MASA01 COCINA -10", "PASAS SECOS -4", "PINO01 COCINA -120", "SAL SECOS -0.45",
      ])
    let harina = try #require(p.journeyReport().first { $0.product == "HARINA" })
    #expect(harina.dispatched == dec("60") && harina.returned == dec("2") && harina.consumed == dec("58"))
    // Standard for 90 kg dough: 90 × 0.6 = 54; yield 54 ÷ 58 = 93.10 %.
    #expect(harina.standard == dec("54") && harina.yieldPercent == dec("93.10"))
    let masa = try #require(p.journeyReport().first { $0.product == "MASA01" })
    #expect(masa.declared == dec("90") && masa.dispatched == dec("100") && masa.standard == dec("100"))
  }

  @Test func shuffledOrderPostsTheSame() throws {
    let catalog = try RecipeExamples.catalog()
    let rows = Self.story()
    var shuffled = DocumentRows()
    for i in [6, 4, 2, 0, 5, 3, 1] {
      shuffled.append(
        doc: p(rows.docCodes, rows.doc[i]), type: p(rows.typeCodes, rows.type[i]), date: rows.date[i],
        journey: rows.journey[i] < 0 ? nil : p(rows.journeyCodes, rows.journey[i]),
        related: rows.relatedDocs(i).map { p(rows.docCodes, $0) }, line: Int(rows.line[i]),
        product: p(rows.productCodes, rows.product[i]), qty: rows.qty[i],
        warehouse: rows.warehouse[i] < 0 ? nil : p(rows.warehouseCodes, rows.warehouse[i]))
    }
    let a = Posting.post(rows, catalog: catalog, journeys: Self.journeys())
    let b = Posting.post(shuffled, catalog: catalog, journeys: Self.journeys())
    #expect(stock(a) == stock(b))
    #expect(a.movementQty == b.movementQty)
    #expect(a.movementProduct == b.movementProduct)
    #expect(a.journeyReport() == b.journeyReport())
  }

  func p(_ t: CodeTable, _ k: Int32) -> String { t.codes[Int(k)] }

  @Test func rejections() throws {
    let catalog = try RecipeExamples.catalog()
    var r = DocumentRows()
    r.append(doc: "PP-1", type: "PP", date: Self.day(2), line: 1, product: "EMPHOR", qty: dec("10"), warehouse: "P", sourceLine: 2)
    r.append(doc: "PD-1", type: "PD", date: Self.day(3), line: 1, product: "EMPHOR", qty: dec("5"), sourceLine: 3)
    r.append(doc: "PD-2", type: "PD", date: Self.day(3), journey: "J0", line: 1, product: "EMPHOR", qty: dec("5"), sourceLine: 4)
    r.append(
      doc: "PD-3", type: "PD", date: Self.day(3), journey: "J1", related: ["PP-1"], line: 1, product: "EMPHOR",
      qty: dec("11"), sourceLine: 5)
    r.append(doc: "PP-2", type: "PP", date: Self.day(3), line: 1, product: "NOPE", qty: dec("1"), sourceLine: 6)
    r.append(doc: "PR-9", type: "PR", date: Self.day(3), journey: "J1", related: ["PD-7"], line: 1, product: "EMPHOR", qty: dec("1"), sourceLine: 7)
    let p = Posting.post(r, catalog: catalog, journeys: Self.journeys())
    #expect(
      p.rejected.map { "\($0.row) \($0.reason)" } == [
        "1 document PD-1 (PD) needs a journey",
        "2 journey J0 of document PD-2 is closed",
        "3 draws 11 of EMPHOR but only 10 are pending on PP-1",
        "4 unknown product NOPE",
        "5 related document PD-7 does not exist",
      ])
    #expect(p.postedLines == [0])
  }

  /// A user-edited folio: the PD gives its sheet with MANTECA swapped for ACEITE.
  @Test func editedFolioMovesTheEditedComponent() throws {
    var products = RecipeExamples.products
    products.append(Product(code: "ACEITE", type: .raw, unit: "L", replacementCost: dec("3000")))
    let catalog = try RecipeCatalog(products: products, lines: RecipeExamples.lines)
    var r = DocumentRows()
    r.append(doc: "PD-1", type: "PD", date: Self.day(3), journey: "J1", line: 1, product: "MASA01", qty: dec("10"), warehouse: "COCINA")
    r.append(doc: "PD-1", type: "PD", date: Self.day(3), line: 1, product: "HARINA", component: true, qty: dec("6"), warehouse: "SECOS")
    r.append(doc: "PD-1", type: "PD", date: Self.day(3), line: 1, product: "ACEITE", component: true, qty: dec("1.5"))
    let p = Posting.post(r, catalog: catalog, journeys: Self.journeys())
    #expect(p.rejected.isEmpty)
    #expect(stock(p) == ["ACEITE COCINA -1.5", "HARINA SECOS -6"])
    #expect(p.folioSource == [.edited, .edited])
  }

  @Test func maxFolioLines() throws {
    let catalog = try RecipeExamples.catalog()
    var types = MovementTypes()
    types.define(MovementType(code: "PP", usesFolio: true, maxFolioLines: 3))
    var r = DocumentRows()
    r.append(doc: "PP-1", type: "PP", date: Self.day(2), line: 1, product: "EMPHOR", qty: dec("10"))
    let p = Posting.post(r, catalog: catalog, types: types)
    #expect(p.rejected.map(\.reason) == ["document PP-1 has 5 folio lines; type PP allows 3"])
    #expect(p.folioRow.isEmpty)
  }

  /// PCPP: a purchase type at its cost, then a return at its cost.
  @Test func averageCost() throws {
    let catalog = try RecipeExamples.catalog()
    var types = MovementTypes()
    types.define(MovementType(code: "CO", lineAction: .in, cost: .given))
    var opening = OpeningStock()
    opening.append(product: "HARINA", warehouse: "SECOS", qty: dec("100"), cost: dec("800"))
    var r = DocumentRows()
    r.append(doc: "CO-1", type: "CO", date: Self.day(2), line: 1, product: "HARINA", qty: dec("50"), warehouse: "SECOS", cost: dec("950"))
    let p = Posting.post(r, catalog: catalog, types: types, opening: opening)
    // (100 × 800 + 50 × 950) ÷ 150 = 127500 ÷ 150 = 850.
    let h = Int(catalog.productNumber(of: "HARINA")!)
    #expect(p.averageCost[h] == dec("850"))
    #expect(p.movementAverage == [dec("850")])
    #expect(p.movementStockAfter == [dec("150")])
  }

  /// A PP and its PD on the same day: the PD waits for the PP though its id sorts first.
  @Test func sameDayDocumentsFollowTheirRelations() throws {
    let catalog = try RecipeExamples.catalog()
    var r = DocumentRows()
    r.append(
      doc: "PD-1", type: "PD", date: Self.day(2), journey: "J1", related: ["PP-9"], line: 1, product: "EMPHOR",
      qty: dec("4"), warehouse: "P")
    r.append(doc: "PP-9", type: "PP", date: Self.day(2), line: 1, product: "EMPHOR", qty: dec("10"), warehouse: "P")
    let p = Posting.post(r, catalog: catalog, journeys: Self.journeys())
    #expect(p.rejected.isEmpty)
    #expect(p.postedLines == [1, 0])
    #expect(p.pending[1] == dec("6"))
  }

  /// A compound line (a combo) never moves itself, only its recipe's components, by
  /// the type's line action; a produced component moves as itself (its own recipe
  /// is not touched). In a folio type it has no folio.
  @Test func compoundMovesOnlyItsComponents() throws {
    var products = RecipeExamples.products
    products.append(Product(code: "COMBO", type: .compound, unit: "u"))
    products.append(Product(code: "BEBIDA", type: .raw, unit: "u", replacementCost: dec("900")))
    var lines = RecipeExamples.lines
    lines.append(RecipeLine(parent: "COMBO", component: "EMPHOR", qty: dec("2"), warehouse: "VITRINA"))
    lines.append(RecipeLine(parent: "COMBO", component: "BEBIDA", qty: dec("1")))
    let catalog = try RecipeCatalog(products: products, lines: lines)
    var types = MovementTypes()
    types.define(MovementType(code: "VE", name: "venta", lineAction: .out))
    var r = DocumentRows()
    r.append(doc: "PP-1", type: "PP", date: Self.day(2), line: 1, product: "COMBO", qty: dec("5"), warehouse: "P")
    r.append(doc: "VE-1", type: "VE", date: Self.day(3), line: 1, product: "COMBO", qty: dec("3"), warehouse: "LOCAL")
    let p = Posting.post(r, catalog: catalog, types: types)
    #expect(p.rejected.isEmpty)
    #expect(p.folioRow.isEmpty)
    // 3 combos: 3 × 2 = 6 EMPHOR from VITRINA (the recipe line's), 3 BEBIDA from the line's LOCAL.
    #expect(stock(p) == ["BEBIDA LOCAL -3", "EMPHOR VITRINA -6"])
    #expect(p.movementIsComponent == [true, true])
  }

  /// The same document line twice: the later row (in input order) is refused, naming the first.
  @Test func duplicateLineNamesTheFirst() throws {
    let catalog = try RecipeExamples.catalog()
    var r = DocumentRows()
    r.append(doc: "PP-1", type: "PP", date: Self.day(2), line: 1, product: "EMPHOR", qty: dec("10"), sourceLine: 2)
    r.append(doc: "PP-1", type: "PP", date: Self.day(2), line: 1, product: "MASA01", qty: dec("5"), sourceLine: 3)
    let p = Posting.post(r, catalog: catalog)
    #expect(p.rejected == [DocumentRejection(row: 1, reason: "line 1 of document PP-1 is given twice (first at documents.csv:2)")])
    #expect(p.postedLines == [0])
  }

  /// A by-product line travels on the folio (as explode-bom's sheet shows it) and
  /// never moves stock; support lines neither.
  @Test func byproductsTravelWithoutMovingStock() throws {
    var products = RecipeExamples.products
    products.append(Product(code: "RECORTE", type: .raw, unit: "kg"))
    var lines = RecipeExamples.lines
    lines.append(RecipeLine(parent: "MASA01", component: "RECORTE", qty: dec("0.02"), pos: 60, kind: .byproduct))
    let catalog = try RecipeCatalog(products: products, lines: lines)
    var r = DocumentRows()
    r.append(doc: "PD-1", type: "PD", date: Self.day(3), journey: "J1", line: 1, product: "MASA01", qty: dec("10"), warehouse: "COCINA")
    let p = Posting.post(r, catalog: catalog, journeys: Self.journeys())
    #expect(p.folioKind == [.component, .component, .component, .component, .byproduct])
    #expect(p.folioQty.last == dec("0.2"))  // 10 × 0.02
    #expect(stock(p) == ["AGUA COCINA -2.7", "HARINA SECOS -6", "MANTECA FRIO -1.2", "SAL SECOS -0.05"])
  }

  /// A service (never in stock) travels on the folio and moves nothing.
  @Test func servicesNeverMoveStock() throws {
    var products = RecipeExamples.products
    products.append(Product(code: "DESPACHO", type: .service, unit: "u", replacementCost: dec("50")))
    var lines = RecipeExamples.lines
    lines.append(RecipeLine(parent: "MASA01", component: "DESPACHO", qty: dec("1"), pos: 60))
    let catalog = try RecipeCatalog(products: products, lines: lines)
    var r = DocumentRows()
    r.append(doc: "PD-1", type: "PD", date: Self.day(3), journey: "J1", line: 1, product: "MASA01", qty: dec("10"), warehouse: "COCINA")
    r.append(doc: "PI-1", type: "PI", date: Self.day(4), journey: "J1", line: 1, product: "DESPACHO", qty: dec("1"))
    let p = Posting.post(r, catalog: catalog, journeys: Self.journeys())
    #expect(p.rejected.isEmpty)
    #expect(p.folioKind == [.component, .component, .component, .component, .service])
    #expect(stock(p) == ["AGUA COCINA -2.7", "HARINA SECOS -6", "MANTECA FRIO -1.2", "SAL SECOS -0.05"])
  }
}
