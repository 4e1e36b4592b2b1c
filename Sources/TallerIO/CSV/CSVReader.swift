import CCSV

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a CSV input one record at a time, over libcsv in strict mode.
///
/// The input is read in 256 KiB chunks and handed to libcsv one physical line at a
/// time, so every record knows the line it starts on (libcsv counts no lines). Field
/// bytes are copied from libcsv's buffer into one row buffer, and that into the
/// caller's `Record` once per row: no String per field. What it accepts and rejects
/// is `BAD-INPUTS.md` #1–16:
/// - a UTF-8 BOM is dropped; a UTF-16 BOM is an error;
/// - bytes that are not UTF-8 switch the rest of the input to Windows-1252 with one
///   warning (`encoding: .auto`), or are an error (`.utf8`);
/// - LF, CR LF, lone CR and no final line break are all accepted; blank lines are
///   skipped but counted;
/// - RFC 4180 quoting; a quote left open, a stray quote and text after a closing quote
///   are errors; so are rows of the wrong width, NUL bytes and fields over
///   `maxFieldBytes`;
/// - spaces around unquoted fields are kept; non-ASCII text is normalized to NFC.
///
/// The delimiter (`,` `;` TAB `|`) and the header row are sniffed from the first
/// 20 non-blank rows of the first chunk (see `init(fd:name:options:headerScore:warn:)`).
public final class CSVReader: RecordReader {
  public let name: String
  public private(set) var header: [String] = []
  public private(set) var headerLine = 0
  public let delimiter: UInt8

