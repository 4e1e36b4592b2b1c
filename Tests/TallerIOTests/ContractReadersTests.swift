import Foundation
import Testing

@testable import TallerCore
@testable import TallerIO

/// Warnings and problems of the contract readers name the file they come from,
/// also with several files of a kind and with two inputs read at the same time.
struct ContractReadersTests {
  /// Warnings shown, in order (the reading's warn may be called from any thread).
  final class Shown: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ w: Warning) {
      lock.lock()
      list.append(w.description)
      lock.unlock()
    }
    var all: [String] {
      lock.lock()
      defer { lock.unlock() }
      return list
    }
  }

  static func files(_ inputs: [(String, String)]) throws -> (URL, [InputSource]) {
    let dir = try CSVFixture.directory()
    var sources: [InputSource] = []
    for (name, text) in inputs {
      let url = dir.appendingPathComponent(name)
      try Data(text.utf8).write(to: url)
      sources.append(.file(url.path))
    }
    return (dir, sources)
  }

  static func name(_ w: String) -> String { String(w.split(separator: "/").last ?? "") }

  @Test func aRepeatedVoucherIsWarnedAboutInItsOwnFile() throws {
    let header = "ot,code,date,time_type,status,evidence_url,updated_on\n"
    // b.csv line 2 repeats a.csv line 3; a.csv also has a line 2.
    let (dir, sources) = try Self.files([
      ("a.csv", header + "OT-1,A1,2026-10-01,CMA,VALIDADO,https://e/1.pdf,\nOT-1,A2,2026-10-01,CMA,VALIDADO,https://e/1.pdf,\n"),
      ("b.csv", header + "OT-1,A2,2026-10-01,CMA,PENDIENTE,,\n"),
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let shown = Shown()
    let reading = TableReading(options: ReadOptions()) { w, _ in shown.add(w) }
    let register = try ContractReaders(reading).voucherRegister(sources)
    #expect(register.count == 2)
    #expect(register.findings.map(\.index) == [2])
    #expect(shown.all.map(Self.name) == ["b.csv:2: warning: voucher for OT-1 A2 on 2026-10-01 (CMA) is already on line 3"])
  }

  @Test func aSiteGivenTwiceIsWarnedAboutInItsOwnFile() throws {
    let header = "site,supervisor_a,supervisor_b,a_starts_on,days\n"
    // The same rotation on line 2 of both files: the second one is the repeat.
    let (dir, sources) = try Self.files([
      ("g1.csv", header + "S1,Ana,Beto,2026-10-01,14\n"),
      ("g2.csv", header + "S1,Ana,Beto,2026-10-01,14\n"),
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let shown = Shown()
    let reading = TableReading(options: ReadOptions()) { w, _ in shown.add(w) }
    _ = try ContractReaders(reading).guardSchedule(sources)
    #expect(shown.all.map(Self.name) == ["g2.csv:2: warning: site S1 already has a rotation; this one is not used"])
  }

  @Test func twoInputsReadAtOnceRankTheBranchFirst() throws {
    let (dir, sources) = try Self.files([
      ("main.csv", "ot,qty\nOT-1,x\n"),
      ("branch.csv", "ot,qty\nOT-2,y\n"),
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let schema = TableReadingTests.schema
    let reading = TableReading(options: ReadOptions()) { _, _ in }
    func rows(_ r: TableReading, _ source: InputSource) throws -> Int {
      var n = 0
      try r.forEachRow([source], schema) { (t, rec) throws(InputError) in
        _ = try t.requiredDecimal(rec, 1)
        n += 1
      }
      return n
    }
    let (theirs, mine) = try reading.alongside({ try rows($0, sources[1]) }) { try rows(reading, sources[0]) }
    #expect(theirs == 0 && mine == 0)
    #expect(throws: InputErrors.self) { try reading.check() }
    let files = reading.sortedProblems().map { Self.name($0.location.file) }
    #expect(files == ["branch.csv", "main.csv"])
  }
}
