/// One operation of a production order: a step of its routing, with the hours
/// planned for it (SPEC §5.4) and what the scans say was done.
public struct TrackedOperation: Sendable, Equatable {
  /// Index of the order in `ShopFloor.orders`.
  public var order: Int
  public var step: RoutingStep
  /// Index in `ShopFloor.workcenters`; -1 when the routing names an unknown workcenter.
  public var workcenter: Int
  /// Hours and cycles of SPEC §5.4 (`OperationLoad.of`); nil for an unknown workcenter.
  public var planned: OperationLoad?
  public var state: OperationState = .draft
  /// Seconds between each start/restart and the pause/close/cancel that ended it.
  public var runningSeconds = 0
  /// Seconds between each pause and the restart/cancel that ended it.
  public var pausedSeconds = 0
  public var startedAt: LocalDateTime?
  /// When it was closed or cancelled.
  public var finishedAt: LocalDateTime?
  /// Operators of its accepted events, first seen first, each once.
  public var operators: [String] = []
  /// Since when it runs (or is paused), while it is open.
  var since: LocalDateTime?

  /// Hours of `seconds`, rounded half-up to 4 decimals (0.36 s): what is written.
  public static func hours(_ seconds: Int) -> Quantity {
    // seconds ÷ 3600 is exact in at most 4 + 2 digits; rounding at 4 keeps it readable.
    (try? Quantity(seconds).divided(by: Quantity(3_600), places: 4)) ?? .zero
  }

  public var realHours: Quantity { Self.hours(runningSeconds) }
  public var pausedHours: Quantity { Self.hours(pausedSeconds) }
  /// real − planned (positive: it took longer than planned); nil without a plan.
  public var variance: Quantity? { planned.map { realHours - $0.hours } }
}

/// Productive and paused time of one workcenter on one day.
public struct WorkcenterDay: Sendable, Equatable {
  public var workcenter: Int
  public var date: LocalDate
  public var runningSeconds: Int
  public var pausedSeconds: Int
  /// `hours_per_day`; nil when the workcenter gives none.
  public var available: Quantity?

  public var productiveHours: Quantity { TrackedOperation.hours(runningSeconds) }
  public var pausedHours: Quantity { TrackedOperation.hours(pausedSeconds) }
  /// productive ÷ available × 100, rounded half-up to 2 decimals (productive as
  /// written, 4 decimals); nil without available hours.
  public var utilization: Quantity? {
    guard let a = available, a.isPositive else { return nil }
    return try? (try productiveHours.multiplied(by: Quantity(100))).divided(by: a, places: 2)
  }
}

/// A stock move of a done order, in post-documents' ledger columns (SPEC §6.3).
public struct OrderMove: Sendable, Equatable {
  public var order: Int
  public var date: LocalDate
  public var product: ProductCode
  public var warehouse: Warehouse?
  /// Signed: consumption negative, receipts positive; rounded to 2 decimals (SPEC §5.1).
  public var qty: Quantity
  /// true: the order's own product (`line`); false: a recipe line (`component`).
  public var isLine: Bool
}

/// Everything `track-operations` reports: operations, orders, rejected events,
/// workcenter days and the stock moves of done orders.
public struct ShopFloor: Sendable {
  public let orders: [ProductionOrder]
  public let workcenters: [Workcenter]
  /// Operations of order o: `operations[operationStart[o] ..< operationStart[o + 1]]`, in routing order.
  public internal(set) var operations: [TrackedOperation] = []
  public internal(set) var operationStart: [Int] = [0]
  public internal(set) var orderStates: [OrderState] = []
  public internal(set) var orderStarted: [LocalDateTime?] = []
  public internal(set) var orderDone: [LocalDateTime?] = []
  /// Orders left without operations, routing steps at unknown workcenters.
  public internal(set) var findings: [ShopFloorFinding] = []
  /// Rejected events, in input order.
  public internal(set) var rejections: [EventRejection] = []
  /// By workcenter (file order), then day.
  public internal(set) var workcenterDays: [WorkcenterDay] = []

  init(orders: [ProductionOrder], workcenters: [Workcenter]) {
    self.orders = orders
    self.workcenters = workcenters
  }

  public func operations(of order: Int) -> ArraySlice<TrackedOperation> {
    operations[operationStart[order]..<operationStart[order + 1]]
  }
}

