/// Where a unit cost comes from.
public enum CostSource: String, Sendable {
  /// The product's replacement cost (raw products, and kits or support products
  /// without a recipe).
  case replacementCost
  /// The sum of its recipe's lines.
  case recipe
}

/// One line of a product's cost: a component line of its recipe.
public struct CostLine: Sendable, Equatable {
  public var component: ProductCode
  /// Component quantity per one unit of the product (line qty ÷ per).
  public var qtyPer: Quantity
  public var componentUnitCost: Money
  /// componentUnitCost × line qty ÷ per, rounded once at the tenth.
  public var cost: Money
  /// Shown in documents; hidden lines (labour) count in cost all the same.
  public var show: Bool
  public var bomFile: String
  public var bomLine: Int
}

/// The rolled-up cost of one unit of a product (SPEC §5.2 `--costs`).
public struct CostRow: Sendable, Equatable {
  public var product: ProductCode
  public var type: ProductType
  public var unit: String
  /// Sum of `lines[].cost` for a recipe; the replacement cost (0 when missing) otherwise.
  public var unitCost: Money
  public var source: CostSource
  /// False when some product without a recipe at or below it has no replacement cost.
  public var isComplete: Bool
  /// The recipe's component lines (empty for a replacement cost), by pos.
  public var lines: [CostLine]
}

extension RecipeCatalog {
  /// Cost of one unit of every product, in catalogue order.
  ///
  /// Products without a recipe cost their replacement cost; products with one
  /// (produced, compound, and kits or support products that have lines) cost the
  /// sum of all their component lines, shown or not (labour and machine hours
  /// count), each `component unit cost × qty ÷ per` rounded once at the tenth.
  /// Rolled up bottom-up by low-level code when the catalogue was built.
  /// By-product lines add nothing.
  public func costs() -> [CostRow] {
    products.indices.map(costRow)
  }

  /// The cost row of one product.
  public func cost(of code: ProductCode) -> CostRow? {
    productNumber(code).map(costRow)
  }

  func costRow(_ p: Int) -> CostRow {
    let product = products[p]
    guard hasRecipe[p] else {
      return CostRow(
        product: product.code, type: product.type, unit: product.unit, unitCost: unitCosts[p],
        source: .replacementCost, isComplete: costIsComplete[p], lines: [])
    }
    var lines: [CostLine] = []
    for e in recipeStart[p]..<recipeStart[p + 1] where lineIsComponent[e] {
      let l = line(e)
      let c = lineComponent[e]
      // Cannot overflow: the same products were formed when the catalogue was built.
      let cost = (try? unitCosts[c].scaled(by: l.qty, per: l.per)) ?? .zero
      lines.append(
        CostLine(
          component: l.component, qtyPer: lineQtyPer[e], componentUnitCost: unitCosts[c],
          cost: cost,
          show: l.show, bomFile: l.file, bomLine: l.line))
    }
    return CostRow(
      product: product.code, type: product.type, unit: product.unit, unitCost: unitCosts[p],
      source: .recipe, isComplete: costIsComplete[p], lines: lines)
  }
}
