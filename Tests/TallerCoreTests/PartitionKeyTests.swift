import Testing

@testable import TallerCore

/// The partition keys of issue 13: families for the month, trees for the plan.
struct PartitionKeyTests {
  @Test func aFamilySelectionKeepsItsFamiliesAndUnplacedOTsAsTheirOwnPart() {
    let families = WorkOrderFamilies([
      WorkOrder(ot: C.ot("A")),
      WorkOrder(ot: C.ot("A-R1"), parentOT: C.ot("A")),
      WorkOrder(ot: C.ot("A-R2"), parentOT: C.ot("A-R1")),
      WorkOrder(ot: C.ot("B")),
      WorkOrder(ot: C.ot("LOST"), parentOT: C.ot("NOWHERE")),  // unknown parent: no family
    ])
    let a = FamilySelection(listed: [" A-R2 , B", ""], of: families)  // a reprogramming names its family
    #expect(a.keys == [C.ot("A"), C.ot("B")])
    #expect(a.familyKeys == [C.ot("A"), C.ot("B")])
    #expect(a.contains(C.ot("A")) && a.contains(C.ot("A-R1")) && a.contains(C.ot("A-R2")) && a.contains(C.ot("B")))
    #expect(!a.contains(C.ot("LOST")) && !a.contains(C.ot("X")))
    // An OT no family holds is its own part, and no family is closed for it.
    let lost = FamilySelection([C.ot("LOST"), C.ot("X")], of: families)
    #expect(lost.contains(C.ot("LOST")) && lost.contains(C.ot("X")) && !lost.contains(C.ot("A")))
    #expect(lost.familyKeys.isEmpty)
    #expect(lost.key(of: C.ot("A-R2")) == C.ot("A"))
  }

  @Test func treesAreTheConnectedPartsNamedByTheirSmallestTopLevelProduct() throws {
    let products = [
      recipeProduct("Z-TOP", .produced), recipeProduct("B-TOP", .produced), recipeProduct("SHARED", .raw),
      recipeProduct("SOLO", .raw), recipeProduct("C-TOP", .produced), recipeProduct("LEAF", .raw),
      recipeProduct("SCRAP", .raw),
    ]
    let lines = [
      bomLine("Z-TOP", "SHARED", "1"), bomLine("B-TOP", "SHARED", "2"),  // joined through SHARED
      bomLine("C-TOP", "LEAF", "1"), bomLine("C-TOP", "SCRAP", "0.1", kind: .byproduct),  // a by-product joins too
    ]
    let trees = try RecipeCatalog(products: products, lines: lines).trees()
    #expect(trees.map(\.product.raw) == ["Z-TOP", "B-TOP", "SHARED", "SOLO", "C-TOP", "LEAF", "SCRAP"])
    #expect(trees.map(\.tree.raw) == ["B-TOP", "B-TOP", "B-TOP", "SOLO", "C-TOP", "C-TOP", "C-TOP"])
    // level is the low-level code: the deepest level a product is a component at (a
    // by-product alone is at 0; schedule-mrp's level column says where it plans it).
    #expect(trees.map(\.level) == [0, 0, 1, 0, 0, 1, 0])
  }
}
