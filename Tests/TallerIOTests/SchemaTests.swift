import Foundation
import Testing
@testable import TallerIO
@testable import TallerCore

/// docs/BAD-INPUTS.md #17–20 (headers) and the typed cells of a bound table.
struct SchemaTests {
  static let schema = Schema("production", [
    Column("ot", .code, required: true, aliases: ["id_ot"]),
    Column("code", .code, required: true, aliases: ["codigo", "id_partida"]),
    Column("qty", .qty, required: true, aliases: ["volumen"]),
    Column("price", .money, aliases: ["pu_mn"]),
    Column("date", .date, aliases: ["fecha"]),
    Column("active", .bool),
  ])

  func reader(_ text: String, options: ReadOptions = ReadOptions()) throws -> CSVReader {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("taller-schema-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("t.csv").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    // The reader keeps the file open; removing the folder afterwards is fine on Linux.
    return try CSVReader(path: path, name: "t.csv", options: options, headerScore: { Self.schema.score($0) })
  }

  @Test(arguments: ["Código", "CODIGO", "codigo ", "id_partida", "ID-Partida", "Id Partida", "code"])
  func headerMatchesAliasesWithoutCaseAccentsOrSpaces(_ name: String) throws {  // #17
    let r = try reader("ot,\(name),volumen\nOT-1,4.1,3\n")
    let t = try Self.schema.bind(r)
    #expect(t.fieldOf[1] == 1)
  }

  @Test func duplicateColumnNamesBoth() throws {  // #18
    let r = try reader("ot,codigo,id_partida,qty\nOT-1,4.1,4.1,3\n")
    #expect {
      try Self.schema.bind(r)
    } throws: { e in
      let m = (e as! InputError).description
      return m.contains("t.csv:1:3") && m.contains("id_partida") && m.contains("column 2 \"codigo\"")
    }
  }

  @Test func twoAliasesOfOneColumnAreDuplicates() throws {  // #18
    let r = try reader("id_ot,ot,code,qty\nA,A,4.1,3\n")
    #expect(throws: InputError.self) { try Self.schema.bind(r) }
  }

  @Test func missingColumnListsFoundAndAccepted() throws {  // #19
    let r = try reader("ot,code,cantidad_x\nOT-1,4.1,3\n")
    #expect {
      try Self.schema.bind(r)
    } throws: { e in
      let m = (e as! InputError).description
      return m.contains("missing column qty (or volumen)") && m.contains("columns found: ot, code, cantidad_x")
    }
  }

  @Test func unknownColumnPassesThroughUnlessStrict() throws {  // #20
    let t = try Self.schema.bind(try reader("ot,code,qty,nota\nOT-1,4.1,3,x\n"))
    #expect(t.extraHeader == ["nota"])
    #expect(throws: InputError.self) {
      try Self.schema.bind(try reader("ot,code,qty,nota\nOT-1,4.1,3,x\n"), strict: true)
    }
  }

  @Test func typedCellsAndTheirErrorsNameTheCell() throws {
    let r = try reader("ot,code,qty,price,date,active\nOT-1,4.1,\"3,5,1\",$1.00,31/10/2026,S\nOT-1,4.2,2.5,(3.00),2026-02-30,x\n")
    let t = try Self.schema.bind(r)
    let rec = Record()
    #expect(try r.next(into: rec))
    #expect {
      try t.decimal(rec, 2)
    } throws: { e in
      (e as! InputError).description == "t.csv:2:3: qty \"3,5,1\" has misplaced thousands separators"
    }
    #expect(try t.decimal(rec, 3) == ExactDecimal(1))
    #expect(try t.date(rec, 4)?.description == "2026-10-31")
    #expect(try t.bool(rec, 5) == true)
    #expect(try r.next(into: rec))
    #expect(try t.decimal(rec, 2)?.description == "2.5")
    #expect(try t.decimal(rec, 3)?.description == "-3")  // money: (3.00) is −3
    #expect {
      try t.date(rec, 4)
    } throws: { e in
      (e as! InputError).description == "t.csv:3:5: date \"2026-02-30\" is not a real calendar day"
    }
  }

  @Test func semicolonFilesUseTheDecimalComma() throws {  // #24 in a ';' file
    let r = try reader("ot;code;qty\nOT-1;4.1;1.234\nOT-1;4.2;1,234\n")
    let t = try Self.schema.bind(r)
    let rec = Record()
    _ = try r.next(into: rec)
    #expect(try t.decimal(rec, 2)?.description == "1234")
    _ = try r.next(into: rec)
    #expect(try t.decimal(rec, 2)?.description == "1.234")
  }

  @Test func ambiguousCommaIsAnErrorUnlessTheUserSays() throws {  // #24 elsewhere
    let text = "ot,code,qty\nOT-1,4.1,\"1,234\"\n"
    let rec = Record()
    let plain = try reader(text)
    _ = try plain.next(into: rec)
    #expect(throws: InputError.self) { try Self.schema.bind(plain).decimal(rec, 2) }
    var o = ReadOptions()
    o.decimalConvention = .pointGrouping
    let grouped = try reader(text, options: o)
    _ = try grouped.next(into: rec)
    #expect(try Self.schema.bind(grouped).configured(by: o).decimal(rec, 2)?.description == "1234")
    o.decimalConvention = .comma
    let comma = try reader(text, options: o)
    _ = try comma.next(into: rec)
    #expect(try Self.schema.bind(comma).configured(by: o).decimal(rec, 2)?.description == "1.234")
  }

  @Test func codesAreTextAndTrimmed() throws {  // #38
    let r = try reader("ot,code,qty\n 007 ,7,1\n")
    let t = try Self.schema.bind(r)
    let rec = Record()
    _ = try r.next(into: rec)
    #expect(t.code(rec, 0) == "007")
    #expect(t.code(rec, 1) == "7")
  }

  @Test func headerFoundBelowTitleRows() throws {
    let r = try reader("Anexo C-2;;\nOT-2026-021;;\nid_ot;codigo;volumen\nA;4.1;1,5\n")
    #expect(r.headerLine == 3)
    let t = try Self.schema.bind(r)
    let rec = Record()
    _ = try r.next(into: rec)
    #expect(try t.decimal(rec, 2)?.description == "1.5")
  }
}
