import TallerCore

/// Reads the planning files of SPEC §3 — `demand`, `stock`, `receipts`,
/// `workcenters`, `routings` — for schedule-mrp, over the one row reader
/// (`TableReading`): a cell that cannot be read is recorded with its
/// FILE:LINE:COLUMN and reading goes on; `reading.check()` then stops the command
/// (status 65) before anything is planned. The catalogue is read by `RecipeReaders`.
public struct PlanningReaders {
  public let reading: TableReading

  public init(_ reading: TableReading) { self.reading = reading }

  /// Demands: `product`, `qty`, and `due_date` or `order_date` (at least one);
  /// `id` (numbered 1, 2, … by place among all the demands when absent). Two
  /// demands with the same id are an error (an id names its planned orders).
  public func demands(_ sources: [InputSource]) throws(InputError) -> [Demand] {
    let s = Schemas.demand
    let c = (
      id: s.position(of: "id"), product: s.position(of: "product"), qty: s.position(of: "qty"),
      orderDate: s.position(of: "order_date"), dueDate: s.position(of: "due_date")
    )
    var out: [Demand] = []
    var seen: [String: Int] = [:]
    for source in sources {
      guard let t = try reading.open(source, s) else { continue }
      try reading.forEachRecord(t) { (r) throws(InputError) in
        let product = reading.cell { () throws(InputError) in try t.requiredCode(r, c.product) }
        let qty = reading.cell { () throws(InputError) in try t.requiredDecimal(r, c.qty) }
        let ordered = reading.cell { () throws(InputError) in try t.date(r, c.orderDate) }
        let due = reading.cell { () throws(InputError) in try t.date(r, c.dueDate) }
        if t.isBlank(r, c.orderDate) && t.isBlank(r, c.dueDate) {
          reading.add(
            InputError(
              at: t.place(r, t.has(c.dueDate) ? c.dueDate : c.orderDate),
              "a demand needs a due_date or an order_date (with the product's customer lead)"))
          return
        }
        guard let product, let qty, ordered != nil || due != nil else { return }
        let id = t.optionalCode(r, c.id) ?? String(out.count + 1)
        if let first = seen[id] {
          reading.add(
            InputError(at: t.place(r, c.id), "demand id \(id) is repeated (first at line \(first)); ids name the planned orders"))
          return
        }
        seen[id] = r.line
        out.append(
          Demand(
            id: id, product: ProductCode(product), qty: qty, orderDate: ordered, dueDate: due, file: t.reader.name,
            line: r.line))
      }
    }
    return out
  }

  /// Stock on hand: `product`, `on_hand`, optionally `warehouse`.
  public func stock(_ sources: [InputSource]) throws(InputError) -> [StockOnHand] {
    let s = Schemas.stock
    let c = (product: s.position(of: "product"), warehouse: s.position(of: "warehouse"), onHand: s.position(of: "on_hand"))
    var out: [StockOnHand] = []
    for source in sources {
      guard let t = try reading.open(source, s) else { continue }
      try reading.forEachRecord(t) { (r) throws(InputError) in
        let product = reading.cell { () throws(InputError) in try t.requiredCode(r, c.product) }
        let onHand = reading.cell { () throws(InputError) in try t.requiredDecimal(r, c.onHand) }
        guard let product, let onHand else { return }
        out.append(
          StockOnHand(
            product: ProductCode(product), warehouse: t.optionalCode(r, c.warehouse).map { Warehouse($0) },
            onHand: onHand, file: t.reader.name, line: r.line))
      }
    }
    return out
  }

  /// Open receipts: `product`, `qty`, `date`.
  public func receipts(_ sources: [InputSource]) throws(InputError) -> [OpenReceipt] {
    let s = Schemas.receipts
    let c = (product: s.position(of: "product"), qty: s.position(of: "qty"), date: s.position(of: "date"))
    var out: [OpenReceipt] = []
    for source in sources {
      guard let t = try reading.open(source, s) else { continue }
      try reading.forEachRecord(t) { (r) throws(InputError) in
        let product = reading.cell { () throws(InputError) in try t.requiredCode(r, c.product) }
        let qty = reading.cell { () throws(InputError) in try t.requiredDecimal(r, c.qty) }
        let date = reading.cell { () throws(InputError) in try t.requiredDate(r, c.date) }
        guard let product, let qty, let date else { return }
        out.append(OpenReceipt(product: ProductCode(product), qty: qty, date: date, file: t.reader.name, line: r.line))
      }
    }
    return out
  }

