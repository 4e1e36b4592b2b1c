import Foundation
import Testing
@testable import TallerCore
@testable import TallerIO

// MARK: - Helpers

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The error parsing `text` as one document, or nil when it parses.
private func documentError(_ input: [UInt8], name: String = "t.json") -> InputError? {
  do {
    _ = try JSONValue.parse(input, name: name)
    return nil
  } catch {
    return error
  }
}

private func readerError(_ text: String, name: String = "t.json") -> InputError? {
  do {
    _ = try JSONRecordReader(bytes: bytes(text), name: name)
    return nil
  } catch {
    return error
  }
}

/// All records of a reader as (line, fields).
private func records(_ reader: JSONRecordReader) throws -> [(line: Int, fields: [String])] {
  var out: [(line: Int, fields: [String])] = []
  let record = Record()
  while try reader.next(into: record) { out.append((record.line, record.strings)) }
  return out
}


// MARK: - docs/BAD-INPUTS.md #43–48

struct JSONBadInputTests {
  /// #43: an array of objects and NDJSON are both accepted, and give the same table.
  @Test func arrayAndNDJSONAreAccepted() throws {
    let array = """
      [
        {"code": "A", "qty": 1},
        {"code": "B", "qty": 2}
      ]
      """
    let ndjson = "{\"code\": \"A\", \"qty\": 1}\n{\"code\": \"B\", \"qty\": 2}\n"
    let fromArray = try JSONRecordReader(bytes: bytes(array), name: "a.json")
    let fromLines = try JSONRecordReader(bytes: bytes(ndjson), name: "a.ndjson")
    #expect(fromArray.header == ["code", "qty"])
    #expect(fromLines.header == ["code", "qty"])
    let a = try records(fromArray)
    let l = try records(fromLines)
    #expect(a.map(\.fields) == [["A", "1"], ["B", "2"]])
    #expect(l.map(\.fields) == [["A", "1"], ["B", "2"]])
    // The array's objects start on lines 2 and 3; the NDJSON ones on lines 1 and 2.
    #expect(a.map(\.line) == [2, 3])
    #expect(l.map(\.line) == [1, 2])
    #expect(fromArray.delimiter == UInt8(ascii: ","))
  }

  /// #44: a duplicate key is rejected, naming both places.
  @Test func duplicateKeyIsRejected() {
    // Line 2 is `  {"ot": "OT-1",`: the first "ot" key opens at column 4.
    // Line 4 is `   "ot": "OT-2"}`: three spaces, the second key at column 4.
    let text = """
      [
        {"ot": "OT-1",
         "qty": 1,
         "ot": "OT-2"}
      ]
      """
    let error = readerError(text, name: "orders.json")
    #expect(error?.kind == .malformed)
    #expect(error?.location == SourceLocation(file: "orders.json", line: 4, column: 4))
    #expect(error?.message.contains("duplicate key \"ot\"") == true)
    #expect(error?.message.contains("line 2, column 4") == true)
  }

  /// #45: trailing commas, comments and NaN are rejected where they stand.
  @Test(arguments: [
    // `{"a": 1,}`: the comma is the 8th character.
    ("{\"a\": 1,}", 1, 8, "trailing comma"),
    // `[{"a": 1},]` → `[`1 `{`2 `"`3 a4 `"`5 :6 sp7 1 8 }9 ,10
    ("[{\"a\": 1},]", 1, 10, "trailing comma"),
    // `{"a": 1 // note` → the slash is at column 9.
    ("{\"a\": 1 // note\n}", 1, 9, "comments are not allowed"),
    // Line 2 `/* c */ {"a": 1}`: the comment starts at column 1.
    ("[\n/* c */ {\"a\": 1}]", 2, 1, "comments are not allowed"),
    // `[{"a": NaN}]` → N at 8.
    ("[{\"a\": NaN}]", 1, 8, "NaN and Infinity"),
    // `{"a": -Infinity}` → the minus sign at 7.
    ("{\"a\": -Infinity}", 1, 7, "NaN and Infinity"),
  ])
  func lenientSyntaxIsRejected(_ text: String, _ line: Int, _ column: Int, _ words: String) {
    let error = readerError(text)
    #expect(error?.location == SourceLocation(file: "t.json", line: line, column: column))
    #expect(error?.message.contains(words) == true, "\(String(describing: error))")
  }

