/// A quantity of an earlier month: accepted production that counts toward the
/// authorization before the month being validated.
public struct HistoryEntry: Hashable, Sendable {
  public var ot: OTCode
  public var code: ConceptCode
  public var date: LocalDate
  public var timeType: TimeType
  public var qty: Quantity

  public init(ot: OTCode, code: ConceptCode, date: LocalDate, timeType: TimeType = .cma, qty: Quantity) {
    self.ot = ot
    self.code = code
    self.date = date
    self.timeType = timeType
    self.qty = qty
  }
}

/// What earlier months left behind (`--history`): their accepted production,
/// which accumulates before the month (SPEC §4.4), and their locked days (§4.3).
///
/// Fed from earlier validated production files (each accepted row is an entry) or
/// from closed-month files (each cell of a concept's daily grid by OT and time type
/// is an entry; each day of a work order is a locked day; the month is closed).
public struct ProductionHistory: Sendable {
  public private(set) var entries: [HistoryEntry] = []
  public private(set) var lockedDays: Set<WorkOrderDay> = []
  public private(set) var closedMonths: Set<YearMonth> = []

  public init(entries: [HistoryEntry] = [], lockedDays: [WorkOrderDay] = [], closedMonths: [YearMonth] = []) {
    self.entries = entries
    self.lockedDays = Set(lockedDays)
    self.closedMonths = Set(closedMonths)
  }

  public mutating func add(_ entry: HistoryEntry) { entries.append(entry) }
  public mutating func lock(_ day: WorkOrderDay) { lockedDays.insert(day) }
  public mutating func close(_ month: YearMonth) { closedMonths.insert(month) }

  /// True when a closed month locked `ot` on `date`.
  public func isLocked(_ ot: OTCode, on date: LocalDate) -> Bool {
    lockedDays.contains(WorkOrderDay(ot: ot, date: date))
  }
}

/// Why a row given as history cannot count (SPEC §4.4): a month given twice would
/// count twice, and a correction is an edit, not a negative row.
public enum HistoryProblem: Sendable, Equatable {
  /// Row `index` has a negative quantity.
  case negative(index: Int, qty: Quantity)
  /// Row `index` has the key of row `first`.
  case repeated(index: Int, first: Int, key: ProductionKey)

  public var index: Int {
    switch self {
    case .negative(let i, _), .repeated(let i, _, _): return i
    }
  }
}

extension ProductionHistory {
  /// History from earlier months' production rows (validated files or plain
  /// production), checked: every row must have a quantity of 0 or more, and no key
  /// (OT, code, date, time type) may appear twice.
  /// - Returns: the history, the first row of each key (to name places), and the problems.
  public static func checked(_ rows: [ProductionRow])
    -> (history: ProductionHistory, rowOfKey: [ProductionKey: Int], problems: [HistoryProblem])
  {
    var seen: [ProductionKey: Int] = [:]
    var entries: [HistoryEntry] = []
    var problems: [HistoryProblem] = []
    entries.reserveCapacity(rows.count)
    for (i, r) in rows.enumerated() {
      if r.qty.isNegative {
        problems.append(.negative(index: i, qty: r.qty))
        continue
      }
      if let first = seen[r.key] {
        problems.append(.repeated(index: i, first: first, key: r.key))
        continue
      }
      seen[r.key] = i
      entries.append(HistoryEntry(ot: r.ot, code: r.code, date: r.date, timeType: r.timeType, qty: r.qty))
    }
    return (ProductionHistory(entries: entries), seen, problems)
  }
}
