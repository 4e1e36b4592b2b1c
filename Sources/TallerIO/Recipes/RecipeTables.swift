import TallerCore

/// The tables of explode-bom: the core's results as rows of typed cells, in the
/// column order each documents. Row order is the core's (see each result type).
public enum RecipeTables {
  // MARK: - Explosion

  /// SPEC §5.2, then `kind` (`component`, or `byproduct` for an output).
  public static let explosionColumns = [
    "demand", "level", "path", "parent", "component", "qty_per", "qty", "unit", "warehouse", "show",
    "cost", "kind",
  ]

  /// One row per requirement, depth first. `path` is the codes from the ordered
  /// product down to the component, joined by `/` (`Explosion.forEachPath`).
  public static func write(_ explosion: Explosion, to table: TableWriter) throws(OutputError) {
    try explosion.forEachPath(joinedBy: "/") { (i, path) throws(OutputError) in
      let row = explosion.rows[i]
      table.text(row.demand)
      table.int(row.level)
      table.text(path)
      table.text(row.parent.raw)
      table.text(row.component.raw)
      table.number(row.qtyPer)
      table.number(row.qty)
      table.optionalText(row.unit)
      table.optionalText(row.warehouse?.raw)
      table.bool(row.show)
      if let cost = row.cost { table.number(cost) } else { table.empty() }
      table.text(row.kind.rawValue)
      try table.endRow()
    }
  }

  // MARK: - Summary

  public static let summaryColumns = ["component", "warehouse", "qty", "unit", "cost", "kind"]

  /// Requirements by component code then warehouse (none first), then the
  /// by-products the orders yield (`kind` byproduct, no cost), in the same order.
  public static func write(_ summary: RequirementSummary, to table: TableWriter) throws(OutputError) {
    for row in summary.requirements {
      table.text(row.component.raw)
      table.optionalText(row.warehouse?.raw)
      table.number(row.qty)
      table.optionalText(row.unit)
      if let cost = row.cost { table.number(cost) } else { table.empty() }
      table.text(RecipeLineKind.component.rawValue)
      try table.endRow()
    }
    for row in summary.byproducts {
      table.text(row.component.raw)
      table.optionalText(row.warehouse?.raw)
      table.number(row.qty)
      table.optionalText(row.unit)
      table.empty()
      table.text(RecipeLineKind.byproduct.rawValue)
      try table.endRow()
    }
  }

  // MARK: - Costs

  public static let treeColumns = ["product", "tree", "level"]

  /// One row per product, in catalogue order: its tree and low-level code.
  public static func write(trees: [ProductTreeRow], to table: TableWriter) throws(OutputError) {
    for row in trees {
      try table.write([.text(row.product.raw), .text(row.tree.raw), .int(row.level)])
    }
  }

  public static let costColumns = [
    "product", "type", "unit", "unit_cost", "source", "shown_cost", "hidden_cost", "lines", "complete",
  ]

  /// One row per product, in catalogue order: the unit cost, where it comes from
  /// (`replacement_cost` or `recipe`), and for a recipe its split between shown
  /// lines (materials, intermediates) and hidden ones (labour, machine hours),
  /// which add up to the unit cost, with the number of component lines.
  public static func write(costs: [CostRow], to table: TableWriter) throws(OutputError) {
    for row in costs {
      var shown: Cell = .empty
      var hidden: Cell = .empty
      if row.source == .recipe {
        var s = Money.zero
        var h = Money.zero
        for line in row.lines {
          if line.show { s += line.cost } else { h += line.cost }
        }
        shown = .number(s)
        hidden = .number(h)
      }
      try table.write([
        .text(row.product.raw), .text(row.type.rawValue), optional(row.unit), .number(row.unitCost),
        .text(row.source == .recipe ? "recipe" : "replacement_cost"), shown, hidden,
        .int(row.lines.count), .bool(row.isComplete),
      ])
    }
  }

  // MARK: - Where used

  public static let whereUsedColumns = ["code", "product", "type", "qty", "direct"]

  /// The products that need `code`, by product code.
  public static func write(whereUsed rows: [WhereUsedRow], code: ProductCode, to table: TableWriter)
    throws(OutputError)
  {
    for row in rows {
      try table.write([
        .text(code.raw), .text(row.product.raw), .text(row.type.rawValue), .number(row.qty),
        .bool(row.direct),
      ])
    }
  }

  // MARK: - Component sheet

