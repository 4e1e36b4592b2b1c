import TallerCore
import TallerIO

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

/// Writes a table as CSV (plain or `--excel-csv`), JSON or NDJSON, with the same
/// column order and row order whatever the format (SPEC §2).
public final class TableOutput {
  enum Writer {
    case csv(CSVWriter)
    case json(JSONTableWriter)
  }
  private let writer: Writer
  public let columns: [String]

  public init(sink: ByteSink, columns: [String], options: OutputOptions) throws(OutputError) {
    self.columns = columns
    switch options.outputFormat ?? .csv {
    case .csv:
      let w = CSVWriter(sink: sink, excel: options.excelCSV)
      try w.writeRow(columns)
      writer = .csv(w)
    case .json:
      writer = .json(JSONTableWriter(sink: sink, columns: columns, ndjson: false))
    case .ndjson:
      writer = .json(JSONTableWriter(sink: sink, columns: columns, ndjson: true))
    }
  }

  public func write(_ row: [Cell]) throws(OutputError) {
    switch writer {
    case .csv(let w):
      for cell in row {
        switch cell {
        case .empty: try w.writeField("")
        case .text(let s): try w.writeField(s)
        case .number(let d, let places): try w.writeField(d, minimumPlaces: places)
        case .date(let d): try w.writeField(d)
        case .bool(let b): try w.writeField(b ? "true" : "false")
        case .int(let i): try w.writeField(String(i))
        }
      }
      try w.endRow()
    case .json(let w):
      try w.writeRow(row.map { cell -> JSONCell in
        switch cell {
        case .empty: return .null
        case .text(let s): return .text(s)
        case .number(let d, _): return .number(d)
        case .date(let d): return .date(d)
        case .bool(let b): return .bool(b)
        case .int(let i): return .number(ExactDecimal(i))
        }
      })
    }
  }

  // MARK: Cell by cell
  //
  // The same table written one cell at a time, without a `[Cell]` per row: CSV
  // goes straight to the writer, JSON collects the row and writes it at `endRow()`.

  private var pending: [JSONCell] = []

  public func writeText(_ s: String) throws(OutputError) {
    switch writer {
    case .csv(let w): try w.writeField(s)
    case .json: pending.append(.text(s))
    }
  }

  public func writeEmpty() throws(OutputError) {
    switch writer {
    case .csv(let w): try w.writeField("")
    case .json: pending.append(.null)
    }
  }

  /// An exact decimal with at least `places` fractional digits (in CSV).
  public func writeNumber(_ d: ExactDecimal, places: Int = 0) throws(OutputError) {
    switch writer {
    case .csv(let w): try w.writeField(d, minimumPlaces: places)
    case .json: pending.append(.number(d))
    }
  }

  public func writeDate(_ d: LocalDate) throws(OutputError) {
    switch writer {
    case .csv(let w): try w.writeField(d)
    case .json: pending.append(.date(d))
    }
  }

  public func writeBool(_ b: Bool) throws(OutputError) {
    switch writer {
    case .csv(let w): try w.writeField(b ? "true" : "false")
    case .json: pending.append(.bool(b))
    }
  }

  /// A field of UTF-8 bytes, as text.
  public func writeBytes(_ bytes: UnsafeBufferPointer<UInt8>) throws(OutputError) {
    switch writer {
    case .csv(let w): try w.writeField(bytes: bytes)
    case .json: pending.append(.text(String(decoding: bytes, as: UTF8.self)))
    }
  }

  /// Ends a row written cell by cell.
  public func endRow() throws(OutputError) {
    switch writer {
    case .csv(let w): try w.endRow()
    case .json(let w):
      try w.writeRow(pending)
      pending.removeAll(keepingCapacity: true)
    }
  }

  public func finish() throws(OutputError) {
    switch writer {
    case .csv(let w):
      try w.finish()
    case .json(let w): try w.finish()
    }
  }
}