/// Options of the tracking.
public struct TrackingSettings: Sendable {
  /// Open intervals (an operation running or paused at the end) count up to this
  /// moment; events after it are rejected. nil: open intervals count nothing.
  public var asOf: LocalDateTime?
  public var efficiency: EfficiencyConvention

  public init(asOf: LocalDateTime? = nil, efficiency: EfficiencyConvention = .factor) {
    self.asOf = asOf
    self.efficiency = efficiency
  }
}

extension ShopFloor {
  /// Tracks `events` against the operations of `orders` (SPEC §5.6).
  ///
  /// Each order's operations are its routing's steps (by seq, then file order), each
  /// planned with `OperationLoad.of` for runs = qty ÷ the recipe's per (the per of
  /// its first component line; 1 without a catalogue). The routing is the order's
  /// `routing`, else its product's, else the one named as the product.
  ///
  /// An event names (order, workcenter): it applies to the first operation of the
  /// order's routing at that workcenter that is not closed or cancelled (the last
  /// one when all are). Each operation's events are applied in time order — the
  /// file order does not matter; the same moment keeps file order — through the
  /// state machine
  ///
  ///     draft   --start-->   running   --pause-->   paused
  ///     paused  --restart--> running   --close-->   done
  ///     draft | running | paused  --cancel-->  cancelled
  ///
  /// and anything else is rejected with its reason (close before start, restart
  /// while running, any event after close…); a rejected event changes nothing, so
  /// the operation's time comes from its valid events. Real time is the sum of the
  /// running intervals (start/restart → pause/close/cancel); paused time the sum of
  /// pause → restart/cancel.
  public static func track(
    orders: [ProductionOrder], events: [OperationEvent], catalog: RecipeCatalog?, workcenters: [Workcenter],
    routings: [RoutingStep], settings: TrackingSettings = TrackingSettings()
  ) -> ShopFloor {
    var floor = ShopFloor(orders: orders, workcenters: workcenters)
    floor.plan(catalog: catalog, routings: routings, convention: settings.efficiency)
    floor.apply(events, asOf: settings.asOf)
    floor.settleOrders()
    return floor
  }

  // MARK: - Operations from the routings

  mutating func plan(catalog: RecipeCatalog?, routings: [RoutingStep], convention: EfficiencyConvention) {
    var workcenterIndex = CodeTable(capacity: workcenters.count)
    for w in workcenters { _ = workcenterIndex.number(of: w.id) }
    var routingIndex = CodeTable()
    var routingOf: [Int] = []
    routingOf.reserveCapacity(routings.count)
    for s in routings { routingOf.append(Int(routingIndex.number(of: s.routing))) }
    let sorted = routings.indices.sorted { a, b in
      if routingOf[a] != routingOf[b] { return routingOf[a] < routingOf[b] }
      if routings[a].seq != routings[b].seq { return routings[a].seq < routings[b].seq }
      return a < b
    }
    var routingStart = [Int](repeating: 0, count: routingIndex.count + 1)
    for i in sorted { routingStart[routingOf[i] + 1] += 1 }
    for k in 0..<routingIndex.count { routingStart[k + 1] += routingStart[k] }
    let steps = sorted.map { routings[$0] }
    let stepWorkcenter = steps.map { s -> Int in workcenterIndex.existingNumber(of: s.workcenter).map(Int.init) ?? -1 }
    for (s, step) in steps.enumerated() where stepWorkcenter[s] < 0 {
      findings.append(
        ShopFloorFinding(
          "routing \(step.routing) operation \(step.seq) names workcenter \(step.workcenter), not in workcenters (no planned hours)",
          file: step.file, line: step.line))
    }

    operations.reserveCapacity(orders.count * 3)
    operationStart.reserveCapacity(orders.count + 1)
    orderStates = [OrderState](repeating: .draft, count: orders.count)
    for (o, order) in orders.enumerated() {
      defer { operationStart.append(operations.count) }
      var per = Quantity(1)
      var routing = order.routing
      if let catalog {
        guard let p = catalog.productNumber(order.product) else {
          findings.append(ShopFloorFinding("order \(order.id): product \(order.product) is not in products", file: order.file, line: order.line))
          orderStates[o] = .unplanned
          continue
        }
        per = catalog.recipeBase(of: p)
        if routing == nil { routing = catalog.products[p].routing }
      }
      let name = routing ?? order.product.raw
      guard let k = routingIndex.existingNumber(of: name).map(Int.init) else {
        findings.append(
          ShopFloorFinding("order \(order.id): routing \(name) is not in routings (no operations to track)", file: order.file, line: order.line))
        orderStates[o] = .unplanned
        continue
      }
      let runs = per.raw == ExactDecimal.one ? order.qty : ((try? order.qty.divided(by: per)) ?? order.qty)
      for s in routingStart[k]..<routingStart[k + 1] {
        let w = stepWorkcenter[s]
        var planned: OperationLoad?
        if w >= 0 {
          planned = try? OperationLoad.of(runs: runs, workcenter: workcenters[w], step: steps[s], convention: convention)
        }
        operations.append(TrackedOperation(order: o, step: steps[s], workcenter: w, planned: planned))
      }
    }
  }

