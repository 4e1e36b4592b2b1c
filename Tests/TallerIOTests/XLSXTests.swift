import Foundation
import TallerCore
import Testing

@testable import TallerIO

// Workbooks are written to a temporary directory and read back with Python's
// openpyxl, so what is checked is what another program sees in the file.

// MARK: - Reading a workbook back

struct WorkbookReadBack: Decodable {
  struct Properties: Decodable {
    var title: String?
    var creator: String?
    var created: String?
    var company: String?
  }
  struct Cell: Decodable, Equatable, CustomStringConvertible {
    /// Python type of the value: str, int, float, bool, datetime.
    var type: String
    var value: String
    /// openpyxl's data type: s string, n number, b boolean, d date, f formula.
    var dataType: String
    var format: String
    var bold: Bool
    var description: String { "\(type) \(value) [\(dataType)] \(format)\(bold ? " bold" : "")" }
  }
  struct Sheet: Decodable {
    var title: String
    var freeze: String?
    var filter: String?
    var widths: [String: Double]
    var cells: [String: Cell]
  }
  var properties: Properties
  var zipDates: [String]
  var sheets: [Sheet]

  func sheet(_ title: String) -> Sheet? { sheets.first { $0.title == title } }
}

let readBackScript = #"""
import sys, json, zipfile, re, datetime, openpyxl
path = sys.argv[1]
wb = openpyxl.load_workbook(path)
p = wb.properties
out = {"properties": {"title": p.title, "creator": p.creator,
                      "created": p.created.isoformat() if p.created else None},
       "sheets": []}
with zipfile.ZipFile(path) as z:
    m = re.search(r"<Company>(.*?)</Company>", z.read("docProps/app.xml").decode())
    out["properties"]["company"] = m.group(1) if m else None
    out["zipDates"] = sorted({"%04d-%02d-%02d %02d:%02d:%02d" % i.date_time for i in z.infolist()})
for ws in wb.worksheets:
    sheet = {"title": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
             "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.customWidth},
             "cells": {}}
    for row in ws.iter_rows():
        for c in row:
            v = c.value
            if v is None:
                continue
            if isinstance(v, bool): t, v = "bool", ("true" if v else "false")
            elif isinstance(v, datetime.datetime): t, v = "datetime", v.isoformat()
            elif isinstance(v, float): t, v = "float", repr(v)
            elif isinstance(v, int): t, v = "int", str(v)
            elif isinstance(v, str): t = "str"
            else: t, v = type(v).__name__, str(v)
            sheet["cells"][c.coordinate] = {"type": t, "value": v, "dataType": c.data_type,
                                            "format": c.number_format, "bold": bool(c.font.b)}
    out["sheets"].append(sheet)
