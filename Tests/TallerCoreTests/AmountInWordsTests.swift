import Testing

@testable import TallerCore

/// The amount in words of the billing cover, on cases worked by hand.
@Suite struct AmountInWordsTests {
  static let pesos: [(String, String)] = [
    ("0", "(CERO PESOS 00/100 M.N.)"),
    ("1", "(UN PESO 00/100 M.N.)"),
    ("0.5", "(CERO PESOS 50/100 M.N.)"),
    ("15", "(QUINCE PESOS 00/100 M.N.)"),
    ("16", "(DIECISÉIS PESOS 00/100 M.N.)"),
    ("21", "(VEINTIÚN PESOS 00/100 M.N.)"),
    ("22", "(VEINTIDÓS PESOS 00/100 M.N.)"),
    ("31", "(TREINTA Y UN PESOS 00/100 M.N.)"),
    ("99", "(NOVENTA Y NUEVE PESOS 00/100 M.N.)"),
    ("100", "(CIEN PESOS 00/100 M.N.)"),
    ("101", "(CIENTO UN PESOS 00/100 M.N.)"),
    ("500", "(QUINIENTOS PESOS 00/100 M.N.)"),
    ("777", "(SETECIENTOS SETENTA Y SIETE PESOS 00/100 M.N.)"),
    ("1000", "(UN MIL PESOS 00/100 M.N.)"),
    ("1001", "(UN MIL UN PESOS 00/100 M.N.)"),
    ("1234.50", "(UN MIL DOSCIENTOS TREINTA Y CUATRO PESOS 50/100 M.N.)"),
    ("21000", "(VEINTIÚN MIL PESOS 00/100 M.N.)"),
    ("100000", "(CIEN MIL PESOS 00/100 M.N.)"),
    ("101000", "(CIENTO UN MIL PESOS 00/100 M.N.)"),
    ("1000000", "(UN MILLÓN DE PESOS 00/100 M.N.)"),
    ("1001000", "(UN MILLÓN UN MIL PESOS 00/100 M.N.)"),
    ("2500000.75", "(DOS MILLONES QUINIENTOS MIL PESOS 75/100 M.N.)"),
    ("21000000", "(VEINTIÚN MILLONES DE PESOS 00/100 M.N.)"),
    ("1000000000", "(UN MIL MILLONES DE PESOS 00/100 M.N.)"),
    ("1000000000000", "(UN BILLÓN DE PESOS 00/100 M.N.)"),
    // The example's October: 13,375,047.02.
    ("13375047.02", "(TRECE MILLONES TRESCIENTOS SETENTA Y CINCO MIL CUARENTA Y SIETE PESOS 02/100 M.N.)"),
    // Rounded half-up to cents first: 0.005 → 0.01, 99.995 → 100.00.
    ("0.005", "(CERO PESOS 01/100 M.N.)"),
    ("99.995", "(CIEN PESOS 00/100 M.N.)"),
    ("-15.5", "(MENOS QUINCE PESOS 50/100 M.N.)"),
  ]

  @Test(arguments: pesos)
  func pesosInWords(_ c: (String, String)) throws {
    #expect(amountInWords(try ExactDecimal.parse(c.0), currency: .mxn) == c.1)
  }

  static let dollars: [(String, String)] = [
    ("0", "(CERO DÓLARES 00/100 USD)"),
    ("1", "(UN DÓLAR 00/100 USD)"),
    ("1.01", "(UN DÓLAR 01/100 USD)"),
    ("21", "(VEINTIÚN DÓLARES 00/100 USD)"),
    ("1000000", "(UN MILLÓN DE DÓLARES 00/100 USD)"),
    ("45678.9", "(CUARENTA Y CINCO MIL SEISCIENTOS SETENTA Y OCHO DÓLARES 90/100 USD)"),
  ]

  @Test(arguments: dollars)
  func dollarsInWords(_ c: (String, String)) throws {
    #expect(amountInWords(try ExactDecimal.parse(c.0), currency: .usd) == c.1)
  }

  /// VAT at the cent, half-up, and total = subtotal + rounded VAT:
  /// 1,234.50 × 0.16 = 197.52 exactly; 0.03 × 0.16 = 0.0048 → 0.00;
  /// 3.13 × 0.16 = 0.5008 → 0.50; 0.98 × 0.16 = 0.1568 → 0.16; 10.25 × 0.08 = 0.82.
  /// A whole-cent subtotal at 16 % never lands on half a cent (16c ≡ 50 mod 100 has
  /// no solution), so the half cent is shown at 15 %: 0.10 × 0.15 = 0.015 → 0.02.
  @Test(arguments: [
    ("1234.50", "0.16", "197.52", "1432.02"),
    ("0.03", "0.16", "0.00", "0.03"),
    ("3.13", "0.16", "0.50", "3.63"),
    ("0.98", "0.16", "0.16", "1.14"),
    ("10.25", "0.08", "0.82", "11.07"),
    ("0.10", "0.15", "0.02", "0.12"),
  ])
  func vatAtTheCent(_ c: (String, String, String, String)) throws {
    let (vat, total) = try valueAddedTax(on: try ExactDecimal.parse(c.0), rate: try ExactDecimal.parse(c.1))
    #expect(vat == (try ExactDecimal.parse(c.2)))
    #expect(total == (try ExactDecimal.parse(c.3)))
  }
}
