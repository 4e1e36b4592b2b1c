import TallerCore

/// Reads the recipe files of SPEC §3 — `products`, `bom` and `orders` — into the
/// core's values, for every command that plans or documents production
/// (explode-bom, schedule-mrp, post-documents).
///
/// Reading goes through the one row reader (`TableReading`): a cell that cannot be
/// read (a quantity with more than 10 decimals, an unknown product type, an empty
/// code) is recorded with its FILE:LINE:COLUMN and reading goes on. What
/// `RecipeCatalog` finds in what was read (cycles, unknown components, …) is
/// recorded beside them as problems of their kind (`RecipeProblem.kind`), so that
/// `reading.check()` shows them all in file and line order and the command stops
/// with status 65 before it computes anything. Warnings (a component twice in one
/// recipe) go with the errors when there are any, and are shown at once otherwise.
public struct RecipeReaders {
  public let reading: TableReading

  public init(_ reading: TableReading) { self.reading = reading }

  // MARK: - Catalogue

  /// Reads products and recipes and checks them into a catalogue.
  ///
  /// - Parameters:
  ///   - maxLines: the most lines one recipe may have (`--max-lines`).
  ///   - recipesRequired: a produced or compound product without component lines
  ///     is an error (true, explode-bom) or a warning (false, schedule-mrp).
  /// - Returns: the catalogue; `RecipeCatalog.empty` when the catalogue or any
  ///   input read so far has an error (recorded: `reading.check()` throws it).
  /// - Throws: `InputError` when an input cannot be opened or read (66, 74).
  public func catalog(
    products: [InputSource], bom: [InputSource], maxLines: Int = RecipeCatalog.defaultMaxLines,
    recipesRequired: Bool = true
  ) throws(InputError) -> RecipeCatalog {
    // Products number their codes in the lines' table: a recipe line finds its
    // parent and component by the bytes read, with the product's number.
    var lines = RecipeLines()
    var read = try productRows(products, numberingIn: &lines)
    try recipeLines(bom, into: &lines)
    lines.settleTypes(of: &read.products, untyped: read.untyped)

    let catalog: RecipeCatalog
    do {
      catalog = try RecipeCatalog(
        products: read.products, lines: lines, maxLines: maxLines, recipesRequired: recipesRequired)
    } catch {
      for f in error.findings { reading.add(Problem(f)) }
      return .empty
    }
    if reading.hasErrors {
      for f in catalog.warnings { reading.add(Problem(f)) }
      return .empty
    }
    for f in catalog.warnings {
      reading.warn(Warning(at: SourceLocation(file: f.file, line: f.line), f.message), kind: f.problem.kind)
    }
    return catalog
  }

  // MARK: - Orders

  /// Reads what to make: `product`, `qty`, and optionally `warehouse` and `id`
  /// (SPEC §5.2; a `demand` file of schedule-mrp has these columns too).
  ///
  /// An order without `id` is numbered by its place among all the orders read
  /// (1, 2, …). Unknown products and negative quantities are not checked here:
  /// they are the rules' rejections (`RecipeCatalog.explode(_:)` and the others).
  /// A row with a blank product or qty, or a qty that is not a number, is recorded
  /// (both cells when both are wrong) and left out.
  public func orders(_ sources: [InputSource]) throws(InputError) -> OrderRows {
    let s = Schemas.orders
    let c = (
      product: s.position(of: "product"), qty: s.position(of: "qty"), warehouse: s.position(of: "warehouse"),
      id: s.position(of: "id")
    )
    var rows = OrderRows()
    for source in sources {
      guard let t = try reading.open(source, s) else { continue }
      let header = rows.headers.count
      rows.headers.append(t.reader.header)
      try reading.forEachRecord(t) { (r) throws(InputError) in
        let product = reading.cell { () throws(InputError) in try t.requiredCode(r, c.product) }
        let qty = reading.cell { () throws(InputError) in try t.requiredDecimal(r, c.qty) }
        guard let product, let qty else { return }
        rows.orders.append(
          OrderLine(
            id: t.optionalCode(r, c.id) ?? String(rows.orders.count + 1), product: ProductCode(product), qty: qty,
            warehouse: t.optionalCode(r, c.warehouse).map { Warehouse($0) }, file: t.reader.name, line: r.line))
        rows.fields.append(r.strings)
        rows.header.append(header)
      }
    }
    return rows
  }