  /// #46: a number given as a string reaches the typed layer exactly as the number.
  @Test func quotedNumberReadsAsNumber() throws {
    let text = "{\"qty\": \"3.5\"}\n{\"qty\": 3.5}\n"
    let fields = try records(JSONRecordReader(bytes: bytes(text), name: "q.ndjson")).map(\.fields)
    #expect(fields == [["3.5"], ["3.5"]])
    // 3.5 = 35 000 000 000 units of 10⁻¹⁰.
    #expect(try fields.map { try decimal($0[0]) } == [ExactDecimal(raw: 35_000_000_000), ExactDecimal(raw: 35_000_000_000)])
  }

  /// #47: an unknown or misspelled field is passed through as a column.
  @Test func unknownFieldIsPassedThrough() throws {
    let text = "[{\"code\": \"A\", \"qtty\": 4}, {\"code\": \"B\", \"qty\": 5}]"
    let reader = try JSONRecordReader(bytes: bytes(text), name: "t.json")
    #expect(reader.header == ["code", "qtty", "qty"])
    #expect(try records(reader).map(\.fields) == [["A", "4", ""], ["B", "", "5"]])
  }

  /// #48: every JSON error is `file:line:column`, the column counted in characters,
  /// never a byte or character offset into the file.
  @Test func errorsAreLineAndColumn() {
    // Line 1 `[` (2 bytes with its newline); line 2 `  {"año": "ñandú"},` (23 bytes
    // with its newline: 2 + 1 + 6 + 1 + 1 + 9 + 1 + 1 + 1, ñ and ú two bytes each);
    // line 3 `  {"año": ñ}`. On line 3: sp1 sp2 {3 "4 a5 ñ6 o7 "8 :9 sp10 ñ11 —
    // column 11, although 11 bytes of the line come before it (ñ in the key is two)
    // and 2 + 23 + 11 = 36 bytes of the file.
    let text = "[\n  {\"año\": \"ñandú\"},\n  {\"año\": ñ}\n]"
    let error = readerError(text, name: "data.json")
    #expect(error?.description.hasPrefix("data.json:3:11: ") == true, "\(String(describing: error))")
  }
}

// MARK: - Parser errors at exact places

