import Testing

@testable import TallerCore

/// SPEC §5.1: what a catalogue of products and recipes must satisfy, every
/// problem reported at once with the line it came from.
struct RecipesCatalogTests {
  static let aliases: [(String, ProductType?)] = [
    ("raw", .raw), ("Natural", .raw), ("produced", .produced), ("PRODUCIDO", .produced),
    ("fabricado", .produced), ("compound", .compound), ("Compuesto", .compound), ("kit", .kit),
    ("paquete", .kit), ("support", .support), (" apoyo ", .support), ("service", .service),
    ("Servicio", .service), ("tool", nil), ("", nil),
  ]

  @Test(arguments: aliases)
  func productTypeAliases(_ text: String, _ expected: ProductType?) {
    #expect(ProductType(parsing: text) == expected)
  }

  @Test func lineKindsAndMethods() {
    #expect(RecipeLineKind(parsing: "byproduct") == .byproduct)
    #expect(RecipeLineKind(parsing: "By-Product") == .byproduct)
    #expect(RecipeLineKind(parsing: "") == .component)
    #expect(RecipeLineKind(parsing: "scrap") == nil)
    #expect(SupplyMethod(parsing: "Buy") == .buy)
    #expect(ProcureMethod(parsing: "order") == .order)
    #expect(SupplyMethod(parsing: "steal") == nil)
    #expect(SupplyMethod(parsing: "Subcontract") == .subcontract)
  }

  @Test func theExamplesAreValid() throws {
    let catalog = try RecipeExamples.catalog()
    #expect(catalog.warnings.isEmpty)
    #expect(catalog.products.count == 24)
    #expect(catalog.supply(of: "EMPHOR") == .produce)  // no supply given, has a recipe
    #expect(catalog.supply(of: "BOIS002") == .buy)
    #expect(catalog.lowLevelCode(of: "ARM100") == 0)
    #expect(catalog.lowLevelCode(of: "PANLAT") == 1)
    #expect(catalog.lowLevelCode(of: "BOIS002") == 2)  // deepest: under PANLAT
    #expect(catalog.lowLevelCode(of: "SAL") == 2)
    #expect(catalog.hasRecipe("MASA01"))
    #expect(!catalog.hasRecipe("HUEVO"))
    let order = catalog.productsByLowLevelCode
    #expect(order.firstIndex(of: "PANLAT")! < order.firstIndex(of: "BOIS002")!)
  }

  func findings(_ products: [Product], _ lines: [RecipeLine], maxLines: Int = 999)
    -> [RecipeFinding]
  {
    do {
      _ = try RecipeCatalog(products: products, lines: lines, maxLines: maxLines)
      return []
    } catch {
      return error.findings
    }
  }

  @Test func cycleIsReportedWithItsPath() {
    let found = findings(
      [
        recipeProduct("A", .produced), recipeProduct("B", .produced), recipeProduct("C", .produced),
      ],
      [
        bomLine("A", "B", "1", line: 2), bomLine("B", "C", "1", line: 3),
        bomLine("C", "A", "1", line: 4),
      ])
    #expect(found.count == 1)
    #expect(found[0].problem == .cycle(path: ["A", "B", "C", "A"], lines: [2, 3, 4]))
    #expect(found[0].line == 2)
    #expect(found[0].message == "product A contains itself: A → B → C → A")
  }

  @Test func selfComponentIsACycle() {
    let found = findings([recipeProduct("A", .produced)], [bomLine("A", "A", "1", line: 5)])
    #expect(found.map(\.problem) == [.cycle(path: ["A", "A"], lines: [5])])
  }

  @Test func cycleBelowAnAcyclicStartIsFoundOnce() {
    // R → X → Y → Z → X: the path starts where the cycle closes.
    let found = findings(
      [
        recipeProduct("R", .produced), recipeProduct("X", .produced), recipeProduct("Y", .produced),
        recipeProduct("Z", .produced),
      ],
      [
        bomLine("R", "X", "1", line: 2), bomLine("X", "Y", "1", line: 3),
        bomLine("Y", "Z", "1", line: 4),
        bomLine("Z", "X", "1", line: 5),
      ])
    #expect(found.map(\.problem) == [.cycle(path: ["X", "Y", "Z", "X"], lines: [3, 4, 5])])
  }