  // MARK: - Products

  struct ProductRows {
    var products: [Product] = []
    /// Rows whose type is blank or unreadable: `RecipeLines.settleTypes` decides
    /// them by whether they have component lines.
    var untyped: [Int] = []
  }

  /// Reads the product rows, numbering their codes in the table of `lines` (which
  /// has no lines yet): the recipe lines read next find them by their bytes.
  func productRows(_ sources: [InputSource], numberingIn lines: inout RecipeLines) throws(InputError) -> ProductRows {
    let s = Schemas.products
    let c = (
      code: s.position(of: "code"), description: s.position(of: "description"), type: s.position(of: "type"),
      unit: s.position(of: "unit"), cost: s.position(of: "replacement_cost"),
      customerLead: s.position(of: "customer_lead_days"), productionLead: s.position(of: "production_lead_days"),
      supplierLead: s.position(of: "supplier_lead_days"), supply: s.position(of: "supply"),
      procure: s.position(of: "procure"), supplier: s.position(of: "supplier"), min: s.position(of: "min_qty"),
      max: s.position(of: "max_qty"), lot: s.position(of: "lot_multiple"), routing: s.position(of: "routing"),
      warranty: s.position(of: "warranty_months")
    )
    var out = ProductRows()
    // Units and types repeat: each distinct text is made a String (and a type
    // parsed) once. typeOfValue[k]: nil not parsed yet, .some(nil) not a type.
    var values = CodeTable()
    var typeOfValue: [ProductType??] = []
    var recentCode = CodeTable.Recent()
    for source in sources {
      guard let t = try reading.open(source, s) else { continue }
      guard let fCode = t.fieldOf[c.code] else { preconditionFailure("binding checks the required product columns") }
      if let size = source.byteCount { out.products.reserveCapacity(out.products.count + size / 16) }
      let r = Record()
      while try reading.next(t.reader, into: r) {
        let code = r.withField(fCode) { cell -> Int32 in
          let key = ASCIISpaces.trimmed(cell)
          return key.isEmpty ? -1 : lines.codeNumber(utf8: key, recent: &recentCode)
        }
        if code < 0 {
          if !r.isBlankRow { reading.add(t.missing(r, c.code)) }
          continue
        }
        var p = Product(code: lines.code(code), type: .raw, file: t.reader.name, line: r.line)
        p.description = t.text(r, c.description)
        if let unit = value(r, t.fieldOf[c.unit], in: &values) { p.unit = values.codes[Int(unit)] }
        if let k = value(r, t.fieldOf[c.type], in: &values).map(Int.init) {
          while typeOfValue.count < values.count { typeOfValue.append(nil) }
          let type: ProductType?
          if let known = typeOfValue[k] {
            type = known
          } else {
            type = ProductType(parsing: values.codes[k])
            typeOfValue[k] = .some(type)
          }
          if let type {
            p.type = type
          } else {
            reading.add(
              t.invalid(
                r, c.type,
                "is not a product type (raw, produced, compound, kit, support, service; natural, producido, fabricado, compuesto, paquete, apoyo, servicio)"
              ))
            out.untyped.append(out.products.count)
          }
        } else {
          out.untyped.append(out.products.count)
        }
        p.replacementCost = reading.cell { () throws(InputError) in try t.decimal(r, c.cost) }
        p.customerLeadDays = reading.cell { () throws(InputError) in try t.int(r, c.customerLead) } ?? 0
        p.productionLeadDays = reading.cell { () throws(InputError) in try t.int(r, c.productionLead) } ?? 0
        p.supplierLeadDays = reading.cell { () throws(InputError) in try t.int(r, c.supplierLead) } ?? 0
        if let supply = t.optionalCode(r, c.supply) {
          p.supply = SupplyMethod(parsing: supply)
          if p.supply == nil { reading.add(t.invalid(r, c.supply, "is not buy, produce or subcontract")) }
        }
        if let procure = t.optionalCode(r, c.procure) {
          p.procure = ProcureMethod(parsing: procure)
          if p.procure == nil { reading.add(t.invalid(r, c.procure, "is not stock or order")) }
        }
        p.supplier = t.optionalCode(r, c.supplier)
        p.minQty = reading.cell { () throws(InputError) in try t.decimal(r, c.min) }
        p.maxQty = reading.cell { () throws(InputError) in try t.decimal(r, c.max) }
        p.lotMultiple = reading.cell { () throws(InputError) in try t.decimal(r, c.lot) }
        p.routing = t.optionalCode(r, c.routing)
        p.warrantyMonths = reading.cell { () throws(InputError) in try t.int(r, c.warranty) } ?? 0
        out.products.append(p)
      }
    }
    return out
  }