  // MARK: - Events

  mutating func apply(_ events: [OperationEvent], asOf: LocalDateTime?) {
    var orderIndex = CodeTable(capacity: orders.count)
    for o in orders { _ = orderIndex.number(of: o.id) }
    var workcenterIndex = CodeTable(capacity: workcenters.count)
    for w in workcenters { _ = workcenterIndex.number(of: w.id) }
    // What the state machine reads, in compact columns: sorting and applying never
    // copy an event or jump into the events array (1,000,000 events: cache misses).
    var seconds = [Int](repeating: 0, count: events.count)
    // Kind (0 ... 4, 255: none) and operator (-1: none) of each event, in one word: one cache line read per event.
    var packed = [Int64](repeating: 0, count: events.count)
    var operatorNames = CodeTable()
    let kindCodes = OperationEventKind.allCases
    for i in events.indices {
      seconds[i] = events[i].at.seconds
      let kind = events[i].kind.flatMap { k in kindCodes.firstIndex(of: k) } ?? 255
      let who = events[i].operatorName.isEmpty ? -1 : Int64(operatorNames.number(of: events[i].operatorName))
      packed[i] = Int64(kind) | (who << 8)
    }
    let opWorkcenter = operations.map { Int32($0.workcenter) }
    // The operation each event's (order, workcenter) names first; -1: rejected.
    var target = [Int32](repeating: -1, count: events.count)
    var bucketSize = [Int32](repeating: 0, count: operations.count + 1)
    var rejected: [EventRejection] = []
    for i in events.indices {
      guard let o = orderIndex.existingNumber(of: events[i].order).map(Int.init) else {
        let e = events[i]
        rejected.append(EventRejection(event: i, reason: "unknown order \(e.order)"))
        continue
      }
      guard events[i].kind != nil else {
        let e = events[i]
        rejected.append(
          EventRejection(event: i, reason: "unknown event \"\(e.eventText)\" (start, pause, restart, close or cancel)"))
        continue
      }
      if let asOf, events[i].at > asOf {
        rejected.append(EventRejection(event: i, reason: "after --as-of \(asOf)"))
        continue
      }
      if orderStates[o] == .unplanned {
        rejected.append(EventRejection(event: i, reason: "order \(events[i].order) has no operations to track"))
        continue
      }
      var found = -1
      let wc = workcenterIndex.existingNumber(of: events[i].workcenter)
      if let w = wc {
        for k in operationStart[o]..<operationStart[o + 1] where opWorkcenter[k] == w {
          found = k
          break
        }
      }
      if found < 0 && wc == nil {
        let e = events[i]
        rejected.append(EventRejection(event: i, reason: "workcenter \(e.workcenter) is not in workcenters"))
        continue
      }
      guard found >= 0 else {
        let e = events[i]
        let routing = operations[operationStart[o]].step.routing
        rejected.append(
          EventRejection(event: i, reason: "workcenter \(e.workcenter) is not in the routing of order \(e.order) (\(routing))"))
        continue
      }
      target[i] = Int32(found)
      bucketSize[found + 1] += 1
    }
    // Events grouped by their first operation (a counting sort), each group in time order.
    var start = [Int](repeating: 0, count: operations.count + 1)
    for k in 0..<operations.count { start[k + 1] = start[k] + Int(bucketSize[k + 1]) }
    var fill = start
    var grouped = [Int32](repeating: 0, count: start[operations.count])
    for i in events.indices where target[i] >= 0 {
      let k = Int(target[i])
      grouped[fill[k]] = Int32(i)
      fill[k] += 1
    }
    var days: [Int: (run: Int, pause: Int)] = [:]
    for k in 0..<operations.count where start[k] < start[k + 1] {
      var group = Array(grouped[start[k]..<start[k + 1]])
      if group.count > 1 {
        group.sort { a, b in
          let x = seconds[Int(a)]
          let y = seconds[Int(b)]
          return x != y ? x < y : a < b
        }
      }
      var current = k
      for i in group {
        let e = Int(i)
        // A closed operation hands later events to the next one at the same workcenter.
        if operations[current].state == .done || operations[current].state == .cancelled {
          let o = operations[current].order
          var next = current + 1
          let w = opWorkcenter[current]
          while next < operationStart[o + 1] && (w < 0 || opWorkcenter[next] != w) { next += 1 }
          if next < operationStart[o + 1] { current = next }
        }
        let word = packed[e]
        guard word & 0xFF < kindCodes.count else { continue }
        let kind = kindCodes[Int(word & 0xFF)]
        let who = Int(word >> 8)
        let name = who >= 0 ? operatorNames.codes[who] : nil
        if let reason = Self.step(
          &operations[current], kind, at: LocalDateTime(seconds: seconds[e]), operatorName: name, days: &days)
        {
          rejected.append(EventRejection(event: Int(i), reason: reason))
        }
      }
    }
    // Intervals still open at the end count up to --as-of.
    if let asOf {
      for k in operations.indices {
        guard let since = operations[k].since, since < asOf else { continue }
        let w = operations[k].workcenter
        if operations[k].state == .running {
          operations[k].runningSeconds += asOf - since
          Self.spread(w, from: since, to: asOf, running: true, into: &days)
        } else if operations[k].state == .paused {
          operations[k].pausedSeconds += asOf - since
          Self.spread(w, from: since, to: asOf, running: false, into: &days)
        }
      }
    }
    rejected.sort { $0.event < $1.event }
    rejections = rejected
    var rows: [WorkcenterDay] = []
    rows.reserveCapacity(days.count)
    for (key, v) in days {
      let w = key >> 32
      let d = LocalDate(dayNumber: (key & 0xFFFF_FFFF) - (1 << 31))
      rows.append(
        WorkcenterDay(workcenter: w, date: d, runningSeconds: v.run, pausedSeconds: v.pause, available: workcenters[w].hoursPerDay))
    }
    rows.sort { $0.workcenter != $1.workcenter ? $0.workcenter < $1.workcenter : $0.date < $1.date }
    workcenterDays = rows
  }

