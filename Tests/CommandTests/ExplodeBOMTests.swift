import Foundation
import Testing

/// explode-bom run as a built binary over inputs generated here: a recipe 2,000
/// levels deep (docs/BAD-INPUTS.md #49, #51) and the 38 Willems (2008) supply chains.
@Suite struct ExplodeBOMTests {
  /// A scratch folder with the given files, removed by the caller.
  static func folder(_ files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("taller-explode-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in files {
      try Data(text.utf8).write(to: dir.appendingPathComponent(name))
    }
    return dir
  }

  /// Data rows of a CSV output whose fields never need quotes.
  static func rows(_ data: Data) -> [[String]] {
    String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst()
      .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
  }

  // MARK: - A recipe 2,000 levels deep

  /// P0000 → P0001 → … → P2000, each line 1.0000000001 of the next product.
  ///
  /// By hand: level k needs q_k = round(q_(k−1) × 1.0000000001) at the tenth
  /// decimal. With q_(k−1) = 1 + (k−1)·10⁻¹⁰ the exact product is
  /// 1 + k·10⁻¹⁰ + (k−1)·10⁻²⁰, and (k−1)·10⁻²⁰ < 0.5·10⁻¹⁰ for every k ≤ 2,000,
  /// so q_k = 1 + k·10⁻¹⁰: level 1 is 1.0000000001, level 2,000 is 1.0000002.
  static let depth = 2000

  static func code(_ i: Int) -> String {
    "P" + String(repeating: "0", count: 4 - String(i).count) + String(i)
  }

  /// 1 + k·10⁻¹⁰ written as the command writes it (shortest exact form).
  static func onePlus(tenthsOfBillionths k: Int) -> String {
    if k == 0 { return "1" }
    var digits = String(k)
    digits = String(repeating: "0", count: 10 - digits.count) + digits
    while digits.hasSuffix("0") { digits.removeLast() }
    return "1." + digits
  }

  static func deepChain(closingCycle: Bool = false) throws -> URL {
    var products = "code,type,unit,replacement_cost\n"
    var bom = "parent,component,qty\n"
    for i in 0...Self.depth {
      // Closing the cycle gives P2000 a recipe line: it is produced then.
      let leaf = i == Self.depth && !closingCycle
      products += "\(code(i)),\(leaf ? "raw" : "produced"),u,\(leaf ? "1" : "")\n"
      if i < Self.depth { bom += "\(code(i)),\(code(i + 1)),1.0000000001\n" }
    }
    if closingCycle { bom += "\(code(Self.depth)),\(code(0)),1\n" }
    return try folder(["products.csv": products, "bom.csv": bom, "orders.csv": "product,qty\nP0000,1\n"])
  }

  @Test func twoThousandLevelsExplodeWithoutRecursion() throws {
    #expect(Self.onePlus(tenthsOfBillionths: 2000) == "1.0000002")
    let dir = try Self.deepChain()
    defer { try? FileManager.default.removeItem(at: dir) }
    let base = "explode-bom --products products.csv --bom bom.csv"

    let explosion = try runShell("\(base) orders.csv", in: dir)
    #expect(explosion.status == 0)
    #expect(explosion.stderr.isEmpty)
    let rows = Self.rows(explosion.stdout)
    #expect(rows.count == Self.depth)
    for (k, row) in rows.enumerated() {
      let level = k + 1
      guard row.count == 12 else {
        Issue.record("row \(level) has \(row.count) fields")
        break
      }
      #expect(row[1] == String(level))
      #expect(row[3] == Self.code(level - 1) && row[4] == Self.code(level))
      #expect(row[6] == Self.onePlus(tenthsOfBillionths: level))
    }
    // The path of the deepest row names all 2,001 products.
    #expect(rows.last?[2] == (0...Self.depth).map(Self.code).joined(separator: "/"))

    let summary = try runShell("\(base) --summary orders.csv", in: dir)
    #expect(summary.status == 0)
    let totals = Self.rows(summary.stdout)
    #expect(totals.count == Self.depth)
    for (i, row) in totals.enumerated() {
      // Rows by code: P0001 … P2000, P_k needed 1 + k·10⁻¹⁰.
      #expect(row[0] == Self.code(i + 1) && row[2] == Self.onePlus(tenthsOfBillionths: i + 1))
    }

    let used = try runShell("explode-bom --products products.csv --bom bom.csv --where-used P2000", in: dir)
    #expect(used.status == 0)
    let usedRows = Self.rows(used.stdout)
    #expect(usedRows.count == Self.depth)
    for (j, row) in usedRows.enumerated() {
      // P_j holds P2000 through 2000 − j levels; only P1999 names it directly.
      #expect(row[1] == Self.code(j) && row[3] == Self.onePlus(tenthsOfBillionths: Self.depth - j))
      #expect(row[4] == (j == Self.depth - 1 ? "true" : "false"))
    }

    let costs = try runShell("explode-bom --products products.csv --bom bom.csv --costs", in: dir)
    #expect(costs.status == 0)
    let costRows = Self.rows(costs.stdout)
    #expect(costRows.count == Self.depth + 1)
    // P2000 costs 1; P_j costs round(cost(P_(j+1)) × 1.0000000001) = 1 + (2000 − j)·10⁻¹⁰.
    for (j, row) in costRows.enumerated() {
      #expect(row[0] == Self.code(j) && row[3] == Self.onePlus(tenthsOfBillionths: Self.depth - j))
    }
  }

