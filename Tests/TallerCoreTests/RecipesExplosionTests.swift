import Testing

@testable import TallerCore

/// SPEC §5.2 explode-bom, on the two worked examples and small hand-made structures.
struct RecipesExplosionTests {
  // MARK: ARM100 (seed 003, SPEC §5.5)

  @Test func cabinetExplodesToTheLeaves() throws {
    let catalog = try RecipeExamples.catalog()
    let explosion = try catalog.explode([OrderLine(id: "1", product: "ARM100", qty: dec("1"))])
    #expect(explosion.rejected.isEmpty)
    let rows = explosion.rows
    // Depth first: PANLAT, then PANLAT's own BOIS002, then the other ARM100 lines.
    #expect(
      rows.map(\.component) == ["PANLAT", "BOIS002", "BOIS002", "LIN040", "BOIS010", "TAQ000"])
    #expect(rows.map(\.level) == [1, 2, 1, 1, 1, 1])
    #expect(rows.map(\.parent) == ["ARM100", "PANLAT", "ARM100", "ARM100", "ARM100", "ARM100"])
    // 1 × 2; 2 PANLAT × 0.17 ÷ 2 = 0.17; 1 × 0.25; 1 × 1; 1 × 0.25; 1 × 12.
    #expect(rows.map(\.qty) == ["2", "0.17", "0.25", "1", "0.25", "12"].map(dec))
    // qty per one parent unit: PANLAT's line is 0.17 for 2 → 0.085.
    #expect(rows.map(\.qtyPer) == ["2", "0.085", "0.25", "1", "0.25", "12"].map(dec))
    #expect(rows.map(\.unit) == ["Unit", "m2", "m2", "m", "m2", "Unit"])
    #expect(
      rows.allSatisfy {
        $0.show && $0.kind == .component && $0.warehouse == nil && $0.demand == "1"
      })
    #expect(rows.map(\.parentRow) == [nil, 0, nil, nil, nil, nil])
    #expect(explosion.path(of: 1) == ["ARM100", "PANLAT", "BOIS002"])
    #expect(explosion.path(of: 4) == ["ARM100", "BOIS010"])
    var paths: [String] = []
    explosion.forEachPath(joinedBy: "/") { _, path in paths.append(path) }
    #expect(
      paths == [
        "ARM100/PANLAT", "ARM100/PANLAT/BOIS002", "ARM100/BOIS002", "ARM100/LIN040", "ARM100/BOIS010",
        "ARM100/TAQ000",
      ])
    // cost = qty × unit cost: PANLAT costs 0.17 × 12.50 ÷ 2 = 1.0625, so 2 × 1.0625 = 2.125;
    // 0.17 × 12.50 = 2.125; 0.25 × 12.50 = 3.125; 1 × 1.20; 0.25 × 9.80 = 2.45; 12 × 0.05 = 0.6.
    #expect(rows.map(\.cost) == ["2.125", "2.125", "3.125", "1.2", "2.45", "0.6"].map(dec))
    #expect(rows.map(\.bomLine) == [2, 7, 3, 4, 5, 6])
  }

  @Test func cabinetSummaryAddsBothBOIS002Lines() throws {
    let catalog = try RecipeExamples.catalog()
    let summary = try catalog.summarize([OrderLine(product: "ARM100", qty: dec("1"))])
    // BOIS002: 0.25 for ARM100 itself + 2 PANLAT × 0.17 ÷ 2 = 0.17 → 0.42.
    let expected: [(ProductCode, String)] = [
      ("BOIS002", "0.42"), ("BOIS010", "0.25"), ("LIN040", "1"), ("PANLAT", "2"), ("TAQ000", "12"),
    ]
    #expect(summary.requirements.map(\.component) == expected.map(\.0))
    #expect(summary.requirements.map(\.qty) == expected.map { dec($0.1) })
    #expect(summary.requirements.allSatisfy { $0.warehouse == nil })
    // 0.42 × 12.50 = 5.25
    #expect(summary.requirements[0].cost == dec("5.25"))
    #expect(summary.byproducts.isEmpty)
  }

  @Test func cabinetOneLevelIsTheDocumentView() throws {
    let catalog = try RecipeExamples.catalog()
    let rows = try catalog.explode([OrderLine(product: "ARM100", qty: dec("3"))], levels: 1).rows
    #expect(rows.map(\.component) == ["PANLAT", "BOIS002", "LIN040", "BOIS010", "TAQ000"])
    // 3 × 2, 3 × 0.25, 3 × 1, 3 × 0.25, 3 × 12
    #expect(rows.map(\.qty) == ["6", "0.75", "3", "0.75", "36"].map(dec))
    let summary = try catalog.summarize([OrderLine(product: "ARM100", qty: dec("3"))], levels: 1)
    #expect(
      summary.requirements.map(\.component) == ["BOIS002", "BOIS010", "LIN040", "PANLAT", "TAQ000"])
    #expect(summary.requirements.map(\.qty) == ["0.75", "0.75", "3", "6", "36"].map(dec))
  }

  // MARK: Oven empanada (seed 002, SPEC §6.5)

  @Test func empanadaExplosionOfTwoThousand() throws {
    let catalog = try RecipeExamples.catalog()
    let rows = try catalog.explode([
      OrderLine(id: "PP-1", product: "EMPHOR", qty: dec("2000"), warehouse: "PRODUCCION")
    ]).rows
    let got = rows.map {
      "\($0.level) \($0.component) \($0.qty) \($0.warehouse?.raw ?? "-") \($0.show)"
    }
    #expect(
      got == [
        "1 MASA01 200 COCINA true",  // 2000 × 0.1
        "2 HARINA 120 SECOS true",  // 200 × 0.6
        "2 MANTECA 24 FRIO true",  // 200 × 0.12
        "2 SAL 0.9 SECOS true",  // 200 × 0.0045
        "2 AGUA 54 COCINA true",  // 200 × 0.27, no warehouse: MASA01's
        "2 MO-MASA 10 COCINA false",  // 200 × 0.05 h, hidden
        "1 PINO01 240 COCINA true",  // 2000 × 0.12
        "2 CARNE 108 FRIO true",  // 240 × 4.5 ÷ 10
        "2 CEBOLLA 120 SECOS true",  // 240 × 5 ÷ 10
        "2 COMINO 0.72 SECOS true",  // 240 × 0.03 ÷ 10
        "2 AJI 1.2 SECOS true",  // 240 × 0.05 ÷ 10
        "2 SAL 1.44 SECOS true",  // 240 × 0.06 ÷ 10
        "2 MO-COCINA 36 COCINA false",  // 240 × 1.5 ÷ 10
        "1 HUEVO 500 FRIO true",  // 2000 × 0.25
        "1 ACEITUNA 2000 SECOS true",  // 2000 × 1
        "1 PASAS 8 SECOS true",  // 2000 × 0.004
        "1 HORNEO 2000 PRODUCCION true",  // support line, the order's warehouse
        "1 MO-EMP 8 PRODUCCION false",  // 2000 × 0.004 h, hidden
      ])
    #expect(rows.allSatisfy { $0.demand == "PP-1" })
    // Level-1 costs add up to the order's cost, labour included:
    // 200 × 1025.574 + 240 × 4849.5 + 500 × 160 + 2000 × 45 + 8 × 6500 + 0 + 8 × 4500
    // = 205114.8 + 1163880 + 80000 + 90000 + 52000 + 0 + 36000 = 1626994.8 = 2000 × 813.4974.
    let total = rows.filter { $0.level == 1 }.reduce(Money.zero) { $0 + ($1.cost ?? .zero) }
    #expect(total == dec("1626994.8"))
    #expect(rows.last?.cost == dec("36000"))
  }

  @Test func empanadaSummaryLeavesOutLabourAndSupport() throws {
    let catalog = try RecipeExamples.catalog()
    let summary = try catalog.summarize([
      OrderLine(product: "EMPHOR", qty: dec("2000"), warehouse: "PRODUCCION")
    ])
    let got = summary.requirements.map { "\($0.component) \($0.warehouse?.raw ?? "-") \($0.qty)" }
    #expect(
      got == [
        "ACEITUNA SECOS 2000",
        "AGUA COCINA 54",
        "AJI SECOS 1.2",
        "CARNE FRIO 108",
        "CEBOLLA SECOS 120",
        "COMINO SECOS 0.72",
        "HARINA SECOS 120",
        "HUEVO FRIO 500",
        "MANTECA FRIO 24",
        "MASA01 COCINA 200",
        "PASAS SECOS 8",
        "PINO01 COCINA 240",
        "SAL SECOS 2.34",  // 0.9 from the dough + 1.44 from the filling
      ])
    // 2.34 kg × 500 = 1170; 200 kg × 1025.574 = 205114.8
    #expect(summary.requirements.last?.cost == dec("1170"))
    #expect(summary.requirements.first { $0.component == "MASA01" }?.cost == dec("205114.8"))
  }

  @Test func bothExampleOrdersTogether() throws {
    let catalog = try RecipeExamples.catalog()
    let orders = [
      OrderLine(id: "1", product: "ARM100", qty: dec("1"), line: 2),
      OrderLine(id: "2", product: "EMPHOR", qty: dec("2000"), warehouse: "PRODUCCION", line: 3),
    ]
    let explosion = try catalog.explode(orders)
    #expect(explosion.rows.count == 6 + 18)
    #expect(explosion.rows.prefix(6).allSatisfy { $0.order == 0 && $0.demand == "1" })
    #expect(explosion.rows.dropFirst(6).allSatisfy { $0.order == 1 && $0.demand == "2" })
    let summary = try catalog.summarize(orders)
    #expect(summary.requirements.count == 5 + 13)
  }

  // MARK: Rules

  @Test func ordersForUnknownProductsOrNegativeQuantitiesAreRejected() throws {
    let catalog = try RecipeExamples.catalog()
    let orders = [
      OrderLine(product: "NOPE", qty: dec("1"), file: "orders.csv", line: 2),
      OrderLine(product: "ARM100", qty: dec("-1"), file: "orders.csv", line: 3),
      OrderLine(product: "ARM100", qty: dec("1"), file: "orders.csv", line: 4),
    ]
    let explosion = try catalog.explode(orders)
    #expect(explosion.rejected.map(\.line) == [2, 3])
    #expect(
      explosion.rejected.map(\.problem) == [
        .unknownProduct("NOPE"), .negativeQty("ARM100", dec("-1")),
      ])
    #expect(explosion.rejected[0].description == "orders.csv:2: product NOPE is not in products")
    #expect(explosion.rows.count == 6)
    #expect(explosion.rows.allSatisfy { $0.order == 2 })
    let summary = try catalog.summarize(orders)
    #expect(summary.rejected.count == 2)
    #expect(summary.requirements.count == 5)
  }

  @Test func aLeafOrderGivesNothing() throws {
    let catalog = try RecipeExamples.catalog()
    #expect(try catalog.explode([OrderLine(product: "BOIS002", qty: dec("5"))]).rows.isEmpty)
    #expect(
      try catalog.summarize([OrderLine(product: "BOIS002", qty: dec("5"))]).requirements.isEmpty)
  }

  /// A diamond A → B → D, A → C → D: D sums both paths (docs/BAD-INPUTS.md #50).
  @Test func diamondSumsBothPaths() throws {
    let catalog = try RecipeCatalog(
      products: [
        recipeProduct("A", .produced), recipeProduct("B", .produced), recipeProduct("C", .produced),
        recipeProduct("D", .raw),
      ],
      lines: [
        bomLine("A", "B", "2"), bomLine("A", "C", "3"), bomLine("B", "D", "5"),
        bomLine("C", "D", "7"),
      ])
    let rows = try catalog.explode([OrderLine(product: "A", qty: dec("1"))]).rows
    #expect(rows.map(\.component) == ["B", "D", "C", "D"])
    #expect(rows.map(\.qty) == ["2", "10", "3", "21"].map(dec))
    let summary = try catalog.summarize([OrderLine(product: "A", qty: dec("1"))])
    // D: 2 × 5 + 3 × 7 = 31
    #expect(summary.requirements.map(\.component) == ["B", "C", "D"])
    #expect(summary.requirements.map(\.qty) == ["2", "3", "31"].map(dec))
    #expect(catalog.lowLevelCode(of: "D") == 2)
    let used = try catalog.whereUsed("D")
    #expect(used.map(\.product) == ["A", "B", "C"])
    #expect(used.map(\.qty) == ["31", "5", "7"].map(dec))
    #expect(used.map(\.direct) == [false, true, true])
  }

  /// Rounding at the tenth decimal, half-up, once per level (SPEC §5.2).
  static let roundingCases: [(String, String, String, String, String, String)] = [
    // (order qty, A→B qty, A→B per, B→C qty, expected B, expected C)
    // 1 ÷ 3 = 0.33333333333… → 0.3333333333; C = 0.3333333333 × 2 = 0.6666666666
    // (rounded per level; rounding 2/3 once would give 0.6666666667).
    ("1", "1", "3", "2", "0.3333333333", "0.6666666666"),
    // 2 ÷ 3 = 0.66666666666… → half-up 0.6666666667; × 3 = 2.0000000001
    ("1", "2", "3", "3", "0.6666666667", "2.0000000001"),
    // 0.0000000005 × 1 ÷ 2 = 0.00000000025 → half-up 0.0000000003; × 1 = 0.0000000003
    ("0.0000000005", "1", "2", "1", "0.0000000003", "0.0000000003"),
    // 7 × 0.0000000001 ÷ 2 = 0.00000000035 → 0.0000000004; × 0.5 = 0.0000000002
    ("7", "0.0000000001", "2", "0.5", "0.0000000004", "0.0000000002"),
    // exact: 3 × 0.17 ÷ 2 = 0.255; × 4 = 1.02
    ("3", "0.17", "2", "4", "0.255", "1.02"),
  ]

  @Test(arguments: roundingCases)
  func roundsOncePerLevel(_ c: (String, String, String, String, String, String)) throws {
    let catalog = try RecipeCatalog(
      products: [
        recipeProduct("A", .produced), recipeProduct("B", .produced), recipeProduct("C", .raw),
      ],
      lines: [bomLine("A", "B", c.1, per: c.2), bomLine("B", "C", c.3)])
    let rows = try catalog.explode([OrderLine(product: "A", qty: dec(c.0))]).rows
    #expect(rows.map(\.qty) == [dec(c.4), dec(c.5)])
    let summary = try catalog.summarize([OrderLine(product: "A", qty: dec(c.0))])
    #expect(summary.requirements.map(\.qty) == [dec(c.4), dec(c.5)])
  }

  @Test func hiddenLinesAndEverythingBelowThemAreNotRequired() throws {
    // A → B (hidden) → C; A → C shown.
    let catalog = try RecipeCatalog(
      products: [
        recipeProduct("A", .produced), recipeProduct("B", .produced),
        recipeProduct("C", .raw, cost: "2"),
      ],
      lines: [bomLine("A", "B", "2", show: false), bomLine("B", "C", "3"), bomLine("A", "C", "1")])
    let rows = try catalog.explode([OrderLine(product: "A", qty: dec("1"))]).rows
    #expect(rows.map(\.component) == ["B", "C", "C"])
    #expect(rows.map(\.show) == [false, false, true])
    // Only the shown C line: 1.
    let summary = try catalog.summarize([OrderLine(product: "A", qty: dec("1"))])
    #expect(summary.requirements.map(\.component) == ["C"])
    #expect(summary.requirements.map(\.qty) == [dec("1")])
    // Cost counts all: B = 3 × 2 = 6; A = 2 × 6 + 1 × 2 = 14.
    #expect(catalog.unitCost(of: "A") == dec("14"))
  }

  @Test func byproductsAreReportedNotRequired() throws {
    // Cutting a board (seed 003, "отходы"): 1 PLANK needs 1.2 BOARD and yields 0.2 OFFCUT.
    let catalog = try RecipeCatalog(
      products: [
        recipeProduct("PLANK", .produced), recipeProduct("BOARD", .raw, unit: "m", cost: "10"),
        recipeProduct("OFFCUT", .produced, unit: "m"), recipeProduct("GLUE", .raw, cost: "1"),
      ],
      lines: [
        bomLine("PLANK", "BOARD", "1.2"), bomLine("PLANK", "OFFCUT", "0.2", kind: .byproduct),
        // OFFCUT has a recipe of its own; a by-product is never walked into.
        bomLine("OFFCUT", "GLUE", "1"),
      ])
    let rows = try catalog.explode([OrderLine(product: "PLANK", qty: dec("5"))]).rows
    #expect(rows.map(\.component) == ["BOARD", "OFFCUT"])
    #expect(rows.map(\.kind) == [.component, .byproduct])
    #expect(rows.map(\.qty) == ["6", "1"].map(dec))  // 5 × 1.2, 5 × 0.2
    #expect(rows.map(\.cost) == [dec("60"), nil])
    let summary = try catalog.summarize([OrderLine(product: "PLANK", qty: dec("5"))])
    #expect(summary.requirements.map(\.component) == ["BOARD"])
    #expect(summary.byproducts.map(\.component) == ["OFFCUT"])
    #expect(summary.byproducts.map(\.qty) == [dec("1")])
    // Cost: 1.2 × 10; the by-product adds nothing.
    #expect(catalog.unitCost(of: "PLANK") == dec("12"))
    // Where-used follows requirements only.
    #expect(try catalog.whereUsed("OFFCUT").isEmpty)
  }

  @Test func warehousesComeFromTheLineElseTheParent() throws {
    let catalog = try RecipeCatalog(
      products: [
        recipeProduct("A", .produced), recipeProduct("B", .produced), recipeProduct("C", .raw),
        recipeProduct("D", .raw),
      ],
      lines: [
        bomLine("A", "B", "1", warehouse: "W1"), bomLine("A", "C", "1"),
        bomLine("B", "C", "1"), bomLine("B", "D", "1", warehouse: "W2"),
      ])
    let orders = [
      OrderLine(product: "A", qty: dec("1"), warehouse: "W0"),
      OrderLine(product: "A", qty: dec("2")),
    ]
    let rows = try catalog.explode(orders).rows
    #expect(
      rows.map { $0.warehouse?.raw ?? "-" } == ["W1", "W1", "W2", "W0", "W1", "W1", "W2", "-"])
    let summary = try catalog.summarize(orders)
    let got = summary.requirements.map { "\($0.component) \($0.warehouse?.raw ?? "-") \($0.qty)" }
    // B: 1 + 2 in W1. C directly under A: 1 in W0 (order 1) and 2 with no warehouse
    // (order 2); C under B takes B's W1: 1 + 2. D: 1 + 2 in W2.
    #expect(got == ["B W1 3", "C - 2", "C W0 1", "C W1 3", "D W2 3"])
    let byLevels = try catalog.summarize(orders, levels: 5)
    #expect(byLevels.requirements == summary.requirements)
  }

  @Test func supportLinesAreListedButNeverSummed() throws {
    let catalog = try RecipeExamples.catalog()
    let rows = try catalog.explode([OrderLine(product: "EMPHOR", qty: dec("10"))]).rows
    #expect(rows.contains { $0.component == "HORNEO" })
    let summary = try catalog.summarize([OrderLine(product: "EMPHOR", qty: dec("10"))])
    #expect(!summary.requirements.contains { $0.component == "HORNEO" })
  }

  @Test func linesAreOrderedByPos() throws {
    // Lines without pos take their ordinal place: X (1), Y (pos 0), Z (3) → Y, X, Z.
    let catalog = try RecipeCatalog(
      products: [
        recipeProduct("A", .produced), recipeProduct("X", .raw), recipeProduct("Y", .raw),
        recipeProduct("Z", .raw),
      ],
      lines: [bomLine("A", "X", "1"), bomLine("A", "Y", "1", pos: 0), bomLine("A", "Z", "1")])
    #expect(catalog.recipe(of: "A").map(\.component) == ["Y", "X", "Z"])
    #expect(
      try catalog.explode([OrderLine(product: "A", qty: dec("1"))]).rows.map(\.component) == [
        "Y", "X", "Z",
      ])
  }

  /// A recipe 2,000 levels deep (docs/BAD-INPUTS.md #51): explosion, summary, costs and
  /// where-used walk it without recursion.
  @Test func twoThousandLevelChain() throws {
    let depth = 2000
    var products = (0..<depth).map { recipeProduct(ProductCode("P\($0)"), .produced) }
    products.append(recipeProduct(ProductCode("P\(depth)"), .raw, cost: "3"))
    let lines = (0..<depth).map { bomLine(ProductCode("P\($0)"), ProductCode("P\($0 + 1)"), "1") }
    let catalog = try RecipeCatalog(products: products, lines: lines)
    #expect(catalog.lowLevelCode(of: ProductCode("P\(depth)")) == depth)
    let explosion = try catalog.explode([OrderLine(product: "P0", qty: dec("2"))])
    #expect(explosion.rows.count == depth)
    #expect(explosion.rows.last?.level == depth)
    #expect(explosion.rows.last?.qty == dec("2"))
    #expect(explosion.path(of: depth - 1).count == depth + 1)
    // The joined paths, built level by level, are the paths row by row.
    explosion.forEachPath(joinedBy: "/") { i, path in
      if i % 250 == 0 || i == depth - 1 { #expect(path == explosion.path(of: i).map(\.raw).joined(separator: "/")) }
    }
    let summary = try catalog.summarize([OrderLine(product: "P0", qty: dec("2"))])
    #expect(summary.requirements.count == depth)
    #expect(summary.requirements.allSatisfy { $0.qty == dec("2") })
    #expect(catalog.unitCost(of: "P0") == dec("3"))
    let used = try catalog.whereUsed(ProductCode("P\(depth)"))
    #expect(used.count == depth)
    #expect(used.allSatisfy { $0.qty == dec("1") })
    let limited = try catalog.explode([OrderLine(product: "P0", qty: dec("1"))], levels: 7)
    #expect(limited.rows.count == 7)
    #expect(
      try catalog.summarize([OrderLine(product: "P0", qty: dec("1"))], levels: 7).requirements.count
        == 7)
  }

  /// A ladder of 60 levels, two products per level, each using both products of
  /// the next level: 2⁵⁹ paths reach the bottom. The summary and where-used never
  /// enumerate paths, so they finish at once.
  @Test func massiveSharingIsSummedWithoutEnumeratingPaths() throws {
    let depth = 60
    func code(_ level: Int, _ side: String) -> ProductCode { ProductCode("L\(level)\(side)") }
    var products = [recipeProduct(code(0, "a"), .produced)]
    var lines = [
      bomLine(code(0, "a"), code(1, "a"), "1"), bomLine(code(0, "a"), code(1, "b"), "1"),
    ]
    for level in 1..<depth {
      for side in ["a", "b"] {
        products.append(recipeProduct(code(level, side), .produced))
        lines.append(bomLine(code(level, side), code(level + 1, "a"), "1"))
        lines.append(bomLine(code(level, side), code(level + 1, "b"), "1"))
      }
    }
    products += [recipeProduct(code(depth, "a"), .raw), recipeProduct(code(depth, "b"), .raw)]
    let catalog = try RecipeCatalog(products: products, lines: lines)
    let summary = try catalog.summarize([OrderLine(product: code(0, "a"), qty: dec("1"))])
    // Level k (k ≥ 1) is reached by 2^(k-1) paths, each needing 1.
    var power = Int128(1)
    var expected: [ProductCode: ExactDecimal] = [:]
    for level in 1...depth {
      expected[code(level, "a")] = ExactDecimal(raw: power * ExactDecimal.one)
      expected[code(level, "b")] = ExactDecimal(raw: power * ExactDecimal.one)
      power *= 2
    }
    #expect(
      Dictionary(uniqueKeysWithValues: summary.requirements.map { ($0.component, $0.qty) })
        == expected)
    // One L0a contains 2^59 L60a.
    let used = try catalog.whereUsed(code(depth, "a"))
    #expect(
      used.first { $0.product == code(0, "a") }?.qty
        == ExactDecimal(raw: (Int128(1) << 59) * ExactDecimal.one))
    #expect(used.count == 1 + 2 * (depth - 1))
  }

  @Test func levelsZeroGivesNothing() throws {
    let catalog = try RecipeExamples.catalog()
    #expect(
      try catalog.explode([OrderLine(product: "ARM100", qty: dec("1"))], levels: 0).rows.isEmpty)
    #expect(
      try catalog.summarize([OrderLine(product: "ARM100", qty: dec("1"))], levels: 0).requirements
        .isEmpty)
  }

  @Test func overflowNamesTheLine() throws {
    let catalog = try RecipeCatalog(
      products: [
        recipeProduct("A", .produced), recipeProduct("B", .produced), recipeProduct("C", .raw),
      ],
      lines: [
        bomLine("A", "B", "999999999999999999", line: 2),
        bomLine("B", "C", "999999999999999999", line: 3),
      ])
    #expect(throws: RecipeError.overflow(parent: "B", component: "C", file: "", line: 3)) {
      try catalog.explode([OrderLine(product: "A", qty: dec("1000"))])
    }
  }
}
