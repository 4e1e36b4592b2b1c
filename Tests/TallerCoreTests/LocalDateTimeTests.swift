import Testing

@testable import TallerCore

/// The scanner's date and time: exact seconds, the date forms of SPEC §2 plus a time.
struct LocalDateTimeTests {
  static let accepted: [(String, Bool, String)] = [
    ("2026-01-26T08:05", false, "2026-01-26T08:05:00"),
    ("2026-01-26 08:05:30", false, "2026-01-26T08:05:30"),
    ("2026-01-26T08:05:30Z", false, "2026-01-26T08:05:30"),
    ("26/01/2026 8:05", false, "2026-01-26T08:05:00"),
    ("01/26/2026 8:05", true, "2026-01-26T08:05:00"),
    ("26-01-2026  23:59:59", false, "2026-01-26T23:59:59"),
    ("2026-01-26", false, "2026-01-26T00:00:00"),
    ("  2026-01-26 00:00 ", false, "2026-01-26T00:00:00"),
    ("46048.5", false, "2026-01-26T12:00:00"),  // Excel: 46048 is 2026-01-26, .5 is noon
    ("46048.3375", false, "2026-01-26T08:06:00"),  // 0.3375 × 86400 = 29160 s
    ("1969-12-31 23:00", false, "1969-12-31T23:00:00"),
  ]

  @Test(arguments: accepted)
  func accepts(_ text: String, _ monthFirst: Bool, _ expected: String) throws {
    #expect(try LocalDateTime.parse(text, monthFirst: monthFirst).description == expected)
  }

  static let refused: [(String, DateTimeError)] = [
    ("2026-01-26 24:00", .notATime),
    ("2026-01-26 08:60", .notATime),
    ("2026-01-26 8", .notATime),
    ("2026-01-26 08:5", .notATime),
    ("2026-01-26 08:05+01:00", .notATime),
    ("2026-01-26 08:05:00.5", .notATime),
    ("2026-02-30 08:00", .date(.impossible)),
    ("mañana", .date(.notADate)),
    ("", .date(.empty)),
  ]

  @Test(arguments: refused)
  func refuses(_ text: String, _ error: DateTimeError) {
    #expect(throws: error) { try LocalDateTime.parse(text) }
  }

  @Test func differencesAreExactSeconds() throws {
    let a = try LocalDateTime.parse("2026-01-26 23:30")
    let b = try LocalDateTime.parse("2026-01-27 01:10")
    #expect(b - a == 6_000)
    #expect(b.date.description == "2026-01-27")
    #expect(b.secondOfDay == 4_200)
    #expect(a < b)
  }
}
