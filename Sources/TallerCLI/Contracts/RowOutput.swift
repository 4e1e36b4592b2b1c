import TallerCore
import TallerIO

/// A table written one cell at a time: CSV straight into a byte buffer (the path
/// of a million validated rows), or JSON/NDJSON through `TableOutput`.
///
/// The CSV is what `CSVWriter` writes (SPEC §2): `,` (or `;` with `--excel-csv`,
/// which also writes a BOM and the decimal comma), `\n` after each row, a field
/// quoted only when it holds the delimiter, a quote, CR or LF. It is repeated here
/// without the per-field call layers: cells go into one buffer handed to the sink
/// in 64 KiB blocks. Every table written this way has several columns, so the one
/// case `CSVWriter` special-cases (a row of one empty field) cannot occur.
public final class RowOutput {
  private let sink: ByteSink
  private let json: TableOutput?
  private let delimiter: UInt8
  private let decimalSeparator: UInt8
  /// The bytes of the rows not yet written: raw memory that grows as needed and is
  /// handed to the sink after a row once it holds `flushSize`. Behind a pointer: a
  /// class's own stored properties cost a dynamic exclusivity check on each access.
  private let state: UnsafeMutablePointer<State>
  static let flushSize = 1 << 16

  private struct State {
    var bytes: UnsafeMutablePointer<UInt8>
    var count = 0
    var capacity: Int
    var atRowStart = true
  }

  public init(sink: ByteSink, columns: [String], options: OutputOptions) throws(OutputError) {
    self.sink = sink
    let csv = (options.outputFormat ?? .csv) == .csv
    let excel = csv && options.excelCSV
    delimiter = excel ? UInt8(ascii: ";") : UInt8(ascii: ",")
    decimalSeparator = excel ? UInt8(ascii: ",") : UInt8(ascii: ".")
    let capacity = 2 * Self.flushSize
    state = .allocate(capacity: 1)
    state.initialize(to: State(bytes: .allocate(capacity: capacity), capacity: capacity))
    if csv {
      json = nil
      if excel { raw([0xEF, 0xBB, 0xBF]) }
      for c in columns { text(c) }
      try endRow()
    } else {
      json = try TableOutput(sink: sink, columns: columns, options: options)
    }
  }

  deinit {
    state.pointee.bytes.deallocate()
    state.deinitialize(count: 1)
    state.deallocate()
  }

  /// Room for `n` more bytes; returns where they go.
  @inline(__always) private func reserve(_ n: Int) -> UnsafeMutablePointer<UInt8> {
    let st = state
    if st.pointee.count + n > st.pointee.capacity {
      let capacity = max(2 * st.pointee.capacity, st.pointee.count + n)
      let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
      bigger.update(from: st.pointee.bytes, count: st.pointee.count)
      st.pointee.bytes.deallocate()
      st.pointee.bytes = bigger
      st.pointee.capacity = capacity
    }
    return st.pointee.bytes + st.pointee.count
  }

  private func raw(_ b: [UInt8]) {
    b.withUnsafeBufferPointer { p in
      guard let base = p.baseAddress else { return }
      reserve(p.count).update(from: base, count: p.count)
      state.pointee.count += p.count
    }
  }

  @inline(__always) private func startField() {
    let st = state
    if st.pointee.atRowStart {
      st.pointee.atRowStart = false
    } else {
      reserve(1).pointee = delimiter
      st.pointee.count += 1
    }
  }

  public func bytes(_ b: UnsafeBufferPointer<UInt8>) {
    if let json {
      // JSON errors surface at endRow (the writer buffers); none is lost.
      try? json.writeBytes(b)
      return
    }
    startField()
    let d = delimiter
    var quotes = 0
    var quote = false
    for c in b where c == d || c == 0x22 || c == 0x0A || c == 0x0D {
      quote = true
      if c == 0x22 { quotes += 1 }
    }
    if quote {
      var p = reserve(b.count + quotes + 2)
      let start = p
      p.pointee = 0x22
      p += 1
      for c in b {
        if c == 0x22 {
          p.pointee = 0x22
          p += 1
        }
        p.pointee = c
        p += 1
      }
      p.pointee = 0x22
      p += 1
      state.pointee.count += p - start
    } else if let base = b.baseAddress {
      reserve(b.count).update(from: base, count: b.count)
      state.pointee.count += b.count
    }
  }

  public func text(_ s: String) {
    if let json {
      try? json.writeText(s)
      return
    }
    var s = s
    s.withUTF8 { bytes($0) }
  }

  public func empty() {
    if let json {
      try? json.writeEmpty()
      return
    }
    startField()
  }

  /// An exact decimal with at least `places` (≤ 10) fractional digits.
  public func number(_ d: ExactDecimal, places: Int = 0) {
    if let json {
      try? json.writeNumber(d, places: places)
      return
    }
    startField()
    let n = d.write(to: reserve(ExactDecimal.maxTextBytes), minimumPlaces: places, decimalSeparator: decimalSeparator)
    state.pointee.count += n
  }

  /// `YYYY-MM-DD`.
  public func date(_ date: LocalDate) {
    if let json {
      try? json.writeDate(date)
      return
    }
    startField()
    let (y, m, d) = date.components
    guard (1000...9999).contains(y) else {
      raw(Array(date.description.utf8))
      return
    }
    let zero = UInt8(ascii: "0")
    let dash = UInt8(ascii: "-")
    let out = reserve(10)
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
    state.pointee.count += 10
  }

  public func bool(_ b: Bool) {
    if let json {
      try? json.writeBool(b)
      return
    }
    startField()
    // "true" / "false"
    let out = reserve(5)
    if b {
      out[0] = 0x74; out[1] = 0x72; out[2] = 0x75; out[3] = 0x65
      state.pointee.count += 4
    } else {
      out[0] = 0x66; out[1] = 0x61; out[2] = 0x6C; out[3] = 0x73; out[4] = 0x65
      state.pointee.count += 5
    }
  }

  public func endRow() throws(OutputError) {
    if let json {
      try json.endRow()
      return
    }
    reserve(1).pointee = 0x0A
    state.pointee.count += 1
    state.pointee.atRowStart = true
    if state.pointee.count >= Self.flushSize { try flush() }
  }

  /// Writes what is buffered; call once at the end.
  public func finish() throws(OutputError) {
    if let json {
      try json.finish()
      return
    }
    try flush()
  }

  private func flush() throws(OutputError) {
    let st = state
    guard st.pointee.count > 0 else { return }
    let chunk = UnsafeRawBufferPointer(start: st.pointee.bytes, count: st.pointee.count)
    st.pointee.count = 0
    try sink.write(chunk)
  }
}
