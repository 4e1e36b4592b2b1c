/// What a planned order is (SPEC §5.3 `type`).
public enum PlannedOrderType: UInt8, Sendable, CaseIterable {
  case production, purchase, subcontract, shipment
  /// A service to produce: work done in house, in requirements and load, never stocked.
  case task

  public var name: String {
    switch self {
    case .production: return "production"
    case .purchase: return "purchase"
    case .subcontract: return "subcontract"
    case .shipment: return "shipment"
    case .task: return "task"
    }
  }
}

/// The planned orders of a night's MRP run, pegged and explained, with its
/// exceptions and workcenter load (SPEC §5.3, §5.4). Orders are held in columns
/// (one array per field, indexed by order number) and products by their catalogue
/// number, so a plan of a million orders holds no string per row; ids and texts
/// are made when written.
///
/// Order numbers follow planning: products by planning level (a product after
/// every product that needs it), catalogue order within a level, each product's
/// orders by the date of the requirement they serve; a subcontract order's
/// component shipments follow it.
public struct MaterialPlan: Sendable {
  public let catalog: RecipeCatalog
  public let demands: [Demand]
  public let workcenters: [Workcenter]
  public let settings: PlanningSettings

  public internal(set) var type: [PlannedOrderType] = []
  /// Catalogue number of each order's product.
  public internal(set) var product: [Int32] = []
  public internal(set) var qty: [Quantity] = []
  public internal(set) var start: [LocalDate] = []
  public internal(set) var due: [LocalDate] = []
  /// The demand (index in `demands`) each order serves.
  public internal(set) var demand: [Int32] = []
  /// The order each one serves (-1: the demand directly).
  public internal(set) var parent: [Int32] = []
  /// Ordinal of the order among its demand's orders of the same product (shipments:
  /// among its parent's shipments): part of its id.
  public internal(set) var ordinal: [Int32] = []
  /// Why: the requirement served (gross), what stock and arrived receipts covered,
  /// the net shortage, and whether the product's rule sized the order (netted).
  public internal(set) var gross: [Quantity] = []
  public internal(set) var stockUsed: [Quantity] = []
  public internal(set) var receiptsUsed: [Quantity] = []
  public internal(set) var net: [Quantity] = []
  public internal(set) var netted: [Bool] = []
  /// Hours at workcenters (SPEC §5.4), summed over the product's routing.
  public internal(set) var workcenterHours: [Quantity] = []
  /// Planning level of each product (0: nobody needs it).
  public internal(set) var level: [Int32] = []

  public internal(set) var exceptions: [PlanException] = []

  /// After `groupPurchases`: each order's leader (-1: listed on its own row), and
  /// each leader's merged orders. Empty when purchases are not grouped.
  public internal(set) var leader: [Int32] = []
  public internal(set) var members: [Int32: [Int32]] = [:]

  /// One entry per order and routing operation: what the load report sums.
  public internal(set) var loadWorkcenter: [Int32] = []
  public internal(set) var loadDate: [LocalDate] = []
  public internal(set) var loadHours: [Quantity] = []
  public internal(set) var loadCycles: [Quantity] = []

  init(catalog: RecipeCatalog, demands: [Demand], workcenters: [Workcenter], settings: PlanningSettings) {
    self.catalog = catalog
    self.demands = demands
    self.workcenters = workcenters
    self.settings = settings
  }

  public var count: Int { type.count }

  /// The code of order i's product.
  public func productCode(_ i: Int) -> ProductCode { catalog.products[Int(product[i])].code }

  /// The stable id of order i: `DEMAND/PRODUCT/k` (the k-th order of PRODUCT for
  /// DEMAND), and `PARENT/ship/k` for the k-th component shipment of a subcontract
  /// order. The same inputs give the same ids; an unrelated demand added or removed
  /// leaves them alone.
  public func id(_ i: Int) -> String {
    if type[i] == .shipment { return id(Int(parent[i])) + "/ship/" + String(ordinal[i]) }
    return demands[Int(demand[i])].id + "/" + productCode(i).raw + "/" + String(ordinal[i])
  }

  /// The order it is pegged to: its parent order, or its demand.
  public func peggedTo(_ i: Int) -> String {
    parent[i] >= 0 ? id(Int(parent[i])) : demands[Int(demand[i])].id
  }

