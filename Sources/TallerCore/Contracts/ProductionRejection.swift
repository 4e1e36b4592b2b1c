/// Why a production row is refused (SPEC §4.3, docs/BAD-INPUTS.md #31, #41, #42). The text
/// (`description`) is what users see in the `reason` column of `--rejects`; keep it
/// stable.
///
/// When a row has several problems, the first in this order is given: unknown OT,
/// negative quantity, duplicate key, unknown concept, then — only for a quantity
/// above 0, since a 0 row changes nothing — outside the window, locked day, no
/// daily report, day not `LABORANDO`.
public enum ProductionRejection: Hashable, Sendable, CustomStringConvertible {
  /// The OT is not in the work orders, or could not be placed in a family.
  case unknownWorkOrder(OTCode)
  case negativeQuantity(Quantity)
  /// Other rows have the same OT, code, date and time type; all of them are refused.
  case duplicateKey(otherLines: [Int])
  /// No active import of the family contains the code.
  case conceptNotAuthorized(ConceptCode, family: OTCode)
  /// The day is before the family's earliest start or after its latest end.
  case outsideWindow(LocalDate, family: OTCode, window: DateWindow)
  /// The day is `CERRADO`, in the daily file or in a closed month of the history.
  case dayLocked(LocalDate)
  /// Daily statuses were given, but none for this OT and day.
  case noDailyReport(OTCode, LocalDate)
  /// The day's status is `STANDBY` or `NO LABORANDO`.
  case dayNotWorking(OTCode, LocalDate, DailyStatus)

  public var description: String {
    switch self {
    case .unknownWorkOrder(let ot):
      return "unknown work order \(ot)"
    case .negativeQuantity(let qty):
      return "negative quantity \(qty) (corrections are edits, not negative rows)"
    case .duplicateKey(let others):
      let list = others.map(String.init).joined(separator: ", ")
      return "same OT, code, date and time type as line\(others.count == 1 ? "" : "s") \(list)"
    case .conceptNotAuthorized(let code, let family):
      return "concept \(code) is in no active annex import of family \(family)"
    case .outsideWindow(let date, let family, let window):
      return "\(date) is outside the work order dates of family \(family) (\(window))"
    case .dayLocked(let date):
      return "\(date) is locked (CERRADO)"
    case .noDailyReport(let ot, let date):
      return "no daily report for \(ot) on \(date)"
    case .dayNotWorking(let ot, let date, let status):
      return "\(ot) is \(status.name) on \(date); production needs LABORANDO"
    }
  }
}