  @Test func aLongCycleIsFoundWithoutRecursion() {
    let n = 5000
    let products = (0..<n).map { recipeProduct(ProductCode("P\($0)"), .produced) }
    let lines = (0..<n).map {
      bomLine(ProductCode("P\($0)"), ProductCode("P\(($0 + 1) % n)"), "1", line: $0 + 2)
    }
    let found = findings(products, lines)
    #expect(found.count == 1)
    guard case .cycle(let path, let steps)? = found.first?.problem else {
      Issue.record("no cycle found")
      return
    }
    #expect(path.count == n + 1)
    #expect(path.first == "P0" && path.last == "P0")
    #expect(steps.count == n)
  }

  @Test func compoundAsComponentIsRejectedWithItsLine() {
    let found = findings(
      [
        recipeProduct("COMBO", .compound), recipeProduct("BOX", .produced),
        recipeProduct("X", .raw),
      ],
      [bomLine("COMBO", "X", "1", line: 2), bomLine("BOX", "COMBO", "1", line: 3)])
    #expect(found.map(\.problem) == [.compoundAsComponent(parent: "BOX", component: "COMBO")])
    #expect(found.map(\.line) == [3])
    #expect(found[0].input == .bom)
  }

  @Test func everyProblemAtOnce() {
    let products = [
      recipeProduct("A", .produced, line: 2),
      recipeProduct("B", .compound, line: 3),  // no lines
      recipeProduct("C", .raw, line: 4),
      recipeProduct("A", .raw, line: 5),  // duplicate
      recipeProduct("S", .support, line: 6),
      recipeProduct("K", .kit, line: 7),  // a kit without lines is fine
      recipeProduct("R", .raw, line: 8),
    ]
    let lines = [
      bomLine("A", "C", "0", line: 2),  // zero qty
      bomLine("A", "C", "-1", line: 3),  // negative qty, and C twice (warning)
      bomLine("A", "NOPE", "1", line: 4),  // unknown component
      bomLine("GHOST", "C", "1", line: 5),  // unknown parent
      bomLine("A", "S", "1", line: 6),  // support without pos
      bomLine("A", "C", "1", per: "0", line: 7),  // per zero, C a third time
      bomLine("R", "C", "1", line: 8),  // raw with components
    ]
    let found = findings(products, lines)
    let got = found.map { "\($0.input) \($0.line) \($0.severity)" }
    #expect(
      got == [
        "products 3 error",  // B has no recipe lines
        "products 5 error",  // A twice
        "bom 2 error",
        "bom 3 error", "bom 3 warning",
        "bom 4 error",
        "bom 5 error",
        "bom 6 error",
        "bom 7 error", "bom 7 warning",
        "bom 8 error",
      ])
    #expect(
      found.map(\.problem) == [
        .missingRecipe("B", .compound),
        .duplicateProduct("A", firstLine: 2),
        .nonPositiveQty(parent: "A", component: "C", qty: dec("0")),
        .nonPositiveQty(parent: "A", component: "C", qty: dec("-1")),
        .duplicateComponent(parent: "A", component: "C", firstLine: 2),
        .unknownComponent("NOPE", parent: "A"),
        .unknownParent("GHOST"),
        .supportWithoutPos(parent: "A", component: "S"),
        .nonPositivePer(parent: "A", component: "C", per: dec("0")),
        .duplicateComponent(parent: "A", component: "C", firstLine: 2),
        .rawWithComponents("R"),
      ])
  }

  @Test func duplicateComponentIsOnlyAWarning() throws {
    let catalog = try RecipeCatalog(
      products: [recipeProduct("A", .produced), recipeProduct("X", .raw)],
      lines: [bomLine("A", "X", "1", line: 2), bomLine("A", "X", "2", line: 3)])
    #expect(
      catalog.warnings.map(\.problem) == [
        .duplicateComponent(parent: "A", component: "X", firstLine: 2)
      ])
    #expect(
      catalog.warnings[0].description
        == "line 3: warning: component X appears more than once in the recipe of A (first at line 2)"
    )
    // Both lines count: 1 + 2.
    let summary = try catalog.summarize([OrderLine(product: "A", qty: dec("1"))])
    #expect(summary.requirements.map(\.qty) == [dec("3")])
  }

  @Test func missingRecipeCanBeAWarningForPlanning() throws {
    let products = [recipeProduct("A", .produced, line: 2), recipeProduct("B", .compound, line: 3)]
    #expect(findings(products, []).map(\.severity) == [.error, .error])
    let catalog = try RecipeCatalog(products: products, lines: [], recipesRequired: false)
    #expect(
      catalog.warnings.map(\.problem) == [
        .missingRecipe("A", .produced), .missingRecipe("B", .compound),
      ])
    #expect(!catalog.hasRecipe("A"))
    #expect(catalog.supply(of: "A") == .buy)
    #expect(try catalog.explode([OrderLine(product: "A", qty: dec("1"))]).rows.isEmpty)
  }

  @Test func tooManyLines() {
    let products =
      [recipeProduct("A", .produced)]
      + (0..<1000).map { recipeProduct(ProductCode("X\($0)"), .raw) }
    let lines = (0..<1000).map { bomLine("A", ProductCode("X\($0)"), "1", line: $0 + 2) }
    let found = findings(products, lines)
    #expect(found.map(\.problem) == [.tooManyLines(parent: "A", count: 1000, max: 999)])
    // Reported at the 1,000th line, the first one over the limit.
    #expect(found.map(\.line) == [1001])
    #expect(findings(products, Array(lines.prefix(999))).isEmpty)
    // --max-lines 3
    #expect(findings(products, Array(lines.prefix(4)), maxLines: 3).map(\.line) == [5])
  }

  @Test func findingsNameTheirFile() {
    let found = findings(
      [Product(code: "A", type: .produced, file: "products.csv", line: 2)],
      [RecipeLine(parent: "A", component: "Q", qty: dec("1"), file: "bom.csv", line: 9)])
    #expect(found.map(\.description) == ["bom.csv:9: component Q of A is not in products"])
  }
}

