import Testing

@testable import TallerCore

/// SPEC §5.3–5.5: lead-time dates, netting, pegging, exceptions and workcenter hours.
struct PlanningTests {
  static func day(_ text: String) -> LocalDate {
    do { return try LocalDate.parse(text) } catch { fatalError("bad test date \(text)") }
  }

  static func seedCatalog() throws -> RecipeCatalog {
    try RecipeCatalog(
      products: RecipeExamples.cabinetProducts.map { p in
        var p = p
        p.procure = .order
        return p
      }, lines: RecipeExamples.cabinetLines)
  }

  /// Rows of a plan as (type, product, qty, start, due, pegged_to) strings.
  static func rows(_ plan: MaterialPlan) -> [String] {
    (0..<plan.count).map { i in
      "\(plan.type[i].name) \(plan.productCode(i)) \(plan.qty[i]) \(plan.start[i]) \(plan.due[i]) \(plan.peggedTo(i))"
    }
  }

  // MARK: - Seed 003 (SPEC §5.5)

  @Test func seedExampleWithoutCompanyLeads() throws {
    let plan = try Self.seedCatalog().schedule(
      [Demand(id: "SO1", product: "ARM100", qty: Quantity(1), orderDate: Self.day("2026-01-01"))])
    let byProduct = Dictionary(grouping: 0..<plan.count) { plan.productCode($0).raw }
    #expect(plan.due[byProduct["ARM100"]![0]] == Self.day("2026-01-31"))
    #expect(plan.start[byProduct["ARM100"]![0]] == Self.day("2026-01-26"))
    #expect(plan.start[byProduct["PANLAT"]![0]] == Self.day("2026-01-16"))
    let bois = byProduct["BOIS002"]!.map { (plan.qty[$0], plan.start[$0]) }
    #expect(bois.contains { $0 == (dec("0.25"), Self.day("2026-01-21")) })
    #expect(bois.contains { $0 == (dec("0.17"), Self.day("2026-01-11")) })
  }

  @Test func seedExampleWithCompanyLeads() throws {
    let plan = try Self.seedCatalog().schedule(
      [Demand(id: "SO1", product: "ARM100", qty: Quantity(1), orderDate: Self.day("2026-01-01"))],
      settings: PlanningSettings(securityDays: 2, purchaseLead: 3, productionLead: 1))
    let byProduct = Dictionary(grouping: 0..<plan.count) { plan.productCode($0).raw }
    #expect(plan.due[byProduct["ARM100"]![0]] == Self.day("2026-01-29"))
    #expect(plan.start[byProduct["ARM100"]![0]] == Self.day("2026-01-23"))
    #expect(plan.start[byProduct["PANLAT"]![0]] == Self.day("2026-01-12"))
    let starts = Set(byProduct["BOIS002"]!.map { plan.start[$0] })
    #expect(starts == [Self.day("2026-01-15"), Self.day("2026-01-04")])
  }

  @Test func idsAreStableAndPegged() throws {
    let catalog = try Self.seedCatalog()
    let demands = [Demand(id: "SO1", product: "ARM100", qty: Quantity(1), orderDate: Self.day("2026-01-01"))]
    let a = try catalog.schedule(demands)
    let b = try catalog.schedule(demands)
    #expect((0..<a.count).map(a.id) == (0..<b.count).map(b.id))
    // Every purchase leads back to the demand through its parents.
    for i in 0..<a.count where a.type[i] == .purchase {
      var o = i
      while a.parent[o] >= 0 { o = Int(a.parent[o]) }
      #expect(a.productCode(o) == "ARM100")
      #expect(a.peggedTo(o) == "SO1")
    }
  }

  // MARK: - Workcenters (SPEC §5.4)

