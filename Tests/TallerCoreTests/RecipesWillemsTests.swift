import Foundation
import Testing

@testable import TallerCore

/// The 38 real multi-echelon supply chains of
///   Willems, S. P. (2008). "Data Set — Real-World Multiechelon Supply Chains Used
///   for Inventory Optimization." Manufacturing & Service Operations Management
///   10(1):19–23.
/// (Tests/Data/willems2008, one CSV per sheet of the published workbook.)
///
/// Stages (`NN_SD.csv`) are products; a link `source,destination` (`NN_LL.csv`)
/// means the destination's recipe contains the source, qty 1. End items are the
/// stages nobody consumes. With one unit of every end item ordered, the summary of
/// each component is the number of paths from the end items down to it, and
/// where-used of every leaf must agree with the explosion of each product.
struct RecipesWillemsTests {
  struct Chain {
    var stages: [String]
    var links: [(source: String, destination: String, line: Int)]
  }

  /// `<repo>/Tests/Data/willems2008`, found from this file's path
  /// (`<repo>/Tests/TallerCoreTests/RecipesWillemsTests.swift`).
  static let dataDirectory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Data/willems2008")

  /// A missing data folder fails the run; it is never a reason to skip.
  @Test func dataFolderIsPresent() throws {
    for number in 1...38 {
      for sheet in ["SD", "LL"] {
        let file = Self.dataDirectory.appendingPathComponent("\(number < 10 ? "0" : "")\(number)_\(sheet).csv").path
        try #require(
          FileManager.default.fileExists(atPath: file),
          "Willems (2008) data missing: \(file) does not exist (it is part of the repository)")
      }
    }
  }

  /// Lines of a CSV without their line ends. The files end lines with CRLF, which
  /// Swift reads as one Character, a newline.
  static func lines(_ name: String) throws -> [String] {
    let text = try String(contentsOf: dataDirectory.appendingPathComponent(name), encoding: .utf8)
    return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(
      String.init)
  }

  static func load(_ number: Int) throws -> Chain {
    let prefix = number < 10 ? "0\(number)" : "\(number)"
    let sd = try lines("\(prefix)_SD.csv")
    let ll = try lines("\(prefix)_LL.csv")
    #expect(sd.first?.hasPrefix("Stage Name,") == true)
    #expect(ll.first == "sourceStage,destinationStage")
    // Plain splitting is safe: no quote in the link files, and none in the stage
    // name column (one stage file has a quoted formula in a trailing column; only
    // the first field is read).
    var stages: [String] = []
    for line in sd.dropFirst() {
      let name = line.prefix { $0 != "," }
      #expect(!name.contains("\""))
      if !name.isEmpty { stages.append(String(name)) }
    }
    var links: [(source: String, destination: String, line: Int)] = []
    for (i, line) in ll.enumerated().dropFirst() where !line.isEmpty {
      #expect(!line.contains("\""))
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      #expect(fields.count == 2)
      links.append((String(fields[0]), String(fields[1]), i + 1))
    }
    return Chain(stages: stages, links: links)
  }

  static func catalogue(_ chain: Chain) throws -> RecipeCatalog {
    let destinations = Set(chain.links.map(\.destination))
    let products = chain.stages.enumerated().map { i, name in
      Product(
        code: ProductCode(name), type: destinations.contains(name) ? .produced : .raw,
        replacementCost: dec("1"),
        file: "SD.csv", line: i + 2)
    }
    let lines = chain.links.map {
      RecipeLine(
        parent: ProductCode($0.destination), component: ProductCode($0.source), qty: dec("1"),
        file: "LL.csv",
        line: $0.line)
    }
    return try RecipeCatalog(products: products, lines: lines)
  }

  /// Number of paths from any end item down to each stage (paths of one link or
  /// more), memoized over the stages ordered so that consumers come first.
  static func pathCounts(_ chain: Chain) -> [String: Int] {
    var consumers: [String: [String]] = [:]
    var suppliers: [String: [String]] = [:]
    for link in chain.links {
      consumers[link.source, default: []].append(link.destination)
      suppliers[link.destination, default: []].append(link.source)
    }
    // Kahn's order from the end items (no consumers) towards the raw stages.
    var remaining: [String: Int] = [:]
    for stage in chain.stages { remaining[stage] = consumers[stage]?.count ?? 0 }
    var queue = chain.stages.filter { remaining[$0] == 0 }
    // Paths from an end item to the stage; an end item itself counts 1.
    var paths: [String: Int] = [:]
    for stage in queue { paths[stage] = 1 }
    var head = 0
    while head < queue.count {
      let stage = queue[head]
      head += 1
      for source in suppliers[stage] ?? [] {
        paths[source, default: 0] += paths[stage] ?? 0
        remaining[source]! -= 1
        if remaining[source] == 0 { queue.append(source) }
      }
    }
    #expect(queue.count == chain.stages.count)  // acyclic
    var counts: [String: Int] = [:]
    for stage in chain.stages where consumers[stage] != nil { counts[stage] = paths[stage] }
    return counts
  }

  @Test(arguments: 1...38)
  func summaryCountsPathsFromTheEndItems(chain number: Int) throws {
    let chain = try Self.load(number)
    let catalog = try Self.catalogue(chain)
    let consumed = Set(chain.links.map(\.source))
    let endItems = chain.stages.filter { !consumed.contains($0) }
    let orders = endItems.map { OrderLine(id: $0, product: ProductCode($0), qty: dec("1")) }
    let summary = try catalog.summarize(orders)
    let got = Dictionary(
      uniqueKeysWithValues: summary.requirements.map { ($0.component.raw, $0.qty) })
    let expected = Self.pathCounts(chain).mapValues { ExactDecimal($0) }
    #expect(got == expected)
    #expect(summary.requirements.allSatisfy { $0.warehouse == nil })
    // The explosion has one row per path, and adds up to the same.
    let explosion = try catalog.explode(orders)
    #expect(
      explosion.rows.count == expected.values.reduce(0) { $0 + Int($1.raw / ExactDecimal.one) })
  }

  @Test(arguments: 1...38)
  func whereUsedOfEveryLeafAgreesWithTheExplosion(chain number: Int) throws {
    let chain = try Self.load(number)
    let catalog = try Self.catalogue(chain)
    let destinations = Set(chain.links.map(\.destination))
    // contains[P][X]: units of X in one P, from P's explosion.
    var contains: [String: [String: ExactDecimal]] = [:]
    for stage in chain.stages where destinations.contains(stage) {
      for row in try catalog.explode([OrderLine(product: ProductCode(stage), qty: dec("1"))]).rows {
        contains[stage, default: [:]][row.component.raw, default: .zero] += row.qty
      }
    }
    for leaf in chain.stages where !destinations.contains(leaf) {
      var expected: [String: ExactDecimal] = [:]
      for (p, amounts) in contains { if let q = amounts[leaf] { expected[p] = q } }
      let used = try catalog.whereUsed(ProductCode(leaf))
      #expect(
        Dictionary(uniqueKeysWithValues: used.map { ($0.product.raw, $0.qty) }) == expected,
        "leaf \(leaf)")
    }
  }
}
