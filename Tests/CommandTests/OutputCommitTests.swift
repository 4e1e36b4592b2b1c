import Foundation
import Testing

/// CommandIO's commit rule, per command: every output (the main table, `--rejects`,
/// `--gpu-out`) is written whole or none is touched. Each command is run with
/// outputs that already exist, and fails either on a bad row late in its input
/// (status 65) or on a side output that cannot grow past a few KiB (`ulimit -f`, a
/// full disk: status 74); every existing output must still say `OLD`, no temporary
/// file may be left beside them, and standard output, when it carries the main
/// table, must stay empty.
@Suite struct OutputCommitTests {
  static let old = "OLD\n"

  /// Runs `command` in a folder with `files` and outputs `outputs` already there.
  static func run(
    _ command: String, files: [String: String], outputs: [String]
  ) throws -> (status: Int32, stdout: Data, stderr: String, untouched: Bool, leftovers: [String]) {
    let dir = try OutputBehaviourTests.folder(files.merging(Dictionary(uniqueKeysWithValues: outputs.map { ($0, old) })) { a, _ in a })
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try runShell(command, in: dir)
    let untouched = try outputs.allSatisfy { try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8) == old }
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    let leftovers = names.filter { !files.keys.contains($0) && !outputs.contains($0) }
    return (r.status, r.stdout, String(decoding: r.stderr, as: UTF8.self), untouched, leftovers)
  }

  static func rows(_ row: String, _ n: Int) -> String { String(repeating: row + "\n", count: n) }

  // MARK: validate-excess (main, --rejects, --gpu-out)

  static let contract: [String: String] = [
    "annex.csv": """
      ot,import_id,imported_on,active,annex,code,description,unit,authorized_qty,unit_price_mxn,unit_price_usd
      OT-1,1,2026-09-01,true,C-2,A,Inspección,PZA,100,10.00,1.00

      """,
    "work_orders.csv": """
      ot,parent_ot,kind,active,front,site,start_date,end_date
      OT-1,,initial,true,4,PLAT-B,2026-10-01,2026-10-31

      """,
  ]
  /// One accepted row, then 3,000 rows of an unknown work order (rejected): the
  /// rejects file is about 150 KB, the validated table a few hundred bytes.
  static let month = "ot,code,date,time_type,qty\nOT-1,A,2026-10-02,CMA,5\n" + rows("OT-9,A,2026-10-02,CMA,3", 3000)
  static let validate =
    "validate-excess --annex annex.csv --work-orders work_orders.csv --rejects rejects.csv --gpu-out gpu-out.csv"

  @Test func validateExcessBadRowLate() throws {
    let files = Self.contract.merging(["production.csv": Self.month + "OT-1,A,2026-10-03,CMA,abc\n"]) { a, _ in a }
    let r = try Self.run(
      Self.validate + " -o validated.csv production.csv", files: files,
      outputs: ["validated.csv", "rejects.csv", "gpu-out.csv"])
    #expect(r.status == 65, "\(r.stderr)")
    #expect(r.stderr.contains("production.csv:3003:5: qty \"abc\""), "\(r.stderr)")
    #expect(r.untouched)
    #expect(r.leftovers.isEmpty, "\(r.leftovers)")
  }

  @Test(arguments: [" -o validated.csv", ""])
  func validateExcessFullSideOutput(main: String) throws {
    // Without the full side output the run succeeds with status 1 (rows rejected).
    let ok = try Self.run(
      Self.validate + main + " production.csv", files: Self.contract.merging(["production.csv": Self.month]) { a, _ in a },
      outputs: ["rejects.csv", "gpu-out.csv"])
    #expect(ok.status == 1, "\(ok.stderr)")
    let r = try Self.run(
      "ulimit -f 16; " + Self.validate + main + " production.csv",
      files: Self.contract.merging(["production.csv": Self.month]) { a, _ in a },
      outputs: main.isEmpty ? ["rejects.csv", "gpu-out.csv"] : ["validated.csv", "rejects.csv", "gpu-out.csv"])
    #expect(r.status == 74, "\(r.stderr)")
    #expect(r.stderr.contains("rejects.csv"), "\(r.stderr)")
    #expect(r.untouched)
    #expect(r.stdout.isEmpty, "standard output held back: nothing may reach it")
    #expect(r.leftovers.isEmpty, "\(r.leftovers)")
  }

  // MARK: import-annex (main, --rejects)

  static let annexSheet =
    "code,description,unit,authorized_qty,unit_price_mxn,unit_price_usd\nA,Inspección,PZA,100,10.00,1.00\n"
    + (1...3000).map { "N\($0),Negativo,PZA,-1,10.00,1.00\n" }.joined()
  static let importAnnex = "import-annex --ot OT-1 --import 3 --annex C-2 --rejects rejects.csv"

  @Test func importAnnexBadRowLate() throws {
    let r = try Self.run(
      Self.importAnnex + " -o annex.csv sheet.csv", files: ["sheet.csv": Self.annexSheet + "B,Malo,PZA,abc,1,1\n"],
      outputs: ["annex.csv", "rejects.csv"])
    #expect(r.status == 65, "\(r.stderr)")
    #expect(r.stderr.contains("sheet.csv:3003:4"), "\(r.stderr)")
    #expect(r.untouched)
    #expect(r.leftovers.isEmpty, "\(r.leftovers)")
  }

  @Test(arguments: [" -o annex.csv", ""])
  func importAnnexFullSideOutput(main: String) throws {
    let r = try Self.run(
      "ulimit -f 16; " + Self.importAnnex + main + " sheet.csv", files: ["sheet.csv": Self.annexSheet],
      outputs: main.isEmpty ? ["rejects.csv"] : ["annex.csv", "rejects.csv"])
    #expect(r.status == 74, "\(r.stderr)")
    #expect(r.untouched)
    #expect(r.stdout.isEmpty)
    #expect(r.leftovers.isEmpty, "\(r.leftovers)")
  }

  // MARK: explode-bom (main, --rejects)

  static let recipes: [String: String] = [
    "products.csv": "code,type\nP,produced\nC,raw\n",
    "bom.csv": "parent,component,qty\nP,C,2\n",
  ]
  static let orders = "product,qty\nP,1\n" + (1...3000).map { "UNKNOWN-PRODUCT-\($0),1\n" }.joined()
  static let explode = "explode-bom --products products.csv --bom bom.csv --rejects rejects.csv"

  @Test func explodeBOMBadRowLate() throws {
    let r = try Self.run(
      Self.explode + " -o needs.csv orders.csv",
      files: Self.recipes.merging(["orders.csv": Self.orders + "P,abc\n"]) { a, _ in a },
      outputs: ["needs.csv", "rejects.csv"])
    #expect(r.status == 65, "\(r.stderr)")
    #expect(r.stderr.contains("orders.csv:3003:2"), "\(r.stderr)")
    #expect(r.untouched)
    #expect(r.leftovers.isEmpty, "\(r.leftovers)")
  }

  @Test(arguments: [" -o needs.csv", ""])
  func explodeBOMFullSideOutput(main: String) throws {
    let r = try Self.run(
      "ulimit -f 16; " + Self.explode + main + " orders.csv",
      files: Self.recipes.merging(["orders.csv": Self.orders]) { a, _ in a },
      outputs: main.isEmpty ? ["rejects.csv"] : ["needs.csv", "rejects.csv"])
    #expect(r.status == 74, "\(r.stderr)")
    #expect(r.untouched)
    #expect(r.stdout.isEmpty)
    #expect(r.leftovers.isEmpty, "\(r.leftovers)")
  }

  // MARK: schedule-mrp (main, --exceptions, --load)

  /// A stock product without a rule and 3,000 demands for it: 3,000 "to correct"
  /// exceptions (about 400 KB), an empty plan.
  static let planning: [String: String] = [
    "products.csv": "code,type,supply,procure,supplier,routing\nP,produced,produce,order,,R\nC,raw,buy,stock,S,\n",
    "bom.csv": "parent,component,qty\nP,C,1\n",
    "wc.csv": "id,hours_per_day\nW,8\n",
    "routings.csv": "routing,seq,workcenter\nR,10,W\n",
  ]
  static let demands = "id,product,qty,due_date\n" + (1...3000).map { "D\($0),P,1,2026-05-01\n" }.joined()
  static let schedule =
    "schedule-mrp --products products.csv --bom bom.csv --workcenters wc.csv --routings routings.csv --exceptions exceptions.csv --load load.csv"

  @Test func scheduleMRPBadRowLate() throws {
    let r = try Self.run(
      Self.schedule + " -o planned.csv demand.csv",
      files: Self.planning.merging(["demand.csv": Self.demands + "D9999,P,abc,2026-05-01\n"]) { a, _ in a },
      outputs: ["planned.csv", "exceptions.csv", "load.csv"])
    #expect(r.status == 65, "\(r.stderr)")
    #expect(r.stderr.contains("demand.csv:3002:3"), "\(r.stderr)")
    #expect(r.untouched)
    #expect(r.leftovers.isEmpty, "\(r.leftovers)")
  }

  @Test(arguments: [" -o planned.csv", ""])
  func scheduleMRPFullSideOutput(main: String) throws {
    let r = try Self.run(
      "ulimit -f 16; " + Self.schedule + main + " demand.csv",
      files: Self.planning.merging(["demand.csv": Self.demands]) { a, _ in a },
      outputs: main.isEmpty ? ["exceptions.csv", "load.csv"] : ["planned.csv", "exceptions.csv", "load.csv"])
    #expect(r.status == 74, "\(r.stderr)")
    #expect(r.untouched)
    #expect(r.stdout.isEmpty)
    #expect(r.leftovers.isEmpty, "\(r.leftovers)")
  }

  // MARK: convert-table and export-xlsx (main only)

  /// 12,000 rows, past the 10,000 that decide the column kinds, then a cell that
  /// does not fit its number column.
  static let longTable = "code,qty\n" + (1...12_000).map { "C\($0),\($0).5\n" }.joined() + "X,abc\n"

  @Test func convertTableBadRowLate() throws {
    let r = try Self.run("convert-table -o out.csv in.csv", files: ["in.csv": Self.longTable], outputs: ["out.csv"])
    #expect(r.status == 65, "\(r.stderr)")
    #expect(r.stderr.contains("in.csv:12002:2"), "\(r.stderr)")
    #expect(r.untouched)
    #expect(r.leftovers.isEmpty, "\(r.leftovers)")
  }

  @Test func exportXLSXBadRowLate() throws {
    let table = "code,qty\n" + (1...5000).map { "C\($0),\($0)\n" }.joined() + "X,1,extra\n"
    let r = try Self.run(
      "export-xlsx -o out.xlsx --created 2026-01-01 in.csv", files: ["in.csv": table], outputs: ["out.xlsx"])
    #expect(r.status == 65, "\(r.stderr)")
    #expect(r.stderr.contains("in.csv:5002"), "\(r.stderr)")
    #expect(r.untouched)
    #expect(r.leftovers.isEmpty, "\(r.leftovers)")
  }
}
