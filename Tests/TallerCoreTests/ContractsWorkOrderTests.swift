import Testing
@testable import TallerCore

struct ContractsWorkOrderTests {
  // front → the site column it reads (SPEC §3): 1,3 yard; 2,6 vessel; 4,7 platform; 5 intercom.
  static let fronts: [(Int?, String?, String?)] = [
    (1, nil, "PATIO-TAMPICO"), (3, nil, "PATIO-TAMPICO"),
    (2, nil, "EMB-ATLANTIS"), (6, nil, "EMB-ATLANTIS"),
    (4, nil, "PLAT-AKAL-C"), (7, nil, "PLAT-AKAL-C"),
    (5, nil, "INTERCOM-NOHOCH"),
    (8, nil, nil),  // unknown front, no site
    (nil, nil, nil),  // no front, no site
    (2, "SITIO-ESCRITO", "SITIO-ESCRITO"),  // an explicit site wins over the front
  ]

  @Test(arguments: fronts)
  func siteComesFromTheFrontWhenEmpty(_ front: Int?, _ site: String?, _ expected: String?) {
    let wo = WorkOrder(
      ot: C.ot("OT-1"), front: front, site: site.map(SiteID.init),
      yard: SiteID("PATIO-TAMPICO"), vessel: SiteID("EMB-ATLANTIS"),
      platform: SiteID("PLAT-AKAL-C"), intercom: SiteID("INTERCOM-NOHOCH"))
    #expect(wo.resolvedSite?.raw == expected)
  }

  @Test func siteIsNilWhenTheFrontsColumnIsEmpty() {
    let wo = WorkOrder(ot: C.ot("OT-1"), front: 4, yard: SiteID("PATIO-TAMPICO"))
    #expect(wo.resolvedSite == nil)
  }

  static let kinds: [(String, WorkOrderKind?)] = [
    ("initial", .initial), ("Inicial", .initial), ("4", .initial),
    ("reprogramming", .reprogramming), ("Reprogramación", .reprogramming),
    ("REPROGRAMACION", .reprogramming), ("5", nil), ("", nil),
  ]

  @Test(arguments: kinds)
  func parsesKinds(_ text: String, _ expected: WorkOrderKind?) {
    #expect(WorkOrderKind(parsing: text) == expected)
  }

  @Test func kindIsInferredFromTheParent() {
    #expect(WorkOrder(ot: C.ot("A")).kind == .initial)
    #expect(WorkOrder(ot: C.ot("B"), parentOT: C.ot("A")).kind == .reprogramming)
  }

  /// A family is the initial OT and its reprogrammings, even through a chain.
  /// Window: earliest start 2026-09-25 (OT-A3), latest end 2026-11-05 (OT-A2).
  @Test func familyWindowSpansAllMembers() {
    let families = WorkOrderFamilies([
      WorkOrder(ot: C.ot("OT-A"), startDate: C.day("2026-10-01"), endDate: C.day("2026-10-20")),
      WorkOrder(ot: C.ot("OT-A2"), parentOT: C.ot("OT-A"), startDate: C.day("2026-10-10"), endDate: C.day("2026-11-05")),
      WorkOrder(ot: C.ot("OT-A3"), parentOT: C.ot("OT-A2"), startDate: C.day("2026-09-25"), endDate: C.day("2026-10-15")),
      WorkOrder(ot: C.ot("OT-B"), startDate: C.day("2026-10-01")),  // no end: open
    ])
    #expect(families.findings.isEmpty)
    #expect(families.familyKey(of: C.ot("OT-A3")) == C.ot("OT-A"))
    #expect(families.familyKey(of: C.ot("OT-A2")) == C.ot("OT-A"))
    let a = families.family(C.ot("OT-A"))
    #expect(a?.members == [C.ot("OT-A"), C.ot("OT-A2"), C.ot("OT-A3")])
    #expect(a?.window == DateWindow(start: C.day("2026-09-25"), end: C.day("2026-11-05")))
    #expect(a?.window.description == "2026-09-25..2026-11-05")
    let b = families.family(of: C.ot("OT-B"))
    #expect(b?.window.contains(C.day("2099-01-01")) == true)
    #expect(b?.window.contains(C.day("2026-09-30")) == false)
    #expect(families.families.map(\.key) == [C.ot("OT-A"), C.ot("OT-B")])
  }

  @Test func findingsNameWhatCannotBePlaced() {
    let families = WorkOrderFamilies([
      WorkOrder(ot: C.ot("OT-1"), line: 2),
      WorkOrder(ot: C.ot("OT-2"), parentOT: C.ot("OT-404"), line: 3),  // unknown parent
      WorkOrder(ot: C.ot("OT-3"), kind: .reprogramming, line: 4),  // no parent
      WorkOrder(ot: C.ot("OT-Y"), parentOT: C.ot("OT-X"), line: 5),  // X → Y → X
      WorkOrder(ot: C.ot("OT-X"), parentOT: C.ot("OT-Y"), line: 6),
      WorkOrder(ot: C.ot("OT-1"), line: 7),  // duplicate
      WorkOrder(ot: C.ot("OT-4"), parentOT: C.ot("OT-2"), line: 8),  // under an unplaced OT
      WorkOrder(ot: C.ot("OT-5"), startDate: C.day("2026-10-10"), endDate: C.day("2026-10-01"), line: 9),
    ])
    #expect(families.findings == [
      .duplicate(C.ot("OT-1"), line: 7, firstLine: 2),
      .startAfterEnd(C.ot("OT-5"), start: C.day("2026-10-10"), end: C.day("2026-10-01"), line: 9),
      .unknownParent(C.ot("OT-2"), parent: C.ot("OT-404"), line: 3),
      .reprogrammingWithoutParent(C.ot("OT-3"), line: 4),
      .parentCycle([C.ot("OT-X"), C.ot("OT-Y")]),
    ])
    for unplaced in ["OT-2", "OT-3", "OT-X", "OT-Y", "OT-4"] {
      #expect(families.familyKey(of: C.ot(unplaced)) == nil, "\(unplaced)")
    }
    #expect(families.familyKey(of: C.ot("OT-1")) == C.ot("OT-1"))
    #expect(WorkOrderFinding.parentCycle([C.ot("OT-X"), C.ot("OT-Y")]).description
      == "parent links form a cycle: OT-X → OT-Y → OT-X")
    #expect(WorkOrderFinding.unknownParent(C.ot("OT-2"), parent: C.ot("OT-404"), line: 3).description
      == "work order OT-2 names parent OT-404, which is not a work order")
  }

  @Test func aSelfLinkIsACycle() {
    let families = WorkOrderFamilies([WorkOrder(ot: C.ot("OT-S"), parentOT: C.ot("OT-S"))])
    #expect(families.findings == [.parentCycle([C.ot("OT-S")])])
  }

  /// A chain of 10,000 reprogrammings is walked without recursion; each OT's
  /// family is the top one.
  @Test func longChainsAreWalkedIteratively() {
    var orders = [WorkOrder(ot: C.ot("R0"))]
    for i in 1..<10_000 { orders.append(WorkOrder(ot: C.ot("R\(i)"), parentOT: C.ot("R\(i - 1)"))) }
    let families = WorkOrderFamilies(orders.reversed())
    #expect(families.findings.isEmpty)
    #expect(families.familyKey(of: C.ot("R9999")) == C.ot("R0"))
    #expect(families.family(C.ot("R0"))?.members.count == 10_000)
  }
}
