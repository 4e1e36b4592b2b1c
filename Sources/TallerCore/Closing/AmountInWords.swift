/// An amount of money in Spanish words, the way Mexican invoices and works estimates
/// write it under the number: `(UN MIL DOSCIENTOS TREINTA Y CUATRO PESOS 50/100 M.N.)`.
///
/// The amount is first rounded half-up to cents (SPEC §4.8); the whole pesos go in
/// words, the cents as `NN/100`, then `M.N.` (moneda nacional) for pesos and `USD`
/// for dollars. The rules the documents follow:
/// - 1 is `UN PESO` / `UN DÓLAR`; every other amount, 0 included, is plural.
/// - A one before a noun is apocopated: `VEINTIÚN PESOS`, `TREINTA Y UN MIL`,
///   `CIENTO UN MILLONES`.
/// - A thousand is `UN MIL` (as these documents write it, so the words cannot be
///   altered by writing a digit before `MIL`); a million is `UN MILLÓN`, then
///   `DOS MILLONES`; a thousand millions is `UN MIL MILLONES` (Spanish has no
///   "billion" below 10¹²); 10¹² is `UN BILLÓN`.
/// - A round number of millions takes `DE`: `UN MILLÓN DE PESOS`,
///   `DOS MILLONES DE DÓLARES`; not when thousands or units follow
///   (`UN MILLÓN UN MIL PESOS`).
/// - 100 alone is `CIEN`; 101–199 are `CIENTO …`.
/// - A negative amount begins with `MENOS`.
public func amountInWords(_ amount: Money, currency: Currency) -> String {
  let cents = amount.rounded(toPlaces: 2)
  let totalCents = cents.raw.magnitude / UInt128(ExactDecimal.one / 100)
  let whole = totalCents / 100
  let fraction = Int(totalCents % 100)
  var words = spanishCardinal(whole)
  // "UN MILLÓN DE PESOS": a number ending in "MILLÓN"/"MILLONES"/"BILLÓN"/… takes DE.
  if words.hasSuffix("MILLÓN") || words.hasSuffix("MILLONES") || words.hasSuffix("BILLÓN")
    || words.hasSuffix("BILLONES")
  {
    words += " DE"
  }
  let noun: String
  switch currency {
  case .mxn: noun = whole == 1 ? "PESO" : "PESOS"
  case .usd: noun = whole == 1 ? "DÓLAR" : "DÓLARES"
  }
  let suffix = currency == .mxn ? "M.N." : "USD"
  let sign = cents.isNegative ? "MENOS " : ""
  let twoDigits = fraction < 10 ? "0\(fraction)" : "\(fraction)"
  return "(\(sign)\(words) \(noun) \(twoDigits)/100 \(suffix))"
}

/// A whole number in Spanish capitals, apocopated before a noun (`VEINTIÚN`,
/// `UN`): 0 → `CERO`, 1,001 → `UN MIL UN`, 2,000,000 → `DOS MILLONES`.
func spanishCardinal(_ n: UInt128) -> String {
  if n == 0 { return "CERO" }
  // Groups of six digits: units, millones, billones, trillones …
  let names: [(one: String, many: String)] = [
    ("", ""), ("MILLÓN", "MILLONES"), ("BILLÓN", "BILLONES"), ("TRILLÓN", "TRILLONES"),
    ("CUATRILLÓN", "CUATRILLONES"), ("QUINTILLÓN", "QUINTILLONES"), ("SEXTILLÓN", "SEXTILLONES"),
  ]
  var parts: [String] = []
  var rest = n
  var level = 0
  while rest > 0 {
    let group = Int(rest % 1_000_000)
    rest /= 1_000_000
    if group > 0 {
      let words = belowMillion(group)
      if level == 0 {
        parts.append(words)
      } else {
        parts.append(words + " " + (group == 1 ? names[level].one : names[level].many))
      }
    }
    level += 1
  }
  return parts.reversed().joined(separator: " ")
}

/// 1 … 999,999 in words: `UN MIL`, `VEINTIÚN MIL DOSCIENTOS`.
private func belowMillion(_ n: Int) -> String {
  let thousands = n / 1000
  let units = n % 1000
  var parts: [String] = []
  if thousands > 0 { parts.append(belowThousand(thousands) + " MIL") }
  if units > 0 { parts.append(belowThousand(units)) }
  return parts.joined(separator: " ")
}

/// 1 … 999 in words, a final one apocopated (`UN`, `VEINTIÚN`, `CIENTO UN`).
private func belowThousand(_ n: Int) -> String {
  let hundreds = [
    "", "CIENTO", "DOSCIENTOS", "TRESCIENTOS", "CUATROCIENTOS", "QUINIENTOS", "SEISCIENTOS",
    "SETECIENTOS", "OCHOCIENTOS", "NOVECIENTOS",
  ]
  if n == 100 { return "CIEN" }
  var parts: [String] = []
  if n >= 100 { parts.append(hundreds[n / 100]) }
  let r = n % 100
  if r > 0 { parts.append(belowHundred(r)) }
  return parts.joined(separator: " ")
}

/// 1 … 99 in words.
private func belowHundred(_ n: Int) -> String {
  let small = [
    "", "UN", "DOS", "TRES", "CUATRO", "CINCO", "SEIS", "SIETE", "OCHO", "NUEVE", "DIEZ", "ONCE", "DOCE",
    "TRECE", "CATORCE", "QUINCE", "DIECISÉIS", "DIECISIETE", "DIECIOCHO", "DIECINUEVE", "VEINTE",
    "VEINTIÚN", "VEINTIDÓS", "VEINTITRÉS", "VEINTICUATRO", "VEINTICINCO", "VEINTISÉIS", "VEINTISIETE",
    "VEINTIOCHO", "VEINTINUEVE",
  ]
  if n < 30 { return small[n] }
  let tens = ["", "", "", "TREINTA", "CUARENTA", "CINCUENTA", "SESENTA", "SETENTA", "OCHENTA", "NOVENTA"]
  return n % 10 == 0 ? tens[n / 10] : "\(tens[n / 10]) Y \(small[n % 10])"
}

/// VAT at the cent: round(subtotal × rate, 2), half-up (SPEC §4.8), and the total
/// subtotal + VAT of the rounded VAT, so the cover's three numbers add up.
public func valueAddedTax(on subtotal: Money, rate: ExactDecimal) throws(ArithmeticOverflow) -> (vat: Money, total: Money) {
  let vat = try subtotal.multiplied(by: rate, places: 2)
  return (vat, subtotal + vat)
}