  @Test func aCycleTwoThousandLongIsReportedWithItsPath() throws {
    let dir = try Self.deepChain(closingCycle: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try runShell("explode-bom --products products.csv --bom bom.csv orders.csv", in: dir)
    #expect(result.status == 65)
    #expect(result.stdout.isEmpty)
    let path = ((0...Self.depth).map(Self.code) + ["P0000"]).joined(separator: " → ")
    // The cycle is found from P0000, at its first step (bom.csv line 2); P2000
    // gets its recipe line, so nothing else is wrong.
    let message = String(decoding: result.stderr, as: UTF8.self)
    let expected = "explode-bom: bom.csv:2: product P0000 contains itself: \(path)\n"
    let same = message == expected  // compared apart: the message is 16 kB long
    #expect(same, "stderr starts \(message.prefix(300)) and is \(message.utf8.count) bytes, not \(expected.utf8.count)")
  }

  // MARK: - Willems (2008)

  /// The 38 real multi-echelon supply chains of
  ///   Willems, S. P. (2008). "Data Set — Real-World Multiechelon Supply Chains Used
  ///   for Inventory Optimization." Manufacturing & Service Operations Management
  ///   10(1):19–23.
  /// Stages (`NN_SD.csv`) become products; a link `source,destination`
  /// (`NN_LL.csv`) is a recipe line parent = destination, component = source,
  /// qty 1. End items are the stages with no outgoing link (nobody consumes them).
  /// The data are in `<repo>/Tests/Data/willems2008`, found from this file's path
  /// (`<repo>/Tests/CommandTests/ExplodeBOMTests.swift`).
  static let willems: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Data/willems2008")

  /// A missing data folder fails the run; it is never a reason to skip.
  @Test func willemsDataIsPresent() throws {
    for n in 1...38 {
      for sheet in ["SD", "LL"] {
        let file = Self.willems.appendingPathComponent("\(n < 10 ? "0" : "")\(n)_\(sheet).csv").path
        try #require(
          FileManager.default.fileExists(atPath: file),
          "Willems (2008) data missing: \(file) does not exist (it is part of the repository)")
      }
    }
  }

  struct Chain {
    var stages: [String] = []
    var links: [(source: String, destination: String)] = []
  }

  static func lines(_ name: String) throws -> [String] {
    let text = try String(contentsOf: willems.appendingPathComponent(name), encoding: .utf8)
    return text.split(whereSeparator: \.isNewline).map(String.init)
  }

