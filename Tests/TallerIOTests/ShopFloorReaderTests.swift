import Foundation
import Testing

@testable import TallerCore
@testable import TallerIO

/// The shop-floor readers: Spanish headers, scanned event names and datetimes, and
/// the one-file shape of repairs (record column or inferred).
struct ShopFloorReaderTests {
  static func withFile<T>(_ text: String, _ body: (InputSource, TableReading) throws -> T) throws -> T {
    let dir = try CSVFixture.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("input.csv")
    try Data(text.utf8).write(to: url)
    return try body(.file(url.path), TableReading(options: ReadOptions()) { _, _ in })
  }

  @Test func eventsWithSpanishHeadersAndRussianNames() throws {
    let events = try Self.withFile(
      "orden;centro;evento;fecha_hora;operador\nOF-1;SIERRA;Начало операции;26/01/2026 07:00;ana\nOF-1;SIERRA;bailar;2026-01-26T08:00;ana\n"
    ) { source, reading in
      let e = try ShopFloorReaders(reading).events([source])
      try reading.check()
      return e
    }
    #expect(events.map(\.kind) == [.start, nil])
    #expect(events.map(\.eventText) == ["Начало операции", "bailar"])
    #expect(events.map { $0.at.description } == ["2026-01-26T07:00:00", "2026-01-26T08:00:00"])
    #expect(events.map(\.line) == [2, 3])
  }

  @Test func aMalformedTimeIsAnErrorAtItsCell() throws {
    let problems = try Self.withFile("order,workcenter,event,at\nOF-1,W,start,2026-01-26 7h\n") { source, reading in
      _ = try ShopFloorReaders(reading).events([source])
      return reading.sortedProblems()
    }
    #expect(problems.map { "\($0.location.line):\($0.location.column)" } == ["2:4"])
  }

  @Test func ordersSkipPlannedPurchasesAndRefuseRepeatedIds() throws {
    let (orders, skipped, problems) = try Self.withFile(
      "order,type,product,qty,start_date\nA,production,P,2,2026-01-26\nB,purchase,R,5,2026-01-20\nA,production,P,1,\n"
    ) { source, reading in
      let r = try ShopFloorReaders(reading).orders([source])
      return (r.orders, r.skipped, reading.sortedProblems())
    }
    #expect(orders.map(\.id) == ["A"])
    #expect(skipped == 1)
    #expect(problems.map(\.message) == ["order A is repeated (first at line 2); events name orders"])
  }

  @Test func repairRowsByRecordOrInferred() throws {
    let read = try Self.withFile(
      """
      reparacion,producto,lote,estado,facturacion,accion,descripcion,cantidad,precio
      R-1,ARM100,L-1,confirmado,antes,,,,
      R-1,PANLAT,,,,quitar,,,
      R-1,PANLAT,,,,agregar,,2,45.90
      R-1,,,,,,Mano de obra,1.5,28.50
      R-2,ARM100,,terminado,mensual,,,,

      """
    ) { source, reading in
      let r = try RepairReaders(reading).repairs([source])
      try reading.check()
      return r
    }
    #expect(read.repairs.map(\.id) == ["R-1", "R-2"])
    #expect(read.repairs.map(\.state) == [.confirmed, .done])
    #expect(read.repairs.map(\.invoiceMethod) == [.before, .none])
    #expect(read.repairs.map(\.problem) == [nil, "invoice_method \"mensual\" is not none, before or after"])
    #expect(read.lines.map(\.action) == [.remove, .add, nil])
    #expect(read.lines.map(\.qty) == [nil, Quantity(2), try decimal("1.5")])
    #expect(read.lines[2].description == "Mano de obra")
  }
}
