import TallerCore

/// The tables of schedule-mrp: planned orders, exceptions and workcenter load,
/// in the column order each documents.
public enum PlanningTables {
  /// SPEC §5.3's columns, then the pegging and the explanation of each order.
  public static let orderColumns = [
    "order", "type", "product", "qty", "start_date", "due_date", "pegged_to", "supplier", "workcenter_hours",
    "demand", "parent_order", "level", "gross", "stock_used", "receipts_used", "net", "rule", "lot_multiple",
  ]

  /// One row per planned order, in plan order (`MaterialPlan`).
  public static func write(orders plan: MaterialPlan, to table: TableWriter) throws(OutputError) {
    // Each id made once: a parent's id is written on every row it explodes into.
    var ids: [String] = []
    ids.reserveCapacity(plan.count)
    for i in 0..<plan.count {
      ids.append(plan.type[i] == .shipment ? ids[Int(plan.parent[i])] + "/ship/" + String(plan.ordinal[i]) : plan.id(i))
    }
    for i in 0..<plan.count where plan.isListed(i) {
      let merged = plan.members[Int32(i)]
      table.text(ids[i])
      table.text(plan.type[i].name)
      table.text(plan.productCode(i).raw)
      table.number(plan.qty[i])
      table.date(plan.start[i])
      table.date(plan.due[i])
      if let merged {
        // A merged purchase: every requirement it serves, |-separated.
        let group = [i] + merged.map { Int($0) }
        table.text(joined(group.map { plan.parent[$0] >= 0 ? ids[Int(plan.parent[$0])] : plan.demands[Int(plan.demand[$0])].id }))
        table.optionalText(plan.supplier(i))
        table.number(plan.workcenterHours[i])
        table.text(joined(group.map { plan.demands[Int(plan.demand[$0])].id }))
        table.optionalText(joined(group.compactMap { plan.parent[$0] >= 0 ? ids[Int(plan.parent[$0])] : nil }))
      } else {
        let parent = Int(plan.parent[i])
        let demand = plan.demands[Int(plan.demand[i])].id
        let parentID = parent >= 0 ? ids[parent] : nil
        table.text(parentID ?? demand)
        table.optionalText(plan.supplier(i))
        table.number(plan.workcenterHours[i])
        table.text(demand)
        table.optionalText(parentID)
      }
      table.int(Int(plan.level[Int(plan.product[i])]))
      table.number(plan.gross[i])
      table.number(plan.stockUsed[i])
      table.number(plan.receiptsUsed[i])
      table.number(plan.net[i])
      table.optionalText(plan.rule(i))
      if let lot = plan.lotMultiple(i) { table.number(lot) } else { table.empty() }
      try table.endRow()
    }
  }

  /// Distinct values in order, `|`-separated (a merged purchase's peggings).
  static func joined(_ values: [String]) -> String {
    if values.count == 1 { return values[0] }
    var seen = Set<String>()
    return values.filter { seen.insert($0).inserted }.joined(separator: "|")
  }

  public static let exceptionColumns = ["kind", "product", "demand", "order", "date", "qty", "message", "source"]

  /// One row per exception, in the order found: input rows first (unknown
  /// workcenters and routings, stock and receipts, demands), then the plan's.
  public static func write(exceptions plan: MaterialPlan, to table: TableWriter) throws(OutputError) {
    for e in plan.exceptions {
      table.text(e.kind.rawValue)
      table.optionalText(e.product?.raw)
      table.optionalText(e.demand)
      if let o = e.order { table.text(plan.id(plan.listed(o))) } else { table.empty() }
      table.date(e.date)
      if let q = e.qty { table.number(q) } else { table.empty() }
      table.text(plan.message(of: e))
      table.optionalText(e.line > 0 ? "\(e.file):\(e.line)" : nil)
      try table.endRow()
    }
  }

  public static let loadColumns = [
    "workcenter", "name", "period", "start", "end", "hours", "cycles", "capacity_hours", "load_pct", "overloaded",
  ]

  public static func write(load rows: [WorkcenterLoad], of plan: MaterialPlan, to table: TableWriter)
    throws(OutputError)
  {
    for row in rows {
      let w = plan.workcenters[row.workcenter]
      table.text(w.id)
      table.optionalText(w.name)
      table.text(row.period)
      table.date(row.start)
      table.date(row.end)
      table.number(row.hours)
      table.number(row.cycles)
      if let c = row.capacity { table.number(c) } else { table.empty() }
      if let p = row.percent { table.number(p, places: 2) } else { table.empty() }
      table.bool(row.isOverloaded)
      try table.endRow()
    }
  }

  public static let changeColumns = [
    "change", "order", "type", "product", "old_qty", "qty", "old_start_date", "start_date", "old_due_date",
    "due_date", "cause",
  ]

  public static func write(changes: [PlanChange], to table: TableWriter) throws(OutputError) {
    for c in changes {
      table.text(c.kind.rawValue)
      table.text(c.order)
      table.optionalText(c.type)
      table.text(c.product.raw)
      if let q = c.oldQty { table.number(q) } else { table.empty() }
      if let q = c.qty { table.number(q) } else { table.empty() }
      table.date(c.oldStart)
      table.date(c.start)
      table.date(c.oldDue)
      table.date(c.due)
      table.text(c.cause)
      try table.endRow()
    }
  }
}
