/// Which way a movement takes stock.
public enum StockAction: Int8, Sendable, CaseIterable {
  case none = 0
  /// Enters stock (entrada).
  case `in` = 1
  /// Leaves stock (salida).
  case out = -1

  /// `in`/`out`/`no` (also `entrada`/`salida`, `none`, `-`, blank), any case.
  public init?(parsing text: String) {
    switch text.trimmingASCIISpaces().lowercased() {
    case "in", "entrada", "+": self = .in
    case "out", "salida", "-": self = .out
    case "no", "none", "", "n": self = .none
    default: return nil
    }
  }

  public var name: String {
    switch self {
    case .none: return "no"
    case .in: return "in"
    case .out: return "out"
    }
  }
}

/// What a document does with the documents it names in `related` (SPEC §6.1).
public enum RelatedRule: Sendable, Equatable {
  /// Relating is not expected; named documents must still exist.
  case none
  /// Loads the related documents' lines and draws their pending units down
  /// (a PD from its PP, a PR from its PD). Only documents of these types may be named.
  case drawsDown(from: [String])
  /// Keeps the relation without loading or drawing anything (a PI).
  case relatesOnly
}

/// How an entering line values its units for the weighted average cost (PCPP).
public enum CostRule: String, Sendable, CaseIterable {
  /// Enters at the product's current average: the average does not change.
  case none
  /// At the document's `cost` column (purchases, returns), else the current average.
  case given
  /// At the cost of the components consumed (a production record).
  case components

  public init?(parsing text: String) {
    switch text.trimmingASCIISpaces().lowercased() {
    case "none", "no", "": self = .none
    case "given", "document", "cost": self = .given
    case "components", "componentes": self = .components
    default: return nil
    }
  }
}

/// A movement type (tipo de movimiento, SPEC §6.1): what posting a document of
/// this type does. Types are data: the defaults are SPEC's table, and a company's
/// own types are read from `--movement-types` with the same attributes.
public struct MovementType: Sendable, Equatable {
  /// The code documents name in `type` (PP, PD, …).
  public var code: String
  public var name: String
  /// Uses a component folio (sheet): produced lines load their recipe.
  public var usesFolio: Bool
  /// What it does to the stock of its lines' products.
  public var lineAction: StockAction
  /// What it does to the stock of its folio's components.
  public var componentAction: StockAction
  /// Settles (finiquita) its units and the related lines it draws from.
  public var settles: Bool
  /// Each document must name an open journey that exists.
  public var needsJourney: Bool
  public var related: RelatedRule
  public var cost: CostRule
  /// The most lines its folio's printed summary may have.
  public var maxFolioLines: Int

  public init(
    code: String, name: String = "", usesFolio: Bool = false, lineAction: StockAction = .none,
    componentAction: StockAction = .none, settles: Bool = false, needsJourney: Bool = false,
    related: RelatedRule = .none, cost: CostRule = .none, maxFolioLines: Int = MovementType.defaultMaxFolioLines
  ) {
    self.code = code
    self.name = name
    self.usesFolio = usesFolio
    self.lineAction = lineAction
    self.componentAction = componentAction
    self.settles = settles
    self.needsJourney = needsJourney
    self.related = related
    self.cost = cost
    self.maxFolioLines = maxFolioLines
  }

  /// The folio limit when a type names none (a recipe's own limit, seed 002).
  public static let defaultMaxFolioLines = 999

  /// SPEC §6.1's table.
  public static let defaults: [MovementType] = [
    MovementType(code: "PP", name: "order for production", usesFolio: true),
    MovementType(
      code: "PD", name: "dispatch to production", usesFolio: true, componentAction: .out, needsJourney: true,
      related: .drawsDown(from: ["PP"])),
    MovementType(
      code: "PR", name: "production record", lineAction: .in, settles: true, needsJourney: true,
      related: .drawsDown(from: ["PD"]), cost: .components),
    MovementType(
      code: "PI", name: "return of inputs", lineAction: .in, needsJourney: true, related: .relatesOnly,
      cost: .given),
  ]
}

/// The movement types a run knows, numbered in order.
public struct MovementTypes: Sendable {
  public private(set) var types: [MovementType]

  public init(_ types: [MovementType] = MovementType.defaults) { self.types = types }

  /// Adds `type`, or replaces the type with its code.
  public mutating func define(_ type: MovementType) {
    if let i = types.firstIndex(where: { $0.code == type.code }) {
      types[i] = type
    } else {
      types.append(type)
    }
  }

  /// The number of the type with this code.
  public func number(of code: String) -> Int? { types.firstIndex { $0.code == code } }
}
