/// Recipe lines in columns (SPEC §3 `bom`): what `RecipeCatalog` is built from.
///
/// A catalogue of a million lines held as a million `RecipeLine` values costs
/// about 160 MB and a reference count per string per line; here it is a few flat
/// arrays. Codes are numbered by the one interning table (`CodeTable`): each
/// distinct code is stored once, and a line holds the numbers of its parent and
/// component. Warehouses and files are numbered the same way. Columns nobody used
/// (`pos`, `warehouse`, `note`) stay empty until a line has a value for them.
///
/// A reader numbers codes straight from the bytes it reads (`codeNumber(utf8:recent:)`),
/// in a table that may already number other codes (the products read before the
/// lines), and appends lines by number; anything else appends `RecipeLine`s. Read
/// back, line `i` is `self[i]`, a `RecipeLine` again (for messages and documents).
public struct RecipeLines: RandomAccessCollection, Sendable {
  /// The codes lines name, numbered: `parent[i]` and `component[i]` are numbers of
  /// this table. It may number codes no line names (products without lines).
  public private(set) var codeTable: CodeTable

  public private(set) var parent: [Int32] = []
  public private(set) var component: [Int32] = []
  public private(set) var qty: [Quantity] = []
  public private(set) var per: [Quantity] = []
  public private(set) var show: [Bool] = []
  /// False for a by-product line.
  public private(set) var isComponent: [Bool] = []
  /// The 1-based line each was read from (0 when unknown).
  public private(set) var sourceLine: [Int] = []
  /// Each line's pos, `Int.min` when it has none; empty when no line has one.
  public private(set) var pos: [Int] = []
  /// Each line's warehouse number (0: none, k: `warehouses[k - 1]`); empty when
  /// no line names one.
  public private(set) var warehouse: [Int32] = []
  public private(set) var warehouses: [Warehouse] = []
  /// Warehouse number k + 1 is code k of this table (the one code table).
  private var warehouseCodes = CodeTable()
  /// Each line's note; empty when no line has one.
  public private(set) var note: [String] = []
  /// Input names in the order first met; lines from `fileRuns[k].start` on (to
  /// the next run) came from `files[fileRuns[k].file]`.
  public private(set) var files: [String] = []
  private var fileRuns: [(start: Int, file: Int32)] = []

  /// No lines and no codes yet (a reader may number the products' codes first,
  /// with `codeNumber`, so that lines find them by number).
  public init() { codeTable = CodeTable() }

  public init(_ lines: some Sequence<RecipeLine>) {
    codeTable = CodeTable()
    for l in lines { append(l) }
  }

  // MARK: Building

  /// The number of a code, added when new.
  public mutating func codeNumber(_ code: ProductCode) -> Int32 { codeTable.number(of: code.raw) }

  /// The number of a code given as UTF-8 bytes (trimmed), added when new;
  /// `recent` is the column's last code (see `CodeTable.Recent`).
  @inline(__always)
  public mutating func codeNumber(utf8 code: UnsafeBufferPointer<UInt8>, recent: inout CodeTable.Recent) -> Int32 {
    codeTable.number(utf8: code, recent: &recent)
  }

  /// Each code by number.
  public var codes: [ProductCode] { codeTable.codes.map { ProductCode($0) } }

  /// The code numbered `k`.
  public func code(_ k: Int32) -> ProductCode { ProductCode(codeTable.codes[Int(k)]) }

  /// The number of a warehouse (1, 2, …), added when new.
  public mutating func warehouseNumber(_ w: Warehouse) -> Int32 {
    numbered(warehouseCodes.number(of: w.raw))
  }

  /// The number of the warehouse written `utf8` (trimmed, not blank), added when new:
  /// a reader's path, with no String per cell.
  public mutating func warehouseNumber(utf8: UnsafeBufferPointer<UInt8>) -> Int32 {
    numbered(warehouseCodes.number(utf8: utf8))
  }

  private mutating func numbered(_ k: Int32) -> Int32 {
    if Int(k) == warehouses.count { warehouses.append(Warehouse(warehouseCodes.codes[Int(k)])) }
    return k + 1
  }

  /// Lines appended from now on came from this input.
  public mutating func setFile(_ name: String) {
    let f: Int32
    if let known = files.firstIndex(of: name) {
      f = Int32(known)
    } else {
      files.append(name)
      f = Int32(files.count - 1)
    }
    if let last = fileRuns.last, last.file == f { return }
    if let last = fileRuns.last, last.start == count {
      fileRuns[fileRuns.count - 1].file = f
    } else {
      fileRuns.append((count, f))
    }
  }