struct JSONParserErrorTests {
  @Test(arguments: [
    // `{"code": 007}` → {1 "2 c3 o4 d5 e6 "7 :8 sp9 0 10
    ("{\"code\": 007}", 1, 10, "leading zeros"),
    ("[-01]", 1, 2, "leading zeros"),
    // `["a<TAB>b"]` → [1 "2 a3 TAB4
    ("[\"a\tb\"]", 1, 4, "control character U+0009"),
    // `["a\qb"]` → the backslash at 4.
    ("[\"a\\qb\"]", 1, 4, "invalid escape \\q"),
    // `["\uD800"]` → [1 "2 \3: a high surrogate with nothing after it.
    ("[\"\\uD800\"]", 1, 3, "lone surrogate \\uD800"),
    ("[\"\\uDC00x\"]", 1, 3, "lone surrogate \\uDC00"),
    ("[\"\\uD800\\u0041\"]", 1, 3, "lone surrogate \\uD800"),
    ("[\"\\u12G4\"]", 1, 3, "four hex digits"),
    // `[1, 2` ends after the 5th character: the end is column 6.
    ("[1, 2", 1, 6, "the array that starts at line 1, column 1 is not closed"),
    // Line 3 `  "b": 2` after `  "a": 1` with no comma: the quote at column 3.
    ("{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3, "expected ',' or '}' after the value of \"a\""),
    // CRLF counts as one line break: line 2 `"a": tru` → "1 a2 "3 :4 sp5 t6
    ("{\r\n\"a\": tru\r\n}", 2, 6, "unquoted text tru"),
    // A lone CR is a line break too.
    ("[1,\r\r  True]", 3, 3, "True is not a JSON value"),
    // `{'a': 1}` → the single quote at 2.
    ("{'a': 1}", 1, 2, "double quotes"),
    // `["ñandú", x]` → [1 "2 ñ3 a4 n5 d6 ú7 "8 ,9 sp10 x11 (byte 14 on the line).
    ("[\"ñandú\", x]", 1, 11, "unquoted text x"),
    // `{"año": 1, "año": 2}` → the second key at 12 (byte 13); the first at 2.
    ("{\"año\": 1, \"año\": 2}", 1, 12, "first at line 1, column 2"),
    // A string broken by a raw newline: the break is after `["ab` (column 5).
    ("[\"ab\ncd\"]", 1, 5, "line break inside the string that starts at column 2"),
    ("[\"abc", 1, 2, "string is not closed"),
    ("[1] 2", 1, 5, "expected the end of the input"),
    ("[1.]", 1, 4, "digit after '.'"),
    ("[1e+]", 1, 5, "digit in the exponent"),
    ("[+1]", 1, 2, "no '+' sign"),
    ("[.5]", 1, 2, "digit before the '.'"),
    ("{\"a\" 1}", 1, 6, "expected ':' after the key \"a\""),
    ("{1: 2}", 1, 2, "a key in double quotes"),
  ])
  func malformedDocument(_ text: String, _ line: Int, _ column: Int, _ words: String) {
    let error = documentError(bytes(text))
    #expect(error?.kind == .malformed)
    #expect(error?.location == SourceLocation(file: "t.json", line: line, column: column))
    #expect(error?.message.contains(words) == true, "\(String(describing: error))")
  }

  @Test func invalidUTF8IsRejectedWhereItStands() {
    // `["a` then 0xFF: [1 "2 a3 0xFF4.
    let error = documentError([0x5B, 0x22, 0x61, 0xFF, 0x22, 0x5D])
    #expect(error?.location == SourceLocation(file: "t.json", line: 1, column: 4))
    #expect(error?.message.contains("invalid UTF-8") == true)
    // An overlong encoding of '/' (C0 AF) and an encoded surrogate (ED A0 80).
    #expect(documentError([0x5B, 0x22, 0xC0, 0xAF, 0x22, 0x5D])?.message.contains("invalid UTF-8") == true)
    #expect(documentError([0x5B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x5D])?.message.contains("invalid UTF-8") == true)
  }

  @Test func byteOrderMarkIsSkippedAndNotCounted() throws {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    #expect(try JSONValue.parse(bom + bytes("[1]"), name: "t.json") == .array([.number("1")]))
    // After the BOM, `[1,]`: the comma is column 3, as an editor shows it.
    #expect(documentError(bom + bytes("[1,]"))?.location == SourceLocation(file: "t.json", line: 1, column: 3))
  }

  @Test func utf16IsRejected() {
    let error = documentError([0xFF, 0xFE, 0x5B, 0x00, 0x5D, 0x00])
    #expect(error?.message.contains("UTF-16") == true)
  }

  @Test(arguments: ["", "  \n\t\r\n"])
  func emptyInputIsRejected(_ text: String) {
    #expect(documentError(bytes(text))?.message == "empty input")
    #expect(readerError(text)?.message == "empty input")
  }

