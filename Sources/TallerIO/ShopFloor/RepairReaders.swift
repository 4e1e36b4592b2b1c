import TallerCore

extension Schemas {
  /// Repairs, their parts and fees in one file: `record` says which a row is.
  public static let repairs = Schema("repairs", [
    Column("record", .code, aliases: ["registro", "tipo_registro"]),
    Column("repair", .code, required: true, aliases: ["reparacion", "id"]),
    Column("product", .code, aliases: ["producto", "code", "codigo"]),
    Column("lot", .code, aliases: ["lote", "serie"]),
    Column("customer", .text, aliases: ["cliente"]),
    Column("date", .date, aliases: ["fecha"]),
    Column("state", .code, aliases: ["estado"]),
    Column("invoice_method", .code, aliases: ["facturacion", "metodo_facturacion"]),
    Column("warranty_until", .date, aliases: ["garantia_hasta", "fin_garantia"]),
    Column("action", .code, aliases: ["accion"]),
    Column("description", .text, aliases: ["descripcion", "concepto"]),
    Column("qty", .qty, aliases: ["cantidad"]),
    Column("price", .money, aliases: ["precio", "precio_unitario"]),
    Column("location", .text, aliases: ["from_location", "to_location", "ubicacion"]),
    Column("to_invoice", .bool, aliases: ["facturar", "a_facturar"]),
  ])

  public static let lots = Schema("lots", [
    Column("lot", .code, required: true, aliases: ["lote", "serie"]),
    Column("product", .code, aliases: ["producto"]),
    Column("sale_date", .date, aliases: ["fecha_venta", "vendido"]),
    Column("customer", .text, aliases: ["cliente"]),
  ])

  public static let prices = Schema("prices", [
    Column("product", .code, required: true, aliases: ["producto", "code", "codigo"]),
    Column("price", .money, required: true, aliases: ["precio", "precio_venta"]),
  ])
}

/// Reads repairs, lots and price lists over the one row reader.
public struct RepairReaders {
  public let reading: TableReading

  public init(_ reading: TableReading) { self.reading = reading }

  /// Rows by `record`: `repair` (a header), `part` (action add or remove) or `fee`
  /// (also reparacion, pieza, cargo). A blank record is a part when `action` is
  /// given, a fee when `description` is, a repair otherwise. A state, invoice method
  /// or action not in its list leaves the row out (a rejected row, not malformed input).
  public func repairs(_ sources: [InputSource]) throws(InputError) -> (repairs: [RepairInput], lines: [RepairLineInput]) {
    let s = Schemas.repairs
    func at(_ name: String) -> Int { s.position(of: name) }
    let c = (
      record: at("record"), repair: at("repair"), product: at("product"), lot: at("lot"), customer: at("customer"),
      date: at("date"), state: at("state"), method: at("invoice_method"), until: at("warranty_until"),
      action: at("action"), description: at("description"), qty: at("qty"), price: at("price"),
      location: at("location"), toInvoice: at("to_invoice")
    )
    var repairs: [RepairInput] = []
    var lines: [RepairLineInput] = []
    for source in sources {
      guard let t = try reading.open(source, s) else { continue }
      try reading.forEachRecord(t) { (r) throws(InputError) in
        guard let id = reading.cell({ () throws(InputError) in try t.requiredCode(r, c.repair) }) else { return }
        let action = t.optionalCode(r, c.action)
        let description = t.text(r, c.description)
        var record = NameFolding.fold(t.code(r, c.record))
        if record.isEmpty { record = action != nil ? "PART" : !description.isEmpty ? "FEE" : "REPAIR" }
        let product = t.optionalCode(r, c.product).map { ProductCode($0) }
        let qty = reading.cell { () throws(InputError) in try t.decimal(r, c.qty) }
        let price = reading.cell { () throws(InputError) in try t.decimal(r, c.price) }
        switch record {
        case "REPAIR", "REPARACION", "ORDER":
          let date = reading.cell { () throws(InputError) in try t.date(r, c.date) }
          let until = reading.cell { () throws(InputError) in try t.date(r, c.until) }
          guard let product else {
            reading.add(t.missing(r, c.product))
            return
          }
          var problem: String?
          var state = RepairState.draft
          if let text = t.optionalCode(r, c.state) {
            if let v = RepairState(parsing: text) { state = v } else { problem = "state \"\(text)\" is not draft, confirmed or done" }
          }
          var method = InvoiceMethod.none
          if let text = t.optionalCode(r, c.method) {
            if let v = InvoiceMethod(parsing: text) {
              method = v
            } else {
              problem = "invoice_method \"\(text)\" is not none, before or after"
            }
          }
          repairs.append(
            RepairInput(
              id: id, product: product, lot: t.optionalCode(r, c.lot), customer: t.optionalCode(r, c.customer), date: date,
              state: state, invoiceMethod: method, warrantyUntil: until, problem: problem, file: t.reader.name, line: r.line))
        case "PART", "PIEZA", "PARTE", "COMPONENT", "FEE", "CARGO", "CARGOS", "OPERATION":
          var parsed: RepairAction?
          var problem: String?
          if record != "FEE" && record != "CARGO" && record != "CARGOS" && record != "OPERATION" {
            if let action, let a = RepairAction(parsing: action) {
              parsed = a
            } else {
              problem = "action \"\(action ?? "")\" is not add or remove"
            }
          }
          let toInvoice = reading.cell { () throws(InputError) in try t.bool(r, c.toInvoice) }
          lines.append(
            RepairLineInput(
              repair: id, action: parsed, product: product, description: description, qty: qty, price: price,
              lot: t.optionalCode(r, c.lot), location: t.optionalCode(r, c.location), toInvoice: toInvoice, problem: problem,
              file: t.reader.name, line: r.line))
        default:
          reading.add(t.invalid(r, c.record, "is not repair, part or fee"))
        }
      }
    }
    return (repairs, lines)
  }

