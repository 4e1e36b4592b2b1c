import Foundation
import Testing

/// The contract of issue 13: a month split by family, or a plan's demands split by
/// tree, run part by part and concatenated, is the single run, byte for byte.
@Suite struct PartitionTests {
  static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

  /// The parts' CSV outputs concatenated: the first header, then every body.
  func concatenated(_ parts: [String]) -> String {
    var out = ""
    for (i, text) in parts.enumerated() {
      let header = text.prefix { $0 != "\n" }
      if i == 0 { out += header + "\n" }
      out += text.dropFirst(header.count + 1)
    }
    return out
  }

  @Test func monthSplitByFamilyConcatenatesToTheSingleRun() throws {
    let dir = try scratchCopy(of: Self.repo.appendingPathComponent("examples/contract"))
    defer { try? FileManager.default.removeItem(at: dir) }
    // The month split by family key (the initial OT; an OT no family holds is its
    // own part): OT-2026-017 holds its reprogramming -R1. A row of an unknown OT and
    // a repeated row are added, so rejects come from several parts.
    let long = try read(dir.appendingPathComponent("production/production-2026-10.csv"))
    var lines = long.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let header = lines.removeFirst()
    lines.removeAll { $0.isEmpty }
    lines.append("OT-2026-099,2.1.1,2026-10-05,CMA,3")
    lines.append(lines[1])
    var parts: [String: [String]] = [:]
    for line in lines {
      let ot = String(line.prefix { $0 != "," })
      let key = ot == "OT-2026-017-R1" ? "OT-2026-017" : ot
      parts[key, default: []].append(line)
    }
    let fm = FileManager.default
    for (key, rows) in parts {
      try fm.createDirectory(at: dir.appendingPathComponent("parts/\(key)"), withIntermediateDirectories: true)
      try ([header] + rows).joined(separator: "\n").appending("\n")
        .write(to: dir.appendingPathComponent("parts/\(key)/production.csv"), atomically: true, encoding: .utf8)
    }
    try fm.createDirectory(at: dir.appendingPathComponent("parts/OT-2026-021"), withIntermediateDirectories: true)
    try fm.moveItem(
      at: dir.appendingPathComponent("production/production-grid-2026-10.csv"),
      to: dir.appendingPathComponent("parts/OT-2026-021/production-grid.csv"))
    let keys = ["OT-2026-017", "OT-2026-021", "OT-2026-030", "OT-2026-099"]
    let files = [
      "parts/OT-2026-017/production.csv", "parts/OT-2026-021/production-grid.csv",
      "parts/OT-2026-030/production.csv", "parts/OT-2026-099/production.csv",
    ]
    let common = "--annex annex/ --work-orders work_orders.csv --daily daily/ --history history/ --guards guards.csv"
    let validate = "validate-excess \(common) --gpu gpu.csv"
    let closeDocument =
      "close-month --month 2026-10 \(common) --gpu closing/gpu-2026-10-validated.csv "
      + "--evidence https://example.com/2026-10.pdf"
    let close = closeDocument + " --output-format csv"

    let all = files.joined(separator: " ")
    let single = try runShell("\(validate) --rejects rejects.csv -o validated.csv \(all)", in: dir)
    #expect(single.status == 1)  // rows rejected
    let singleClose = try runShell("\(close) -o summary.csv validated.csv", in: dir)
    #expect(singleClose.status == 0, "\(String(decoding: singleClose.stderr, as: UTF8.self))")
    let singleDocument = try runShell("\(closeDocument) -o closed.json validated.csv", in: dir)
    #expect(singleDocument.status == 0, "\(String(decoding: singleDocument.stderr, as: UTF8.self))")

    var validated: [String] = []
    var rejects: [String] = []
    var summaries: [String] = []
    for (key, file) in zip(keys, files) {
      let run = try runShell(
        "\(validate) --family \(key) --rejects rejects-\(key).csv -o validated-\(key).csv \(file)", in: dir)
      #expect(run.status <= 1, "\(String(decoding: run.stderr, as: UTF8.self))")
      validated.append(try read(dir.appendingPathComponent("validated-\(key).csv")))
      rejects.append(try read(dir.appendingPathComponent("rejects-\(key).csv")))
      // Given every part's files, --family reads its own rows alone: the same bytes.
      let whole = try runShell(
        "\(validate) --family \(key) --rejects rejects-whole.csv -o validated-whole.csv \(all)", in: dir)
      #expect(whole.status == run.status)
      #expect(try read(dir.appendingPathComponent("validated-whole.csv")) == validated.last)
      #expect(try read(dir.appendingPathComponent("rejects-whole.csv")) == rejects.last)
      let closed = try runShell("\(close) --family \(key) -o summary-\(key).csv validated-\(key).csv", in: dir)
      #expect(closed.status == 0, "\(String(decoding: closed.stderr, as: UTF8.self))")
      summaries.append(try read(dir.appendingPathComponent("summary-\(key).csv")))
      let document = try runShell(
        "\(closeDocument) --family \(key) -o closed-\(key).json validated-\(key).csv", in: dir)
      #expect(document.status == 0, "\(String(decoding: document.stderr, as: UTF8.self))")
    }
    let singleValidated = try read(dir.appendingPathComponent("validated.csv"))
    let singleRejects = try read(dir.appendingPathComponent("rejects.csv"))
    #expect(concatenated(validated) == singleValidated)
    #expect(concatenated(rejects) == singleRejects)
    #expect(concatenated(summaries) == (try read(dir.appendingPathComponent("summary.csv"))))
    // The closed-month documents of the parts, merged (given in any order), are the
    // single run's document, and its summary; the single run is the reference.
    let singleClosed = try read(dir.appendingPathComponent("closed.json"))
    #expect(singleClosed.contains("\"family\": \"OT-2026-030\""))
    let documents = keys.reversed().map { "closed-\($0).json" }.joined(separator: " ")
    let merged = try runShell("close-month --merge \(documents)", in: dir)
    #expect(merged.status == 0, "\(String(decoding: merged.stderr, as: UTF8.self))")
    #expect(String(decoding: merged.stdout, as: UTF8.self) == singleClosed)
    let mergedSummary = try runShell("close-month --merge \(documents) --output-format csv", in: dir)
    #expect(
      String(decoding: mergedSummary.stdout, as: UTF8.self) == (try read(dir.appendingPathComponent("summary.csv"))))
    // Families in groups (OT-2026-017 with OT-2026-030; OT-2026-021 alone): the same bytes.
    for (name, group) in [("a", "OT-2026-017,OT-2026-030"), ("b", "OT-2026-021")] {
      let run = try runShell("\(closeDocument) --family \(group) -o group-\(name).json validated.csv", in: dir)
      #expect(run.status == 0, "\(String(decoding: run.stderr, as: UTF8.self))")
    }
    let groups = try runShell("close-month --month 2026-10 --merge group-b.json group-a.json", in: dir)
    #expect(String(decoding: groups.stdout, as: UTF8.self) == singleClosed)
    // The rejects do come from several parts: the repeated row (twice), the unknown OT.
    // OT-2026-017's part: header, its 14 rows and -R1's 13 (lines 2-28), then the
    // repeat of line 3 on line 29; the rows are in one file, so lines alone name them.
    #expect(singleRejects.contains("52.5,\"same OT, code, date and time type as line 29\""))
    #expect(singleRejects.contains("52.5,\"same OT, code, date and time type as line 3\""))
    #expect(singleRejects.contains("OT-2026-099,2.1.1,2026-10-05,CMA,3,"))
    #expect(csvRows(singleRejects).count == 1 + 4 + 3)
  }

  /// A family the single run closes for its active OT alone, with no production in
  /// the month, is in the parts too: split.py gives every family of the work orders
  /// its part (header-only files where it has no rows), its close-month --family
  /// closes it as the single run does, and the merged month is the single run's.
  @Test func aFamilyWithoutRowsIsClosedByItsPart() throws {
    let dir = try scratchCopy(of: Self.repo.appendingPathComponent("examples/contract"))
    defer { try? FileManager.default.removeItem(at: dir) }
    // OT-2026-040: active 2026-09-10..12-31, two C-7 concepts (10 TON of 7.1.01 at
    // MXN 58,420.00 / USD 3,271.50; 20 PZA of 7.1.04 at 12,870.00 / 720.70), 2.5
    // TON of 7.1.01 in September, a daily status for every day of October, and no
    // row in October. OT-2026-034 (inactive, November on) is closed by neither run.
    func append(_ text: String, to name: String) throws {
      let url = dir.appendingPathComponent(name)
      try (read(url) + text).write(to: url, atomically: true, encoding: .utf8)
    }
    try append("OT-2026-040,,initial,true,3,,,,PLAT-KU-A,,2026-09-10,2026-12-31\n", to: "work_orders.csv")
    try """
      ot,import_id,imported_on,active,annex,code,description,unit,authorized_qty,unit_price_mxn,unit_price_usd
      OT-2026-040,401,2026-09-05,true,C-7,7.1.01,Fabricación de soporte estructural tipo silleta,TON,10,58420.00,3271.50
      OT-2026-040,401,2026-09-05,true,C-7,7.1.04,Prefabricado de spool de tubería de 8 in cédula 80,PZA,20,12870.00,720.70

      """.write(to: dir.appendingPathComponent("annex/OT-2026-040-401.csv"), atomically: true, encoding: .utf8)
    try append(
      (1...31).map { "OT-2026-040,2026-10-\($0 < 10 ? "0" : "")\($0),LABORANDO,PLAT-KU-A\n" }.joined(),
      to: "daily/daily-2026-10.csv")
    try append("OT-2026-040,7.1.01,2026-09-22,CMA,2.5\n", to: "history/production-2026-09.csv")

    let split = Self.repo.appendingPathComponent("contrib/spark/split.py").path
    let splitRun = try runShell("python3 '\(split)' work_orders.csv ot parts production/*.csv", in: dir)
    #expect(splitRun.status == 0, "\(String(decoding: splitRun.stderr, as: UTF8.self))")
    let keys = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("parts").path).sorted()
    #expect(keys == ["OT-2026-017", "OT-2026-021", "OT-2026-030", "OT-2026-034", "OT-2026-040"])
    #expect(try read(dir.appendingPathComponent("parts/OT-2026-040/production-2026-10.csv")) == "ot,code,date,time_type,qty\n")

    let common = "--annex annex/ --work-orders work_orders.csv --daily daily/ --history history/ --guards guards.csv"
    let validate = "validate-excess \(common) --gpu gpu.csv"
    let closeDocument =
      "close-month --month 2026-10 \(common) --gpu closing/gpu-2026-10-validated.csv "
      + "--evidence https://example.com/2026-10.pdf"
    let close = closeDocument + " --output-format csv"
    #expect(try runShell("\(validate) --rejects rejects.csv -o validated.csv parts/*/*", in: dir).status == 1)
    let single = try runShell("\(closeDocument) -o closed.json validated.csv", in: dir)
    #expect(single.status == 0, "\(String(decoding: single.stderr, as: UTF8.self))")
    #expect(try runShell("\(close) -o summary.csv validated.csv", in: dir).status == 0)
    let singleClosed = try read(dir.appendingPathComponent("closed.json"))
    let singleSummary = try read(dir.appendingPathComponent("summary.csv"))
    #expect(singleClosed.contains("\"family\": \"OT-2026-040\""))
    #expect(!singleClosed.contains("OT-2026-034"))

    var validated: [String] = []
    var summaries: [String] = []
    for key in keys {
      let run = try runShell(
        "\(validate) --family \(key) --rejects rejects-\(key).csv -o validated-\(key).csv parts/\(key)/*", in: dir)
      #expect(run.status <= 1, "\(String(decoding: run.stderr, as: UTF8.self))")
      validated.append(try read(dir.appendingPathComponent("validated-\(key).csv")))
      let part = try runShell("\(closeDocument) --family \(key) -o closed-\(key).json validated-\(key).csv", in: dir)
      #expect(part.status == 0, "\(key): \(String(decoding: part.stderr, as: UTF8.self))")
      let summary = try runShell("\(close) --family \(key) -o summary-\(key).csv validated-\(key).csv", in: dir)
      #expect(summary.status == 0, "\(key): \(String(decoding: summary.stderr, as: UTF8.self))")
      summaries.append(try read(dir.appendingPathComponent("summary-\(key).csv")))
    }
    #expect(concatenated(validated) == (try read(dir.appendingPathComponent("validated.csv"))))
    #expect(concatenated(summaries) == singleSummary)
    let merged = try runShell("close-month --merge \(keys.map { "closed-\($0).json" }.joined(separator: " "))", in: dir)
    #expect(merged.status == 0, "\(String(decoding: merged.stderr, as: UTF8.self))")
    #expect(String(decoding: merged.stdout, as: UTF8.self) == singleClosed)
    // OT-2026-034's part closes nothing; without OT-2026-040's part the month lacks it.
    #expect(!(try read(dir.appendingPathComponent("closed-OT-2026-034.json"))).contains("\"family\""))
    let without = try runShell(
      "close-month --merge \(keys.filter { $0 != "OT-2026-040" }.map { "closed-\($0).json" }.joined(separator: " "))",
      in: dir)
    #expect(String(decoding: without.stdout, as: UTF8.self) != singleClosed)
    // Its summary rows, by hand: 7.1.01: authorized 10 x 58,420.00 = 584,200.00;
    // previous 2.5 x 58,420.00 = 146,050.00 = accumulated; remaining 584,200.00 -
    // 146,050.00 = 438,150.00; executed and billable 0. USD: 10 x 3,271.50 =
    // 32,715.00; 2.5 x 3,271.50 = 8,178.75; 32,715.00 - 8,178.75 = 24,536.25.
    // 7.1.04: 20 x 12,870.00 = 257,400.00 and 20 x 720.70 = 14,414.00, all remaining.
    let rows040: [String] = csvRows(summaries[4]).dropFirst().map { $0.joined(separator: ",") }
    let expected040: [String] = [
      "OT-2026-040,7.1.01,Fabricación de soporte estructural tipo silleta,TON,C-7,10,58420.00,3271.50,2.5,0,2.5,"
        + "7.5,0,,,584200.00,146050.00,0.00,146050.00,438150.00,0.00,32715.00,8178.75,0.00,8178.75,24536.25,0.00",
      "OT-2026-040,7.1.04,Prefabricado de spool de tubería de 8 in cédula 80,PZA,C-7,20,12870.00,720.70,0,0,0,20,"
        + "0,,,257400.00,0.00,0.00,0.00,257400.00,0.00,14414.00,0.00,0.00,0.00,14414.00,0.00",
    ]
    #expect(rows040 == expected040)
  }

  /// Splits a plan's output into blocks (an order and the shipments after it) and
  /// sorts them as schedule-mrp does: by the order's level, then catalogue order
  /// (stable: one product's orders keep their order).
  func merged(_ plans: [String], trees: [[String]]) -> String {
    var place: [String: Int] = [:]
    for (i, row) in trees.dropFirst().enumerated() { place[row[0]] = i }
    var header = ""
    var blocks: [(key: (Int, Int), text: String)] = []
    for plan in plans {
      var lines = plan.split(separator: "\n").map(String.init)
      header = lines.removeFirst()
      for line in lines {
        let cells = csvRows(line + "\n")[0]
        if cells[1] == "shipment", !blocks.isEmpty {
          blocks[blocks.count - 1].text += line + "\n"
        } else {
          blocks.append(((Int(cells[11]) ?? 0, place[cells[2]] ?? 0), line + "\n"))
        }
      }
    }
    let sorted = blocks.enumerated().sorted { a, b in
      a.element.key != b.element.key ? a.element.key < b.element.key : a.offset < b.offset
    }
    return header + "\n" + sorted.map(\.element.text).joined()
  }

  @Test func planSplitByTreeMergesToTheSinglePlan() throws {
    let dir = try scratchCopy(of: Self.repo.appendingPathComponent("contrib/spark/testdata/trees"))
    defer { try? FileManager.default.removeItem(at: dir) }
    let catalogue = "--products products.csv --bom bom.csv"
    let labels = try runShell("explode-bom \(catalogue) --trees", in: dir)
    #expect(labels.status == 0)
    let trees = csvRows(String(decoding: labels.stdout, as: UTF8.self))
    #expect(trees[0] == ["product", "tree", "level"])
    // Three trees, each named by its smallest top-level product: PUERTA shares
    // BOIS002 and TAQ000 with ARM100, so it is in ARM100's tree.
    let treeOf = Dictionary(uniqueKeysWithValues: trees.dropFirst().map { ($0[0], $0[1]) })
    #expect(Set(treeOf.values) == ["ARM100", "MESA", "SILLA"])
    #expect(treeOf["PUERTA"] == "ARM100" && treeOf["PATA"] == "MESA" && treeOf["TELA"] == "SILLA")

    let plan = "schedule-mrp \(catalogue) --stock stock.csv --receipts receipts.csv --as-of 2026-01-01"
    let single = try runShell("\(plan) demand.csv", in: dir)
    #expect(single.status == 0)
    let demand = try read(dir.appendingPathComponent("demand.csv")).split(separator: "\n").map(String.init)
    var plans: [String] = []
    for tree in ["ARM100", "MESA", "SILLA"] {
      let rows = demand.dropFirst().filter { treeOf[csvRows($0 + "\n")[0][1]] == tree }
      #expect(!rows.isEmpty)
      try ([demand[0]] + rows).joined(separator: "\n").appending("\n")
        .write(to: dir.appendingPathComponent("demand-\(tree).csv"), atomically: true, encoding: .utf8)
      let run = try runShell("\(plan) demand-\(tree).csv", in: dir)
      #expect(run.status == 0)
      plans.append(String(decoding: run.stdout, as: UTF8.self))
    }
    let whole = String(decoding: single.stdout, as: UTF8.self)
    #expect(csvRows(whole).count == 36)
    #expect(merged(plans, trees: trees) == whole)
  }
}
