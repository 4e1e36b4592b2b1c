/// Whether production was done in regular time or overtime (SPEC §3 `time_type`).
///
/// Both count toward the same authorization (§4.4); within a day, `CMA` rows
/// accumulate before `TE` rows, which is the order of the cases here.
public enum TimeType: String, CaseIterable, Comparable, Sendable {
  /// Costo de mano de obra: regular hours, the default.
  case cma = "CMA"
  /// Tiempo extra: overtime.
  case te = "TE"

  /// Reads `CMA`, `TE` (any case, spaces ignored); an empty cell is `CMA`.
  /// Also the spelled-out `tiempo extra`. Nil for anything else.
  public init?(parsing text: String) {
    switch NameFolding.fold(text) {
    case "", "CMA": self = .cma
    case "TE", "TIEMPO EXTRA": self = .te
    default: return nil
    }
  }

  /// The canonical name written to files.
  public var name: String { rawValue }

  public static func < (a: Self, b: Self) -> Bool { a == .cma && b == .te }
}
