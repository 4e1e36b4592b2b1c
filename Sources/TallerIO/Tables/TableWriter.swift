import TallerCore

/// A typed cell of an output table.
public enum Cell: Sendable, Equatable {
  case empty
  case text(String)
  /// An exact decimal written with at least `places` fractional digits (money: 2).
  case number(ExactDecimal, places: Int = 0)
  case date(LocalDate)
  case bool(Bool)
  case int(Int)
}

/// How a table is written (SPEC §2): CSV (plain, or `--excel-csv`), JSON or NDJSON.
public enum TableFormat: Sendable, Equatable {
  case csv(excel: Bool)
  case json
  case ndjson

  public static let csv = TableFormat.csv(excel: false)

  /// The format a side output (`--rejects`, `--gpu-out`) takes from its name:
  /// `.json`, `.ndjson`/`.jsonl`, else CSV (`--excel-csv` style when `excel`).
  public static func forFile(_ name: String, excel: Bool) -> TableFormat {
    let lower = name.lowercased()
    if lower.hasSuffix(".json") { return .json }
    if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") { return .ndjson }
    return .csv(excel: excel)
  }
}

/// The one table writer: a header, then rows of typed cells, in the same column
/// and row order whatever the format. CSV goes cell by cell into `CSVWriter`'s
/// buffer (no `[Cell]` per row on the hot path); JSON collects a row's cells and
/// writes the object at `endRow()`.
///
/// Cells are written without `try`; a failed write surfaces at `endRow()` or
/// `finish()` (both write to the sink), so none is lost.
public final class TableWriter {
  private let csv: CSVWriter?
  private let json: JSONTableWriter?
  private var pending: [JSONCell] = []
  public let columns: [String]

  public init(sink: ByteSink, columns: [String], format: TableFormat) throws(OutputError) {
    self.columns = columns
    switch format {
    case .csv(let excel):
      let w = CSVWriter(sink: sink, excel: excel)
      try w.writeRow(columns)
      csv = w
      json = nil
    case .json, .ndjson:
      csv = nil
      json = JSONTableWriter(sink: sink, columns: columns, ndjson: format == .ndjson)
      pending.reserveCapacity(columns.count)
    }
  }

  public func text(_ s: String) {
    if let csv { csv.writeText(s) } else { pending.append(.text(s)) }
  }

  /// Empty text is an empty cell (null in JSON).
  public func optionalText(_ s: String?) {
    if let s, !s.isEmpty { text(s) } else { empty() }
  }

  /// A field of UTF-8 bytes, as text.
  public func bytes(_ b: UnsafeBufferPointer<UInt8>) {
    if let csv { csv.writeBytes(b) } else { pending.append(.text(String(decoding: b, as: UTF8.self))) }
  }

  public func empty() {
    if let csv { csv.writeEmpty() } else { pending.append(.null) }
  }

  /// An exact decimal with at least `places` fractional digits (in CSV).
  public func number(_ d: ExactDecimal, places: Int = 0) {
    if let csv { csv.writeNumber(d, minimumPlaces: places) } else { pending.append(.number(d)) }
  }

  public func int(_ i: Int) { number(ExactDecimal(i)) }

  public func date(_ d: LocalDate) {
    if let csv { csv.writeDate(d) } else { pending.append(.date(d)) }
  }

  public func date(_ d: LocalDate?) {
    if let d { date(d) } else { empty() }
  }

  public func bool(_ b: Bool) {
    if let csv { csv.writeBool(b) } else { pending.append(.bool(b)) }
  }

  public func cell(_ c: Cell) {
    switch c {
    case .empty: empty()
    case .text(let s): text(s)
    case .number(let d, let places): number(d, places: places)
    case .date(let d): date(d)
    case .bool(let b): bool(b)
    case .int(let i): int(i)
    }
  }

  /// Ends the row written cell by cell.
  public func endRow() throws(OutputError) {
    if let csv {
      try csv.endRow()
    } else if let json {
      try json.writeRow(pending)
      pending.removeAll(keepingCapacity: true)
    }
  }

  /// Writes a whole row.
  public func write(_ row: [Cell]) throws(OutputError) {
    for c in row { cell(c) }
    try endRow()
  }

  /// Writes what is buffered (and JSON's closing `]`); call once at the end.
  public func finish() throws(OutputError) {
    try csv?.finish()
    try json?.finish()
  }
}
