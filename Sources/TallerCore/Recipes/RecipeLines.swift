/// Recipe lines in columns (SPEC §3 `bom`): what `RecipeCatalog` is built from.
///
/// A catalogue of a million lines held as a million `RecipeLine` values costs
/// about 160 MB and a reference count per string per line; here it is a few flat
/// arrays. Codes are numbered: each distinct code is stored once in `codes`, and
/// a line holds the numbers of its parent and component. Warehouses and files are
/// numbered the same way. Columns nobody used (`pos`, `warehouse`, `note`) stay
/// empty until a line has a value for them.
///
/// A reader that already numbers codes while it reads adds them with `addCode(_:)`
/// and appends lines by number; anything else appends `RecipeLine`s. Read back,
/// line `i` is `self[i]`, a `RecipeLine` again (for messages and documents).
public struct RecipeLines: RandomAccessCollection, Sendable {
  /// The codes lines name; `parent[i]` and `component[i]` index it. A code may
  /// appear twice (the catalogue looks each number up on its own).
  public private(set) var codes: [ProductCode] = []
  /// Codes by number, for `codeNumber(_:)`: the first `indexedCodes` of `codes`.
  private var codeNumbers: [ProductCode: Int32] = [:]
  private var indexedCodes = 0

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
  private var warehouseNumbers: [Warehouse: Int32] = [:]
  /// Each line's note; empty when no line has one.
  public private(set) var note: [String] = []
  /// Input names in the order first met; lines from `fileRuns[k].start` on (to
  /// the next run) came from `files[fileRuns[k].file]`.
  public private(set) var files: [String] = []
  private var fileRuns: [(start: Int, file: Int32)] = []

  public init() {}

  public init(_ lines: some Sequence<RecipeLine>) {
    for l in lines { append(l) }
  }

  // MARK: Building

  /// Adds a code without looking for it (a caller that numbers codes itself);
  /// returns its number.
  public mutating func addCode(_ code: ProductCode) -> Int32 {
    codes.append(code)
    return Int32(codes.count - 1)
  }

  /// The number of a code, added when new.
  public mutating func codeNumber(_ code: ProductCode) -> Int32 {
    while indexedCodes < codes.count {
      if codeNumbers[codes[indexedCodes]] == nil { codeNumbers[codes[indexedCodes]] = Int32(indexedCodes) }
      indexedCodes += 1
    }
    if let k = codeNumbers[code] { return k }
    let k = addCode(code)
    codeNumbers[code] = k
    indexedCodes = codes.count
    return k
  }

  /// The number of a warehouse (1, 2, …), added when new.
  public mutating func warehouseNumber(_ w: Warehouse) -> Int32 {
    if let k = warehouseNumbers[w] { return k }
    warehouses.append(w)
    let k = Int32(warehouses.count)
    warehouseNumbers[w] = k
    return k
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

  /// Appends a line by the numbers of its codes (`addCode`, `codeNumber`) and
  /// of its warehouse (0: none; `warehouseNumber`), read from the current file.
  public mutating func append(
    parent p: Int32, component c: Int32, qty q: Quantity, per d: Quantity = Quantity(1),
    show s: Bool = true, pos o: Int? = nil, note n: String = "", warehouse w: Int32 = 0,
    kind: RecipeLineKind = .component, line: Int
  ) {
    precondition(Int(p) < codes.count && Int(c) < codes.count, "codes are added before lines use them")
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
      parent: codes[Int(parent[i])], component: codes[Int(component[i])], qty: qty[i], per: per[i],
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
