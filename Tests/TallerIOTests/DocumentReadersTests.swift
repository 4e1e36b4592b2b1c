import Foundation
import Testing

@testable import TallerCore
@testable import TallerIO

/// The readers of production documents: Spanish headers, `;` files with the
/// decimal comma, folio rows, related lists, and malformed cells at FILE:LINE:COLUMN.
struct DocumentReadersTests {
  func write(_ text: String, _ name: String, in dir: URL) throws -> InputSource {
    let url = dir.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return .file(url.path)
  }

  @Test func spanishHeadersFolioRowsAndRelatedLists() throws {
    let dir = try CSVFixture.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let source = try write(
      """
      documento;tipo;fecha;jornada;relacionados;linea;producto;componente;cantidad;bodega
      PD-1;PD;03/11/2026;J1; PP-1 | PP-2 ;1;MASA01;;1.000,5;COCINA
      PD-1;;;;;1;;HARINA;0,6;SECOS

      """, "docs.csv", in: dir)
    let reading = TableReading(options: ReadOptions()) { _, _ in }
    let rows = try DocumentReaders(reading).documents([source])
    try reading.check()
    #expect(rows.count == 2)
    #expect(rows.docCodes.codes == ["PD-1", "PP-1", "PP-2"])
    #expect(rows.relatedDocs(0).map { rows.docCodes.codes[Int($0)] } == ["PP-1", "PP-2"])
    #expect(rows.date[0] == LocalDate(year: 2026, month: 11, day: 3))
    #expect(rows.qty == [try ExactDecimal.parse("1000.5"), try ExactDecimal.parse("0.6")])
    #expect(rows.isFolio == [false, true])
    #expect(rows.productCodes.codes[Int(rows.product[1])] == "HARINA")
    #expect(rows.journeyCodes.codes == ["J1"])
    #expect(rows.sourceLine == [2, 3])
  }

  @Test func malformedCellsAreReportedAtTheirPlace() throws {
    let dir = try CSVFixture.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let source = try write(
      "doc,type,date,line,product,qty\nPP-1,PP,2026-11-31,1,EMPHOR,10\nPP-2,,2026-11-02,1,EMPHOR,x\nPP-3,PP,2026-11-02,0,EMPHOR,1\n",
      "d.csv", in: dir)
    let reading = TableReading(options: ReadOptions()) { _, _ in }
    let rows = try DocumentReaders(reading).documents([source])
    #expect(rows.count == 0)
    #expect(throws: InputErrors.self) { try reading.check() }
    let places = reading.sortedProblems().map { "\(URL(fileURLWithPath: $0.location.file).lastPathComponent):\($0.location.line):\($0.location.column)" }
    #expect(places == ["d.csv:2:3", "d.csv:3:2", "d.csv:3:6", "d.csv:4:4"])
  }

  @Test func movementTypesReplaceAndAdd() throws {
    let dir = try CSVFixture.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let source = try write(
      """
      tipo,nombre,folio,stock_detalles,stock_componentes,finiquita,jornada,relacionados,carga_desde,costo,max_componentes
      CO,compra,N,in,no,N,N,no,,given,
      PD,despacho corto,S,no,out,N,S,draws,PP|PX,none,35

      """, "types.csv", in: dir)
    let reading = TableReading(options: ReadOptions()) { _, _ in }
    let types = try DocumentReaders(reading).movementTypes([source])
    try reading.check()
    #expect(types.types.map(\.code) == ["PP", "PD", "PR", "PI", "CO"])
    let pd = types.types[types.number(of: "PD")!]
    #expect(pd.maxFolioLines == 35 && pd.related == .drawsDown(from: ["PP", "PX"]) && pd.componentAction == .out)
    let co = types.types[types.number(of: "CO")!]
    #expect(co.lineAction == .in && co.cost == .given && !co.usesFolio)
  }

  /// A ledger read back (--ledger): date, product, warehouse, signed qty; a bad
  /// cell and a product not in the catalogue are problems at their place.
  @Test func ledgerReadBack() throws {
    let dir = try CSVFixture.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let source = try write(
      """
      doc,type,date,journey,line,product,warehouse,qty,source
      PD-1,PD,2026-11-03,J1,1,HARINA,SECOS,-60,component
      PI-1,PI,2026-11-05,J1,1,HARINA,,2,line
      PD-2,PD,2026-11-31,J1,1,HARINA,SECOS,-1,component
      PD-2,PD,2026-11-06,J1,1,NADA,SECOS,-1,component

      """, "ledger.csv", in: dir)
    let catalog = try RecipeCatalog(
      products: [Product(code: "HARINA", type: .raw, unit: "kg")], lines: [RecipeLine]())
    let reading = TableReading(options: ReadOptions()) { _, _ in }
    let posted = try DocumentReaders(reading).postedMovements([source], catalog: catalog)
    #expect(posted.count == 3)
    #expect(posted.qty.map(\.description) == ["-60", "2", "-1"])
    #expect(posted.warehouse == [0, -1, 0])
    let problems = reading.sortedProblems().map { "\($0.location.line):\($0.location.column) \($0.message)" }
    #expect(problems == ["4:3 date \"2026-11-31\" is not a real calendar day", "5:6 product \"NADA\" is not in products"])
  }
}