  static let loads: [(String, String, String, String, String, String, String, String, EfficiencyConvention, String, String)] = [
    // runs, CA, TC, TS, TN, ET, cycles/unit, hours/unit, convention → hours, cycles
    ("15", "6", "1", "0", "0", "1", "1", "0", .factor, "3", "3"),  // the manual: 15 ops, CA 6 → 3 cycles
    ("15", "6", "0.5", "1", "0.5", "1.25", "1", "0", .factor, "3.75", "3"),
    ("15", "1", "0.25", "0", "0", "1", "1", "0.1", .factor, "5.25", "15"),
    ("6", "6", "1", "0", "0", "1", "2", "0", .factor, "2", "2"),  // one batch, 2 cycles per unit
    ("6.5", "6", "1", "0", "0", "1", "1", "0", .factor, "2", "2"),  // 6.5 runs: 2 batches
    ("15", "6", "0.5", "1", "0.5", "80", "1", "0", .percent, "3.375", "3"),
    ("15", "6", "0.5", "1", "0.5", "", "1", "0", .percent, "3", "3"),  // blank ET: 100 %
  ]

  @Test(arguments: loads)
  func operationLoad(
    _ c: (String, String, String, String, String, String, String, String, EfficiencyConvention, String, String)
  ) throws {
    let w = Workcenter(
      id: "W", capacityPerCycle: dec(c.1), hoursPerCycle: dec(c.2), setupHours: dec(c.3), cleanupHours: dec(c.4),
      efficiency: c.5.isEmpty ? nil : dec(c.5))
    let s = RoutingStep(routing: "R", workcenter: "W", cyclesPerUnit: dec(c.6), hoursPerUnit: dec(c.7))
    let load = try OperationLoad.of(runs: dec(c.0), workcenter: w, step: s, convention: c.8)
    #expect(load.hours == dec(c.9))
    #expect(load.cycles == dec(c.10))
  }

  @Test func periods() {
    let d = Self.day("2026-01-14")  // a Wednesday
    #expect(LoadPeriod.week.bounds(of: d).start == Self.day("2026-01-12"))
    #expect(LoadPeriod.week.label(of: d) == "2026-W03")
    #expect(LoadPeriod.week.label(of: Self.day("2026-01-01")) == "2026-W01")
    #expect(LoadPeriod.week.label(of: Self.day("2027-01-01")) == "2026-W53")
    #expect(LoadPeriod.month.bounds(of: Self.day("2028-02-10")).end == Self.day("2028-02-29"))
    #expect(LoadPeriod.month.label(of: d) == "2026-01")
  }

  // MARK: - Calendar, grouping, changes

  @Test func workingDays() {
    // Weekends off, Monday 2026-01-19 a holiday, Saturday 2026-01-24 worked.
    var weekly = [Bool](repeating: true, count: 7)
    weekly[5] = false
    weekly[6] = false
    let c = WorkCalendar(weekly: weekly, exceptions: [Self.day("2026-01-19"): false, Self.day("2026-01-24"): true])
    #expect(c.workingDay(5, before: Self.day("2026-01-23")) == Self.day("2026-01-15"))
    #expect(c.workingDay(0, before: Self.day("2026-01-18")) == Self.day("2026-01-16"))  // due on a Sunday
    #expect(c.workingDay(1, before: Self.day("2026-01-26")) == Self.day("2026-01-24"))  // the worked Saturday
    #expect(c.workingDay(30, after: Self.day("2026-01-01")) == Self.day("2026-02-12"))
    #expect(c.workingDays(from: Self.day("2026-01-19"), through: Self.day("2026-01-25")) == 5)
  }

