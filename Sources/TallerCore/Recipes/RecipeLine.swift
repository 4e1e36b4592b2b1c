/// What a recipe line is: an input the parent consumes, or a by-product it yields.
public enum RecipeLineKind: String, Sendable, CaseIterable {
  /// An input: exploded, required, costed.
  case component
  /// An output of making the parent (scrap, off-cuts; seed 003 "вторичные
  /// продукты"): reported, never required, never exploded, not in cost.
  case byproduct

  /// `component`/`byproduct` (also `by-product`, `componente`, `subproducto`), any case.
  public init?(parsing text: String) {
    switch text.trimmingASCIISpaces().lowercased() {
    case "component", "componente", "": self = .component
    case "byproduct", "by-product", "by_product", "subproducto", "subproduct": self = .byproduct
    default: return nil
    }
  }
}

/// One line of a recipe (SPEC §3 `bom`).
///
/// The line is written for `per` units of its parent: making `q` units of the
/// parent needs `q × qty ÷ per` of the component ("for 2 PANLAT: 0.17 BOIS002").
public struct RecipeLine: Sendable, Equatable {
  public var parent: ProductCode
  public var component: ProductCode
  /// Component quantity for `per` units of the parent (up to 10 decimals, > 0).
  public var qty: Quantity
  /// The parent quantity the line is written for (default 1, > 0).
  public var per: Quantity
  /// Shown in documents and counted in material requirements (false for labour,
  /// machine hours: those count in cost only).
  public var show: Bool
  /// Position in the recipe; required on support lines. Lines without one take
  /// their ordinal place in the recipe (1, 2, …) and lines are ordered by it.
  public var pos: Int?
  public var note: String
  /// Warehouse the component is taken from; nil: the parent's warehouse.
  public var warehouse: Warehouse?
  public var kind: RecipeLineKind
  /// The input it was read from, as the user named it (empty when unknown).
  public var file: String
  /// The 1-based line it was read from (0 when unknown).
  public var line: Int

  public init(
    parent: ProductCode, component: ProductCode, qty: Quantity, per: Quantity = Quantity(1),
    show: Bool = true, pos: Int? = nil, note: String = "", warehouse: Warehouse? = nil,
    kind: RecipeLineKind = .component, file: String = "", line: Int = 0
  ) {
    self.parent = parent
    self.component = component
    self.qty = qty
    self.per = per
    self.show = show
    self.pos = pos
    self.note = note
    self.warehouse = warehouse
    self.kind = kind
    self.file = file
    self.line = line
  }
}

extension ExactDecimal {
  /// `self × qty ÷ per`, rounded half-up at the tenth decimal once.
  ///
  /// This is the quantity rule of a recipe line (parent quantity × line qty ÷ the
  /// parent quantity the line is written for). The product and quotient are formed
  /// at full width and rounded a single time, so one level of a recipe rounds once
  /// (SPEC §5.2); with `per` = 1 it is `multiplied(by:)`.
  public func scaled(by qty: ExactDecimal, per: ExactDecimal) throws(ArithmeticOverflow)
    -> ExactDecimal
  {
    precondition(!per.isZero, "per must not be zero")
    if per.raw == ExactDecimal.one { return try multiplied(by: qty) }
    // value = x·y/d, so its raw form (× 10¹⁰) is x.raw · y.raw / d.raw.
    let m = try ExactDecimal.mulDiv(raw.magnitude, qty.raw.magnitude, per.raw.magnitude)
    let negative = ((raw < 0) != (qty.raw < 0)) != (per.raw < 0)
    return ExactDecimal(raw: try ExactDecimal.signed(m, negative: negative))
  }
}