  /// Delimiters tried when none is given, in order of preference on ties.
  public static let candidateDelimiters: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]  // , ; TAB |
  /// Size of each read(2).
  static let chunkSize = 256 * 1024
  /// Rows looked at when sniffing the delimiter and the header.
  static let sniffRows = 20

  private let input: InputHandle
  private let parser: LibcsvParser
  private let collector: FieldCollector
  /// Where reading is.
  private var cursor: Cursor
  private var failure: InputError?

  private struct Cursor {
    var window: ByteWindow
    /// The line the next segment is on.
    var line = 1
    /// The next segment starts a physical line.
    var atLineStart = true
    var finished = false
  }

  /// Opens `path` and reads its header.
  ///
  /// - Parameters:
  ///   - name: the input's name in messages (the path as the user gave it).
  ///   - headerScore: how well a row would serve as the header (typically the number
  ///     of expected columns it names); nil takes the first row.
  ///   - warn: receives warnings (an input read as Windows-1252).
  /// - Throws: `InputError` `.cannotOpen` when the file cannot be opened, `.io` when
  ///   reading fails, `.malformed` for the bad inputs above.
  public convenience init(
    path: String, name: String, options: ReadOptions = ReadOptions(),
    headerScore: (([String]) -> Int)? = nil,
    warn: @escaping (Warning) -> Void = { _ in }
  ) throws(InputError) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw InputError(.cannotOpen, at: SourceLocation(file: name), String(cString: strerror(errno)))
    }
    var info = stat()
    if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
      _ = close(fd)
      throw InputError(.cannotOpen, at: SourceLocation(file: name), "is a directory")
    }
    try self.init(
      input: InputHandle(fd: fd, closeWhenDone: true, capacity: Self.chunkSize), name: name,
      options: options, headerScore: headerScore, warn: warn)
  }

  /// Reads from an open file descriptor (standard input), which stays open.
  ///
  /// The delimiter, unless `options.delimiter` forces one, is the one of `,` `;` TAB
  /// `|` that makes the best header: with `headerScore`, the row among the first 20
  /// non-blank rows and the delimiter that maximise it (title rows above the header
  /// are skipped; ties go to the earlier row, then to the delimiter giving more
  /// fields); without it, or when no row scores above 0, the first row with the
  /// delimiter that splits it into the most fields, preferring delimiters that split
  /// the next rows into as many.
  /// - Parameter prefix: bytes already read from `fd` (by a format sniffer); they
  ///   are read first.
  public convenience init(
    fd: Int32, name: String, prefix: [UInt8] = [], options: ReadOptions = ReadOptions(),
    headerScore: (([String]) -> Int)? = nil,
    warn: @escaping (Warning) -> Void = { _ in }
  ) throws(InputError) {
    try self.init(
      input: InputHandle(fd: fd, closeWhenDone: false, capacity: Self.chunkSize, prefix: prefix), name: name,
      options: options, headerScore: headerScore, warn: warn)
  }

  init(
    input: InputHandle, name: String, options: ReadOptions, headerScore: (([String]) -> Int)?,
    warn: @escaping (Warning) -> Void
  ) throws(InputError) {
    self.input = input
    self.name = name
    var window = ByteWindow(input)
    try window.fill(name: name)
    let b = window.buffer
    if window.end == 0 { throw InputError(at: SourceLocation(file: name), "empty input") }
    if window.end >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)) {
      throw InputError(at: SourceLocation(file: name, line: 1), "file is UTF-16; save as CSV UTF-8")
    }
    if window.end >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { window.start = 3 }

    let sniffed = Sniffer.sniff(
      UnsafeBufferPointer(start: b + window.start, count: window.end - window.start),
      complete: window.eof, options: options, headerScore: headerScore)
    delimiter = sniffed.delimiter
    parser = try LibcsvParser.started(delimiter: delimiter, name: name)
    collector = FieldCollector(name: name, options: options, warn: warn)
    cursor = Cursor(window: window)

    // Title rows above the header are read and dropped.
    let row = Record()
    var found = false
    while try readRow() {
      collector.sink.pointee.copy(to: row)
      if row.line >= sniffed.headerLine { found = true; break }
    }
    guard found else { throw InputError(at: SourceLocation(file: name), "empty input") }
    header = row.strings.map(FieldText.trimmedHeader)
    headerLine = row.line
    collector.sink.pointee.expected = header.count
  }

  /// Reads the rest of a file from where `fd` stands, the start of a line: the
  /// second part of a file read in two parts (`SecondPart.split`); it closes `fd`.
  /// The header, its width and the delimiter are the first part's; lines are
  /// counted from 1 where it starts.
  init(
    fd: Int32, name: String, after first: CSVReader, options: ReadOptions, warn: @escaping (Warning) -> Void
  ) throws(InputError) {
    input = InputHandle(fd: fd, closeWhenDone: true, capacity: Self.chunkSize)
    self.name = name
    delimiter = first.delimiter
    parser = try LibcsvParser.started(delimiter: delimiter, name: name)
    collector = FieldCollector(name: name, options: options, warn: warn)
    cursor = Cursor(window: ByteWindow(input))
    header = first.header
    collector.sink.pointee.expected = header.count
  }

  // MARK: Reading a file in two parts

  /// Where the first part of a split file ends: its reader stopped there at the
  /// end of a record (`stoppedAtSplit`), and a second reader has read on from
  /// there (`splitLines` lines before it).
  private(set) var stoppedAtSplit = false

  /// Stops reading at byte `offset` (the start of a line): `next` gives false there
  /// when a record ends exactly there, and reads on past it, as if never told,
  /// when a quoted field goes on over it. False (and nothing changes) when the
  /// reader has already read past `offset`.
  func stop(at offset: Int) -> Bool {
    guard cursor.window.consumed <= offset else { return false }
    cursor.window.limit = offset
    return true
  }

  /// Reads on past the split (its second part could not be used).
  func resumePastSplit() {
    cursor.window.limit = Int.max
    stoppedAtSplit = false
  }

  /// Lines before the split: add this to the second part's lines.
  var splitLines: Int { cursor.line - 1 }

  /// Fields are still decoded as the options say (no switch to Windows-1252): what
  /// a second part, which starts decoding afresh, assumes.
  var decodesAsAtStart: Bool { !collector.switchedEncoding }

  public func next(into record: Record) throws(InputError) -> Bool {
    guard try nextRow() else { return false }
    collector.sink.pointee.copy(to: record)
    return true
  }

  /// The next record appended to a batch (ReadAhead), without passing through a
  /// `Record`.
  func next(appendingTo batch: RecordBatch) throws(InputError) -> Bool {
    guard try nextRow() else { return false }
    let s = collector.sink
    batch.append(bytes: s.pointee.bytes.values, ends: s.pointee.ends.values, line: s.pointee.recordLine)
    return true
  }

  /// Reads the next row into the sink and checks its width.
  private func nextRow() throws(InputError) -> Bool {
    if let failure { throw failure }
    do throws(InputError) {
      guard try readRow() else { return false }
      let found = collector.sink.pointee.fields
      if found != collector.sink.pointee.expected {
        throw InputError(
          at: SourceLocation(
            file: name, line: collector.sink.pointee.recordLine, column: min(found, header.count) + 1),
          "expected \(header.count) field\(header.count == 1 ? "" : "s"), found \(found)")
      }
      return true
    } catch {
      failure = error
      throw error
    }
  }

  /// Parses lines until libcsv completes a row (any width), or the input ends;
  /// the row is left in the sink.
  private func readRow() throws(InputError) -> Bool {
    let s = collector.sink
    s.pointee.beginRow()
    let context = UnsafeMutableRawPointer(s)
    let p = parser.p
    if cursor.finished { return false }
    while true {
      guard let segment = try cursor.window.nextSegment(name: name) else {
        if cursor.window.limit != Int.max && !cursor.window.eof {
          if cursor.window.drainedToLimit && p.pointee.pstate == LibcsvState.rowNotBegun && s.pointee.fields == 0 {
            stoppedAtSplit = true
            return false
          }
          // A record goes on over the split: read on as one part.
          cursor.window.limit = Int.max
          continue
        }
        cursor.finished = true
        if csv_fini(p, collectField, collectRowEnd, context) != 0 {
          throw collector.failure(column: s.pointee.fields + 1, "quoted field never closed (a closing quote is missing)")
        }
        if let e = collector.error { throw e }
        return s.pointee.rowDone
      }
      if cursor.atLineStart && p.pointee.pstate == LibcsvState.rowNotBegun {
        s.pointee.recordLine = cursor.line
      }
      let bytes = FieldText.line(segment.base, segment.count)
      parser.prepare(for: bytes, line: segment.base, count: segment.count)
      // A row ends with a line, so its fields hold only bytes of the lines read
      // since `beginRow`.
      s.pointee.plain = s.pointee.plain && bytes.plain
      let used = csv_parse(p, segment.base, segment.count, collectField, collectRowEnd, context)
      if s.pointee.failed, let e = collector.error { throw e }
      // A field already over the limit is reported as such, also when libcsv stopped
      // at a stray quote after it: which comes first must not depend on where the
      // reads split the line.
      if p.pointee.entry_pos - 1 > s.pointee.maxField {  // − 1: a closing quote not yet dropped
        throw collector.tooLong(column: s.pointee.fields + 1)
      }
      if used != segment.count { throw parseFailure() }
      cursor.atLineStart = segment.endsLine
      if segment.endsLine { cursor.line += 1 }
      if s.pointee.rowDone { return true }
    }
  }

  private func parseFailure() -> InputError {
    let c = collector
    let column = c.sink.pointee.fields + 1
    if parser.error == CSV_EPARSE {
      if parser.state == LibcsvState.fieldMightHaveEnded {
        return c.failure(
          column: column,
          "text after the closing quote of a quoted field (a quote inside a field is written twice: \"a\"\"b\")")
      }
      return c.failure(
        column: column,
        "quote inside an unquoted field (quote the whole field and write the quote twice: \"a\"\"b\")")
    }
    return InputError(
      .io, at: SourceLocation(file: name, line: c.sink.pointee.recordLine),
      String(cString: csv_strerror(parser.error)))
  }
}

