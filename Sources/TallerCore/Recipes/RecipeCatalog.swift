/// Products and their recipes, validated and indexed for explosion (SPEC §5.1).
///
/// Built once from the rows of `products` and `bom`; every rule of §5.1 is checked
/// and every problem reported at once (`RecipeCatalogError.findings`). Inside,
/// products are numbered densely (0, 1, …) and recipes are stored as contiguous
/// runs of lines, so walks touch arrays, not dictionaries of strings.
///
/// Every walk is iterative (an explicit stack or levels processed in order): a
/// recipe 2,000 levels deep is ordinary (BAD-INPUTS #51).
public struct RecipeCatalog: Sendable {
  /// The largest number of lines a recipe may have unless told otherwise (seed 002).
  public static let defaultMaxLines = 999

  /// Products in input order (the first row of each code).
  public let products: [Product]
  /// Warnings found while building (a component twice in one recipe).
  public let warnings: [RecipeFinding]

  let index: [ProductCode: Int]
  /// Recipe of product p: `recipeLines[recipeStart[p] ..< recipeStart[p + 1]]`,
  /// ordered by pos (lines without pos take their ordinal place in the recipe).
  let recipeStart: [Int]
  let recipeLines: [RecipeLine]
  /// Dense ids of each line's parent and component.
  let lineParent: [Int]
  let lineComponent: [Int]
  /// Warehouse id of each line (0: none, take the parent's).
  let lineWarehouse: [Int]
  /// Component quantity per one unit of the parent (qty ÷ per, rounded at the tenth).
  let lineQtyPer: [Quantity]
  /// `warehouses[0]` is nil ("no warehouse").
  let warehouses: [Warehouse?]
  let warehouseIndex: [Warehouse: Int]
  /// Component lines that use product p: `usedLines[usedStart[p] ..< usedStart[p + 1]]`
  /// (indices into `recipeLines`).
  let usedStart: [Int]
  let usedLines: [Int]
  /// True when the product has at least one component line: it is not a leaf.
  let hasRecipe: [Bool]
  /// True when the product has lines of any kind: walks go into it (a product
  /// whose only lines are by-products still yields them).
  let hasLines: [Bool]
  /// The deepest level at which the product occurs below any product (0 for
  /// products nobody uses): a component always has a greater code than its parents.
  let lowLevelCodes: [Int]
  /// Products grouped by low-level code, ascending:
  /// `levelProducts[levelStart[k] ..< levelStart[k + 1]]` have code k.
  let levelStart: [Int]
  let levelProducts: [Int]
  /// Rolled-up cost of one unit, and whether every leaf below had a replacement cost.
  let unitCosts: [Money]
  let costIsComplete: [Bool]

