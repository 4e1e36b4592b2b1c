import FuzzSupport
@testable import TallerIO

fuzzMain(fuzzJSON)

/// libFuzzer target: the JSON parser (`JSONValue.parse`, `parseNDJSON`) and the JSON
/// record reader under each layout, directly and through `ReadAhead`.
///
/// Beyond not crashing:
/// - a document that parses, written compact or pretty, parses to the same value,
///   and written compact again gives the same bytes;
/// - NDJSON that parses, written one compact value per line, gives the same values
///   on lines 1, 2, …;
/// - every error has a line, and one within the input, and a column from 1 (BAD-INPUTS
///   #48), except "empty input" and UTF-16, which name no place in it;
/// - the record reader's records each have as many fields as the header, the
///   header's names are distinct, records come in line order, and `ReadAhead` gives
///   the same records and the same error.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  var lines = 1
  for (i, b) in bytes.enumerated() where b == 0x0A || (b == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) {
    lines += 1
  }

  func placed(_ error: InputError) {
    if error.message == "empty input" || error.message.hasPrefix("file is UTF-16") { return }
    check(
      error.location.line >= 1 && error.location.line <= lines && error.location.column >= 1,
      "\(shown(bytes)): error without a place in the input (\(lines) lines): \(error)")
  }

  do {
    let value = try JSONValue.parse(bytes, name: "f.json")
    let compact = value.serialized(pretty: false)
    for text in [compact, value.serialized(pretty: true)] {
      do {
        let again = try JSONValue.parse(text, name: "again.json")
        check(again == value, "\(shown(bytes)) written as \(shown(text)) reads back differently")
        check(again.serialized(pretty: false) == compact, "\(shown(bytes)): compact form not stable")
      } catch {
        check(false, "\(shown(bytes)) written as \(shown(text)) does not read back: \(error)")
      }
    }
  } catch {
    placed(error)
  }

  do {
    let values = try JSONValue.parseNDJSON(bytes, name: "f.ndjson")
    var text: [UInt8] = []
    for (_, value) in values { text += value.serialized(pretty: false) + [0x0A] }
    do {
      let again = try JSONValue.parseNDJSON(text, name: "again.ndjson")
      check(again.map(\.value) == values.map(\.value), "\(shown(bytes)): NDJSON written as \(shown(text)) reads back differently")
      check(again.map(\.line) == Array(1...values.count), "\(shown(bytes)): NDJSON written one per line, on other lines")
    } catch {
      check(false, "\(shown(bytes)): NDJSON written as \(shown(text)) does not read back: \(error)")
    }
  } catch {
    placed(error)
  }

  for layout in [JSONRecordReader.Layout.auto, .json, .ndjson] {
    let direct = read { () throws(InputError) in try JSONRecordReader(bytes: bytes, name: "f.json", layout: layout) }
    if let error = direct.error, direct.header == nil { placed(error) }
    if layout == .auto {
      let ahead = read { () throws(InputError) in
        ReadAhead(try JSONRecordReader(bytes: bytes, name: "f.json", layout: layout), batchSize: 3, depth: 1)
      }
      check(ahead == direct, "\(shown(bytes)): ReadAhead gives other records than the JSON reader")
    }
  }
  return 0
}

struct Outcome: Equatable {
  var header: [String]?
  var rows: [[String]] = []
  var lines: [Int] = []
  var error: InputError?

  static func == (a: Outcome, b: Outcome) -> Bool {
    a.header == b.header && a.rows == b.rows && a.lines == b.lines && a.error?.description == b.error?.description
  }
}

/// Reads every record, checking each against the reader's promises.
func read(_ open: () throws(InputError) -> RecordReader) -> Outcome {
  var outcome = Outcome()
  do {
    let reader = try open()
    outcome.header = reader.header
    check(Set(reader.header).count == reader.header.count, "duplicate header names \(reader.header)")
    let record = Record()
    var last = 0
    while try reader.next(into: record) {
      check(record.count == reader.header.count, "a record of \(record.count) fields under \(reader.header.count) columns")
      check(record.line >= last && record.line >= 1, "record on line \(record.line) after line \(last)")
      last = record.line
      outcome.rows.append(record.strings)
      outcome.lines.append(record.line)
    }
  } catch {
    outcome.error = error
  }
  return outcome
}