  public func lots(_ sources: [InputSource]) throws(InputError) -> [SoldLot] {
    let s = Schemas.lots
    let c = (lot: s.position(of: "lot"), product: s.position(of: "product"), sale: s.position(of: "sale_date"), customer: s.position(of: "customer"))
    var out: [SoldLot] = []
    for source in sources {
      guard let t = try reading.open(source, s) else { continue }
      try reading.forEachRecord(t) { (r) throws(InputError) in
        guard let lot = reading.cell({ () throws(InputError) in try t.requiredCode(r, c.lot) }) else { return }
        let sale = reading.cell { () throws(InputError) in try t.date(r, c.sale) }
        out.append(
          SoldLot(lot: lot, product: t.optionalCode(r, c.product).map { ProductCode($0) }, saleDate: sale, customer: t.code(r, c.customer)))
      }
    }
    return out
  }

  /// A price list: product, price (the first row of a product counts; a later one is a warning).
  public func prices(_ sources: [InputSource]) throws(InputError) -> [ProductCode: Money] {
    let s = Schemas.prices
    let c = (product: s.position(of: "product"), price: s.position(of: "price"))
    var out: [ProductCode: Money] = [:]
    for source in sources {
      guard let t = try reading.open(source, s) else { continue }
      try reading.forEachRecord(t) { (r) throws(InputError) in
        let product = reading.cell { () throws(InputError) in try t.requiredCode(r, c.product) }
        let price = reading.cell { () throws(InputError) in try t.requiredDecimal(r, c.price) }
        guard let product, let price else { return }
        if out[ProductCode(product)] != nil {
          reading.warn(Warning(at: t.place(r, c.product), "price of \(product) is repeated; the first one counts"), kind: "repeated price")
          return
        }
        out[ProductCode(product)] = price
      }
    }
    return out
  }
}

/// The tables of repair-orders.
public enum RepairTables {
  public static let repairColumns = [
    "repair", "product", "lot", "customer", "date", "state", "invoice_method", "warranty_until", "under_warranty",
    "parts", "fees", "amount", "invoiced",
  ]

  /// One row per repair, in file order; amount = the sum of its rounded lines to invoice.
  public static func write(repairs book: RepairBook, to table: TableWriter) throws(OutputError) {
    for r in book.repairs {
      table.text(r.id)
      table.text(r.product.raw)
      table.optionalText(r.lot)
      table.optionalText(r.customer)
      table.date(r.date)
      table.text(r.state.rawValue)
      table.text(r.invoiceMethod.rawValue)
      table.date(r.warrantyUntil)
      table.bool(r.underWarranty)
      table.int(r.lines.filter { $0.action != nil }.count)
      table.int(r.lines.filter { $0.action == nil }.count)
      table.number(r.total, places: 2)
      table.bool(r.isInvoiced)
      try table.endRow()
    }
  }

  public static let invoiceColumns = [
    "invoice", "repair", "customer", "date", "line", "kind", "product", "description", "qty", "unit_price", "amount",
  ]

