/// The files of SPEC §3, declared once: canonical English names, the source
/// systems' Spanish names as aliases, types and what is required.
///
/// Column order within a schema is the canonical output order where a command
/// writes that kind of file.
public enum Schemas {
  public static let workOrders = Schema("work orders", [
    Column("ot", .code, required: true, aliases: ["id_ot", "orden"]),
    Column("parent_ot", .code, aliases: ["ot_principal"]),
    Column("kind", .code, aliases: ["id_tipo", "tipo"]),
    Column("active", .bool, aliases: ["estatus"]),
    Column("front", .int, aliases: ["id_frente", "frente"]),
    Column("site", .code, aliases: ["sitio"]),
    Column("yard", .code, aliases: ["id_patio", "patio"]),
    Column("vessel", .code, aliases: ["id_embarcacion", "embarcacion"]),
    Column("platform", .code, aliases: ["id_plataforma", "plataforma"]),
    Column("intercom", .code, aliases: ["id_intercom"]),
    Column("start_date", .date, aliases: ["fecha_inicio"]),
    Column("end_date", .date, aliases: ["fecha_fin"]),
  ])

  public static let annex = Schema("annex", [
    Column("ot", .code, aliases: ["id_ot", "orden"]),
    Column("import_id", .int, aliases: ["importacion_anexo", "importacion"]),
    Column("imported_on", .date, aliases: ["fecha_importacion"]),
    Column("active", .bool, aliases: ["es_activo"]),
    Column("annex", .code, aliases: ["anexo"]),
    Column("code", .code, required: true, aliases: ["codigo", "id_partida", "partida", "clave"]),
    Column("description", .text, aliases: ["concepto", "descripcion"]),
    Column("unit", .code, aliases: ["unidad"]),
    Column("authorized_qty", .qty, required: true, aliases: ["vol_total_proyectado", "volumen_proyectado", "cantidad"]),
    Column("unit_price_mxn", .money, aliases: ["pu_mn", "precio_unitario_mn", "pu_mxn"]),
    Column("unit_price_usd", .money, aliases: ["pu_usd", "precio_unitario_usd"]),
  ])

  public static let daily = Schema("daily status", [
    Column("ot", .code, required: true, aliases: ["id_ot", "orden"]),
    Column("date", .date, required: true, aliases: ["fecha"]),
    Column("status", .code, required: true, aliases: ["estatus", "id_estatus"]),
    Column("site", .code, aliases: ["sitio"]),
  ])

  /// The day columns of a month grid: `1`…`31`, also `d1`, `dia1`, `día 1` and the
  /// zero-padded `01`, `d01`, `dia01`. Column `k` of the result is day `k + 1`.
  public static let dayColumns: [Column] = (1...31).map { d in
    var aliases = ["d\(d)", "dia\(d)", "dia_\(d)", "d_\(d)"]
    if d < 10 { aliases += ["0\(d)", "d0\(d)", "dia0\(d)", "dia_0\(d)"] }
    return Column("\(d)", .text, aliases: aliases)
  }

  /// The daily statuses as a month grid: an OT, a month, a status per day column.
  public static let dailyGrid = Schema("daily status grid", [
    Column("ot", .code, required: true, aliases: ["id_ot", "orden"]),
    Column("year", .int, required: true, aliases: ["anio", "ano"]),
    Column("month", .int, required: true, aliases: ["mes"]),
    Column("site", .code, aliases: ["sitio"]),
  ] + dayColumns)

  /// Production (or programmed volumes) as a month grid: an OT, a concept, a time
  /// type, a month, a quantity per day column.
  public static let productionGrid = Schema("production grid", [
    Column("ot", .code, required: true, aliases: ["id_ot", "orden"]),
    Column("code", .code, required: true, aliases: ["codigo", "id_partida", "partida"]),
    Column("time_type", .code, aliases: ["tipo_tiempo"]),
    Column("year", .int, required: true, aliases: ["anio", "ano"]),
    Column("month", .int, required: true, aliases: ["mes"]),
  ] + dayColumns.map { Column($0.name, .qty, aliases: $0.aliases) })

  public static let production = Schema("production", [
    Column("ot", .code, required: true, aliases: ["id_ot", "orden"]),
    Column("code", .code, required: true, aliases: ["codigo", "id_partida", "partida"]),
    Column("date", .date, required: true, aliases: ["fecha"]),
    Column("time_type", .code, aliases: ["tipo_tiempo"]),
    Column("qty", .qty, required: true, aliases: ["volumen", "volumen_produccion", "cantidad"]),
  ])

  public static let gpu = Schema("generator vouchers", [
    Column("ot", .code, required: true, aliases: ["id_ot", "orden"]),
    Column("code", .code, required: true, aliases: ["codigo", "id_partida", "partida"]),
    Column("date", .date, required: true, aliases: ["fecha"]),
    Column("time_type", .code, aliases: ["tipo_tiempo"]),
    Column("status", .code, required: true, aliases: ["estatus", "id_estatus"]),
    Column("evidence_url", .text, aliases: ["evidencia", "url_evidencia"]),
    Column("updated_on", .date, aliases: ["fecha_actualizacion"]),
  ])

  public static let guards = Schema("guards", [
    Column("site", .code, required: true, aliases: ["sitio"]),
    Column("supervisor_a", .text, required: true),
    Column("supervisor_b", .text, required: true),
    Column("a_starts_on", .date, required: true, aliases: ["inicio_a"]),
    Column("days", .int, aliases: ["dias"]),
  ])

  public static let products = Schema("products", [
    Column("code", .code, required: true, aliases: ["codigo", "producto"]),
    Column("description", .text, aliases: ["descripcion"]),
    Column("type", .code, aliases: ["tipo"]),
    Column("unit", .code, aliases: ["unidad"]),
    Column("replacement_cost", .money, aliases: ["costo_reposicion"]),
    Column("customer_lead_days", .int),
    Column("production_lead_days", .int),
    Column("supplier_lead_days", .int),
    Column("supply", .code),
    Column("procure", .code),
    Column("supplier", .code, aliases: ["proveedor"]),
    Column("min_qty", .qty),
    Column("max_qty", .qty),
    Column("lot_multiple", .qty),
    Column("routing", .code),
    Column("warranty_months", .int, aliases: ["garantia_meses", "meses_garantia"]),
  ])

  public static let bom = Schema("recipe", [
    Column("parent", .code, required: true, aliases: ["padre", "producto"]),
    Column("component", .code, required: true, aliases: ["componente"]),
    Column("qty", .qty, required: true, aliases: ["cantidad"]),
    Column("per", .qty, aliases: ["por"]),
    Column("show", .bool, aliases: ["mostrar", "m"]),
    Column("pos", .int, aliases: ["posicion"]),
    Column("note", .text, aliases: ["nota", "glosa"]),
    Column("warehouse", .code, aliases: ["bodega"]),
    Column("kind", .code),
  ])

  /// What to make: `explode-bom` orders and MRP demand share the first columns.
  public static let orders = Schema("orders", [
    Column("product", .code, required: true, aliases: ["producto", "code", "codigo"]),
    Column("qty", .qty, required: true, aliases: ["cantidad"]),
    Column("warehouse", .code, aliases: ["bodega"]),
    Column("id", .code),
  ])
}