  /// Validates and indexes the catalogue.
  ///
  /// - Parameters:
  ///   - products: rows of the products file; each carries its file and line.
  ///   - lines: rows of the bom file.
  ///   - maxLines: the most lines one recipe may have (`--max-lines`).
  ///   - recipesRequired: a produced or compound product without component lines
  ///     is an error (explode-bom); false makes it a warning, for schedule-mrp,
  ///     which reports it as the exception "no recipe defined" (BAD-INPUTS #53).
  /// - Throws: `RecipeCatalogError` with every error (and every warning) found:
  ///   duplicate product; unknown parent or component; qty or per ≤ 0; support
  ///   line without pos; compound used as a component; raw product with lines;
  ///   produced/compound without component lines; more than `maxLines` lines;
  ///   cycles, each with its path (A → B → C → A). A component twice in one
  ///   recipe is only a warning (`warnings`).
  public init(
    products input: [Product], lines: [RecipeLine], maxLines: Int = RecipeCatalog.defaultMaxLines,
    recipesRequired: Bool = true
  ) throws(RecipeCatalogError) {
    var productFindings: [RecipeFinding] = []
    var bomFindings: [RecipeFinding] = []

    // Products, densely numbered in input order.
    var index: [ProductCode: Int] = [:]
    index.reserveCapacity(input.count)
    var products: [Product] = []
    products.reserveCapacity(input.count)
    for p in input {
      if let first = index[p.code] {
        productFindings.append(
          RecipeFinding(
            .error, .products, file: p.file, line: p.line,
            .duplicateProduct(p.code, firstLine: products[first].line)))
        continue
      }
      index[p.code] = products.count
      products.append(p)
    }
    let n = products.count

    // Recipe lines: check each, keep those whose parent and component are known.
    var parentOf = [Int](repeating: -1, count: lines.count)
    var componentOf = [Int](repeating: -1, count: lines.count)
    var lineCount = [Int](repeating: 0, count: n + 1)
    var hasComponentLine = [Bool](repeating: false, count: n)
    for (i, l) in lines.enumerated() {
      func report(_ problem: RecipeProblem) {
        bomFindings.append(RecipeFinding(.error, .bom, file: l.file, line: l.line, problem))
      }
      let p = index[l.parent]
      let c = index[l.component]
      if p == nil { report(.unknownParent(l.parent)) }
      if c == nil { report(.unknownComponent(l.component, parent: l.parent)) }
      if !l.qty.isPositive {
        report(.nonPositiveQty(parent: l.parent, component: l.component, qty: l.qty))
      }
      if !l.per.isPositive {
        report(.nonPositivePer(parent: l.parent, component: l.component, per: l.per))
      }
      if let c {
        if products[c].type == .support && l.pos == nil {
          report(.supportWithoutPos(parent: l.parent, component: l.component))
        }
        if products[c].type == .compound && l.kind == .component {
          report(.compoundAsComponent(parent: l.parent, component: l.component))
        }
      }
      if let p, l.kind == .component { hasComponentLine[p] = true }
      if let p, let c {
        parentOf[i] = p
        componentOf[i] = c
        lineCount[p + 1] += 1
      }
    }

    // Contiguous recipes (counting sort by parent, input order kept).
    var recipeStart = lineCount
    for p in 0..<n { recipeStart[p + 1] += recipeStart[p] }
    var order = [Int](repeating: 0, count: recipeStart[n])
    var fill = recipeStart
    for i in 0..<lines.count where parentOf[i] >= 0 {
      order[fill[parentOf[i]]] = i
      fill[parentOf[i]] += 1
    }
    // Within a recipe: by pos; a line without pos takes its ordinal place (1, 2, …).
    for p in 0..<n where recipeStart[p + 1] - recipeStart[p] > 1 {
      let run = order[recipeStart[p]..<recipeStart[p + 1]]
      let sorted = run.enumerated()
        .map { (ordinal, i) in (pos: lines[i].pos ?? ordinal + 1, ordinal: ordinal, i: i) }
        .sorted { $0.pos != $1.pos ? $0.pos < $1.pos : $0.ordinal < $1.ordinal }
      for (k, entry) in sorted.enumerated() { order[recipeStart[p] + k] = entry.i }
    }

    // Per recipe: too many lines, duplicates, raw products with lines.
    for p in 0..<n {
      let range = recipeStart[p]..<recipeStart[p + 1]
      if range.isEmpty { continue }
      let inInputOrder = order[range].sorted()
      if products[p].type == .raw {
        let first = lines[inInputOrder[0]]
        bomFindings.append(
          RecipeFinding(
            .error, .bom, file: first.file, line: first.line, .rawWithComponents(products[p].code)))
      }
      if range.count > maxLines {
        let extra = lines[inInputOrder[maxLines]]
        bomFindings.append(
          RecipeFinding(
            .error, .bom, file: extra.file, line: extra.line,
            .tooManyLines(parent: products[p].code, count: range.count, max: maxLines)))
      }
      var seen: [Int: Int] = [:]  // component id (negative for by-products) → line index
      for i in inInputOrder {
        let key = lines[i].kind == .component ? componentOf[i] : -1 - componentOf[i]
        if let first = seen[key] {
          bomFindings.append(
            RecipeFinding(
              .warning, .bom, file: lines[i].file, line: lines[i].line,
              .duplicateComponent(
                parent: products[p].code, component: lines[i].component,
                firstLine: lines[first].line)))
        } else {
          seen[key] = i
        }
      }
    }
    for p in 0..<n
    where (products[p].type == .produced || products[p].type == .compound) && !hasComponentLine[p] {
      productFindings.append(
        RecipeFinding(
          recipesRequired ? .error : .warning, .products, file: products[p].file,
          line: products[p].line,
          .missingRecipe(products[p].code, products[p].type)))
    }

    let recipeLines = order.map { lines[$0] }
    let lineParent = order.map { parentOf[$0] }
    let lineComponent = order.map { componentOf[$0] }

    // Cycles: depth-first over component lines with an explicit stack. A line to a
    // product still on the stack closes a cycle: the stack from that product on is
    // its path. The finishing order, reversed, is a topological order.
    var color = [UInt8](repeating: 0, count: n)  // 0 new, 1 on the stack, 2 done
    var stackPosition = [Int](repeating: -1, count: n)
    var finished: [Int] = []
    finished.reserveCapacity(n)
    var stack: [(node: Int, cursor: Int, via: Int)] = []
    for root in 0..<n where color[root] == 0 {
      color[root] = 1
      stackPosition[root] = 0
      stack.append((root, recipeStart[root], -1))
      while let top = stack.last {
        let node = top.node
        let e = top.cursor
        if e < recipeStart[node + 1] {
          stack[stack.count - 1].cursor = e + 1
          guard recipeLines[e].kind == .component else { continue }
          let c = lineComponent[e]
          if color[c] == 0 {
            color[c] = 1
            stackPosition[c] = stack.count
            stack.append((c, recipeStart[c], e))
          } else if color[c] == 1 {
            let from = stackPosition[c]
            let path = stack[from...].map { products[$0.node].code } + [products[c].code]
            let steps = stack[(from + 1)...].map(\.via) + [e]
            let first = recipeLines[steps[0]]
            bomFindings.append(
              RecipeFinding(
                .error, .bom, file: first.file, line: first.line,
                .cycle(path: path, lines: steps.map { recipeLines[$0].line })))
          }
        } else {
          color[node] = 2
          stackPosition[node] = -1
          finished.append(node)
          stack.removeLast()
        }
      }
    }

    // Findings in input order: products, then recipe lines by file and line.
    var fileRank: [String: Int] = [:]
    for l in lines where fileRank[l.file] == nil { fileRank[l.file] = fileRank.count }
    let bomSorted = bomFindings.enumerated().sorted { a, b in
      let ra = fileRank[a.element.file] ?? 0
      let rb = fileRank[b.element.file] ?? 0
      if ra != rb { return ra < rb }
      if a.element.line != b.element.line { return a.element.line < b.element.line }
      return a.offset < b.offset
    }.map(\.element)
    let productSorted = productFindings.enumerated().sorted { a, b in
      a.element.line != b.element.line ? a.element.line < b.element.line : a.offset < b.offset
    }.map(\.element)
    let findings = productSorted + bomSorted
    if findings.contains(where: \.isError) { throw RecipeCatalogError(findings: findings) }

    // Low-level codes: in topological order (parents first), a component sits one
    // level below its deepest parent.
    var lowLevelCodes = [Int](repeating: 0, count: n)
    for p in finished.reversed() {
      for e in recipeStart[p]..<recipeStart[p + 1] where recipeLines[e].kind == .component {
        let c = lineComponent[e]
        if lowLevelCodes[c] < lowLevelCodes[p] + 1 { lowLevelCodes[c] = lowLevelCodes[p] + 1 }
      }
    }
    let deepest = lowLevelCodes.max() ?? 0
    var levelStart = [Int](repeating: 0, count: deepest + 2)
    for p in 0..<n { levelStart[lowLevelCodes[p] + 1] += 1 }
    for k in 0...deepest { levelStart[k + 1] += levelStart[k] }
    var levelProducts = [Int](repeating: 0, count: n)
    var levelFill = levelStart
    for p in 0..<n {
      levelProducts[levelFill[lowLevelCodes[p]]] = p
      levelFill[lowLevelCodes[p]] += 1
    }

    // Where each product is used (component lines only), in recipe order.
    var usedStart = [Int](repeating: 0, count: n + 1)
    for e in 0..<recipeLines.count where recipeLines[e].kind == .component {
      usedStart[lineComponent[e] + 1] += 1
    }
    for p in 0..<n { usedStart[p + 1] += usedStart[p] }
    var usedLines = [Int](repeating: 0, count: usedStart[n])
    var usedFill = usedStart
    for e in 0..<recipeLines.count where recipeLines[e].kind == .component {
      usedLines[usedFill[lineComponent[e]]] = e
      usedFill[lineComponent[e]] += 1
    }

    // Warehouses, densely numbered; 0 is "none".
    var warehouses: [Warehouse?] = [nil]
    var warehouseIndex: [Warehouse: Int] = [:]
    var lineWarehouse = [Int](repeating: 0, count: recipeLines.count)
    for (e, l) in recipeLines.enumerated() {
      guard let w = l.warehouse else { continue }
      if let id = warehouseIndex[w] {
        lineWarehouse[e] = id
      } else {
        warehouseIndex[w] = warehouses.count
        lineWarehouse[e] = warehouses.count
        warehouses.append(w)
      }
    }

    let hasLines = (0..<n).map { recipeStart[$0 + 1] > recipeStart[$0] }
    var hasRecipe = [Bool](repeating: false, count: n)
    for e in 0..<recipeLines.count where recipeLines[e].kind == .component {
      hasRecipe[lineParent[e]] = true
    }

    // Costs, deepest products first: a product without a recipe costs its
    // replacement cost; one with a recipe costs the sum over all its component
    // lines (shown or not) of unit cost × qty ÷ per, each line rounded once.
    var unitCosts = [Money](repeating: .zero, count: n)
    var costIsComplete = [Bool](repeating: true, count: n)
    var lineQtyPer = [Quantity](repeating: .zero, count: recipeLines.count)
    for e in 0..<recipeLines.count {
      let l = recipeLines[e]
      do {
        lineQtyPer[e] = try l.qty.divided(by: l.per)
      } catch {
        throw RecipeCatalogError(findings: [
          RecipeFinding(
            .error, .bom, file: l.file, line: l.line,
            .overflow(parent: l.parent, component: l.component))
        ])
      }
    }
    for p in levelProducts.reversed() {
      guard hasRecipe[p] else {
        unitCosts[p] = products[p].replacementCost ?? .zero
        costIsComplete[p] = products[p].replacementCost != nil
        continue
      }
      var total = Money.zero
      var complete = true
      for e in recipeStart[p]..<recipeStart[p + 1] where recipeLines[e].kind == .component {
        let l = recipeLines[e]
        let c = lineComponent[e]
        do {
          total += try unitCosts[c].scaled(by: l.qty, per: l.per)
        } catch {
          throw RecipeCatalogError(findings: [
            RecipeFinding(
              .error, .bom, file: l.file, line: l.line,
              .overflow(parent: l.parent, component: l.component))
          ])
        }
        complete = complete && costIsComplete[c]
      }
      unitCosts[p] = total
      costIsComplete[p] = complete
    }

    self.products = products
    self.warnings = findings
    self.index = index
    self.recipeStart = recipeStart
    self.recipeLines = recipeLines
    self.lineParent = lineParent
    self.lineComponent = lineComponent
    self.lineWarehouse = lineWarehouse
    self.lineQtyPer = lineQtyPer
    self.warehouses = warehouses
    self.warehouseIndex = warehouseIndex
    self.usedStart = usedStart
    self.usedLines = usedLines
    self.hasRecipe = hasRecipe
    self.hasLines = hasLines
    self.lowLevelCodes = lowLevelCodes
    self.levelStart = levelStart
    self.levelProducts = levelProducts
    self.unitCosts = unitCosts
    self.costIsComplete = costIsComplete
  }