  /// Applies one event to its operation; the reason when it cannot be applied.
  static func step(
    _ op: inout TrackedOperation, _ kind: OperationEventKind, at: LocalDateTime, operatorName: String?,
    days: inout [Int: (run: Int, pause: Int)]
  ) -> String? {
    let w = op.workcenter
    func closeInterval() {
      guard let since = op.since else { return }
      if op.state == .running {
        op.runningSeconds += at - since
        Self.spread(w, from: since, to: at, running: true, into: &days)
      } else if op.state == .paused {
        op.pausedSeconds += at - since
        Self.spread(w, from: since, to: at, running: false, into: &days)
      }
      op.since = nil
    }
    switch (op.state, kind) {
    case (.draft, .start):
      op.state = .running
      op.startedAt = at
      op.since = at
    case (.running, .pause):
      closeInterval()
      op.state = .paused
      op.since = at
    case (.paused, .restart):
      closeInterval()
      op.state = .running
      op.since = at
    case (.running, .close):
      closeInterval()
      op.state = .done
      op.finishedAt = at
    case (.draft, .cancel), (.running, .cancel), (.paused, .cancel):
      closeInterval()
      op.state = .cancelled
      op.finishedAt = at
    case (.draft, _):
      return "\(kind.rawValue) before start"
    case (.running, _):
      return "\(kind.rawValue) while running"
    case (.paused, .close):
      return "close while paused (restart it first)"
    case (.paused, _):
      return "\(kind.rawValue) while paused"
    case (.done, _):
      return "\(kind.rawValue) after close (closed at \(op.finishedAt.map { "\($0)" } ?? ""))"
    case (.cancelled, _):
      return "\(kind.rawValue) after cancel (cancelled at \(op.finishedAt.map { "\($0)" } ?? ""))"
    }
    if let operatorName, !op.operators.contains(operatorName) { op.operators.append(operatorName) }
    return nil
  }

