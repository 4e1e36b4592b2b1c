import TallerCore

/// Reads the files of production documents (SPEC §3 `documents`, `journeys`; §6.1
/// movement types; opening stock) through the one row reader (`TableReading`).
///
/// A cell that cannot be read (a date that is not one, a qty with more than 10
/// decimals, a blank required cell) is recorded with its FILE:LINE:COLUMN and its
/// row left out; the command calls `reading.check()` before it posts anything
/// (status 65). What the rules refuse (unknown product, closed journey, over-drawn
/// balance) is not checked here: those rows are the posting's rejections.
public struct DocumentReaders {
  public let reading: TableReading

  public init(_ reading: TableReading) { self.reading = reading }

  // MARK: - Documents

  /// Reads document rows into columns, numbering codes straight from the bytes read.
  ///
  /// A row whose `component` is filled is a line of its document's folio (the
  /// user's edit of line `line`'s sheet): its `type`, `date`, `journey` and
  /// `related` may be blank (they are the line's) and its `product` is ignored.
  public func documents(_ sources: [InputSource]) throws(InputError) -> DocumentRows {
    let s = Schemas.documents
    let c = (
      doc: s.position(of: "doc"), type: s.position(of: "type"), date: s.position(of: "date"),
      journey: s.position(of: "journey"), related: s.position(of: "related"), line: s.position(of: "line"),
      product: s.position(of: "product"), component: s.position(of: "component"), qty: s.position(of: "qty"),
      warehouse: s.position(of: "warehouse"), cost: s.position(of: "cost")
    )
    var rows = DocumentRows()
    var recentDoc = CodeTable.Recent()
    var recentProduct = CodeTable.Recent()
    var recentType = CodeTable.Recent()
    var recentJourney = CodeTable.Recent()
    var recentWarehouse = CodeTable.Recent()
    var related: [Int32] = []
    for source in sources {
      guard let t = try reading.open(source, s) else { continue }
      rows.files.append(t.reader.name)
      let file = Int32(rows.files.count - 1)
      if let size = source.byteCount { rows.reserveCapacity(size / 40) }
      let fRelated = t.fieldOf[c.related]
      let hasCost = t.has(c.cost)
      // A plain loop, not a closure: the columns grow in place, a million rows
      // without a retain each.
      let r = Record()
      while try reading.next(t.reader, into: r) {
        if r.isBlankRow { continue }
        let doc = number(r, t.fieldOf[c.doc], in: &rows.docCodes, recent: &recentDoc)
        let component = number(r, t.fieldOf[c.component], in: &rows.productCodes, recent: &recentProduct)
        let isFolio = component >= 0
        let product = isFolio ? component : number(r, t.fieldOf[c.product], in: &rows.productCodes, recent: &recentProduct)
        let type = number(r, t.fieldOf[c.type], in: &rows.typeCodes, recent: &recentType)
        let date = reading.cell { () throws(InputError) in try t.date(r, c.date) }
        let line = reading.cell { () throws(InputError) in try t.int(r, c.line) }
        let qty = reading.cell { () throws(InputError) in try t.decimal(r, c.qty) }
        let cost = hasCost ? reading.cell { () throws(InputError) in try t.decimal(r, c.cost) } : nil
        var complete = true
        // A cell that could not be read is recorded already; a blank one is recorded here.
        func need(_ ok: Bool, _ column: Int) {
          guard !ok else { return }
          if t.isBlank(r, column) { reading.add(t.missing(r, column)) }
          complete = false
        }
        need(doc >= 0, c.doc)
        need(line != nil, c.line)
        need(qty != nil, c.qty)
        need(product >= 0, c.product)
        need(isFolio || type >= 0, c.type)
        need(isFolio || date != nil, c.date)
        guard complete, let line, let qty else { continue }
        if line < 1 || line > Int(Int32.max) {
          reading.add(t.invalid(r, c.line, "is not a line number (1 or more)"))
          continue
        }
        related.removeAll(keepingCapacity: true)
        if let fRelated {
          r.withField(fRelated) { cell in
            var start = 0
            for k in 0...cell.count where k == cell.count || cell[k] == UInt8(ascii: "|") {
              let key = ASCIISpaces.trimmed(UnsafeBufferPointer(rebasing: cell[start..<k]))
              if !key.isEmpty { related.append(rows.docCodes.number(utf8: key)) }
              start = k + 1
            }
          }
        }
        rows.append(
          doc: doc, type: type, date: date ?? LocalDate(dayNumber: 0),
          journey: number(r, t.fieldOf[c.journey], in: &rows.journeyCodes, recent: &recentJourney), related: related,
          line: Int32(line), product: product, isFolio: isFolio, qty: qty,
          warehouse: number(r, t.fieldOf[c.warehouse], in: &rows.warehouseCodes, recent: &recentWarehouse),
          cost: cost, file: file, sourceLine: Int32(clamping: r.line))
      }
    }
    return rows
  }