  /// Workcenters (SPEC §5.4): `id`; blank CA is 1, blank TC/TS/TN 0, blank ET the
  /// convention's default. A repeated id is an error.
  public func workcenters(_ sources: [InputSource]) throws(InputError) -> [Workcenter] {
    let s = Schemas.workcenters
    let c = (
      id: s.position(of: "id"), name: s.position(of: "name"), type: s.position(of: "type"),
      ca: s.position(of: "capacity_per_cycle"), tc: s.position(of: "hours_per_cycle"),
      ts: s.position(of: "setup_hours"), tn: s.position(of: "cleanup_hours"), et: s.position(of: "efficiency"),
      perDay: s.position(of: "hours_per_day")
    )
    var out: [Workcenter] = []
    var seen: [String: Int] = [:]
    for source in sources {
      guard let t = try reading.open(source, s) else { continue }
      try reading.forEachRecord(t) { (r) throws(InputError) in
        guard let id = reading.cell({ () throws(InputError) in try t.requiredCode(r, c.id) }) else { return }
        if let first = seen[id] {
          reading.add(InputError(at: t.place(r, c.id), "workcenter \(id) is repeated (first at line \(first))"))
          return
        }
        seen[id] = r.line
        func qty(_ column: Int) -> Quantity? { reading.cell { () throws(InputError) in try t.decimal(r, column) } }
        out.append(
          Workcenter(
            id: id, name: t.text(r, c.name), type: t.code(r, c.type), capacityPerCycle: qty(c.ca) ?? Quantity(1),
            hoursPerCycle: qty(c.tc) ?? .zero, setupHours: qty(c.ts) ?? .zero, cleanupHours: qty(c.tn) ?? .zero,
            efficiency: qty(c.et), hoursPerDay: qty(c.perDay), file: t.reader.name, line: r.line))
      }
    }
    return out
  }

  /// Routing operations: `routing`, `workcenter`, `seq` (blank: 0), `operation`,
  /// `cycles_per_unit` (blank: 1), `hours_per_unit` (blank: 0).
  public func routings(_ sources: [InputSource]) throws(InputError) -> [RoutingStep] {
    let s = Schemas.routings
    let c = (
      routing: s.position(of: "routing"), seq: s.position(of: "seq"), operation: s.position(of: "operation"),
      workcenter: s.position(of: "workcenter"), cycles: s.position(of: "cycles_per_unit"),
      hours: s.position(of: "hours_per_unit")
    )
    var out: [RoutingStep] = []
    for source in sources {
      guard let t = try reading.open(source, s) else { continue }
      try reading.forEachRecord(t) { (r) throws(InputError) in
        let routing = reading.cell { () throws(InputError) in try t.requiredCode(r, c.routing) }
        let workcenter = reading.cell { () throws(InputError) in try t.requiredCode(r, c.workcenter) }
        guard let routing, let workcenter else { return }
        out.append(
          RoutingStep(
            routing: routing, seq: reading.cell { () throws(InputError) in try t.int(r, c.seq) } ?? 0,
            operation: t.text(r, c.operation), workcenter: workcenter,
            cyclesPerUnit: reading.cell { () throws(InputError) in try t.decimal(r, c.cycles) } ?? Quantity(1),
            hoursPerUnit: reading.cell { () throws(InputError) in try t.decimal(r, c.hours) } ?? .zero,
            file: t.reader.name, line: r.line))
      }
    }
    return out
  }

