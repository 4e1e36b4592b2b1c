/// A product that needs the code asked about (SPEC §5.2 `--where-used`).
public struct WhereUsedRow: Sendable, Equatable {
  public var product: ProductCode
  public var type: ProductType
  /// Quantity of the code in one unit of `product`, over every path.
  public var qty: Quantity
  /// True when `product`'s own recipe has a line for the code.
  public var direct: Bool
}

/// The catalogue read upwards: for each product, the component lines that use
/// it. Built on demand (one pass over the lines), as only `--where-used` needs it.
public struct RecipeUsage: Sendable {
  let catalog: RecipeCatalog
  /// Component lines that use product p: `lines[start[p] ..< start[p + 1]]`
  /// (positions, in recipe order).
  let start: [Int]
  let lines: [Int]

  init(_ catalog: RecipeCatalog) {
    self.catalog = catalog
    let n = catalog.products.count
    let positions = catalog.lineComponent.count
    var start = [Int](repeating: 0, count: n + 1)
    for e in 0..<positions where catalog.lineIsComponent[e] { start[catalog.lineComponent[e] + 1] += 1 }
    for p in 0..<n { start[p + 1] += start[p] }
    var lines = [Int](repeating: 0, count: start[n])
    var fill = start
    for e in 0..<positions where catalog.lineIsComponent[e] {
      lines[fill[catalog.lineComponent[e]]] = e
      fill[catalog.lineComponent[e]] += 1
    }
    self.start = start
    self.lines = lines
  }

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
    let c = catalog
    guard let x = c.productNumber(code) else { throw .unknownProduct(code) }
    var need: [Int: Quantity] = [x: Quantity(1)]
    var direct: Set<Int> = []
    var atLevel = [[Int]](repeating: [], count: c.lowLevelCodes[x] + 1)
    atLevel[c.lowLevelCodes[x]].append(x)
    var k = c.lowLevelCodes[x]
    while k >= 0 {
      for p in atLevel[k] {
        let q = need[p] ?? .zero
        for e in lines[start[p]..<start[p + 1]] {
          let parent = c.lineParent[e]
          let share = try c.quantity(q, line: e)
          if need[parent] == nil {
            atLevel[c.lowLevelCodes[parent]].append(parent)
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
        product: c.products[p].code, type: c.products[p].type, qty: q, direct: direct.contains(p))
    }.sorted { $0.product < $1.product }
  }
}

extension RecipeCatalog {
  /// The index `whereUsed` walks; build it once to ask about many codes.
  public func usage() -> RecipeUsage { RecipeUsage(self) }

  /// Every product that needs `code` (see `RecipeUsage.whereUsed(_:)`); builds
  /// the usage index for this one question.
  public func whereUsed(_ code: ProductCode) throws(RecipeError) -> [WhereUsedRow] {
    try usage().whereUsed(code)
  }
}