  /// The number in `table` of field `f` trimmed; -1 when blank or absent.
  @inline(__always)
  private func number(_ r: Record, _ f: Int?, in table: inout CodeTable, recent: inout CodeTable.Recent) -> Int32 {
    guard let f else { return -1 }
    return r.withField(f) { Self.number($0, in: &table, recent: &recent) }
  }

  /// The number of the code in `cell` (trimmed), -1 when it is blank.
  private static func number(
    _ cell: UnsafeBufferPointer<UInt8>, in table: inout CodeTable, recent: inout CodeTable.Recent
  ) -> Int32 {
    let key = ASCIISpaces.trimmed(cell)
    return key.isEmpty ? -1 : table.number(utf8: key, recent: &recent)
  }

  // MARK: - Journeys

  /// Reads journeys: `id` and `status` (`open`/`abierta`, `closed`/`cerrada`).
  public func journeys(_ sources: [InputSource]) throws(InputError) -> JourneyTable {
    let s = Schemas.journeys
    let (id, status) = (s.position(of: "id"), s.position(of: "status"))
    var table = JourneyTable()
    try reading.forEachRow(sources, s) { (t, r) throws(InputError) in
      let code = try t.requiredCode(r, id)
      let open: Bool
      switch try t.requiredCode(r, status).lowercased() {
      case "open", "abierta", "abierto", "a": open = true
      case "closed", "cerrada", "cerrado", "c": open = false
      default: throw t.invalid(r, status, "is not open or closed (abierta, cerrada)")
      }
      table.add(code, isOpen: open)
    }
    return table
  }

  // MARK: - Movement types

  /// Reads movement types (SPEC §6.1's attributes) over the defaults: a row adds a
  /// type or replaces the type of its code.
  public func movementTypes(_ sources: [InputSource], over base: MovementTypes = MovementTypes()) throws(InputError)
    -> MovementTypes
  {
    let s = Schemas.movementTypes
    let c = (
      type: s.position(of: "type"), name: s.position(of: "name"), folio: s.position(of: "folio"),
      line: s.position(of: "line_stock"), component: s.position(of: "component_stock"),
      settles: s.position(of: "settles"), journey: s.position(of: "needs_journey"),
      related: s.position(of: "related"), from: s.position(of: "draws_from"), cost: s.position(of: "cost"),
      max: s.position(of: "max_folio_lines")
    )
    var types = base
    try reading.forEachRow(sources, s) { (t, r) throws(InputError) in
      var type = MovementType(code: try t.requiredCode(r, c.type), name: t.text(r, c.name))
      type.usesFolio = try t.bool(r, c.folio) ?? false
      guard let line = StockAction(parsing: t.code(r, c.line)) else {
        throw t.invalid(r, c.line, "is not in, out or no")
      }
      guard let component = StockAction(parsing: t.code(r, c.component)) else {
        throw t.invalid(r, c.component, "is not in, out or no")
      }
      type.lineAction = line
      type.componentAction = component
      type.settles = try t.bool(r, c.settles) ?? false
      type.needsJourney = try t.bool(r, c.journey) ?? false
      let from = t.code(r, c.from).split(separator: "|").map { String($0).trimmingASCIISpaces() }.filter { !$0.isEmpty }
      switch t.code(r, c.related).lowercased() {
      case "", "no", "none": type.related = from.isEmpty ? .none : .drawsDown(from: from)
      case "relates", "relates only", "relaciona": type.related = .relatesOnly
      case "draws", "draws down", "loads", "carga", "rebaja":
        if from.isEmpty { throw t.invalid(r, c.related, "needs the types it draws from in draws_from") }
        type.related = .drawsDown(from: from)
      default: throw t.invalid(r, c.related, "is not no, relates or draws")
      }
      guard let cost = CostRule(parsing: t.code(r, c.cost)) else {
        throw t.invalid(r, c.cost, "is not none, given or components")
      }
      type.cost = cost
      if let max = try t.int(r, c.max) {
        if max < 1 { throw t.invalid(r, c.max, "must be 1 or more") }
        type.maxFolioLines = max
      }
      types.define(type)
    }
    return types
  }

