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
/// bytes go straight from libcsv's buffer into the caller's `Record`: no String per
/// field. What it accepts and rejects is `BAD-INPUTS.md` #1–16:
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

  private let source: ByteSource
  private let parser: LibcsvParser
  private let collector: FieldCollector
  private var lineNumber = 1
  private var atLineStart = true
  private var finished = false
  private var failure: InputError?

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
      source: ByteSource(fd: fd, closeWhenDone: true, name: name, capacity: Self.chunkSize),
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
  public convenience init(
    fd: Int32, name: String, options: ReadOptions = ReadOptions(),
    headerScore: (([String]) -> Int)? = nil,
    warn: @escaping (Warning) -> Void = { _ in }
  ) throws(InputError) {
    try self.init(
      source: ByteSource(fd: fd, closeWhenDone: false, name: name, capacity: Self.chunkSize),
      options: options, headerScore: headerScore, warn: warn)
  }

  init(
    source: ByteSource, options: ReadOptions, headerScore: (([String]) -> Int)?,
    warn: @escaping (Warning) -> Void
  ) throws(InputError) {
    self.source = source
    name = source.name
    try source.fill()
    let b = source.buffer
    if source.end == 0 { throw InputError(at: SourceLocation(file: name), "empty input") }
    if source.end >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)) {
      throw InputError(at: SourceLocation(file: name, line: 1), "file is UTF-16; save as CSV UTF-8")
    }
    if source.end >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { source.start = 3 }

    let sniffed = Sniffer.sniff(
      UnsafeBufferPointer(start: b + source.start, count: source.end - source.start),
      complete: source.eof, options: options, headerScore: headerScore)
    delimiter = sniffed.delimiter
    guard let parser = LibcsvParser(delimiter: delimiter) else {
      throw InputError(.io, at: SourceLocation(file: name), "cannot start the CSV parser (out of memory)")
    }
    self.parser = parser
    collector = FieldCollector(name: name, options: options, warn: warn)

    // Title rows above the header are read and dropped.
    let row = Record()
    var found = false
    while try readRow(into: row) {
      if row.line >= sniffed.headerLine { found = true; break }
    }
    guard found else { throw InputError(at: SourceLocation(file: name), "empty input") }
    header = row.strings.map(FieldText.trimmedHeader)
    headerLine = row.line
    collector.expected = header.count
  }

  public func next(into record: Record) throws(InputError) -> Bool {
    if let failure { throw failure }
    do throws(InputError) {
      guard try readRow(into: record) else { return false }
      if collector.fields != header.count {
        let found = collector.fields
        throw InputError(
          at: SourceLocation(file: name, line: record.line, column: min(found, header.count) + 1),
          "expected \(header.count) field\(header.count == 1 ? "" : "s"), found \(found)")
      }
      return true
    } catch {
      failure = error
      throw error
    }
  }

  /// Parses lines until libcsv completes a row (any width), or the input ends.
  private func readRow(into record: Record) throws(InputError) -> Bool {
    record.removeAll()
    let c = collector
    c.begin(record)
    let context = Unmanaged.passUnretained(c).toOpaque()
    while !finished {
      guard let segment = try source.nextSegment() else {
        finished = true
        if csv_fini(parser.p, collectField, collectRowEnd, context) != 0 {
          throw c.failure(column: c.fields + 1, "quoted field never closed (a closing quote is missing)")
        }
        if let e = c.error { throw e }
        if c.rowDone { record.line = c.recordLine }
        return c.rowDone
      }
      if atLineStart && parser.state == LibcsvState.rowNotBegun { c.recordLine = lineNumber }
      let used = csv_parse(parser.p, segment.base, segment.count, collectField, collectRowEnd, context)
      if let e = c.error { throw e }
      if used != segment.count { throw parseFailure() }
      if parser.pendingFieldBytes > c.maxField + 1 {  // +1: a closing quote not yet dropped
        throw c.tooLong(column: c.fields + 1)
      }
      if segment.endsLine {
        lineNumber += 1
        atLineStart = true
      } else {
        atLineStart = false
      }
      if c.rowDone {
        record.line = c.recordLine
        return true
      }
    }
    return false
  }

  private func parseFailure() -> InputError {
    let c = collector
    if parser.error == CSV_EPARSE {
      if parser.state == LibcsvState.fieldMightHaveEnded {
        return c.failure(
          column: c.fields + 1,
          "text after the closing quote of a quoted field (a quote inside a field is written twice: \"a\"\"b\")")
      }
      return c.failure(
        column: c.fields + 1,
        "quote inside an unquoted field (quote the whole field and write the quote twice: \"a\"\"b\")")
    }
    return InputError(
      .io, at: SourceLocation(file: name, line: c.recordLine),
      String(cString: csv_strerror(parser.error)))
  }
}

