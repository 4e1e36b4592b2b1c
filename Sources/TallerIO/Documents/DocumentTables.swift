import TallerCore

/// The tables of post-documents: a posting's results as rows of typed cells, in
/// the column order each documents (SPEC §6.3).
public enum DocumentTables {
  // MARK: - Ledger

  public static let ledgerColumns = ["doc", "type", "date", "journey", "line", "product", "warehouse", "qty", "source"]

  /// One row per movement in posting order (date, document, line; a line's own
  /// movement, then its components in folio order). qty is signed: + enters stock.
  public static func writeLedger(_ p: Posting, to table: TableWriter) throws(OutputError) {
    let rows = p.rows
    // Each code's bytes once: a row writes bytes, never copies a String.
    let docs = CodeBytes(rows.docCodes.codes)
    let typeCodes = CodeBytes(rows.typeCodes.codes)
    let journeys = CodeBytes(rows.journeyCodes.codes)
    let products = CodeBytes(p.catalog.products.map(\.code.raw))
    let warehouses = CodeBytes(p.warehouses.codes)
    // Local arrays: the loop reads them without a retain per cell.
    let (doc, type, date, journey, line) = (rows.doc, rows.type, rows.date, rows.journey, rows.line)
    let (row, product, warehouse, qty, isComponent) = (
      p.movementRow, p.movementProduct, p.movementWarehouse, p.movementQty, p.movementIsComponent
    )
    for m in row.indices {
      let r = Int(row[m])
      docs.write(doc[r], to: table)
      typeCodes.write(type[r], to: table)
      table.date(date[r])
      journeys.write(journey[r], to: table)
      table.int(Int(line[r]))
      products.write(product[m], to: table)
      warehouses.write(warehouse[m], to: table)
      table.number(qty[m])
      table.text(isComponent[m] ? "component" : "line")
      try table.endRow()
    }
  }

  // MARK: - Stock

  public static let stockColumns = ["product", "warehouse", "physical", "documented", "prior_period", "last_control"]

  /// The four stocks per product and warehouse met, by product code then warehouse
  /// (none first).
  public static func writeStock(_ p: Posting, to table: TableWriter) throws(OutputError) {
    for s in p.stockOrder() {
      table.text(p.productCode(p.stockProduct[s]))
      table.optionalText(p.warehouseCode(p.stockWarehouse[s]))
      table.number(p.physical[s])
      table.number(p.documented[s])
      table.number(p.priorPeriod[s])
      table.number(p.lastControl[s])
      try table.endRow()
    }
  }

  // MARK: - Balances

  public static let balanceColumns = ["doc", "type", "line", "product", "qty", "pending"]

  /// Every posted line in posting order, with the units still pending on it.
  public static func writeBalances(_ p: Posting, to table: TableWriter) throws(OutputError) {
    for r32 in p.postedLines {
      let r = Int(r32)
      table.text(p.docCode(r))
      table.text(p.typeCode(r))
      table.int(Int(p.rows.line[r]))
      table.text(p.productCode(p.productOfRow[r]))
      table.number(p.rows.qty[r])
      table.number(p.pending[r])
      try table.endRow()
    }
  }

  // MARK: - Journeys

  public static let journeyColumns = [
    "journey", "product", "dispatched", "returned", "consumed", "declared", "standard", "yield_pct",
  ]

  public static func writeJourneys(_ p: Posting, to table: TableWriter) throws(OutputError) {
    for row in p.journeyReport() {
      table.text(row.journey)
      table.text(row.product.raw)
      table.number(row.dispatched)
      table.number(row.returned)
      table.number(row.consumed)
      table.number(row.declared)
      table.number(row.standard)
      if let y = row.yieldPercent { table.number(y, places: 2) } else { table.empty() }
      try table.endRow()
    }
  }

  // MARK: - Folios

  public static let folioColumns = [
    "doc", "line", "parent", "component", "qty", "stock_qty", "warehouse", "action", "kind", "source",
  ]

