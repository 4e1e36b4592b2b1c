/// The five kinds of product of the source ERP (seed 002, SPEC §3 `type`).
public enum ProductType: String, Sendable, CaseIterable {
  /// Bought and used or sold as is (producto natural). Never has components.
  case raw
  /// Made from other products (producido/fabricado); may be an intermediate.
  case produced
  /// A combo sold as one product (compuesto). Never a component of another.
  case compound
  /// Groups products of a standard service (paquete).
  case kit
  /// Text lines that travel with their parent in documents (apoyo).
  case support
  /// Work bought or done, not a thing (servicio): counted in requirements and
  /// load, never in stock.
  case service

  /// Reads the English name or the source system's Spanish one, any case:
  /// `raw`/`natural`, `produced`/`producido`/`fabricado`, `compound`/`compuesto`,
  /// `kit`/`paquete`, `support`/`apoyo`.
  public init?(parsing text: String) {
    switch text.trimmingASCIISpaces().lowercased() {
    case "raw", "natural": self = .raw
    case "produced", "producido", "fabricado", "producido/fabricado": self = .produced
    case "compound", "compuesto": self = .compound
    case "kit", "paquete": self = .kit
    case "support", "apoyo", "de apoyo": self = .support
    case "service", "servicio": self = .service
    default: return nil
    }
  }
}

extension ProductType {
  /// The type of a product whose `type` cell is blank (or could not be read):
  /// produced when it has component lines, raw otherwise. By-product lines do not
  /// count: a product that only yields by-products has no recipe to explode.
  public static func ofUntyped(hasComponentLines: Bool) -> ProductType {
    hasComponentLines ? .produced : .raw
  }
}

/// How a product is replenished (SPEC §3 `supply`).
public enum SupplyMethod: String, Sendable, CaseIterable {
  /// Bought from its supplier; `subcontract`: made by the supplier from
  /// components shipped to it (seed 003).
  case buy, produce, subcontract
  public init?(parsing text: String) {
    switch text.trimmingASCIISpaces().lowercased() {
    case "buy": self = .buy
    case "produce": self = .produce
    case "subcontract": self = .subcontract
    default: return nil
    }
  }
}

/// Make or buy to stock, or to order (SPEC §3 `procure`).
public enum ProcureMethod: String, Sendable, CaseIterable {
  case stock, order
  public init?(parsing text: String) {
    switch text.trimmingASCIISpaces().lowercased() {
    case "stock": self = .stock
    case "order": self = .order
    default: return nil
    }
  }
}

/// A row of the product catalogue (SPEC §3 `products`).
public struct Product: Sendable, Equatable {
  public var code: ProductCode
  public var description: String
  public var type: ProductType
  public var unit: String
  /// Cost of buying it again today (costo reposición); nil when not given.
  public var replacementCost: Money?
  public var customerLeadDays: Int
  public var productionLeadDays: Int
  public var supplierLeadDays: Int
  /// nil: produce when the product has a recipe, else buy (`RecipeCatalog.supply(of:)`).
  public var supply: SupplyMethod?
  public var procure: ProcureMethod?
  public var supplier: String?
  public var minQty: Quantity?
  public var maxQty: Quantity?
  public var lotMultiple: Quantity?
  public var routing: String?
  /// Months of warranty from a lot's sale (SPEC §5.7); 0: none.
  public var warrantyMonths: Int
  /// The input it was read from, as the user named it (empty when unknown).
  public var file: String
  /// The 1-based line it was read from (0 when unknown).
  public var line: Int

  public init(
    code: ProductCode, description: String = "", type: ProductType, unit: String = "",
    replacementCost: Money? = nil, customerLeadDays: Int = 0, productionLeadDays: Int = 0,
    supplierLeadDays: Int = 0, supply: SupplyMethod? = nil, procure: ProcureMethod? = nil,
    supplier: String? = nil, minQty: Quantity? = nil, maxQty: Quantity? = nil,
    lotMultiple: Quantity? = nil, routing: String? = nil, warrantyMonths: Int = 0, file: String = "", line: Int = 0
  ) {
    self.warrantyMonths = warrantyMonths
    self.code = code
    self.description = description
    self.type = type
    self.unit = unit
    self.replacementCost = replacementCost
    self.customerLeadDays = customerLeadDays
    self.productionLeadDays = productionLeadDays
    self.supplierLeadDays = supplierLeadDays
    self.supply = supply
    self.procure = procure
    self.supplier = supplier
    self.minQty = minQty
    self.maxQty = maxQty
    self.lotMultiple = lotMultiple
    self.routing = routing
    self.file = file
    self.line = line
  }
}
