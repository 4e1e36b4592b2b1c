import Foundation
import TallerCore
import Testing

/// `export-xlsx --billing` (issue 9): the statement read back with openpyxl against the
/// closed-month document of the golden case `close-month/closed` (its README works the
/// totals out by hand). `billing_check.py` evaluates every formula from the cells it
/// reads and compares it with its stored value, and every amount with the document.
@Suite struct BillingWorkbookTests {
  static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let closedCase = here.appendingPathComponent("Fixtures/close-month/closed")

  /// A scratch folder with the closed month, its voucher register and signatures.
  static func folder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("taller-billing-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let fm = FileManager.default
    try fm.copyItem(at: closedCase.appendingPathComponent("expected.stdout"), to: dir.appendingPathComponent("closed.json"))
    try fm.copyItem(at: closedCase.appendingPathComponent("gpu.csv"), to: dir.appendingPathComponent("gpu.csv"))
    try fm.copyItem(at: here.appendingPathComponent("billing_check.py"), to: dir.appendingPathComponent("check.py"))
    try Data("role,name\nelaboró,Ing. Laura Méndez\nrevisó,Ing. Jorge Salinas\nautorizó,Lic. Ana Torres\n".utf8)
      .write(to: dir.appendingPathComponent("firmas.csv"))
    return dir
  }

  struct Check: Decodable {
    var errors: [String]
    var formulas: Int
    var words: [String: String]
    var totals: [String: String]
  }

  static func check(_ dir: URL, _ book: String, vat: String) throws -> Check {
    let r = try runShell("python3 check.py \(book) closed.json '\(vat)'", in: dir)
    #expect(r.status == 0, "billing_check.py: \(String(decoding: r.stderr, as: UTF8.self))")
    return try JSONDecoder().decode(Check.self, from: r.stdout)
  }

