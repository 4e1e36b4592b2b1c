import TallerCore

/// The files of production documents (SPEC §3 `journeys`, `documents`; §6.1 movement
/// types; opening stock), declared once beside the other schemas.
extension Schemas {
  public static let documents = Schema("documents", [
    Column("doc", .code, required: true, aliases: ["documento", "folio", "numero"]),
    Column("type", .code, required: true, aliases: ["tipo", "tipo_documento"]),
    Column("date", .date, required: true, aliases: ["fecha"]),
    Column("journey", .code, aliases: ["jornada", "id_jornada"]),
    Column("related", .code, aliases: ["relacionado", "relacionados", "documentos_relacionados"]),
    Column("line", .int, required: true, aliases: ["linea", "detalle"]),
    Column("product", .code, aliases: ["producto", "codigo"]),
    Column("component", .code, aliases: ["componente"]),
    Column("qty", .qty, required: true, aliases: ["cantidad", "unidades"]),
    Column("warehouse", .code, aliases: ["bodega"]),
    Column("customer", .code, aliases: ["rut", "cliente"]),
    Column("cost", .money, aliases: ["costo", "costo_unitario"]),
  ])

  public static let journeys = Schema("journeys", [
    Column("id", .code, required: true, aliases: ["jornada", "id_jornada"]),
    Column("branch", .code, aliases: ["sucursal"]),
    Column("shift", .code, aliases: ["turno"]),
    Column("area", .code),
    Column("line", .code, aliases: ["linea"]),
    Column("opened_at", .text, aliases: ["apertura", "fecha_apertura"]),
    Column("responsible", .text, aliases: ["encargado", "funcionario"]),
    Column("status", .code, required: true, aliases: ["estado"]),
    Column("closed_at", .text, aliases: ["cierre", "fecha_cierre"]),
    Column("notes", .text, aliases: ["notas"]),
  ])

  public static let movementTypes = Schema("movement types", [
    Column("type", .code, required: true, aliases: ["tipo", "codigo"]),
    Column("name", .text, aliases: ["nombre"]),
    Column("folio", .bool, aliases: ["folio_componentes", "usa_folio"]),
    Column("line_stock", .code, aliases: ["stock_detalles"]),
    Column("component_stock", .code, aliases: ["stock_componentes"]),
    Column("settles", .bool, aliases: ["finiquita"]),
    Column("needs_journey", .bool, aliases: ["jornada", "exige_jornada"]),
    Column("related", .code, aliases: ["relacionados"]),
    Column("draws_from", .code, aliases: ["carga_desde"]),
    Column("cost", .code, aliases: ["costo", "pcpp"]),
    Column("max_folio_lines", .int, aliases: ["max_componentes", "maximo_componentes"]),
  ])

  public static let openingStock = Schema("opening stock", [
    Column("product", .code, required: true, aliases: ["producto", "codigo"]),
    Column("warehouse", .code, aliases: ["bodega"]),
    Column("on_hand", .qty, required: true, aliases: ["qty", "stock", "cantidad"]),
    Column("cost", .money, aliases: ["costo", "pcpp"]),
  ])

  /// A stock ledger written by post-documents (read back with `--ledger`).
  public static let ledger = Schema("ledger", [
    Column("doc", .code, aliases: ["documento"]),
    Column("type", .code, aliases: ["tipo"]),
    Column("date", .date, required: true, aliases: ["fecha"]),
    Column("journey", .code, aliases: ["jornada"]),
    Column("line", .int, aliases: ["linea"]),
    Column("product", .code, required: true, aliases: ["producto", "codigo"]),
    Column("warehouse", .code, aliases: ["bodega"]),
    Column("qty", .qty, required: true, aliases: ["cantidad"]),
    Column("source", .code),
  ])
}