  /// Every folio line of the posted lines, in posting order. qty keeps 10
  /// decimals; stock_qty (2 decimals) is what moves stock; action is the type's
  /// component action (`no` for support lines and by-products, which never move
  /// stock); kind is component, support or byproduct.
  public static func writeFolios(_ p: Posting, to table: TableWriter) throws(OutputError) {
    for f in p.folioRow.indices {
      let r = Int(p.folioRow[f])
      table.text(p.docCode(r))
      table.int(Int(p.rows.line[r]))
      table.text(p.productCode(p.productOfRow[r]))
      table.text(p.productCode(p.folioComponent[f]))
      table.number(p.folioQty[f])
      table.number(p.folioStockQty[f], places: 2)
      table.optionalText(p.warehouseCode(p.folioWarehouse[f]))
      let kind = p.folioKind[f]
      let action = kind == .component ? (p.type(ofRow: r)?.componentAction ?? .none) : StockAction.none
      table.text(action.name)
      table.text(kind.name)
      table.text(p.folioSource[f].name)
      try table.endRow()
    }
  }

  // MARK: - Costs

  public static let costColumns = [
    "doc", "type", "date", "line", "product", "warehouse", "qty", "unit_cost", "stock_after", "average_cost",
  ]

  /// Every movement with the unit cost it was valued at and the product's total
  /// stock and weighted average cost (PCPP) after it.
  public static func writeCosts(_ p: Posting, to table: TableWriter) throws(OutputError) {
    guard p.movementUnitCost.count == p.movementRow.count else { return }
    for m in p.movementRow.indices {
      let r = Int(p.movementRow[m])
      table.text(p.docCode(r))
      table.text(p.typeCode(r))
      table.date(p.rows.date[r])
      table.int(Int(p.rows.line[r]))
      table.text(p.productCode(p.movementProduct[m]))
      table.optionalText(p.warehouseCode(p.movementWarehouse[m]))
      table.number(p.movementQty[m])
      table.number(p.movementUnitCost[m])
      table.number(p.movementStockAfter[m])
      table.number(p.movementAverage[m])
      try table.endRow()
    }
  }

  // MARK: - Rejects

  public static let rejectColumns = [
    "doc", "type", "date", "journey", "related", "line", "product", "component", "qty", "warehouse", "cost", "at",
    "reason",
  ]

  /// Each refused row as read (its document columns), where it was read
  /// (FILE:LINE) and why, in input order.
  public static func writeRejects(_ p: Posting, to table: TableWriter) throws(OutputError) {
    for rejection in p.rejected { try write(rejection, of: p, to: table) }
  }

  static func write(_ rejection: DocumentRejection, of p: Posting, to table: TableWriter) throws(OutputError) {
    let rows = p.rows
    let r = rejection.row
    table.text(p.docCode(r))
    table.optionalText(p.typeCode(r))
    if rows.type[r] >= 0 { table.date(rows.date[r]) } else { table.empty() }
    table.optionalText(p.journeyCode(r))
    table.optionalText(rows.relatedDocs(r).map { rows.docCodes.codes[Int($0)] }.joined(separator: "|"))
    table.int(Int(rows.line[r]))
    let code = rows.productCodes.codes[Int(rows.product[r])]
    if rows.isFolio[r] {
      table.empty()
      table.text(code)
    } else {
      table.text(code)
      table.empty()
    }
    table.number(rows.qty[r])
    table.optionalText(rows.warehouse[r] < 0 ? nil : rows.warehouseCodes.codes[Int(rows.warehouse[r])])
    if rows.hasCost[r] { table.number(rows.cost[r]) } else { table.empty() }
    table.text(place(p, r))
    table.text(rejection.reason)
    try table.endRow()
  }

  /// FILE:LINE of a row.
  public static func place(_ p: Posting, _ row: Int) -> String {
    let (file, line) = p.place(row)
    return "\(file):\(line)"
  }
}

/// Codes' UTF-8 bytes side by side, to write a code by its number without a String.
final class CodeBytes {
  private let bytes: UnsafeMutableBufferPointer<UInt8>
  private let starts: UnsafeMutableBufferPointer<Int>

  init(_ codes: [String]) {
    let total = codes.reduce(0) { $0 + $1.utf8.count }
    bytes = .allocate(capacity: max(total, 1))
    starts = .allocate(capacity: codes.count + 1)
    var at = 0
    starts[0] = 0
    for (k, c) in codes.enumerated() {
      for b in c.utf8 {
        bytes[at] = b
        at += 1
      }
      starts[k + 1] = at
    }
  }

  deinit {
    bytes.deallocate()
    starts.deallocate()
  }

  /// Writes code k, or an empty cell for k < 0.
  @inline(__always)
  func write(_ k: Int32, to table: TableWriter) {
    guard k >= 0 else { return table.empty() }
    let (a, b) = (starts[Int(k)], starts[Int(k) + 1])
    table.bytes(UnsafeBufferPointer(rebasing: bytes[a..<b]))
  }
}