  public static let folioColumns = [
    "demand", "parent", "pos", "component", "qty", "stock_qty", "unit", "warehouse", "action", "kind",
    "note",
  ]

  /// The sheet line by line: order by order, each recipe by pos. `qty` keeps 10
  /// decimals; `stock_qty` is what moves stock, rounded half-up to 2 decimals and
  /// written with 2. Components and support lines take the opposite action of
  /// their line (`out`: making the product takes them); by-products the same (`in`).
  public static func write(folio: ComponentFolio, to table: TableWriter) throws(OutputError) {
    for line in folio.lines {
      let kind = line.kind == .byproduct ? "byproduct" : line.isSupport ? "support" : "component"
      try table.write([
        .text(line.demand), .text(line.parent.raw), .int(line.pos), .text(line.component.raw),
        .number(line.qty), .number(line.stockQty, places: 2), optional(line.unit), warehouse(line.warehouse),
        .text(line.kind == .byproduct ? "in" : "out"), .text(kind), optional(line.note),
      ])
    }
  }

  public static let folioSummaryColumns = ["component", "warehouse", "qty", "stock_qty", "unit"]

  /// The printed summary: the same code and warehouse summed into one line
  /// (support products and by-products left out), in order of first appearance.
  public static func write(folioSummary folio: ComponentFolio, to table: TableWriter) throws(OutputError) {
    for row in folio.summary {
      try table.write([
        .text(row.component.raw), warehouse(row.warehouse), .number(row.qty),
        .number(row.stockQty, places: 2), optional(row.unit),
      ])
    }
  }

  // MARK: - Answers about orders

  /// The table of an answer, in its columns (`answer.columns`).
  public static func write(_ answer: OrdersAnswer, to table: TableWriter) throws(OutputError) {
    switch answer {
    case .explosion(let explosion): try write(explosion, to: table)
    case .summary(let summary): try write(summary, to: table)
    case .folio(let folio): try write(folio: folio, to: table)
    case .folioSummary(let folio): try write(folioSummary: folio, to: table)
    }
  }

  // MARK: - Rejected orders

  /// The columns of a rejects file: every header name of the orders inputs, in
  /// order of first appearance, then `reason`.
  public static func rejectColumns(_ rows: OrderRows) -> [String] {
    var names: [String] = []
    var seen = Set<String>()
    for header in rows.headers {
      for name in header where seen.insert(name).inserted { names.append(name) }
    }
    return names + ["reason"]
  }

  /// Each rejected order as read, under its header's names, with the reason.
  public static func write(rejected: [RecipeFinding], rows: OrderRows, to table: TableWriter)
    throws(OutputError)
  {
    let columns = table.columns
    var position: [String: Int] = [:]
    for (i, name) in columns.dropLast().enumerated() where position[name] == nil { position[name] = i }
    let byPlace = rows.orderIndexByPlace()
    for finding in rejected {
      var cells = [Cell](repeating: .empty, count: columns.count)
      if let o = byPlace[SourceLocation(file: finding.file, line: finding.line)] {
        let header = rows.headers[rows.header[o]]
        for (f, value) in rows.fields[o].enumerated() where f < header.count {
          if let p = position[header[f]] { cells[p] = .text(value) }
        }
      }
      cells[columns.count - 1] = .text(finding.message)
      try table.write(cells)
    }
  }

  static func warehouse(_ w: Warehouse?) -> Cell { w.map { .text($0.raw) } ?? .empty }
  /// Empty text is an empty cell (null in JSON).
  static func optional(_ s: String) -> Cell { s.isEmpty ? .empty : .text(s) }
}

/// What explode-bom answers about orders: the explosion, its summary, the
/// component sheet or the sheet's printed summary, with the orders refused.
public enum OrdersAnswer {
  case explosion(Explosion)
  case summary(RequirementSummary)
  case folio(ComponentFolio)
  case folioSummary(ComponentFolio)

  /// Orders refused by the rules (unknown product, negative qty).
  public var rejected: [RecipeFinding] {
    switch self {
    case .explosion(let e): return e.rejected
    case .summary(let s): return s.rejected
    case .folio(let f), .folioSummary(let f): return f.rejected
    }
  }

  /// The columns of its table.
  public var columns: [String] {
    switch self {
    case .explosion: return RecipeTables.explosionColumns
    case .summary: return RecipeTables.summaryColumns
    case .folio: return RecipeTables.folioColumns
    case .folioSummary: return RecipeTables.folioSummaryColumns
    }
  }
}
