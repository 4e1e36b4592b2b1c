/// A place in the input, cheap to keep: the column is worked out only for a message.
struct JSONMark {
  var offset: Int
  var line: Int
  /// Offset of the first byte of `line`.
  var lineStart: Int
}

/// A strict RFC 8259 parser over UTF-8 bytes.
///
/// Rejects what lenient parsers let through: duplicate keys, trailing commas,
/// comments, `NaN`/`Infinity`, leading zeros, raw control characters in strings,
/// unknown escapes, lone surrogates, invalid UTF-8. A UTF-8 BOM is skipped. Numbers
/// keep their literal text. Every error is `file:line:column`, the column counted in
/// Unicode scalars from 1 (a tab is one column), never a byte offset.
///
/// Nesting is walked with an explicit stack, never by recursion, and more than
/// `maxDepth` levels is an error: a hostile `[[[[…` cannot crash the process.
struct JSONParser {
  static let maxDepth = 512

  let bytes: [UInt8]
  let name: String
  var pos: Int
  var line = 1
  var lineStart: Int
  /// While set, a line break inside a value is an error (NDJSON): the line the value
  /// started on.
  var singleLineValue: Int?
  /// Containers a `JSONPullReader` has entered around the value being parsed: they
  /// count toward `maxDepth`.
  var outerDepth = 0