  static func load(_ n: Int) throws -> Chain {
    let prefix = n < 10 ? "0\(n)" : "\(n)"
    var chain = Chain()
    // Stage names never hold a comma or a quote; one stage file has a quoted
    // formula in a trailing column, and only the first field is read.
    for line in try lines("\(prefix)_SD.csv").dropFirst() {
      let name = String(line.prefix { $0 != "," })
      if !name.isEmpty { chain.stages.append(name) }
    }
    for line in try lines("\(prefix)_LL.csv").dropFirst() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false)
      if f.count == 2 { chain.links.append((String(f[0]), String(f[1]))) }
    }
    return chain
  }

  /// An independent model: counts of paths, memoized over a topological order.
  struct PathModel {
    var index: [String: Int] = [:]
    var names: [String] = []
    var components: [[Int]] = []
    var parents: [[Int]] = []
    /// Consumers before what they consume.
    var order: [Int] = []
    var isEnd: [Bool] = []

    init(_ chain: Chain) {
      for s in chain.stages where index[s] == nil {
        index[s] = names.count
        names.append(s)
      }
      components = Array(repeating: [], count: names.count)
      parents = Array(repeating: [], count: names.count)
      for l in chain.links {
        guard let s = index[l.source], let d = index[l.destination] else { continue }
        components[d].append(s)
        parents[s].append(d)
      }
      isEnd = parents.map(\.isEmpty)
      // Kahn's algorithm from the end items down.
      var waiting = parents.map(\.count)
      var queue = (0..<names.count).filter { waiting[$0] == 0 }
      var head = 0
      while head < queue.count {
        let p = queue[head]
        head += 1
        for c in components[p] {
          waiting[c] -= 1
          if waiting[c] == 0 { queue.append(c) }
        }
      }
      order = queue
    }

    /// For every stage, the number of paths (one link or more) from any end item to it.
    func pathsFromEndItems() -> [Int] {
      var reach = [Int](repeating: 0, count: names.count)  // paths of length ≥ 0
      var strict = [Int](repeating: 0, count: names.count)  // paths of length ≥ 1
      for v in order {
        strict[v] = parents[v].reduce(0) { $0 + reach[$1] }
        reach[v] = strict[v] + (isEnd[v] ? 1 : 0)
      }
      return strict
    }

    /// For every stage, the number of paths from it down to `leaf`.
    func pathsDown(to leaf: Int) -> [Int] {
      var count = [Int](repeating: 0, count: names.count)
      count[leaf] = 1
      for v in order.reversed() where v != leaf {
        count[v] = components[v].reduce(0) { $0 + count[$1] }
      }
      return count
    }
  }

  @Test func willemsChainsAgreeWithPathCounts() throws {
    for n in 1...38 {
      let chain = try Self.load(n)
      let model = PathModel(chain)
      #expect(model.order.count == model.names.count, "chain \(n) is acyclic")
      var products = "code,type,unit\n"
      for (i, name) in model.names.enumerated() {
        products += "\(name),\(model.components[i].isEmpty ? "raw" : "produced"),pza\n"
      }
      var bom = "parent,component,qty\n"
      for l in chain.links { bom += "\(l.destination),\(l.source),1\n" }
      let ends = model.names.indices.filter { model.isEnd[$0] }
      var orders = "id,product,qty\n"
      for e in ends { orders += "\(model.names[e]),\(model.names[e]),1\n" }
      let dir = try Self.folder(["products.csv": products, "bom.csv": bom, "orders.csv": orders])
      defer { try? FileManager.default.removeItem(at: dir) }
      let base = "explode-bom --products products.csv --bom bom.csv"

      // --summary: every product below an end item, as many times as there are paths to it.
      let summary = try runShell("\(base) --summary orders.csv", in: dir)
      #expect(summary.status == 0, "chain \(n): \(String(decoding: summary.stderr, as: UTF8.self))")
      let expected = model.pathsFromEndItems()
      var got: [String: String] = [:]
      for row in Self.rows(summary.stdout) { got[row[0]] = row[2] }
      let wanted = model.names.indices.filter { expected[$0] > 0 }
      #expect(got.count == wanted.count, "chain \(n): components in the summary")
      for v in wanted where got[model.names[v]] != String(expected[v]) {
        Issue.record("chain \(n): \(model.names[v]) summary \(got[model.names[v]] ?? "missing"), paths \(expected[v])")
      }

      // The explosion of every end item, summed per (end item, component).
      let explosion = try runShell("\(base) orders.csv", in: dir)
      #expect(explosion.status == 0)
      var exploded: [String: Int] = [:]
      for row in Self.rows(explosion.stdout) {
        exploded[row[0] + "|" + row[4], default: 0] += Int(row[6]) ?? -1_000_000
      }

      // --where-used of the leaves: each product that needs a leaf, by its number
      // of paths down to it, and for end items the explosion's total.
      let leaves = model.names.indices.filter { model.components[$0].isEmpty && !model.isEnd[$0] }
      let step = max(1, leaves.count / 60)
      let sample = stride(from: 0, to: leaves.count, by: step).map { leaves[$0] }
      let used = try runShell(
        "\(base) --where-used \(sample.map { model.names[$0] }.joined(separator: " "))", in: dir)
      #expect(used.status == 0)
      var byLeaf: [String: [String: String]] = [:]
      for row in Self.rows(used.stdout) { byLeaf[row[0], default: [:]][row[1]] = row[3] }
      for leaf in sample {
        let counts = model.pathsDown(to: leaf)
        let name = model.names[leaf]
        let rows = byLeaf[name] ?? [:]
        let users = model.names.indices.filter { $0 != leaf && counts[$0] > 0 }
        #expect(rows.count == users.count, "chain \(n): where-used \(name)")
        for p in users where rows[model.names[p]] != String(counts[p]) {
          Issue.record("chain \(n): \(model.names[p]) holds \(name) \(rows[model.names[p]] ?? "never"), paths \(counts[p])")
        }
        for e in ends where counts[e] > 0 {
          let fromExplosion = exploded[model.names[e] + "|" + name, default: 0]
          #expect(
            rows[model.names[e]] == String(fromExplosion),
            "chain \(n): where-used \(name) in \(model.names[e]) vs the explosion")
        }
      }
    }
  }
}
