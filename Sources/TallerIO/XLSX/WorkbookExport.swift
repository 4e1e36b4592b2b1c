import TallerCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writing tables into a workbook: the engine of `export-xlsx`, shared with commands
/// that write their own workbooks.
public enum WorkbookExport {
  /// A sheet name from a file name: `exceptions-2026-10.csv` → `exceptions-2026-10`.
  public static func sheetName(for source: InputSource) -> String {
    guard case .file(let path) = source else { return "Hoja1" }
    var base = path.split(separator: "/").last.map(String.init) ?? path
    if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = String(base[..<dot]) }
    return base
  }

  /// `2026-01-01`, `2026-01-01T08:00:00Z` or `2026-01-01 08:00` as Unix seconds (UTC).
  public static func parseTimestamp(_ text: String) -> Int? {
    guard let date = try? LocalDate.parse(String(text.prefix(10))), text.count >= 10,
      text.prefix(4).allSatisfy(\.isNumber)
    else { return nil }
    var seconds = 0
    let rest = text.dropFirst(10)
    if !rest.isEmpty {
      let time = rest.dropFirst().prefix(8).split(separator: ":").compactMap { Int($0) }
      guard rest.first == "T" || rest.first == " ", (2...3).contains(time.count),
        time[0] < 24, time[1] < 60, time.count == 2 || time[2] < 60
      else { return nil }
      seconds = time[0] * 3600 + time[1] * 60 + (time.count == 3 ? time[2] : 0)
    }
    return date.dayNumber * 86400 + seconds
  }

  /// One table of the workbook: its sheet name, where it is read from, and the
  /// name its messages use.
  public typealias Table = (name: String, source: InputSource)

  /// Writes each table as a typed sheet of a workbook at `path`: a first pass
  /// profiles every column (`ColumnProfile.profiles`), a second writes the cells.
  /// Standard input, which cannot be read twice, is spooled to a temporary file first.
  /// `charts` are drawn beside the tables they name (`--chart`), after the rows.
  public static func write(
    tables: [Table], to path: String, workbook: WorkbookOptions, reading: TableReading,
    charts: [ChartSpec] = [], progress: (String) -> ((Int) -> Void)? = { _ in nil }
  ) throws {
    var spools: [String] = []
    defer { for s in spools { unlink(s) } }
    // Each table with the name its messages use (a spooled standard input is "<stdin>").
    var sources: [(name: String, source: InputSource, display: String)] = []
    for t in tables {
      if t.source == .standardInput {
        let spool = try spoolStandardInput()
        spools.append(spool)
        sources.append((t.name, .file(spool), t.source.name))
      } else {
        sources.append((t.name, t.source, t.source.name))
      }
    }
    var options = workbook
    if options.tmpdir == nil, let slash = path.lastIndex(of: "/") {
      options.tmpdir = String(path[..<slash]).isEmpty ? "/" : String(path[..<slash])
    }
    let writer = try WorkbookWriter(path: path, options: options)
    var sheets: [(name: String, sheet: TableSheet)] = []
    for t in sources {
      guard let profiling = try reading.openReader(t.source, name: t.display, sniff: nil) else { continue }
      let header = profiling.header
      let profiles = try ColumnProfile.profiles(of: profiling, options: reading.options)
      let sheet = try writer.addTable(name: t.name, header: header, places: profiles.map(\.places))
      sheets.append((t.name, sheet))
      let reader = try TableInput.open(t.source, name: t.display, options: reading.options, schema: nil) { _ in }
      let record = Record()
      let update = progress(t.name)
      var n = 0
      while try reader.next(into: record) {
        try sheet.append(record, profiles: profiles)
        n += 1
        if n & 0x3FFF == 0 { update?(n) }
      }
    }
    try reading.check()
    for chart in charts {
      guard let table = sheets.first(where: { $0.name == chart.sheet || $0.sheet.name == chart.sheet })?.sheet else {
        throw OutputError(
          .refused, target: "--chart",
          "no sheet \"\(chart.sheet)\" (sheets: \(sheets.map(\.name).joined(separator: ", ")))")
      }
      try writer.addChart(chart, of: table)
    }
    try writer.close()
  }

  /// Standard input copied to a temporary file; returns its path.
  static func spoolStandardInput() throws -> String {
    let (fd, path) = try makeTemporaryFile("\(temporaryDirectory)/taller-stdin-XXXXXX", for: "<stdin>")
    defer { close(fd) }
    do {
      try copyAll(from: 0, name: "<stdin>", to: DescriptorSink(fd: fd, target: path))
    } catch {
      unlink(path)
      throw error
    }
    return path
  }
}
