/// Choices of a posting run that are not in the documents.
public struct PostingOptions: Sendable {
  /// Movements dated before it count in the prior-period stock (none: no movement does).
  public var periodStart: LocalDate?
  /// Movements dated on or before it count in the last-control stock (none: no movement does).
  public var lastControl: LocalDate?
  /// Follow the weighted average cost (PCPP) and keep each movement's unit cost,
  /// running average and stock after (`--costs-out`). Without it no cost is
  /// computed: `averageCost` stays at the catalogue's costs and the movement cost
  /// columns are empty (posting a million lines does not pay for what nobody reads).
  public var recordCosts: Bool
  /// Quantities that move stock are rounded half-up to this many decimals (the
  /// document unit's 2); folios keep 10.
  public var stockPlaces: Int

  public init(periodStart: LocalDate? = nil, lastControl: LocalDate? = nil, recordCosts: Bool = true, stockPlaces: Int = 2) {
    self.periodStart = periodStart
    self.lastControl = lastControl
    self.recordCosts = recordCosts
    self.stockPlaces = stockPlaces
  }
}

/// A document row refused by the rules: the row (in `DocumentRows`) and why.
public struct DocumentRejection: Sendable, Equatable {
  public var row: Int
  public var reason: String
  public init(row: Int, reason: String) {
    self.row = row
    self.reason = reason
  }
}

/// Where a folio line came from.
public enum FolioSource: UInt8, Sendable {
  /// Loaded from the line's recipe (show lines only).
  case recipe
  /// Given in the documents file (the user's edit).
  case edited
  /// Taken, in proportion, from the folio of a related document's line.
  case related

  public var name: String {
    switch self {
    case .recipe: return "recipe"
    case .edited: return "edited"
    case .related: return "related"
    }
  }
}

/// What a folio line is. Only components move stock; support lines (text that
/// travels with its line), services (never in stock) and by-products (outputs,
/// declared by a line of their own) are carried on the folio and never move stock.
public enum FolioLineKind: UInt8, Sendable {
  case component, support, byproduct, service

  public var name: String {
    switch self {
    case .component: return "component"
    case .support: return "support"
    case .byproduct: return "byproduct"
    case .service: return "service"
    }
  }
}

/// Documents posted in date order (SPEC §6): the stock ledger, the four stocks per
/// product and warehouse, every line's pending units, the component folios, the
/// running average costs, and the rows refused.
///
/// Everything is held in columns indexed by numbers: rows by their place in
/// `DocumentRows`, products by their catalogue number, warehouses by their number
/// in `warehouses` (-1: none).
public struct Posting: Sendable {
  public let rows: DocumentRows
  public let types: MovementTypes
  public let catalog: RecipeCatalog
  /// Every warehouse named by documents, recipes or the opening stock.
  public let warehouses: CodeTable
  /// Catalogue number of each row's product (-1: not in the catalogue).
  public let productOfRow: [Int32]
  /// Type number of each row (-1: unknown type).
  public let typeOfRow: [Int32]

  // Ledger: one entry per movement, in posting order.
  /// The document row of the movement (a component's: its line's).
  public internal(set) var movementRow: [Int32] = []
  public internal(set) var movementProduct: [Int32] = []
  public internal(set) var movementWarehouse: [Int32] = []
  /// Signed: + enters stock, − leaves it.
  public internal(set) var movementQty: [Quantity] = []
  public internal(set) var movementIsComponent: [Bool] = []
  /// With `recordCosts`: the unit cost the movement was valued at, and the
  /// product's average cost and total stock after it.
  public internal(set) var movementUnitCost: [Money] = []
  public internal(set) var movementAverage: [Money] = []
  public internal(set) var movementStockAfter: [Quantity] = []

  // Four stocks, one slot per product and warehouse met.
  public internal(set) var stockProduct: [Int32] = []
  public internal(set) var stockWarehouse: [Int32] = []
  public internal(set) var physical: [Quantity] = []
  public internal(set) var documented: [Quantity] = []
  public internal(set) var priorPeriod: [Quantity] = []
  public internal(set) var lastControl: [Quantity] = []

  /// Main rows posted, in posting order.
  public internal(set) var postedLines: [Int32] = []
  /// Units still pending on each row (0 for settled and refused rows).
  public internal(set) var pending: [Quantity] = []

  // Folio lines, in posting order, each of a posted line.
  public internal(set) var folioRow: [Int32] = []
  public internal(set) var folioComponent: [Int32] = []
  /// 10 decimals.
  public internal(set) var folioQty: [Quantity] = []
  /// What moves stock: `folioQty` rounded half-up to the document unit's decimals.
  public internal(set) var folioStockQty: [Quantity] = []
  public internal(set) var folioWarehouse: [Int32] = []
  public internal(set) var folioSource: [FolioSource] = []
  public internal(set) var folioKind: [FolioLineKind] = []

  /// Refused rows, in input order (file, then line).
  public internal(set) var rejected: [DocumentRejection] = []

  /// Each product's weighted average cost after the last document.
  public internal(set) var averageCost: [Money] = []

  /// The code of a row's document, type, journey, product as written.
  public func docCode(_ row: Int) -> String { rows.docCodes.codes[Int(rows.doc[row])] }
  public func typeCode(_ row: Int) -> String { rows.type[row] < 0 ? "" : rows.typeCodes.codes[Int(rows.type[row])] }
  public func journeyCode(_ row: Int) -> String? {
    rows.journey[row] < 0 ? nil : rows.journeyCodes.codes[Int(rows.journey[row])]
  }
  public func productCode(_ p: Int32) -> String { catalog.products[Int(p)].code.raw }
  public func warehouseCode(_ w: Int32) -> String? { w < 0 ? nil : warehouses.codes[Int(w)] }
  /// The file and line a row was read from.
  public func place(_ row: Int) -> (file: String, line: Int) {
    (rows.files.isEmpty ? "" : rows.files[Int(rows.file[row])], Int(rows.sourceLine[row]))
  }
  /// The type of a row, when known.
  public func type(ofRow row: Int) -> MovementType? {
    typeOfRow[row] < 0 ? nil : types.types[Int(typeOfRow[row])]
  }

  init(
    rows: DocumentRows, types: MovementTypes, catalog: RecipeCatalog, warehouses: CodeTable, productOfRow: [Int32],
    typeOfRow: [Int32]
  ) {
    self.rows = rows
    self.types = types
    self.catalog = catalog
    self.warehouses = warehouses
    self.productOfRow = productOfRow
    self.typeOfRow = typeOfRow
  }
}

extension RecipeCatalog {
  /// The catalogue number of a product code, or nil.
  public func productNumber(of code: String) -> Int32? { index.existingNumber(of: code) }
}