  /// The supplier of a purchase or subcontract (a shipment: its subcontractor).
  public func supplier(_ i: Int) -> String? {
    switch type[i] {
    case .purchase, .subcontract: return catalog.products[Int(product[i])].supplier
    case .shipment: return catalog.products[Int(product[Int(parent[i])])].supplier
    case .production, .task: return nil
    }
  }

  /// The rule that sized order i: `to order` (one order per requirement), or the
  /// product's `min N[ max M]` (SPEC §5.3); empty for a shipment.
  public func rule(_ i: Int) -> String {
    if type[i] == .shipment { return "" }
    guard netted[i] else { return "to order" }
    let p = catalog.products[Int(product[i])]
    var text = "min " + (p.minQty ?? .zero).description
    if let max = p.maxQty { text += " max " + max.description }
    return text
  }

  /// The lot multiple applied to order i (netted orders of a product that has one).
  public func lotMultiple(_ i: Int) -> Quantity? {
    guard netted[i], let lot = catalog.products[Int(product[i])].lotMultiple, lot.isPositive else { return nil }
    return lot
  }

  /// The message of exception e: its own text, or for temporary, to correct and
  /// late the sentence made from its figures and its order.
  public func message(of e: PlanException) -> String {
    let code = e.product?.raw ?? ""
    let date = e.date.map(\.description) ?? ""
    let qty = e.qty?.description ?? ""
    switch e.kind {
    case .toCorrect:
      return "\(code) short \(qty) on \(date) (needs \(e.gross ?? .zero), stock covers \(e.stockUsed ?? .zero), receipts \(e.receiptsUsed ?? .zero)) and has no replenishment rule: nothing ordered"
    case .temporary:
      guard let o = e.order.map(listed) else { return e.text }
      return "\(code) short \(qty) on \(date): the rule \(rule(o)) orders \(self.qty[o])"
    case .late:
      guard let o = e.order.map(listed), let asOf = settings.asOf else { return e.text }
      return "\(type[o].name) of \(self.qty[o]) \(code) should start on \(start[o]), before \(asOf) (due \(due[o]))"
    default:
      return e.text
    }
  }

  /// Whether any exception makes `--strict` refuse the plan.
  public var hasStrictExceptions: Bool { exceptions.contains { $0.kind.isStrict } }
}

extension RecipeCatalog {
  /// Plans orders for the demands (SPEC §5.3): lead-time dates, netting level by
  /// level, pegging, exceptions and workcenter hours.
  ///
  /// - Dates (calendar days): a demand is delivered on its due date, or on its
  ///   order date + the product's customer lead − the security days. An order for a
  ///   requirement is due on the day it is needed; production (and a task) starts
  ///   its own production lead + the company production lead earlier, a purchase
  ///   or subcontract its supplier lead + the company purchase lead earlier, and
  ///   the components are needed on the start day.
  /// - Netting: products are planned level by level (every product after all the
  ///   products that need it), so each is planned once with all its requirements,
  ///   taken in date order. `procure order` products (and services, never stocked)
  ///   get one order per requirement, not netted. `procure stock` products use
  ///   on-hand stock first, then the open receipts (and by-products of planned
  ///   orders) arrived by the requirement's date; when projected stock falls below
  ///   `min_qty` the rule orders up to `max_qty` (or `min_qty`), rounded up to
  ///   `lot_multiple`, and a shortage so covered is a "temporary" exception; a
  ///   shortage without a rule is "to correct", with no order.
  /// - Requirements: component lines with show true, support products left out;
  ///   `q × qty ÷ per` of the order's quantity, rounded once at the tenth decimal.
  /// - Throws: `RecipeError.overflow` when a quantity leaves the exact range.
  public func schedule(
    _ demands: [Demand], stock: [StockOnHand] = [], receipts: [OpenReceipt] = [],
    workcenters: [Workcenter] = [], routings: [RoutingStep] = [], settings: PlanningSettings = PlanningSettings()
  ) throws(RecipeError) -> MaterialPlan {
    var planner = Planner(
      catalog: self, demands: demands, workcenters: workcenters, routings: routings, settings: settings)
    planner.readStock(stock)
    planner.readReceipts(receipts)
    try planner.run()
    return planner.plan
  }
}

/// The state of one planning run (`RecipeCatalog.schedule`).
struct Planner {
  let catalog: RecipeCatalog
  let settings: PlanningSettings
  let n: Int
  var plan: MaterialPlan