// MARK: - libcsv callbacks

/// The row being read, as libcsv's field callback fills it.
///
/// Plain integers and pointers reached through a pointer, so the callback, called
/// for every field, does no reference counting and no exclusivity checks. ASCII
/// fields are copied here directly; anything else goes to `FieldCollector`.
struct FieldSink {
  /// The row's field bytes, back to back, and the end of each field in them
  /// (fields stored: at most `expected`).
  var bytes = PlainBuffer<UInt8>(capacity: 4096)
  var ends = PlainBuffer<Int>(capacity: 64)
  /// Fields seen in the row, also those past `expected`, which are counted only.
  var fields = 0
  /// Fields a row must have (the header's width); unlimited until the header is read.
  var expected = Int.max
  let maxField: Int
  var rowDone = false
  /// Line where the row being read starts.
  var recordLine = 0
  /// The collector has an error for this row.
  var failed = false
  /// Every byte of the row so far is ASCII and not NUL: its fields are copied
  /// without looking at them.
  var plain = true
  /// The `FieldCollector` (unretained) for fields that need decoding.
  var owner: UnsafeMutableRawPointer? = nil

  init(maxField: Int) {
    self.maxField = maxField
  }

  func free() {
    bytes.free()
    ends.free()
  }

  mutating func beginRow() {
    bytes.count = 0
    ends.count = 0
    fields = 0
    rowDone = false
    plain = true
  }

  @inline(__always)
  mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
    bytes.append(p, n)
  }

  mutating func append(_ array: [UInt8]) {
    array.withUnsafeBufferPointer { bytes.append($0) }
  }

  @inline(__always)
  mutating func endField() {
    ends.append(bytes.count)
  }

  func copy(to record: Record) {
    record.removeAll()
    record.bytes.append(contentsOf: bytes.values)
    record.ends.append(contentsOf: ends.values)
    record.line = recordLine
  }
}

