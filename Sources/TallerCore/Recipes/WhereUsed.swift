/// A product that needs the code asked about (SPEC §5.2 `--where-used`).
public struct WhereUsedRow: Sendable, Equatable {
  public var product: ProductCode
  public var type: ProductType
  /// Quantity of the code in one unit of `product`, over every path.
  public var qty: Quantity
  /// True when `product`'s own recipe has a line for the code.
  public var direct: Bool
}

extension RecipeCatalog {
  /// Every product that needs `code`, directly or through others, with the
  /// quantity of `code` in one unit of it: the explosion inverted.
  ///
  /// Walks the recipe structure upwards by low-level code, deepest first: when a
  /// product's turn comes, every component that leads to `code` has already added
  /// its share, so its quantity is complete and is pushed to its parents once
  /// (`quantity × line qty ÷ per`, rounded half-up at the tenth once per push).
  /// Every component line counts, shown or not (a labour code is used where its
  /// hours are); by-product lines do not. Rows by product code.
  /// - Throws: `RecipeError.unknownProduct` when the code is not in the catalogue.
  public func whereUsed(_ code: ProductCode) throws(RecipeError) -> [WhereUsedRow] {
    guard let x = index.number(of: code) else { throw .unknownProduct(code) }
    var need: [Int: Quantity] = [x: Quantity(1)]
    var direct: Set<Int> = []
    var atLevel = [[Int]](repeating: [], count: lowLevelCodes[x] + 1)
    atLevel[lowLevelCodes[x]].append(x)
    var k = lowLevelCodes[x]
    while k >= 0 {
      for p in atLevel[k] {
        let q = need[p] ?? .zero
        for e in usedLines[usedStart[p]..<usedStart[p + 1]] {
          let parent = lineParent[e]
          let share = try quantity(q, line: e)
          if need[parent] == nil {
            atLevel[lowLevelCodes[parent]].append(parent)
            need[parent] = share
          } else {
            need[parent, default: .zero] += share
          }
          if p == x { direct.insert(parent) }
        }
      }
      k -= 1
    }
    need[x] = nil
    return need.map { p, q in
      WhereUsedRow(
        product: products[p].code, type: products[p].type, qty: q, direct: direct.contains(p))
    }.sorted { $0.product < $1.product }
  }
}