  // Per product.
  var onHand: [Quantity]
  /// Open receipts per product, by date: `receiptStart[p] ..< receiptStart[p + 1]`.
  var receiptStart: [Int] = []
  var receiptDate: [LocalDate] = []
  var receiptQty: [Quantity] = []
  /// By-products of planned orders, as receipts: a list per product (head, next).
  var byproductHead: [Int32]
  var byproductNext: [Int32] = []
  var byproductDate: [LocalDate] = []
  var byproductQty: [Quantity] = []
  /// The `per` of each product's recipe (its first component line's): runs = qty ÷ per.
  var recipePer: [Quantity]
  /// Routing of each product: `routingSteps[routingStart[k] ..< routingStart[k + 1]]`, k = productRouting[p] (-1: none).
  var productRouting: [Int32]
  var routingStart: [Int] = [0]
  var routingSteps: [RoutingStep] = []
  var stepWorkcenter: [Int32] = []
  var planned: [Bool]

  /// Requirements waiting for their products' level, in the order they arose
  /// (filled by the products above, appended level by level so that a level's
  /// requirements are read in one sequential pass).
  var pending: [Requirements] = []
  /// The requirements of the level being planned, grouped by product (in the
  /// order they arose): product p's are `current[start[p] ..< end[p]]`.
  var current = Requirements()
  var currentStart: [Int32]
  var currentEnd: [Int32]

  /// Orders per (demand, product) while a product is planned: `ordinalOf[d]` is
  /// valid when `ordinalStamp[d]` is the product's number.
  var ordinalStamp: [Int32]
  var ordinalOf: [Int32]

  init(
    catalog: RecipeCatalog, demands: [Demand], workcenters: [Workcenter], routings: [RoutingStep],
    settings: PlanningSettings
  ) {
    self.catalog = catalog
    self.settings = settings
    n = catalog.products.count
    plan = MaterialPlan(catalog: catalog, demands: demands, workcenters: workcenters, settings: settings)
    onHand = [Quantity](repeating: .zero, count: n)
    byproductHead = [Int32](repeating: -1, count: n)
    currentStart = [Int32](repeating: 0, count: n)
    currentEnd = [Int32](repeating: 0, count: n)
    planned = [Bool](repeating: false, count: n)
    ordinalStamp = [Int32](repeating: -1, count: demands.count)
    ordinalOf = [Int32](repeating: 0, count: demands.count)
    recipePer = (0..<n).map(catalog.recipeBase(of:))
    productRouting = [Int32](repeating: -1, count: n)
    readRoutings(routings, workcenters: workcenters)
  }

  // MARK: - Inputs

  mutating func readRoutings(_ routings: [RoutingStep], workcenters: [Workcenter]) {
    var workcenterIndex = CodeTable(capacity: workcenters.count)
    for w in workcenters { _ = workcenterIndex.number(of: w.id) }
    // Steps grouped by routing (in order first named), then by seq, then input order.
    var routingIndex = CodeTable()
    var routingOf: [Int] = []
    for s in routings { routingOf.append(Int(routingIndex.number(of: s.routing))) }
    let order = routings.indices.sorted { a, b in
      if routingOf[a] != routingOf[b] { return routingOf[a] < routingOf[b] }
      if routings[a].seq != routings[b].seq { return routings[a].seq < routings[b].seq }
      return a < b
    }
    routingStart = [Int](repeating: 0, count: routingIndex.count + 1)
    for i in order {
      routingStart[routingOf[i] + 1] += 1
      let s = routings[i]
      routingSteps.append(s)
      if let w = workcenterIndex.existingNumber(of: s.workcenter) {
        stepWorkcenter.append(w)
      } else {
        stepWorkcenter.append(-1)
        plan.exceptions.append(
          PlanException(
            .unknownWorkcenter, product: nil,
            message: "routing \(s.routing) operation \(s.seq) names workcenter \(s.workcenter), not in workcenters",
            file: s.file, line: s.line))
      }
    }
    for k in 0..<routingIndex.count { routingStart[k + 1] += routingStart[k] }
    for p in 0..<n {
      guard let r = catalog.products[p].routing else { continue }
      if let k = routingIndex.existingNumber(of: r) {
        productRouting[p] = k
      } else {
        let product = catalog.products[p]
        plan.exceptions.append(
          PlanException(
            .unknownRouting, product: product.code, message: "routing \(r) is not in routings",
            file: product.file, line: product.line))
      }
    }
  }

