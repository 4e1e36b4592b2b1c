import Testing

@testable import TallerCore

/// Properties on seeded random recipe structures (STYLE.md "Properties"):
/// the explosion equals a naive recursive model, the summary equals the sum over
/// paths, and where-used inverts the explosion.
struct RecipesPropertyTests {
  /// A random acyclic catalogue: products in 6 layers, lines only from a layer to a
  /// deeper one (so no path has more than 5 lines), with shared components,
  /// hidden lines, warehouses, support leaves and by-products.
  ///
  /// Quantities are drawn from {1, 2, 3, 5, 0.5, 1.5, 0.2} and per from {1, 2, 5}:
  /// each level adds at most two decimals, so no path needs more than 10 and no
  /// rounding happens — the naive model below can then compare exactly.
  struct RandomCatalogue {
    var products: [Product] = []
    var lines: [RecipeLine] = []
    var orders: [OrderLine] = []

    init(seed: UInt64) {
      var rng = SplitMix64(seed: seed)
      let layers = 6
      var layerOf: [ProductCode: Int] = [:]
      var byLayer: [[ProductCode]] = Array(repeating: [], count: layers)
      var count = 0
      for layer in 0..<layers {
        for _ in 0..<Int.random(in: 2...6, using: &rng) {
          let code = ProductCode("N\(count)")
          count += 1
          layerOf[code] = layer
          byLayer[layer].append(code)
        }
      }
      let quantities = ["1", "2", "3", "5", "0.5", "1.5", "0.2"]
      let pers = ["1", "2", "5"]
      let warehouses: [Warehouse?] = [nil, "W1", "W2"]
      var hasLines: Set<ProductCode> = []
      var lineNo = 2
      for layer in 0..<(layers - 1) {
        for parent in byLayer[layer] where Int.random(in: 0..<5, using: &rng) > 0 {
          for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let target = Int.random(in: (layer + 1)..<layers, using: &rng)
            let component = byLayer[target].randomElement(using: &rng)!
            let kind: RecipeLineKind =
              Int.random(in: 0..<20, using: &rng) == 0 ? .byproduct : .component
            lines.append(
              RecipeLine(
                parent: parent, component: component,
                qty: dec(quantities.randomElement(using: &rng)!),
                per: dec(pers.randomElement(using: &rng)!),
                show: Int.random(in: 0..<8, using: &rng) > 0,
                pos: 1, warehouse: warehouses.randomElement(using: &rng)!, kind: kind, line: lineNo)
            )
            lineNo += 1
            if kind == .component { hasLines.insert(parent) }
          }
        }
      }
      for layer in 0..<layers {
        for code in byLayer[layer] {
          let type: ProductType
          if hasLines.contains(code) {
            type = .produced
          } else {
            type = [ProductType.raw, .raw, .raw, .support, .kit].randomElement(using: &rng)!
          }
          products.append(
            Product(
              code: code, type: type, replacementCost: dec("\(Int.random(in: 1...9, using: &rng))"))
          )
        }
      }
      // Products that only have by-product lines would be raw with lines: make them kits.
      let parents = Set(lines.map(\.parent))
      for i in products.indices
      where parents.contains(products[i].code) && !hasLines.contains(products[i].code) {
        products[i].type = .kit
      }
      for i in 0..<Int.random(in: 1...4, using: &rng) {
        let top = byLayer[Int.random(in: 0..<2, using: &rng)].randomElement(using: &rng)!
        orders.append(
          OrderLine(
            id: "O\(i)", product: top, qty: dec("\(Int.random(in: 1...20, using: &rng))"),
            warehouse: [nil, Warehouse("W1")].randomElement(using: &rng)!))
      }
      _ = layerOf
    }
  }

  /// The naive model: every path, recursively (the catalogues here are shallow),
  /// as (component, warehouse, qty, shown, kind, type of component).
  struct NaiveRow: Equatable {
    var component: ProductCode
    var warehouse: Warehouse?
    var qty: ExactDecimal
    var show: Bool
    var kind: RecipeLineKind
  }

  static func naive(
    _ product: ProductCode, _ qty: ExactDecimal, _ warehouse: Warehouse?, _ show: Bool,
    recipes: [ProductCode: [RecipeLine]], into out: inout [NaiveRow]
  ) {
    for line in recipes[product] ?? [] {
      // parent qty × line qty ÷ per, in two exact steps (no rounding happens here).
      let q = try! qty.multiplied(by: line.qty).divided(by: line.per)
      let w = line.warehouse ?? warehouse
      let s = show && line.show
      out.append(
        NaiveRow(component: line.component, warehouse: w, qty: q, show: s, kind: line.kind))
      if line.kind == .component {
        naive(line.component, q, w, s, recipes: recipes, into: &out)
      }
    }
  }

  static func recipes(_ lines: [RecipeLine]) -> [ProductCode: [RecipeLine]] {
    Dictionary(grouping: lines, by: \.parent)  // every pos is 1: input order kept
  }

  struct Key: Hashable {
    var component: ProductCode
    var warehouse: Warehouse?
  }

  @Test(arguments: 0..<60)
  func explosionAndSummaryAgreeWithTheNaiveModel(seed: Int) throws {
    let random = RandomCatalogue(seed: UInt64(seed) &* 7919 &+ 17)
    let catalog = try RecipeCatalog(products: random.products, lines: random.lines)
    let recipes = Self.recipes(random.lines)
    let types = Dictionary(uniqueKeysWithValues: random.products.map { ($0.code, $0.type) })

    var naiveRows: [NaiveRow] = []
    for order in random.orders {
      Self.naive(
        order.product, order.qty, order.warehouse, true, recipes: recipes, into: &naiveRows)
    }
    let explosion = try catalog.explode(random.orders)
    #expect(
      explosion.rows.map {
        NaiveRow(
          component: $0.component, warehouse: $0.warehouse, qty: $0.qty, show: $0.show,
          kind: $0.kind)
      }
        == naiveRows)

    var required: [Key: ExactDecimal] = [:]
    var outputs: [Key: ExactDecimal] = [:]
    for row in naiveRows where row.show {
      let key = Key(component: row.component, warehouse: row.warehouse)
      if row.kind == .byproduct {
        outputs[key, default: .zero] += row.qty
      } else if types[row.component] != .support {
        required[key, default: .zero] += row.qty
      }
    }
    let summary = try catalog.summarize(random.orders)
    let gotRequired = Dictionary(
      uniqueKeysWithValues: summary.requirements.map {
        (Key(component: $0.component, warehouse: $0.warehouse), $0.qty)
      })
    let gotOutputs = Dictionary(
      uniqueKeysWithValues: summary.byproducts.map {
        (Key(component: $0.component, warehouse: $0.warehouse), $0.qty)
      })
    #expect(gotRequired == required)
    #expect(gotOutputs == outputs)
    // Walking level by level as deep as the structure goes gives the same.
    #expect(try catalog.summarize(random.orders, levels: 6) == summary)
  }

  @Test(arguments: 0..<60)
  func levelLimitedSummaryAgreesWithTheNaiveModel(seed: Int) throws {
    let random = RandomCatalogue(seed: UInt64(seed) &* 104_729 &+ 3)
    let catalog = try RecipeCatalog(products: random.products, lines: random.lines)
    let levels = seed % 3 + 1
    let explosion = try catalog.explode(random.orders, levels: levels)
    #expect(explosion.rows.allSatisfy { $0.level <= levels })
    var required: [Key: ExactDecimal] = [:]
    for row in explosion.rows
    where row.show && row.kind == .component && catalog.product(row.component)?.type != .support {
      required[Key(component: row.component, warehouse: row.warehouse), default: .zero] += row.qty
    }
    let summary = try catalog.summarize(random.orders, levels: levels)
    let got = Dictionary(
      uniqueKeysWithValues: summary.requirements.map {
        (Key(component: $0.component, warehouse: $0.warehouse), $0.qty)
      })
    #expect(got == required)
    // And the full explosion cut at `levels` is the limited one.
    let full = try catalog.explode(random.orders)
    #expect(full.rows.filter { $0.level <= levels }.map(\.qty) == explosion.rows.map(\.qty))
  }

  @Test(arguments: 0..<60)
  func whereUsedInvertsTheExplosion(seed: Int) throws {
    let random = RandomCatalogue(seed: UInt64(seed) &* 31 &+ 5)
    let catalog = try RecipeCatalog(products: random.products, lines: random.lines)
    // For each product P, what one unit of P contains of each code, over all
    // component rows of its explosion (shown or not).
    var contains: [ProductCode: [ProductCode: ExactDecimal]] = [:]
    for p in random.products {
      for row in try catalog.explode([OrderLine(product: p.code, qty: dec("1"))]).rows
      where row.kind == .component {
        contains[p.code, default: [:]][row.component, default: .zero] += row.qty
      }
    }
    for x in random.products {
      let used = try catalog.whereUsed(x.code)
      var expected: [ProductCode: ExactDecimal] = [:]
      for (p, amounts) in contains { if let q = amounts[x.code] { expected[p] = q } }
      #expect(Dictionary(uniqueKeysWithValues: used.map { ($0.product, $0.qty) }) == expected)
      let directParents = Set(
        random.lines.filter { $0.component == x.code && $0.kind == .component }.map(\.parent))
      #expect(Set(used.filter(\.direct).map(\.product)) == directParents)
    }
  }
}
