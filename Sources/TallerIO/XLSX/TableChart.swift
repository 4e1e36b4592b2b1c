import CXLSXWriter

/// A native Excel chart of a table (`export-xlsx --chart SHEET:TYPE:X:Y[,Y…]`):
/// the table's X column as categories, one series per Y column, drawn beside the
/// table on its first sheet.
public struct ChartSpec: Sendable, Equatable {
  public enum Kind: String, Sendable, CaseIterable {
    case column, bar, line, area, pie, scatter

    var lxw: UInt8 {
      switch self {
      case .column: return UInt8(LXW_CHART_COLUMN.rawValue)
      case .bar: return UInt8(LXW_CHART_BAR.rawValue)
      case .line: return UInt8(LXW_CHART_LINE.rawValue)
      case .area: return UInt8(LXW_CHART_AREA.rawValue)
      case .pie: return UInt8(LXW_CHART_PIE.rawValue)
      case .scatter: return UInt8(LXW_CHART_SCATTER.rawValue)
      }
    }
  }

  /// The sheet (table) name as given to `--sheet NAME=FILE`, or a file's sheet name.
  public var sheet: String
  public var kind: Kind
  public var x: String
  public var ys: [String]

  /// Reads `SHEET:TYPE:X:Y[,Y…]`; the sheet name may itself hold colons (the
  /// last three fields are split off from the right). Nil when malformed.
  public init?(parsing text: String) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard parts.count >= 4, let kind = Kind(rawValue: parts[parts.count - 3].lowercased()) else { return nil }
    let sheet = parts[..<(parts.count - 3)].joined(separator: ":")
    let x = parts[parts.count - 2]
    let ys = parts[parts.count - 1].split(separator: ",").map(String.init)
    guard !sheet.isEmpty, !x.isEmpty, !ys.isEmpty, !ys.contains(where: \.isEmpty) else { return nil }
    self.sheet = sheet
    self.kind = kind
    self.x = x
    self.ys = ys
  }
}

extension WorkbookWriter {
  /// Adds `spec`'s chart of `table` (columns found by header name, exactly, then
  /// ignoring case), over the rows of its first sheet, inserted two columns right
  /// of the table. Each series is named by its header cell.
  /// - Throws: `refused` when a column is not in the table's header or the table
  ///   has no rows.
  public func addChart(_ spec: ChartSpec, of table: TableSheet) throws(OutputError) {
    func column(_ name: String) throws(OutputError) -> Int {
      if let i = table.header.firstIndex(of: name) { return i }
      if let i = table.header.firstIndex(where: { $0.lowercased() == name.lowercased() }) { return i }
      throw OutputError(
        .refused, target: "--chart",
        "\(spec.sheet): no column \"\(name)\" in sheet \"\(table.name)\" (columns: \(table.header.joined(separator: ", ")))")
    }
    let x = try column(spec.x)
    var ys: [Int] = []
    for y in spec.ys { ys.append(try column(y)) }
    let rows = min(table.rowCount, state.maxRowsPerSheet - 1)
    guard rows > 0 else {
      throw OutputError(.refused, target: "--chart", "\(spec.sheet): sheet \"\(table.name)\" has no rows to draw")
    }
    guard let book = state.workbook else { throw state.closedError() }
    guard let chart = workbook_add_chart(book, spec.kind.lxw) else {
      throw OutputError(.io, target: state.path, "libxlsxwriter could not add a chart")
    }
    let name = quotedSheet(table.name)
    let categories = "=\(name)!\(cellName(1, x, absolute: true)):\(cellName(rows, x, absolute: true))"
    for y in ys {
      let values = "=\(name)!\(cellName(1, y, absolute: true)):\(cellName(rows, y, absolute: true))"
      guard let series = chart_add_series(chart, categories, values) else {
        throw OutputError(.io, target: state.path, "libxlsxwriter could not add a chart series")
      }
      chart_series_set_name(series, "=\(name)!\(cellName(0, y, absolute: true))")
    }
    chart_title_set_name(chart, "\(spec.ys.joined(separator: ", ")) by \(spec.x)")
    chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
    var options = lxw_chart_options()
    options.x_scale = 1.6
    options.y_scale = 1.3
    try state.check(
      worksheet_insert_chart_opt(table.firstWorksheet, 1, lxw_col_t(table.header.count + 1), chart, &options),
      "sheet \(table.name) chart")
  }
}