  mutating func readStock(_ rows: [StockOnHand]) {
    for row in rows {
      guard let p = catalog.productNumber(row.product) else {
        plan.exceptions.append(
          PlanException(
            .unknownProduct, product: row.product, message: "stock of \(row.product), not in products",
            file: row.file, line: row.line))
        continue
      }
      onHand[p] += row.onHand
    }
  }

  mutating func readReceipts(_ rows: [OpenReceipt]) {
    var productOf: [Int] = []
    productOf.reserveCapacity(rows.count)
    receiptStart = [Int](repeating: 0, count: n + 1)
    for row in rows {
      guard let p = catalog.productNumber(row.product) else {
        plan.exceptions.append(
          PlanException(
            .unknownProduct, product: row.product, date: row.date, qty: row.qty,
            message: "receipt of \(row.product), not in products", file: row.file, line: row.line))
        productOf.append(-1)
        continue
      }
      productOf.append(p)
      receiptStart[p + 1] += 1
    }
    for p in 0..<n { receiptStart[p + 1] += receiptStart[p] }
    var fill = receiptStart
    receiptDate = [LocalDate](repeating: LocalDate(dayNumber: 0), count: receiptStart[n])
    receiptQty = [Quantity](repeating: .zero, count: receiptStart[n])
    for (i, row) in rows.enumerated() where productOf[i] >= 0 {
      let p = productOf[i]
      receiptDate[fill[p]] = row.date
      receiptQty[fill[p]] = row.qty
      fill[p] += 1
    }
  }

  /// Each demand's delivery becomes a requirement of its product.
  mutating func readDemands() {
    for (d, demand) in plan.demands.enumerated() {
      guard let p = catalog.productNumber(demand.product) else {
        plan.exceptions.append(
          PlanException(
            .unknownProduct, product: demand.product, demand: demand.id, qty: demand.qty,
            message: "demand \(demand.id) is for \(demand.product), not in products", file: demand.file,
            line: demand.line))
        continue
      }
      if demand.qty.isNegative {
        plan.exceptions.append(
          PlanException(
            .negativeQty, product: demand.product, demand: demand.id, qty: demand.qty,
            message: "demand \(demand.id) asks for a negative quantity \(demand.qty); nothing planned",
            file: demand.file, line: demand.line))
        continue
      }
      if demand.qty.isZero { continue }
      let product = catalog.products[p]
      let delivery: LocalDate
      if let due = demand.dueDate {
        delivery = due
      } else if let ordered = demand.orderDate {
        // order date + customer lead − security days (working days with a calendar).
        delivery = settings.day(settings.securityDays, before: settings.day(product.customerLeadDays, after: ordered))
      } else {
        preconditionFailure("a demand has a due date or an order date (the reader checks)")
      }
      addRequirement(p, date: delivery, qty: demand.qty, demand: Int32(d), parent: -1)
    }
  }

  mutating func addRequirement(_ p: Int, date: LocalDate, qty: Quantity, demand: Int32, parent: Int32) {
    pending[Int(plan.level[p])].append(product: Int32(p), date: date, qty: qty, demand: demand, parent: parent)
  }

  /// Groups the level's requirements by product, keeping the order they arose
  /// (a counting sort: two sequential passes).
  mutating func takeLevel(_ level: Int, products: ArraySlice<Int>) {
    let batch = pending[level]
    pending[level] = Requirements()
    for p in products { currentEnd[p] = 0 }
    for k in 0..<batch.count { currentEnd[Int(batch.product[k])] += 1 }
    var at: Int32 = 0
    for p in products {
      currentStart[p] = at
      at += currentEnd[p]
      currentEnd[p] = currentStart[p]
    }
    var out = Requirements(count: batch.count)
    for k in 0..<batch.count {
      let p = Int(batch.product[k])
      let j = Int(currentEnd[p])
      currentEnd[p] += 1
      out.product[j] = batch.product[k]
      out.date[j] = batch.date[k]
      out.qty[j] = batch.qty[k]
      out.demand[j] = batch.demand[k]
      out.parent[j] = batch.parent[k]
    }
    current = out
  }

  // MARK: - Planning

