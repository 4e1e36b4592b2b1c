import TallerCore

/// One cell of a table written as JSON.
public enum JSONCell: Sendable, Equatable {
  case null
  case text(String)
  /// Written as a JSON number without exponent (`12.5`, `-0.0001`).
  case number(ExactDecimal)
  case bool(Bool)
  /// Written as an ISO string (`"2026-10-31"`).
  case date(LocalDate)
}

/// Writes a table as JSON, one object per row, keys in column order.
///
/// An array, one object per line so two outputs diff line by line:
///
///     [
///       {"code":"A-1","qty":3.5,"ok":true},
///       {"code":"B-2","qty":null,"ok":false}
///     ]
///
/// or NDJSON (`ndjson: true`), each object followed by `\n`. An empty table is
/// `[]` (or nothing in NDJSON). Text is written in NFC, escaped minimally. Output is
/// buffered: call `finish()` at the end, or the closing `]` and the last bytes are
/// never written.
public final class JSONTableWriter {
  private let sink: ByteSink
  private let ndjson: Bool
  /// `{"key":` for the first column, `,"key":` for the others.
  private let keyPrefixes: [[UInt8]]
  private var buffer: [UInt8] = []
  private var rowCount = 0
  private var finished = false
  private static let flushSize = 1 << 16

  public init(sink: ByteSink, columns: [String], ndjson: Bool) {
    self.sink = sink
    self.ndjson = ndjson
    keyPrefixes = columns.enumerated().map { i, name in
      var p: [UInt8] = [i == 0 ? UInt8(ascii: "{") : UInt8(ascii: ",")]
      JSONText.appendString(JSONText.nfc(name), to: &p)
      p.append(UInt8(ascii: ":"))
      return p
    }
    buffer.reserveCapacity(Self.flushSize + 4096)
  }

  /// Writes one row; `values` has one cell per column, in column order.
  public func writeRow(_ values: [JSONCell]) throws(OutputError) {
    precondition(!finished, "JSONTableWriter.writeRow after finish()")
    precondition(values.count == keyPrefixes.count, "expected \(keyPrefixes.count) cells, got \(values.count)")
    if !ndjson {
      buffer.append(contentsOf: rowCount == 0 ? "[\n  ".utf8 : ",\n  ".utf8)
    }
    if values.isEmpty { buffer.append(UInt8(ascii: "{")) }
    for (prefix, cell) in zip(keyPrefixes, values) {
      buffer.append(contentsOf: prefix)
      switch cell {
      case .null: buffer.append(contentsOf: "null".utf8)
      case .text(let s): JSONText.appendString(JSONText.nfc(s), to: &buffer)
      case .number(let d): d.append(to: &buffer)
      case .bool(let b): buffer.append(contentsOf: (b ? "true" : "false").utf8)
      case .date(let d): JSONText.appendString(d.description, to: &buffer)
      }
    }
    buffer.append(UInt8(ascii: "}"))
    if ndjson { buffer.append(0x0A) }
    rowCount += 1
    if buffer.count >= Self.flushSize { try flush() }
  }

  /// Closes the array (when not NDJSON) and writes out everything buffered.
  public func finish() throws(OutputError) {
    precondition(!finished, "JSONTableWriter.finish() called twice")
    finished = true
    if !ndjson {
      buffer.append(contentsOf: rowCount == 0 ? "[]\n".utf8 : "\n]\n".utf8)
    }
    try flush()
  }

  private func flush() throws(OutputError) {
    guard !buffer.isEmpty else { return }
    try sink.write(buffer)
    buffer.removeAll(keepingCapacity: true)
  }
}