  /// Draft invoice lines: the lines to invoice of every repair whose invoice moment
  /// has come (before: confirmed or done; after: done). Invoice = the repair id.
  public static func write(invoice book: RepairBook, to table: TableWriter) throws(OutputError) {
    for r in book.repairs where r.isInvoiced {
      var n = 0
      for l in r.lines where l.toInvoice {
        n += 1
        table.text(r.id)
        table.text(r.id)
        table.optionalText(r.customer)
        table.date(r.date)
        table.int(n)
        table.text(l.action == nil ? "fee" : "part")
        table.optionalText(l.product?.raw)
        table.optionalText(l.description)
        table.number(l.qty)
        table.number(l.price, places: 2)
        table.number(l.amount, places: 2)
        try table.endRow()
      }
    }
  }

  public static let quotationColumns = [
    "repair", "customer", "product", "lot", "warranty_until", "under_warranty", "line", "kind", "item", "description",
    "qty", "unit_price", "to_invoice", "amount",
  ]

  /// The quotation of each draft repair: every line (add, remove, fee) with what it
  /// costs the customer, then a `total` row (the sum of the rounded amounts).
  public static func write(quotation book: RepairBook, to table: TableWriter) throws(OutputError) {
    for r in book.repairs where r.state == .draft {
      func head() {
        table.text(r.id)
        table.optionalText(r.customer)
        table.text(r.product.raw)
        table.optionalText(r.lot)
        table.date(r.warrantyUntil)
        table.bool(r.underWarranty)
      }
      for (i, l) in r.lines.enumerated() {
        head()
        table.int(i + 1)
        table.text(l.action?.rawValue ?? "fee")
        table.optionalText(l.product?.raw)
        table.optionalText(l.description)
        table.number(l.qty)
        table.number(l.price, places: 2)
        table.bool(l.toInvoice)
        table.number(l.amount, places: 2)
        try table.endRow()
      }
      head()
      table.empty()
      table.text("total")
      table.empty()
      table.empty()
      table.empty()
      table.empty()
      table.empty()
      table.number(r.total, places: 2)
      try table.endRow()
    }
  }

  /// The ledger's columns (SPEC §6.3): doc the repair, type RO, the part's line.
  public static func write(moves: [RepairMove], to table: TableWriter) throws(OutputError) {
    for m in moves {
      table.text(m.repair)
      table.text("RO")
      table.date(m.date)
      table.empty()
      table.int(m.line)
      table.text(m.product.raw)
      table.text(m.location)
      table.number(m.qty)
      table.text("line")
      try table.endRow()
    }
  }

  /// The rejected row as read (its canonical columns), the reason and its FILE:LINE.
  public static let rejectColumns = [
    "record", "repair", "product", "lot", "state", "invoice_method", "action", "description", "qty", "price", "reason",
    "source",
  ]

  /// One row per rejected row (findings that are errors), in file and line order.
  public static func write(
    rejects book: RepairBook, repairs: [RepairInput], lines: [RepairLineInput], to table: TableWriter
  ) throws(OutputError) {
    var headers: [String: RepairInput] = [:]
    for r in repairs { headers["\(r.file):\(r.line)"] = r }
    var rows: [String: RepairLineInput] = [:]
    for l in lines { rows["\(l.file):\(l.line)"] = l }
    for f in book.findings where f.isError {
      let place = "\(f.file):\(f.line)"
      if let r = headers[place] {
        table.text("repair")
        table.text(r.id)
        table.text(r.product.raw)
        table.optionalText(r.lot)
        table.text(r.problem == nil ? r.state.rawValue : "")
        table.text(r.problem == nil ? r.invoiceMethod.rawValue : "")
        table.empty()
        table.empty()
        table.empty()
        table.empty()
      } else if let l = rows[place] {
        table.text(l.action == nil && l.problem == nil ? "fee" : "part")
        table.text(l.repair)
        table.optionalText(l.product?.raw)
        table.optionalText(l.lot)
        table.empty()
        table.empty()
        table.optionalText(l.action?.rawValue)
        table.optionalText(l.description)
        if let q = l.qty { table.number(q) } else { table.empty() }
        if let p = l.price { table.number(p) } else { table.empty() }
      } else {
        for _ in 0..<10 { table.empty() }
      }
      table.text(f.message)
      table.text(place)
      try table.endRow()
    }
  }
}
