import TallerCore

/// Rewrites a table in canonical form (the engine of `convert-table`).
///
/// Column kinds are decided by `ColumnProfile` over the first `sampleRows` rows
/// (numbers, ISO dates, booleans, text). Then every cell of a number column is parsed
/// exactly: a cell already in canonical form (`-1234.50`) is copied as it is, so
/// written decimals survive; any other (`1.234,50`, `$1,234.50` in money-looking
/// columns) is written canonically (`1234.5`). A later cell that does not fit its
/// column's kind is an error naming the cell, never guessed: `--text COLUMN` keeps a
/// column as text.
public struct TableConversion {
  public var sampleRows = 10_000
  /// Columns kept as text (`--text`), by header name.
  public var textColumns: Set<String> = []

  public init() {}

  /// The readers' headers must name the same columns (tables are concatenated),
  /// and every `--text` column must be one of them.
  /// - Returns: the unknown `--text` names (a usage error for the command).
  public func check(_ readers: [RecordReader]) throws(InputError) -> [String] {
    guard let first = readers.first else { return [] }
    let header = first.header.map(HeaderName.normalize)
    for r in readers.dropFirst() where r.header.map(HeaderName.normalize) != header {
      throw InputError(
        at: SourceLocation(file: r.name, line: r.headerLine),
        "the header differs from \(first.name)'s: tables are concatenated only when their columns are the same")
    }
    return textColumns.filter { !header.contains(HeaderName.normalize($0)) }.sorted()
  }

  /// Converts the tables read by `readers` (checked by `check`) into `out`.
  public func convert(
    _ readers: [RecordReader], decimalConvention: NumberStyle.Convention?, to out: ByteSink,
    format: TableFormat, progress: ((Int) -> Void)? = nil
  ) throws {
    guard let first = readers.first else { return }
    let header = first.header
    let forced = Set(textColumns.map(HeaderName.normalize))
    let convention: NumberStyle.Convention =
      decimalConvention ?? (first.delimiter == UInt8(ascii: ";") ? .comma : .point)
    let style = NumberStyle(convention: convention)

    // Sample the first rows (kept to be written) to decide each column's kind.
    var profiles = [ColumnProfile](repeating: ColumnProfile(style: style), count: header.count)
    var sample: [(line: Int, bytes: [UInt8], ends: [Int], reader: Int)] = []
    var readerIndex = 0
    let record = Record()
    while sample.count < sampleRows, readerIndex < readers.count {
      if try readers[readerIndex].next(into: record) {
        sample.append((record.line, record.bytes, record.ends, readerIndex))
        record.bytes.withUnsafeBufferPointer { all in
          for i in 0..<record.count {
            profiles[i].observe(utf8: UnsafeBufferPointer(rebasing: all[record.start(i)..<record.ends[i]]))
          }
        }
      } else {
        readerIndex += 1
      }
    }
    var kinds = profiles.map(\.kind)
    for (i, h) in header.enumerated() where forced.contains(HeaderName.normalize(h)) { kinds[i] = .text }

    let writer = RowWriter(sink: out, header: header, kinds: kinds, style: style, format: format)
    try writer.start()
    for s in sample {
      record.bytes = s.bytes
      record.ends = s.ends
      record.line = s.line
      try writer.write(record, from: readers[s.reader].name)
    }
    var n = sample.count
    while readerIndex < readers.count {
      let reader = readers[readerIndex]
      while try reader.next(into: record) {
        try writer.write(record, from: reader.name)
        n += 1
        if n & 0x3FFF == 0 { progress?(n) }
      }
      readerIndex += 1
    }
    try writer.finish()
  }
}

/// Writes converted rows as CSV (copying canonical cells byte for byte) or JSON.
final class RowWriter {
  let header: [String]
  let kinds: [ColumnProfile.Kind]
  let style: NumberStyle
  let csv: CSVWriter?
  let json: JSONTableWriter?
  let excel: Bool

