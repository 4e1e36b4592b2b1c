import Foundation
import Testing

/// post-documents gives the same bytes for the same documents, whatever the order
/// of their rows in the files (SPEC §2, issue 11).
struct PostDocumentsTests {
  static let story = GoldenCase.fixtures.appendingPathComponent("post-documents/seed-story")
  static let outputs = ["stock.csv", "balances.csv", "journeys-report.csv", "folios.csv", "costs.csv"]
  static let options =
    "--products products.csv --bom bom.csv --journeys journeys.csv --opening-stock opening-stock.csv --period-start 2026-11-04 --last-control 2026-11-02 --stock-out stock.csv --balances-out balances.csv --journeys-out journeys-report.csv --folios-out folios.csv --costs-out costs.csv"

  /// Runs the story over `documents` (file names in the scratch folder) and returns
  /// the ledger followed by every side table.
  func post(_ work: URL, _ documents: String) throws -> [Data] {
    let r = try runShell("post-documents \(Self.options) \(documents)", in: work)
    #expect(r.status == 0, "\(String(decoding: r.stderr, as: UTF8.self))")
    return try [r.stdout] + Self.outputs.map { try Data(contentsOf: work.appendingPathComponent($0)) }
  }

  @Test func sameBytesTwice() throws {
    let work = try scratchCopy(of: Self.story)
    defer { try? FileManager.default.removeItem(at: work) }
    let first = try post(work, "1-pp.csv 2-pd.csv 3-pr.csv 4-pi.csv")
    let second = try post(work, "1-pp.csv 2-pd.csv 3-pr.csv 4-pi.csv")
    #expect(first == second)
    #expect(!first[0].isEmpty)
  }

  /// Every row of the story in one file, shuffled ten ways (a fixed generator),
  /// and the files given in reverse: the outputs are byte for byte the same.
  @Test func shuffledRowsPostTheSame() throws {
    let work = try scratchCopy(of: Self.story)
    defer { try? FileManager.default.removeItem(at: work) }
    let reference = try post(work, "1-pp.csv 2-pd.csv 3-pr.csv 4-pi.csv")
    #expect(try post(work, "4-pi.csv 3-pr.csv 2-pd.csv 1-pp.csv") == reference)
    var rows: [String] = []
    var header = ""
    for f in ["1-pp.csv", "2-pd.csv", "3-pr.csv", "4-pi.csv"] {
      let lines = try String(contentsOf: work.appendingPathComponent(f), encoding: .utf8).split(separator: "\n")
      header = String(lines[0])
      rows += lines.dropFirst().map(String.init)
    }
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    for k in 0..<10 {
      for i in stride(from: rows.count - 1, to: 0, by: -1) {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        rows.swapAt(i, Int((state >> 33) % UInt64(i + 1)))
      }
      let name = "shuffled-\(k).csv"
      try ([header] + rows).joined(separator: "\n").appending("\n")
        .write(to: work.appendingPathComponent(name), atomically: true, encoding: .utf8)
      #expect(try post(work, name) == reference, "order \(rows)")
    }
  }

  /// examples/documents holds the same story as the golden case whose README works
  /// it out by hand: the files must not drift apart.
  @Test func theExampleIsTheGoldenStory() throws {
    let examples = GoldenCase.fixtures.deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("examples/documents")
    for f in ["products.csv", "bom.csv", "journeys.csv", "opening-stock.csv", "1-pp.csv", "2-pd.csv", "3-pr.csv", "4-pi.csv"] {
      let a = try Data(contentsOf: examples.appendingPathComponent(f))
      let b = try Data(contentsOf: Self.story.appendingPathComponent(f))
      #expect(a == b, "examples/documents/\(f) differs from the seed-story case's")
    }
  }
}