  init(bytes: [UInt8], name: String) throws(InputError) {
    self.bytes = bytes
    self.name = name
    if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
      throw InputError(at: SourceLocation(file: name, line: 1), "file is UTF-16; save it as UTF-8")
    }
    let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    pos = bom ? 3 : 0
    lineStart = pos
  }

  var atEnd: Bool { pos >= bytes.count }
  var mark: JSONMark { JSONMark(offset: pos, line: line, lineStart: lineStart) }

  // MARK: - Positions and messages

  /// 1-based column of `m`: Unicode scalars from the start of its line, plus one.
  func column(of m: JSONMark) -> Int {
    var c = 1
    var i = m.lineStart
    while i < m.offset {
      if bytes[i] & 0xC0 != 0x80 { c += 1 }
      i += 1
    }
    return c
  }

  func location(_ m: JSONMark) -> SourceLocation {
    SourceLocation(file: name, line: m.line, column: column(of: m))
  }

  func error(_ m: JSONMark, _ message: String) -> InputError {
    InputError(at: location(m), message)
  }

  func emptyInput() -> InputError {
    InputError(at: SourceLocation(file: name), "empty input")
  }

  /// `"key"` as JSON writes it, for messages.
  static func quoted(_ s: String) -> String {
    var out: [UInt8] = []
    JSONText.appendString(s, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// The character at `pos` as a message shows it: `'x'`, `'é'`, `U+0007`.
  func describeCurrent() -> String {
    let b = bytes[pos]
    if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
    if b == 0x20 { return "a space" }
    if b < 0x80 { return "control character \(Self.uPlus(UInt32(b)))" }
    if let n = try? utf8Length(at: pos) {
      let text = String(decoding: bytes[pos..<pos + n], as: UTF8.self)
      let scalar = text.unicodeScalars.first?.value ?? 0
      return "'\(text)' (\(Self.uPlus(scalar)))"
    }
    return "an invalid UTF-8 byte"
  }

  static func uPlus(_ v: UInt32) -> String {
    let h = String(v, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - h.count)) + h
  }

  /// The error for an unexpected character at `pos` where `expected` should be.
  func unexpected(_ expected: String) -> InputError {
    let b = bytes[pos]
    if b == UInt8(ascii: "/"), pos + 1 < bytes.count,
      bytes[pos + 1] == UInt8(ascii: "/") || bytes[pos + 1] == UInt8(ascii: "*")
    {
      return error(mark, "comments are not allowed in JSON")
    }
    if b == UInt8(ascii: "'") {
      return error(mark, "expected \(expected), found \"'\": JSON strings use double quotes")
    }
    if b >= 0x80, (try? utf8Length(at: pos)) == nil {
      return invalidUTF8(at: pos)
    }
    return error(mark, "expected \(expected), found \(describeCurrent())")
  }

  func invalidUTF8(at offset: Int) -> InputError {
    let hex = String(bytes[offset], radix: 16, uppercase: true)
    return error(
      JSONMark(offset: offset, line: line, lineStart: lineStart),
      "invalid UTF-8 (byte 0x\(hex)); JSON text must be UTF-8")
  }

  /// End of input inside the container that starts at `open`, or where a top-level
  /// value was expected.
  func endOfInput(inside open: Frame?, expecting what: String) -> InputError {
    guard let open else { return error(mark, "unexpected end of input: expected \(what)") }
    let kind = open.isObject ? "object" : "array"
    return error(
      mark,
      "unexpected end of input: the \(kind) that starts at line \(open.start.line), column \(column(of: open.start)) is not closed")
  }

  // MARK: - Whitespace

  /// Skips spaces, tabs and line breaks (LF, CRLF or a lone CR), counting lines.
  mutating func skipWhitespace() throws(InputError) {
    while pos < bytes.count {
      switch bytes[pos] {
      case 0x20, 0x09:
        pos += 1
      case 0x0A, 0x0D:
        if let started = singleLineValue {
          throw error(
            mark,
            "the line ends before the value that starts on line \(started) is complete (NDJSON has one value per line)")
        }
        if bytes[pos] == 0x0D && pos + 1 < bytes.count && bytes[pos + 1] == 0x0A { pos += 2 } else { pos += 1 }
        line += 1
        lineStart = pos
      default:
        return
      }
    }
  }

  /// Skips spaces and tabs only.
  mutating func skipSpacesOnLine() {
    while pos < bytes.count, bytes[pos] == 0x20 || bytes[pos] == 0x09 { pos += 1 }
  }

  /// After a whole document: only whitespace may follow.
  mutating func expectEnd() throws(InputError) {
    try skipWhitespace()
    if !atEnd { throw unexpected("the end of the input after the JSON value") }
  }

  // MARK: - Values

  /// An array or object being read.
  struct Frame {
    var isObject: Bool
    var start: JSONMark
    var items: [JSONValue] = []
    var members: [JSONMember] = []
    /// Where each member's key was read, in member order; an object of many
    /// members also finds its keys by `keys` (few are looked through in order).
    var keyMarks: [JSONMark] = []
    var keys: [String: JSONMark] = [:]
    var pendingKey = ""
    /// Elements or members a pull reader has started (`nextElement`, `nextKey`).
    var started = 0
    var close: UInt8 { isObject ? UInt8(ascii: "}") : UInt8(ascii: "]") }
  }

  /// Reads one value starting at the next non-whitespace character. When
  /// `elementStarts` is given and the value is an array, the start of each of its
  /// elements is appended to it.
  mutating func parseValue(elementStarts: inout [JSONMark]?) throws(InputError) -> JSONValue {
    var stack: [Frame] = []
    while true {
      // The start of a value.
      try skipWhitespace()
      guard !atEnd else { throw endOfInput(inside: stack.last, expecting: "a value") }
      let start = mark
      var value: JSONValue
      switch bytes[pos] {
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        if stack.count + outerDepth >= Self.maxDepth {
          throw error(start, "nesting deeper than \(Self.maxDepth) levels")
        }
        var frame = Frame(isObject: bytes[pos] == UInt8(ascii: "{"), start: start)
        if frame.isObject {
          // Room for a small record's members at once, not grown 1, 2, 4.
          frame.members.reserveCapacity(4)
          frame.keyMarks.reserveCapacity(4)
        }
        pos += 1
        try skipWhitespace()
        if !atEnd && bytes[pos] == frame.close {
          pos += 1
          value = frame.isObject ? .object([]) : .array([])
        } else {
          if frame.isObject { try readKey(into: &frame) }
          stack.append(frame)
          continue
        }
      case UInt8(ascii: "\""):
        value = .string(try readString())
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        value = .number(try readNumber())
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
        value = try readWord()
      case UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ","):
        throw unexpected("a value")
      case UInt8(ascii: "+"):
        throw error(start, "JSON numbers have no '+' sign")
      case UInt8(ascii: "."):
        throw error(start, "JSON numbers need a digit before the '.'")
      default:
        throw unexpected("a value")
      }

      // The value is complete: add it to the open containers, closing those that end here.
      var valueStart = start
      attach: while true {
        guard !stack.isEmpty else { return value }
        let top = stack.count - 1
        if stack[top].isObject {
          stack[top].members.append(JSONMember(stack[top].pendingKey, value))
        } else {
          if top == 0 { elementStarts?.append(valueStart) }
          stack[top].items.append(value)
        }
        try skipWhitespace()
        guard !atEnd else { throw endOfInput(inside: stack[top], expecting: "',' or '\(Character(Unicode.Scalar(stack[top].close)))'") }
        let b = bytes[pos]
        if b == UInt8(ascii: ",") {
          let comma = mark
          pos += 1
          try skipWhitespace()
          if !atEnd && bytes[pos] == stack[top].close {
            throw error(comma, "trailing comma before '\(Character(Unicode.Scalar(stack[top].close)))'")
          }
          if stack[top].isObject { try readKey(into: &stack[top]) }
          break attach
        } else if b == stack[top].close {
          pos += 1
          let frame = stack.removeLast()
          value = frame.isObject ? .object(frame.members) : .array(frame.items)
          valueStart = frame.start
        } else if stack[top].isObject {
          throw unexpected("',' or '}' after the value of \(Self.quoted(stack[top].pendingKey))")
        } else {
          throw unexpected("',' or ']' after an array element")
        }
      }
    }
  }

  /// Reads `"key" :` into `frame`, rejecting a key the object already has.
  mutating func readKey(into frame: inout Frame) throws(InputError) {
    try skipWhitespace()
    guard !atEnd else { throw endOfInput(inside: frame, expecting: "a key") }
    guard bytes[pos] == UInt8(ascii: "\"") else { throw unexpected("a key in double quotes") }
    let keyMark = mark
    let key = try readString()
    let first: JSONMark?
    if frame.keyMarks.count < 40 {
      // Lengths first: most keys of an object differ in length, and comparing two
      // counts is cheaper than comparing two strings.
      let length = key.utf8.count
      first = frame.members.firstIndex { $0.key.utf8.count == length && $0.key == key }.map { frame.keyMarks[$0] }
    } else {
      if frame.keys.isEmpty {
        for (m, mark) in zip(frame.members, frame.keyMarks) { frame.keys[m.key] = mark }
      }
      first = frame.keys[key]
      frame.keys[key] = keyMark
    }
    if let first {
      throw error(
        keyMark,
        "duplicate key \(Self.quoted(key)) in an object: first at line \(first.line), column \(column(of: first))")
    }
    frame.keyMarks.append(keyMark)
    try skipWhitespace()
    guard !atEnd else { throw endOfInput(inside: frame, expecting: "':'") }
    guard bytes[pos] == UInt8(ascii: ":") else { throw unexpected("':' after the key \(Self.quoted(key))") }
    pos += 1
    frame.pendingKey = key
  }

  // MARK: - Strings

  /// Reads a string at the opening `"`.
  mutating func readString() throws(InputError) -> String {
    let open = mark
    pos += 1
    var text: [UInt8] = []
    while true {
      // Copy a run of plain printable ASCII at once.
      let runStart = pos
      while pos < bytes.count {
        let b = bytes[pos]
        if b < 0x20 || b >= 0x80 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { break }
        pos += 1
      }
      guard !atEnd else {
        throw error(open, "string is not closed (the input ends inside it)")
      }
      // Plain ASCII up to the closing quote (keys, codes, most values): the String
      // is made from the input at once.
      if text.isEmpty && bytes[pos] == UInt8(ascii: "\"") {
        let s = String(decoding: bytes[runStart..<pos], as: UTF8.self)
        pos += 1
        return s
      }
      if pos > runStart { text.append(contentsOf: bytes[runStart..<pos]) }
      let b = bytes[pos]
      switch b {
      case UInt8(ascii: "\""):
        pos += 1
        return String(decoding: text, as: UTF8.self)
      case UInt8(ascii: "\\"):
        try readEscape(into: &text)
      case 0x0A, 0x0D:
        throw error(
          mark,
          "line break inside the string that starts at column \(column(of: open)); close the string, or write the break as \\n")
      case 0x00..<0x20:
        let hint = b == 0x09 ? "\\t" : "\\u00" + (b < 0x10 ? "0" : "") + String(b, radix: 16, uppercase: true)
        throw error(mark, "control character \(Self.uPlus(UInt32(b))) inside a string; write it as \(hint)")
      default:  // 0x80 and up
        let n = try utf8Length(at: pos)
        text.append(contentsOf: bytes[pos..<pos + n])
        pos += n
      }
    }
  }

  /// Length of the UTF-8 sequence at `i`, checked against Unicode's table of
  /// well-formed sequences (no overlongs, no surrogates, nothing above U+10FFFF).
  func utf8Length(at i: Int) throws(InputError) -> Int {
    let b0 = bytes[i]
    var n: Int
    var lo: UInt8 = 0x80
    var hi: UInt8 = 0xBF
    switch b0 {
    case 0xC2...0xDF: n = 2
    case 0xE0: n = 3; lo = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: n = 3
    case 0xED: n = 3; hi = 0x9F
    case 0xF0: n = 4; lo = 0x90
    case 0xF1...0xF3: n = 4
    case 0xF4: n = 4; hi = 0x8F
    default: throw invalidUTF8(at: i)
    }
    guard i + n <= bytes.count, (lo...hi).contains(bytes[i + 1]) else { throw invalidUTF8(at: i) }
    for k in 2..<n where !(0x80...0xBF).contains(bytes[i + k]) { throw invalidUTF8(at: i) }
    return n
  }

  /// Reads an escape at its backslash and appends the character it stands for.
  mutating func readEscape(into text: inout [UInt8]) throws(InputError) {
    let esc = mark
    pos += 1
    guard !atEnd else { throw error(esc, "string is not closed (the input ends inside it)") }
    let c = bytes[pos]
    switch c {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(c)
    case UInt8(ascii: "b"): text.append(0x08)
    case UInt8(ascii: "f"): text.append(0x0C)
    case UInt8(ascii: "n"): text.append(0x0A)
    case UInt8(ascii: "r"): text.append(0x0D)
    case UInt8(ascii: "t"): text.append(0x09)
    case UInt8(ascii: "u"):
      pos += 1
      var value = try readHex4(escape: esc)
      if (0xDC00...0xDFFF).contains(value) {
        throw error(esc, "lone surrogate \(escapeText(at: esc)): a low surrogate needs a high one (\\uD800–\\uDBFF) before it")
      }
      if (0xD800...0xDBFF).contains(value) {
        let high = escapeText(at: esc)
        guard pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") else {
          throw error(esc, "lone surrogate \(high): a high surrogate needs a low one (\\uDC00–\\uDFFF) after it")
        }
        let lowEsc = mark
        pos += 2
        let low = try readHex4(escape: lowEsc)
        guard (0xDC00...0xDFFF).contains(low) else {
          throw error(esc, "lone surrogate \(high): a high surrogate needs a low one (\\uDC00–\\uDFFF) after it")
        }
        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
      }
      guard let scalar = Unicode.Scalar(value) else {
        throw error(esc, "invalid escape \(escapeText(at: esc))")
      }
      text.append(contentsOf: String(Character(scalar)).utf8)
      return  // readHex4 already moved past the digits
    default:
      let shown = c >= 0x21 && c < 0x7F ? "\\" + String(Character(Unicode.Scalar(c))) : "\\ followed by \(describeCurrent())"
      throw error(esc, "invalid escape \(shown) in a string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
    }
    pos += 1
  }

  /// Four hex digits at `pos` (after `\u`).
  mutating func readHex4(escape: JSONMark) throws(InputError) -> UInt32 {
    var v: UInt32 = 0
    for _ in 0..<4 {
      guard !atEnd, let d = Self.hexValue(bytes[pos]) else {
        throw error(escape, "\\u must be followed by four hex digits")
      }
      v = v << 4 | d
      pos += 1
    }
    return v
  }

  static func hexValue(_ b: UInt8) -> UInt32? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
    default: return nil
    }
  }

  /// The six characters `\uXXXX` at `m`, as written.
  func escapeText(at m: JSONMark) -> String {
    String(decoding: bytes[m.offset..<min(m.offset + 6, bytes.count)], as: UTF8.self)
  }

  // MARK: - Numbers and words

  static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
  static func isLetter(_ b: UInt8) -> Bool {
    (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
  }

  /// Reads `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` and returns its text.
  mutating func readNumber() throws(InputError) -> String {
    let start = mark
    if bytes[pos] == UInt8(ascii: "-") {
      pos += 1
      if !atEnd && Self.isLetter(bytes[pos]) {
        var end = pos
        while end < bytes.count && Self.isLetter(bytes[end]) { end += 1 }
        if String(decoding: bytes[pos..<end], as: UTF8.self) == "Infinity" {
          throw error(start, "NaN and Infinity are not JSON numbers")
        }
      }
      guard !atEnd && Self.isDigit(bytes[pos]) else {
        throw error(start, "invalid number: '-' must be followed by a digit")
      }
    }
    if bytes[pos] == UInt8(ascii: "0") {
      pos += 1
      if !atEnd && Self.isDigit(bytes[pos]) {
        while !atEnd && Self.isDigit(bytes[pos]) { pos += 1 }
        let text = String(decoding: bytes[start.offset..<pos], as: UTF8.self)
        throw error(start, "leading zeros are not allowed in JSON numbers: \(text) (a code like \"\(text)\" must be a string)")
      }
    } else {
      while !atEnd && Self.isDigit(bytes[pos]) { pos += 1 }
    }
    if !atEnd && bytes[pos] == UInt8(ascii: ".") {
      pos += 1
      guard !atEnd && Self.isDigit(bytes[pos]) else { throw error(mark, "invalid number: expected a digit after '.'") }
      while !atEnd && Self.isDigit(bytes[pos]) { pos += 1 }
    }
    if !atEnd && (bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E")) {
      pos += 1
      if !atEnd && (bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-")) { pos += 1 }
      guard !atEnd && Self.isDigit(bytes[pos]) else {
        throw error(mark, "invalid number: expected a digit in the exponent")
      }
      while !atEnd && Self.isDigit(bytes[pos]) { pos += 1 }
    }
    return String(decoding: bytes[start.offset..<pos], as: UTF8.self)
  }

  /// Reads `true`, `false` or `null`; any other bare word is an error.
  mutating func readWord() throws(InputError) -> JSONValue {
    let start = mark
    while !atEnd && Self.isLetter(bytes[pos]) { pos += 1 }
    let word = String(decoding: bytes[start.offset..<pos], as: UTF8.self)
    switch word {
    case "true": return .bool(true)
    case "false": return .bool(false)
    case "null": return .null
    case "NaN", "Infinity": throw error(start, "NaN and Infinity are not JSON numbers")
    default:
      if ["true", "false", "null"].contains(word.lowercased()) {
        throw error(start, "\(word) is not a JSON value (JSON writes \(word.lowercased()) in lowercase)")
      }
      throw error(start, "unquoted text \(word): JSON strings must be in double quotes")
    }
  }

  // MARK: - Documents

  /// One JSON value filling the whole input (whitespace around it allowed).
  mutating func parseDocument(elementStarts: inout [JSONMark]?) throws(InputError) -> (value: JSONValue, start: JSONMark) {
    try skipWhitespace()
    guard !atEnd else { throw emptyInput() }
    let start = mark
    let value = try parseValue(elementStarts: &elementStarts)
    try expectEnd()
    return (value, start)
  }

  /// Values one per line (NDJSON); blank lines are skipped, spaces and tabs around a
  /// value allowed. With `allowSingleMultiline`, an input holding one value only may
  /// spread it over several lines (one pretty-printed object).
  mutating func parseLines(allowSingleMultiline: Bool) throws(InputError) -> [(value: JSONValue, start: JSONMark)] {
    var values: [(value: JSONValue, start: JSONMark)] = []
    var previousEndLine = 0
    var multiline: (first: Int, last: Int)?
    while true {
      try skipWhitespace()
      if atEnd { break }
      if !values.isEmpty {
        if let m = multiline {
          throw error(
            mark,
            "a second value after the one on lines \(m.first)–\(m.last); NDJSON needs each value on one line")
        }
        if line == previousEndLine {
          throw unexpected("a line break after the value (NDJSON has one value per line)")
        }
      }
      let start = mark
      singleLineValue = allowSingleMultiline && values.isEmpty ? nil : line
      var none: [JSONMark]? = nil
      let value = try parseValue(elementStarts: &none)
      singleLineValue = nil
      if line != start.line { multiline = (start.line, line) }
      previousEndLine = line
      values.append((value, start))
      skipSpacesOnLine()
    }
    guard !values.isEmpty else { throw emptyInput() }
    return values
  }
}

extension JSONValue {
  /// Parses one JSON document (strict RFC 8259; see `JSONParser`).
  ///
  /// - Parameter name: the input's name for messages (`file:line:column: …`).
  /// - Throws: `InputError(.malformed)` at the line and column of the first problem;
  ///   "empty input" when there is nothing but whitespace.
  public static func parse(_ bytes: [UInt8], name: String) throws(InputError) -> JSONValue {
    var parser = try JSONParser(bytes: bytes, name: name)
    var none: [JSONMark]? = nil
    return try parser.parseDocument(elementStarts: &none).value
  }

  /// Parses NDJSON: one JSON value per line, blank lines skipped. Each value comes
  /// with the line it is on.
  ///
  /// - Throws: `InputError(.malformed)` at the line and column of the first problem,
  ///   including a value that does not end on its line; "empty input" when there
  ///   is no value at all.
  public static func parseNDJSON(_ bytes: [UInt8], name: String) throws(InputError) -> [(line: Int, value: JSONValue)] {
    var parser = try JSONParser(bytes: bytes, name: name)
    return try parser.parseLines(allowSingleMultiline: false).map { ($0.start.line, $0.value) }
  }
}

/// A JSON document read piece by piece, without a tree, by the one parser
/// (`JSONParser`): the reader enters an object or an array, walks its members
/// (`nextKey`) or elements (`nextElement`), and reads each value whole (`readValue`,
/// `JSONParser.parseValue`) or enters it in turn. The rules and messages are the
/// parser's: duplicate keys, trailing commas, missing commas and unclosed containers
/// are errors at their line and column, and nesting stops at `maxDepth`.
///
///     var p = try JSONPullReader(bytes: bytes, name: name)
///     guard try p.enterObject() else { … not an object … }
///     while let key = try p.nextKey() {
///       if key == "items", try p.enterArray() {
///         while try p.nextElement() { let item = try p.readValue() … }
///       } else { try p.skipValue() }
///     }
///     try p.expectEnd()
struct JSONPullReader {
  var parser: JSONParser
  /// The arrays and objects entered, outermost first.
  var open: [JSONParser.Frame] = []

  init(bytes: [UInt8], name: String) throws(InputError) {
    parser = try JSONParser(bytes: bytes, name: name)
  }

  /// Enters the object that starts at the next non-whitespace character; false
  /// (nothing read) when the next value is not an object.
  mutating func enterObject() throws(InputError) -> Bool {
    try enter(UInt8(ascii: "{"))
  }

  /// Enters the array that starts at the next non-whitespace character; false
  /// (nothing read) when the next value is not an array.
  mutating func enterArray() throws(InputError) -> Bool {
    try enter(UInt8(ascii: "["))
  }

  private mutating func enter(_ bracket: UInt8) throws(InputError) -> Bool {
    try parser.skipWhitespace()
    guard !parser.atEnd else { throw parser.endOfInput(inside: open.last, expecting: "a value") }
    guard parser.bytes[parser.pos] == bracket else { return false }
    if open.count >= JSONParser.maxDepth {
      throw parser.error(parser.mark, "nesting deeper than \(JSONParser.maxDepth) levels")
    }
    var frame = JSONParser.Frame(isObject: bracket == UInt8(ascii: "{"), start: parser.mark)
    if frame.isObject {
      // Room for a month's days at once (a daily grid), not grown 8, 16, 32.
      frame.members.reserveCapacity(32)
      frame.keyMarks.reserveCapacity(32)
    }
    open.append(frame)
    parser.outerDepth = open.count
    parser.pos += 1
    return true
  }

  /// The key of the next member of the object entered last, its `:` read: the value
  /// is next. Nil, the object closed, after its last member.
  mutating func nextKey() throws(InputError) -> String? {
    let top = open.count - 1
    precondition(top >= 0 && open[top].isObject, "nextKey outside an object")
    guard try nextItem(top) else { return nil }
    try parser.readKey(into: &open[top])
    // readKey finds a duplicate among `members`: the key, its value not kept.
    open[top].members.append(JSONMember(open[top].pendingKey, .null))
    return open[top].pendingKey
  }

  /// True when the array entered last has a next element (read it next); false, the
  /// array closed, after its last one.
  mutating func nextElement() throws(InputError) -> Bool {
    let top = open.count - 1
    precondition(top >= 0 && !open[top].isObject, "nextElement outside an array")
    return try nextItem(top)
  }

  /// Past the comma before the next item of `open[top]`, or past its closing bracket
  /// (false).
  private mutating func nextItem(_ top: Int) throws(InputError) -> Bool {
    let close = open[top].close
    try parser.skipWhitespace()
    guard !parser.atEnd else {
      throw parser.endOfInput(inside: open[top], expecting: open[top].started == 0 ? "a value" : "',' or '\(Character(Unicode.Scalar(close)))'")
    }
    if parser.bytes[parser.pos] == close {
      parser.pos += 1
      open.removeLast()
      parser.outerDepth = open.count
      return false
    }
    if open[top].started > 0 {
      guard parser.bytes[parser.pos] == UInt8(ascii: ",") else {
        if open[top].isObject {
          throw parser.unexpected("',' or '}' after the value of \(JSONParser.quoted(open[top].pendingKey))")
        }
        throw parser.unexpected("',' or ']' after an array element")
      }
      let comma = parser.mark
      parser.pos += 1
      try parser.skipWhitespace()
      if !parser.atEnd && parser.bytes[parser.pos] == close {
        throw parser.error(comma, "trailing comma before '\(Character(Unicode.Scalar(close)))'")
      }
    }
    open[top].started += 1
    return true
  }

  /// The next value, whole (a scalar, or an array or object as a tree).
  mutating func readValue() throws(InputError) -> JSONValue {
    try parser.skipWhitespace()
    guard !parser.atEnd else { throw parser.endOfInput(inside: open.last, expecting: "a value") }
    var none: [JSONMark]? = nil
    return try parser.parseValue(elementStarts: &none)
  }

  /// The literal text of the next value when it is a number (`readValue` would give
  /// `.number(text)`); nil, nothing read, when it is not.
  mutating func readNumberText() throws(InputError) -> String? {
    try parser.skipWhitespace()
    guard !parser.atEnd else { throw parser.endOfInput(inside: open.last, expecting: "a value") }
    let b = parser.bytes[parser.pos]
    guard b == UInt8(ascii: "-") || JSONParser.isDigit(b) else { return nil }
    return try parser.readNumber()
  }

  /// Reads the rest of the object or array entered last, its values unread, and
  /// closes it.
  mutating func skipRest() throws(InputError) {
    let depth = open.count
    while open.count >= depth {
      if open[open.count - 1].isObject {
        if try nextKey() != nil { try skipValue() }
      } else if try nextElement() {
        try skipValue()
      }
    }
  }

  /// Reads the next value and leaves it: an array or object is walked, not kept.
  mutating func skipValue() throws(InputError) {
    if try enterObject() {
      try skipRest()
    } else if try enterArray() {
      try skipRest()
    } else {
      // A scalar, checked as `readValue` would, without making its value.
      try parser.skipWhitespace()
      guard !parser.atEnd else { throw parser.endOfInput(inside: open.last, expecting: "a value") }
      switch parser.bytes[parser.pos] {
      case UInt8(ascii: "\""): _ = try parser.readString()
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try parser.readNumber()
      default: _ = try readValue()
      }
    }
  }

  /// After the whole document: only whitespace may follow.
  mutating func expectEnd() throws(InputError) { try parser.expectEnd() }
}