  // MARK: - Looking things up

  /// The product with this code.
  public func product(_ code: ProductCode) -> Product? {
    index[code].map { products[$0] }
  }

  /// The recipe of a product (component and by-product lines), ordered by pos;
  /// empty for a product without one.
  public func recipe(of code: ProductCode) -> [RecipeLine] {
    guard let p = index[code] else { return [] }
    return Array(recipeLines[recipeStart[p]..<recipeStart[p + 1]])
  }

  /// True when the product has component lines: it is exploded, not a leaf.
  public func hasRecipe(_ code: ProductCode) -> Bool {
    index[code].map { hasRecipe[$0] } ?? false
  }

  /// How the product is replenished: its `supply`, else produce when it has a
  /// recipe and buy when it has none (SPEC §3).
  public func supply(of code: ProductCode) -> SupplyMethod? {
    guard let p = index[code] else { return nil }
    return products[p].supply ?? (hasRecipe[p] ? .produce : .buy)
  }

  /// The deepest level at which the product occurs in any recipe structure
  /// (0 when no recipe uses it). MRP nets products in this order.
  public func lowLevelCode(of code: ProductCode) -> Int? {
    index[code].map { lowLevelCodes[$0] }
  }

  /// Product codes ordered by low-level code, then input order: every product
  /// comes before all of its components.
  public var productsByLowLevelCode: [ProductCode] {
    levelProducts.map { products[$0].code }
  }

