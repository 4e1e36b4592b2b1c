import ArgumentParser
import TallerCore
import TallerIO

/// Reads the recipe files of SPEC §3 — `products`, `bom` and `orders` — into the
/// core's values, for every command that plans or documents production
/// (explode-bom, schedule-mrp, post-documents).
///
/// Problems with cells (a quantity with more than 10 decimals, an unknown product
/// type, an empty code) do not stop reading: every one is collected, then shown
/// together with what `RecipeCatalog` finds (cycles, unknown components, …), in
/// file and line order, one per problem on standard error, and the run stops with
/// status 65. Warnings (a component twice in one recipe, a file read as
/// Windows-1252) are shown and the run goes on.
public enum RecipeInputs {
  /// Reads products and recipes and validates them into a catalogue.
  ///
  /// - Parameters:
  ///   - products: the `--products` inputs, resolved.
  ///   - bom: the `--bom` inputs, resolved.
  ///   - maxLines: the most lines one recipe may have (`--max-lines`).
  ///   - recipesRequired: a produced or compound product without component lines
  ///     is an error (true, explode-bom) or a warning (false, schedule-mrp).
  /// - Throws: `InputError` when an input cannot be opened or read (66, 74);
  ///   `ExitCode(65)` after reporting every problem of the catalogue.
  public static func readCatalog(
    products: [InputSource], bom: [InputSource], options: ReadOptions,
    maxLines: Int = RecipeCatalog.defaultMaxLines, recipesRequired: Bool = true,
    reporter: Reporter
  ) throws -> RecipeCatalog {
    var problems = Problems()
    let read = try readProductRows(products, options: options, reporter: reporter, into: &problems)
    let lines = try readRecipeLines(bom, options: options, reporter: reporter, into: &problems)

    // A product whose type is blank (or could not be read) is produced when it has
    // component lines, raw otherwise.
    var withComponents = Set<ProductCode>()
    for l in lines where l.kind == .component { withComponents.insert(l.parent) }
    var catalogueProducts = read.products
    for i in read.untyped {
      catalogueProducts[i].type = withComponents.contains(catalogueProducts[i].code) ? .produced : .raw
    }

    let catalog: RecipeCatalog
    do {
      catalog = try RecipeCatalog(
        products: catalogueProducts, lines: lines, maxLines: maxLines,
        recipesRequired: recipesRequired)
    } catch {
      for f in error.findings { problems.add(f) }
      problems.report(to: reporter)
      reporter.finish()
      throw ExitCode(Exit.dataError)
    }
    if problems.hasErrors {
      for f in catalog.warnings { problems.add(f) }
      problems.report(to: reporter)
      reporter.finish()
      throw ExitCode(Exit.dataError)
    }
    for f in catalog.warnings { reporter.note(f.description, kind: f.problem.kind) }
    return catalog
  }

  /// Reads what to make: `product`, `qty`, and optionally `warehouse` and `id`
  /// (SPEC §5.2; a `demand` file of schedule-mrp has these columns too).
  ///
  /// An order without `id` is numbered by its place among all the orders read
  /// (1, 2, …). Unknown products and negative quantities are not checked here:
  /// they are the rules' rejections (`RecipeCatalog.explode(_:)` and the others).
  /// - Throws: `InputError` when an input cannot be opened or read; `ExitCode(65)`
  ///   after reporting every cell that cannot be read.
  public static func readOrders(_ sources: [InputSource], options: ReadOptions, reporter: Reporter)
    throws -> OrderRows
  {
    var problems = Problems()
    var rows = OrderRows()
    let schema = Schemas.orders
    let cProduct = schema.index("product")
    let cQty = schema.index("qty")
    let cWarehouse = schema.index("warehouse")
    let cID = schema.index("id")
    for source in sources {
      guard
        let table = try problems.open(
          source, schema: schema, options: options, reporter: reporter)
      else { continue }
      let headerIndex = rows.headers.count
      rows.headers.append(table.reader.header)
      let record = Record()
      while try problems.next(table, into: record) {
        var ok = true
        let product = table.code(record, cProduct)
        if product.isEmpty {
          problems.add(table.missing(record, cProduct))
          ok = false
        }
        var qty = Quantity.zero
        do {
          if let q = try table.decimal(record, cQty) {
            qty = q
          } else {
            problems.add(table.missing(record, cQty))
            ok = false
          }
        } catch {
          problems.add(error)
          ok = false
        }
        guard ok else { continue }
        let warehouse = table.code(record, cWarehouse)
        let id = table.code(record, cID)
        rows.orders.append(
          OrderLine(
            id: id.isEmpty ? String(rows.orders.count + 1) : id, product: ProductCode(product),
            qty: qty, warehouse: warehouse.isEmpty ? nil : Warehouse(warehouse),
            file: table.reader.name, line: record.line))
        rows.fields.append(record.strings)
        rows.header.append(headerIndex)
      }
    }
    if problems.hasErrors {
      problems.report(to: reporter)
      reporter.finish()
      throw ExitCode(Exit.dataError)
    }
    return rows
  }

