import Foundation
import TallerCore
import Testing

@testable import TallerIO

// A table with no schema is typed in a workbook by the rules every schema column is
// read with (SPEC §2): these tests take a CSV file the way export-xlsx does — the
// first pass profiles each column (`ColumnProfile.profiles`), the second writes the
// records — and read the workbook back with openpyxl (helpers in XLSXTests.swift).

/// Writes `csv` to a file, exports it to a one-sheet workbook as export-xlsx does,
/// and returns the sheet as openpyxl reads it, with the kind decided for each column.
func exportTable(_ csv: String, options: ReadOptions = ReadOptions()) throws -> (
  kinds: [ColumnProfile.Kind], sheet: WorkbookReadBack.Sheet
) {
  let dir = try temporaryDirectory()
  defer { removeDirectory(dir) }
  let input = dir + "/table.csv"
  try Data(csv.utf8).write(to: URL(fileURLWithPath: input))
  let first = try TableInput.open(.file(input), options: options, schema: nil) { _ in }
  let profiles = try ColumnProfile.profiles(of: first, options: options)

  let path = dir + "/table.xlsx"
  let book = try WorkbookWriter(path: path, options: WorkbookOptions(created: halloween2026))
  let sheet = try book.addTable(name: "Datos", header: first.header, places: profiles.map(\.places))
  let second = try TableInput.open(.file(input), options: options, schema: nil) { _ in }
  let record = Record()
  while try second.next(into: record) { try sheet.append(record, profiles: profiles) }
  try book.close()
  return (profiles.map(\.kind), try #require(try readBack(path).sheet("Datos")))
}

/// The cells openpyxl reads back, as `WorkbookReadBack.Cell`s.
private enum Expected {
  typealias Cell = WorkbookReadBack.Cell

  /// A number: openpyxl reads a whole value as an int, any other as a float.
  static func number(_ value: String, _ format: String) -> Cell {
    Cell(type: value.contains(".") ? "float" : "int", value: value, dataType: "n", format: format, bold: false)
  }
  static func text(_ value: String) -> Cell {
    Cell(type: "str", value: value, dataType: "s", format: "General", bold: false)
  }
  static func bool(_ value: Bool) -> Cell {
    Cell(type: "bool", value: value ? "true" : "false", dataType: "b", format: "General", bold: false)
  }
  /// A date: a datetime at midnight, shown yyyy-mm-dd.
  static func date(_ iso: String) -> Cell {
    Cell(type: "datetime", value: iso + "T00:00:00", dataType: "d", format: "yyyy-mm-dd", bold: false)
  }
}

@Suite struct XLSXTypingTests {
  @Test func aSemicolonFileUsesTheDecimalComma() throws {
    // `1.234,56`: the last separator (`,`) is the decimal one, `.` groups by three →
    // 1234.56. `3,5` → 3.5. `1.234` alone → 1234 (a dot before three digits groups in
    // a decimal-comma file). The amount column shows 2 places, the most it has.
    let (kinds, sheet) = try exportTable(
      """
      code;amount;qty
      A;1.234,56;3,5
      B;2,5;1.234
      """)
    #expect(kinds == [.text, .number, .number])
    #expect(sheet.cells["B2"] == Expected.number("1234.56", "#,##0.00"))
    #expect(sheet.cells["B3"] == Expected.number("2.5", "#,##0.00"))
    #expect(sheet.cells["C2"] == Expected.number("3.5", "#,##0.0"))
    #expect(sheet.cells["C3"] == Expected.number("1234", "#,##0.0"))
  }

  @Test func aCommaFileUsesTheDecimalPoint() throws {
    // `1,234.56` → 1234.56 (`.` last, so `,` groups). `1,234` alone is ambiguous with
    // the decimal point: not a number, so its column stays text, as written.
    let (kinds, sheet) = try exportTable(
      """
      code,amount,count
      A,"1,234.56","1,234"
      B,7.5,12
      """)
    #expect(kinds == [.text, .number, .text])
    #expect(sheet.cells["B2"] == Expected.number("1234.56", "#,##0.00"))
    #expect(sheet.cells["B3"] == Expected.number("7.5", "#,##0.00"))
    #expect(sheet.cells["C2"] == Expected.text("1,234"))
    #expect(sheet.cells["C3"] == Expected.text("12"))
  }

  @Test func decimalOptionsOverrideTheDelimiter() throws {
    // --decimal-point: `1,234` groups → 1234. In a `;` file, --decimal-point reads
    // `1.234` as 1.234 (3 places).
    var point = ReadOptions()
    point.decimalConvention = .pointGrouping
    let (kinds, sheet) = try exportTable("code,count\nA,\"1,234\"\n", options: point)
    #expect(kinds == [.text, .number])
    #expect(sheet.cells["B2"] == Expected.number("1234", "0"))

    let (semiKinds, semi) = try exportTable("code;qty\nA;1.234\n", options: point)
    #expect(semiKinds == [.text, .number])
    #expect(semi.cells["B2"] == Expected.number("1.234", "#,##0.000"))
  }

  @Test func everyDateFormIsADate() throws {
    // Day first: 31/10/2026, 31-10-2026 and 31.10.2026 are all 2026-10-31, as is
    // the ISO 2026-10-31 and 2026/10/31.
    let (kinds, sheet) = try exportTable(
      """
      due,done
      31/10/2026,2026-10-31
      31.10.2026,31-10-2026
      01/11/2026,2026/10/31
      """)
    #expect(kinds == [.date, .date])
    for cell in ["A2", "A3", "B2", "B3", "B4"] {
      #expect(sheet.cells[cell] == Expected.date("2026-10-31"), "\(cell)")
    }
    #expect(sheet.cells["A4"] == Expected.date("2026-11-01"))  // day first: 1 November
  }

  @Test func monthFirstReadsTheMonthFirst() throws {
    let csv = "due\n10/31/2026\n11/01/2026\n"
    // Day first (the default), 10/31/2026 has month 31: not a date, so the column is
    // text, every cell as written.
    let (kinds, sheet) = try exportTable(csv)
    #expect(kinds == [.text])
    #expect(sheet.cells["A2"] == Expected.text("10/31/2026"))
    #expect(sheet.cells["A3"] == Expected.text("11/01/2026"))

    var options = ReadOptions()
    options.monthFirst = true
    let (mfKinds, mf) = try exportTable(csv, options: options)
    #expect(mfKinds == [.date])
    #expect(mf.cells["A2"] == Expected.date("2026-10-31"))
    #expect(mf.cells["A3"] == Expected.date("2026-11-01"))
  }

  @Test func yesNoColumnsAreBooleans() throws {
    let (kinds, sheet) = try exportTable(
      """
      code,active,shown
      A,sí,true
      B,no,FALSE
      C,SÍ,
      D,N,x
      """)
    #expect(kinds == [.text, .bool, .bool])
    #expect(sheet.cells["B2"] == Expected.bool(true))
    #expect(sheet.cells["B3"] == Expected.bool(false))
    #expect(sheet.cells["B4"] == Expected.bool(true))
    #expect(sheet.cells["B5"] == Expected.bool(false))
    #expect(sheet.cells["C2"] == Expected.bool(true))
    #expect(sheet.cells["C3"] == Expected.bool(false))
    #expect(sheet.cells["C4"] == nil)  // blank stays blank
    #expect(sheet.cells["C5"] == Expected.bool(true))  // x is yes
  }

  @Test func aMixedColumnStaysTextAsWritten() throws {
    // Numbers, a date, a yes and a word in one column: no kind fits every cell.
    let (kinds, sheet) = try exportTable(
      """
      code,note
      A,12.50
      B,31/10/2026
      C, sí
      D,pendiente
      E,"1.234,56"
      """)
    #expect(kinds == [.text, .text])
    #expect(sheet.cells["B2"] == Expected.text("12.50"))
    #expect(sheet.cells["B3"] == Expected.text("31/10/2026"))
    #expect(sheet.cells["B4"] == Expected.text(" sí"))
    #expect(sheet.cells["B5"] == Expected.text("pendiente"))
    #expect(sheet.cells["B6"] == Expected.text("1.234,56"))
  }

  @Test func codesWithLeadingZerosStayText() throws {
    // 007 is a code (BAD-INPUTS #38), and so is its column; a bare number is never
    // read as an Excel serial date here, so 0012 is not 1900-01-12 either.
    let (kinds, sheet) = try exportTable(
      """
      code,ref,serial
      007,0012,46326
      12,0045,46327
      """)
    #expect(kinds == [.text, .text, .number])
    #expect(sheet.cells["A2"] == Expected.text("007"))
    #expect(sheet.cells["A3"] == Expected.text("12"))
    #expect(sheet.cells["B2"] == Expected.text("0012"))
    #expect(sheet.cells["C2"] == Expected.number("46326", "0"))
  }
}