  /// Products in planning order: by level (a product after every product whose
  /// recipe names it as a component or a by-product), then catalogue order.
  func planningOrder() -> (products: [Int], level: [Int32]) {
    let hasByproducts = catalog.lineIsComponent.contains(false)
    var level = catalog.lowLevelCodes.map(Int32.init)
    if hasByproducts {
      // Longest path from the roots over component and by-product lines (Kahn).
      var indegree = [Int32](repeating: 0, count: n)
      for e in catalog.lineComponent.indices { indegree[catalog.lineComponent[e]] += 1 }
      var queue = (0..<n).filter { indegree[$0] == 0 }
      var computed = [Int32](repeating: 0, count: n)
      var head = 0
      while head < queue.count {
        let p = queue[head]
        head += 1
        for e in catalog.recipeStart[p]..<catalog.recipeStart[p + 1] {
          let c = catalog.lineComponent[e]
          if computed[c] < computed[p] + 1 { computed[c] = computed[p] + 1 }
          indegree[c] -= 1
          if indegree[c] == 0 { queue.append(c) }
        }
      }
      // A circle through by-products: keep the low-level codes (component lines only).
      if queue.count == n { level = computed }
    }
    let deepest = Int(level.max() ?? 0)
    var start = [Int](repeating: 0, count: deepest + 2)
    for p in 0..<n { start[Int(level[p]) + 1] += 1 }
    for k in 0...deepest { start[k + 1] += start[k] }
    var order = [Int](repeating: 0, count: n)
    for p in 0..<n {
      order[start[Int(level[p])]] = p
      start[Int(level[p])] += 1
    }
    return (order, level)
  }

  mutating func run() throws(RecipeError) {
    let (order, level) = planningOrder()
    plan.level = level
    pending = [Requirements](repeating: Requirements(), count: Int(level.max() ?? 0) + 1)
    readDemands()
    var requirements: [Int32] = []
    var arrivals: [(date: LocalDate, qty: Quantity)] = []
    var levelStart = 0
    for (position, p) in order.enumerated() {
      if position == levelStart {
        // The first product of a level: its requirements are all known now.
        var levelEnd = position
        while levelEnd < order.count && level[order[levelEnd]] == level[p] { levelEnd += 1 }
        takeLevel(Int(level[p]), products: order[position..<levelEnd])
        levelStart = levelEnd
      }
      planned[p] = true
      let lo = currentStart[p]
      let hi = currentEnd[p]
      guard hi > lo else { continue }
      requirements.removeAll(keepingCapacity: true)
      for r in lo..<hi { requirements.append(r) }
      // By date; the same date in the order the requirements arose (demand order,
      // then the order of the parents' orders).
      let dates = current.date
      if hi - lo > 1 {
        requirements.sort { a, b in
          dates[Int(a)] != dates[Int(b)] ? dates[Int(a)] < dates[Int(b)] : a < b
        }
      }
      let requirementDate = current.date
      let requirementQty = current.qty
      let requirementDemand = current.demand
      let requirementParent = current.parent
      let product = catalog.products[p]
      let isService = product.type == .service
      let supply = product.supply ?? (catalog.hasRecipe[p] ? .produce : .buy)
      let hasRule = product.minQty != nil
      let procure = isService ? .order : (product.procure ?? (hasRule ? .stock : .order))
      let first = requirements[0]
      let firstDemand = plan.demands[Int(requirementDemand[Int(first)])].id
      if supply == .produce && !catalog.hasRecipe[p] && !isService {
        plan.exceptions.append(
          PlanException(
            .noRecipe, product: product.code, demand: firstDemand, date: requirementDate[Int(first)],
            message: "\(product.code) is to be produced but has no recipe (component lines); its orders make nothing below them",
            file: product.file, line: product.line))
      }
      if supply != .produce && product.supplier == nil {
        plan.exceptions.append(
          PlanException(
            .noSupplier, product: product.code, demand: firstDemand, date: requirementDate[Int(first)],
            message: "\(product.code) is to \(supply == .buy ? "buy" : "subcontract") but has no supplier",
            file: product.file, line: product.line))
      }
      if procure == .order {
        for r in requirements {
          let q = requirementQty[Int(r)]
          try addOrder(
            p, supply: supply, qty: q, due: requirementDate[Int(r)], demand: requirementDemand[Int(r)],
            parent: requirementParent[Int(r)], explanation: (q, .zero, .zero, q, false))
        }
        continue
      }
      // Netting, in date order (procure stock).
      arrivals.removeAll(keepingCapacity: true)
      for k in receiptStart[p]..<receiptStart[p + 1] { arrivals.append((receiptDate[k], receiptQty[k])) }
      var b = byproductHead[p]
      while b >= 0 {
        arrivals.append((byproductDate[Int(b)], byproductQty[Int(b)]))
        b = byproductNext[Int(b)]
      }
      if arrivals.count > 1 {
        // Stable by date (a list built newest first, reversed).
        let fixed = receiptStart[p + 1] - receiptStart[p]
        arrivals[fixed...].reverse()
        arrivals = arrivals.enumerated().sorted { x, y in
          x.element.date != y.element.date ? x.element.date < y.element.date : x.offset < y.offset
        }.map(\.element)
      }
      var stock = onHand[p].isNegative ? Quantity.zero : onHand[p]
      var arrived = Quantity.zero
      var next = 0
      for r in requirements {
        let date = requirementDate[Int(r)]
        while next < arrivals.count && arrivals[next].date <= date {
          arrived += arrivals[next].qty
          next += 1
        }
        let gross = requirementQty[Int(r)]
        let fromStock = min(stock, gross)
        stock -= fromStock
        let fromReceipts = min(arrived, gross - fromStock)
        arrived -= fromReceipts
        let net = gross - fromStock - fromReceipts
        guard hasRule, let min = product.minQty else {
          if net.isPositive {
            plan.exceptions.append(
              PlanException(
                .toCorrect, product: product.code, demand: plan.demands[Int(requirementDemand[Int(r)])].id,
                order: requirementParent[Int(r)] >= 0 ? Int(requirementParent[Int(r)]) : nil, date: date, qty: net,
                gross: gross, stockUsed: fromStock, receiptsUsed: fromReceipts))
          }
          continue
        }
        let projected = stock + arrived - net
        guard projected < min else { continue }
        let target = Swift.max(product.maxQty ?? min, min)
        var qty = target - projected
        if let lot = product.lotMultiple, lot.isPositive {
          var lots = qty.raw / lot.raw
          if qty.raw % lot.raw != 0 { lots += 1 }
          let (rounded, overflow) = lots.multipliedReportingOverflow(by: lot.raw)
          if overflow {
            throw .overflow(parent: product.code, component: product.code, file: product.file, line: product.line)
          }
          qty = Quantity(raw: rounded)
        }
        let o = try addOrder(
          p, supply: supply, qty: qty, due: date, demand: requirementDemand[Int(r)],
          parent: requirementParent[Int(r)], explanation: (gross, fromStock, fromReceipts, net, true))
        stock += qty - net
        if net.isPositive {
          plan.exceptions.append(
            PlanException(
              .temporary, product: product.code, demand: plan.demands[Int(requirementDemand[Int(r)])].id, order: o,
              date: date, qty: net))
        }
      }
    }
  }

