#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A table read from JSON: an array of objects, objects one per line (NDJSON), or a
/// single object (one record).
///
/// The whole input is read and checked before the first record is handed out (JSON
/// inputs are small), so every syntax error surfaces from the initializer.
///
/// - header: the union of the keys of all objects, in order of first appearance
///   (in NFC).
/// - fields, in header order: a string as its text; a number as its literal text (so
///   `"3.5"` and `3.5` both reach the typed layer as `3.5`); `true`/`false`; null or
///   a missing key as empty; a nested array or object as its compact JSON text. All
///   in NFC.
/// - `record.line`: the line where the object starts.
public final class JSONRecordReader: RecordReader {
  /// How the input is laid out.
  public enum Layout: Sendable {
    /// `[` first → an array of objects; `{` first → NDJSON, or one object that may
    /// span lines when it is the only value in the input.
    case auto
    /// One JSON document: an array of objects, or one object.
    case json
    /// One object per line; blank lines skipped.
    case ndjson
  }

  public let name: String
  public private(set) var header: [String] = []
  /// JSON has no header row: the header is the union of the keys, reported at line 1.
  public let headerLine = 1
  public var delimiter: UInt8 { UInt8(ascii: ",") }

  /// Each object as (line, [(header index, field text)]).
  private var rows: [(line: Int, fields: [(column: Int, text: String)])] = []
  private var nextRow = 0

  /// Reads a table from bytes already in memory.
  ///
  /// - Throws: `InputError(.malformed)` for any JSON error and for an element that is
  ///   not an object, at its line and column; "empty input" for no value at all.
  public init(bytes: [UInt8], name: String, layout: Layout = .auto) throws(InputError) {
    self.name = name
    var parser = try JSONParser(bytes: bytes, name: name)
    try parser.skipWhitespace()
    guard !parser.atEnd else { throw parser.emptyInput() }

    var resolved = layout
    if layout == .auto {
      switch parser.bytes[parser.pos] {
      case UInt8(ascii: "["): resolved = .json
      case UInt8(ascii: "{"): resolved = .ndjson
      default:
        throw parser.unexpected("a JSON array of objects, or objects one per line (NDJSON)")
      }
    }

    var objects: [(start: JSONMark, members: [JSONMember])] = []
    switch resolved {
    case .json:
      var starts: [JSONMark]? = []
      let (value, start) = try parser.parseDocument(elementStarts: &starts)
      switch value {
      case .object(let members):
        objects = [(start, members)]
      case .array(let items):
        for (item, itemStart) in zip(items, starts ?? []) {
          guard case .object(let members) = item else {
            throw parser.error(itemStart, "expected an object in the array, found \(item.kindName)")
          }
          objects.append((itemStart, members))
        }
      default:
        throw parser.error(start, "expected an array of objects or an object, found \(value.kindName)")
      }
    case .ndjson, .auto:
      for (value, start) in try parser.parseLines(allowSingleMultiline: layout == .auto) {
        guard case .object(let members) = value else {
          throw parser.error(start, "expected an object, found \(value.kindName)")
        }
        objects.append((start, members))
      }
    }

    var columns: [String: Int] = [:]
    rows.reserveCapacity(objects.count)
    for (start, members) in objects {
      var fields: [(column: Int, text: String)] = []
      fields.reserveCapacity(members.count)
      for member in members {
        let key = JSONText.nfc(member.key)
        let column: Int
        if let known = columns[key] {
          column = known
        } else {
          column = header.count
          columns[key] = column
          header.append(key)
        }
        fields.append((column, Self.fieldText(member.value)))
      }
      rows.append((start.line, fields))
    }
  }

  /// Reads a whole file, or standard input for `-` (named `<stdin>` in messages).
  ///
  /// - Throws: `InputError(.cannotOpen)` when the file cannot be opened or is a
  ///   directory, `.io` when reading fails, `.malformed` for bad JSON.
  public convenience init(path: String, layout: Layout = .auto) throws(InputError) {
    if path == "-" {
      try self.init(fileDescriptor: 0, name: "<stdin>", layout: layout)
      return
    }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw InputError(.cannotOpen, at: SourceLocation(file: path), "cannot open: \(Self.systemMessage(errno))")
    }
    defer { close(fd) }
    var info = stat()
    if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
      throw InputError(.cannotOpen, at: SourceLocation(file: path), "cannot open: is a directory")
    }
    try self.init(fileDescriptor: fd, name: path, layout: layout)
  }

  /// Reads everything from an open file descriptor (left open).
  public convenience init(fileDescriptor fd: Int32, name: String, layout: Layout = .auto) throws(InputError) {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw InputError(.io, at: SourceLocation(file: name), "read failed: \(Self.systemMessage(errno))")
      }
      if n == 0 { break }
      bytes.append(contentsOf: chunk[0..<n])
    }
    try self.init(bytes: bytes, name: name, layout: layout)
  }

  public func next(into record: Record) throws(InputError) -> Bool {
    guard nextRow < rows.count else { return false }
    let row = rows[nextRow]
    nextRow += 1
    var texts = [String](repeating: "", count: header.count)
    for (column, text) in row.fields { texts[column] = text }
    record.removeAll()
    record.line = row.line
    for text in texts { record.append(field: text) }
    return true
  }

  /// A member's value as a field: see the type's documentation.
  static func fieldText(_ value: JSONValue) -> String {
    switch value {
    case .null: return ""
    case .bool(let b): return b ? "true" : "false"
    case .number(let literal): return literal
    case .string(let s): return JSONText.nfc(s)
    case .array, .object: return JSONText.nfc(String(decoding: value.serialized(pretty: false), as: UTF8.self))
    }
  }

  private static func systemMessage(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }
}