  /// The number in `table` of field `f` trimmed; nil when blank or absent.
  @inline(__always)
  private func value(_ r: Record, _ f: Int?, in table: inout CodeTable) -> Int32? {
    guard let f else { return nil }
    let k = r.withField(f) { cell -> Int32 in
      let key = ASCIISpaces.trimmed(cell)
      return key.isEmpty ? -1 : table.number(utf8: key)
    }
    return k < 0 ? nil : k
  }

  // MARK: - Recipe lines

  /// Reads recipe lines into columns, numbering their codes in the lines' own
  /// table (where the products read before them are numbered), so a line costs
  /// no String. A cell that cannot be read is recorded and the line kept (with
  /// qty 1, per 1), so that the structure around it is checked all the same.
  func recipeLines(_ sources: [InputSource], into out: inout RecipeLines) throws(InputError) {
    let s = Schemas.bom
    let c = (
      parent: s.position(of: "parent"), component: s.position(of: "component"), qty: s.position(of: "qty"),
      per: s.position(of: "per"), show: s.position(of: "show"), pos: s.position(of: "pos"),
      note: s.position(of: "note"), warehouse: s.position(of: "warehouse"), kind: s.position(of: "kind")
    )
    let one = Quantity(1)
    for source in sources {
      guard let t = try reading.open(source, s) else { continue }
      guard let fParent = t.fieldOf[c.parent], let fComponent = t.fieldOf[c.component] else {
        preconditionFailure("binding checks the required recipe columns")
      }
      out.setFile(t.reader.name)
      // Room for the lines a file of this size may hold (a recipe line takes 16
      // bytes or more): growing a million-line array step by step copies it
      // twice over. Room never written is never touched, so costs no memory.
      if let size = source.byteCount { out.reserveCapacity(size / 16) }
      let (hasPer, hasShow, hasPos, hasNote) = (t.has(c.per), t.has(c.show), t.has(c.pos), t.has(c.note))
      let fWarehouse = t.fieldOf[c.warehouse]
      let hasKind = t.has(c.kind)
      // Recipe files list a parent's lines together: its code repeats.
      var recentParent = CodeTable.Recent()
      var recentComponent = CodeTable.Recent()
      let reader = t.reader
      let r = Record()
      while try reading.next(reader, into: r) {
        let parent = r.withField(fParent) { cell -> Int32 in
          let key = ASCIISpaces.trimmed(cell)
          return key.isEmpty ? -1 : out.codeNumber(utf8: key, recent: &recentParent)
        }
        let component = r.withField(fComponent) { cell -> Int32 in
          let key = ASCIISpaces.trimmed(cell)
          return key.isEmpty ? -1 : out.codeNumber(utf8: key, recent: &recentComponent)
        }
        if parent < 0 || component < 0 {
          if r.isBlankRow { continue }
          if parent < 0 { reading.add(t.missing(r, c.parent)) }
          if component < 0 { reading.add(t.missing(r, c.component)) }
          continue
        }
        var qty = one
        do {
          if let q = try t.decimal(r, c.qty) { qty = q } else { reading.add(t.missing(r, c.qty)) }
        } catch {
          reading.add(error)
        }
        var per = one
        var show = true
        var pos: Int? = nil
        var note = ""
        var warehouse: Int32 = 0
        var kind = RecipeLineKind.component
        if hasPer { per = reading.cell { () throws(InputError) in try t.decimal(r, c.per) } ?? one }
        if hasShow { show = reading.cell { () throws(InputError) in try t.bool(r, c.show) } ?? true }
        if hasPos { pos = reading.cell { () throws(InputError) in try t.int(r, c.pos) } }
        if hasNote { note = t.text(r, c.note) }
        if let fWarehouse {
          warehouse = r.withField(fWarehouse) { cell -> Int32 in
            let key = ASCIISpaces.trimmed(cell)
            return key.isEmpty ? 0 : out.warehouseNumber(utf8: key)
          }
        }
        if hasKind {
          if let k = RecipeLineKind(parsing: t.code(r, c.kind)) {
            kind = k
          } else {
            reading.add(t.invalid(r, c.kind, "is not component or byproduct"))
          }
        }
        out.append(
          parent: parent, component: component, qty: qty, per: per, show: show, pos: pos, note: note,
          warehouse: warehouse, kind: kind, line: r.line)
      }
    }
  }
}