  @Test func purchasesGroupedByMonth() throws {
    var plan = try Self.seedCatalog().schedule(
      [Demand(id: "SO1", product: "ARM100", qty: Quantity(1), orderDate: Self.day("2026-01-01"))])
    plan.groupPurchases(by: .month)
    let bois = (0..<plan.count).filter { plan.productCode($0) == "BOIS002" && plan.isListed($0) }
    #expect(bois.count == 1)
    #expect(plan.qty[bois[0]] == dec("0.42"))
    #expect(plan.start[bois[0]] == Self.day("2026-01-11"))
    #expect(plan.due[bois[0]] == Self.day("2026-01-16"))
    var weekly = try Self.seedCatalog().schedule(
      [Demand(id: "SO1", product: "ARM100", qty: Quantity(1), orderDate: Self.day("2026-01-01"))])
    weekly.groupPurchases(by: .week)  // Jan 11 (a Sunday) and Jan 21 fall in different weeks
    #expect((0..<weekly.count).filter { weekly.productCode($0) == "BOIS002" && weekly.isListed($0) }.count == 2)
  }

  @Test func changesSinceThePreviousPlan() throws {
    let catalog = try Self.seedCatalog()
    let before = try catalog.schedule(
      [Demand(id: "SO1", product: "ARM100", qty: Quantity(1), orderDate: Self.day("2026-01-01"))])
    let previous = (0..<before.count).map { i in
      PreviousOrder(
        id: before.id(i), type: before.type[i].name, product: before.productCode(i), qty: before.qty[i],
        start: before.start[i], due: before.due[i], demand: "SO1",
        parent: before.parent[i] >= 0 ? before.id(Int(before.parent[i])) : "")
    }
    #expect(before.changes(since: previous).isEmpty)
    let after = try catalog.schedule(
      [Demand(id: "SO1", product: "ARM100", qty: Quantity(1), dueDate: Self.day("2026-02-02"))])
    let changes = after.changes(since: previous)
    #expect(changes.count == before.count)  // every order moved two days later
    #expect(changes.allSatisfy { $0.kind == .redated })
    #expect(changes[0].cause == "demand SO1 changed")
    #expect(changes[1].cause.hasPrefix("its parent SO1/ARM100/1"))
  }

  /// A by-product that is also an ancestor of its producer (A needs P, P yields A):
  /// planning keeps the low-level codes, and P's by-product, arriving after A was
  /// planned, is an exception instead of a receipt.
  @Test func aByproductCircleIsReported() throws {
    let catalog = try RecipeCatalog(
      products: [
        Product(code: "A", type: .produced, procure: .order), Product(code: "P", type: .produced, procure: .order),
        Product(code: "R", type: .raw, supply: .buy, procure: .order, supplier: "S"),
      ],
      lines: [
        RecipeLine(parent: "A", component: "P", qty: Quantity(1)),
        RecipeLine(parent: "P", component: "R", qty: Quantity(1)),
        RecipeLine(parent: "P", component: "A", qty: dec("0.5"), kind: .byproduct),
      ])
    let plan = try catalog.schedule([Demand(id: "D", product: "A", qty: Quantity(2), dueDate: Self.day("2026-03-10"))])
    #expect(Self.rows(plan).count == 3)
    let e = try #require(plan.exceptions.first { $0.kind == .byproductNotCounted })
    #expect(e.product == "A")
    #expect(e.qty == Quantity(1))
  }

  // MARK: - Netting against an independent model

