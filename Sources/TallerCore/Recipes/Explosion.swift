/// One requirement of an explosion (SPEC §5.2 output row).
public struct ExplosionRow: Sendable, Equatable {
  /// The order's id.
  public var demand: String
  /// Position of the order in the list given to `explode`.
  public var order: Int
  /// 1 for the ordered product's direct components, 2 for theirs, …
  public var level: Int
  /// The row of the parent requirement (nil at level 1); `Explosion.path(of:)`
  /// follows these back to the ordered product.
  public var parentRow: Int?
  public var parent: ProductCode
  public var component: ProductCode
  /// Component quantity per one unit of the parent (line qty ÷ per).
  public var qtyPer: Quantity
  /// parent quantity × line qty ÷ per, rounded half-up at the tenth once per level.
  public var qty: Quantity
  /// The component's unit.
  public var unit: String
  /// The line's warehouse, else the parent requirement's (the order's at level 1).
  public var warehouse: Warehouse?
  /// False when this line or one above it is not shown (labour, machine hours):
  /// such rows count in cost, not in material requirements.
  public var show: Bool
  /// `byproduct` rows are outputs: reported, never required, never exploded.
  public var kind: RecipeLineKind
  /// qty × the component's rolled-up unit cost (nil for by-products, which are
  /// outputs). Rows of all levels are listed, so add level-1 rows for an order's cost.
  public var cost: Money?
  /// The recipe line it comes from.
  public var bomFile: String
  public var bomLine: Int
}

/// The rows of an explosion, with the orders that were refused.
public struct Explosion: Sendable, Equatable {
  /// Depth-first: each row is followed by the rows of its own recipe, orders in
  /// the order given, lines by pos.
  public var rows: [ExplosionRow]
  /// Orders refused: unknown product, negative quantity (docs/BAD-INPUTS.md #42, #31).
  public var rejected: [RecipeFinding]

  /// The codes from the ordered product down to the row's component
  /// (`ARM100`, `PANLAT`, `BOIS002`).
  public func path(of row: Int) -> [ProductCode] {
    var codes: [ProductCode] = []
    var r: Int? = row
    while let i = r {
      codes.append(rows[i].component)
      if rows[i].parentRow == nil { codes.append(rows[i].parent) }
      r = rows[i].parentRow
    }
    return codes.reversed()
  }

  /// Each row's path (`path(of:)`) as text, its codes joined by `separator`, in
  /// row order. Rows are depth first, so the parent of a row at level k is the
  /// latest row at level k − 1: each level's path is kept and extended by one
  /// code, not rebuilt from the ordered product (a chain 2,000 levels deep would
  /// otherwise walk 2,000 rows per row).
  public func forEachPath<E: Error>(joinedBy separator: String, _ body: (Int, String) throws(E) -> Void) throws(E) {
    // path[k] is the text of the latest row at level k + 1, and pathRow[k] that row.
    var path: [String] = []
    var pathRow: [Int] = []
    for i in rows.indices {
      let row = rows[i]
      let k = row.level - 1
      let text: String
      if row.parentRow == nil {
        text = row.parent.raw + separator + row.component.raw
      } else if k >= 1 && k <= pathRow.count && pathRow[k - 1] == row.parentRow {
        text = path[k - 1] + separator + row.component.raw
      } else {  // rows not in the order `explode` gives them
        text = self.path(of: i).map(\.raw).joined(separator: separator)
      }
      while path.count <= k {
        path.append("")
        pathRow.append(-1)
      }
      path[k] = text
      pathRow[k] = i
      try body(i, text)
    }
  }
}

extension RecipeCatalog {
  /// The requirements of making the orders, one row per recipe line reached.
  ///
  /// A line written for `per` units of its parent needs `parent qty × qty ÷ per`,
  /// rounded half-up at the tenth decimal once per level. The walk goes down to
  /// the leaves (products without a recipe), or `levels` deep: `levels: 1` is the
  /// document view of seed 002 (direct components only). Lines with `show` false
  /// are listed with `show` false and so is everything below them. By-product
  /// lines are listed and not walked into. The walk uses an explicit stack.
  ///
  /// The number of rows is the number of paths in the recipe structure; to sum
  /// requirements use `summarize(_:levels:)`, which never enumerates paths.
  /// - Throws: `RecipeError.overflow` naming the recipe line.
  public func explode(_ orders: [OrderLine], levels: Int? = nil) throws(RecipeError) -> Explosion {
    let (accepted, rejected) = accept(orders)
    var rows: [ExplosionRow] = []
    struct Frame {
      var product: Int
      var qty: Quantity
      var warehouse: Warehouse?
      var show: Bool
      var level: Int
      var row: Int?
      var cursor: Int
    }
    var stack: [Frame] = []
    for (o, p) in accepted {
      let order = orders[o]
      if let levels, levels < 1 { continue }
      stack.append(
        Frame(
          product: p, qty: order.qty, warehouse: order.warehouse, show: true, level: 0, row: nil,
          cursor: recipeStart[p]))
      while let top = stack.last {
        let e = top.cursor
        guard e < recipeStart[top.product + 1] else {
          stack.removeLast()
          continue
        }
        stack[stack.count - 1].cursor = e + 1
        let line = self.line(e)
        let c = lineComponent[e]
        let qty = try quantity(top.qty, line: e)
        let warehouse = line.warehouse ?? top.warehouse
        let show = top.show && line.show
        let isComponent = line.kind == .component
        rows.append(
          ExplosionRow(
            demand: order.id, order: o, level: top.level + 1, parentRow: top.row,
            parent: line.parent, component: line.component, qtyPer: lineQtyPer[e], qty: qty,
            unit: products[c].unit, warehouse: warehouse, show: show, kind: line.kind,
            cost: isComponent ? try cost(qty, line: e) : nil, bomFile: line.file, bomLine: line.line
          ))
        if isComponent && hasLines[c] && (levels.map { top.level + 1 < $0 } ?? true) {
          stack.append(
            Frame(
              product: c, qty: qty, warehouse: warehouse, show: show, level: top.level + 1,
              row: rows.count - 1, cursor: recipeStart[c]))
        }
      }
    }
    return Explosion(rows: rows, rejected: rejected)
  }
}