  /// Room for `n` more lines in the columns every line fills.
  public mutating func reserveCapacity(_ n: Int) {
    parent.reserveCapacity(count + n)
    component.reserveCapacity(count + n)
    qty.reserveCapacity(count + n)
    per.reserveCapacity(count + n)
    show.reserveCapacity(count + n)
    isComponent.reserveCapacity(count + n)
    sourceLine.reserveCapacity(count + n)
  }

  /// Appends a line by the numbers of its codes (`codeNumber`) and
  /// of its warehouse (0: none; `warehouseNumber`), read from the current file.
  public mutating func append(
    parent p: Int32, component c: Int32, qty q: Quantity, per d: Quantity = Quantity(1),
    show s: Bool = true, pos o: Int? = nil, note n: String = "", warehouse w: Int32 = 0,
    kind: RecipeLineKind = .component, line: Int
  ) {
    precondition(Int(p) < codeTable.count && Int(c) < codeTable.count, "codes are numbered before lines use them")
    precondition(Int(w) <= warehouses.count, "warehouses are numbered before lines use them")
    if fileRuns.isEmpty { setFile("") }
    let i = count
    if let o {
      if pos.isEmpty { pos = [Int](repeating: Int.min, count: i) }
      pos.append(o)
    } else if !pos.isEmpty {
      pos.append(Int.min)
    }
    if w != 0 {
      if warehouse.isEmpty { warehouse = [Int32](repeating: 0, count: i) }
      warehouse.append(w)
    } else if !warehouse.isEmpty {
      warehouse.append(0)
    }
    if !n.isEmpty {
      if note.isEmpty { note = [String](repeating: "", count: i) }
      note.append(n)
    } else if !note.isEmpty {
      note.append("")
    }
    parent.append(p)
    component.append(c)
    qty.append(q)
    per.append(d)
    show.append(s)
    isComponent.append(kind == .component)
    sourceLine.append(line)
  }

  /// Appends a line as a value.
  public mutating func append(_ l: RecipeLine) {
    setFile(l.file)
    let p = codeNumber(l.parent)
    let c = codeNumber(l.component)
    let w = l.warehouse.map { warehouseNumber($0) } ?? 0
    append(
      parent: p, component: c, qty: l.qty, per: l.per, show: l.show, pos: l.pos, note: l.note,
      warehouse: w, kind: l.kind, line: l.line)
  }

  // MARK: Reading

  public var startIndex: Int { 0 }
  public var endIndex: Int { parent.count }

  /// Line `i` as a value.
  public subscript(i: Int) -> RecipeLine {
    RecipeLine(
      parent: code(parent[i]), component: code(component[i]), qty: qty[i], per: per[i],
      show: show[i], pos: pos(i), note: note.isEmpty ? "" : note[i], warehouse: warehouse(i),
      kind: isComponent[i] ? .component : .byproduct, file: file(i), line: sourceLine[i])
  }

  public func pos(_ i: Int) -> Int? {
    guard !pos.isEmpty, pos[i] != Int.min else { return nil }
    return pos[i]
  }

  /// Line i's warehouse number (0: none).
  public func warehouseNumber(_ i: Int) -> Int32 { warehouse.isEmpty ? 0 : warehouse[i] }

  public func warehouse(_ i: Int) -> Warehouse? {
    let w = warehouseNumber(i)
    return w == 0 ? nil : warehouses[Int(w) - 1]
  }

  /// The number in `files` of the input line i came from.
  public func fileNumber(_ i: Int) -> Int {
    // The last run starting at or before i.
    var lo = 0
    var hi = fileRuns.count
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if fileRuns[mid].start <= i { lo = mid } else { hi = mid }
    }
    return Int(fileRuns[lo].file)
  }

  public func file(_ i: Int) -> String { files[fileNumber(i)] }
}

extension RecipeLines {
  /// Gives the products at `untyped` (rows whose `type` was blank or could not be
  /// read) their type by `ProductType.ofUntyped(hasComponentLines:)`: produced when
  /// these lines give them a component line, raw otherwise.
  public func settleTypes(of products: inout [Product], untyped: [Int]) {
    guard !untyped.isEmpty else { return }
    var hasComponentLines = [Bool](repeating: false, count: codeTable.count)
    for i in indices where isComponent[i] { hasComponentLines[Int(parent[i])] = true }
    for row in untyped {
      let k = codeTable.existingNumber(of: products[row].code.raw)
      products[row].type = .ofUntyped(hasComponentLines: k.map { hasComponentLines[Int($0)] } ?? false)
    }
  }
}