/// A product whose type cell is blank is produced when it has component lines,
/// raw otherwise (`ProductType.ofUntyped`, `RecipeLines.settleTypes`).
struct RecipesUntypedProductTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let name: String
    /// Lines of the catalogue (P is the product whose type is blank).
    let lines: [RecipeLine]
    let expected: ProductType
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(name: "no lines at all", lines: [], expected: .raw),
    Case(name: "a component line", lines: [bomLine("P", "R", "1")], expected: .produced),
    Case(
      name: "component and by-product lines",
      lines: [bomLine("P", "R", "1"), bomLine("P", "S", "1", kind: .byproduct)], expected: .produced),
    Case(name: "only a by-product line", lines: [bomLine("P", "S", "1", kind: .byproduct)], expected: .raw),
    Case(name: "only used as a component", lines: [bomLine("Q", "P", "1")], expected: .raw),
    Case(
      name: "used as a component and has its own line",
      lines: [bomLine("Q", "P", "1"), bomLine("P", "R", "2")], expected: .produced),
  ]

  @Test(arguments: cases)
  func blankTypeIsDecidedByComponentLines(_ c: Case) {
    var products = [
      recipeProduct("P", .raw, line: 2), recipeProduct("Q", .produced, line: 3), recipeProduct("R", .raw, line: 4),
      recipeProduct("S", .raw, line: 5),
    ]
    // Only P's type was blank: the others keep theirs.
    RecipeLines(c.lines).settleTypes(of: &products, untyped: [0])
    #expect(products[0].type == c.expected)
    #expect(products[1...].map(\.type) == [.produced, .raw, .raw])
  }

  @Test(arguments: [(false, ProductType.raw), (true, .produced)])
  func theRule(_ hasComponentLines: Bool, _ expected: ProductType) {
    #expect(ProductType.ofUntyped(hasComponentLines: hasComponentLines) == expected)
  }
}