  @Test func numberLiteralsStayExact() throws {
    let value = try JSONValue.parse(bytes("[0.1000000001, 1e3, -0, 12.50, 123456789012345678901234567890]"), name: "t.json")
    #expect(
      value
        == .array([
          .number("0.1000000001"), .number("1e3"), .number("-0"), .number("12.50"),
          .number("123456789012345678901234567890"),
        ]))
    let reader = try JSONRecordReader(bytes: bytes("{\"qty\": 0.1000000001}"), name: "t.json")
    #expect(try records(reader).map(\.fields) == [["0.1000000001"]])
  }

  @Test func escapesAreDecoded() throws {
    // \u00e9 is é; \ud83d\ude00 is the surrogate pair of U+1F600.
    let text = #"["\"\\\/\b\f\n\r\t", "\u00e9\ud83d\ude00", "\u0000"]"#
    let value = try JSONValue.parse(bytes(text), name: "t.json")
    #expect(value == .array([.string("\"\\/\u{08}\u{0C}\n\r\t"), .string("é\u{1F600}"), .string("\u{0}")]))
  }

  @Test func deepNestingIsRejectedCleanly() throws {
    // 512 levels are fine.
    let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    var value = try JSONValue.parse(bytes(ok), name: "t.json")
    var depth = 0
    while case .array(let items) = value {
      depth += 1
      guard let first = items.first else { break }
      value = first
    }
    #expect(depth == 512)
    // The 513th `[` is column 513; 100 000 of them fail the same way, without a crash.
    for count in [513, 100_000] {
      let error = documentError(bytes(String(repeating: "[", count: count)))
      #expect(error?.location == SourceLocation(file: "t.json", line: 1, column: 513))
      #expect(error?.message == "nesting deeper than 512 levels")
    }
    let objects = String(repeating: "{\"a\":", count: 600)
    #expect(documentError(bytes(objects))?.message == "nesting deeper than 512 levels")
  }

  @Test func objectsKeepTheirOrder() throws {
    let value = try JSONValue.parse(bytes("{\"b\": 1, \"a\": {\"z\": null, \"y\": false}}"), name: "t.json")
    #expect(
      value
        == .object([
          JSONMember("b", .number("1")),
          JSONMember("a", .object([JSONMember("z", .null), JSONMember("y", .bool(false))])),
        ]))
    #expect(value["a"]?["y"] == .bool(false))
    #expect(value["c"] == nil)
  }
}

// MARK: - NDJSON

struct NDJSONTests {
  @Test func blankLinesAreSkippedAndCounted() throws {
    // Lines: 1 object, 2 empty, 3 spaces, 4 object (CRLF), 5 empty, 6 object.
    let text = "{\"a\":1}\n\n   \n{\"a\":2,\"b\":\"x\"}\r\n\n  {\"b\":null}  \n"
    let values = try JSONValue.parseNDJSON(bytes(text), name: "t.ndjson")
    #expect(values.map(\.line) == [1, 4, 6])
    #expect(values[1].value == .object([JSONMember("a", .number("2")), JSONMember("b", .string("x"))]))

    let reader = try JSONRecordReader(bytes: bytes(text), name: "t.ndjson")
    #expect(reader.header == ["a", "b"])
    let rows = try records(reader)
    #expect(rows.map(\.line) == [1, 4, 6])
    #expect(rows.map(\.fields) == [["1", ""], ["2", "x"], ["", ""]])
  }

  @Test func aValueMustFitOnItsLine() {
    // Line 2 `{"a": 1,` then a line break: the break is column 9.
    do {
      _ = try JSONValue.parseNDJSON(bytes("{\"a\": 0}\n{\"a\": 1,\n\"b\": 2}\n"), name: "t.ndjson")
      Issue.record("accepted a value spread over two lines")
    } catch {
      #expect(error.location == SourceLocation(file: "t.ndjson", line: 2, column: 9))
      #expect(error.message.contains("starts on line 2"))
    }
    // Two values on one line: {1 "2 a3 "4 :5 sp6 0 7 }8 sp9, the second `{` is column 10.
    do {
      _ = try JSONValue.parseNDJSON(bytes("{\"a\": 0} {\"a\": 1}"), name: "t.ndjson")
      Issue.record("accepted two values on one line")
    } catch {
      #expect(error.location == SourceLocation(file: "t.ndjson", line: 1, column: 10))
      #expect(error.message.contains("one value per line"))
    }
  }

