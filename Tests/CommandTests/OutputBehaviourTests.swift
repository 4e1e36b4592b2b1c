import Foundation
import Testing

/// docs/BAD-INPUTS.md #55–59 and the issue's "must show" for export-xlsx, run against the
/// built executables.
@Suite struct OutputBehaviourTests {
  /// A scratch folder with the given files.
  static func folder(_ files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("taller-out-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
    return dir
  }

  static let table = """
    code,descripción,monto,volumen,fecha,activo,nota
    007,Producción de año,1234.50,0.1234,2026-10-31,true,=HYPERLINK("http://x")
    OT-17/4.1.3,Señalización,-12.00,3,2026-10-01,false,+cmd
    7,Ñandú,0.05,12.5000,2026-02-28,true,@SUM(A1)

    """
    .replacingOccurrences(of: "=HYPERLINK(\"http://x\")", with: "\"=HYPERLINK(\"\"http://x\"\")\"")

  /// Reads a workbook back with openpyxl: per sheet, the freeze pane, the autofilter,
  /// whether the header is bold, and every cell as [value, data_type, number_format].
  static let dump = """
    import json, sys, datetime, openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    out = []
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows():
            cells = []
            for c in row:
                v = c.value
                if isinstance(v, datetime.datetime): v = v.date().isoformat()
                elif isinstance(v, float) or isinstance(v, int) and not isinstance(v, bool): v = repr(v)
                cells.append([v, c.data_type, c.number_format])
            rows.append(cells)
        out.append({"name": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
                    "bold": ws["A1"].font.b, "rows": rows})
    print(json.dumps(out, ensure_ascii=False))
    """

  static func readWorkbook(_ path: URL) throws -> [[String: Any]] {
    let dir = path.deletingLastPathComponent()
    try Data(dump.utf8).write(to: dir.appendingPathComponent("dump.py"))
    let r = try runShell("python3 dump.py '\(path.lastPathComponent)'", in: dir)
    #expect(r.status == 0, "openpyxl: \(String(decoding: r.stderr, as: UTF8.self))")
    return try JSONSerialization.jsonObject(with: r.stdout) as? [[String: Any]] ?? []
  }

  @Test func typedSheetReadsBackExactly() throws {
    let dir = try Self.folder(["in.csv": Self.table])
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try runShell("export-xlsx --sheet Datos=in.csv -o out.xlsx --created 2026-01-01", in: dir)
    #expect(r.status == 0, "\(String(decoding: r.stderr, as: UTF8.self))")
    let book = try Self.readWorkbook(dir.appendingPathComponent("out.xlsx"))
    try #require(book.count == 1)
    let sheet = book[0]
    #expect(sheet["name"] as? String == "Datos")
    #expect(sheet["freeze"] as? String == "A2")
    #expect(sheet["filter"] as? String == "A1:G4")
    #expect(sheet["bold"] as? Bool == true)
    let rows = sheet["rows"] as? [[[Any]]] ?? []
    try #require(rows.count == 4)
    func cell(_ r: Int, _ c: Int) -> String {
      rows[r][c].map { "\($0)" }.joined(separator: "|")
    }
    // Codes with a leading zero keep the whole column as text (docs/BAD-INPUTS.md #38).
    #expect(cell(1, 0) == "007|s|General")
    #expect(cell(3, 0) == "7|s|General")
    #expect(cell(1, 1) == "Producción de año|s|General")
    // 2-place money: numbers, shown with 2 decimals; 1234.50 is the double 1234.5.
    #expect(cell(1, 2) == "1234.5|n|#,##0.00")
    #expect(cell(2, 2) == "-12|n|#,##0.00")  // -12.00 is stored as -12; openpyxl reads an int
    #expect(cell(3, 2) == "0.05|n|#,##0.00")
    // 4-place quantities.
    #expect(cell(1, 3) == "0.1234|n|#,##0.0000")
    #expect(cell(2, 3) == "3|n|#,##0.0000")
    #expect(cell(3, 3) == "12.5|n|#,##0.0000")
    #expect(cell(1, 4) == "2026-10-31|d|yyyy-mm-dd")
    #expect(cell(3, 4) == "2026-02-28|d|yyyy-mm-dd")
    #expect(cell(1, 5) == "1|b|General")
    #expect(cell(2, 5) == "0|b|General")
    // Formula-looking text is a string cell, never a formula (docs/BAD-INPUTS.md #40).
    #expect(cell(1, 6) == "=HYPERLINK(\"http://x\")|s|General")
    #expect(cell(2, 6) == "+cmd|s|General")
    #expect(cell(3, 6) == "@SUM(A1)|s|General")
  }

  @Test func standardInputBecomesSheetHoja1() throws {
    let dir = try Self.folder(["in.csv": "code,qty\nA,1.50\n"])
    defer { try? FileManager.default.removeItem(at: dir) }
    // The spooled standard input and the temporary workbook are gone afterwards.
    let r = try runShell(
      "mkdir tmp; cat in.csv | TMPDIR=$PWD/tmp export-xlsx --created 2026-01-01 > out.xlsx; ls -A tmp", in: dir)
    #expect(r.status == 0)
    #expect(r.stdout.isEmpty, "left in TMPDIR: \(String(decoding: r.stdout, as: UTF8.self))")
    let book = try Self.readWorkbook(dir.appendingPathComponent("out.xlsx"))
    #expect(book.first?["name"] as? String == "Hoja1")
    let rows = book.first?["rows"] as? [[[Any]]] ?? []
    #expect(rows.count == 2)
    #expect(rows.count == 2 && "\(rows[1][1][0])" == "1.5")
  }

  @Test func sameInputsGiveTheSameBytes() throws {
    let dir = try Self.folder(["in.csv": Self.table])
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try runShell(
      """
      export-xlsx in.csv -o a.xlsx --created 2026-01-01 && sleep 1 && \
      export-xlsx in.csv -o b.xlsx --created 2026-01-01 && cmp a.xlsx b.xlsx && \
      SOURCE_DATE_EPOCH=1767225600 export-xlsx in.csv > c.xlsx && cmp a.xlsx c.xlsx
      """, in: dir)
    // 1767225600 is 2026-01-01T00:00:00Z: (56 years × 365 + 14 leap days) × 86400.
    #expect(r.status == 0, "\(String(decoding: r.stdout + r.stderr, as: UTF8.self))")
  }

  @Test(arguments: ["export-xlsx in.csv", "convert-table in.csv"])
  func fullDiskIsExit74WithTheSystemMessage(_ command: String) throws {  // #56
    let dir = try Self.folder(["in.csv": Self.table])
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try runShell("\(command) > /dev/full", in: dir)
    #expect(r.status == 74)
    #expect(String(decoding: r.stderr, as: UTF8.self).contains("No space left on device"))
  }

  @Test(arguments: ["export-xlsx big.csv", "convert-table big.csv"])
  func closedPipeEndsQuietly(_ command: String) throws {  // #55
    var big = "code,qty,date\n"
    for i in 0..<200_000 { big += "C\(i),\(i).25,2026-10-\(i % 28 + 1 < 10 ? "0" : "")\(i % 28 + 1)\n" }
    let dir = try Self.folder(["big.csv": big])
    defer { try? FileManager.default.removeItem(at: dir) }
    // TMPDIR inside the scratch folder: no temporary file may be left behind either.
    let r = try runShell(
      "mkdir tmp; TMPDIR=$PWD/tmp \(command) 2>err.txt | head -c 10 > /dev/null; cat err.txt; ls -A tmp", in: dir)
    #expect(r.stdout.isEmpty, "stderr and leftovers: \(String(decoding: r.stdout, as: UTF8.self))")
  }

  @Test(arguments: [
    "export-xlsx --sheet A=good.csv --sheet B=bad.csv -o out.xlsx",
    "convert-table good.csv bad.csv -o out.xlsx",
  ])
  func failureHalfwayLeavesTheTargetUntouched(_ command: String) throws {  // #57
    let dir = try Self.folder([
      "good.csv": "a,b\n1,2\n", "bad.csv": "a,b\n1,2\n3\n", "out.xlsx": "old contents",
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try runShell(command, in: dir)
    #expect(r.status == 65)
    #expect(String(decoding: r.stderr, as: UTF8.self).contains("bad.csv:3:"))
    #expect(try String(contentsOf: dir.appendingPathComponent("out.xlsx"), encoding: .utf8) == "old contents")
    let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(left == ["bad.csv", "good.csv", "out.xlsx"])
  }

  @Test func workbookToATerminalIsRefused() throws {  // #59
    let dir = try Self.folder(["in.csv": Self.table])
    defer { try? FileManager.default.removeItem(at: dir) }
    // python's pty gives the command a terminal as standard output.
    let script = """
      import os, pty, sys
      pid, fd = pty.fork()
      if pid == 0:
          os.execvp("export-xlsx", ["export-xlsx", "in.csv"])
      out = b""
      while True:
          try:
              chunk = os.read(fd, 1024)
          except OSError:
              break
          if not chunk: break
          out += chunk
      _, status = os.waitpid(pid, 0)
      sys.stdout.write(str(os.waitstatus_to_exitcode(status)) + "\\n" + out.decode())
      """
    try Data(script.utf8).write(to: dir.appendingPathComponent("on_terminal.py"))
    let r = try runShell("python3 on_terminal.py", in: dir)
    let text = String(decoding: r.stdout, as: UTF8.self)
    #expect(text.hasPrefix("64\n"), "\(text)")
    #expect(text.contains("give -o FILE"))
  }

  @Test func sheetNamesAreCleanedAndUnique() throws {  // #58
    let dir = try Self.folder(["a.csv": "x\n1\n"])
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try runShell(
      "export-xlsx --sheet 'Plan [2026]/10:*?' =a.csv --sheet 'plan [2026]/10:*?' =a.csv -o o.xlsx --created 2026-01-01"
        .replacingOccurrences(of: "' =", with: "'="), in: dir)
    #expect(r.status == 0, "\(String(decoding: r.stderr, as: UTF8.self))")
    let names = try Self.readWorkbook(dir.appendingPathComponent("o.xlsx")).map { $0["name"] as? String ?? "" }
    // Each of [ ] / : * ? becomes _; the second is made unique case-insensitively.
    #expect(names.count == 2)
    #expect(names.first == "Plan _2026__10___")
    #expect(names.last == "plan _2026__10___ (2)")
  }
}
