import Testing

@testable import TallerCore

/// SPEC §5.2 `--costs`: replacement cost at the leaves, recipes rolled up bottom-up,
/// hidden lines (labour) included.
struct RecipesCostTests {
  @Test func cabinet() throws {
    let catalog = try RecipeExamples.catalog()
    // PANLAT: 0.17 × 12.50 ÷ 2 = 1.0625
    let panel = try #require(catalog.cost(of: "PANLAT"))
    #expect(panel.unitCost == dec("1.0625"))
    #expect(panel.source == .recipe)
    #expect(panel.lines.map(\.cost) == [dec("1.0625")])
    #expect(panel.lines.map(\.qtyPer) == [dec("0.085")])
    // ARM100: 2 × 1.0625 + 0.25 × 12.50 + 1 × 1.20 + 0.25 × 9.80 + 12 × 0.05
    //       = 2.125 + 3.125 + 1.2 + 2.45 + 0.6 = 9.5
    let cabinet = try #require(catalog.cost(of: "ARM100"))
    #expect(cabinet.lines.map(\.component) == ["PANLAT", "BOIS002", "LIN040", "BOIS010", "TAQ000"])
    #expect(cabinet.lines.map(\.cost) == ["2.125", "3.125", "1.2", "2.45", "0.6"].map(dec))
    #expect(cabinet.unitCost == dec("9.5"))
    #expect(cabinet.isComplete)
    let wood = try #require(catalog.cost(of: "BOIS002"))
    #expect(wood.source == .replacementCost)
    #expect(wood.unitCost == dec("12.50"))
    #expect(wood.lines.isEmpty)
  }

  @Test func empanadaCostsIncludeLabour() throws {
    let catalog = try RecipeExamples.catalog()
    // Dough, per kg: 0.6 × 850 + 0.12 × 2400 + 0.0045 × 500 + 0.27 × 1.2 + 0.05 × 4500
    //              = 510 + 288 + 2.25 + 0.324 + 225 = 1025.574
    let dough = try #require(catalog.cost(of: "MASA01"))
    #expect(dough.lines.map(\.cost) == ["510", "288", "2.25", "0.324", "225"].map(dec))
    #expect(dough.lines.map(\.show) == [true, true, true, true, false])
    #expect(dough.unitCost == dec("1025.574"))
    // Filling, recipe for 10 kg: (4.5 × 7990 + 5 × 990 + 0.03 × 12000 + 0.05 × 9000
    //   + 0.06 × 500 + 1.5 × 4500) ÷ 10 = 3595.5 + 495 + 36 + 45 + 3 + 675 = 4849.5
    let filling = try #require(catalog.cost(of: "PINO01"))
    #expect(filling.lines.map(\.cost) == ["3595.5", "495", "36", "45", "3", "675"].map(dec))
    #expect(filling.unitCost == dec("4849.5"))
    // Empanada: 0.1 × 1025.574 + 0.12 × 4849.5 + 0.25 × 160 + 1 × 45 + 0.004 × 6500
    //   + 1 × 0 (support) + 0.004 × 4500 (labour)
    //   = 102.5574 + 581.94 + 40 + 45 + 26 + 0 + 18 = 813.4974
    let empanada = try #require(catalog.cost(of: "EMPHOR"))
    #expect(
      empanada.lines.map(\.cost) == ["102.5574", "581.94", "40", "45", "26", "0", "18"].map(dec))
    #expect(empanada.unitCost == dec("813.4974"))
    // HORNEO (support) has no replacement cost: the roll-up says it is incomplete.
    #expect(!empanada.isComplete)
    #expect(dough.isComplete)
    #expect(catalog.costs().count == 24)
    #expect(catalog.costs().map(\.product) == RecipeExamples.products.map(\.code))
  }

  @Test func kitsWithARecipeAreRolledUpAndWithoutOneUseTheirCost() throws {
    let catalog = try RecipeCatalog(
      products: [
        recipeProduct("KIT1", .kit, cost: "100"), recipeProduct("KIT2", .kit, cost: "100"),
        recipeProduct("X", .raw, cost: "3.3333333333"),
      ],
      lines: [bomLine("KIT1", "X", "2", per: "3")])
    // 3.3333333333 × 2 ÷ 3 = 2.2222222222 (exactly 2.22222222220, rounded once)
    #expect(catalog.unitCost(of: "KIT1") == dec("2.2222222222"))
    #expect(catalog.unitCost(of: "KIT2") == dec("100"))
  }
}
