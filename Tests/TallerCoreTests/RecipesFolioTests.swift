import Testing

@testable import TallerCore

/// SPEC §6.2: the component sheet of a document, loaded from each line's recipe.
struct RecipesFolioTests {
  /// The PP for 2,000 empanadas of seed 002: shown lines only, labour left out.
  @Test func orderForTwoThousandEmpanadas() throws {
    let catalog = try RecipeExamples.catalog()
    let folio = try catalog.componentFolio(for: [
      OrderLine(id: "PP-1/1", product: "EMPHOR", qty: dec("2000"), warehouse: "PRODUCCION")
    ])
    let got = folio.lines.map {
      "\($0.pos) \($0.component) \($0.qty) \($0.stockQty) \($0.warehouse?.raw ?? "-")"
    }
    #expect(
      got == [
        "10 MASA01 200 200 COCINA",  // 2000 × 0.1
        "20 PINO01 240 240 COCINA",  // 2000 × 0.12
        "30 HUEVO 500 500 FRIO",  // 2000 × 0.25
        "40 ACEITUNA 2000 2000 SECOS",
        "50 PASAS 8 8 SECOS",  // 2000 × 0.004
        "60 HORNEO 2000 2000 PRODUCCION",  // support: on the sheet, its line's warehouse
      ])
    #expect(!folio.lines.contains { $0.component == "MO-EMP" })
    #expect(folio.lines.map(\.isSupport) == [false, false, false, false, false, true])
    #expect(folio.lines.allSatisfy { $0.demand == "PP-1/1" && $0.parent == "EMPHOR" })
    // The printed list: the same without the support line.
    #expect(folio.summary.map(\.component) == ["MASA01", "PINO01", "HUEVO", "ACEITUNA", "PASAS"])
    #expect(folio.summary.map(\.qty) == ["200", "240", "500", "2000", "8"].map(dec))
  }

  /// Dispatching 1,000 of the 2,000 takes half of each component (SPEC §6.2).
  @Test func halfTheOrderTakesHalfOfEachComponent() throws {
    let catalog = try RecipeExamples.catalog()
    let whole = try catalog.componentFolio(for: [OrderLine(product: "EMPHOR", qty: dec("2000"))])
    let half = try catalog.componentFolio(for: [OrderLine(product: "EMPHOR", qty: dec("1000"))])
    #expect(half.lines.map(\.qty) == ["100", "120", "250", "1000", "4", "1000"].map(dec))
    #expect(zip(whole.lines, half.lines).allSatisfy { $0.qty == $1.qty + $1.qty })
  }

  /// Stock moves with 2 decimals; the sheet keeps 10 (seed 002 "Uso de Decimales").
  @Test func stockQuantitiesAreRoundedToTwoDecimals() throws {
    let catalog = try RecipeExamples.catalog()
    let folio = try catalog.componentFolio(for: [
      OrderLine(product: "MASA01", qty: dec("150"), warehouse: "COCINA"),
      OrderLine(product: "EMPHOR", qty: dec("333"), warehouse: "PRODUCCION"),
    ])
    let got = folio.lines.map {
      "\($0.component) \($0.qty) \($0.stockQty) \($0.warehouse?.raw ?? "-")"
    }
    #expect(
      got == [
        "HARINA 90 90 SECOS",  // 150 × 0.6
        "MANTECA 18 18 FRIO",  // 150 × 0.12
        "SAL 0.675 0.68 SECOS",  // 150 × 0.0045 = 0.675 → half-up 0.68
        "AGUA 40.5 40.5 COCINA",  // 150 × 0.27; the recipe line names none: the document line's
        "MASA01 33.3 33.3 COCINA",  // 333 × 0.1
        "PINO01 39.96 39.96 COCINA",  // 333 × 0.12
        "HUEVO 83.25 83.25 FRIO",  // 333 × 0.25
        "ACEITUNA 333 333 SECOS",
        "PASAS 1.332 1.33 SECOS",  // 333 × 0.004 = 1.332 → 1.33
        "HORNEO 333 333 PRODUCCION",
      ])
  }

  /// The printed summary adds the same code and warehouse across document lines.
  @Test func summaryAddsTheSameCodeAndWarehouse() throws {
    let catalog = try RecipeExamples.catalog()
    let folio = try catalog.componentFolio(for: [
      OrderLine(product: "EMPHOR", qty: dec("2000"), warehouse: "PRODUCCION"),
      OrderLine(product: "EMPHOR", qty: dec("333"), warehouse: "PRODUCCION"),
      OrderLine(product: "MASA01", qty: dec("150")),
      OrderLine(product: "PINO01", qty: dec("10")),
    ])
    let got = folio.summary.map {
      "\($0.component) \($0.warehouse?.raw ?? "-") \($0.qty) \($0.stockQty)"
    }
    #expect(
      got == [
        "MASA01 COCINA 233.3 233.3",  // 200 + 33.3
        "PINO01 COCINA 279.96 279.96",  // 240 + 39.96
        "HUEVO FRIO 583.25 583.25",  // 500 + 83.25
        "ACEITUNA SECOS 2333 2333",
        "PASAS SECOS 9.332 9.33",  // 8 + 1.332; moved: 8 + 1.33
        "HARINA SECOS 90 90",
        "MANTECA FRIO 18 18",
        // SAL: 0.675 (MASA01) + 10 × 0.06 ÷ 10 = 0.06 (PINO01); moved 0.68 + 0.06
        "SAL SECOS 0.735 0.74",
        "AGUA - 40.5 40.5",  // no warehouse on the line nor the document line
        "CARNE FRIO 4.5 4.5",  // 10 × 4.5 ÷ 10
        "CEBOLLA SECOS 5 5",
        "COMINO SECOS 0.03 0.03",
        "AJI SECOS 0.05 0.05",
      ])
  }

  @Test func productsWithoutARecipeLoadNothing() throws {
    let catalog = try RecipeExamples.catalog()
    let folio = try catalog.componentFolio(for: [
      OrderLine(product: "HUEVO", qty: dec("12")),
      OrderLine(product: "NOPE", qty: dec("1"), line: 3),
    ])
    #expect(folio.lines.isEmpty && folio.summary.isEmpty)
    #expect(folio.rejected.map(\.problem) == [.unknownProduct("NOPE")])
  }
}
