/// The money of a closing line in one currency (SPEC §4.8). Each amount of a
/// concept line is rounded half-up to cents there; a family's amounts are the sums
/// of its concepts' and the document's the sums of its families'.
public struct ClosingAmounts: Hashable, Sendable {
  /// round(authorized_qty × unit price, 2).
  public var authorized: Money = .zero
  /// round(previous_qty × unit price, 2): what was executed before the month.
  public var previous: Money = .zero
  /// round(month_qty × unit price, 2): what was executed in the month.
  public var executed: Money = .zero
  /// round(accumulated_qty × unit price, 2).
  public var accumulated: Money = .zero
  /// authorized − accumulated (of the rounded amounts; negative once passed).
  public var remaining: Money = .zero
  /// round((month_qty − month excess_qty) × unit price, 2): what can be billed now.
  public var billable: Money = .zero

  public init() {}

  /// The amounts of a concept line: quantities × `price`, each rounded at the line.
  /// previous + executed may differ from accumulated by a cent: each is rounded once.
  public init(price: Money, authorized: Quantity, previous: Quantity, month: Quantity, excess: Quantity)
    throws(ArithmeticOverflow)
  {
    self.authorized = try authorized.multiplied(by: price, places: 2)
    self.previous = try previous.multiplied(by: price, places: 2)
    executed = try month.multiplied(by: price, places: 2)
    accumulated = try (previous + month).multiplied(by: price, places: 2)
    remaining = self.authorized - accumulated
    billable = try (month - excess).multiplied(by: price, places: 2)
  }

  public static func + (a: Self, b: Self) -> Self {
    var s = a
    s.authorized += b.authorized
    s.previous += b.previous
    s.executed += b.executed
    s.accumulated += b.accumulated
    s.remaining += b.remaining
    s.billable += b.billable
    return s
  }
}

/// The amounts of a line in pesos and dollars.
public struct ClosingTotals: Hashable, Sendable {
  public var mxn = ClosingAmounts()
  public var usd = ClosingAmounts()
  public init() {}
  public init(mxn: ClosingAmounts, usd: ClosingAmounts) {
    self.mxn = mxn
    self.usd = usd
  }
  public static func + (a: Self, b: Self) -> Self { Self(mxn: a.mxn + b.mxn, usd: a.usd + b.usd) }
}

/// A day of a work order in a closed month: `CERRADO` now, with the status it had.
public struct ClosedDay: Hashable, Sendable {
  public let date: LocalDate
  /// The daily status before the closing; nil when the OT had none that day
  /// (a day outside its work order dates).
  public let previousStatus: DailyStatus?
  public init(date: LocalDate, previousStatus: DailyStatus?) {
    self.date = date
    self.previousStatus = previousStatus
  }
}

/// A work order of a closed family.
public struct ClosedWorkOrder: Hashable, Sendable {
  public let ot: OTCode
  public let kind: WorkOrderKind
  public let active: Bool
  public let site: SiteID?
  public let startDate: LocalDate?
  public let endDate: LocalDate?
  /// Every day of the month, in order.
  public let days: [ClosedDay]
}

/// Quantities by time type and day of the month (1…31); a day without rows is absent.
public struct DailyGrid: Hashable, Sendable {
  /// Per time type (CMA, then TE) and day 1–31, the sum of the quantities: slot
  /// `32 × type + day`; empty until the first quantity. `filled` has the bit of
  /// every slot with a row (a day with a row of 0 is listed, a day without rows
  /// is not).
  private var sums: [Quantity] = []
  private var filled: UInt64 = 0

  public init() {}

  public mutating func add(_ qty: Quantity, _ timeType: TimeType, day: Int) {
    precondition((1...31).contains(day), "a day of a month is 1–31")
    if sums.isEmpty { sums = [Quantity](repeating: .zero, count: 64) }
    let slot = (timeType == .cma ? 0 : 32) + day
    sums[slot] += qty
    filled |= 1 << UInt64(slot)
  }

  /// The days of a time type with their quantity, in day order.
  public func days(_ timeType: TimeType) -> [(day: Int, qty: Quantity)] {
    var out: [(day: Int, qty: Quantity)] = []
    forEachDay(timeType) { out.append(($0, $1)) }
    return out
  }

  /// Calls `body` with each day of a time type that has rows and its quantity, in
  /// day order (`days(_:)` without the array).
  public func forEachDay(_ timeType: TimeType, _ body: (Int, Quantity) throws -> Void) rethrows {
    let base = timeType == .cma ? 0 : 32
    var bits = (filled >> UInt64(base)) & 0xFFFF_FFFF
    while bits != 0 {
      let day = bits.trailingZeroBitCount
      bits &= bits - 1
      try body(day, sums[base + day])
    }
  }