/// What to make, as read, with each row as written (for `--rejects`).
public struct OrderRows {
  public var orders: [OrderLine] = []
  /// The header of each orders input, in the order read.
  public var headers: [[String]] = []
  /// For each order, the index of its input's header in `headers`.
  public var header: [Int] = []
  /// For each order, its fields as written.
  public var fields: [[String]] = []

  public init() {}

  /// The order each place (file and line) was read from.
  public func orderIndexByPlace() -> [SourceLocation: Int] {
    var map: [SourceLocation: Int] = [:]
    map.reserveCapacity(orders.count)
    for (i, o) in orders.enumerated() { map[SourceLocation(file: o.file, line: o.line)] = i }
    return map
  }
}

extension Problem {
  /// A finding of the recipe rules, at its file and line, of its problem's kind.
  public init(_ finding: RecipeFinding) {
    self.init(
      at: SourceLocation(file: finding.file, line: finding.line), finding.message, kind: finding.problem.kind,
      isError: finding.isError)
  }
}

extension InputError {
  /// A computation that stopped (a quantity beyond the exact type's range) as the
  /// input error it is, at the recipe line that produced it (status 65).
  public init(_ error: RecipeError) {
    switch error {
    case .overflow(let parent, let component, let file, let line):
      self.init(
        at: SourceLocation(file: file, line: line), RecipeProblem.overflow(parent: parent, component: component).message)
    case .unknownProduct(let code):
      self.init(at: SourceLocation(file: ""), RecipeProblem.unknownProduct(code).message)
    }
  }
}

extension RecipeProblem {
  /// The kind of problem, for capping repeated messages at 20 of a kind.
  public var kind: String {
    switch self {
    case .duplicateProduct: return "duplicate product"
    case .unknownParent: return "unknown parent"
    case .unknownComponent: return "unknown component"
    case .nonPositiveQty: return "qty not positive"
    case .nonPositivePer: return "per not positive"
    case .supportWithoutPos: return "support line without pos"
    case .compoundAsComponent: return "compound as component"
    case .rawWithComponents: return "raw product with components"
    case .missingRecipe: return "missing recipe"
    case .tooManyLines: return "too many lines"
    case .duplicateComponent: return "duplicate component"
    case .cycle: return "cycle"
    case .unknownProduct: return "unknown product"
    case .negativeQty: return "negative qty"
    case .overflow: return "overflow"
    }
  }
}
