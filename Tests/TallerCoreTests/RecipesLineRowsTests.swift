import Testing

@testable import TallerCore

/// `RecipeCatalog(products:lines:rows:)`: a reader's hints of where each line's
/// codes are among the product rows only save lookups; right, wrong or missing,
/// the catalogue is the same as without them.
struct RecipesLineRowsTests {
  enum Hints: String, CaseIterable { case right, wrong, missing }

  static func rows(_ hints: Hints, products: [Product], lines: [RecipeLine]) -> RecipeCatalog.LineRows {
    func row(_ code: ProductCode, _ i: Int) -> Int {
      switch hints {
      case .right: return products.firstIndex { $0.code == code } ?? -1
      case .wrong: return i % products.count  // some other product's row
      case .missing: return -1
      }
    }
    return RecipeCatalog.LineRows(
      parents: lines.enumerated().map { row($1.parent, $0) },
      components: lines.enumerated().map { row($1.component, $0 + 1) })
  }

  @Test(arguments: Hints.allCases)
  func hintsNeverChangeTheCatalogue(_ hints: Hints) throws {
    let products = RecipeExamples.products
    let lines = RecipeExamples.lines
    let plain = try RecipeCatalog(products: products, lines: lines)
    let hinted = try RecipeCatalog(
      products: products, lines: lines, rows: Self.rows(hints, products: products, lines: lines))
    let orders = [
      OrderLine(id: "1", product: "ARM100", qty: dec("1")),
      OrderLine(id: "2", product: "EMPHOR", qty: dec("2000"), warehouse: "PRODUCCION"),
    ]
    #expect(try hinted.summarize(orders) == plain.summarize(orders))
    #expect(try hinted.explode(orders) == plain.explode(orders))
    #expect(hinted.costs() == plain.costs())
    #expect(try hinted.whereUsed("SAL") == plain.whereUsed("SAL"))
    // By hand (examples/recipes/README.md): BOIS002 0.25 + 0.17 = 0.42.
    #expect(
      try hinted.summarize(orders).requirements.first { $0.component == "BOIS002" }?.qty == dec("0.42"))
  }

  @Test(arguments: Hints.allCases)
  func hintsNeverHideAnUnknownComponent(_ hints: Hints) {
    let products = [recipeProduct("A", .produced, line: 2), recipeProduct("B", .raw, line: 3)]
    let lines = [bomLine("A", "B", "1", line: 2), bomLine("A", "Z", "1", line: 3)]
    #expect(throws: RecipeCatalogError.self) {
      try RecipeCatalog(
        products: products, lines: lines, rows: Self.rows(hints, products: products, lines: lines))
    }
    do {
      _ = try RecipeCatalog(
        products: products, lines: lines, rows: Self.rows(hints, products: products, lines: lines))
    } catch {
      #expect(error.findings.map(\.problem) == [.unknownComponent("Z", parent: "A")])
    }
  }
}
