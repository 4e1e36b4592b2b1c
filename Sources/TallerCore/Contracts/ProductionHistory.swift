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
