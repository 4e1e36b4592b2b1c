/// A calendar month: the period of a daily grid, a production grid and a closing.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  public let month: Int

  /// A real month (1…12 of a year 1…9999), or nil.
  public init?(year: Int, month: Int) {
    guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
    self.year = year
    self.month = month
  }

  /// The month a day falls in.
  public init(_ date: LocalDate) {
    let c = date.components
    year = c.year
    month = c.month
  }

  /// Reads `2026-10` (also `2026/10`); nil for anything else.
  public init?(parsing text: String) {
    let t = text.trimmingASCIISpaces()
    let separator: Character = t.contains("/") ? "/" : "-"
    let parts = t.split(separator: separator, omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count),
      parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let y = Int(parts[0]), let m = Int(parts[1])
    else { return nil }
    self.init(year: y, month: m)
  }

  public var dayCount: Int { LocalDate.daysIn(month: month, year: year) }

  public var firstDay: LocalDate {
    // year and month were validated at init, so day 1 always exists
    LocalDate(year: year, month: month, day: 1) ?? LocalDate(dayNumber: 0)
  }

  public var lastDay: LocalDate { firstDay + (dayCount - 1) }

  /// The date of day `day` of this month, or nil when the month has no such day.
  public func date(day: Int) -> LocalDate? {
    LocalDate(year: year, month: month, day: day)
  }

  public func contains(_ date: LocalDate) -> Bool {
    date >= firstDay && date <= lastDay
  }

  public static func < (a: Self, b: Self) -> Bool {
    (a.year, a.month) < (b.year, b.month)
  }

  /// `2026-10`.
  public var description: String {
    let y = String(year), m = String(month)
    return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + (m.count == 1 ? "0" + m : m)
  }
}

/// A month grid (daily statuses, production, programmed volumes) has one cell per
/// day, columns `1`…`31`. A filled cell for a day the month does not have (31 in
/// November, 29 in February of a common year) is a finding, never silently dropped.
public struct GridFinding: Hashable, Sendable, CustomStringConvertible {
  /// Position of the grid row in the input given to the expansion.
  public let index: Int
  public let line: Int
  public let month: YearMonth
  public let day: Int

  public var description: String {
    "day \(day) is not a day of \(month) (it has \(month.dayCount) days)"
  }
}

extension YearMonth {
  /// The filled cells of a grid row as dated values, in day order, and a finding for
  /// each filled cell whose day the month does not have.
  public func expand<Value>(_ cells: [Int: Value], index: Int, line: Int) -> (values: [(date: LocalDate, value: Value)], findings: [GridFinding]) {
    var values: [(date: LocalDate, value: Value)] = []
    var findings: [GridFinding] = []
    for day in cells.keys.sorted() {
      guard let value = cells[day] else { continue }
      if let date = date(day: day) {
        values.append((date, value))
      } else {
        findings.append(GridFinding(index: index, line: line, month: self, day: day))
      }
    }
    return (values, findings)
  }
}