  /// The previous night's planned orders (schedule-mrp's own output): `order`,
  /// `product`, `qty`, `start_date`, `due_date`; `type`, `demand`, `parent_order`,
  /// `gross`, `stock_used`, `receipts_used` when present.
  public func previousPlan(_ sources: [InputSource]) throws(InputError) -> [PreviousOrder] {
    let s = Schemas.plannedOrders
    let c = (
      order: s.position(of: "order"), type: s.position(of: "type"), product: s.position(of: "product"),
      qty: s.position(of: "qty"), start: s.position(of: "start_date"), due: s.position(of: "due_date"),
      demand: s.position(of: "demand"), parent: s.position(of: "parent_order"), gross: s.position(of: "gross"),
      stock: s.position(of: "stock_used"), receipts: s.position(of: "receipts_used")
    )
    var out: [PreviousOrder] = []
    for source in sources {
      guard let t = try reading.open(source, s) else { continue }
      try reading.forEachRecord(t) { (r) throws(InputError) in
        let id = reading.cell { () throws(InputError) in try t.requiredCode(r, c.order) }
        let product = reading.cell { () throws(InputError) in try t.requiredCode(r, c.product) }
        let qty = reading.cell { () throws(InputError) in try t.requiredDecimal(r, c.qty) }
        let start = reading.cell { () throws(InputError) in try t.requiredDate(r, c.start) }
        let due = reading.cell { () throws(InputError) in try t.requiredDate(r, c.due) }
        guard let id, let product, let qty, let start, let due else { return }
        func qtyCell(_ column: Int) -> Quantity? { reading.cell { () throws(InputError) in try t.decimal(r, column) } }
        out.append(
          PreviousOrder(
            id: id, type: t.code(r, c.type), product: ProductCode(product), qty: qty, start: start, due: due,
            demand: t.code(r, c.demand), parent: t.code(r, c.parent), gross: qtyCell(c.gross),
            stockUsed: qtyCell(c.stock), receiptsUsed: qtyCell(c.receipts)))
      }
    }
    return out
  }

  /// The working-day calendar: a row per weekday (`weekday` 1–7 with Monday 1, or
  /// mon…sun, lunes…domingo) or per date (`date`: a holiday, or with `working`
  /// true a working day off the pattern); `working` blank is false. Weekdays not
  /// listed are working days. A pattern without any working weekday is an error.
  public func calendar(_ sources: [InputSource]) throws(InputError) -> WorkCalendar {
    let s = Schemas.calendar
    let c = (date: s.position(of: "date"), weekday: s.position(of: "weekday"), working: s.position(of: "working"))
    var out = WorkCalendar()
    let names = [
      ["1", "mon", "monday", "lun", "lunes"], ["2", "tue", "tuesday", "mar", "martes"],
      ["3", "wed", "wednesday", "mie", "mié", "miercoles", "miércoles"], ["4", "thu", "thursday", "jue", "jueves"],
      ["5", "fri", "friday", "vie", "viernes"], ["6", "sat", "saturday", "sab", "sáb", "sabado", "sábado"],
      ["7", "sun", "sunday", "dom", "domingo"],
    ]
    var last: SourceLocation?
    for source in sources {
      guard let t = try reading.open(source, s) else { continue }
      try reading.forEachRecord(t) { (r) throws(InputError) in
        last = SourceLocation(file: t.reader.name, line: r.line)
        let working = reading.cell { () throws(InputError) in try t.bool(r, c.working) } ?? false
        if let weekday = t.optionalCode(r, c.weekday) {
          guard let k = names.firstIndex(where: { $0.contains(weekday.lowercased()) }) else {
            reading.add(t.invalid(r, c.weekday, "is not a weekday (1–7 from Monday, or mon…sun, lunes…domingo)"))
            return
          }
          out.weekly[k] = working
        } else if let date = reading.cell({ () throws(InputError) in try t.date(r, c.date) }) {
          out.exceptions[date] = working
        } else if t.isBlank(r, c.date) {
          reading.add(InputError(at: t.place(r, c.date), "a calendar row needs a date or a weekday"))
        }
      }
    }
    if !out.hasWorkingWeekday {
      reading.add(InputError(at: last ?? SourceLocation(file: ""), "the calendar has no working weekday"))
    }
    return out
  }
}