  /// A small deterministic generator (SplitMix64): the same seed, the same catalogues.
  struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int {
      range.lowerBound + Int(next() % UInt64(range.count))
    }
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
  }

  struct Case {
    var products: [Product] = []
    var lines: [RecipeLine] = []
    var stock: [StockOnHand] = []
    var receipts: [OpenReceipt] = []
    var demands: [Demand] = []
  }

  /// A random catalogue in levels: products of level k have components of deeper
  /// levels only; every product buy or produce, procure order or stock, with or
  /// without a min/max rule and a lot multiple; stock, receipts and demands.
  static func randomCase(seed: UInt64) -> Case {
    var rng = Random(state: seed)
    var c = Case()
    let levels = rng.int(2...4)
    var byLevel: [[String]] = []
    var n = 0
    for level in 0..<levels {
      var codes: [String] = []
      for _ in 0..<rng.int(1...4) {
        codes.append("P\(n)")
        n += 1
      }
      byLevel.append(codes)
      _ = level
    }
    let base = day("2026-03-01")
    for (level, codes) in byLevel.enumerated() {
      for code in codes {
        let leaf = level == levels - 1 || rng.chance(20)
        var p = Product(code: ProductCode(code), type: leaf ? .raw : .produced)
        p.supply = leaf ? .buy : .produce
        p.supplier = leaf ? "S" : nil
        p.productionLeadDays = rng.int(0...4)
        p.supplierLeadDays = rng.int(0...4)
        p.customerLeadDays = rng.int(0...10)
        p.procure = rng.chance(50) ? .order : .stock
        if rng.chance(70) {
          p.minQty = Quantity(rng.int(0...5))
          if rng.chance(50) { p.maxQty = Quantity(rng.int(0...20)) }
          if rng.chance(40) { p.lotMultiple = Quantity(rng.int(1...6)) }
        }
        c.products.append(p)
        if !leaf {
          var used = Set<String>()
          for _ in 0..<rng.int(1...3) {
            let deeper = byLevel[rng.int((level + 1)...(levels - 1))]
            let comp = deeper[rng.int(0...(deeper.count - 1))]
            guard used.insert(comp).inserted else { continue }
            c.lines.append(
              RecipeLine(
                parent: ProductCode(code), component: ProductCode(comp), qty: Quantity(rng.int(1...3)),
                per: Quantity(rng.int(1...2))))
          }
        }
        if rng.chance(50) { c.stock.append(StockOnHand(product: ProductCode(code), onHand: Quantity(rng.int(0...10)))) }
        for _ in 0..<rng.int(0...2) {
          c.receipts.append(
            OpenReceipt(product: ProductCode(code), qty: Quantity(rng.int(1...8)), date: base + rng.int(0...30)))
        }
      }
    }
    for d in 0..<rng.int(1...6) {
      let code = c.products[rng.int(0...(c.products.count - 1))].code
      c.demands.append(
        Demand(
          id: "D\(d)", product: code, qty: Quantity(rng.int(1...9)),
          orderDate: rng.chance(50) ? base + rng.int(0...20) : nil,
          dueDate: base + rng.int(10...40)))
    }
    return c
  }

  /// The netting of SPEC §5.3 written plainly: dictionaries by code, recursion
  /// for levels, one requirement struct at a time. Returns one line per order.
  static func model(_ c: Case) -> [String] {
    var product: [String: Product] = [:]
    for p in c.products { product[p.code.raw] = p }
    var recipe: [String: [RecipeLine]] = [:]
    for l in c.lines { recipe[l.parent.raw, default: []].append(l) }
    // Level: the longest path from any product that is nobody's component.
    var level: [String: Int] = [:]
    func visit(_ code: String, _ depth: Int) {
      if (level[code] ?? -1) >= depth { return }
      level[code] = depth
      for l in recipe[code] ?? [] { visit(l.component.raw, depth + 1) }
    }
    for p in c.products { visit(p.code.raw, 0) }
    struct Requirement {
      var date: LocalDate
      var qty: Quantity
      var demand: String
      var parent: String?
      var serial: Int
    }
    var requirements: [String: [Requirement]] = [:]
    var serial = 0
    for d in c.demands {
      let p = product[d.product.raw]!
      let date = d.dueDate ?? (d.orderDate! + p.customerLeadDays)
      requirements[d.product.raw, default: []].append(
        Requirement(date: date, qty: d.qty, demand: d.id, parent: nil, serial: serial))
      serial += 1
    }
    var out: [String] = []
    let ordered = c.products.enumerated().sorted { a, b in
      level[a.element.code.raw]! != level[b.element.code.raw]!
        ? level[a.element.code.raw]! < level[b.element.code.raw]! : a.offset < b.offset
    }.map(\.element)
    for p in ordered {
      let code = p.code.raw
      let reqs = (requirements[code] ?? []).sorted { $0.date != $1.date ? $0.date < $1.date : $0.serial < $1.serial }
      var count: [String: Int] = [:]
      func order(_ r: Requirement, _ qty: Quantity) {
        count[r.demand, default: 0] += 1
        let id = "\(r.demand)/\(code)/\(count[r.demand]!)"
        let produce = recipe[code] != nil
        let start = r.date - (produce ? p.productionLeadDays : p.supplierLeadDays)
        out.append("\(id) \(qty) \(start) \(r.date) \(r.parent ?? r.demand)")
        for l in recipe[code] ?? [] {
          let q = (try? qty.scaled(by: l.qty, per: l.per))!
          requirements[l.component.raw, default: []].append(
            Requirement(date: start, qty: q, demand: r.demand, parent: id, serial: serial))
          serial += 1
        }
      }
      let toStock = (p.procure ?? (p.minQty != nil ? .stock : .order)) == .stock
      if !toStock {
        for r in reqs { order(r, r.qty) }
        continue
      }
      var stock = c.stock.filter { $0.product.raw == code }.reduce(Quantity.zero) { $0 + $1.onHand }
      var pending = c.receipts.filter { $0.product.raw == code }.sorted { $0.date < $1.date }
      var arrived = Quantity.zero
      for r in reqs {
        while let first = pending.first, first.date <= r.date {
          arrived += first.qty
          pending.removeFirst()
        }
        let fromStock = min(stock, r.qty)
        stock -= fromStock
        let fromReceipts = min(arrived, r.qty - fromStock)
        arrived -= fromReceipts
        let net = r.qty - fromStock - fromReceipts
        guard let minQty = p.minQty else { continue }
        let projected = stock + arrived - net
        if projected < minQty {
          var qty = max(p.maxQty ?? minQty, minQty) - projected
          if let lot = p.lotMultiple {
            // Whole lots: the smallest multiple of lot that is not below qty.
            var lots = Quantity.zero
            while lots < qty { lots += lot }
            qty = lots
          }
          order(r, qty)
          stock += qty - net
        }
      }
    }
    return out
  }

  @Test(arguments: 0..<200)
  func nettingMatchesThePlainModel(seed: Int) throws {
    let c = Self.randomCase(seed: UInt64(seed) &* 7919 &+ 17)
    let catalog = try RecipeCatalog(products: c.products, lines: c.lines)
    let plan = try catalog.schedule(c.demands, stock: c.stock, receipts: c.receipts)
    let ours = (0..<plan.count).map {
      "\(plan.id($0)) \(plan.qty[$0]) \(plan.start[$0]) \(plan.due[$0]) \(plan.peggedTo($0))"
    }
    #expect(ours.sorted() == Self.model(c).sorted(), "seed \(seed)")
  }

  /// The random catalogues are not vacuous: most plans net stock and apply rules,
  /// lot multiples and one-per-requirement orders, over several levels.
  @Test func theRandomCasesExerciseNetting() throws {
    var netted = 0, toOrder = 0, lots = 0, receipts = 0, deep = 0
    for seed in 0..<200 {
      let c = Self.randomCase(seed: UInt64(seed) &* 7919 &+ 17)
      let plan = try RecipeCatalog(products: c.products, lines: c.lines).schedule(
        c.demands, stock: c.stock, receipts: c.receipts)
      let orders = 0..<plan.count
      if orders.contains(where: { plan.netted[$0] }) { netted += 1 }
      if orders.contains(where: { !plan.netted[$0] }) { toOrder += 1 }
      if orders.contains(where: { plan.lotMultiple($0) != nil }) { lots += 1 }
      if orders.contains(where: { plan.receiptsUsed[$0].isPositive }) { receipts += 1 }
      if orders.contains(where: { plan.level[Int(plan.product[$0])] >= 2 }) { deep += 1 }
    }
    #expect(netted > 50 && toOrder > 50 && lots > 20 && receipts > 5 && deep > 20,
      "netted \(netted) toOrder \(toOrder) lots \(lots) receipts \(receipts) deep \(deep)")
  }
}