  /// Adds the order for a requirement of product p (of demand `d`, from order
  /// `parent`), explodes it and loads it.
  @discardableResult
  mutating func addOrder(
    _ p: Int, supply: SupplyMethod, qty: Quantity, due: LocalDate, demand d: Int32, parent: Int32,
    explanation: (gross: Quantity, stock: Quantity, receipts: Quantity, net: Quantity, netted: Bool)
  ) throws(RecipeError) -> Int {
    let type: PlannedOrderType
    let lead: Int
    switch supply {
    case .produce:
      type = catalog.products[p].type == .service ? .task : .production
      lead = catalog.products[p].productionLeadDays + settings.productionLead
    case .buy:
      type = .purchase
      lead = catalog.products[p].supplierLeadDays + settings.purchaseLead
    case .subcontract:
      type = .subcontract
      lead = catalog.products[p].supplierLeadDays + settings.purchaseLead
    }
    let start = settings.day(lead, before: due)
    if ordinalStamp[Int(d)] != Int32(p) {
      ordinalStamp[Int(d)] = Int32(p)
      ordinalOf[Int(d)] = 0
    }
    ordinalOf[Int(d)] += 1
    let o = append(
      type, product: p, qty: qty, start: start, due: due, demand: d, parent: parent,
      ordinal: ordinalOf[Int(d)], explanation: explanation)
    if let asOf = settings.asOf, start < asOf {
      plan.exceptions.append(
        PlanException(
          .late, product: catalog.products[p].code, demand: plan.demands[Int(d)].id, order: o, date: start, qty: qty))
    }
    guard type != .purchase else { return o }

    // Components, needed on the start day; by-products, received on the due day.
    var shipments: Int32 = 0
    for e in catalog.recipeStart[p]..<catalog.recipeStart[p + 1] {
      let c = catalog.lineComponent[e]
      if !catalog.lineIsComponent[e] {
        let q = try catalog.quantity(qty, line: e)
        if planned[c] {
          plan.exceptions.append(
            PlanException(
              .byproductNotCounted, product: catalog.products[c].code, demand: plan.demands[Int(d)].id, order: o,
              date: due, qty: q,
              message: "by-product \(q) \(catalog.products[c].code) of order for \(catalog.products[p].code) arrives after \(catalog.products[c].code) was planned (a circle through by-products)"
            ))
          continue
        }
        byproductNext.append(byproductHead[c])
        byproductHead[c] = Int32(byproductDate.count)
        byproductDate.append(due)
        byproductQty.append(q)
        continue
      }
      guard catalog.lineShow[e], !catalog.isSupport[c] else { continue }
      let q = try catalog.quantity(qty, line: e)
      addRequirement(c, date: start, qty: q, demand: d, parent: Int32(o))
      if type == .subcontract {
        shipments += 1
        append(
          .shipment, product: c, qty: q, start: start, due: start, demand: d, parent: Int32(o), ordinal: shipments,
          explanation: (q, .zero, .zero, q, false))
      }
    }

    // Workcenter hours (SPEC §5.4), for work done in house.
    guard type == .production || type == .task, productRouting[p] >= 0 else { return o }
    let k = Int(productRouting[p])
    var hours = Quantity.zero
    do {
      let runs = recipePer[p].raw == ExactDecimal.one ? qty : try qty.divided(by: recipePer[p])
      for s in routingStart[k]..<routingStart[k + 1] where stepWorkcenter[s] >= 0 {
        let w = Int(stepWorkcenter[s])
        let load = try OperationLoad.of(
          runs: runs, workcenter: plan.workcenters[w], step: routingSteps[s], convention: settings.efficiency)
        hours += load.hours
        plan.loadWorkcenter.append(Int32(w))
        plan.loadDate.append(start)
        plan.loadHours.append(load.hours)
        plan.loadCycles.append(load.cycles)
      }
    } catch {
      let product = catalog.products[p]
      throw .overflow(parent: product.code, component: product.code, file: product.file, line: product.line)
    }
    plan.workcenterHours[o] = hours
    return o
  }

