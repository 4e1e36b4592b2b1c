import Foundation
import Testing

@testable import TallerCore

/// examples/recipes/ holds the same products, recipes and orders as
/// `RecipeExamples`; this reads the files with plain splitting (they have no
/// quotes) and compares, so the README's arithmetic and the tests cannot drift apart.
struct RecipesExampleTests {
  /// `<repo>/examples/recipes`: the repo root is three levels above this file.
  static let directory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("examples/recipes")

  /// Rows as header name → cell, with their line numbers.
  static func table(_ name: String) throws -> [(line: Int, cells: [String: String])] {
    let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    #expect(!text.contains("\""))
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(
      String.init)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    var rows: [(line: Int, cells: [String: String])] = []
    for (i, line) in lines.enumerated().dropFirst() where !line.isEmpty {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      #expect(fields.count == header.count, "\(name):\(i + 1)")
      rows.append((i + 1, Dictionary(uniqueKeysWithValues: zip(header, fields))))
    }
    return rows
  }

  static func optional(_ text: String?) -> String? {
    guard let text, !text.isEmpty else { return nil }
    return text
  }

  @Test func productsFileMatches() throws {
    let rows = try Self.table("products.csv")
    let products = try rows.map { row -> Product in
      let c = row.cells
      return Product(
        code: ProductCode(c["code"]!), description: c["description"]!,
        type: try #require(ProductType(parsing: c["type"]!)), unit: c["unit"]!,
        replacementCost: Self.optional(c["replacement_cost"]).map(dec),
        customerLeadDays: Int(c["customer_lead_days"]!) ?? 0,
        productionLeadDays: Int(c["production_lead_days"]!) ?? 0,
        supplierLeadDays: Int(c["supplier_lead_days"]!) ?? 0,
        supply: Self.optional(c["supply"]).flatMap(SupplyMethod.init(parsing:)),
        procure: Self.optional(c["procure"]).flatMap(ProcureMethod.init(parsing:)),
        supplier: Self.optional(c["supplier"]), minQty: Self.optional(c["min_qty"]).map(dec),
        maxQty: Self.optional(c["max_qty"]).map(dec),
        lotMultiple: Self.optional(c["lot_multiple"]).map(dec),
        routing: Self.optional(c["routing"]), file: "products.csv", line: row.line)
    }
    #expect(products == RecipeExamples.products)
  }

  @Test func bomFileMatches() throws {
    let rows = try Self.table("bom.csv")
    let lines = try rows.map { row -> RecipeLine in
      let c = row.cells
      return RecipeLine(
        parent: ProductCode(c["parent"]!), component: ProductCode(c["component"]!),
        qty: dec(c["qty"]!),
        per: Self.optional(c["per"]).map(dec) ?? dec("1"), show: try parseBool(c["show"]!) ?? true,
        pos: Self.optional(c["pos"]).flatMap { Int($0) }, note: c["note"]!,
        warehouse: Self.optional(c["warehouse"]).map { Warehouse($0) },
        kind: try #require(RecipeLineKind(parsing: c["kind"]!)), file: "bom.csv", line: row.line)
    }
    #expect(lines == RecipeExamples.lines)
  }

  /// The orders file and the summary the README works out by hand.
  @Test func ordersFileAndTheReadmeSummary() throws {
    let orders = try Self.table("orders.csv").map { row in
      OrderLine(
        id: "\(row.line)", product: ProductCode(row.cells["product"]!), qty: dec(row.cells["qty"]!),
        warehouse: Self.optional(row.cells["warehouse"]).map { Warehouse($0) }, file: "orders.csv",
        line: row.line)
    }
    #expect(orders.map(\.product) == ["ARM100", "EMPHOR"])
    let summary = try RecipeExamples.catalog().summarize(orders)
    let got = summary.requirements.map { "\($0.component) \($0.warehouse?.raw ?? "-") \($0.qty)" }
    // README.md, "Summary of orders.csv".
    #expect(
      got == [
        "ACEITUNA SECOS 2000", "AGUA COCINA 54", "AJI SECOS 1.2", "BOIS002 - 0.42",
        "BOIS010 - 0.25",
        "CARNE FRIO 108", "CEBOLLA SECOS 120", "COMINO SECOS 0.72", "HARINA SECOS 120",
        "HUEVO FRIO 500",
        "LIN040 - 1", "MANTECA FRIO 24", "MASA01 COCINA 200", "PANLAT - 2", "PASAS SECOS 8",
        "PINO01 COCINA 240",
        "SAL SECOS 2.34", "TAQ000 - 12",
      ])
  }
}
