import Testing
@testable import TallerCore

struct ContractsAnnexTests {
  @Test func annexNamesAreTrimmedAndUppercased() {
    #expect(AnnexName(" c-2 ") == AnnexName("C-2"))
    #expect(AnnexName("C2") != AnnexName("C-2"))
    #expect(AnnexName.voucherDefaults == [AnnexName("C-2"), AnnexName("C-3"), AnnexName("C2EXT"), AnnexName("C3EXT")])
  }

  @Test func importFindings() {
    let existing = [C.annexLine("OT-2", 3, "X1", qty: "1")]  // import 3 belongs to OT-2
    let lines = [
      C.annexLine("OT-1", 5, "A1", qty: "10", mxn: "1", usd: "1", line: 2),  // fine
      C.annexLine("OT-1", 5, "", qty: "10", line: 3),  // empty code
      C.annexLine("OT-1", 5, "A2", qty: "-1", line: 4),  // negative quantity
      C.annexLine("OT-1", 5, "A3", qty: "1", mxn: "2", usd: "-0.5", line: 5),  // negative USD price
      C.annexLine("OT-1", 5, "A4", qty: "1", line: 6),  // A4 twice
      C.annexLine("OT-1", 5, "A4", qty: "2", line: 7),
      C.annexLine("OT-1", 3, "A5", qty: "1", line: 8),  // import 3 is OT-2's
      C.annexLine("OT-1", 6, "A4", qty: "1", line: 9),  // A4 again, but another import: fine
      C.annexLine("OT-1", 5, "  ", qty: "-2", line: 10),  // blank code and negative quantity
    ]
    let findings = validateAnnexImport(lines, existing: existing)
    #expect(findings == [
      .missingCode(index: 1, line: 3),
      .negativeQuantity(index: 2, line: 4, code: C.code("A2"), qty: C.q("-1")),
      .negativePrice(index: 3, line: 5, code: C.code("A3"), currency: .usd, price: C.q("-0.5")),
      .duplicateCode(index: 4, line: 6, code: C.code("A4"), otherLines: [7]),
      .duplicateCode(index: 5, line: 7, code: C.code("A4"), otherLines: [6]),
      .importReused(index: 6, line: 8, importID: ImportID(3), ot: C.ot("OT-1"), otherOT: C.ot("OT-2")),
      .missingCode(index: 8, line: 10),
      .negativeQuantity(index: 8, line: 10, code: C.code("  "), qty: C.q("-2")),
    ])
    #expect(findings[3].description == "concept A4 appears more than once in the import (also line 7)")
    #expect(findings[5].description == "import 3 belongs to work order OT-2, not OT-1")
    #expect(findings[2].description == "unit price USD of A3 is negative (-0.5)")
  }

  /// An import number first used by one new OT and then by another in the same batch.
  @Test func importReusedWithinTheBatch() {
    let findings = validateAnnexImport([
      C.annexLine("OT-1", 7, "A", qty: "1", line: 2),
      C.annexLine("OT-9", 7, "A", qty: "1", line: 3),
    ])
    #expect(findings == [.importReused(index: 1, line: 3, importID: ImportID(7), ot: C.ot("OT-9"), otherOT: C.ot("OT-1"))])
  }

  /// §4.2 with a reprogramming that replaces some authorizations and adds a concept.
  ///
  /// OT-10 (initial) import 1: A 100 @ 10, B 50 @ 20, C 30 @ 5.
  /// OT-10R (reprogramming) import 2: B 80 @ 22 (replaces B), D 12 @ 100 (new).
  /// OT-10R import 3, inactive: A 999 — ignored.
  /// OT-10 import 4: C 35 @ 5.5 — later than import 2, so it wins for C even though
  /// OT-10 is the initial OT ("latest import of any member").
  /// OT-20 (another family) import 5: A 7 — does not touch family OT-10.
  static func reprogrammedBook() -> (WorkOrderFamilies, ConsolidatedAuthorizations) {
    let families = WorkOrderFamilies([
      WorkOrder(ot: C.ot("OT-10")),
      WorkOrder(ot: C.ot("OT-10R"), parentOT: C.ot("OT-10")),
      WorkOrder(ot: C.ot("OT-20")),
    ])
    let lines = [
      C.annexLine("OT-10", 1, "A", qty: "100", mxn: "10", line: 2),
      C.annexLine("OT-10", 1, "B", qty: "50", mxn: "20", line: 3),
      C.annexLine("OT-10", 1, "C", qty: "30", mxn: "5", line: 4),
      C.annexLine("OT-10R", 2, "B", qty: "80", mxn: "22", line: 5),
      C.annexLine("OT-10R", 2, "D", qty: "12", mxn: "100", annex: "C-7", line: 6),
      C.annexLine("OT-10R", 3, "A", qty: "999", mxn: "1", active: false, line: 7),
      C.annexLine("OT-10", 4, "C", qty: "35", mxn: "5.5", line: 8),
      C.annexLine("OT-20", 5, "A", qty: "7", mxn: "1", line: 9),
      C.annexLine("OT-404", 6, "A", qty: "1", line: 10),  // OT in no family
    ]
    return (families, ConsolidatedAuthorizations(lines, families: families))
  }

  static let consolidated: [(String, String, String, String, Int, String)] = [
    // family, code, authorized, unit price MXN, source import, source OT
    ("OT-10", "A", "100", "10", 1, "OT-10"),  // import 3 is inactive
    ("OT-10", "B", "80", "22", 2, "OT-10R"),  // replaced: 80, not 50 + 80
    ("OT-10", "C", "35", "5.5", 4, "OT-10"),
    ("OT-10", "D", "12", "100", 2, "OT-10R"),  // added by the reprogramming
    ("OT-20", "A", "7", "1", 5, "OT-20"),
  ]

  @Test(arguments: consolidated)
  func latestActiveImportWins(_ family: String, _ code: String, _ qty: String, _ mxn: String, _ importID: Int, _ sourceOT: String) {
    let (_, book) = Self.reprogrammedBook()
    let a = book.authorization(family: C.ot(family), code: C.code(code))
    #expect(a?.authorizedQty == C.q(qty))
    #expect(a?.unitPriceMXN == C.q(mxn))
    #expect(a?.source.importID == ImportID(importID))
    #expect(a?.source.ot == C.ot(sourceOT))
  }

  @Test func auditViewListsWhatWasReplaced() {
    let (_, book) = Self.reprogrammedBook()
    #expect(book.all.map { "\($0.family) \($0.code)" } == ["OT-10 A", "OT-10 B", "OT-10 C", "OT-10 D", "OT-20 A"])
    let b = book.authorization(family: C.ot("OT-10"), code: C.code("B"))
    #expect(b?.superseded.map(\.importID) == [ImportID(1)])
    #expect(b?.superseded.first?.authorizedQty == C.q("50"))
    // A: the inactive import 3 is not listed as superseded: it never counted.
    #expect(book.authorization(family: C.ot("OT-10"), code: C.code("A"))?.superseded.isEmpty == true)
    #expect(book.authorization(family: C.ot("OT-10"), code: C.code("D"))?.annex == AnnexName("C-7"))
    #expect(book.authorization(family: C.ot("OT-10"), code: C.code("E")) == nil)
    #expect(book.unplacedLines == [8])
  }

  /// Equal import numbers (refused by validation, but consolidation must still be
  /// deterministic): the line given first wins.
  @Test func tiesGoToTheFirstLine() {
    let families = WorkOrderFamilies([WorkOrder(ot: C.ot("OT-1"))])
    let book = ConsolidatedAuthorizations([
      C.annexLine("OT-1", 2, "A", qty: "5", line: 2),
      C.annexLine("OT-1", 2, "A", qty: "6", line: 3),
    ], families: families)
    #expect(book.authorization(family: C.ot("OT-1"), code: C.code("A"))?.authorizedQty == C.q("5"))
  }
}
