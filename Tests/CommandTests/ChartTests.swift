import Foundation
import Testing

/// `export-xlsx --chart SHEET:TYPE:X:Y[,Y…]`: a native chart whose series point at
/// the table's cells, read back from the workbook's XML.
@Suite struct ChartTests {
  static let load = """
    workcenter,period,hours,capacity_hours
    SIERRA,2026-W03,2,56
    SIERRA,2026-W06,2,56
    ARMADO,2026-W05,1.5,3.5
    ARMADO,2026-W07,4.5,3.5

    """

  @Test func aColumnChartOfTwoSeries() throws {
    let dir = try OutputBehaviourTests.folder(["load.csv": Self.load])
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try runShell(
      "export-xlsx --sheet Carga=load.csv --chart Carga:column:workcenter:hours,capacity_hours --created 2026-01-01 -o mrp.xlsx && unzip -p mrp.xlsx xl/charts/chart1.xml",
      in: dir)
    #expect(r.status == 0, "\(String(decoding: r.stderr, as: UTF8.self))")
    let xml = String(decoding: r.stdout, as: UTF8.self)
    #expect(xml.contains("<c:barChart>"))
    #expect(xml.contains("<c:barDir val=\"col\"/>"))
    // Categories: the workcenter column (A) over the 4 data rows; values: C and D.
    #expect(xml.contains("<c:f>Carga!$A$2:$A$5</c:f>"))
    #expect(xml.contains("<c:f>Carga!$C$2:$C$5</c:f>"))
    #expect(xml.contains("<c:f>Carga!$D$2:$D$5</c:f>"))
    #expect(xml.contains("<c:f>Carga!$C$1</c:f>"))  // series named by its header
  }

  @Test func anUnknownColumnWritesNothing() throws {
    let dir = try OutputBehaviourTests.folder(["load.csv": Self.load])
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try runShell("export-xlsx --sheet Carga=load.csv --chart Carga:line:workcenter:nope -o mrp.xlsx", in: dir)
    #expect(r.status == 65)
    #expect(String(decoding: r.stderr, as: UTF8.self).contains("no column \"nope\""))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("mrp.xlsx").path))
    let bad = try runShell("export-xlsx --sheet Carga=load.csv --chart Carga:donut:a:b -o mrp.xlsx", in: dir)
    #expect(bad.status == 64)
  }
}
