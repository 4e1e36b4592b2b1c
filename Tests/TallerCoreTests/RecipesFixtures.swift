import Testing

@testable import TallerCore

/// Shorthand for exact decimals in tests: `dec("0.17")`.
func dec(_ text: String) -> ExactDecimal {
  do { return try ExactDecimal.parse(text) } catch { fatalError("bad test number \(text)") }
}

func recipeProduct(
  _ code: ProductCode, _ type: ProductType, unit: String = "", cost: String? = nil, line: Int = 0
) -> Product {
  Product(code: code, type: type, unit: unit, replacementCost: cost.map(dec), line: line)
}

func bomLine(
  _ parent: ProductCode, _ component: ProductCode, _ qty: String, per: String = "1",
  show: Bool = true,
  pos: Int? = nil, warehouse: Warehouse? = nil, kind: RecipeLineKind = .component, line: Int = 0
) -> RecipeLine {
  RecipeLine(
    parent: parent, component: component, qty: dec(qty), per: dec(per), show: show, pos: pos,
    warehouse: warehouse, kind: kind, line: line)
}

/// The examples in examples/recipes/, written out in code. `RecipesExampleTests`
/// checks that the CSV files say the same.
enum RecipeExamples {
  /// Seed 003 (OpenERP): the cabinet ARM100 and its side panel PANLAT, whose recipe
  /// is written for 2 units. Costs are ours (the seed gives none).
  static let cabinetProducts: [Product] = [
    Product(
      code: "ARM100", description: "Cabinet (tumba)", type: .produced, unit: "Unit",
      customerLeadDays: 30,
      productionLeadDays: 5, supply: .produce, procure: .order, file: "products.csv", line: 2),
    Product(
      code: "PANLAT", description: "Side panel", type: .produced, unit: "Unit",
      productionLeadDays: 10,
      supply: .produce, procure: .order, file: "products.csv", line: 3),
    Product(
      code: "BOIS002", description: "Wood panel", type: .raw, unit: "m2",
      replacementCost: dec("12.50"),
      supplierLeadDays: 5, supply: .buy, procure: .order, supplier: "Maderas Norte",
      file: "products.csv", line: 4),
    Product(
      code: "LIN040", description: "Edge banding", type: .raw, unit: "m",
      replacementCost: dec("1.20"),
      supply: .buy, procure: .stock, supplier: "Maderas Norte", file: "products.csv", line: 5),
    Product(
      code: "BOIS010", description: "Backing board", type: .raw, unit: "m2",
      replacementCost: dec("9.80"),
      supply: .buy, procure: .stock, supplier: "Maderas Norte", file: "products.csv", line: 6),
    Product(
      code: "TAQ000", description: "Dowel", type: .raw, unit: "Unit", replacementCost: dec("0.05"),
      supply: .buy, procure: .stock, supplier: "Ferreteria Centro", file: "products.csv", line: 7),
  ]

  static let cabinetLines: [RecipeLine] = [
    RecipeLine(parent: "ARM100", component: "PANLAT", qty: dec("2"), file: "bom.csv", line: 2),
    RecipeLine(parent: "ARM100", component: "BOIS002", qty: dec("0.25"), file: "bom.csv", line: 3),
    RecipeLine(parent: "ARM100", component: "LIN040", qty: dec("1"), file: "bom.csv", line: 4),
    RecipeLine(parent: "ARM100", component: "BOIS010", qty: dec("0.25"), file: "bom.csv", line: 5),
    RecipeLine(parent: "ARM100", component: "TAQ000", qty: dec("12"), file: "bom.csv", line: 6),
    RecipeLine(
      parent: "PANLAT", component: "BOIS002", qty: dec("0.17"), per: dec("2"),
      note: "recipe for 2 PANLAT",
      file: "bom.csv", line: 7),
  ]

