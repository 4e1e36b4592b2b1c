/// What MRP plans for: a customer demand (SPEC §3 `demand`).
public struct Demand: Sendable, Equatable {
  public var id: String
  public var product: ProductCode
  public var qty: Quantity
  /// The day the customer ordered (with the product's customer lead it gives
  /// the delivery date when `dueDate` is empty).
  public var orderDate: LocalDate?
  public var dueDate: LocalDate?
  public var file: String
  public var line: Int

  public init(
    id: String, product: ProductCode, qty: Quantity, orderDate: LocalDate? = nil, dueDate: LocalDate? = nil,
    file: String = "", line: Int = 0
  ) {
    self.id = id
    self.product = product
    self.qty = qty
    self.orderDate = orderDate
    self.dueDate = dueDate
    self.file = file
    self.line = line
  }
}

/// Stock on hand of a product in a warehouse (SPEC §3 `stock`).
public struct StockOnHand: Sendable, Equatable {
  public var product: ProductCode
  public var warehouse: Warehouse?
  public var onHand: Quantity
  public var file: String
  public var line: Int

  public init(product: ProductCode, warehouse: Warehouse? = nil, onHand: Quantity, file: String = "", line: Int = 0) {
    self.product = product
    self.warehouse = warehouse
    self.onHand = onHand
    self.file = file
    self.line = line
  }
}

/// An open order already placed: `qty` of `product` arriving on `date` (SPEC §3 `receipts`).
public struct OpenReceipt: Sendable, Equatable {
  public var product: ProductCode
  public var qty: Quantity
  public var date: LocalDate
  public var file: String
  public var line: Int

  public init(product: ProductCode, qty: Quantity, date: LocalDate, file: String = "", line: Int = 0) {
    self.product = product
    self.qty = qty
    self.date = date
    self.file = file
    self.line = line
  }
}

/// A workcenter (центр обработки, SPEC §3 `workcenters`, §5.4).
public struct Workcenter: Sendable, Equatable {
  public var id: String
  public var name: String
  public var type: String
  /// CA: recipe runs one cycle handles (default 1).
  public var capacityPerCycle: Quantity
  /// TC: hours of one cycle.
  public var hoursPerCycle: Quantity
  /// TS, TN: hours before and after each order's work at the workcenter.
  public var setupHours: Quantity
  public var cleanupHours: Quantity
  /// ET: a factor (default 1), or a percent with `--efficiency percent`; nil: the default.
  public var efficiency: Quantity?
  /// Capacity per working day; nil: no capacity given (never overloaded).
  public var hoursPerDay: Quantity?
  public var file: String
  public var line: Int

  public init(
    id: String, name: String = "", type: String = "", capacityPerCycle: Quantity = Quantity(1),
    hoursPerCycle: Quantity = .zero, setupHours: Quantity = .zero, cleanupHours: Quantity = .zero,
    efficiency: Quantity? = nil, hoursPerDay: Quantity? = nil, file: String = "", line: Int = 0
  ) {
    self.id = id
    self.name = name
    self.type = type
    self.capacityPerCycle = capacityPerCycle
    self.hoursPerCycle = hoursPerCycle
    self.setupHours = setupHours
    self.cleanupHours = cleanupHours
    self.efficiency = efficiency
    self.hoursPerDay = hoursPerDay
    self.file = file
    self.line = line
  }
}

/// One operation of a routing (технологическая карта, SPEC §3 `routings`).
public struct RoutingStep: Sendable, Equatable {
  public var routing: String
  public var seq: Int
  public var operation: String
  public var workcenter: String
  /// Cycles per recipe run handled (default 1).
  public var cyclesPerUnit: Quantity
  /// Fixed hours per cycle-batch of runs (default 0).
  public var hoursPerUnit: Quantity
  public var file: String
  public var line: Int

  public init(
    routing: String, seq: Int = 0, operation: String = "", workcenter: String,
    cyclesPerUnit: Quantity = Quantity(1), hoursPerUnit: Quantity = .zero, file: String = "", line: Int = 0
  ) {
    self.routing = routing
    self.seq = seq
    self.operation = operation
    self.workcenter = workcenter
    self.cyclesPerUnit = cyclesPerUnit
    self.hoursPerUnit = hoursPerUnit
    self.file = file
    self.line = line
  }
}

/// How a workcenter's `efficiency` is read (SPEC §5.4).
public enum EfficiencyConvention: String, Sendable, CaseIterable {
  /// The source system's: ET is a factor multiplying setup, cleanup and cycle hours.
  case factor
  /// The modern one: ET is a percent dividing only the cycle hours.
  case percent
}

/// The periods of the workcenter load (`--period`).
public enum LoadPeriod: String, Sendable, CaseIterable {
  case day, week, month

  /// The period holding `date`: its first and last day.
  public func bounds(of date: LocalDate) -> (start: LocalDate, end: LocalDate) {
    switch self {
    case .day: return (date, date)
    case .week:
      let start = date - (date.isoWeekday - 1)
      return (start, start + 6)
    case .month:
      let c = date.components
      let start = date - (c.day - 1)
      return (start, start + (LocalDate.daysIn(month: c.month, year: c.year) - 1))
    }
  }

  /// The period's label: the day (2026-01-26), the ISO week (2026-W05) or the month (2026-01).
  public func label(of date: LocalDate) -> String {
    switch self {
    case .day: return date.description
    case .week:
      // The ISO week's year is the year of its Thursday.
      let thursday = date + (4 - date.isoWeekday)
      let jan1 = LocalDate(year: thursday.year, month: 1, day: 1) ?? thursday
      let week = (thursday - jan1) / 7 + 1
      return "\(thursday.year)-W\(week < 10 ? "0" : "")\(week)"
    case .month:
      let c = date.components
      return "\(c.year)-\(c.month < 10 ? "0" : "")\(c.month)"
    }
  }
}

/// The company settings and options of a plan (SPEC §3 company settings, §5.3).
public struct PlanningSettings: Sendable, Equatable {
  /// Orders starting before this day are late; nil: none is.
  public var asOf: LocalDate?
  /// Days taken off a delivery computed from the customer lead.
  public var securityDays: Int
  /// Company purchase lead: added to every purchase's (and subcontract's) supplier lead.
  public var purchaseLead: Int
  /// Company production lead: added to every production order's own lead.
  public var productionLead: Int
  public var efficiency: EfficiencyConvention
  /// Working days (`--calendar`): leads count working days and capacity working
  /// days; nil: calendar days, every day a working day (the source system's way).
  public var calendar: WorkCalendar?

  public init(
    asOf: LocalDate? = nil, securityDays: Int = 0, purchaseLead: Int = 0, productionLead: Int = 0,
    efficiency: EfficiencyConvention = .factor, calendar: WorkCalendar? = nil
  ) {
    self.asOf = asOf
    self.securityDays = securityDays
    self.purchaseLead = purchaseLead
    self.productionLead = productionLead
    self.efficiency = efficiency
    self.calendar = calendar
  }

  /// The day `lead` days before `day`: calendar days, or working days with a calendar.
  @inline(__always)
  func day(_ lead: Int, before day: LocalDate) -> LocalDate {
    guard let calendar else { return day - lead }
    return lead >= 0 ? calendar.workingDay(lead, before: day) : calendar.workingDay(-lead, after: day)
  }

  /// The day `lead` days after `day`: calendar days, or working days with a calendar.
  func day(_ lead: Int, after day: LocalDate) -> LocalDate {
    guard let calendar else { return day + lead }
    return lead >= 0 ? calendar.workingDay(lead, after: day) : calendar.workingDay(-lead, before: day)
  }
}
