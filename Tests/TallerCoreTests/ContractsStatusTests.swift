import Testing
@testable import TallerCore

struct ContractsStatusTests {
  static let daily: [(String, DailyStatus?)] = [
    ("LABORANDO", .laborando), ("laborando", .laborando), (" Laborando ", .laborando),
    ("STANDBY", .standby), ("stand-by", .standby), ("Stand By", .standby),
    ("NO LABORANDO", .noLaborando), ("no_laborando", .noLaborando), ("No-Laborando", .noLaborando),
    ("no  laborando", .noLaborando),
    ("CERRADO", .cerrado), ("cerrado", .cerrado),
    ("LABORAND", nil), ("", nil), ("1", nil),
  ]

  @Test(arguments: daily)
  func parsesDailyStatuses(_ text: String, _ expected: DailyStatus?) {
    #expect(DailyStatus(parsing: text) == expected)
  }

  @Test func dailyStatusesWriteCanonicalNames() {
    #expect(DailyStatus.allCases.map(\.name) == ["LABORANDO", "STANDBY", "NO LABORANDO", "CERRADO"])
    #expect(DailyStatus.allCases.filter(\.allowsProduction) == [.laborando])
    #expect(DailyStatus.allCases.filter(\.isLocked) == [.cerrado])
  }

  static let vouchers: [(String, VoucherStatus?)] = [
    ("PENDIENTE", .pendiente), ("pendiente", .pendiente), ("19", .pendiente),
    ("EN REVISIÓN", .enRevision), ("en revision", .enRevision), ("En_Revisión", .enRevision),
    ("EN REVISIO\u{301}N", .enRevision),  // NFD: O + combining acute
    ("20", .enRevision),
    ("VALIDADO", .validado), ("Validado", .validado), ("21", .validado),
    ("RECHAZADO", .rechazado), ("22", .rechazado),
    ("18", nil), ("23", nil), ("REVISION", nil), ("", nil),
  ]

  @Test(arguments: vouchers)
  func parsesVoucherStatusesByNameOrNumber(_ text: String, _ expected: VoucherStatus?) {
    #expect(VoucherStatus(parsing: text) == expected)
  }

  @Test func voucherStatusesWriteCanonicalNames() {
    #expect(VoucherStatus.allCases.map(\.name) == ["PENDIENTE", "EN REVISIÓN", "VALIDADO", "RECHAZADO"])
    #expect(VoucherStatus.allCases.map(\.rawValue) == [19, 20, 21, 22])
    // Written precomposed (NFC): "Ó" is the one scalar U+00D3.
    #expect(VoucherStatus.enRevision.name.unicodeScalars.map(\.value).contains(0xD3))
  }

  static let timeTypes: [(String, TimeType?)] = [
    ("", .cma), ("  ", .cma), ("CMA", .cma), ("cma", .cma),
    ("TE", .te), ("te ", .te), ("Tiempo extra", .te), ("X", nil), ("CMA TE", nil),
  ]

  @Test(arguments: timeTypes)
  func parsesTimeTypesDefaultingToCMA(_ text: String, _ expected: TimeType?) {
    #expect(TimeType(parsing: text) == expected)
  }

  @Test func cmaSortsBeforeTE() {
    #expect(TimeType.cma < TimeType.te)
    #expect(!(TimeType.te < TimeType.cma))
    #expect(!(TimeType.cma < TimeType.cma))
  }

  static let months: [(String, String?)] = [
    ("2026-10", "2026-10"), ("2026/3", "2026-03"), (" 2026-01 ", "2026-01"),
    ("2026-13", nil), ("26-10", nil), ("2026-10-01", nil), ("", nil),
  ]

  @Test(arguments: months)
  func parsesMonths(_ text: String, _ expected: String?) {
    #expect(YearMonth(parsing: text)?.description == expected)
  }

  @Test func monthBounds() {
    let feb = YearMonth(year: 2028, month: 2)!  // 2028 is a leap year
    #expect(feb.dayCount == 29)
    #expect(feb.firstDay == C.day("2028-02-01"))
    #expect(feb.lastDay == C.day("2028-02-29"))
    #expect(YearMonth(C.day("2026-10-31")) == YearMonth(year: 2026, month: 10))
  }

  /// A November grid (30 days): cells 1, 2 and 30 become dated reports; a filled
  /// cell 31 is a finding, not silently dropped.
  @Test func dailyGridExpands() {
    let grid = DailyGridRow(
      ot: C.ot("OT-1"), month: YearMonth(year: 2026, month: 11)!,
      cells: [2: .standby, 1: .laborando, 31: .laborando, 30: .cerrado], line: 4)
    let (reports, findings) = grid.reports(index: 3)
    #expect(reports.map(\.date) == [C.day("2026-11-01"), C.day("2026-11-02"), C.day("2026-11-30")])
    #expect(reports.map(\.status) == [.laborando, .standby, .cerrado])
    #expect(reports.allSatisfy { $0.line == 4 && $0.ot == C.ot("OT-1") })
    #expect(findings == [GridFinding(index: 3, line: 4, month: YearMonth(year: 2026, month: 11)!, day: 31)])
    #expect(findings.first?.description == "day 31 is not a day of 2026-11 (it has 30 days)")
  }

  @Test func productionGridExpandsKeepingZeros() {
    let grid = ProductionGridRow(
      ot: C.ot("OT-1"), code: C.code("A"), timeType: .te, month: YearMonth(year: 2026, month: 10)!,
      cells: [5: C.q("2.5"), 6: C.q("0")], line: 9)
    let (rows, findings) = grid.rows()
    #expect(findings.isEmpty)
    #expect(rows == [
      C.row("OT-1", "A", "2026-10-05", .te, "2.5", line: 9),
      C.row("OT-1", "A", "2026-10-06", .te, "0", line: 9),
    ])
  }

  @Test func conflictingDailyReportsAreFindings() {
    let reports = DailyReports([
      DailyReport(ot: C.ot("OT-1"), date: C.day("2026-10-01"), status: .laborando, line: 2),
      DailyReport(ot: C.ot("OT-1"), date: C.day("2026-10-01"), status: .laborando, line: 3),  // same: fine
      DailyReport(ot: C.ot("OT-1"), date: C.day("2026-10-01"), status: .standby, line: 4),
    ])
    #expect(reports.status(of: C.ot("OT-1"), on: C.day("2026-10-01")) == .laborando)
    #expect(reports.status(of: C.ot("OT-1"), on: C.day("2026-10-02")) == nil)
    #expect(reports.conflicts.count == 1)
    #expect(reports.conflicts.first?.description == "OT-1 on 2026-10-01 is STANDBY here but LABORANDO on line 2")
  }
}
