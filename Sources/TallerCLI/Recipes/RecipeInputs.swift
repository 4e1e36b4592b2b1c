import ArgumentParser
import TallerCore
import TallerIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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
    var codes = CodeTable()
    let read = try readProductRows(
      products, options: options, codes: &codes, reporter: reporter, into: &problems)
    let bomLines = try readRecipeLines(
      bom, options: options, codes: &codes, reporter: reporter, into: &problems)

    // A product whose type is blank (or could not be read) is produced when it has
    // component lines, raw otherwise.
    var catalogueProducts = read.products
    if !read.untyped.isEmpty {
      var withComponents = [Bool](repeating: false, count: catalogueProducts.count)
      for i in bomLines.indices where bomLines.isComponent[i] {
        let row = codes.entries[Int(bomLines.parent[i])].productRow
        if row >= 0 { withComponents[row] = true }
      }
      for i in read.untyped { catalogueProducts[i].type = withComponents[i] ? .produced : .raw }
    }

    let catalog: RecipeCatalog
    do {
      catalog = try RecipeCatalog(
        products: catalogueProducts, lines: bomLines, maxLines: maxLines,
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
      while try problems.next(table.reader, into: record) {
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

  /// The size in bytes of a file input (nil for standard input).
  static func fileSize(_ source: InputSource) -> Int? {
    guard case .file(let path) = source else { return nil }
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : nil
  }

  // MARK: - Products

  struct ProductRows {
    var products: [Product] = []
    /// Rows whose type is blank or unreadable: decided by whether they have a recipe.
    var untyped: [Int] = []
  }

  static func readProductRows(
    _ sources: [InputSource], options: ReadOptions, codes: inout CodeTable, reporter: Reporter,
    into problems: inout Problems
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
    var values = CodeTable()
    var typeOfEntry: [Int: ProductType?] = [:]
    for source in sources {
      guard
        let table = try problems.open(
          source, schema: schema, options: options, reporter: reporter)
      else { continue }
      if let size = fileSize(source) { out.products.reserveCapacity(out.products.count + size / 16) }
      let record = Record()
      while try problems.next(table.reader, into: record) {
        let entry = codes.entry(record, table.fieldOf[cCode])
        if entry < 0 {
          problems.add(table.missing(record, cCode))
          continue
        }
        if codes.entries[entry].productRow < 0 { codes.entries[entry].productRow = out.products.count }
        var p = Product(
          code: ProductCode(codes.entries[entry].code), type: .raw, file: table.reader.name,
          line: record.line)
        p.description = table.text(record, cDescription)
        // Units and types repeat: each distinct text is made a String (and a
        // type parsed) once.
        let unit = values.entry(record, table.fieldOf[cUnit])
        if unit >= 0 { p.unit = values.entries[unit].code }
        let typeEntry = values.entry(record, table.fieldOf[cType])
        var type: ProductType? = nil
        if typeEntry >= 0 {
          if let known = typeOfEntry[typeEntry] {
            type = known
          } else {
            type = ProductType(parsing: values.entries[typeEntry].code)
            typeOfEntry[typeEntry] = .some(type)
          }
        }
        if typeEntry < 0 {
          out.untyped.append(out.products.count)
        } else if let type {
          p.type = type
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

  /// Reads recipe lines into columns, numbering codes with `codes` (the numbers
  /// of the products read before them), so a line costs no String.
  static func readRecipeLines(
    _ sources: [InputSource], options: ReadOptions, codes: inout CodeTable, reporter: Reporter,
    into problems: inout Problems
  ) throws -> RecipeLines {
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

    var out = RecipeLines()
    var warehouses = CodeTable()
    var warehouseNumber: [Int32] = []
    let one = Quantity(1)
    for source in sources {
      guard
        let table = try problems.open(
          source, schema: schema, options: options, reporter: reporter)
      else { continue }
      out.setFile(table.reader.name)
      let hasOptional = [cPer, cShow, cPos, cNote, cWarehouse, cKind].map { table.has($0) }
      // Room for the lines a file of this size may hold (a recipe line takes 16
      // bytes or more): growing a million-line array step by step copies it
      // twice over. Room never written is never touched, so costs no memory.
      if let size = fileSize(source) { out.reserveCapacity(size / 16) }
      let record = Record()
      var recentParent = CodeTable.Recent()
      // The reader and the code fields, taken out of the table once.
      let reader = table.reader
      let fParent = table.fieldOf[cParent]
      let fComponent = table.fieldOf[cComponent]
      while try problems.next(reader, into: record) {
        let parent = codes.entry(record, fParent, recent: &recentParent)
        let component = codes.entry(record, fComponent)
        if parent < 0 { problems.add(table.missing(record, cParent)) }
        if component < 0 { problems.add(table.missing(record, cComponent)) }
        if parent < 0 || component < 0 { continue }
        // Codes the lines have not met yet are added in the table's order.
        while out.codes.count < codes.count {
          _ = out.addCode(ProductCode(codes.entries[out.codes.count].code))
        }
        // A cell that cannot be read is reported; the line stays (with qty 1, per 1)
        // so that the structure around it is checked all the same.
        var qty = one
        do {
          if let q = try table.quantity(record, cQty) { qty = q } else { problems.add(table.missing(record, cQty)) }
        } catch {
          problems.add(error)
        }
        var per = one
        var show = true
        var pos: Int? = nil
        var note = ""
        var warehouse: Int32 = 0
        var kind = RecipeLineKind.component
        if hasOptional[0] {
          per = problems.cell { () throws(InputError) in try table.quantity(record, cPer) } ?? one
        }
        if hasOptional[1] {
          show = problems.cell { () throws(InputError) in try table.bool(record, cShow) } ?? true
        }
        if hasOptional[2] {
          pos = problems.cell { () throws(InputError) in try table.int(record, cPos) }
        }
        if hasOptional[3] { note = table.text(record, cNote) }
        if hasOptional[4] {
          let w = warehouses.entry(record, table.fieldOf[cWarehouse])
          if w >= 0 {
            while warehouseNumber.count <= w {
              let code = warehouses.entries[warehouseNumber.count].code
              warehouseNumber.append(out.warehouseNumber(Warehouse(code)))
            }
            warehouse = warehouseNumber[w]
          }
        }
        if hasOptional[5] {
          let k = table.code(record, cKind)
          if let parsed = RecipeLineKind(parsing: k) {
            kind = parsed
          } else {
            problems.add(table.invalid(record, cKind, "is not component or byproduct"))
          }
        }
        out.append(
          parent: Int32(parent), component: Int32(component), qty: qty, per: per, show: show, pos: pos,
          note: note, warehouse: warehouse, kind: kind, line: record.line)
      }
    }
    return out
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
  mutating func next(_ reader: RecordReader, into record: Record) throws(InputError) -> Bool {
    do {
      return try reader.next(into: record)
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

/// Codes read straight from a record's bytes: each distinct code becomes one
/// String once, and is numbered (an entry), with the first product row that has
/// it. A million recipe lines name some hundred thousand products: hashing their
/// bytes here, once, spares a String and a dictionary lookup per cell.
///
/// Records hold NFC text, so equal bytes are equal codes. A struct, used in place
/// (`inout`): a class's stored properties would be checked for exclusive access
/// on every use.
struct CodeTable {
  /// Each entry's code, and its first row in the products read (-1: no product
  /// has it yet); side by side, as a recipe line reads both.
  var entries: [(code: String, productRow: Int)] = []
  /// Entries so far.
  var count: Int { entries.count }
  /// Entry k's bytes are `bytes[starts[k] ..< starts[k + 1]]`.
  private var bytes: [UInt8] = []
  private var starts: [Int] = [0]
  /// Open addressing, kept at most half full. Slot s is `slots[2s]`, the code's
  /// first 8 bytes, and `slots[2s + 1]`, its length (8 bits), 24 bits of its
  /// hash and its entry + 1 (0: empty slot), side by side in one cache line: a
  /// code of up to 8 bytes (most are) is matched without reading further.
  private var slots = [UInt64](repeating: 0, count: 2 << 12)
  private var slotCount: Int { slots.count / 2 }
  /// A column's last code, to skip probing when the next cell repeats it (recipe
  /// files list a parent's lines together).
  struct Recent {
    var prefix: UInt64 = 0
    var info: UInt64 = 0
    var entry = -1
  }

  /// The entry of the cell trimmed of spaces; -1 when it is blank or absent.
  mutating func entry(_ record: Record, _ field: Int?) -> Int {
    var none = Recent()
    return entry(record, field, recent: &none)
  }

  /// The same, checking first whether the cell repeats the column's last code.
  mutating func entry(_ record: Record, _ field: Int?, recent: inout Recent) -> Int {
    guard let field else { return -1 }
    return record.withField(field) { cell -> Int in
      var lo = 0
      var hi = cell.count
      while lo < hi, cell[lo] == 0x20 || cell[lo] == 0x09 { lo += 1 }
      while hi > lo, cell[hi - 1] == 0x20 || cell[hi - 1] == 0x09 { hi -= 1 }
      if lo == hi { return -1 }
      return find(UnsafeBufferPointer(rebasing: cell[lo..<hi]), recent: &recent)
    }
  }

  private mutating func find(_ key: UnsafeBufferPointer<UInt8>, recent: inout Recent) -> Int {
    let prefix = Self.prefix(key)
    let h = ByteHash.fnv1a(key)
    let info = UInt64(min(key.count, 255)) << 56 | (h >> 40) << 32
    if recent.entry >= 0 && recent.info == info && recent.prefix == prefix
      && (key.count <= 8 || matches(recent.entry, key))
    {
      return recent.entry
    }
    let k = find(key, prefix: prefix, hash: h, info: info)
    recent = Recent(prefix: prefix, info: info, entry: k)
    return k
  }

  private mutating func find(
    _ key: UnsafeBufferPointer<UInt8>, prefix: UInt64, hash h: UInt64, info: UInt64
  ) -> Int {
    let mask = slotCount - 1
    var s = Int(truncatingIfNeeded: h) & mask
    while true {
      let slot = slots[2 * s + 1]
      if slot == 0 { break }
      if slot & ~0xFFFF_FFFF == info && slots[2 * s] == prefix {
        let k = Int(slot & 0xFFFF_FFFF) - 1
        if key.count <= 8 || matches(k, key) { return k }
      }
      s = (s + 1) & mask
    }
    // A new code.
    let k = entries.count
    bytes.append(contentsOf: key)
    starts.append(bytes.count)
    entries.append((String(decoding: key, as: UTF8.self), -1))
    hashes.append(h)
    slots[2 * s] = prefix
    slots[2 * s + 1] = info | UInt64(k + 1)
    if 2 * entries.count > slotCount { grow() }
    return k
  }

  /// Each entry's hash (to place it again when the table grows).
  private var hashes: [UInt64] = []

  private func matches(_ k: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[k]
    guard starts[k + 1] - start == key.count else { return false }
    return bytes.withUnsafeBufferPointer { b in
      for j in 0..<key.count where b[start + j] != key[j] { return false }
      return true
    }
  }

  private mutating func grow() {
    let size = slotCount * 2
    var grown = [UInt64](repeating: 0, count: 2 * size)
    for k in 0..<entries.count {
      var s = Int(truncatingIfNeeded: hashes[k]) & (size - 1)
      while grown[2 * s + 1] != 0 { s = (s + 1) & (size - 1) }
      let info = UInt64(min(starts[k + 1] - starts[k], 255)) << 56 | (hashes[k] >> 40) << 32
      grown[2 * s] = bytes.withUnsafeBufferPointer { Self.prefix(UnsafeBufferPointer(rebasing: $0[starts[k]..<starts[k + 1]])) }
      grown[2 * s + 1] = info | UInt64(k + 1)
    }
    slots = grown
  }

  /// The first 8 bytes, little-endian, zero-padded.
  @inline(__always) static func prefix(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var p: UInt64 = 0
    for j in 0..<min(key.count, 8) { p |= UInt64(key[j]) << (8 * UInt64(j)) }
    return p
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
  /// 10^k for k = 0 … 10.
  fileprivate static let tenTo: [Int64] = (0...10).map { k in (0..<k).reduce(Int64(1)) { p, _ in p * 10 } }

  /// A quantity cell, or nil when blank: plain digits with an optional `.` and
  /// up to 10 decimals are read here from the bytes; anything else (signs,
  /// grouping, the decimal comma, errors) by `decimal(_:_:)`.
  @inline(__always)
  func quantity(_ record: Record, _ column: Int) throws(InputError) -> Quantity? {
    if let f = fieldOf[column], let plain = Self.plainQuantity(record, f, commaFile: numberConvention == .comma) {
      return plain
    }
    return try decimal(record, column)
  }

  /// Field `f` read as a plain quantity (digits, an optional `.` and up to 10
  /// decimals), or nil for anything else, which the full parser reads or rejects.
  @inline(__always)
  static func plainQuantity(_ record: Record, _ f: Int, commaFile: Bool) -> Quantity? {
    record.withField(f) { cell -> Quantity? in
      guard !cell.isEmpty, cell.count <= 18 else { return nil }
      var whole: Int64 = 0
      var fraction: Int64 = 0
      var places = -1  // -1: no point yet
      for b in cell {
        if b == 0x2E {
          if places >= 0 { return nil }
          places = 0
        } else if b >= 0x30 && b <= 0x39 {
          if places < 0 {
            whole = whole * 10 + Int64(b - 0x30)
          } else {
            places += 1
            fraction = fraction * 10 + Int64(b - 0x30)
          }
        } else {
          return nil
        }
      }
      // "12." and ".5" are left to the full parser; so is a point in a ';' file.
      if places == 0 || cell[0] == 0x2E || (places > 0 && commaFile) { return nil }
      if places > ExactDecimal.scale { return nil }
      // whole < 10^18 and fraction < 10^10: the sum fits easily.
      var raw = Int128(whole) * ExactDecimal.one
      if places > 0 { raw += Int128(fraction &* Self.tenTo[ExactDecimal.scale - places]) }
      return Quantity(raw: raw)
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

