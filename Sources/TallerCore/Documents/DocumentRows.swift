/// The rows of `documents` files (SPEC §3) in columns, as a reader builds them.
///
/// Codes are numbered by the one interning table (`CodeTable`): documents (the
/// `doc` column and the ids `related` names), types, journeys, products (as
/// written; posting maps each distinct code to the catalogue once) and
/// warehouses. A row whose `component` is filled is a line of its document's
/// folio (a user's edit of line `line`'s component sheet): `product` is then
/// the component and `qty` its quantity for the line's qty as written.
public struct DocumentRows: Sendable {
  public var docCodes = CodeTable()
  public var typeCodes = CodeTable()
  public var journeyCodes = CodeTable()
  public var productCodes = CodeTable()
  public var warehouseCodes = CodeTable()
  /// Input names, in the order read.
  public var files: [String] = []

  public var doc: [Int32] = []
  public var type: [Int32] = []
  public var date: [LocalDate] = []
  /// -1: no journey named.
  public var journey: [Int32] = []
  /// Row i names documents `related[relatedStart[i] ..< relatedStart[i + 1]]`.
  public var relatedStart: [Int32] = [0]
  public var related: [Int32] = []
  public var line: [Int32] = []
  /// The line's product, or the folio row's component.
  public var product: [Int32] = []
  /// True for a folio row (its `component` column filled).
  public var isFolio: [Bool] = []
  public var qty: [Quantity] = []
  /// -1: no warehouse.
  public var warehouse: [Int32] = []
  /// Unit cost given (`cost`); meaningful where `hasCost`.
  public var cost: [Money] = []
  public var hasCost: [Bool] = []
  public var file: [Int32] = []
  public var sourceLine: [Int32] = []

  public init() {}

  public var count: Int { doc.count }

  public mutating func reserveCapacity(_ n: Int) {
    doc.reserveCapacity(count + n)
    type.reserveCapacity(count + n)
    date.reserveCapacity(count + n)
    journey.reserveCapacity(count + n)
    relatedStart.reserveCapacity(count + n + 1)
    line.reserveCapacity(count + n)
    product.reserveCapacity(count + n)
    isFolio.reserveCapacity(count + n)
    qty.reserveCapacity(count + n)
    warehouse.reserveCapacity(count + n)
    cost.reserveCapacity(count + n)
    hasCost.reserveCapacity(count + n)
    file.reserveCapacity(count + n)
    sourceLine.reserveCapacity(count + n)
  }

  /// Appends a row by the numbers of its codes; `related` are document numbers.
  public mutating func append(
    doc d: Int32, type t: Int32, date dt: LocalDate, journey j: Int32, related r: some Sequence<Int32>,
    line l: Int32, product p: Int32, isFolio f: Bool, qty q: Quantity, warehouse w: Int32, cost c: Money?,
    file fi: Int32, sourceLine s: Int32
  ) {
    doc.append(d)
    type.append(t)
    date.append(dt)
    journey.append(j)
    related.append(contentsOf: r)
    relatedStart.append(Int32(related.count))
    line.append(l)
    product.append(p)
    isFolio.append(f)
    qty.append(q)
    warehouse.append(w)
    cost.append(c ?? .zero)
    hasCost.append(c != nil)
    file.append(fi)
    sourceLine.append(s)
  }

  /// Appends a row given as codes (tests, small inputs).
  public mutating func append(
    doc: String, type: String, date: LocalDate, journey: String? = nil, related: [String] = [], line: Int,
    product: String, component: Bool = false, qty: Quantity, warehouse: String? = nil, cost: Money? = nil,
    file: String = "documents.csv", sourceLine: Int = 0
  ) {
    let fileNumber: Int32
    if let k = files.firstIndex(of: file) {
      fileNumber = Int32(k)
    } else {
      files.append(file)
      fileNumber = Int32(files.count - 1)
    }
    let d = docCodes.number(of: doc)
    let r = related.map { docCodes.number(of: $0) }
    append(
      doc: d, type: typeCodes.number(of: type), date: date, journey: journey.map { journeyCodes.number(of: $0) } ?? -1,
      related: r, line: Int32(line), product: productCodes.number(of: product), isFolio: component, qty: qty,
      warehouse: warehouse.map { warehouseCodes.number(of: $0) } ?? -1, cost: cost, file: fileNumber,
      sourceLine: Int32(sourceLine == 0 ? count + 2 : sourceLine))
  }

  /// The related documents of row i.
  @inline(__always)
  public func relatedDocs(_ i: Int) -> ArraySlice<Int32> { related[Int(relatedStart[i])..<Int(relatedStart[i + 1])] }
}

/// The production journeys (jornadas, SPEC §3 `journeys`): numbered codes and
/// whether each is open.
public struct JourneyTable: Sendable {
  public var codes = CodeTable()
  public var isOpen: [Bool] = []

  public init() {}

  /// Adds a journey (a second row of the same id replaces the first's status).
  public mutating func add(_ id: String, isOpen open: Bool) {
    let k = Int(codes.number(of: id))
    if k == isOpen.count { isOpen.append(open) } else { isOpen[k] = open }
  }

  public mutating func add(utf8 id: UnsafeBufferPointer<UInt8>, isOpen open: Bool) {
    let k = Int(codes.number(utf8: id))
    if k == isOpen.count { isOpen.append(open) } else { isOpen[k] = open }
  }
}

/// Stock on hand before the first document (`--opening-stock`): counted in all
/// four stocks; a given cost starts the product's average.
public struct OpeningStock: Sendable {
  public var product: [ProductCode] = []
  public var warehouse: [String?] = []
  public var qty: [Quantity] = []
  public var cost: [Money?] = []
  public init() {}
  public mutating func append(product p: ProductCode, warehouse w: String?, qty q: Quantity, cost c: Money?) {
    product.append(p)
    warehouse.append(w)
    qty.append(q)
    cost.append(c)
  }
}

/// Movements posted before (a ledger written by an earlier run, `--ledger`): they
/// count in the four stocks by their dates, as movements do, and are not written
/// again. Codes are numbered as read; posting maps each distinct code once.
public struct PostedMovements: Sendable {
  public var productCodes = CodeTable()
  public var warehouseCodes = CodeTable()
  public var product: [Int32] = []
  /// -1: no warehouse.
  public var warehouse: [Int32] = []
  public var date: [LocalDate] = []
  /// Signed: + entered stock.
  public var qty: [Quantity] = []

  public init() {}

  public var count: Int { product.count }

  public mutating func reserveCapacity(_ n: Int) {
    product.reserveCapacity(count + n)
    warehouse.reserveCapacity(count + n)
    date.reserveCapacity(count + n)
    qty.reserveCapacity(count + n)
  }

  public mutating func append(product p: Int32, warehouse w: Int32, date d: LocalDate, qty q: Quantity) {
    product.append(p)
    warehouse.append(w)
    date.append(d)
    qty.append(q)
  }
}
