import Testing
@testable import TallerCore

/// docs/BAD-INPUTS.md #33–37.
struct LocalDateTests {
  static let accepted: [(String, Bool, String)] = [
    ("2026-10-31", false, "2026-10-31"),
    ("31/10/2026", false, "2026-10-31"),
    ("31-10-2026", false, "2026-10-31"),
    ("2026/10/31", false, "2026-10-31"),
    ("1/2/2026", false, "2026-02-01"),
    ("1/2/2026", true, "2026-01-02"),  // --month-first
    ("46326", false, "2026-10-31"),  // Excel serial: 45658 is 2025-01-01, +365 → 2026-01-01, +303
    ("1", false, "1900-01-01"),
    ("59", false, "1900-02-28"),
    ("61", false, "1900-03-01"),
    ("46326.75", false, "2026-10-31"),
    ("2026-10-31 08:00", false, "2026-10-31"),  // #37
    ("2026-10-31T08:00:00Z", false, "2026-10-31"),
    ("2024-02-29", false, "2024-02-29"),
    ("31.10.2026", false, "2026-10-31"),  // dotted, day first
    ("10.31.2026", true, "2026-10-31"),
    ("2026.10.31", false, "2026-10-31"),
    ("31.10.2026 08:00", false, "2026-10-31"),
  ]

  @Test(arguments: accepted)
  func accepts(_ text: String, _ monthFirst: Bool, _ expected: String) throws {
    #expect(try LocalDate.parse(text, monthFirst: monthFirst).description == expected)
  }

  static let rejected: [(String, DateError)] = [
    ("2026-02-30", .impossible), ("31/13/2026", .impossible), ("0/1/2026", .impossible),
    ("2025-02-29", .impossible), ("01/02/26", .twoDigitYear), ("60", .badSerial),
    ("0", .badSerial), ("", .empty), ("yesterday", .notADate), ("2026-10", .notADate),
    ("2026-10/31", .notADate), ("-5", .notADate), ("31.10/2026", .notADate), ("31.13.2026", .impossible),
    ("1.2.26", .twoDigitYear), ("31.10.", .notADate),
  ]

  @Test(arguments: rejected)
  func rejects(_ text: String, _ expected: DateError) {
    #expect(throws: expected) { try LocalDate.parse(text) }
  }

  @Test func civilRoundTripOverFourCenturies() {
    var date = LocalDate(year: 1900, month: 1, day: 1)!
    var (y, m, d) = (1900, 1, 1)
    while date.year < 2300 {
      #expect(date.components == (y, m, d))
      date = date + 1
      d += 1
      if d > LocalDate.daysIn(month: m, year: y) { d = 1; m += 1 }
      if m > 12 { m = 1; y += 1 }
    }
  }

  @Test func weekday() {
    #expect(LocalDate(year: 2026, month: 11, day: 22)!.isoWeekday == 7)  // a Sunday
    #expect(LocalDate(year: 1969, month: 12, day: 29)!.isoWeekday == 1)
  }
}

struct BooleanTests {
  @Test(arguments: [
    "true", "1", "S", "si", "SÍ", "Y", "x", "X", "Yes", " TRUE\t", "sí", "Sí", "si\u{301}", "SI\u{301}",
    "VERDADERO", "v",
  ])
  func yes(_ t: String) throws { #expect(try parseBool(t) == true) }
  @Test(arguments: ["false", "0", "N", "NO", "no", " False ", "FALSO", "f"])
  func no(_ t: String) throws { #expect(try parseBool(t) == false) }
  @Test func emptyIsDefault() throws {
    #expect(try parseBool("  ") == nil)
    #expect(try parseBool("") == nil)
  }
  @Test(arguments: ["maybe", "sì", "2", "yes!", "tru", "0.0", "s\u{301}", "nó"])
  func otherIsAnError(_ t: String) { #expect(throws: BoolError()) { try parseBool(t) } }
}
