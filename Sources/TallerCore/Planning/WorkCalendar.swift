/// Working days (`--calendar FILE`): a weekly pattern and dated exceptions
/// (holidays, or a working Saturday). Without a calendar every day is a working
/// day: the source system counts lead times in calendar days.
public struct WorkCalendar: Sendable, Equatable {
  /// `weekly[k]`: whether ISO weekday k + 1 (Monday … Sunday) is a working day.
  public var weekly: [Bool]
  /// Days that differ from the weekly pattern: true a working day, false a holiday.
  public var exceptions: [LocalDate: Bool]

  /// Every day a working day, no exception.
  public init(weekly: [Bool] = [Bool](repeating: true, count: 7), exceptions: [LocalDate: Bool] = [:]) {
    precondition(weekly.count == 7, "seven weekdays")
    self.weekly = weekly
    self.exceptions = exceptions
  }

  /// The most days a step searches for a working day (ten years): a calendar
  /// whose pattern has no working day at all is refused by its reader.
  static let horizon = 3660

  public var hasWorkingWeekday: Bool { weekly.contains(true) }

  public func isWorking(_ day: LocalDate) -> Bool {
    exceptions[day] ?? weekly[day.isoWeekday - 1]
  }

  /// The working day `n` working days before `day` (n ≥ 0). With n = 0: `day` when
  /// it is a working day, else the working day before it — work due on a holiday
  /// is done before it.
  public func workingDay(_ n: Int, before day: LocalDate) -> LocalDate {
    var d = day
    var steps = 0
    while !isWorking(d) && steps < Self.horizon {
      d = d - 1
      steps += 1
    }
    var left = n
    while left > 0 && steps < Self.horizon {
      d = d - 1
      steps += 1
      if isWorking(d) { left -= 1 }
    }
    return d
  }

  /// The working day `n` working days after `day` (n ≥ 0; n = 0: `day`).
  public func workingDay(_ n: Int, after day: LocalDate) -> LocalDate {
    var d = day
    var left = n
    var steps = 0
    while left > 0 && steps < Self.horizon {
      d = d + 1
      steps += 1
      if isWorking(d) { left -= 1 }
    }
    return d
  }

  /// Working days from `start` to `end`, both included.
  public func workingDays(from start: LocalDate, through end: LocalDate) -> Int {
    var n = 0
    var d = start
    while d <= end {
      if isWorking(d) { n += 1 }
      d = d + 1
    }
    return n
  }
}
