import Foundation
import Testing

@testable import TallerCore
@testable import TallerIO

/// The one row reader's problem reporting: every malformed header, record and cell
/// of every input is recorded with its FILE:LINE:COLUMN, the good rows are still
/// delivered, and `check()` throws them all in input, line and column order.
struct TableReadingTests {
  static let schema = Schema("production", [
    Column("ot", .code, required: true),
    Column("qty", .qty, required: true),
    Column("date", .date),
  ])

  /// Reads each (name, text) input with the schema; returns the good rows as
  /// "ot qty date" and the problems `check()` throws.
  static func read(_ inputs: [(String, String)]) throws -> (rows: [String], problems: [Problem]) {
    let dir = try CSVFixture.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var sources: [InputSource] = []
    for (name, text) in inputs {
      let url = dir.appendingPathComponent(name)
      try Data(text.utf8).write(to: url)
      sources.append(.file(url.path))
    }
    let reading = TableReading(options: ReadOptions()) { _, _ in }
    var rows: [String] = []
    try reading.forEachRow(sources, schema) { (t, r) throws(InputError) in
      let ot = try t.requiredCode(r, 0)
      let qty = try t.requiredDecimal(r, 1)
      let date = try t.date(r, 2).map(\.description) ?? "-"
      rows.append("\(ot) \(qty) \(date)")
    }
    do {
      try reading.check()
      return (rows, [])
    } catch {
      // Names without the folder: places read as the user gave them.
      return (rows, error.problems.map { p in
        var p = p
        p.location.file = URL(fileURLWithPath: p.location.file).lastPathComponent
        return p
      })
    }
  }

  @Test func everyBadCellIsReportedAndTheGoodRowsRead() throws {
    let (rows, problems) = try Self.read([
      ("a.csv", "ot,qty,date\nOT-1,3,2026-10-01\nOT-2,x,2026-10-02\n,,\nOT-3,4,2026-13-01\n ,5,\nOT-4,1.5,\n")
    ])
    #expect(rows == ["OT-1 3 2026-10-01", "OT-4 1.5 -"])
    // Line 4 (",,") is blank and skipped; each other bad row gives its first bad cell.
    #expect(problems.map(\.location.description) == ["a.csv:3:2", "a.csv:5:3", "a.csv:6:1"])
    #expect(problems[0].description.hasPrefix("a.csv:3:2: qty \"x\""))
    #expect(problems[2].message == "ot is empty")
    #expect(problems.allSatisfy { $0.kind == "malformed cell" && $0.isError })
  }

  @Test func problemsOfSeveralInputsComeInTheOrderTheInputsWereOpened() throws {
    let (rows, problems) = try Self.read([
      ("b.csv", "ot,qty\nOT-1,bad\nOT-2,2\n"),
      ("a.csv", "ot,date\nOT-9,2026-10-01\n"),  // no qty column: the whole input is skipped
      ("c.csv", "ot,qty\nOT-3,1\n\"OT-4,2\nOT-5,9\n"),  // an unclosed quote ends the input
    ])
    #expect(rows == ["OT-2 2 -", "OT-3 1 -"])
    #expect(problems.map(\.kind) == ["malformed cell", "malformed header", "malformed record"])
    #expect(problems[0].location.description == "b.csv:2:2")
    #expect(problems[1].location.description == "a.csv:1")
    #expect(problems[1].message.contains("missing column qty"))
    #expect(problems[2].location.file == "c.csv")
    #expect(problems[2].location.line == 3)
  }

  @Test func findingsOfTheRulesAreSortedInWithTheReadingProblems() throws {
    let reading = TableReading(options: ReadOptions()) { _, _ in }
    reading.add(Problem(at: SourceLocation(file: "x.csv", line: 9), "late", kind: "rule"))
    reading.add(InputError(at: SourceLocation(file: "x.csv", line: 2, column: 3), "early"))
    reading.add(Problem(at: SourceLocation(file: "x.csv", line: 5), "a warning", kind: "rule", isError: false))
    #expect(reading.sortedProblems().map(\.message) == ["early", "a warning", "late"])
    #expect(reading.sortedProblems()[1].description == "x.csv:5: warning: a warning")
    #expect(throws: InputErrors.self) { try reading.check() }
  }

  @Test func warningsAloneDoNotStopTheRun() throws {
    let reading = TableReading(options: ReadOptions()) { _, _ in }
    reading.add(Problem(at: SourceLocation(file: "x.csv", line: 5), "a warning", kind: "rule", isError: false))
    try reading.check()
  }
}
