/// A product and the independent tree it belongs to (`explode-bom --trees`).
public struct ProductTreeRow: Sendable, Equatable {
  public var product: ProductCode
  /// The tree's label: its smallest top-level product (one no recipe line names), or
  /// its smallest product when every product of it is named by a line (a loop of
  /// by-products).
  public var tree: ProductCode
  /// The product's low-level code (see `lowLevelCode`; by-product lines do not count).
  public var level: Int
}

extension RecipeCatalog {
  /// Every product with its independent tree: the connected component of the recipe
  /// graph (a recipe line, component or by-product, links its parent and its
  /// component, whichever way), in catalogue order.
  ///
  /// No recipe line crosses from one tree to another, so what is planned for a
  /// tree's demands depends on that tree's products alone: demands split by tree and
  /// planned apart give the plan of all of them.
  public func trees() -> [ProductTreeRow] {
    let n = products.count
    var parent = Array(0..<n)
    func root(_ i: Int) -> Int {
      var r = i
      while parent[r] != r { r = parent[r] }
      var j = i
      while parent[j] != r { (j, parent[j]) = (parent[j], r) }
      return r
    }
    var named = [Bool](repeating: false, count: n)
    for (p, product) in products.enumerated() {
      for line in recipe(of: product.code) {
        guard let c = productNumber(line.component) else { continue }
        named[c] = true
        let (a, b) = (root(p), root(c))
        if a != b { parent[max(a, b)] = min(a, b) }
      }
    }
    // Per component: the smallest top-level code, else the smallest code.
    var top: [Int: ProductCode] = [:]
    var any: [Int: ProductCode] = [:]
    for (i, product) in products.enumerated() {
      let r = root(i)
      if any[r].map({ product.code < $0 }) ?? true { any[r] = product.code }
      if !named[i], top[r].map({ product.code < $0 }) ?? true { top[r] = product.code }
    }
    return products.enumerated().map { i, product in
      let r = root(i)
      return ProductTreeRow(product: product.code, tree: top[r] ?? any[r]!, level: lowLevelCode(of: product.code) ?? 0)
    }
  }
}