  // MARK: - Opening stock

  /// Reads stock on hand before the first document; a product not in `catalog` is
  /// a problem of the file.
  public func openingStock(_ sources: [InputSource], catalog: RecipeCatalog) throws(InputError) -> OpeningStock {
    let s = Schemas.openingStock
    let c = (
      product: s.position(of: "product"), warehouse: s.position(of: "warehouse"), qty: s.position(of: "on_hand"),
      cost: s.position(of: "cost")
    )
    var out = OpeningStock()
    try reading.forEachRow(sources, s) { (t, r) throws(InputError) in
      let product = try t.requiredCode(r, c.product)
      guard catalog.productNumber(of: product) != nil else {
        throw t.invalid(r, c.product, "is not in products")
      }
      out.append(
        product: ProductCode(product), warehouse: t.optionalCode(r, c.warehouse), qty: try t.requiredDecimal(r, c.qty),
        cost: try t.decimal(r, c.cost))
    }
    return out
  }

  // MARK: - Ledger

  /// Reads a ledger written before (`--ledger`): date, product, warehouse and the
  /// signed qty of each movement; the other columns are not read. A product not in
  /// `catalog` is a problem of the file, at the first row that names it.
  public func postedMovements(_ sources: [InputSource], catalog: RecipeCatalog) throws(InputError) -> PostedMovements {
    let s = Schemas.ledger
    let c = (
      date: s.position(of: "date"), product: s.position(of: "product"), warehouse: s.position(of: "warehouse"),
      qty: s.position(of: "qty")
    )
    var out = PostedMovements()
    var firstPlace: [SourceLocation] = []
    var recentProduct = CodeTable.Recent()
    var recentWarehouse = CodeTable.Recent()
    for source in sources {
      guard let t = try reading.open(source, s) else { continue }
      guard let fProduct = t.fieldOf[c.product] else { preconditionFailure("binding checks the required ledger columns") }
      guard let fDate = t.fieldOf[c.date], let fQty = t.fieldOf[c.qty] else {
        preconditionFailure("binding checks the required ledger columns")
      }
      let fWarehouse = t.fieldOf[c.warehouse]
      let monthFirst = t.monthFirst
      let style = NumberStyle(convention: t.numberConvention, isMoney: false)
      if let size = source.byteCount { out.reserveCapacity(size / 40) }
      // A plain loop, not a closure: the columns grow in place, a million rows
      // without a retain each.
      let r = Record()
      while try reading.next(t.reader, into: r) {
        // The cells parsed straight from their bytes, all in one look at the row; a
        // cell that fails is parsed again by the table, for its message.
        let (product, date, qty, warehouse) = r.withFields { f in
          let product = Self.number(f[fProduct], in: &out.productCodes, recent: &recentProduct)
          if product < 0 { return (product, LocalDate?.none, ExactDecimal?.none, Int32(-1)) }
          return (
            product, try? LocalDate.parse(utf8: f[fDate], monthFirst: monthFirst),
            try? ExactDecimal.parse(utf8: f[fQty], style: style),
            fWarehouse.map { Self.number(f[$0], in: &out.warehouseCodes, recent: &recentWarehouse) } ?? -1
          )
        }
        if product < 0 {
          if !r.isBlankRow { reading.add(t.missing(r, c.product)) }
          continue
        }
        guard let date, let qty else {
          do {
            _ = try t.requiredDate(r, c.date)
            _ = try t.requiredDecimal(r, c.qty)
          } catch {
            reading.add(error)
          }
          continue
        }
        if Int(product) == firstPlace.count { firstPlace.append(t.place(r, c.product)) }
        out.append(product: product, warehouse: warehouse, date: date, qty: qty)
      }
    }
    for (k, code) in out.productCodes.codes.enumerated() where catalog.productNumber(of: code) == nil && k < firstPlace.count {
      reading.add(InputError(at: firstPlace[k], "product \"\(code)\" is not in products"))
    }
    return out
  }
}