/// Fields that are not plain ASCII (decoding, NFC) and the errors found in fields.
final class FieldCollector {
  let sink: UnsafeMutablePointer<FieldSink>
  var error: InputError?
  private let name: String
  private let warn: (Warning) -> Void
  private var encoding: ReadOptions.Encoding
  /// `.auto` found bytes that are not UTF-8 and reads on as Windows-1252.
  private(set) var switchedEncoding = false
  private var scratch: [UInt8] = []

  init(name: String, options: ReadOptions, warn: @escaping (Warning) -> Void) {
    self.name = name
    self.warn = warn
    encoding = options.encoding
    sink = .allocate(capacity: 1)
    sink.initialize(to: FieldSink(maxField: options.maxFieldBytes))
    sink.pointee.owner = Unmanaged.passUnretained(self).toOpaque()
  }

  deinit {
    sink.pointee.free()
    sink.deinitialize(count: 1)
    sink.deallocate()
  }

  func failure(column: Int, _ message: String) -> InputError {
    InputError(at: SourceLocation(file: name, line: sink.pointee.recordLine, column: column), message)
  }

  func tooLong(column: Int) -> InputError {
    failure(column: column, "field longer than \(sink.pointee.maxField) bytes, the limit (--max-field raises it)")
  }

  private func fail(_ e: InputError) {
    error = e
    sink.pointee.failed = true
  }

  /// A field the fast path did not take: too long, with a NUL, or not ASCII.
  func field(_ p: UnsafePointer<UInt8>, _ n: Int) {
    let column = sink.pointee.fields
    if n > sink.pointee.maxField { return fail(tooLong(column: column)) }
    let (high, nul) = FieldText.scan(p, n)
    if nul { return fail(failure(column: column, "NUL byte in a field (is this a binary file?)")) }
    if !high {
      sink.pointee.append(p, n)
      sink.pointee.endField()
      return
    }
    switch encoding {
    case .windows1252, .latin1:
      scratch.removeAll(keepingCapacity: true)
      FieldText.appendLegacy(p, n, latin1: encoding == .latin1, to: &scratch)
      sink.pointee.append(scratch)
    case .utf8, .auto:
      let (valid, mayNeedNFC) = FieldText.validateUTF8(p, n)
      if valid && !mayNeedNFC {
        sink.pointee.append(p, n)
      } else if valid {
        scratch.removeAll(keepingCapacity: true)
        FieldText.appendNFC(p, n, to: &scratch)
        sink.pointee.append(scratch)
      } else if encoding == .utf8 {
        return fail(
          failure(
            column: column,
            "not valid UTF-8 (if the file was saved as Windows-1252/ANSI, use --encoding windows-1252)"))
      } else {
        encoding = .windows1252
        switchedEncoding = true
        warn(
          Warning(
            at: SourceLocation(file: name, line: sink.pointee.recordLine),
            "not valid UTF-8; read as Windows-1252 from this line on (--encoding chooses)"))
        scratch.removeAll(keepingCapacity: true)
        FieldText.appendLegacy(p, n, latin1: false, to: &scratch)
        sink.pointee.append(scratch)
      }
    }
    sink.pointee.endField()
  }
}

private func collectField(_ field: UnsafeMutableRawPointer?, _ n: Int, _ data: UnsafeMutableRawPointer?) {
  guard let data else { return }
  let s = data.assumingMemoryBound(to: FieldSink.self)
  s.pointee.fields += 1
  if s.pointee.failed { return }
  // Fields past the header's width are only counted, unless over the limit: the
  // check on a field still being read (readRow) cannot tell whether it will be one.
  if s.pointee.fields > s.pointee.expected && n <= s.pointee.maxField { return }
  guard n > 0, let field else {
    s.pointee.endField()
    return
  }
  let p = UnsafePointer(field.assumingMemoryBound(to: UInt8.self))
  if n <= s.pointee.maxField {
    if s.pointee.plain {
      s.pointee.append(p, n)
      s.pointee.endField()
      return
    }
    let (high, nul) = FieldText.scan(p, n)
    if !high && !nul {
      s.pointee.append(p, n)
      s.pointee.endField()
      return
    }
  }
  guard let owner = s.pointee.owner else { return }
  Unmanaged<FieldCollector>.fromOpaque(owner).takeUnretainedValue().field(p, n)
}

private func collectRowEnd(_ terminator: Int32, _ data: UnsafeMutableRawPointer?) {
  guard let data else { return }
  data.assumingMemoryBound(to: FieldSink.self).pointee.rowDone = true
}