  @Test func aLineThatIsNotAnObjectIsRejected() {
    let error = readerError("{\"a\": 1}\n\n  [1, 2]\n")
    // Line 3, after two spaces.
    #expect(error?.location == SourceLocation(file: "t.json", line: 3, column: 3))
    #expect(error?.message == "expected an object, found an array")
  }
}

// MARK: - Reader

struct JSONRecordReaderTests {
  @Test func anArrayElementThatIsNotAnObjectIsRejected() {
    let error = readerError("[\n  {\"a\": 1},\n  2\n]")
    #expect(error?.location == SourceLocation(file: "t.json", line: 3, column: 3))
    #expect(error?.message == "expected an object in the array, found a number")
  }

  @Test func fieldsTakeEachKindOfValue() throws {
    let text = #"[{"s": "x", "n": -12.50, "t": true, "f": false, "z": null, "a": [1, "b", {}], "o": {"k": [ ]}}]"#
    let reader = try JSONRecordReader(bytes: bytes(text), name: "t.json")
    #expect(reader.header == ["s", "n", "t", "f", "z", "a", "o"])
    #expect(try records(reader).map(\.fields) == [["x", "-12.50", "true", "false", "", "[1,\"b\",{}]", "{\"k\":[]}"]])
  }

  @Test func aSinglePrettyObjectIsOneRecord() throws {
    let text = "{\n  \"code\": \"A\",\n  \"qty\": 2\n}\n"
    let reader = try JSONRecordReader(bytes: bytes(text), name: "t.json")
    let rows = try records(reader)
    #expect(rows.map(\.line) == [1])
    #expect(rows.map(\.fields) == [["A", "2"]])
    // A second value after a multi-line object is neither one object nor NDJSON.
    // It starts on line 5, column 1.
    let error = readerError(text + "{\"code\": \"B\"}\n")
    #expect(error?.location == SourceLocation(file: "t.json", line: 5, column: 1))
    #expect(error?.message.contains("lines 1–4") == true)
  }

  @Test func layoutCanBeForced() throws {
    // A single object forced as a document.
    let single = try JSONRecordReader(bytes: bytes("{\"a\": 1}"), name: "t", layout: .json)
    #expect(try records(single).map(\.fields) == [["1"]])
    // An array given as NDJSON is one value that is not an object.
    #expect(throws: InputError.self) {
      _ = try JSONRecordReader(bytes: bytes("[{\"a\": 1}]"), name: "t", layout: .ndjson)
    }
    // A bare number is neither an array of objects nor an object.
    do {
      _ = try JSONRecordReader(bytes: bytes("  42"), name: "t", layout: .json)
      Issue.record("accepted a number as a table")
    } catch {
      #expect(error.location == SourceLocation(file: "t", line: 1, column: 3))
    }
    // Auto-detection needs `[` or `{` first.
    #expect(readerError("\n\"x\"")?.location == SourceLocation(file: "t.json", line: 2, column: 1))
  }

  @Test func anEmptyArrayIsAnEmptyTable() throws {
    let reader = try JSONRecordReader(bytes: bytes("[ ]\n"), name: "t.json")
    #expect(reader.header.isEmpty)
    #expect(try records(reader).isEmpty)
  }

  @Test func keysAndTextAreNFC() throws {
    // "Código" with o + U+0301 (NFD), value "Producción" likewise.
    let text = "[{\"Co\u{301}digo\": \"Produccio\u{301}n\"}]"
    let reader = try JSONRecordReader(bytes: bytes(text), name: "t.json")
    #expect(Array(reader.header[0].utf8) == Array("C\u{F3}digo".utf8))
    let record = Record()
    #expect(try reader.next(into: record))
    #expect(record.bytes == Array("Producci\u{F3}n".utf8))
  }

  @Test func readsAFileAndReportsOneThatCannotBeOpened() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("taller-json-\(UInt32.random(in: 0...UInt32.max)).json").path
    try Data("[{\"a\": 1}]".utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let reader = try JSONRecordReader(path: path)
    #expect(reader.name == path)
    #expect(try records(reader).map(\.fields) == [["1"]])

    for bad in ["/nonexistent-taller/x.json", FileManager.default.temporaryDirectory.path] {
      do {
        _ = try JSONRecordReader(path: bad)
        Issue.record("opened \(bad)")
      } catch {
        #expect(error.kind == .cannotOpen)
        #expect(error.location.file == bad)
      }
    }
  }
}

