import Testing

@testable import TallerCore

/// Merging the parts of a closed month (`ClosedMonthOutline.merging`): a small case
/// whose sums are worked out by hand, and the parts it refuses.
@Suite struct ClosedMonthMergeTests {
  typealias Outline = ClosedMonthOutline<String>

  static let october = YearMonth(year: 2026, month: 10)!

  static func d(_ text: String) -> ExactDecimal { try! ExactDecimal.parse(text) }

  /// authorized, previous, executed, accumulated, remaining, billable.
  static func amounts(_ six: [String]) -> ClosingAmounts {
    var a = ClosingAmounts()
    (a.authorized, a.previous, a.executed) = (d(six[0]), d(six[1]), d(six[2]))
    (a.accumulated, a.remaining, a.billable) = (d(six[3]), d(six[4]), d(six[5]))
    return a
  }

  static func supervisor(_ name: String?, _ qty: String, _ excess: String, _ money: [String]) -> SupervisorTotals {
    var s = SupervisorTotals(supervisor: name)
    (s.monthQty, s.excessQty) = (d(qty), d(excess))
    (s.executedMXN, s.billableMXN, s.executedUSD, s.billableUSD) = (d(money[0]), d(money[1]), d(money[2]), d(money[3]))
    return s
  }

  // The families' totals are concept lines of ClosingTests' amount cases:
  // OT-1: 98.15 (USD 5.47) × authorized 40, previous 6, month 26;
  // OT-2: 333.33 (USD 18.51) × authorized 2.5, month 2.75, excess 0.25;
  // OT-3: 0.125 (both currencies) × authorized 2, previous 1, month 1.
  static let ot1 = ClosingTotals(
    mxn: amounts(["3926.00", "588.90", "2551.90", "3140.80", "785.20", "2551.90"]),
    usd: amounts(["218.80", "32.82", "142.22", "175.04", "43.76", "142.22"]))
  static let ot2 = ClosingTotals(
    mxn: amounts(["833.33", "0.00", "916.66", "916.66", "-83.33", "833.33"]),
    usd: amounts(["46.28", "0.00", "50.90", "50.90", "-4.62", "46.28"]))
  static let ot3 = ClosingTotals(
    mxn: amounts(["0.25", "0.13", "0.13", "0.25", "0.00", "0.13"]),
    usd: amounts(["0.25", "0.13", "0.13", "0.25", "0.00", "0.13"]))

  static func part(_ families: [(String, ClosingTotals)], vouchers: Int, supervisors: [SupervisorTotals]) -> Outline {
    Outline(
      month: october, evidenceURL: "https://evidence.example/2026-10.pdf", reopening: nil,
      families: families.map { .init(key: OTCode($0.0), totals: $0.1, section: "section of \($0.0)") },
      totals: families.reduce(ClosingTotals()) { $0 + $1.1 },
      vouchers: [.pendiente: 0, .enRevision: 0, .validado: vouchers, .rechazado: 0], supervisors: supervisors)
  }

  /// Part 0 closes OT-2; part 1 closes OT-1 and OT-3.
  static let parts = [
    part(
      [("OT-2", ot2)], vouchers: 1,
      supervisors: [
        supervisor(nil, "1", "0", ["98.15", "98.15", "5.47", "5.47"]),
        supervisor("Ing. Beto Sosa", "10.75", "0.25", ["1231.50", "1148.17", "68.58", "63.96"]),
      ]),
    part(
      [("OT-1", ot1), ("OT-3", ot3)], vouchers: 3,
      supervisors: [
        supervisor("Ing. Beto Sosa", "2", "0", ["196.30", "196.30", "10.94", "10.94"]),
        supervisor("Ing. Ana Ruiz", "18", "0", ["2237.06", "2237.06", "124.54", "124.54"]),
      ]),
  ]

