/// Products and their recipes, validated and indexed for explosion (SPEC §5.1).
///
/// Built once from the rows of `products` and `bom`; every rule of §5.1 is checked
/// and every problem reported at once (`RecipeCatalogError.findings`). Inside,
/// products are numbered densely (0, 1, …) and recipes are stored as contiguous
/// runs of lines, so walks touch arrays, not dictionaries of strings.
///
/// Every walk is iterative (an explicit stack or levels processed in order): a
/// recipe 2,000 levels deep is ordinary (docs/BAD-INPUTS.md #51).
public struct RecipeCatalog: Sendable {
  /// The largest number of lines a recipe may have unless told otherwise (seed 002).
  public static let defaultMaxLines = 999

  /// Products in input order (the first row of each code).
  public let products: [Product]
  /// Warnings found while building (a component twice in one recipe).
  public let warnings: [RecipeFinding]

  /// Product codes numbered in catalogue order: a code's number is its product's.
  let index: CodeTable
  /// The recipe lines as given, in input order.
  let lines: RecipeLines
  /// Recipe of product p: positions `recipeStart[p] ..< recipeStart[p + 1]`,
  /// ordered by pos (lines without pos take their ordinal place in the recipe);
  /// position e holds `lines[lineSource[e]]`. The per-position arrays below keep
  /// what the walks read, so a walk never copies a whole line.
  let recipeStart: [Int]
  let lineSource: [Int]
  /// Dense ids of each line's parent and component.
  let lineParent: [Int]
  let lineComponent: [Int]
  /// Each line's qty and per.
  let lineQty: [Quantity]
  let linePer: [Quantity]
  /// True for a component line (false: a by-product).
  let lineIsComponent: [Bool]
  let lineShow: [Bool]
  /// Warehouse id of each line (0: none, take the parent's); empty when no line
  /// names a warehouse (see `warehouse(ofLine:)`).
  let lineWarehouse: [Int32]
  /// Component quantity per one unit of the parent (qty ÷ per, rounded at the tenth).
  let lineQtyPer: [Quantity]
  /// `warehouses[0]` is nil ("no warehouse").
  let warehouses: [Warehouse?]
  let warehouseIndex: [Warehouse: Int]
  /// True when the product has at least one component line: it is not a leaf.
  let hasRecipe: [Bool]
  /// True when the product has lines of any kind: walks go into it (a product
  /// whose only lines are by-products still yields them).
  let hasLines: [Bool]
  /// True for support products (never summed).
  let isSupport: [Bool]
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

  /// A catalogue without products. A reader returns it in place of a catalogue
  /// that has errors (reported with the reading's other problems), so that nothing
  /// is computed from half a catalogue.
  public static let empty: RecipeCatalog = {
    do {
      return try RecipeCatalog(products: [], lines: RecipeLines())
    } catch {
      preconditionFailure("an empty catalogue has no problems")
    }
  }()