// MARK: - Writers

struct JSONWriterTests {
  static let columns = ["code", "qty", "ok", "day", "note"]
  static func rows() throws -> [[JSONCell]] {
    [
      // 3.5 is raw 35 000 000 000 (scale 10¹⁰).
      [.text("A-1"), .number(ExactDecimal(raw: 35_000_000_000)), .bool(true), .date(try LocalDate.parse("2026-10-31")), .null],
      // −0.0001 is raw −1 000 000; the text has a quote and a newline to escape.
      [.text("say \"hi\"\n"), .number(ExactDecimal(raw: -1_000_000)), .bool(false), .null, .text("Producción")],
      // 123456789012345678901234567 units of 10⁻¹⁰ = 12345678901234567.8901234567: no exponent.
      [.text("big"), .number(ExactDecimal(raw: 123_456_789_012_345_678_901_234_567)), .null, .null, .text("Co\u{301}digo")],
    ]
  }

  @Test func writesAnArrayOneObjectPerLine() throws {
    let sink = MemorySink()
    let writer = JSONTableWriter(sink: sink, columns: Self.columns, ndjson: false)
    for row in try Self.rows() { try writer.writeRow(row) }
    try writer.finish()
    let expected = """
      [
        {"code":"A-1","qty":3.5,"ok":true,"day":"2026-10-31","note":null},
        {"code":"say \\"hi\\"\\n","qty":-0.0001,"ok":false,"day":null,"note":"Producción"},
        {"code":"big","qty":12345678901234567.8901234567,"ok":null,"day":null,"note":"Código"}
      ]

      """
    #expect(sink.string == expected)
    #expect(sink.bytes == Array(expected.utf8))  // NFC bytes, not just canonically equal
    // And it reads back as the same table.
    let reader = try JSONRecordReader(bytes: sink.bytes, name: "out.json")
    #expect(reader.header == Self.columns)
    #expect(
      try records(reader).map(\.fields) == [
        ["A-1", "3.5", "true", "2026-10-31", ""],
        ["say \"hi\"\n", "-0.0001", "false", "", "Producción"],
        ["big", "12345678901234567.8901234567", "", "", "Código"],
      ])
  }

  @Test func writesNDJSON() throws {
    let sink = MemorySink()
    let writer = JSONTableWriter(sink: sink, columns: ["code", "qty"], ndjson: true)
    try writer.writeRow([.text("A"), .number(ExactDecimal(12))])
    try writer.writeRow([.text("B"), .null])
    try writer.finish()
    #expect(sink.string == "{\"code\":\"A\",\"qty\":12}\n{\"code\":\"B\",\"qty\":null}\n")
  }

  @Test func writesEmptyTables() throws {
    let array = MemorySink()
    try JSONTableWriter(sink: array, columns: ["a"], ndjson: false).finish()
    #expect(array.string == "[]\n")
    let lines = MemorySink()
    try JSONTableWriter(sink: lines, columns: ["a"], ndjson: true).finish()
    #expect(lines.bytes.isEmpty)
  }

  @Test func serializesValuesCompactAndPretty() {
    let value = JSONValue.object([
      JSONMember("a", .number("1")),
      JSONMember("b", .array([.bool(true), .null])),
      JSONMember("c", .object([])),
      JSONMember("d", .string("x\"y")),
      JSONMember("e", .array([])),
    ])
    #expect(String(decoding: value.serialized(pretty: false), as: UTF8.self) == #"{"a":1,"b":[true,null],"c":{},"d":"x\"y","e":[]}"#)
    let pretty = """
      {
        "a": 1,
        "b": [
          true,
          null
        ],
        "c": {},
        "d": "x\\"y",
        "e": []
      }
      """
    #expect(String(decoding: value.serialized(pretty: true), as: UTF8.self) == pretty)
  }

  @Test func escapesMinimally() {
    // U+0001 → \u0001, tab/newline/CR short forms, backslash doubled, '/' DEL é and
    // the emoji kept as they are.
    let value = JSONValue.string("\u{01}\t\n\r\\/\u{7F}é\u{1F600}\u{1F}")
    let expected = "\"\\u0001\\t\\n\\r\\\\/\u{7F}é\u{1F600}\\u001f\""
    #expect(String(decoding: value.serialized(pretty: false), as: UTF8.self) == expected)
  }

  @Test func decimalsBecomeNumbersWithoutExponent() {
    // 10⁻¹⁰ is raw 1; 10²⁰ is raw 10³⁰.
    #expect(JSONValue.decimal(ExactDecimal(raw: 1)) == .number("0.0000000001"))
    #expect(JSONValue.decimal(ExactDecimal(raw: 1_000_000_000_000_000_000_000_000_000_000)) == .number("100000000000000000000"))
    #expect(JSONValue.integer(-7) == .number("-7"))
  }
}