  @Test func partsAddUpToTheMonth() throws {
    let merged = try Outline.merging(Self.parts).get()
    #expect(merged.month == Self.october)
    #expect(merged.evidenceURL == "https://evidence.example/2026-10.pdf")
    // Families by key, each section as its part has it.
    #expect(merged.families.map(\.key) == [OTCode("OT-1"), OTCode("OT-2"), OTCode("OT-3")])
    #expect(merged.families.map(\.section) == ["section of OT-1", "section of OT-2", "section of OT-3"])
    // MXN: authorized 3926.00 + 833.33 + 0.25 = 4759.58; previous 588.90 + 0.00 + 0.13 =
    // 589.03; executed 2551.90 + 916.66 + 0.13 = 3468.69; accumulated 3140.80 + 916.66 +
    // 0.25 = 4057.71; remaining 785.20 − 83.33 + 0.00 = 701.87; billable 2551.90 +
    // 833.33 + 0.13 = 3385.36.
    #expect(merged.totals.mxn == Self.amounts(["4759.58", "589.03", "3468.69", "4057.71", "701.87", "3385.36"]))
    // USD: 218.80 + 46.28 + 0.25 = 265.33; 32.82 + 0.00 + 0.13 = 32.95; 142.22 + 50.90 +
    // 0.13 = 193.25; 175.04 + 50.90 + 0.25 = 226.19; 43.76 − 4.62 + 0.00 = 39.14;
    // 142.22 + 46.28 + 0.13 = 188.63.
    #expect(merged.totals.usd == Self.amounts(["265.33", "32.95", "193.25", "226.19", "39.14", "188.63"]))
    // Vouchers: VALIDADO 1 + 3 = 4; every status listed.
    #expect(merged.vouchers == [.pendiente: 0, .enRevision: 0, .validado: 4, .rechazado: 0])
    // Supervisors: null first, then by name; Beto Sosa in both parts: qty 10.75 + 2 =
    // 12.75, excess 0.25 + 0 = 0.25, executed MXN 1231.50 + 196.30 = 1427.80, billable
    // MXN 1148.17 + 196.30 = 1344.47, executed USD 68.58 + 10.94 = 79.52, billable USD
    // 63.96 + 10.94 = 74.90.
    #expect(
      merged.supervisors == [
        Self.supervisor(nil, "1", "0", ["98.15", "98.15", "5.47", "5.47"]),
        Self.supervisor("Ing. Ana Ruiz", "18", "0", ["2237.06", "2237.06", "124.54", "124.54"]),
        Self.supervisor("Ing. Beto Sosa", "12.75", "0.25", ["1427.80", "1344.47", "79.52", "74.90"]),
      ])
    // The parts in the other order give the same month.
    let reversed = try Outline.merging(Self.parts.reversed()).get()
    #expect(reversed.families.map(\.section) == merged.families.map(\.section))
    #expect(reversed.totals == merged.totals && reversed.vouchers == merged.vouchers)
    #expect(reversed.supervisors == merged.supervisors)
  }

  @Test func oneClosingMergedAloneIsItself() throws {
    let one = try Outline.merging([Self.parts[1]]).get()
    #expect(one.totals == Self.ot1 + Self.ot3)
    #expect(one.supervisors.map(\.supervisor) == ["Ing. Ana Ruiz", "Ing. Beto Sosa"])
  }

  @Test func refusedParts() {
    func problem(_ parts: [Outline]) -> ClosedMonthMergeProblem? {
      if case .failure(let p) = Outline.merging(parts) { return p }
      return nil
    }
    #expect(problem([]) == .noParts)
    var november = Self.parts[1]
    november.month = YearMonth(year: 2026, month: 11)!
    #expect(problem([Self.parts[0], november]) == .otherMonth(part: 1, november.month, first: Self.october))
    var evidence = Self.parts[1]
    evidence.evidenceURL = "https://evidence.example/other.pdf"
    #expect(
      problem([Self.parts[0], evidence])
        == .otherEvidence(part: 1, "https://evidence.example/other.pdf", first: "https://evidence.example/2026-10.pdf"))
    var reopened = Self.parts[1]
    reopened.reopening = Reopening(reason: "measured again", previousTotals: nil)
    #expect(problem([Self.parts[0], reopened]) == .otherReopening(part: 1))
    // OT-2 in both parts.
    let again = Self.part([("OT-2", Self.ot2), ("OT-3", Self.ot3)], vouchers: 1, supervisors: [])
    let shared = problem([Self.parts[0], Self.parts[1], again])
    #expect(shared == .sharedFamily(OTCode("OT-2"), first: 0, second: 2))
    #expect(
      shared?.message { ["a.json", "b.json", "c.json"][$0] }
        == "family OT-2 is also in a.json; give each family to one part only")
    // Totals that are not the sum of the families' (OT-1's alone, OT-3 left out).
    var edited = Self.parts[1]
    edited.totals = Self.ot1
    #expect(problem([Self.parts[0], edited]) == .totalsNotSummed(part: 1))
  }
}
