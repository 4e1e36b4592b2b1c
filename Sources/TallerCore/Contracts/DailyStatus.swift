/// The status of a work order on a day (reporte diario).
public enum DailyStatus: String, CaseIterable, Sendable {
  case laborando = "LABORANDO"
  case standby = "STANDBY"
  case noLaborando = "NO LABORANDO"
  case cerrado = "CERRADO"

  /// Reads a status name in any case, with or without accents, `_`/`-` for the
  /// space (`no_laborando`, `No-Laborando`); also `STAND BY`. Nil for anything else.
  public init?(parsing text: String) {
    switch NameFolding.fold(text) {
    case "LABORANDO": self = .laborando
    case "STANDBY", "STAND BY": self = .standby
    case "NO LABORANDO": self = .noLaborando
    case "CERRADO": self = .cerrado
    default: return nil
    }
  }

  /// The canonical name written to files.
  public var name: String { rawValue }

  /// Production may be entered only on a `LABORANDO` day (SPEC §4.3).
  public var allowsProduction: Bool { self == .laborando }

  /// A `CERRADO` day is locked: nothing may be added or changed on it.
  public var isLocked: Bool { self == .cerrado }
}

/// One OT's status on one day: a row of the daily file (SPEC §3).
public struct DailyReport: Hashable, Sendable {
  public var ot: OTCode
  public var date: LocalDate
  public var status: DailyStatus
  public var site: SiteID?
  /// Line in the input, for messages (0 when unknown).
  public var line: Int

  public init(ot: OTCode, date: LocalDate, status: DailyStatus, site: SiteID? = nil, line: Int = 0) {
    self.ot = ot
    self.date = date
    self.status = status
    self.site = site
    self.line = line
  }
}

/// One row of the daily file in month-grid form: an OT, a month and a status per
/// filled day column (`1`…`31`).
public struct DailyGridRow: Hashable, Sendable {
  public var ot: OTCode
  public var month: YearMonth
  /// Day of the month → status, for the filled cells only.
  public var cells: [Int: DailyStatus]
  public var site: SiteID?
  public var line: Int

  public init(ot: OTCode, month: YearMonth, cells: [Int: DailyStatus], site: SiteID? = nil, line: Int = 0) {
    self.ot = ot
    self.month = month
    self.cells = cells
    self.site = site
    self.line = line
  }

  /// The row as one daily report per filled cell, in day order; a finding for a
  /// filled day the month does not have. `index` is the row's position, for findings.
  public func reports(index: Int = 0) -> (reports: [DailyReport], findings: [GridFinding]) {
    let (values, findings) = month.expand(cells, index: index, line: line)
    return (values.map { DailyReport(ot: ot, date: $0.date, status: $0.value, site: site, line: line) }, findings)
  }
}

/// Two rows give different statuses to the same OT and day; the first is kept.
public struct DailyConflict: Hashable, Sendable, CustomStringConvertible {
  public let index: Int
  public let ot: OTCode
  public let date: LocalDate
  public let status: DailyStatus
  public let line: Int
  public let keptStatus: DailyStatus
  public let keptLine: Int

  public var description: String {
    "\(ot) on \(date) is \(status.name) here but \(keptStatus.name) on line \(keptLine)"
  }
}

/// The daily statuses known for the month: who may produce on which day.
public struct DailyReports: Sendable {
  private var statuses: [WorkOrderDay: DailyReport] = [:]
  /// Rows contradicting an earlier row for the same OT and day. The same status
  /// given twice is not a conflict.
  public private(set) var conflicts: [DailyConflict] = []

  public init(_ reports: [DailyReport]) {
    for (i, r) in reports.enumerated() {
      let key = WorkOrderDay(ot: r.ot, date: r.date)
      if let kept = statuses[key] {
        if kept.status != r.status {
          conflicts.append(DailyConflict(
            index: i, ot: r.ot, date: r.date, status: r.status, line: r.line,
            keptStatus: kept.status, keptLine: kept.line))
        }
        continue
      }
      statuses[key] = r
    }
  }

  /// The status of `ot` on `date`, or nil when there is no daily report for it.
  public func status(of ot: OTCode, on date: LocalDate) -> DailyStatus? {
    statuses[WorkOrderDay(ot: ot, date: date)]?.status
  }

  /// Calls `body` with every report kept, in no particular order.
  func forEachReport(_ body: (DailyReport) -> Void) {
    for r in statuses.values { body(r) }
  }

  /// Every report kept, by OT then date.
  public var all: [DailyReport] {
    statuses.values.sorted { ($0.ot, $0.date) < ($1.ot, $1.date) }
  }
}

/// A work order on a day: the key of daily statuses and locked days.
public struct WorkOrderDay: Hashable, Sendable {
  public let ot: OTCode
  public let date: LocalDate
  public init(ot: OTCode, date: LocalDate) {
    self.ot = ot
    self.date = date
  }
}
