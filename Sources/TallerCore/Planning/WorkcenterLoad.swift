/// The load of one workcenter in one period (SPEC §5.4 `--load`).
public struct WorkcenterLoad: Sendable, Equatable {
  /// Index of the workcenter in `MaterialPlan.workcenters`.
  public var workcenter: Int
  public var period: String
  public var start: LocalDate
  public var end: LocalDate
  public var hours: Quantity
  public var cycles: Quantity
  /// hours_per_day × the period's days; nil when the workcenter gives no hours_per_day.
  public var capacity: Quantity?
  /// hours ÷ capacity × 100, rounded half-up to 2 decimals; nil without a capacity.
  public var percent: Quantity?
  public var isOverloaded: Bool
}

extension MaterialPlan {
  /// Hours and cycles per workcenter and period, against capacity.
  ///
  /// An order's hours at a workcenter fall on the order's start day (the day its
  /// components are needed). Capacity is `hours_per_day` × the period's calendar
  /// days (7 a week, the month's days a month; its working days with a calendar).
  /// A period is overloaded when its
  /// hours exceed its capacity. Rows by workcenter (in the workcenters file's order)
  /// then period; only periods with load are listed.
  public func load(per period: LoadPeriod) throws(ArithmeticOverflow) -> [WorkcenterLoad] {
    let m = loadWorkcenter.count
    var starts = [LocalDate]()
    starts.reserveCapacity(m)
    for i in 0..<m { starts.append(period.bounds(of: loadDate[i]).start) }
    let centers = loadWorkcenter
    let order = (0..<m).sorted { (a: Int, b: Int) -> Bool in
      if centers[a] != centers[b] { return centers[a] < centers[b] }
      if starts[a] != starts[b] { return starts[a] < starts[b] }
      return a < b
    }
    var rows: [WorkcenterLoad] = []
    for i in order {
      let w = Int(loadWorkcenter[i])
      if let last = rows.last, last.workcenter == w, last.start == starts[i] {
        rows[rows.count - 1].hours += loadHours[i]
        rows[rows.count - 1].cycles += loadCycles[i]
        continue
      }
      let (start, end) = period.bounds(of: loadDate[i])
      rows.append(
        WorkcenterLoad(
          workcenter: w, period: period.label(of: start), start: start, end: end, hours: loadHours[i],
          cycles: loadCycles[i], capacity: nil, percent: nil, isOverloaded: false))
    }
    for k in rows.indices {
      guard let perDay = workcenters[rows[k].workcenter].hoursPerDay else { continue }
      let days =
        settings.calendar?.workingDays(from: rows[k].start, through: rows[k].end) ?? (rows[k].end - rows[k].start + 1)
      let capacity = try perDay.multiplied(by: Quantity(days))
      rows[k].capacity = capacity
      rows[k].isOverloaded = rows[k].hours > capacity
      if capacity.isPositive {
        rows[k].percent = try (try rows[k].hours.multiplied(by: Quantity(100))).divided(by: capacity, places: 2)
      }
    }
    return rows
  }
}