  /// Adds the interval [from, to) to its workcenter's days, split at midnight.
  static func spread(_ w: Int, from: LocalDateTime, to: LocalDateTime, running: Bool, into days: inout [Int: (run: Int, pause: Int)]) {
    guard w >= 0, from < to else { return }
    var a = from.seconds
    while a < to.seconds {
      let day = a >= 0 ? a / 86_400 : (a - 86_399) / 86_400
      let b = min(to.seconds, (day + 1) * 86_400)
      let key = w << 32 | (day + (1 << 31))
      days[key, default: (0, 0)].run += running ? b - a : 0
      days[key, default: (0, 0)].pause += running ? 0 : b - a
      a = b
    }
  }

  // MARK: - Orders

  /// An order runs from its first start; it is done when every operation is closed
  /// or cancelled and at least one closed (at the last close), cancelled when all are.
  mutating func settleOrders() {
    orderStarted = [LocalDateTime?](repeating: nil, count: orders.count)
    orderDone = [LocalDateTime?](repeating: nil, count: orders.count)
    for o in orders.indices where orderStates[o] != .unplanned {
      let range = operationStart[o]..<operationStart[o + 1]
      if range.isEmpty { continue }
      var started: LocalDateTime?
      var lastClose: LocalDateTime?
      var finished = true
      var anyDone = false
      for k in range {
        if let t = operations[k].startedAt, started.map({ t < $0 }) ?? true { started = t }
        switch operations[k].state {
        case .done:
          anyDone = true
          if let t = operations[k].finishedAt, lastClose.map({ t > $0 }) ?? true { lastClose = t }
        case .cancelled: break
        default: finished = false
        }
      }
      orderStarted[o] = started
      if finished && anyDone {
        orderStates[o] = .done
        orderDone[o] = lastClose
      } else if finished {
        orderStates[o] = .cancelled
      } else if orderStarted[o] != nil {
        orderStates[o] = .running
      }
    }
  }

  /// The stock moves of the done orders, in orders-file order (SPEC §5.6): for each,
  /// the receipt of its product (+qty, `line`), then its recipe's show lines in pos
  /// order (support and service products excepted: never stocked) — components consumed (−qty × line qty ÷ per) and by-products received
  /// (+) — each rounded half-up to 2 decimals (SPEC §5.1: stock moves in the unit's
  /// 2 decimals), dated on the day the last operation closed. A line's warehouse is
  /// its recipe line's, else the order's. The lines and their quantities are the
  /// recipe's folio (`RecipeCatalog.forEachFolioLine`, as post-documents loads it); a
  /// quantity too large to keep exactly is an error, never a move left out.
  public func moves(catalog: RecipeCatalog?) throws(RecipeError) -> [OrderMove] {
    var out: [OrderMove] = []
    for o in orders.indices where orderStates[o] == .done {
      guard let done = orderDone[o] else { continue }
      let order = orders[o]
      let date = done.date
      out.append(
        OrderMove(order: o, date: date, product: order.product, warehouse: order.warehouse, qty: order.qty.rounded(toPlaces: 2), isLine: true))
      guard let catalog, let p = catalog.productNumber(order.product) else { continue }
      try catalog.forEachFolioLine(of: p, qty: order.qty) { (e, q) throws(RecipeError) in
        let type = catalog.products[catalog.lineComponent[e]].type
        if type == .support || type == .service { return }  // text lines and services are never stocked
        let signed = catalog.lineIsComponent[e] ? -q : q
        let w = catalog.warehouses[catalog.warehouse(ofLine: e)] ?? order.warehouse
        out.append(
          OrderMove(
            order: o, date: date, product: catalog.products[catalog.lineComponent[e]].code, warehouse: w,
            qty: signed.rounded(toPlaces: 2), isLine: false))
      }
    }
    return out
  }
}
