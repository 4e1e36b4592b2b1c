/// The kinds of MRP exception (SPEC §5.3): problems are results, listed as rows,
/// never dropped.
public enum PlanExceptionKind: String, Sendable, CaseIterable {
  /// A product to produce without component lines (OpenERP's "no recipe defined").
  case noRecipe = "no recipe defined"
  /// A product to buy or subcontract without a supplier.
  case noSupplier = "no supplier"
  /// A stock product short: its replenishment rule procures it (OpenERP's "temporary").
  case temporary
  /// A stock product short with no rule: nothing is ordered; the planner must act.
  case toCorrect = "to correct"
  /// A planned order that should have started before the as-of date.
  case late
  /// A demand, stock or receipt row naming a product not in the catalogue.
  case unknownProduct = "unknown product"
  /// A demand with a negative quantity (nothing is planned for it).
  case negativeQty = "negative qty"
  /// A product naming a routing that the routings file does not define.
  case unknownRouting = "unknown routing"
  /// A routing operation naming a workcenter that the workcenters file does not define.
  case unknownWorkcenter = "unknown workcenter"
  /// A by-product yielded by an order planned after the by-product itself (only
  /// when by-products make the recipe graph circular): not counted as a receipt.
  case byproductNotCounted = "by-product not counted"

  /// True for the kinds `--strict` refuses (status 1): "to correct" and "late".
  public var isStrict: Bool { self == .toCorrect || self == .late }
}

/// One exception row.
public struct PlanException: Sendable, Equatable {
  public var kind: PlanExceptionKind
  public var product: ProductCode?
  /// The demand id it concerns ("" when none).
  public var demand: String
  /// The planned order it concerns (index in `MaterialPlan`), or nil.
  public var order: Int?
  public var date: LocalDate?
  public var qty: Quantity?
  /// The message of an exception about an input row or a product (composed when
  /// found); empty for the kinds found per requirement or order — temporary, to
  /// correct, late — whose message `MaterialPlan.message(of:)` composes when it is
  /// written (a night may find hundreds of thousands).
  public var text: String
  /// For "to correct": the requirement, and what stock and receipts covered of it.
  public var gross: Quantity?
  public var stockUsed: Quantity?
  public var receiptsUsed: Quantity?
  /// Where the row came from, for exceptions about an input row ("" and 0 otherwise).
  public var file: String
  public var line: Int

  public init(
    _ kind: PlanExceptionKind, product: ProductCode?, demand: String = "", order: Int? = nil,
    date: LocalDate? = nil, qty: Quantity? = nil, message: String = "", gross: Quantity? = nil,
    stockUsed: Quantity? = nil, receiptsUsed: Quantity? = nil, file: String = "", line: Int = 0
  ) {
    self.kind = kind
    self.product = product
    self.demand = demand
    self.order = order
    self.date = date
    self.qty = qty
    self.text = message
    self.gross = gross
    self.stockUsed = stockUsed
    self.receiptsUsed = receiptsUsed
    self.file = file
    self.line = line
  }
}
