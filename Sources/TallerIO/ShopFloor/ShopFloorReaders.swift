import TallerCore

/// The shop-floor files (seed 003, SPEC §5.6–5.7).
extension Schemas {
  /// Production orders: the plant's own, or schedule-mrp's planned orders (its
  /// `type` column: rows other than production and task are skipped).
  public static let productionOrders = Schema("production orders", [
    Column("order", .code, required: true, aliases: ["orden", "ot", "id", "orden_produccion", "op"]),
    Column("product", .code, required: true, aliases: ["producto", "code", "codigo"]),
    Column("qty", .qty, required: true, aliases: ["cantidad"]),
    Column("start_date", .date, aliases: ["fecha_inicio", "inicio"]),
    Column("routing", .code, aliases: ["ruta"]),
    Column("warehouse", .code, aliases: ["bodega"]),
    Column("type", .code, aliases: ["tipo"]),
  ])

  /// Scanned events: order, workcenter, event, at, operator.
  public static let operationEvents = Schema("events", [
    Column("order", .code, required: true, aliases: ["orden", "ot", "orden_produccion", "op"]),
    Column("workcenter", .code, required: true, aliases: ["centro", "centro_trabajo", "puesto"]),
    Column("event", .code, required: true, aliases: ["evento", "accion"]),
    Column("at", .text, required: true, aliases: ["fecha_hora", "hora", "momento", "datetime", "timestamp", "time"]),
    Column("operator", .text, aliases: ["operador", "operario", "usuario"]),
  ])
}

extension BoundTable {
  /// A date and time (`LocalDateTime.parse`), or nil when blank.
  public func dateTime(_ record: Record, _ column: Int) throws(InputError) -> LocalDateTime? {
    guard let f = fieldOf[column], !record.isBlank(f) else { return nil }
    let mf = monthFirst
    let r = record.withField(f) { bytes in
      Result { () throws(DateTimeError) -> LocalDateTime in try LocalDateTime.parse(utf8: bytes, monthFirst: mf) }
    }
    switch r {
    case .success(let v): return v
    case .failure(let e): throw invalid(record, column, e.message)
    }
  }

  public func requiredDateTime(_ record: Record, _ column: Int) throws(InputError) -> LocalDateTime {
    guard let d = try dateTime(record, column) else { throw missing(record, column) }
    return d
  }
}

/// Reads production orders and scanned events over the one row reader; workcenters
/// and routings are read by `PlanningReaders`, products and recipes by `RecipeReaders`.
public struct ShopFloorReaders {
  public let reading: TableReading

  public init(_ reading: TableReading) { self.reading = reading }

  /// Orders: `order`, `product`, `qty` (≥ 0), optionally `start_date`, `routing`,
  /// `warehouse`, `type`. A repeated order id is an error (events name orders).
  /// Returns the orders and how many planned rows of another type were skipped.
  public func orders(_ sources: [InputSource]) throws(InputError) -> (orders: [ProductionOrder], skipped: Int) {
    let s = Schemas.productionOrders
    let c = (
      order: s.position(of: "order"), product: s.position(of: "product"), qty: s.position(of: "qty"),
      start: s.position(of: "start_date"), routing: s.position(of: "routing"), warehouse: s.position(of: "warehouse"),
      type: s.position(of: "type")
    )
    var out: [ProductionOrder] = []
    var skipped = 0
    var seen: [String: Int] = [:]
    for source in sources {
      guard let t = try reading.open(source, s) else { continue }
      try reading.forEachRecord(t) { (r) throws(InputError) in
        if let type = t.optionalCode(r, c.type)?.lowercased(), type != "production", type != "task",
          type != "produccion", type != "manufacturing"
        {
          skipped += 1
          return
        }
        let id = reading.cell { () throws(InputError) in try t.requiredCode(r, c.order) }
        let product = reading.cell { () throws(InputError) in try t.requiredCode(r, c.product) }
        let qty = reading.cell { () throws(InputError) in try t.requiredDecimal(r, c.qty) }
        let start = reading.cell { () throws(InputError) in try t.date(r, c.start) }
        guard let id, let product, let qty else { return }
        if qty.isNegative {
          reading.add(t.invalid(r, c.qty, "is negative; an order makes 0 or more units"))
          return
        }
        if let first = seen[id] {
          reading.add(InputError(at: t.place(r, c.order), "order \(id) is repeated (first at line \(first)); events name orders"))
          return
        }
        seen[id] = r.line
        out.append(
          ProductionOrder(
            id: id, product: ProductCode(product), qty: qty, startDate: start, routing: t.optionalCode(r, c.routing),
            warehouse: t.optionalCode(r, c.warehouse).map { Warehouse($0) }, file: t.reader.name, line: r.line))
      }
    }
    return (out, skipped)
  }