  /// Seed 002 (Sigue ERP): the oven empanada, made of a kilo-of-dough and a
  /// kilo-of-filling intermediate plus bought inputs, a support line (baking
  /// instructions) and a hidden labour line. Prices in Chilean pesos.
  static let empanadaProducts: [Product] = {
    func raw(
      _ code: ProductCode, _ description: String, _ unit: String, _ cost: String, lead: Int,
      supplier: String?, line: Int
    ) -> Product {
      Product(
        code: code, description: description, type: .raw, unit: unit, replacementCost: dec(cost),
        supplierLeadDays: lead, supply: .buy, procure: .stock, supplier: supplier,
        file: "products.csv", line: line)
    }
    return [
      Product(
        code: "EMPHOR", description: "Empanada de horno", type: .produced, unit: "u",
        customerLeadDays: 1,
        productionLeadDays: 1, procure: .order, file: "products.csv", line: 8),
      Product(
        code: "MASA01", description: "Kilo de masa para empanadas", type: .produced, unit: "kg",
        procure: .stock,
        file: "products.csv", line: 9),
      Product(
        code: "PINO01", description: "Kilo de pino", type: .produced, unit: "kg", procure: .stock,
        file: "products.csv", line: 10),
      raw(
        "HARINA", "Harina sin polvos de hornear", "kg", "850", lead: 2,
        supplier: "Molino Puente Alto", line: 11),
      raw(
        "MANTECA", "Manteca de cerdo", "kg", "2400", lead: 2, supplier: "Distribuidora Sur",
        line: 12),
      raw("SAL", "Sal de mesa", "kg", "500", lead: 2, supplier: "Distribuidora Sur", line: 13),
      raw("AGUA", "Agua potable", "L", "1.2", lead: 0, supplier: "Aguas Andinas", line: 14),
      raw(
        "CARNE", "Carne molida de vacuno", "kg", "7990", lead: 1, supplier: "Carnes del Valle",
        line: 15),
      raw("CEBOLLA", "Cebolla", "kg", "990", lead: 1, supplier: "Vega Central", line: 16),
      raw(
        "COMINO", "Comino molido", "kg", "12000", lead: 3, supplier: "Distribuidora Sur", line: 17),
      raw("AJI", "Aji de color", "kg", "9000", lead: 3, supplier: "Distribuidora Sur", line: 18),
      raw("HUEVO", "Huevo", "u", "160", lead: 1, supplier: "Avicola Los Robles", line: 19),
      raw(
        "ACEITUNA", "Aceituna negra", "u", "45", lead: 3, supplier: "Distribuidora Sur", line: 20),
      raw("PASAS", "Pasas morenas", "kg", "6500", lead: 3, supplier: "Distribuidora Sur", line: 21),
      Product(
        code: "HORNEO", description: "Hornear 18 min a 220 C", type: .support, file: "products.csv",
        line: 22),
      raw(
        "MO-EMP", "Mano de obra armado de empanadas", "h", "4500", lead: 0, supplier: nil, line: 23),
      raw("MO-MASA", "Mano de obra amasado", "h", "4500", lead: 0, supplier: nil, line: 24),
      raw("MO-COCINA", "Mano de obra cocina", "h", "4500", lead: 0, supplier: nil, line: 25),
    ]
  }()

  static let empanadaLines: [RecipeLine] = {
    func l(
      _ line: Int, _ parent: ProductCode, _ component: ProductCode, _ qty: String,
      per: String = "1",
      show: Bool = true, pos: Int, note: String = "", warehouse: Warehouse? = nil
    ) -> RecipeLine {
      RecipeLine(
        parent: parent, component: component, qty: dec(qty), per: dec(per), show: show, pos: pos,
        note: note,
        warehouse: warehouse, file: "bom.csv", line: line)
    }
    return [
      l(8, "EMPHOR", "MASA01", "0.1", pos: 10, note: "100 g de masa", warehouse: "COCINA"),
      l(9, "EMPHOR", "PINO01", "0.12", pos: 20, note: "120 g de pino", warehouse: "COCINA"),
      l(10, "EMPHOR", "HUEVO", "0.25", pos: 30, note: "un cuarto de huevo duro", warehouse: "FRIO"),
      l(11, "EMPHOR", "ACEITUNA", "1", pos: 40, warehouse: "SECOS"),
      l(12, "EMPHOR", "PASAS", "0.004", pos: 50, note: "4 g", warehouse: "SECOS"),
      l(13, "EMPHOR", "HORNEO", "1", pos: 60, note: "bandeja de 24"),
      l(14, "EMPHOR", "MO-EMP", "0.004", show: false, pos: 70, note: "14.4 s por empanada"),
      l(15, "MASA01", "HARINA", "0.6", pos: 10, warehouse: "SECOS"),
      l(16, "MASA01", "MANTECA", "0.12", pos: 20, warehouse: "FRIO"),
      l(17, "MASA01", "SAL", "0.0045", pos: 30, note: "4.5 g por kilo de masa", warehouse: "SECOS"),
      l(18, "MASA01", "AGUA", "0.27", pos: 40),
      l(19, "MASA01", "MO-MASA", "0.05", show: false, pos: 50),
      l(
        20, "PINO01", "CARNE", "4.5", per: "10", pos: 10, note: "receta para 10 kg",
        warehouse: "FRIO"),
      l(21, "PINO01", "CEBOLLA", "5", per: "10", pos: 20, warehouse: "SECOS"),
      l(22, "PINO01", "COMINO", "0.03", per: "10", pos: 30, warehouse: "SECOS"),
      l(23, "PINO01", "AJI", "0.05", per: "10", pos: 40, warehouse: "SECOS"),
      l(24, "PINO01", "SAL", "0.06", per: "10", pos: 50, warehouse: "SECOS"),
      l(25, "PINO01", "MO-COCINA", "1.5", per: "10", show: false, pos: 60),
    ]
  }()

  static var products: [Product] { cabinetProducts + empanadaProducts }
  static var lines: [RecipeLine] { cabinetLines + empanadaLines }

  static func catalog() throws -> RecipeCatalog {
    try RecipeCatalog(products: products, lines: lines)
  }
}
