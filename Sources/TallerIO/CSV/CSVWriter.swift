import TallerCore

/// The one CSV writer: typed cells into one byte buffer, handed to a `ByteSink` in
/// 64 KiB blocks (a million validated rows go through it).
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
  /// The bytes of the rows not yet handed to the sink.
  private var buffer: PlainBuffer<UInt8>
  private var fieldsInRow = 0
  /// The row so far is one empty field.
  private var onlyFieldEmpty = false
  static let flushSize = 1 << 16

  public init(sink: ByteSink, excel: Bool = false) {
    self.sink = sink
    delimiter = excel ? UInt8(ascii: ";") : UInt8(ascii: ",")
    decimalSeparator = excel ? UInt8(ascii: ",") : UInt8(ascii: ".")
    buffer = PlainBuffer(capacity: 2 * Self.flushSize)
    if excel {
      buffer.append(0xEF)
      buffer.append(0xBB)
      buffer.append(0xBF)
    }
  }

  deinit { buffer.free() }

  // MARK: Cells

  /// Writes the fields and ends the row.
  public func writeRow(_ fields: [String]) throws(OutputError) {
    for field in fields { writeText(field) }
    try endRow()
  }

  /// A field of UTF-8 bytes, quoted when it must be.
  public func writeBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
    startField()
    if fieldsInRow == 1 && bytes.isEmpty { onlyFieldEmpty = true }
    let d = delimiter
    var quotes = 0
    var quote = false
    for c in bytes where c == d || c == 0x22 || c == 0x0A || c == 0x0D {
      quote = true
      if c == 0x22 { quotes += 1 }
    }
    if quote {
      buffer.reserve(bytes.count + quotes + 2)
      var p = buffer.base + buffer.count
      let start = p
      p.initialize(to: 0x22)
      p += 1
      for c in bytes {
        if c == 0x22 {
          p.initialize(to: 0x22)
          p += 1
        }
        p.initialize(to: c)
        p += 1
      }
      p.initialize(to: 0x22)
      p += 1
      buffer.count += p - start
    } else {
      buffer.append(bytes)
    }
  }

  public func writeText(_ s: String) {
    var s = s
    s.withUTF8 { writeBytes($0) }
  }

  /// An empty field.
  public func writeEmpty() {
    startField()
    if fieldsInRow == 1 { onlyFieldEmpty = true }
  }

  /// A decimal in its shortest exact form, with at least `minimumPlaces` (≤ 10) decimals.
  public func writeNumber(_ d: ExactDecimal, minimumPlaces: Int = 0) {
    startField()
    buffer.reserve(ExactDecimal.maxTextBytes)
    buffer.count += d.write(
      to: buffer.base + buffer.count, minimumPlaces: minimumPlaces, decimalSeparator: decimalSeparator)
  }

  public func writeInt(_ i: Int) { writeNumber(ExactDecimal(i)) }

  /// A date as `YYYY-MM-DD`.
  public func writeDate(_ date: LocalDate) {
    startField()
    let (y, m, d) = date.components
    guard (1000...9999).contains(y) else {
      var text = date.description
      text.withUTF8 { buffer.append($0) }
      return
    }
    let zero = UInt8(ascii: "0")
    let dash = UInt8(ascii: "-")
    buffer.reserve(10)
    let out = buffer.base + buffer.count
    out[0] = zero + UInt8(y / 1000)
    out[1] = zero + UInt8(y / 100 % 10)
    out[2] = zero + UInt8(y / 10 % 10)
    out[3] = zero + UInt8(y % 10)
    out[4] = dash
    out[5] = zero + UInt8(m / 10)
    out[6] = zero + UInt8(m % 10)
    out[7] = dash
    out[8] = zero + UInt8(d / 10)
    out[9] = zero + UInt8(d % 10)
    buffer.count += 10
  }

  /// `true` or `false`.
  public func writeBool(_ b: Bool) {
    startField()
    buffer.reserve(5)
    let out = buffer.base + buffer.count
    if b {
      out[0] = 0x74; out[1] = 0x72; out[2] = 0x75; out[3] = 0x65  // true
      buffer.count += 4
    } else {
      out[0] = 0x66; out[1] = 0x61; out[2] = 0x6C; out[3] = 0x73; out[4] = 0x65  // false
      buffer.count += 5
    }
  }

  /// Ends the row with `\n`.
  public func endRow() throws(OutputError) {
    if fieldsInRow == 1 && onlyFieldEmpty {
      buffer.append(0x22)
      buffer.append(0x22)
    }
    buffer.append(0x0A)
    fieldsInRow = 0
    if buffer.count >= Self.flushSize { try flush() }
  }

  /// Writes what is buffered. Call once at the end; the sink then holds every byte.
  public func finish() throws(OutputError) { try flush() }

  @inline(__always)
  private func startField() {
    if fieldsInRow > 0 { buffer.append(delimiter) }
    fieldsInRow += 1
    onlyFieldEmpty = false
  }

  private func flush() throws(OutputError) {
    guard buffer.count > 0 else { return }
    let chunk = UnsafeRawBufferPointer(start: buffer.base, count: buffer.count)
    buffer.count = 0
    try sink.write(chunk)
  }
}

extension CSVWriter {
  /// Copies field `i` of a record as it is (the pass-through path).
  public func writeField(_ record: Record, _ i: Int) {
    record.withField(i) { writeBytes($0) }
  }
}