  /// A computation that stopped (a quantity beyond the exact type's range) as
  /// the input error it is, at the recipe line that produced it (status 65).
  public static func inputError(_ error: RecipeError) -> InputError {
    switch error {
    case .overflow(let parent, let component, let file, let line):
      return InputError(
        at: SourceLocation(file: file, line: line),
        RecipeProblem.overflow(parent: parent, component: component).message)
    case .unknownProduct(let code):
      return InputError(at: SourceLocation(file: ""), RecipeProblem.unknownProduct(code).message)
    }
  }

  // MARK: - Products

  struct ProductRows {
    var products: [Product] = []
    /// Rows whose type is blank or unreadable: decided by whether they have a recipe.
    var untyped: [Int] = []
  }

  static func readProductRows(
    _ sources: [InputSource], options: ReadOptions, reporter: Reporter, into problems: inout Problems
  ) throws -> ProductRows {
    let schema = Schemas.products
    let cCode = schema.index("code")
    let cDescription = schema.index("description")
    let cType = schema.index("type")
    let cUnit = schema.index("unit")
    let cCost = schema.index("replacement_cost")
    let cCustomerLead = schema.index("customer_lead_days")
    let cProductionLead = schema.index("production_lead_days")
    let cSupplierLead = schema.index("supplier_lead_days")
    let cSupply = schema.index("supply")
    let cProcure = schema.index("procure")
    let cSupplier = schema.index("supplier")
    let cMin = schema.index("min_qty")
    let cMax = schema.index("max_qty")
    let cLot = schema.index("lot_multiple")
    let cRouting = schema.index("routing")

    var out = ProductRows()
    for source in sources {
      guard
        let table = try problems.open(
          source, schema: schema, options: options, reporter: reporter)
      else { continue }
      let record = Record()
      while try problems.next(table, into: record) {
        let code = table.code(record, cCode)
        if code.isEmpty {
          problems.add(table.missing(record, cCode))
          continue
        }
        var p = Product(code: ProductCode(code), type: .raw, file: table.reader.name, line: record.line)
        p.description = table.text(record, cDescription)
        p.unit = table.code(record, cUnit)
        let typeText = table.code(record, cType)
        if typeText.isEmpty {
          out.untyped.append(out.products.count)
        } else if let t = ProductType(parsing: typeText) {
          p.type = t
        } else {
          problems.add(
            table.invalid(
              record, cType,
              "is not a product type (raw, produced, compound, kit, support; natural, producido, fabricado, compuesto, paquete, apoyo)"
            ))
          out.untyped.append(out.products.count)
        }
        p.replacementCost = problems.cell { () throws(InputError) in try table.decimal(record, cCost) }
        p.customerLeadDays = problems.cell { () throws(InputError) in try table.int(record, cCustomerLead) } ?? 0
        p.productionLeadDays =
          problems.cell { () throws(InputError) in try table.int(record, cProductionLead) } ?? 0
        p.supplierLeadDays = problems.cell { () throws(InputError) in try table.int(record, cSupplierLead) } ?? 0
        let supply = table.code(record, cSupply)
        if !supply.isEmpty {
          if let s = SupplyMethod(parsing: supply) {
            p.supply = s
          } else {
            problems.add(table.invalid(record, cSupply, "is not buy or produce"))
          }
        }
        let procure = table.code(record, cProcure)
        if !procure.isEmpty {
          if let s = ProcureMethod(parsing: procure) {
            p.procure = s
          } else {
            problems.add(table.invalid(record, cProcure, "is not stock or order"))
          }
        }
        let supplier = table.code(record, cSupplier)
        p.supplier = supplier.isEmpty ? nil : supplier
        p.minQty = problems.cell { () throws(InputError) in try table.decimal(record, cMin) }
        p.maxQty = problems.cell { () throws(InputError) in try table.decimal(record, cMax) }
        p.lotMultiple = problems.cell { () throws(InputError) in try table.decimal(record, cLot) }
        let routing = table.code(record, cRouting)
        p.routing = routing.isEmpty ? nil : routing
        out.products.append(p)
      }
    }
    return out
  }

