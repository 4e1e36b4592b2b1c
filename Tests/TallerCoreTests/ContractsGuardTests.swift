import Testing
@testable import TallerCore

struct ContractsGuardTests {
  // Cycle of 14 days, A starts on 2026-10-01. turn = ⌊(d − 2026-10-01) ÷ 14⌋; even → A.
  static let fourteen: [(String, Int, GuardShift)] = [
    ("2026-10-01", 0, .a),  // ⌊0/14⌋ = 0
    ("2026-10-14", 13, .a),  // ⌊13/14⌋ = 0
    ("2026-10-15", 14, .b),  // ⌊14/14⌋ = 1
    ("2026-10-28", 27, .b),  // ⌊27/14⌋ = 1
    ("2026-10-29", 28, .a),  // ⌊28/14⌋ = 2
    ("2026-09-30", -1, .b),  // ⌊−1/14⌋ = −1 (truncation would say 0, A)
    ("2026-09-17", -14, .b),  // ⌊−14/14⌋ = −1
    ("2026-09-16", -15, .a),  // ⌊−15/14⌋ = ⌊−1.07⌋ = −2
    ("2026-09-03", -28, .a),  // ⌊−28/14⌋ = −2
    ("2026-09-02", -29, .b),  // ⌊−29/14⌋ = ⌊−2.07⌋ = −3
  ]

  @Test(arguments: fourteen)
  func floorDivisionAlsoBeforeTheStart(_ date: String, _ delta: Int, _ expected: GuardShift) throws {
    let r = try #require(GuardRotation(
      site: SiteID("EMB-ATLANTIS"), supervisorA: "Ing. Ruiz", supervisorB: "Ing. Peña",
      aStartsOn: C.day("2026-10-01")))
    #expect(C.day(date) - C.day("2026-10-01") == delta)
    #expect(r.shift(on: C.day(date)) == expected)
    #expect(r.supervisor(on: C.day(date)) == (expected == .a ? "Ing. Ruiz" : "Ing. Peña"))
  }

  // A 7×7 cycle starting 2026-10-05: 2026-10-12 is day 7 → turn 1 → B;
  // 2026-10-04 is day −1 → turn −1 → B; 2026-09-28 is day −7 → turn −1 → B;
  // 2026-09-27 is day −8 → ⌊−8/7⌋ = −2 → A.
  static let seven: [(String, GuardShift)] = [
    ("2026-10-05", .a), ("2026-10-11", .a), ("2026-10-12", .b), ("2026-10-19", .a),
    ("2026-10-04", .b), ("2026-09-28", .b), ("2026-09-27", .a),
  ]

  @Test(arguments: seven)
  func otherCycleLengths(_ date: String, _ expected: GuardShift) throws {
    let r = try #require(GuardRotation(
      site: SiteID("S"), supervisorA: "A", supervisorB: "B", aStartsOn: C.day("2026-10-05"), days: 7))
    #expect(r.shift(on: C.day(date)) == expected)
  }

  @Test func cycleLengthMustBePositive() {
    #expect(GuardRotation(site: SiteID("S"), supervisorA: "A", supervisorB: "B", aStartsOn: C.day("2026-10-01"), days: 0) == nil)
    #expect(GuardRotation(site: SiteID("S"), supervisorA: "A", supervisorB: "B", aStartsOn: C.day("2026-10-01"), days: -14) == nil)
  }

  @Test func scheduleBySite() throws {
    let a = try #require(GuardRotation(site: SiteID("S1"), supervisorA: "Ana", supervisorB: "Beto", aStartsOn: C.day("2026-10-01")))
    let dup = try #require(GuardRotation(site: SiteID("S1"), supervisorA: "X", supervisorB: "Y", aStartsOn: C.day("2026-10-01"), line: 3))
    let schedule = GuardSchedule([a, dup])
    #expect(schedule.supervisor(at: SiteID("S1"), on: C.day("2026-10-15")) == "Beto")  // day 14 → turn 1
    #expect(schedule.supervisor(at: SiteID("S2"), on: C.day("2026-10-15")) == nil)
    #expect(schedule.duplicates == [dup])
    #expect(schedule.duplicateIndices == [1])
  }
}