  /// Rolled-up cost of one unit (replacement cost for products without a recipe).
  public func unitCost(of code: ProductCode) -> Money? {
    index[code].map { unitCosts[$0] }
  }

  // MARK: - Shared by the walks

  /// `q × qty ÷ per` of recipe line `e`, rounded once at the tenth.
  @inline(__always)
  func quantity(_ q: Quantity, line e: Int) throws(RecipeError) -> Quantity {
    let l = recipeLines[e]
    do {
      return try q.scaled(by: l.qty, per: l.per)
    } catch {
      throw .overflow(parent: l.parent, component: l.component, file: l.file, line: l.line)
    }
  }

  /// `q ×` the rolled-up unit cost of the component of line `e`.
  @inline(__always)
  func cost(_ q: Quantity, line e: Int) throws(RecipeError) -> Money {
    do {
      return try q.multiplied(by: unitCosts[lineComponent[e]])
    } catch {
      let l = recipeLines[e]
      throw .overflow(parent: l.parent, component: l.component, file: l.file, line: l.line)
    }
  }

  /// Checks orders: unknown products and negative quantities are rejected, the
  /// rest returned with their dense product id.
  func accept(_ orders: [OrderLine]) -> (
    accepted: [(order: Int, product: Int)], rejected: [RecipeFinding]
  ) {
    var accepted: [(order: Int, product: Int)] = []
    var rejected: [RecipeFinding] = []
    for (i, o) in orders.enumerated() {
      guard let p = index[o.product] else {
        rejected.append(
          RecipeFinding(.error, .orders, file: o.file, line: o.line, .unknownProduct(o.product)))
        continue
      }
      if o.qty.isNegative {
        rejected.append(
          RecipeFinding(.error, .orders, file: o.file, line: o.line, .negativeQty(o.product, o.qty))
        )
        continue
      }
      accepted.append((i, p))
    }
    return (accepted, rejected)
  }
}

/// What to make: a product, a quantity and optionally the warehouse its
/// components come from (an `orders` row, or a document line).
public struct OrderLine: Sendable, Equatable {
  /// The demand's id, echoed on every row it gives (`demand` column).
  public var id: String
  public var product: ProductCode
  public var qty: Quantity
  /// Components whose recipe line names no warehouse take this one.
  public var warehouse: Warehouse?
  public var file: String
  public var line: Int

  public init(
    id: String = "", product: ProductCode, qty: Quantity, warehouse: Warehouse? = nil,
    file: String = "", line: Int = 0
  ) {
    self.id = id
    self.product = product
    self.qty = qty
    self.warehouse = warehouse
    self.file = file
    self.line = line
  }
}