  @discardableResult
  mutating func append(
    _ type: PlannedOrderType, product p: Int, qty: Quantity, start: LocalDate, due: LocalDate, demand: Int32,
    parent: Int32, ordinal: Int32,
    explanation: (gross: Quantity, stock: Quantity, receipts: Quantity, net: Quantity, netted: Bool)
  ) -> Int {
    plan.type.append(type)
    plan.product.append(Int32(p))
    plan.qty.append(qty)
    plan.start.append(start)
    plan.due.append(due)
    plan.demand.append(demand)
    plan.parent.append(parent)
    plan.ordinal.append(ordinal)
    plan.gross.append(explanation.gross)
    plan.stockUsed.append(explanation.stock)
    plan.receiptsUsed.append(explanation.receipts)
    plan.net.append(explanation.net)
    plan.netted.append(explanation.netted)
    plan.workcenterHours.append(.zero)
    return plan.count - 1
  }
}

/// Requirements in columns: product, day needed, quantity, demand, parent order.
struct Requirements {
  var product: [Int32] = []
  var date: [LocalDate] = []
  var qty: [Quantity] = []
  var demand: [Int32] = []
  var parent: [Int32] = []

  init() {}

  /// `count` placeholders, to be overwritten.
  init(count: Int) {
    product = [Int32](repeating: 0, count: count)
    date = [LocalDate](repeating: LocalDate(dayNumber: 0), count: count)
    qty = [Quantity](repeating: .zero, count: count)
    demand = [Int32](repeating: 0, count: count)
    parent = [Int32](repeating: 0, count: count)
  }

  var count: Int { product.count }

  mutating func append(product p: Int32, date d: LocalDate, qty q: Quantity, demand k: Int32, parent o: Int32) {
    product.append(p)
    date.append(d)
    qty.append(q)
    demand.append(k)
    parent.append(o)
  }
}