  @Test(arguments: [("es", "0.16"), ("en", ""), ("es", "")])
  func statementMatchesTheClosedMonth(_ c: (lang: String, vat: String)) throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let vat = c.vat.isEmpty ? "" : "--vat \(c.vat)"
    let r = try runShell(
      "export-xlsx --billing closed.json --lang \(c.lang) --company 'Servicios del Golfo' --contract 'CNT-424' "
        + "--signatures firmas.csv --gpu gpu.csv \(vat) --created 2026-11-05 -o book.xlsx", in: dir)
    #expect(r.status == 0, "\(String(decoding: r.stderr, as: UTF8.self))")
    let result = try Self.check(dir, "book.xlsx", vat: c.vat)
    #expect(result.errors.isEmpty, "\(result.errors.prefix(20).joined(separator: "\n"))")
    #expect(result.formulas > 50)
    // The cover's amount in words is the words of the cover's total.
    try #require(result.totals["mxn"] != nil)
    for (currency, total) in result.totals {
      let words = amountInWords(try ExactDecimal.parse(total), currency: currency == "usd" ? .usd : .mxn)
      #expect(result.words[currency] == words, "\(currency) \(total)")
    }
  }

  @Test func sameInputsAndCreatedGiveTheSameBytes() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let args = "--billing closed.json --signatures firmas.csv --gpu gpu.csv --vat 0.16 --created 2026-11-05"
    let r = try runShell("export-xlsx \(args) -o a.xlsx && sleep 1 && export-xlsx \(args) -o b.xlsx", in: dir)
    #expect(r.status == 0, "\(String(decoding: r.stderr, as: UTF8.self))")
    let a = try Data(contentsOf: dir.appendingPathComponent("a.xlsx"))
    let b = try Data(contentsOf: dir.appendingPathComponent("b.xlsx"))
    #expect(!a.isEmpty && a == b)
  }

  @Test func sheetsPrintSetupAndNames() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try runShell(
      "export-xlsx --billing closed.json --gpu gpu.csv --created 2026-11-05 -o book.xlsx && python3 -c '"
        + "import openpyxl; wb = openpyxl.load_workbook(\"book.xlsx\")\n"
        + "for ws in wb.worksheets: print(ws.title, ws.page_setup.orientation, ws.page_setup.fitToWidth, "
        + "ws.print_title_rows, ws.freeze_panes, \"Hoja &P de &N\" in (ws.oddFooter.right.text or \"\"), "
        + "len(ws.conditional_formatting), len(ws._charts), sum(1 for row in ws.iter_rows() for c in row if c.hyperlink), "
        + "ws.page_setup.paperSize)\n"
        + "print(sorted(wb.defined_names.keys()))'", in: dir)
    #expect(r.status == 0, "\(String(decoding: r.stderr, as: UTF8.self))")
    let lines = String(decoding: r.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
    let sheets = lines.dropLast().map { $0.split(separator: " ").map(String.init) }
    #expect(sheets.map { $0[0] } == ["Carátula", "Resumen", "OT-1", "OT-2", "Excedentes", "GPU", "Avance"])
    for s in sheets {
      #expect(s[1] == "landscape", "\(s)")
      #expect(s[5] == "True", "footer of \(s[0])")
    }
    let bySheet = Dictionary(uniqueKeysWithValues: sheets.map { ($0[0], $0) })
    // Letter (1) for the narrow sheets; tabloid (3), "doble carta", for the summary
    // and the daily grids, whose 20 to 50 columns would not stay legible on letter.
    for s in sheets { #expect(s[9] == (["Resumen", "OT-1", "OT-2"].contains(s[0]) ? "3" : "1"), "paper of \(s[0])") }
    #expect(bySheet["OT-1"]?[4] == "E5", "frozen on the concept and day headers")
    #expect(bySheet["OT-1"]?[3] == "$4:$4", "header row repeated")
    #expect(Int(bySheet["OT-1"]?[6] ?? "0")! > 0, "conditional formats")
    #expect(Int(bySheet["Avance"]?[7] ?? "0")! >= 1, "a native chart per currency")
    #expect(Int(bySheet["GPU"]?[8] ?? "0")! > 0, "evidence hyperlinks")
    #expect(lines.last?.contains("Total_MXN_Facturable") == true)
  }

  @Test func refusesWhatIsNotAClosedMonth() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try runShell("export-xlsx --billing gpu.csv -o x.xlsx; echo \"status $?\"; ls x.xlsx 2>&1 | head -1", in: dir)
    let out = String(decoding: r.stdout, as: UTF8.self)
    #expect(out.contains("status 65"), "\(out)")
    #expect(out.contains("No such file"), "nothing written: \(out)")
    let r2 = try runShell("export-xlsx --vat 0.16 gpu.csv -o x.xlsx", in: dir)
    #expect(r2.status != 0)
    #expect(String(decoding: r2.stderr, as: UTF8.self).contains("--vat belongs to --billing"))
  }

  /// A link Excel cannot hold (over 2,079 characters) is written as text, whole.
  @Test func tooLongEvidenceIsText() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = "https://e.example/" + String(repeating: "x", count: 2100)
    let r = try runShell(
      "cp gpu.csv g.csv && echo 'OT-1,9.9.9,2026-10-30,CMA,VALIDADO,\(url),2026-11-01' >> g.csv && "
        + "export-xlsx --billing closed.json --gpu g.csv -o g.xlsx && python3 -c '"
        + "import openpyxl; ws = openpyxl.load_workbook(\"g.xlsx\")[\"GPU\"]\n"
        + "for r in ws.iter_rows(min_row=4): print(r[1].value, bool(r[5].hyperlink), len(r[5].value or \"\"))'", in: dir)
    #expect(r.status == 0, "\(String(decoding: r.stderr, as: UTF8.self))")
    let lines = String(decoding: r.stdout, as: UTF8.self).split(separator: "\n")
    #expect(lines.contains("9.9.9 False \(url.count)"))
    #expect(lines.filter { $0.hasPrefix("1.1 True") }.count >= 2)
  }
}
