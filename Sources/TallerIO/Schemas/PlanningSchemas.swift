/// The planning files of SPEC §3 (schedule-mrp).
extension Schemas {
  public static let demand = Schema("demand", [
    Column("id", .code, aliases: ["pedido", "demanda"]),
    Column("product", .code, required: true, aliases: ["producto", "code", "codigo"]),
    Column("qty", .qty, required: true, aliases: ["cantidad"]),
    Column("order_date", .date, aliases: ["fecha_pedido", "fecha"]),
    Column("due_date", .date, aliases: ["fecha_entrega", "entrega"]),
  ])

  public static let stock = Schema("stock", [
    Column("product", .code, required: true, aliases: ["producto", "code", "codigo"]),
    Column("warehouse", .code, aliases: ["bodega"]),
    Column("on_hand", .qty, required: true, aliases: ["existencia", "stock", "qty", "cantidad"]),
  ])

  public static let receipts = Schema("receipts", [
    Column("product", .code, required: true, aliases: ["producto", "code", "codigo"]),
    Column("qty", .qty, required: true, aliases: ["cantidad"]),
    Column("date", .date, required: true, aliases: ["fecha"]),
  ])

  public static let workcenters = Schema("workcenters", [
    Column("id", .code, required: true, aliases: ["workcenter", "code", "codigo"]),
    Column("name", .text, aliases: ["nombre"]),
    Column("type", .code, aliases: ["tipo"]),
    Column("capacity_per_cycle", .qty, aliases: ["ca"]),
    Column("hours_per_cycle", .qty, aliases: ["tc"]),
    Column("setup_hours", .qty, aliases: ["ts"]),
    Column("cleanup_hours", .qty, aliases: ["tn"]),
    Column("efficiency", .qty, aliases: ["et"]),
    Column("hours_per_day", .qty),
  ])

  public static let routings = Schema("routings", [
    Column("routing", .code, required: true, aliases: ["ruta"]),
    Column("seq", .int, aliases: ["secuencia"]),
    Column("operation", .text, aliases: ["operacion"]),
    Column("workcenter", .code, required: true),
    Column("cycles_per_unit", .qty),
    Column("hours_per_unit", .qty),
  ])
}

extension Schemas {
  /// schedule-mrp's own output, read back as the previous night's plan (`--previous`).
  public static let plannedOrders = Schema("planned orders", [
    Column("order", .code, required: true, aliases: ["orden"]),
    Column("type", .code),
    Column("product", .code, required: true, aliases: ["producto"]),
    Column("qty", .qty, required: true, aliases: ["cantidad"]),
    Column("start_date", .date, required: true),
    Column("due_date", .date, required: true),
    Column("pegged_to", .code),
    Column("supplier", .code),
    Column("workcenter_hours", .qty),
    Column("demand", .code),
    Column("parent_order", .code),
    Column("level", .int),
    Column("gross", .qty),
    Column("stock_used", .qty),
    Column("receipts_used", .qty),
    Column("net", .qty),
    Column("rule", .text),
    Column("lot_multiple", .qty),
  ])
}

extension Schemas {
  /// Working days (`--calendar`): rows of a weekday (1–7, Monday first, or its
  /// name) or of a date, each with `working` (default false: a day off).
  public static let calendar = Schema("calendar", [
    Column("date", .date, aliases: ["fecha"]),
    Column("weekday", .code, aliases: ["dia_semana", "dia"]),
    Column("working", .bool, aliases: ["laboral", "habil"]),
    Column("note", .text, aliases: ["nota", "motivo"]),
  ])
}
