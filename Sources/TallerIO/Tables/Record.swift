import TallerCore

/// A place in an input: file name as the user gave it, 1-based line and column
/// (0 when unknown). Columns count fields, not characters: column 5 is the fifth field.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int = 0, column: Int = 0) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:column`, leaving out what is unknown.
  public var description: String {
    var s = file
    if line > 0 { s += ":\(line)" }
    if line > 0 && column > 0 { s += ":\(column)" }
    return s
  }
}

/// An error that stops reading: the input is malformed (exit 65), cannot be opened
/// (exit 66), or reading it failed (exit 74).
public struct InputError: Error, Sendable, CustomStringConvertible {
  public enum Kind: Sendable { case malformed, cannotOpen, io }
  public var kind: Kind
  public var location: SourceLocation
  public var message: String

  public init(_ kind: Kind = .malformed, at location: SourceLocation, _ message: String) {
    self.kind = kind
    self.location = location
    self.message = message
  }

  /// `file:line:column: message`
  public var description: String { "\(location): \(message)" }
}

/// Something worth telling the user that does not stop the run (a file decoded as
/// Windows-1252, a duplicate recipe line). The library never prints: it hands these
/// to whoever opened the input.
public struct Warning: Sendable, CustomStringConvertible {
  public var location: SourceLocation
  public var message: String
  public init(at location: SourceLocation, _ message: String) {
    self.location = location
    self.message = message
  }
  public var description: String { "\(location): warning: \(message)" }
}

/// One record as read, its fields as UTF-8 bytes in one buffer.
///
/// Readers fill a `Record` in place and the caller reuses it for the next one, so
/// reading a million rows allocates a handful of buffers, not a million strings.
/// Field bytes are always valid UTF-8 (readers transcode Windows-1252) in NFC.
public final class Record {
  /// Line where the record starts (a quoted field may span lines).
  public var line: Int = 0
  /// All field bytes, back to back.
  public var bytes: [UInt8] = []
  /// `ends[i]` is the end offset of field `i` in `bytes`.
  public var ends: [Int] = []

  public init() {
    bytes.reserveCapacity(1024)
    ends.reserveCapacity(32)
  }

  /// Number of fields.
  @inlinable public var count: Int { ends.count }

  @inlinable public func start(_ i: Int) -> Int { i == 0 ? 0 : ends[i - 1] }

  /// Field `i` as a String (empty when the record has fewer fields).
  public func string(_ i: Int) -> String {
    guard i < ends.count else { return "" }
    return bytes.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[start(i)..<ends[i]]), as: UTF8.self)
    }
  }

  /// Calls `body` with the bytes of field `i` (empty when the record has fewer fields).
  @inlinable
  public func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    guard i < ends.count else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
    return try bytes.withUnsafeBufferPointer {
      try body(UnsafeBufferPointer(rebasing: $0[start(i)..<ends[i]]))
    }
  }

  /// Calls `body` with a view of every field (one access to the buffers for all
  /// the fields a loop reads from the row, instead of one per field).
  @inlinable
  public func withFields<R>(_ body: (Fields) throws -> R) rethrows -> R {
    try bytes.withUnsafeBufferPointer { b in
      try ends.withUnsafeBufferPointer { e in try body(Fields(bytes: b, ends: e)) }
    }
  }

  /// The fields of a record, valid inside `withFields`.
  public struct Fields {
    public let bytes: UnsafeBufferPointer<UInt8>
    public let ends: UnsafeBufferPointer<Int>

    @inlinable init(bytes: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>) {
      self.bytes = bytes
      self.ends = ends
    }

    /// The bytes of field `i` (empty when the record has fewer fields).
    @inlinable public subscript(_ i: Int) -> UnsafeBufferPointer<UInt8> {
      guard i < ends.count else { return UnsafeBufferPointer(start: nil, count: 0) }
      let start = i == 0 ? 0 : ends[i - 1]
      return UnsafeBufferPointer(rebasing: bytes[start..<ends[i]])
    }
  }

  /// True when field `i` is missing or has only spaces.
  public func isBlank(_ i: Int) -> Bool {
    guard i < ends.count else { return true }
    for k in start(i)..<ends[i] where !ASCIISpaces.isSpace(bytes[k]) { return false }
    return true
  }

  public func removeAll() {
    bytes.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
  }

  public func append(field: UnsafeRawBufferPointer) {
    bytes.append(contentsOf: field)
    ends.append(bytes.count)
  }

  public func append(field: String) {
    bytes.append(contentsOf: field.utf8)
    ends.append(bytes.count)
  }

  /// All fields as strings (tests, error messages, small tables).
  public var strings: [String] { (0..<count).map(string) }
}

/// A table being read one record at a time: CSV, JSON or NDJSON.
public protocol RecordReader: AnyObject {
  /// The name of the input for messages (`-` reads as `<stdin>`).
  var name: String { get }
  /// The header as found in the file (BOM removed), in file order.
  var header: [String] { get }
  /// The line of the header row (1 for most files; later when title rows precede it).
  var headerLine: Int { get }
  /// The field delimiter of a CSV input (`,` for JSON).
  var delimiter: UInt8 { get }
  /// Reads the next record into `record`; false at the end of the input.
  /// Every record has exactly `header.count` fields (a ragged row is an error).
  func next(into record: Record) throws(InputError) -> Bool
}

/// How inputs are read; every command's shared options fill one of these.
public struct ReadOptions: Sendable {
  public enum Encoding: String, Sendable, CaseIterable {
    /// UTF-8, falling back to Windows-1252 (with a warning) when the bytes are not UTF-8.
    case auto
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
    case latin1
  }
  public enum Format: String, Sendable, CaseIterable { case csv, json, ndjson }

  /// Forced delimiter; nil sniffs it from the header.
  public var delimiter: UInt8?
  public var encoding: Encoding = .auto
  /// Forced input format; nil takes it from the extension, then the content.
  public var format: Format?
  /// Numbers: nil picks by delimiter (`;` → decimal comma, else point).
  public var decimalConvention: NumberStyle.Convention?
  public var monthFirst = false
  /// The largest field accepted, in bytes (`--max-field`).
  public var maxFieldBytes = 1 << 20
  /// Unknown columns are errors (`--strict`).
  public var strict = false
  /// A CSV file at least this long is read on two threads, each half by its own
  /// parser (`ReadAhead.reading`); tests lower it.
  var splitBytes = 16 << 20

  public init() {}
}