  init(sink: ByteSink, header: [String], kinds: [ColumnProfile.Kind], style: NumberStyle, format: TableFormat) {
    self.header = header
    self.kinds = kinds
    self.style = style
    switch format {
    case .csv(let excel):
      self.excel = excel
      csv = CSVWriter(sink: sink, excel: excel)
      json = nil
    case .json, .ndjson:
      excel = false
      csv = nil
      json = JSONTableWriter(sink: sink, columns: header, ndjson: format == .ndjson)
    }
  }

  func start() throws(OutputError) { try csv?.writeRow(header) }

  func finish() throws(OutputError) {
    try csv?.finish()
    try json?.finish()
  }

  func write(_ record: Record, from name: String) throws {
    if let csv {
      try writeCSV(record, csv, name)
    } else if let json {
      try json.writeRow(try (0..<record.count).map { i in try jsonCell(record, i, name) })
    }
  }

  private func fail(_ record: Record, _ i: Int, _ name: String, _ message: String) -> InputError {
    InputError(
      at: SourceLocation(file: name, line: record.line, column: i + 1),
      "\(header[i]) \"\(record.string(i))\" \(message) (the column holds \(kinds[i]) values; --text \(header[i]) keeps it as text)")
  }

  private func number(_ record: Record, _ i: Int, _ name: String) throws -> (ExactDecimal, canonical: Bool) {
    let style = self.style
    let result = record.withField(i) { bytes -> Result<(ExactDecimal, Bool), NumberError> in
      Result { () throws(NumberError) in
        let v = try ExactDecimal.parse(utf8: bytes, style: style)
        return (v, RowWriter.isCanonicalNumber(bytes))
      }
    }
    switch result {
    case .success(let v): return v
    case .failure(let e): throw fail(record, i, name, e.message)
    }
  }

  private func date(_ record: Record, _ i: Int, _ name: String) throws -> LocalDate {
    let result = record.withField(i) { bytes in
      Result { () throws(DateError) in try LocalDate.parse(utf8: bytes) }
    }
    switch result {
    case .success(let v): return v
    case .failure(let e): throw fail(record, i, name, e.message)
    }
  }

  /// `-?digits(.digits)?` with no leading zero before another digit: copied as written.
  static func isCanonicalNumber(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    if i < p.count, p[i] == UInt8(ascii: "-") { i += 1 }
    let start = i
    while i < p.count, p[i] &- 0x30 < 10 { i += 1 }
    if i == start || (p[start] == 0x30 && i - start > 1) { return false }
    if i == p.count { return true }
    guard p[i] == UInt8(ascii: ".") else { return false }
    i += 1
    let fs = i
    while i < p.count, p[i] &- 0x30 < 10 { i += 1 }
    return i == p.count && i > fs
  }

  private func writeCSV(_ record: Record, _ csv: CSVWriter, _ name: String) throws {
    for i in 0..<record.count {
      if record.isBlank(i) {
        csv.writeEmpty()
        continue
      }
      switch kinds[i] {
      case .number:
        let (value, canonical) = try number(record, i, name)
        if canonical && !excel {
          csv.writeField(record, i)
        } else {
          csv.writeNumber(value)
        }
      case .date:
        let day = try date(record, i, name)
        if record.ends[i] - record.start(i) == 10 && !excel {
          csv.writeField(record, i)  // already YYYY-MM-DD (validated above)
        } else {
          csv.writeDate(day)
        }
      case .text, .dateTime, .bool:
        csv.writeField(record, i)
      }
    }
    try csv.endRow()
  }

  private func jsonCell(_ record: Record, _ i: Int, _ name: String) throws -> JSONCell {
    if record.isBlank(i) { return .null }
    switch kinds[i] {
    case .number: return .number(try number(record, i, name).0)
    case .date: return .date(try date(record, i, name))
    case .bool: return .bool(record.string(i).trimmingASCIISpaces().lowercased() == "true")
    case .text, .dateTime: return .text(record.string(i))
    }
  }
}
