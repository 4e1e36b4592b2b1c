import Testing

@testable import TallerCore

/// `RecipeLines`: recipe lines in columns, as the readers build them. Read
/// back, every line is the value that went in; a catalogue built from lines
/// appended by code number (as a reader appends them, codes repeated and in
/// any order) is the catalogue built from values.
struct RecipesLineColumnsTests {
  /// Lines whose optional columns start part-way (pos, warehouse and note are
  /// stored only once some line has one) and whose files alternate.
  static let mixed: [RecipeLine] = [
    RecipeLine(parent: "A", component: "B", qty: dec("1"), file: "a.csv", line: 2),
    RecipeLine(parent: "A", component: "C", qty: dec("0.5"), per: dec("2"), file: "a.csv", line: 3),
    RecipeLine(
      parent: "A", component: "S", qty: dec("1"), show: false, pos: 7, note: "tapa",
      warehouse: "BOD2", file: "b.csv", line: 2),
    RecipeLine(parent: "B", component: "C", qty: dec("3"), kind: .byproduct, file: "b.csv", line: 3),
    RecipeLine(
      parent: "B", component: "D", qty: dec("0.0000000001"), warehouse: "BOD1", file: "a.csv",
      line: 4),
    RecipeLine(parent: "C", component: "D", qty: dec("2"), warehouse: "BOD2", file: "", line: 0),
  ]

  @Test func linesReadBackAsTheyWent() {
    let columns = RecipeLines(Self.mixed)
    #expect(columns.count == Self.mixed.count)
    #expect(Array(columns) == Self.mixed)
    #expect(columns.files == ["a.csv", "b.csv", ""])
    #expect(columns.warehouses == ["BOD2", "BOD1"])
    // Each distinct code once, in the order first named.
    #expect(columns.codes == ["A", "B", "C", "S", "D"])
  }

  @Test func emptyLines() {
    let columns = RecipeLines([])
    #expect(columns.isEmpty)
    #expect(Array(columns) == [])
  }

  /// As a reader appends: the codes numbered first (in reverse order, as if
  /// products had been read before the lines), then the lines by number.
  static func byNumber(_ lines: [RecipeLine]) -> RecipeLines {
    var out = RecipeLines()
    var seen: [ProductCode] = []
    for l in lines {
      for c in [l.parent, l.component] where !seen.contains(c) { seen.append(c) }
    }
    for c in seen.reversed() { _ = out.codeNumber(c) }
    for l in lines {
      out.setFile(l.file)
      let w = l.warehouse.map { out.warehouseNumber($0) } ?? 0
      out.append(
        parent: out.codeNumber(l.parent), component: out.codeNumber(l.component), qty: l.qty, per: l.per,
        show: l.show, pos: l.pos, note: l.note, warehouse: w, kind: l.kind, line: l.line)
    }
    return out
  }

  /// A code's number is the one it was first given, from a value or from bytes.
  @Test func codesAreNumberedOnce() {
    var out = RecipeLines()
    #expect(out.codeNumber("A") == 0)
    #expect(out.codeNumber("B") == 1)
    var recent = CodeTable.Recent()
    var bytes = "A"
    #expect(bytes.withUTF8 { out.codeNumber(utf8: $0, recent: &recent) } == 0)
    #expect(out.codeNumber("A") == 0)
    #expect(out.codes == ["A", "B"])
  }

  @Test func linesByNumberMakeTheSameCatalogue() throws {
    let products = RecipeExamples.products
    let lines = RecipeExamples.lines
    #expect(Array(Self.byNumber(lines)) == lines)
    let plain = try RecipeCatalog(products: products, lines: lines)
    let numbered = try RecipeCatalog(products: products, lines: Self.byNumber(lines))
    let orders = [
      OrderLine(id: "1", product: "ARM100", qty: dec("1")),
      OrderLine(id: "2", product: "EMPHOR", qty: dec("2000"), warehouse: "PRODUCCION"),
    ]
    #expect(try numbered.summarize(orders) == plain.summarize(orders))
    #expect(try numbered.explode(orders) == plain.explode(orders))
    #expect(numbered.costs() == plain.costs())
    #expect(try numbered.whereUsed("SAL") == plain.whereUsed("SAL"))
    // By hand (examples/recipes/README.md): BOIS002 0.25 + 0.17 = 0.42.
    #expect(
      try numbered.summarize(orders).requirements.first { $0.component == "BOIS002" }?.qty
        == dec("0.42"))
  }

  @Test func anUnknownComponentIsFoundByNumberToo() {
    let products = [recipeProduct("A", .produced, line: 2), recipeProduct("B", .raw, line: 3)]
    let lines = [bomLine("A", "B", "1", line: 2), bomLine("A", "Z", "1", line: 3)]
    do {
      _ = try RecipeCatalog(products: products, lines: Self.byNumber(lines))
      Issue.record("an unknown component was accepted")
    } catch {
      #expect(error.findings.map(\.problem) == [.unknownComponent("Z", parent: "A")])
      #expect(error.findings.map(\.line) == [3])
    }
  }
}