  /// Events: `order`, `workcenter`, `event` (kept as scanned; an unknown name is
  /// rejected by the tracking, not here), `at`, `operator`.
  public func events(_ sources: [InputSource]) throws(InputError) -> [OperationEvent] {
    let s = Schemas.operationEvents
    let c = (
      order: s.position(of: "order"), workcenter: s.position(of: "workcenter"), event: s.position(of: "event"),
      at: s.position(of: "at"), operatorName: s.position(of: "operator")
    )
    var out: [OperationEvent] = []
    for source in sources {
      guard let t = try reading.open(source, s) else { continue }
      try reading.forEachRecord(t) { (r) throws(InputError) in
        let order = reading.cell { () throws(InputError) in try t.requiredCode(r, c.order) }
        let workcenter = reading.cell { () throws(InputError) in try t.requiredCode(r, c.workcenter) }
        let event = reading.cell { () throws(InputError) in try t.requiredCode(r, c.event) }
        let at = reading.cell { () throws(InputError) in try t.requiredDateTime(r, c.at) }
        guard let order, let workcenter, let event, let at else { return }
        out.append(
          OperationEvent(
            order: order, workcenter: workcenter, kind: OperationEventKind(parsing: event), eventText: event, at: at,
            operatorName: t.code(r, c.operatorName), file: t.reader.name, line: r.line))
      }
    }
    return out
  }
}

/// The tables of track-operations, in the column order each documents.
public enum ShopFloorTables {
  public static let operationColumns = [
    "order", "product", "qty", "seq", "operation", "workcenter", "state", "planned_cycles", "planned_hours",
    "real_hours", "variance_hours", "paused_hours", "started_at", "finished_at", "operators", "order_state",
  ]

  /// One row per operation: orders in file order, operations in routing order.
  public static func write(operations floor: ShopFloor, to table: TableWriter) throws(OutputError) {
    for (o, order) in floor.orders.enumerated() {
      for k in floor.operationStart[o]..<floor.operationStart[o + 1] {
        let op = floor.operations[k]
        table.text(order.id)
        table.text(order.product.raw)
        table.number(order.qty)
        table.int(op.step.seq)
        table.optionalText(op.step.operation)
        table.text(op.step.workcenter)
        table.text(op.state.rawValue)
        if let p = op.planned { table.number(p.cycles); table.number(p.hours) } else { table.empty(); table.empty() }
        table.number(op.realHours)
        if let v = op.variance { table.number(v) } else { table.empty() }
        table.number(op.pausedHours)
        table.optionalText(op.startedAt?.description)
        table.optionalText(op.finishedAt?.description)
        table.text(op.operators.joined(separator: "|"))
        table.text(floor.orderStates[o].rawValue)
        try table.endRow()
      }
    }
  }

  public static let orderColumns = [
    "order", "product", "qty", "state", "started_at", "done_at", "operations", "done_operations", "planned_hours",
    "real_hours", "variance_hours",
  ]

  /// One row per order, in file order (`--orders-out`).
  public static func write(orders floor: ShopFloor, to table: TableWriter) throws(OutputError) {
    for (o, order) in floor.orders.enumerated() {
      let ops = floor.operations(of: o)
      var planned = Quantity.zero
      var real = Quantity.zero
      var complete = true
      for op in ops {
        real += op.realHours
        if let p = op.planned { planned += p.hours } else { complete = false }
      }
      table.text(order.id)
      table.text(order.product.raw)
      table.number(order.qty)
      table.text(floor.orderStates[o].rawValue)
      table.optionalText(floor.orderStarted[o]?.description)
      table.optionalText(floor.orderDone[o]?.description)
      table.int(ops.count)
      table.int(ops.filter { $0.state == .done }.count)
      if complete { table.number(planned) } else { table.empty() }
      table.number(real)
      if complete { table.number(real - planned) } else { table.empty() }
      try table.endRow()
    }
  }

  /// The moves of done orders, in post-documents' ledger columns
  /// (`DocumentTables.ledgerColumns`, SPEC §6.3): doc the order, type `MO` (manufacturing order), line 1.
  public static func write(moves: [OrderMove], of floor: ShopFloor, to table: TableWriter) throws(OutputError) {
    for m in moves {
      table.text(floor.orders[m.order].id)
      table.text("MO")
      table.date(m.date)
      table.empty()
      table.int(1)
      table.text(m.product.raw)
      table.optionalText(m.warehouse?.raw)
      table.number(m.qty)
      table.text(m.isLine ? "line" : "component")
      try table.endRow()
    }
  }

  public static let workcenterColumns = [
    "workcenter", "name", "date", "available_hours", "productive_hours", "paused_hours", "utilization_pct",
  ]

  public static func write(workcenters floor: ShopFloor, to table: TableWriter) throws(OutputError) {
    for d in floor.workcenterDays {
      let w = floor.workcenters[d.workcenter]
      table.text(w.id)
      table.optionalText(w.name)
      table.date(d.date)
      if let a = d.available { table.number(a) } else { table.empty() }
      table.number(d.productiveHours)
      table.number(d.pausedHours)
      if let u = d.utilization { table.number(u, places: 2) } else { table.empty() }
      try table.endRow()
    }
  }

  public static let rejectColumns = ["order", "workcenter", "event", "at", "operator", "reason", "source"]

  public static func write(
    rejections floor: ShopFloor, events: [OperationEvent], to table: TableWriter
  ) throws(OutputError) {
    for r in floor.rejections {
      let e = events[r.event]
      table.text(e.order)
      table.text(e.workcenter)
      table.text(e.eventText)
      table.text(e.at.description)
      table.optionalText(e.operatorName)
      table.text(r.reason)
      table.text("\(e.file):\(e.line)")
      try table.endRow()
    }
  }
}