  /// Validates and indexes the catalogue.
  ///
  /// - Parameters:
  ///   - products: rows of the products file; each carries its file and line.
  ///   - lines: rows of the bom file.
  ///   - maxLines: the most lines one recipe may have (`--max-lines`).
  ///   - recipesRequired: a produced or compound product without component lines
  ///     is an error (explode-bom); false makes it a warning, for schedule-mrp,
  ///     which reports it as the exception "no recipe defined" (docs/BAD-INPUTS.md #53).
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
    try self.init(
      products: input, lines: RecipeLines(lines), maxLines: maxLines, recipesRequired: recipesRequired)
  }

  /// Validates and indexes the catalogue from lines in columns (as a reader
  /// builds them); otherwise the same as `init(products:lines:…)` with values.
  public init(
    products input: [Product], lines: RecipeLines, maxLines: Int = RecipeCatalog.defaultMaxLines,
    recipesRequired: Bool = true
  ) throws(RecipeCatalogError) {
    var productFindings: [RecipeFinding] = []
    var bomFindings: [RecipeFinding] = []

    // Products, densely numbered in input order; a code's second row is an error
    // (and left out). The table numbers codes in the order first met, so a
    // product's number is its place among the rows kept (`rowOfNumber`).
    var index = CodeTable(capacity: input.count)
    var duplicateRows: [Int] = []
    var rowOfNumber: [Int] = []
    rowOfNumber.reserveCapacity(input.count)
    for row in input.indices {
      let code = input[row].code
      let first = Int(index.number(of: code.raw))
      if first < rowOfNumber.count {
        productFindings.append(
          RecipeFinding(
            .error, .products, file: input[row].file, line: input[row].line,
            .duplicateProduct(code, firstLine: input[rowOfNumber[first]].line)))
        duplicateRows.append(row)
        continue
      }
      rowOfNumber.append(row)
    }
    let products = duplicateRows.isEmpty ? input : rowOfNumber.map { input[$0] }
    let n = products.count
    var isSupport = [Bool](repeating: false, count: n)
    var isCompound = [Bool](repeating: false, count: n)
    for p in 0..<n {
      switch products[p].type {
      case .support: isSupport[p] = true
      case .compound: isCompound[p] = true
      default: break
      }
    }
    let m = lines.count
    // Each code the lines name is looked up once (-1: no product has it).
    let numberOfCode = lines.codeTable.codes.map { index.existingNumber(of: $0).map(Int.init) ?? -1 }

    // Recipe lines: check each, keep those whose parent and component are known.
    // The columns the walks read are the lines' own; what is derived here is
    // kept in compact arrays (input order), so later passes stream a few bytes
    // per line.
    var parentOf = [Int](repeating: -1, count: m)
    var componentOf = [Int](repeating: -1, count: m)
    var lineCount = [Int](repeating: 0, count: n + 1)
    var hasComponentLine = [Bool](repeating: false, count: n)
    let inputIsComponent = lines.isComponent
    let inputShow = lines.show
    let inputQty = lines.qty
    let inputPer = lines.per
    let parentCode = lines.parent
    let componentCode = lines.component
    let hasPos = !lines.pos.isEmpty
    for i in 0..<m {
      let p = numberOfCode[Int(parentCode[i])]
      let c = numberOfCode[Int(componentCode[i])]
      let isComponent = inputIsComponent[i]
      if p < 0 || c < 0 || !inputQty[i].isPositive || !inputPer[i].isPositive
        || (c >= 0 && ((isSupport[c] && lines.pos(i) == nil) || (isCompound[c] && isComponent)))
      {
        let l = lines[i]
        func report(_ problem: RecipeProblem) {
          bomFindings.append(RecipeFinding(.error, .bom, file: l.file, line: l.line, problem))
        }
        if p < 0 { report(.unknownParent(l.parent)) }
        if c < 0 { report(.unknownComponent(l.component, parent: l.parent)) }
        if !l.qty.isPositive { report(.nonPositiveQty(parent: l.parent, component: l.component, qty: l.qty)) }
        if !l.per.isPositive { report(.nonPositivePer(parent: l.parent, component: l.component, per: l.per)) }
        if c >= 0 {
          if isSupport[c] && l.pos == nil {
            report(.supportWithoutPos(parent: l.parent, component: l.component))
          }
          if isCompound[c] && isComponent {
            report(.compoundAsComponent(parent: l.parent, component: l.component))
          }
        }
      }
      if p >= 0 && isComponent { hasComponentLine[p] = true }
      if p >= 0 && c >= 0 {
        parentOf[i] = p
        componentOf[i] = c
        lineCount[p + 1] += 1
      }
    }
    let warehouses: [Warehouse?] = [nil] + lines.warehouses.map { Optional($0) }
    var warehouseIndex: [Warehouse: Int] = [:]
    for (k, w) in lines.warehouses.enumerated() { warehouseIndex[w] = k + 1 }

    // Contiguous recipes (counting sort by parent, input order kept).
    var recipeStart = lineCount
    for p in 0..<n { recipeStart[p + 1] += recipeStart[p] }
    var order = [Int](repeating: 0, count: recipeStart[n])
    do {
      var fill = recipeStart
      for i in 0..<m where parentOf[i] >= 0 {
        order[fill[parentOf[i]]] = i
        fill[parentOf[i]] += 1
      }
    }

    // Per recipe, lines still in input order: raw products with lines, too many
    // lines, the same component twice (by-products apart). `seenIn[key]` is the
    // recipe that last met the component (key = id, or n + id for a by-product).
    var seenIn = [Int](repeating: -1, count: 2 * n)
    var firstAt = [Int](repeating: 0, count: 2 * n)
    for p in 0..<n where recipeStart[p + 1] > recipeStart[p] {
      let lo = recipeStart[p]
      let hi = recipeStart[p + 1]
      if products[p].type == .raw {
        let first = order[lo]
        bomFindings.append(
          RecipeFinding(
            .error, .bom, file: lines[first].file, line: lines[first].line,
            .rawWithComponents(products[p].code)))
      }
      if hi - lo > maxLines {
        let extra = order[lo + maxLines]
        bomFindings.append(
          RecipeFinding(
            .error, .bom, file: lines[extra].file, line: lines[extra].line,
            .tooManyLines(parent: products[p].code, count: hi - lo, max: maxLines)))
      }
      for k in lo..<hi {
        let i = order[k]
        let key = inputIsComponent[i] ? componentOf[i] : n + componentOf[i]
        if seenIn[key] == p {
          bomFindings.append(
            RecipeFinding(
              .warning, .bom, file: lines[i].file, line: lines[i].line,
              .duplicateComponent(
                parent: products[p].code, component: lines[i].component,
                firstLine: lines[firstAt[key]].line)))
        } else {
          seenIn[key] = p
          firstAt[key] = i
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

    // Within a recipe: by pos; a line without pos takes its ordinal place (1, 2, …).
    // (The run is copied out before `order` is written: a slice of `order` kept
    // alive across the writes would copy all of `order` once per recipe.)
    var run: [(pos: Int, ordinal: Int, i: Int)] = []
    let inputPos = lines.pos
    for p in 0..<n where hasPos && recipeStart[p + 1] - recipeStart[p] > 1 {
      run.removeAll(keepingCapacity: true)
      var inOrder = true
      for k in recipeStart[p]..<recipeStart[p + 1] {
        let ordinal = k - recipeStart[p]
        let i = order[k]
        let entry = (pos: inputPos[i] == Int.min ? ordinal + 1 : inputPos[i], ordinal: ordinal, i: i)
        if let last = run.last, last.pos > entry.pos { inOrder = false }
        run.append(entry)
      }
      if inOrder { continue }  // no pos, or already by pos
      run.sort { $0.pos != $1.pos ? $0.pos < $1.pos : $0.ordinal < $1.ordinal }
      for (k, entry) in run.enumerated() { order[recipeStart[p] + k] = entry.i }
    }

    let positions = order.count
    // A file that lists each recipe's lines together, parents in catalogue order
    // and lines by pos, is already in recipe order: its arrays serve as they are.
    let inRecipeOrder = positions == m && order.indices.allSatisfy { order[$0] == $0 }
    func arranged<T>(_ input: [T]) -> [T] { inRecipeOrder ? input : order.map { input[$0] } }
    let lineParent = arranged(parentOf)
    let lineComponent = arranged(componentOf)
    let lineIsComponent = arranged(inputIsComponent)
    let lineShow = arranged(inputShow)
    let lineQty = arranged(inputQty)
    let linePer = arranged(inputPer)
    let lineWarehouse = lines.warehouse.isEmpty ? [] : arranged(lines.warehouse)

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
          guard lineIsComponent[e] else { continue }
          let c = lineComponent[e]
          if color[c] == 0 {
            color[c] = 1
            stackPosition[c] = stack.count
            stack.append((c, recipeStart[c], e))
          } else if color[c] == 1 {
            let from = stackPosition[c]
            let path = stack[from...].map { products[$0.node].code } + [products[c].code]
            let steps = stack[(from + 1)...].map(\.via) + [e]
            let first = lines[order[steps[0]]]
            bomFindings.append(
              RecipeFinding(
                .error, .bom, file: first.file, line: first.line,
                .cycle(path: path, lines: steps.map { lines[order[$0]].line })))
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
    var findings = productFindings.enumerated().sorted { a, b in
      a.element.line != b.element.line ? a.element.line < b.element.line : a.offset < b.offset
    }.map(\.element)
    if !bomFindings.isEmpty {
      // Files rank in the order their lines were first given.
      var fileRank: [String: Int] = [:]
      for (k, f) in lines.files.enumerated() where fileRank[f] == nil { fileRank[f] = k }
      findings += bomFindings.enumerated().sorted { a, b in
        let ra = fileRank[a.element.file] ?? 0
        let rb = fileRank[b.element.file] ?? 0
        if ra != rb { return ra < rb }
        if a.element.line != b.element.line { return a.element.line < b.element.line }
        return a.offset < b.offset
      }.map(\.element)
    }
    if findings.contains(where: \.isError) { throw RecipeCatalogError(findings: findings) }

    // Low-level codes: in topological order (parents first), a component sits one
    // level below its deepest parent.
    var lowLevelCodes = [Int](repeating: 0, count: n)
    for p in finished.reversed() {
      for e in recipeStart[p]..<recipeStart[p + 1] where lineIsComponent[e] {
        let c = lineComponent[e]
        if lowLevelCodes[c] < lowLevelCodes[p] + 1 { lowLevelCodes[c] = lowLevelCodes[p] + 1 }
      }
    }
    let deepest = lowLevelCodes.max() ?? 0
    var levelStart = [Int](repeating: 0, count: deepest + 2)
    for p in 0..<n { levelStart[lowLevelCodes[p] + 1] += 1 }
    for k in 0...deepest { levelStart[k + 1] += levelStart[k] }
    var levelProducts = [Int](repeating: 0, count: n)
    do {
      var levelFill = levelStart
      for p in 0..<n {
        levelProducts[levelFill[lowLevelCodes[p]]] = p
        levelFill[lowLevelCodes[p]] += 1
      }
    }

    let hasLines = (0..<n).map { recipeStart[$0 + 1] > recipeStart[$0] }
    // (Every line's parent and component are known by now.)
    let hasRecipe = hasComponentLine

    let lineSource = order
    func overflow(_ e: Int) -> RecipeCatalogError {
      let l = lines[lineSource[e]]
      return RecipeCatalogError(findings: [
        RecipeFinding(
          .error, .bom, file: l.file, line: l.line,
          .overflow(parent: l.parent, component: l.component))
      ])
    }

    // Costs, deepest products first: a product without a recipe costs its
    // replacement cost; one with a recipe costs the sum over all its component
    // lines (shown or not) of unit cost × qty ÷ per, each line rounded once.
    var unitCosts = [Money](repeating: .zero, count: n)
    var costIsComplete = [Bool](repeating: true, count: n)
    var lineQtyPer = lineQty
    let one = ExactDecimal.one
    for e in 0..<positions where linePer[e].raw != one {
      do {
        lineQtyPer[e] = try lineQty[e].divided(by: linePer[e])
      } catch {
        throw overflow(e)
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
      for e in recipeStart[p]..<recipeStart[p + 1] where lineIsComponent[e] {
        let c = lineComponent[e]
        do {
          total += try unitCosts[c].scaled(by: lineQty[e], per: linePer[e])
        } catch {
          throw overflow(e)
        }
        complete = complete && costIsComplete[c]
      }
      unitCosts[p] = total
      costIsComplete[p] = complete
    }

    self.products = products
    self.warnings = findings
    self.index = index
    self.lines = lines
    self.recipeStart = recipeStart
    self.lineSource = lineSource
    self.lineParent = lineParent
    self.lineComponent = lineComponent
    self.lineQty = lineQty
    self.linePer = linePer
    self.lineIsComponent = lineIsComponent
    self.lineShow = lineShow
    self.lineWarehouse = lineWarehouse
    self.lineQtyPer = lineQtyPer
    self.warehouses = warehouses
    self.warehouseIndex = warehouseIndex
    self.hasRecipe = hasRecipe
    self.hasLines = hasLines
    self.isSupport = isSupport
    self.lowLevelCodes = lowLevelCodes
    self.levelStart = levelStart
    self.levelProducts = levelProducts
    self.unitCosts = unitCosts
    self.costIsComplete = costIsComplete
  }

  // MARK: - Looking things up

  /// The dense number of a product (its place in `products`), or nil.
  @inline(__always)
  func productNumber(_ code: ProductCode) -> Int? { index.existingNumber(of: code.raw).map(Int.init) }

  /// The product with this code.
  public func product(_ code: ProductCode) -> Product? {
    productNumber(code).map { products[$0] }
  }

  /// The recipe of a product (component and by-product lines), ordered by pos;
  /// empty for a product without one.
  public func recipe(of code: ProductCode) -> [RecipeLine] {
    guard let p = productNumber(code) else { return [] }
    return (recipeStart[p]..<recipeStart[p + 1]).map(line)
  }

  /// True when the product has component lines: it is exploded, not a leaf.
  public func hasRecipe(_ code: ProductCode) -> Bool {
    productNumber(code).map { hasRecipe[$0] } ?? false
  }

  /// How the product is replenished: its `supply`, else produce when it has a
  /// recipe and buy when it has none (SPEC §3).
  public func supply(of code: ProductCode) -> SupplyMethod? {
    guard let p = productNumber(code) else { return nil }
    return products[p].supply ?? (hasRecipe[p] ? .produce : .buy)
  }

  /// The deepest level at which the product occurs in any recipe structure
  /// (0 when no recipe uses it). MRP nets products in this order.
  public func lowLevelCode(of code: ProductCode) -> Int? {
    productNumber(code).map { lowLevelCodes[$0] }
  }

  /// Product codes ordered by low-level code, then input order: every product
  /// comes before all of its components.
  public var productsByLowLevelCode: [ProductCode] {
    levelProducts.map { products[$0].code }
  }

  /// Rolled-up cost of one unit (replacement cost for products without a recipe).
  public func unitCost(of code: ProductCode) -> Money? {
    productNumber(code).map { unitCosts[$0] }
  }

  // MARK: - Shared by the walks

  /// The recipe line at position `e`.
  func line(_ e: Int) -> RecipeLine { lines[lineSource[e]] }

  /// The warehouse id of the line at position `e` (0: none).
  @inline(__always)
  func warehouse(ofLine e: Int) -> Int { lineWarehouse.isEmpty ? 0 : Int(lineWarehouse[e]) }

  /// The parent quantity product p's recipe is written for: the `per` of its first
  /// component line (1 without one). An order of q units runs the recipe q ÷ this
  /// times (SPEC §5.4); schedule-mrp and track-operations count runs with it.
  func recipeBase(of p: Int) -> Quantity {
    for e in recipeStart[p]..<recipeStart[p + 1] where lineIsComponent[e] { return linePer[e] }
    return Quantity(1)
  }

  /// `q × qty ÷ per` of the recipe line at position `e`, rounded once at the tenth.
  @inline(__always)
  func quantity(_ q: Quantity, line e: Int) throws(RecipeError) -> Quantity {
    do {
      return try q.scaled(by: lineQty[e], per: linePer[e])
    } catch {
      let l = line(e)
      throw .overflow(parent: l.parent, component: l.component, file: l.file, line: l.line)
    }
  }

  /// `q ×` the rolled-up unit cost of the component of line `e`.
  @inline(__always)
  func cost(_ q: Quantity, line e: Int) throws(RecipeError) -> Money {
    do {
      return try q.multiplied(by: unitCosts[lineComponent[e]])
    } catch {
      let l = line(e)
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
      guard let p = productNumber(o.product) else {
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