  // MARK: - Recipe lines

  static func readRecipeLines(
    _ sources: [InputSource], options: ReadOptions, reporter: Reporter, into problems: inout Problems
  ) throws -> [RecipeLine] {
    let schema = Schemas.bom
    let cParent = schema.index("parent")
    let cComponent = schema.index("component")
    let cQty = schema.index("qty")
    let cPer = schema.index("per")
    let cShow = schema.index("show")
    let cPos = schema.index("pos")
    let cNote = schema.index("note")
    let cWarehouse = schema.index("warehouse")
    let cKind = schema.index("kind")

    var lines: [RecipeLine] = []
    let one = Quantity(1)
    for source in sources {
      guard
        let table = try problems.open(
          source, schema: schema, options: options, reporter: reporter)
      else { continue }
      let file = table.reader.name
      let hasOptional = [cPer, cShow, cPos, cNote, cWarehouse, cKind].map { table.has($0) }
      let codes = CodeTable()
      let record = Record()
      while try problems.next(table, into: record) {
        let parent = codes.code(record, table.fieldOf[cParent])
        let component = codes.code(record, table.fieldOf[cComponent])
        if parent.isEmpty { problems.add(table.missing(record, cParent)) }
        if component.isEmpty { problems.add(table.missing(record, cComponent)) }
        if parent.isEmpty || component.isEmpty { continue }
        // A cell that cannot be read is reported; the line stays (with qty 1, per 1)
        // so that the structure around it is checked all the same.
        var qty = one
        do {
          if let q = try table.decimal(record, cQty) { qty = q } else { problems.add(table.missing(record, cQty)) }
        } catch {
          problems.add(error)
        }
        var line = RecipeLine(
          parent: ProductCode(parent), component: ProductCode(component), qty: qty, file: file,
          line: record.line)
        if hasOptional[0] {
          line.per = problems.cell { () throws(InputError) in try table.decimal(record, cPer) } ?? one
        }
        if hasOptional[1] {
          line.show = problems.cell { () throws(InputError) in try table.bool(record, cShow) } ?? true
        }
        if hasOptional[2] {
          line.pos = problems.cell { () throws(InputError) in try table.int(record, cPos) }
        }
        if hasOptional[3] { line.note = table.text(record, cNote) }
        if hasOptional[4] {
          let w = table.code(record, cWarehouse)
          if !w.isEmpty { line.warehouse = Warehouse(w) }
        }
        if hasOptional[5] {
          let k = table.code(record, cKind)
          if let kind = RecipeLineKind(parsing: k) {
            line.kind = kind
          } else {
            problems.add(table.invalid(record, cKind, "is not component or byproduct"))
          }
        }
        lines.append(line)
      }
    }
    return lines
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

// MARK: - Collecting problems

/// Problems found while reading, shown together in file and line order.
struct Problems {
  private enum Item {
    case cell(InputError)
    case finding(RecipeFinding)
  }
  private var items: [Item] = []
  private var fileRank: [String: Int] = [:]
  private(set) var hasErrors = false

  mutating func add(_ error: InputError) {
    items.append(.cell(error))
    hasErrors = true
  }

  mutating func add(_ finding: RecipeFinding) {
    items.append(.finding(finding))
    if finding.isError { hasErrors = true }
  }

  /// Runs one cell's parse; a malformed cell is recorded and gives nil.
  mutating func cell<T>(_ parse: () throws(InputError) -> T?) -> T? {
    do {
      return try parse()
    } catch {
      add(error)
      return nil
    }
  }

  /// Opens and binds an input; a malformed header is recorded and gives nil (the
  /// other inputs are still read). Inputs that cannot be opened stop the run.
  mutating func open(
    _ source: InputSource, schema: Schema, options: ReadOptions, reporter: Reporter
  ) throws(InputError) -> BoundTable? {
    fileRank[source.name] = fileRank[source.name] ?? fileRank.count
    do {
      let reader = try TableInput.open(
        source, options: options, schema: schema,
        warn: { reporter.warn($0, kind: "encoding") })
      return try schema.bind(reader, strict: options.strict).configured(by: options)
    } catch {
      if error.kind != .malformed { throw error }
      add(error)
      return nil
    }
  }

  /// The next record; a malformed record ends this input (recorded), an I/O error
  /// stops the run.
  mutating func next(_ table: BoundTable, into record: Record) throws(InputError) -> Bool {
    do {
      return try table.reader.next(into: record)
    } catch {
      if error.kind != .malformed { throw error }
      add(error)
      return false
    }
  }

  /// Shows every problem: by input (in the order read), line, column.
  func report(to reporter: Reporter) {
    func key(_ item: Item) -> (Int, Int, Int) {
      switch item {
      case .cell(let e): return (fileRank[e.location.file] ?? Int.max, e.location.line, e.location.column)
      case .finding(let f): return (fileRank[f.file] ?? Int.max, f.line, 0)
      }
    }
    let sorted = items.enumerated().sorted { a, b in
      let ka = key(a.element)
      let kb = key(b.element)
      if ka != kb { return ka < kb }
      return a.offset < b.offset
    }
    for (_, item) in sorted {
      switch item {
      case .cell(let e): reporter.note(e.description, kind: "malformed cell")
      case .finding(let f): reporter.note(f.description, kind: f.problem.kind)
      }
    }
  }
}

/// Codes read straight from a record's bytes, with one String per distinct code of
/// an input (a million recipe lines name some hundred thousand products).
final class CodeTable {
  private var strings: [[UInt8]: String] = [:]
  private var key: [UInt8] = []

  /// The cell trimmed of spaces, or "" when the column is absent.
  func code(_ record: Record, _ field: Int?) -> String {
    guard let field else { return "" }
    return record.withField(field) { bytes -> String in
      var lo = 0
      var hi = bytes.count
      while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
      while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
      if lo == hi { return "" }
      key.removeAll(keepingCapacity: true)
      key.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lo..<hi]))
      if let s = strings[key] { return s }
      let s = String(decoding: key, as: UTF8.self)
      strings[key] = s
      return s
    }
  }
}

extension Schema {
  /// The position of a column this code knows the schema has.
  func index(_ name: String) -> Int {
    guard let i = columns.firstIndex(where: { $0.name == name }) else {
      preconditionFailure("schema \(self.name) has no column \(name)")
    }
    return i
  }
}

extension BoundTable {
  /// A cell whose text is not one of the values the column takes.
  func invalid(_ record: Record, _ column: Int, _ message: String) -> InputError {
    InputError(
      at: place(record, column), "\(schema.columns[column].name) \"\(text(record, column))\" \(message)")
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
