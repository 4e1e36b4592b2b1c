@testable import TallerCore

/// Short builders for contract test cases (tests may use `try!`).
enum C {
  static func day(_ iso: String) -> LocalDate { try! LocalDate.parse(iso) }
  static func q(_ text: String) -> ExactDecimal { try! ExactDecimal.parse(text) }
  static func ot(_ s: String) -> OTCode { OTCode(s) }
  static func code(_ s: String) -> ConceptCode { ConceptCode(s) }

  static func annexLine(
    _ ot: String, _ importID: Int, _ code: String, qty: String, mxn: String = "0", usd: String = "0",
    annex: String = "C-2", active: Bool = true, line: Int = 0
  ) -> AnnexLine {
    AnnexLine(
      ot: OTCode(ot), importID: ImportID(importID), active: active, annex: AnnexName(annex),
      code: ConceptCode(code), description: "concept \(code)", unit: "M3",
      authorizedQty: q(qty), unitPriceMXN: q(mxn), unitPriceUSD: q(usd), line: line)
  }

  static func row(_ ot: String, _ code: String, _ date: String, _ tt: TimeType = .cma, _ qty: String, line: Int = 0) -> ProductionRow {
    ProductionRow(ot: OTCode(ot), code: ConceptCode(code), date: day(date), timeType: tt, qty: q(qty), line: line)
  }
}