// MARK: - Round trip property

private struct ValueGenerator {
  var rng: SplitMix64

  /// Characters chosen to stress escaping and UTF-8: quotes, backslashes, control
  /// characters, DEL, Latin, a combining accent, CJK, emoji, U+2028.
  static let alphabet: [Unicode.Scalar] = [
    "a", "Z", "0", " ", "\"", "\\", "/", "\u{0}", "\u{1}", "\u{8}", "\t", "\n", "\u{C}", "\r", "\u{1F}",
    "\u{7F}", "é", "ñ", "\u{301}", "中", "\u{1F600}", "\u{2028}", "\u{FFFF}", "\u{10FFFF}",
  ]

  mutating func string() -> String {
    var s = String.UnicodeScalarView()
    for _ in 0..<Int.random(in: 0...8, using: &rng) {
      s.append(Self.alphabet.randomElement(using: &rng) ?? "a")
    }
    return String(s)
  }

  /// A random literal of the JSON number grammar.
  mutating func number() -> String {
    var s = Bool.random(using: &rng) ? "-" : ""
    if Int.random(in: 0..<4, using: &rng) == 0 {
      s += "0"
    } else {
      s += String(Int.random(in: 1...9, using: &rng))
      for _ in 0..<Int.random(in: 0...25, using: &rng) { s += String(Int.random(in: 0...9, using: &rng)) }
    }
    if Bool.random(using: &rng) {
      s += "."
      for _ in 0..<Int.random(in: 1...12, using: &rng) { s += String(Int.random(in: 0...9, using: &rng)) }
    }
    if Int.random(in: 0..<4, using: &rng) == 0 {
      s += ["e", "E"].randomElement(using: &rng) ?? "e"
      s += ["", "+", "-"].randomElement(using: &rng) ?? ""
      s += String(Int.random(in: 0...400, using: &rng))
    }
    return s
  }

  mutating func value(depth: Int) -> JSONValue {
    let kind = Int.random(in: 0..<(depth > 0 ? 6 : 4), using: &rng)
    switch kind {
    case 0: return .null
    case 1: return .bool(Bool.random(using: &rng))
    case 2: return .number(number())
    case 3: return .string(string())
    case 4:
      return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in value(depth: depth - 1) })
    default:
      var members: [JSONMember] = []
      var seen = Set<String>()  // keys unique as Swift compares them (NFC = NFD)
      for _ in 0..<Int.random(in: 0...4, using: &rng) {
        let key = string()
        if seen.insert(key).inserted { members.append(JSONMember(key, value(depth: depth - 1))) }
      }
      return .object(members)
    }
  }
}