print(json.dumps(out))
"""#

/// Runs `python3 -c script args…` and returns its standard output.
func python(_ script: String, _ arguments: [String]) throws -> Data {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", "-c", script] + arguments
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  let errors = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  #expect(process.terminationStatus == 0, "python3 failed: \(String(decoding: errors, as: UTF8.self))")
  return data
}

func readBack(_ path: String) throws -> WorkbookReadBack {
  try JSONDecoder().decode(WorkbookReadBack.self, from: python(readBackScript, [path]))
}

/// One entry of the zip file, as text (the raw XML of a sheet).
func zipEntry(_ path: String, _ entry: String) throws -> String {
  let script = "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())"
  return String(decoding: try python(script, [path, entry]), as: UTF8.self)
}

/// A fresh directory for one test's files.
func temporaryDirectory() throws -> String {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("taller-xlsx-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url.path
}

func removeDirectory(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

func decimal(_ text: String) throws -> ExactDecimal { try ExactDecimal.parse(text) }
func day(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d)! }

/// What libxlsxwriter stores for a column width of `characters`: Excel's
/// trunc((7·w + 5 px padding) ÷ 7 × 256) ÷ 256 with a 7-pixel digit, which for a
/// whole w is w + 182/256 = w + 0.7109375.
func storedWidth(_ characters: Int) -> Double { Double(characters) + 0.7109375 }

/// 2026-10-31T00:00:00Z: 20,757 days after 1970-01-01 (56 years of 365 days from
/// 1970 to 2025 plus 14 leap days = 20,454; then 303 days from January 1 to
/// October 31, 2026), × 86,400 s = 1,793,404,800.
let halloween2026: Int = 1_793_404_800

// MARK: - Typed cells

@Suite struct XLSXWorkbookTests {
  @Test func typedCellsHeaderFilterAndWidths() throws {
    let dir = try temporaryDirectory()
    defer { removeDirectory(dir) }
    let path = dir + "/typed.xlsx"
    let book = try WorkbookWriter(
      path: path,
      options: WorkbookOptions(title: "Estimación octubre", company: "Taller SA", author: "Contabilidad", created: halloween2026))
    let table = try book.addTable(
      name: "Producción",
      header: ["código", "descripción", "cantidad", "precio", "fecha", "activo", "nota"],
      places: [0, 0, 4, 2, 0, 0, 0])
    try table.append([
      .text("007"), .text("Empanada de horno"), .number(decimal("12.5")), .number(decimal("1234.5")),
      .date(day(2026, 10, 31)), .bool(true), .text(#"=HYPERLINK("http://x","y")"#),
    ])
    try table.append([
      .text("PANLAT"), .text("Descripción con acentos: ñandú"), .number(decimal("0.0001")),
      .number(decimal("-12.25")), .dateTime(day(2026, 10, 31), secondsOfDay: 8 * 3600 + 30 * 60),
      .bool(false), .text("+cmd"),
    ])
    try table.append([.empty, .text("@SUM(A1:A2)"), .number(decimal("3")), .number(decimal("0.125"))])
    try book.close()

    let wb = try readBack(path)
    #expect(wb.properties.title == "Estimación octubre")
    #expect(wb.properties.creator == "Contabilidad")
    #expect(wb.properties.company == "Taller SA")
    #expect(wb.properties.created == "2026-10-31T00:00:00")
    let sheet = try #require(wb.sheet("Producción"))
    #expect(sheet.freeze == "A2")
    #expect(sheet.filter == "A1:G4")  // header + 3 rows, 7 columns

    typealias C = WorkbookReadBack.Cell
    let expected: [String: C] = [
      "A1": C(type: "str", value: "código", dataType: "s", format: "General", bold: true),
      "G1": C(type: "str", value: "nota", dataType: "s", format: "General", bold: true),
      // Codes stay text.
      "A2": C(type: "str", value: "007", dataType: "s", format: "General", bold: false),
      // Column minimum 4 places: 12.5 shows 12.5000.
      "C2": C(type: "float", value: "12.5", dataType: "n", format: "#,##0.0000", bold: false),
      "D2": C(type: "float", value: "1234.5", dataType: "n", format: "#,##0.00", bold: false),
      // Serial 46326 (20,757 days + 25,569) read as a date.
      "E2": C(type: "datetime", value: "2026-10-31T00:00:00", dataType: "d", format: "yyyy-mm-dd", bold: false),
      "F2": C(type: "bool", value: "true", dataType: "b", format: "General", bold: false),
      "G2": C(type: "str", value: #"=HYPERLINK("http://x","y")"#, dataType: "s", format: "General", bold: false),
      "B3": C(type: "str", value: "Descripción con acentos: ñandú", dataType: "s", format: "General", bold: false),
      "C3": C(type: "float", value: "0.0001", dataType: "n", format: "#,##0.0000", bold: false),
      "D3": C(type: "float", value: "-12.25", dataType: "n", format: "#,##0.00", bold: false),
      "E3": C(type: "datetime", value: "2026-10-31T08:30:00", dataType: "d", format: "yyyy-mm-dd hh:mm:ss", bold: false),
      "F3": C(type: "bool", value: "false", dataType: "b", format: "General", bold: false),
      "G3": C(type: "str", value: "+cmd", dataType: "s", format: "General", bold: false),
      "G4": nil,
      "B4": C(type: "str", value: "@SUM(A1:A2)", dataType: "s", format: "General", bold: false),
      "C4": C(type: "int", value: "3", dataType: "n", format: "#,##0.0000", bold: false),
      // 0.125 has 3 decimals, more than the column's 2: all 3 show.
      "D4": C(type: "float", value: "0.125", dataType: "n", format: "#,##0.000", bold: false),
    ].compactMapValues { $0 }
    for (coordinate, cell) in expected {
      #expect(sheet.cells[coordinate] == cell, "\(coordinate)")
    }
    #expect(sheet.cells["A4"] == nil)  // .empty writes nothing

    // Widths: the widest cell + 1; a header counts 2 more (bold, filter button).
    #expect(sheet.widths["A"] == storedWidth(9))   // "código" 6 + 2 = 8 > "PANLAT" 6; + 1
    #expect(sheet.widths["B"] == storedWidth(31))  // "Descripción con acentos: ñandú": 11+1+3+1+8+1+5 = 30; + 1
    #expect(sheet.widths["C"] == storedWidth(11))  // "cantidad" 8 + 2 = 10 > "12.5000" 7; + 1
    #expect(sheet.widths["D"] == storedWidth(9))   // "1,234.50" 8 > "precio" 6 + 2; + 1
    #expect(sheet.widths["E"] == storedWidth(20))  // "2026-10-31 08:30:00" 19; + 1
    #expect(sheet.widths["F"] == storedWidth(9))   // "activo" 6 + 2 = 8 > "FALSE" 5; + 1
    #expect(sheet.widths["G"] == storedWidth(27))  // =HYPERLINK("http://x","y") is 26; + 1
  }

  @Test func formulaLookingTextIsStringsInTheXML() throws {
    let dir = try temporaryDirectory()
    defer { removeDirectory(dir) }
    let path = dir + "/f.xlsx"
    let book = try WorkbookWriter(path: path, options: WorkbookOptions(created: halloween2026))
    let table = try book.addTable(name: "Datos", header: ["t"])
    try table.append([.text("=1+1")])
    try table.append([.text("_x0041_ literal")])
    try book.close()
    let xml = try zipEntry(path, "xl/worksheets/sheet1.xml")
    #expect(!xml.contains("<f>"))
    #expect(xml.contains(#"<c r="A2" t="inlineStr"><is><t>=1+1</t></is></c>"#))
    // Excel decodes _xHHHH_; _x005F_ is "_", so Excel shows "_x0041_ literal".
    #expect(xml.contains("<t>_x005F_x0041_ literal</t>"))
  }

  @Test func withoutConstantMemoryStringsAreSharedAndStillText() throws {
    let dir = try temporaryDirectory()
    defer { removeDirectory(dir) }
    let path = dir + "/m.xlsx"
    let book = try WorkbookWriter(
      path: path, options: WorkbookOptions(created: halloween2026, constantMemory: false))
    let table = try book.addTable(name: "Datos", header: ["t", "n", "d"], places: [0, 2, 0])
    try table.append([.text("=1+1"), .number(decimal("7")), .date(day(2026, 1, 1))])
    try table.append([.text("=1+1"), .number(decimal("-0.5")), .empty])
    try book.close()
    #expect(try zipEntry(path, "xl/sharedStrings.xml").contains("<t>=1+1</t>"))
    let sheet = try #require(try readBack(path).sheet("Datos"))
    typealias C = WorkbookReadBack.Cell
    #expect(sheet.cells["A3"] == C(type: "str", value: "=1+1", dataType: "s", format: "General", bold: false))
    #expect(sheet.cells["B2"] == C(type: "int", value: "7", dataType: "n", format: "#,##0.00", bold: false))
    #expect(sheet.cells["B3"] == C(type: "float", value: "-0.5", dataType: "n", format: "#,##0.00", bold: false))
    #expect(sheet.cells["C2"] == C(type: "datetime", value: "2026-01-01T00:00:00", dataType: "d", format: "yyyy-mm-dd", bold: false))
    #expect(sheet.filter == "A1:C3")
    #expect(sheet.freeze == "A2")
    #expect(sheet.widths["B"] == storedWidth(6))  // "-0.50" 5 > "7.00" 4 > "n" 1 + 2; + 1
  }

  @Test func sameCreatedDateGivesTheSameBytes() throws {
    let dir = try temporaryDirectory()
    defer { removeDirectory(dir) }
    func write(_ name: String, created: Int) throws -> Data {
      let path = dir + "/" + name
      let book = try WorkbookWriter(
        path: path, options: WorkbookOptions(title: "t", company: "c", author: "a", created: created))
      let table = try book.addTable(name: "Datos", header: ["a", "b"])
      try table.append([.text("x"), .number(decimal("1.5"))])
      try book.close()
      return try Data(contentsOf: URL(fileURLWithPath: path))
    }
    let first = try write("1.xlsx", created: halloween2026)
    let second = try write("2.xlsx", created: halloween2026)
    let other = try write("3.xlsx", created: halloween2026 + 86_400)
    #expect(first == second)
    #expect(first != other)  // the date is in the file, so pinning it matters
    let wb = try readBack(dir + "/1.xlsx")
    #expect(wb.zipDates == ["1980-01-01 00:00:00"])  // every zip entry, whatever the clock
    #expect(wb.properties.created == "2026-10-31T00:00:00")
  }

  @Test func rowsContinueOnNumberedSheets() throws {
    let dir = try temporaryDirectory()
    defer { removeDirectory(dir) }
    let path = dir + "/c.xlsx"
    var options = WorkbookOptions(created: halloween2026)
    options.maxRowsPerSheet = 4  // header + 3 rows per sheet
    let book = try WorkbookWriter(path: path, options: options)
    let table = try book.addTable(name: "Datos", header: ["n", "t"])
    for n in 1...7 { try table.append([.number(ExactDecimal(n)), .text("fila \(n)")]) }
    try book.close()
    #expect(table.sheetNames == ["Datos", "Datos (2)", "Datos (3)"])
    #expect(table.rowCount == 7)

    let wb = try readBack(path)
    #expect(wb.sheets.map(\.title) == ["Datos", "Datos (2)", "Datos (3)"])
    // 7 rows = 3 + 3 + 1.
    let firstValues = [("Datos", 1, "A1:B4"), ("Datos (2)", 4, "A1:B4"), ("Datos (3)", 7, "A1:B2")]
    for (title, first, filter) in firstValues {
      let sheet = try #require(wb.sheet(title))
      #expect(sheet.filter == filter, "\(title)")
      #expect(sheet.freeze == "A2", "\(title)")
      #expect(sheet.cells["A1"]?.value == "n" && sheet.cells["A1"]?.bold == true, "\(title)")
      #expect(sheet.cells["B1"]?.value == "t", "\(title)")
      #expect(sheet.cells["A2"]?.value == "\(first)", "\(title)")
      #expect(sheet.cells["B2"]?.value == "fila \(first)", "\(title)")
    }
    #expect(wb.sheet("Datos")?.cells["A4"]?.value == "3")
    #expect(wb.sheet("Datos (2)")?.cells["A4"]?.value == "6")
    #expect(wb.sheet("Datos (3)")?.cells["A3"] == nil)
  }

  @Test func sheetNamesAreCleanedAndUnique() throws {
    let dir = try temporaryDirectory()
    defer { removeDirectory(dir) }
    let path = dir + "/n.xlsx"
    var options = WorkbookOptions(created: halloween2026)
    options.maxRowsPerSheet = 2
    let book = try WorkbookWriter(path: path, options: options)
    let names = [
      "Datos (2)", "Datos", "DATOS", "a/b", "a:b",
      "Programa de producción mensual 2026",  // 35 characters
      "Programa de producción mensual 2026 bis",
    ]
    var tables: [TableSheet] = []
    for name in names { tables.append(try book.addTable(name: name, header: ["x"])) }
    // "Datos" gets two rows: its continuation skips the taken "Datos (2)".
    try tables[1].append([.text("1")])
    try tables[1].append([.text("2")])
    try book.close()
    #expect(tables.map(\.name) == [
      "Datos (2)", "Datos",
      "DATOS (3)",  // "datos" and "datos (2)" are taken, ignoring case
      "a_b", "a_b (2)",
      "Programa de producción mensual ",  // the first 31 characters, the space included
      "Programa de producción mens (2)",  // 27 characters + " (2)" = 31
    ])
    // The continuation of "Datos" skips "Datos (2)" and "DATOS (3)".
    #expect(tables[1].sheetNames == ["Datos", "Datos (4)"])
    let wb = try readBack(path)
    #expect(wb.sheets.map(\.title) == [
      "Datos (2)", "Datos", "DATOS (3)", "a_b", "a_b (2)", "Programa de producción mensual ",
      "Programa de producción mens (2)", "Datos (4)",
    ])
  }

  @Test func textOverTheCellLimitIsRefusedBeforeWriting() throws {
    let dir = try temporaryDirectory()
    defer { removeDirectory(dir) }
    let book = try WorkbookWriter(path: dir + "/l.xlsx", options: WorkbookOptions(created: halloween2026))
    let table = try book.addTable(name: "Notas", header: ["id", "nota"])
    try table.append([.text("1"), .text(String(repeating: "a", count: 32_767))])
    let error = #expect(throws: OutputError.self) {
      try table.append([.text("2"), .text(String(repeating: "a", count: 32_768))])
    }
    #expect(error?.kind == .refused)
    #expect(
      error?.message
        == #"sheet "Notas", cell B3 (column "nota"): text of 32768 characters is longer than the 32767 an Excel cell holds"#)
    // Excel counts UTF-16 units: 16,384 emoji are 32,768 of them.
    #expect(throws: OutputError.self) {
      try table.append([.text("3"), .text(String(repeating: "😀", count: 16_384))])
    }
    try book.close()
    let wb = try readBack(dir + "/l.xlsx")
    #expect(wb.sheet("Notas")?.cells["B2"]?.value.count == 32_767)
  }

  @Test func recordsAreTypedByTheirColumnProfiles() throws {
    let rows: [[String]] = [
      ["007", "12.50", "2026-10-31", "true", "=cmd|' /C calc'!A0", "  con espacios "],
      ["012", "1,234.5", "2026-11-01", "FALSE", "x", ""],
      ["100", "", "", "", "", "y"],
    ]
    var profiles = [ColumnProfile](repeating: ColumnProfile(), count: 6)
    for row in rows { for (i, field) in row.enumerated() { profiles[i].observe(field) } }
    #expect(profiles.map(\.kind) == [.text, .number, .date, .bool, .text, .text])
    #expect(profiles[1].places == 2)

    let dir = try temporaryDirectory()
    defer { removeDirectory(dir) }
    let path = dir + "/r.xlsx"
    let book = try WorkbookWriter(path: path, options: WorkbookOptions(created: halloween2026))
    let table = try book.addTable(
      name: "Plan", header: ["code", "qty", "due", "ok", "note", "free"], places: profiles.map(\.places))
    let record = Record()
    for row in rows {
      record.removeAll()
      for field in row { record.append(field: field) }
      try table.append(record, profiles: profiles)
    }
    try book.close()
    let sheet = try #require(try readBack(path).sheet("Plan"))
    typealias C = WorkbookReadBack.Cell
    #expect(sheet.cells["A2"] == C(type: "str", value: "007", dataType: "s", format: "General", bold: false))
    #expect(sheet.cells["A4"] == C(type: "str", value: "100", dataType: "s", format: "General", bold: false))
    #expect(sheet.cells["B2"] == C(type: "float", value: "12.5", dataType: "n", format: "#,##0.00", bold: false))
    #expect(sheet.cells["B3"] == C(type: "float", value: "1234.5", dataType: "n", format: "#,##0.00", bold: false))
    #expect(sheet.cells["B4"] == nil)
    #expect(sheet.cells["C3"] == C(type: "datetime", value: "2026-11-01T00:00:00", dataType: "d", format: "yyyy-mm-dd", bold: false))
    #expect(sheet.cells["D3"] == C(type: "bool", value: "false", dataType: "b", format: "General", bold: false))
    #expect(sheet.cells["E2"] == C(type: "str", value: "=cmd|' /C calc'!A0", dataType: "s", format: "General", bold: false))
    #expect(sheet.cells["F2"] == C(type: "str", value: "  con espacios ", dataType: "s", format: "General", bold: false))
    #expect(sheet.cells["F3"] == nil)
  }

  @Test func errorsNameTheFileAndTheReason() throws {
    let missing = #expect(throws: OutputError.self) {
      _ = try WorkbookWriter(path: "/nonexistent-taller-dir/x.xlsx")
    }
    #expect(missing?.kind == .cannotCreate)
    #expect(missing?.target == "/nonexistent-taller-dir/x.xlsx")
    #expect(missing?.message == "No such file or directory")

    let dir = try temporaryDirectory()
    defer { removeDirectory(dir) }
    let book = try WorkbookWriter(path: dir + "/e.xlsx", options: WorkbookOptions(created: halloween2026))
    let table = try book.addTable(name: "Datos", header: ["a"])
    let wide = #expect(throws: OutputError.self) { try table.append([.text("1"), .text("2")]) }
    #expect(wide?.message == #"sheet "Datos", row 2: 2 cells for 1 columns"#)
    #expect(throws: OutputError.self) { _ = try book.addTable(name: "Vacía", header: []) }
    try book.close()
    let late = #expect(throws: OutputError.self) { try table.append([.text("x")]) }
    #expect(late?.message == "the workbook is already closed")
  }

  @Test func aFullDiskIsAnIOError() throws {
    let dir = try temporaryDirectory()
    defer { removeDirectory(dir) }
    let book = try WorkbookWriter(path: "/dev/full", options: WorkbookOptions(created: halloween2026, tmpdir: dir))
    let table = try book.addTable(name: "Datos", header: ["a"])
    try table.append([.text(String(repeating: "x", count: 10_000))])
    let error = #expect(throws: OutputError.self) { try book.close() }
    #expect(error?.kind == .io)
    #expect(error?.target == "/dev/full")
    // libxlsxwriter's text for LXW_ERROR_ZIP_FILE_OPERATION (its comment in
    // xlsxwriter/common.h), then the system's reason.
    #expect(
      error?.message
        == "writing the workbook: Zip generic error ZIP_ERRNO while creating the xlsx file. (No space left on device)")
  }

  @Test func droppingAWriterClosesItsTemporaryFiles() throws {
    let dir = try temporaryDirectory()
    defer { removeDirectory(dir) }
    // Descriptors of this process open on files in `dir` (tests run in parallel, so
    // only these are counted). libxlsxwriter's temporary files are unlinked: their
    // links read "dir/libxlsxwriter_tmp_… (deleted)".
    func openInDirectory() throws -> Int {
      let fds = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
      return fds.filter { fd in
        let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + fd)
        return target?.hasPrefix(dir + "/") == true
      }.count
    }
    do {
      let book = try WorkbookWriter(path: dir + "/d.xlsx", options: WorkbookOptions(created: halloween2026))
      let a = try book.addTable(name: "A", header: ["x"])
      _ = try book.addTable(name: "B", header: ["x"])
      try a.append([.text("1")])
      #expect(try openInDirectory() == 2)  // one temporary file per sheet
    }
    #expect(try openInDirectory() == 0)
  }
}

// MARK: - Sheet names

@Test(arguments: [
  ("Plan", "Plan"),
  (#"a/b:c*d?e[f]g\h"#, "a_b_c_d_e_f_g_h"),
  ("", "Hoja"),
  ("'citado'", "_citado_"),
  ("History", "History_"),
  ("history", "history_"),
  ("línea\tuno", "línea_uno"),
  // 32 characters (11 + 1 + 2 + 1 + 2 + 1 + 10 + 1 + 3): the first 31 are kept.
  ("Descripción de la producción mes", "Descripción de la producción me"),
  // 😀 is 2 UTF-16 units: 15 fit in 31, the 16th would make 32.
  (String(repeating: "😀", count: 20), String(repeating: "😀", count: 15)),
])
func cleanSheetNames(input: String, expected: String) {
  #expect(cleanSheetName(input) == expected)
}

// MARK: - Column profiles

@Test(arguments: [
  (["12.50", "3", "", "1,234.5"], NumberStyle.plain, ColumnProfile.Kind.number, 2),
  (["0.0001", "-7"], .plain, .number, 4),
  (["1.000"], .plain, .number, 3),  // decimal point: one, written with 3 decimals
  (["007", "12"], .plain, .text, 0),
  (["0.5", "0"], .plain, .number, 1),
  (["123456789012345"], .plain, .number, 0),  // 15 significant digits
  (["1234567890123456"], .plain, .text, 0),  // 16: a double cannot hold it
  (["12345678901234.56"], .plain, .text, 0),  // 16
  (["120000000000000000"], .plain, .number, 0),  // 18 digits, 2 of them significant
  (["1E3"], .plain, .text, 0),
  (["1,234"], .plain, .text, 0),  // ambiguous without a convention
  (["1.234", "1,5"], NumberStyle(convention: .comma), .number, 1),  // 1234 and 1.5
  (["1,234"], NumberStyle(convention: .pointGrouping), .number, 0),  // grouping, not decimals
  (["$1,234.50", "(12.50)", "10 USD"], .money, .number, 2),
  (["$1,234.50"], .plain, .text, 0),
  (["2026-10-31", "2026-02-28", " "], .plain, .date, 0),
  (["2026-10-31", "2026-10-31 08:30"], .plain, .dateTime, 0),
  (["2026-10-31T08:30:15"], .plain, .dateTime, 0),
  (["2026-10-31T08:30:00Z"], .plain, .text, 0),
  (["2026-02-30"], .plain, .text, 0),
  // Every form LocalDate.parse reads, day first (SPEC §2).
  (["31/10/2026", "31-10-2026", "31.10.2026", "2026/10/31", "1/2/2026"], .plain, .date, 0),
  (["31/10/2026 08:30"], .plain, .dateTime, 0),
  (["10/31/2026"], .plain, .text, 0),  // month 31, day first
  (["01/02/26"], .plain, .text, 0),  // two-digit year
  (["46326", "2026-10-31"], .plain, .text, 0),  // a bare number is not a serial date here
  (["0012"], .plain, .text, 0),  // nor is a code
  (["46326.5"], .plain, .number, 1),
  (["1899-12-31"], .plain, .text, 0),  // before Excel's first day
  (["true", "FALSE", "True"], .plain, .bool, 0),
  (["true", "yes", "sí", "NO", "S", "n", "x"], .plain, .bool, 0),  // parseBool's spellings
  (["sí", "maybe"], .plain, .text, 0),
  (["1", "0"], .plain, .number, 0),
  (["1", "0", "no"], .plain, .bool, 0),
  ([], .plain, .text, 0),
  (["", "  "], .plain, .text, 0),
  (["=SUM(A1)", "5"], .plain, .text, 0),
])
func columnKinds(cells: [String], style: NumberStyle, kind: ColumnProfile.Kind, places: Int) {
  var profile = ColumnProfile(style: style)
  for cell in cells { profile.observe(cell) }
  #expect(profile.kind == kind)
  #expect(profile.places == places)
}

@Test func profileCellsFollowTheColumnKind() throws {
  func profile(_ cells: [String]) -> ColumnProfile {
    var p = ColumnProfile()
    for c in cells { p.observe(c) }
    return p
  }
  let numbers = profile(["12.50", "3"])
  #expect(numbers.cell(for: "12.50") == .number(try decimal("12.5")))
  #expect(numbers.cell(for: " 3 ") == .number(ExactDecimal(3)))
  #expect(numbers.cell(for: "  ") == .empty)
  // Data that changed between the passes keeps its text.
  #expect(numbers.cell(for: "n/a") == .text("n/a"))

  let days = profile(["2026-10-31"])
  #expect(days.cell(for: "2026-10-31") == .date(day(2026, 10, 31)))
  let stamps = profile(["2026-10-31", "2026-10-31 08:30"])
  #expect(stamps.cell(for: "2026-10-31 08:30") == .dateTime(day(2026, 10, 31), secondsOfDay: 30_600))  // 8×3600 + 30×60
  #expect(stamps.cell(for: "2026-10-31") == .dateTime(day(2026, 10, 31), secondsOfDay: 0))

  let flags = profile(["true", "False"])
  #expect(flags.cell(for: "False") == .bool(false))
  #expect(profile(["sí", "no"]).cell(for: " SÍ ") == .bool(true))

  // Day first unless month first.
  #expect(profile(["01/02/2026"]).cell(for: "01/02/2026") == .date(day(2026, 2, 1)))
  var monthFirst = ColumnProfile(monthFirst: true)
  monthFirst.observe("10/31/2026")
  #expect(monthFirst.kind == .date)
  #expect(monthFirst.cell(for: "10/31/2026") == .date(day(2026, 10, 31)))
  #expect(monthFirst.cell(for: "01/02/2026") == .date(day(2026, 1, 2)))

  let text = profile(["007", "x"])
  #expect(text.cell(for: " 007 ") == .text(" 007 "))
  #expect(text.cell(for: "") == .empty)
}

// MARK: - Excel's numbers

@Test(arguments: [
  (day(1900, 1, 1), 1),
  (day(1900, 2, 28), 59),
  (day(1900, 3, 1), 61),  // 60 is the 1900-02-29 that never was
  (day(1970, 1, 1), 25_569),
  (day(2026, 10, 31), 46_326),  // 20,757 + 25,569
  (day(9999, 12, 31), 2_958_465),
])
func excelSerials(date: LocalDate, serial: Int) {
  #expect(Excel.serial(date) == serial)
}

@Test func excelSerialsOutsideExcelsRange() {
  #expect(Excel.serial(day(1899, 12, 31)) == nil)
}

@Test(arguments: [
  ("12.34", 12.34),
  ("0.1", 0.1),
  ("-1234.5678", -1234.5678),
  ("0", 0.0),
  ("99999999999.9999", 99999999999.9999),
  // 20 significant digits: more than 2⁵³, through the text parser.
  ("1234567890.1234567891", 1234567890.1234567891),
])
func nearestDoubles(text: String, expected: Double) throws {
  #expect(Excel.double(try decimal(text)) == expected)
}

@Test(arguments: [
  ("1234.5", 2, 8),  // 1,234.50
  ("-1234567", 0, 8),  // -1234567 (integers have no grouping)
  ("0.0001", 4, 6),  // 0.0001
  ("1234567.891", 3, 13),  // 1,234,567.891
  ("-999", 2, 7),  // -999.00
])
func numberWidths(text: String, places: Int, width: Int) throws {
  #expect(Excel.displayWidth(try decimal(text), places: places) == width)
}

@Test(arguments: [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA"), (16_383, "XFD")])
func columnNames(index: Int, letters: String) {
  #expect(columnLetters(index) == letters)
}
