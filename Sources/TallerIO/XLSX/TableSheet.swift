import CXLSXWriter
import TallerCore

/// One table of a workbook: a header and rows, on one sheet or, past a sheet's
/// 1,048,576 rows, on continuation sheets (`Datos (2)`, …) that repeat the header.
///
/// Rows are written as they are appended (constant memory). The writer tracks the
/// widest cell of each column and sets the widths when the sheet is finished:
/// libxlsxwriter writes `<cols>` when it assembles the file, so widths set after the
/// rows are kept, in constant-memory mode too.
public final class TableSheet {
  /// The name of the table's first sheet, after cleaning and de-duplication.
  public var name: String { sheetNames[0] }
  /// Every sheet of the table, in order.
  public private(set) var sheetNames: [String] = []
  public let header: [String]
  /// Data rows appended so far, on all sheets.
  public private(set) var rowCount = 0

  private let state: WorkbookState
  private let places: [Int]
  private var worksheet: UnsafeMutablePointer<lxw_worksheet>
  /// The table's first sheet (charts draw its rows).
  let firstWorksheet: UnsafeMutablePointer<lxw_worksheet>
  /// Rows used on the current sheet, the header included: the row being written is
  /// `row - 1` (0-based), which is also its 1-based number in Excel, `row`.
  private var row: Int = 0
  /// Widest cell of each column on the current sheet, in characters.
  private var widths: [Int]
  private var finished = false

  /// The widest a fitted column gets, in characters (a long note should not push
  /// the next columns off the screen).
  static let maxColumnWidth = 100

  init(state: WorkbookState, name: String, header: [String], places: [Int]) throws(OutputError) {
    guard !header.isEmpty else {
      throw OutputError(.refused, target: state.path, "sheet \"\(name)\": a table needs at least one column")
    }
    guard header.count <= Excel.maxColumns else {
      throw OutputError(
        .refused, target: state.path,
        "sheet \"\(name)\": \(header.count) columns, more than the \(Excel.maxColumns) a sheet holds")
    }
    self.state = state
    self.header = header
    self.places = (0..<header.count).map { $0 < places.count ? min(max(places[$0], 0), ExactDecimal.scale) : 0 }
    self.widths = [Int](repeating: 0, count: header.count)
    let sheetName = state.names.claim(cleanSheetName(name))
    let sheet = try state.addWorksheet(named: sheetName)
    self.worksheet = sheet
    self.firstWorksheet = sheet
    sheetNames.append(sheetName)
    try startSheet()
  }

  /// Appends one row; cells past the last are empty. More cells than columns is an
  /// error (`refused`), as is text over 32,767 characters (naming sheet, cell, column).
  public func append(_ cells: [XLSXCell]) throws(OutputError) {
    guard cells.count <= header.count else { throw tooManyCells(cells.count) }
    try nextRow()
    for (column, cell) in cells.enumerated() { try write(cell, column: column) }
  }

  /// Appends one record of a text table, typing each field by its column's profile
  /// (the second pass of `ColumnProfile`). Text goes from the record's bytes to the
  /// sheet without making a `String`: the hot path of `export-xlsx` over CSV.
  public func append(_ record: Record, profiles: [ColumnProfile]) throws(OutputError) {
    guard record.count <= header.count else { throw tooManyCells(record.count) }
    try nextRow()
    let result = record.bytes.withUnsafeBufferPointer { all in
      Result { () throws(OutputError) in
        for column in 0..<record.count {
          let field = UnsafeBufferPointer(rebasing: all[record.start(column)..<record.ends[column]])
          if column < profiles.count, let typed = profiles[column].typedCell(utf8: field) {
            try write(typed, column: column)
          } else if !field.isEmpty {
            try writeText(field, column: column, format: nil)
          }
        }
      }
    }
    try result.get()
  }

  // MARK: - Sheets

  /// Writes the header and freezes it.
  private func startSheet() throws(OutputError) {
    let bold = try state.bold()
    row = 1  // the header is row index 0, being written
    for (column, title) in header.enumerated() {
      var title = title
      let result = title.withUTF8 { bytes in
        Result { () throws(OutputError) in try writeText(bytes, column: column, format: bold) }
      }
      try result.get()
      // Room for the bold face and the autofilter's button.
      widths[column] += 2
    }
    worksheet_freeze_panes(worksheet, 1, 0)
  }

  /// Moves to the next row, continuing on a new sheet when this one is full.
  private func nextRow() throws(OutputError) {
    guard state.isOpen, !finished else { throw state.closedError() }
    if row >= state.maxRowsPerSheet {
      try finishSheet()
      let sheetName = state.names.claimNumbered(sheetNames[0], from: sheetNames.count + 1)
      worksheet = try state.addWorksheet(named: sheetName)
      sheetNames.append(sheetName)
      for i in widths.indices { widths[i] = 0 }
      try startSheet()
    }
    rowCount += 1
    row += 1
  }

  /// Sets the column widths and the autofilter of the current sheet.
  private func finishSheet() throws(OutputError) {
    for (column, chars) in widths.enumerated() {
      let width = Double(min(chars + 1, Self.maxColumnWidth))
      try state.check(
        worksheet_set_column(worksheet, lxw_col_t(column), lxw_col_t(column), width, nil),
        "sheet \"\(sheetNames.last ?? "")\": setting column widths")
    }
    try state.check(
      worksheet_autofilter(worksheet, 0, 0, lxw_row_t(row - 1), lxw_col_t(header.count - 1)),
      "sheet \"\(sheetNames.last ?? "")\": setting the autofilter")
  }

