import Foundation
import Testing

/// A small CSV reader for checking outputs: RFC 4180 quotes, `\n` rows.
func csvRows(_ text: String) -> [[String]] {
  var rows: [[String]] = []
  var row: [String] = []
  var field = ""
  var quoted = false
  var chars = Array(text).makeIterator()
  var pending: Character? = nil
  while let c = pending ?? chars.next() {
    pending = nil
    if quoted {
      if c == "\"" {
        if let n = chars.next() {
          if n == "\"" { field.append("\"") } else { quoted = false; pending = n }
        } else {
          quoted = false
        }
      } else {
        field.append(c)
      }
    } else if c == "\"" {
      quoted = true
    } else if c == "," {
      row.append(field)
      field = ""
    } else if c == "\n" {
      row.append(field)
      rows.append(row)
      row = []
      field = ""
    } else {
      field.append(c)
    }
  }
  if !field.isEmpty || !row.isEmpty {
    row.append(field)
    rows.append(row)
  }
  return rows
}

/// A seeded generator (SplitMix64), so a failing month can be replayed.
struct Seeded: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite struct ContractCommandTests {
  /// A random month with every kind of problem: unknown OTs and codes, negative and
  /// zero quantities, repeated keys, days outside the window, locked, without a
  /// report or not working; production long and grid.
  static func month(seed: UInt64, in dir: URL) throws -> (longRows: [[String]], gridCells: [[String]]) {
    var g = Seeded(state: seed)
    func pick<T>(_ a: [T]) -> T { a[Int.random(in: 0..<a.count, using: &g)] }
    try """
      ot,parent_ot,kind,active,front,site,start_date,end_date
      OT-1,,initial,true,2,EMB-1,2026-09-01,2026-10-20
      OT-1-R1,OT-1,reprogramming,true,2,EMB-1,2026-10-05,2026-11-30
      OT-2,,initial,true,4,PLAT-2,2026-10-03,2026-10-25
      OT-3,,initial,true,1,PATIO-3,2026-08-01,2026-12-31

      """.write(to: dir.appendingPathComponent("work_orders.csv"), atomically: true, encoding: .utf8)
    try """
      ot,import_id,imported_on,active,annex,code,description,unit,authorized_qty,unit_price_mxn,unit_price_usd
      OT-1,1,2026-08-01,true,C-2,A,Uno,M,40,10.25,0.55
      OT-1,1,2026-08-01,true,C-2,B,Dos,M,25.5,3.10,0.17
      OT-1-R1,2,2026-09-20,true,C-2,A,Uno,M,55,10.25,0.55
      OT-1,3,2026-09-21,false,C-2,C,Tres,M,99,1.00,0.05
      OT-2,4,2026-09-01,true,C-3,A,Uno,M,30,12.00,0.66
      OT-2,4,2026-09-01,true,C-3,C,Tres,M,0,1.00,0.05
      OT-3,5,2026-07-01,true,C-7,B,Dos,M,60,3.10,0.17

      """.write(to: dir.appendingPathComponent("annex.csv"), atomically: true, encoding: .utf8)
    let ots = ["OT-1", "OT-1-R1", "OT-2", "OT-3"]
    let statuses = ["LABORANDO", "LABORANDO", "LABORANDO", "LABORANDO", "STANDBY", "NO LABORANDO", "CERRADO"]
    var daily = "ot,date,status\n"
    for ot in ots {
      for day in 1...31 where Int.random(in: 0..<10, using: &g) < 9 {
        daily += "\(ot),2026-10-\(day < 10 ? "0" : "")\(day),\(pick(statuses))\n"
      }
    }
    try daily.write(to: dir.appendingPathComponent("daily.csv"), atomically: true, encoding: .utf8)

    let codes = ["A", "A", "B", "C", "Z"]
    let qtys = ["0", "1", "2.5", "4", "7.25", "12", "-3"]
    var longRows: [[String]] = []
    for _ in 0..<400 {
      let ot = Int.random(in: 0..<20, using: &g) == 0 ? "OT-9" : pick(ots)
      let day = Int.random(in: 1...31, using: &g)
      longRows.append([
        ot, pick(codes), "2026-10-\(day < 10 ? "0" : "")\(day)", pick(["CMA", "TE"]), pick(qtys),
      ])
    }
    var text = "ot,code,date,time_type,qty\n"
    for r in longRows { text += r.joined(separator: ",") + "\n" }
    try text.write(to: dir.appendingPathComponent("production.csv"), atomically: true, encoding: .utf8)

    var gridCells: [[String]] = []
    var grid = "ot,code,time_type,year,month," + (1...31).map(String.init).joined(separator: ",") + "\n"
    for _ in 0..<6 {
      let ot = pick(ots), code = pick(codes), tt = pick(["CMA", "TE"])
      var cells: [String] = []
      for day in 1...31 {
        if Int.random(in: 0..<3, using: &g) == 0 {
          let q = pick(qtys)
          cells.append(q)
          gridCells.append([ot, code, "2026-10-\(day < 10 ? "0" : "")\(day)", tt, q])
        } else {
          cells.append("")
        }
      }
      grid += "\(ot),\(code),\(tt),2026,10," + cells.joined(separator: ",") + "\n"
    }
    try grid.write(to: dir.appendingPathComponent("production-grid.csv"), atomically: true, encoding: .utf8)
    return (longRows, gridCells)
  }

  /// No row is lost: every production row (long rows and filled grid cells) comes
  /// out either validated or rejected, exactly once, with its five values.
  @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
  func acceptedPlusRejectedIsTheInput(seed: UInt64) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("taller-month-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let (longRows, gridCells) = try Self.month(seed: seed, in: dir)

    let result = try runShell(
      "validate-excess --annex annex.csv --work-orders work_orders.csv --daily daily.csv --rejects rejects.csv -o validated.csv production.csv production-grid.csv",
      in: dir)
    let validated = csvRows(try String(contentsOf: dir.appendingPathComponent("validated.csv"), encoding: .utf8))
    let rejected = csvRows(try String(contentsOf: dir.appendingPathComponent("rejects.csv"), encoding: .utf8))
    #expect(validated.first?.prefix(5) == ["ot", "code", "date", "time_type", "qty"])
    #expect(rejected.first == ["ot", "code", "date", "time_type", "qty", "reason"])

    let input = longRows + gridCells
    let output = validated.dropFirst().map { Array($0.prefix(5)) } + rejected.dropFirst().map { Array($0.prefix(5)) }
    #expect(validated.count - 1 + rejected.count - 1 == input.count)
    // The same rows, as multisets (quantities as written: 2.5, 7.25, -3 round-trip).
    func counted(_ rows: [[String]]) -> [String: Int] {
      rows.reduce(into: [:]) { $0[$1.joined(separator: "|"), default: 0] += 1 }
    }
    #expect(counted(output) == counted(input))
    // Something is always rejected in these months (OT-9, Z and -3 are drawn), so 1.
    #expect(rejected.count > 1)
    #expect(result.status == 1)
    // Validated rows keep the input order: long rows first, in file order.
    let firstValidatedLong = validated.dropFirst().map { Array($0.prefix(5)) }.filter { longRows.contains($0) }
    let longInOrder = longRows.filter { firstValidatedLong.contains($0) }
    #expect(firstValidatedLong == longInOrder)
  }
}