  /// Per time type, the days with rows and their quantity.
  public var cells: [TimeType: [Int: Quantity]] {
    var out: [TimeType: [Int: Quantity]] = [:]
    for t in [TimeType.cma, .te] {
      let d = days(t)
      if !d.isEmpty { out[t] = Dictionary(uniqueKeysWithValues: d.map { ($0.day, $0.qty) }) }
    }
    return out
  }
}

/// A concept of a closed family: its authorization, its quantities before, in and
/// after the month, its daily grid and its money.
public struct ClosedConcept: Hashable, Sendable {
  public let authorization: Authorization
  /// Sum of the history of the family's OTs before the month.
  public let previousQty: Quantity
  /// Sum of the month's accepted rows (both time types).
  public let monthQty: Quantity
  /// previous + month.
  public var accumulatedQty: Quantity { previousQty + monthQty }
  /// authorized − accumulated (negative once passed).
  public var remainingQty: Quantity { authorization.authorizedQty - accumulatedQty }
  /// The part of the month's rows above the authorization (sum of the rows' excess_qty).
  public let excessQty: Quantity
  /// Sum of the programmed quantities of the month; nil without `--programmed`.
  public let programmedQty: Quantity?
  /// month − programmed; nil without `--programmed`.
  public var varianceQty: Quantity? { programmedQty.map { monthQty - $0 } }
  /// The month's rows by time type and day, all OTs of the family together.
  public let daily: DailyGrid
  /// The same, per OT of the family (only OTs with rows of the concept).
  public let dailyByOT: [OTCode: DailyGrid]
  public let totals: ClosingTotals
}

/// A family of a closed month: the unit of closing (SPEC §4.7).
public struct ClosedFamily: Hashable, Sendable {
  public let key: OTCode
  /// Its OTs in code order.
  public let workOrders: [ClosedWorkOrder]
  /// Every concept of its authorization in force, by code.
  public let concepts: [ClosedConcept]
  /// The sums of its concepts' amounts.
  public let totals: ClosingTotals
}

/// What a supervisor on duty signed for in the month (SPEC §4.6): the month's rows
/// of the days they were on duty.
public struct SupervisorTotals: Hashable, Sendable {
  /// Nil for rows of a site without a rotation.
  public let supervisor: String?
  public var monthQty: Quantity = .zero
  public var excessQty: Quantity = .zero
  /// Sums of the lines (family, concept, supervisor), each rounded at the line.
  public var executedMXN: Money = .zero
  public var executedUSD: Money = .zero
  public var billableMXN: Money = .zero
  public var billableUSD: Money = .zero
  public init(supervisor: String?) { self.supervisor = supervisor }
}

/// The earlier closing of the month that a reopening replaces.
public struct Reopening: Hashable, Sendable {
  public let reason: String
  /// The totals of the closed-month document found in the history; nil when the
  /// month was not closed there.
  public let previousTotals: ClosingTotals?
  public init(reason: String, previousTotals: ClosingTotals?) {
    self.reason = reason
    self.previousTotals = previousTotals
  }
}

/// A closed month (`taller.closed-month/1`): status `EN REVISIÓN`, every day of its
/// families' work orders `CERRADO`.
public struct ClosedMonth: Hashable, Sendable {
  public static let schema = "taller.closed-month/1"
  public static let status = "EN REVISIÓN"

  public let month: YearMonth
  public let evidenceURL: String
  public let reopening: Reopening?
  /// By family key.
  public let families: [ClosedFamily]
  public let totals: ClosingTotals
  /// The month's required vouchers by status (every status, 0 when none).
  public let vouchers: [VoucherStatus: Int]
  /// By supervisor name (rows without a supervisor first).
  public let supervisors: [SupervisorTotals]
}

/// What a closed-month file gives the history (SPEC §4.3, §4.4): the month's
/// production per OT, concept, day and time type, its locked days, its totals.
public struct ClosedMonthRecord: Sendable {
  public let month: YearMonth
  public let entries: [HistoryEntry]
  public let lockedDays: [WorkOrderDay]
  public let totals: ClosingTotals
  public init(month: YearMonth, entries: [HistoryEntry], lockedDays: [WorkOrderDay], totals: ClosingTotals) {
    self.month = month
    self.entries = entries
    self.lockedDays = lockedDays
    self.totals = totals
  }
}
