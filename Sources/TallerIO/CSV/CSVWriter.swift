import TallerCore

/// Writes CSV to a `ByteSink` through its own 64 KiB buffer.
///
/// SPEC §2: UTF-8 without BOM, `,` between fields, `\n` after each row, a field quoted
/// only when it holds the delimiter, a quote, CR or LF (its quotes then doubled);
/// decimals with `.` and dates ISO. `excel: true` is `--excel-csv`: a UTF-8 BOM, `;`
/// between fields and the decimal comma, which is what Excel in Mexico and Chile
/// opens on a double click.
///
/// A row of one empty field is written `""`: an empty line would read back as a
/// blank line, that is, as no row at all.
public final class CSVWriter {
  public let delimiter: UInt8
  public let decimalSeparator: UInt8
  private let sink: ByteSink
  static let flushSize = 64 * 1024
  private var buffer: [UInt8] = []
  private var fieldsInRow = 0
  /// The row so far is one empty field.
  private var onlyFieldEmpty = false

  public init(sink: ByteSink, excel: Bool = false) {
    self.sink = sink
    delimiter = excel ? UInt8(ascii: ";") : UInt8(ascii: ",")
    decimalSeparator = excel ? UInt8(ascii: ",") : UInt8(ascii: ".")
    buffer.reserveCapacity(Self.flushSize + 4096)
    if excel { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
  }

  /// Writes the fields and ends the row.
  public func writeRow(_ fields: [String]) throws(OutputError) {
    for field in fields { try writeField(field) }
    try endRow()
  }

  /// Writes one field of UTF-8 bytes, quoted when it must be.
  public func writeField(bytes: UnsafeBufferPointer<UInt8>) throws(OutputError) {
    startField()
    if fieldsInRow == 1 && bytes.isEmpty { onlyFieldEmpty = true }
    let d = delimiter
    var needsQuotes = false
    for b in bytes where b == d || b == 0x22 || b == 0x0A || b == 0x0D {
      needsQuotes = true
      break
    }
    if needsQuotes {
      buffer.append(0x22)
      for b in bytes {
        if b == 0x22 { buffer.append(0x22) }
        buffer.append(b)
      }
      buffer.append(0x22)
    } else {
      buffer.append(contentsOf: bytes)
    }
    if buffer.count >= Self.flushSize { try flush() }
  }

  public func writeField(_ s: String) throws(OutputError) {
    var s = s
    let result = s.withUTF8 { p in Result { () throws(OutputError) in try writeField(bytes: p) } }
    try result.get()
  }

  /// A decimal in its shortest exact form, with at least `minimumPlaces` decimals.
  public func writeField(_ d: ExactDecimal, minimumPlaces: Int = 0) throws(OutputError) {
    startField()
    d.append(to: &buffer, minimumPlaces: minimumPlaces, decimalSeparator: decimalSeparator)
  }

  /// A date as `YYYY-MM-DD`.
  public func writeField(_ date: LocalDate) throws(OutputError) {
    startField()
    let (y, m, d) = date.components
    if (1000...9999).contains(y) {
      func digits(_ v: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
          buffer.append(UInt8(ascii: "0") + UInt8(v / divisor % 10))
          divisor /= 10
        }
      }
      digits(y, 4)
      buffer.append(UInt8(ascii: "-"))
      digits(m, 2)
      buffer.append(UInt8(ascii: "-"))
      digits(d, 2)
    } else {
      buffer.append(contentsOf: date.description.utf8)
    }
  }

  /// Ends the row with `\n`.
  public func endRow() throws(OutputError) {
    if fieldsInRow == 1 && onlyFieldEmpty { buffer.append(contentsOf: [0x22, 0x22]) }
    buffer.append(0x0A)
    fieldsInRow = 0
    if buffer.count >= Self.flushSize { try flush() }
  }

  /// Writes what is buffered. Call once at the end; the sink then holds every byte.
  public func finish() throws(OutputError) {
    try flush()
  }

  @inline(__always)
  private func startField() {
    if fieldsInRow > 0 { buffer.append(delimiter) }
    fieldsInRow += 1
    onlyFieldEmpty = false
  }

  private func flush() throws(OutputError) {
    guard !buffer.isEmpty else { return }
    let sink = self.sink
    let result = buffer.withUnsafeBytes { raw in
      Result { () throws(OutputError) in try sink.write(raw) }
    }
    try result.get()
    buffer.removeAll(keepingCapacity: true)
  }
}

extension CSVWriter {
  /// Copies field `i` of a record as it is (the pass-through path).
  public func writeField(_ record: Record, _ i: Int) throws(OutputError) {
    let result = record.withField(i) { bytes in
      Result { () throws(OutputError) in try writeField(bytes: bytes) }
    }
    try result.get()
  }
}