struct JSONRoundTripTests {
  @Test(arguments: [1 as UInt64, 42, 2026])
  func serializeThenParseGivesTheSameValue(seed: UInt64) throws {
    var gen = ValueGenerator(rng: SplitMix64(state: seed))
    for _ in 0..<300 {
      let value = gen.value(depth: 5)
      for pretty in [false, true] {
        let text = value.serialized(pretty: pretty)
        let back = try JSONValue.parse(text, name: "round-trip")
        #expect(back == value, "seed \(seed): \(String(decoding: text, as: UTF8.self))")
        // Serializing again gives the same bytes: the output is deterministic.
        #expect(back.serialized(pretty: pretty) == text)
      }
    }
  }
}

/// The pull reader (`JSONPullReader`) is the parser read piece by piece: walking a
/// document through it finds the same errors, at the same place, as parsing it whole.
struct JSONPullReaderTests {
  /// The error of walking `input` with the pull reader (every container entered,
  /// every scalar read), or nil when it is a valid document.
  static func pullError(_ input: [UInt8]) -> InputError? {
    do throws(InputError) {
      var p = try JSONPullReader(bytes: input, name: "t.json")
      try p.parser.skipWhitespace()
      guard !p.parser.atEnd else { throw p.parser.emptyInput() }
      try p.skipValue()
      try p.expectEnd()
      return nil
    } catch {
      return error
    }
  }

  @Test(arguments: [
    "{\"code\": 007}", "[-01]", "[\"a\tb\"]", "[1, 2", "{\n  \"a\": 1\n  \"b\": 2\n}", "[1, 2 3]",
    "{\"a\": {\"b\": [1, {\"c\": 2,}]}}", "{\"a\": [1, 2,]}", "[\"ñandú\", x]", "{\"año\": 1, \"año\": 2}",
    "{\"a\": {\"x\": 1, \"x\": 2}}", "[1] 2", "{\"a\" 1}", "{1: 2}", "{\"a\": 1", "{\"a\": ", "{\"a\": [", "[{}, []",
    "[1,\r\r  True]", "{'a': 1}", "{\"a\": 1,}", "[,1]", "{,}", "[1]]",
    String(repeating: "[", count: 513), String(repeating: "{\"a\":", count: 600),
    // 41 keys: the parser finds duplicates by a table past 40.
    "{" + (1...41).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + ", \"k3\": 0}",
  ])
  func sameErrorsAsTheParser(_ text: String) {
    let whole = documentError(bytes(text))
    let pulled = Self.pullError(bytes(text))
    #expect(whole != nil)
    #expect(pulled?.location == whole?.location, "\(text)")
    #expect(pulled?.message == whole?.message, "\(text)")
  }

  @Test func readsMembersAndElementsInOrder() throws {
    let text = #"{"a": 1, "skip": {"x": [1, {"y": null}], "z": "t"}, "list": [true, "s", [2], {"k": 3}], "e": {}}"#
    var p = try JSONPullReader(bytes: bytes(text), name: "t.json")
    #expect(try p.enterObject())
    var seen: [String] = []
    while let key = try p.nextKey() {
      seen.append(key)
      switch key {
      case "a": #expect(try p.readValue() == .number("1"))
      case "list":
        #expect(try !p.enterObject())
        #expect(try p.enterArray())
        var items: [JSONValue] = []
        while try p.nextElement() { items.append(try p.readValue()) }
        #expect(items == [.bool(true), .string("s"), .array([.number("2")]), .object([JSONMember("k", .number("3"))])])
      case "e":
        #expect(try p.enterObject())
        #expect(try p.nextKey() == nil)
      default: try p.skipValue()
      }
    }
    try p.expectEnd()
    #expect(seen == ["a", "skip", "list", "e"])
    // 512 levels are fine, entered or read whole.
    let deep = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    #expect(Self.pullError(bytes(deep)) == nil)
  }
}