  /// Finishes the last sheet (called by `WorkbookWriter.close`).
  func finish() throws(OutputError) {
    if finished { return }
    try finishSheet()
    finished = true
  }

  // MARK: - Cells

  private var currentRow: lxw_row_t { lxw_row_t(row - 1) }

  private func write(_ cell: XLSXCell, column: Int) throws(OutputError) {
    let r = currentRow
    let c = lxw_col_t(column)
    switch cell {
    case .empty:
      return
    case .text(let text):
      var text = text
      let result = text.withUTF8 { bytes in
        Result { () throws(OutputError) in try writeText(bytes, column: column, format: nil) }
      }
      try result.get()
    case .number(let value):
      let shown = max(value.fractionDigits, places[column])
      try state.check(
        worksheet_write_number(worksheet, r, c, Excel.double(value), try state.numberFormat(places: shown)),
        place(column))
      widen(column, Excel.displayWidth(value, places: shown))
    case .date(let day):
      guard let serial = Excel.serial(day) else {
        // Before 1900 Excel has no dates: keep the day as ISO text.
        try write(.text(day.description), column: column)
        return
      }
      try state.check(
        worksheet_write_number(worksheet, r, c, Double(serial), try state.dateFormat()), place(column))
      widen(column, 10)
    case .dateTime(let day, let seconds):
      guard let serial = Excel.serial(day), (0..<86_400).contains(seconds) else {
        throw OutputError(
          .refused, target: state.path,
          "\(place(column)): \(day) with \(seconds) seconds after midnight is not a date and time Excel holds")
      }
      let value = Double(serial) + Double(seconds) / 86_400
      try state.check(worksheet_write_number(worksheet, r, c, value, try state.dateTimeFormat()), place(column))
      widen(column, 19)
    case .bool(let value):
      try state.check(worksheet_write_boolean(worksheet, r, c, value ? 1 : 0, nil), place(column))
      widen(column, value ? 4 : 5)
    }
  }

  /// Writes UTF-8 text as a string cell (never a formula).
  ///
  /// Excel reads `_xHHHH_` in a string as an escaped character (ECMA-376 ST_Xstring),
  /// so a literal `_x0041_` is written `_x005F_x0041_` (`_x005F_` is `_`), as Python's
  /// XlsxWriter does; libxlsxwriter 1.1.4 escapes control characters but not this.
  /// A NUL, which a C string cannot carry, is written `_x0000_`.
  private func writeText(
    _ bytes: UnsafeBufferPointer<UInt8>, column: Int, format: UnsafeMutablePointer<lxw_format>?
  ) throws(OutputError) {
    if bytes.isEmpty { return }
    var characters = 0
    var utf16 = 0
    var needsEscape = false
    for b in bytes where b & 0xC0 != 0x80 {
      characters += 1
      utf16 += b >= 0xF0 ? 2 : 1
      if b == 0 || b == UInt8(ascii: "_") { needsEscape = true }
    }
    if utf16 > Excel.maxTextLength {
      throw OutputError(
        .refused, target: state.path,
        "\(place(column)): text of \(utf16) characters is longer than the \(Excel.maxTextLength) an Excel cell holds")
    }
    state.scratch.removeAll(keepingCapacity: true)
    if needsEscape {
      escape(bytes, into: &state.scratch)
    } else {
      state.scratch.append(contentsOf: bytes)
    }
    state.scratch.append(0)
    let error = state.scratch.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { text in
        worksheet_write_string(worksheet, currentRow, lxw_col_t(column), text.baseAddress, format)
      }
    }
    try state.check(error, place(column))
    widen(column, characters)
  }

  private func escape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
    func isHex(_ c: UInt8) -> Bool {
      (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66)
    }
    let n = bytes.count
    for i in 0..<n {
      let b = bytes[i]
      if b == 0 {
        out.append(contentsOf: "_x0000_".utf8)
        continue
      }
      if b == UInt8(ascii: "_"), i + 6 < n, bytes[i + 1] == UInt8(ascii: "x"),
        isHex(bytes[i + 2]), isHex(bytes[i + 3]), isHex(bytes[i + 4]), isHex(bytes[i + 5]),
        bytes[i + 6] == UInt8(ascii: "_")
      {
        out.append(contentsOf: "_x005F".utf8)
      }
      out.append(b)
    }
  }

  private func widen(_ column: Int, _ characters: Int) {
    if characters > widths[column] { widths[column] = characters }
  }

  /// `sheet "Datos", cell C12 (column "qty")`: where a cell is, for messages.
  private func place(_ column: Int) -> String {
    "sheet \"\(sheetNames.last ?? "")\", cell \(columnLetters(column))\(row) (column \"\(header[column])\")"
  }

  private func tooManyCells(_ count: Int) -> OutputError {
    OutputError(
      .refused, target: state.path,
      "sheet \"\(sheetNames.last ?? "")\", row \(row + 1): \(count) cells for \(header.count) columns")
  }
}

/// Excel's column letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
func columnLetters(_ column: Int) -> String {
  var n = column + 1
  var letters: [Character] = []
  while n > 0 {
    let r = (n - 1) % 26
    letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
    n = (n - 1) / 26
  }
  return String(letters.reversed())
}