// MARK: - libcsv callbacks

/// Receives libcsv's fields and fills a `Record`.
final class FieldCollector {
  private var record = Record()
  /// Fields seen in the current row (also those past `expected`, which are counted only).
  var fields = 0
  /// Fields a row must have (the header's width); unlimited until the header is read.
  var expected = Int.max
  var rowDone = false
  var recordLine = 0
  var error: InputError?
  let maxField: Int
  private let name: String
  private let warn: (Warning) -> Void
  private var encoding: ReadOptions.Encoding

  init(name: String, options: ReadOptions, warn: @escaping (Warning) -> Void) {
    self.name = name
    self.warn = warn
    maxField = options.maxFieldBytes
    encoding = options.encoding
  }

  func begin(_ record: Record) {
    self.record = record
    fields = 0
    rowDone = false
  }

  func failure(column: Int, _ message: String) -> InputError {
    InputError(at: SourceLocation(file: name, line: recordLine, column: column), message)
  }

  func tooLong(column: Int) -> InputError {
    failure(column: column, "field longer than \(maxField) bytes, the limit (--max-field raises it)")
  }

  @inline(__always)
  func field(_ raw: UnsafeMutableRawPointer?, _ n: Int) {
    guard error == nil else { return }
    fields += 1
    guard fields <= expected else { return }
    guard n > 0, let raw else {
      record.ends.append(record.bytes.count)
      return
    }
    if n > maxField {
      error = tooLong(column: fields)
      return
    }
    let p = UnsafePointer(raw.assumingMemoryBound(to: UInt8.self))
    let (high, nul) = FieldText.scan(p, n)
    if nul {
      error = failure(column: fields, "NUL byte in a field (is this a binary file?)")
      return
    }
    if high {
      decode(p, n)
    } else {
      record.bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
    }
    record.ends.append(record.bytes.count)
  }

  private func decode(_ p: UnsafePointer<UInt8>, _ n: Int) {
    switch encoding {
    case .windows1252: FieldText.appendLegacy(p, n, latin1: false, to: &record.bytes)
    case .latin1: FieldText.appendLegacy(p, n, latin1: true, to: &record.bytes)
    case .utf8, .auto:
      let (valid, mayNeedNFC) = FieldText.validateUTF8(p, n)
      if valid {
        if mayNeedNFC {
          FieldText.appendNFC(p, n, to: &record.bytes)
        } else {
          record.bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        }
      } else if encoding == .utf8 {
        error = failure(
          column: fields, "not valid UTF-8 (if the file was saved as Windows-1252/ANSI, use --encoding windows-1252)")
      } else {
        encoding = .windows1252
        warn(
          Warning(
            at: SourceLocation(file: name, line: recordLine),
            "not valid UTF-8; read as Windows-1252 from this line on (--encoding chooses)"))
        FieldText.appendLegacy(p, n, latin1: false, to: &record.bytes)
      }
    }
  }
}

private func collectField(_ field: UnsafeMutableRawPointer?, _ count: Int, _ data: UnsafeMutableRawPointer?) {
  guard let data else { return }
  Unmanaged<FieldCollector>.fromOpaque(data).takeUnretainedValue().field(field, count)
}

private func collectRowEnd(_ terminator: Int32, _ data: UnsafeMutableRawPointer?) {
  guard let data else { return }
  Unmanaged<FieldCollector>.fromOpaque(data).takeUnretainedValue().rowDone = true
}
