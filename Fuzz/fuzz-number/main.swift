import FuzzSupport
import TallerCore

fuzzMain(fuzzNumber)

/// libFuzzer target: `ExactDecimal.parse(utf8:style:)` under every style (the three
/// conventions, quantity and money).
///
/// Beyond not crashing:
/// - a value that parses, written in its canonical form (`.` or `,` as decimal
///   separator, with and without padding zeros), reads back as the same value;
/// - money accepts everything a quantity accepts, with the same value (it only adds
///   currency signs and parentheses);
/// - blanks around the text change nothing;
/// - an accepted text has a digit, and no letter other than a currency's.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzNumber(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let input = UnsafeBufferPointer(start: data, count: size)
  for convention in [NumberStyle.Convention.point, .pointGrouping, .comma] {
    var asQuantity: ExactDecimal? = nil
    for isMoney in [false, true] {
      let style = NumberStyle(convention: convention, isMoney: isMoney)
      let value: ExactDecimal
      do {
        value = try ExactDecimal.parse(utf8: input, style: style)
      } catch {
        check(asQuantity == nil, "\(shown(input)) is a quantity (\(asQuantity!)) but not money under \(convention): \(error)")
        continue
      }
      if isMoney, let q = asQuantity {
        check(q == value, "\(shown(input)): quantity \(q) but money \(value) under \(convention)")
      }
      if !isMoney { asQuantity = value }
      check(input.contains { $0 >= 0x30 && $0 <= 0x39 }, "\(shown(input)) has no digit but reads as \(value)")
      if !isMoney {
        check(!input.contains { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }, "\(shown(input)) has a letter but is a quantity")
      }
      roundTrip(value, from: input)
      padded(input, style, value)
    }
  }
  return 0
}

/// The canonical text of `value` reads back as `value` under every style that can
/// hold it.
func roundTrip(_ value: ExactDecimal, from input: UnsafeBufferPointer<UInt8>) {
  for places in [0, 2, 10, 12] {
    var point: [UInt8] = []
    value.append(to: &point, minimumPlaces: places)
    var comma: [UInt8] = []
    value.append(to: &comma, minimumPlaces: places, decimalSeparator: UInt8(ascii: ","))
    let cases: [([UInt8], NumberStyle)] = [
      (point, .plain), (point, NumberStyle(convention: .pointGrouping)), (point, .money),
      (comma, NumberStyle(convention: .comma)), (comma, NumberStyle(convention: .comma, isMoney: true)),
    ]
    for (text, style) in cases {
      let back = text.withUnsafeBufferPointer { try? ExactDecimal.parse(utf8: $0, style: style) }
      check(
        back == value,
        "\(shown(input)) reads as \(value), written \(shown(text)), which reads back as \(back.map { "\($0)" } ?? "an error") under \(style)")
    }
  }
  check(value.description == String(decoding: { var t: [UInt8] = []; value.append(to: &t); return t }(), as: UTF8.self),
        "description and append(to:) differ for \(value)")
}

/// Spaces and tabs around the text are ignored.
func padded(_ input: UnsafeBufferPointer<UInt8>, _ style: NumberStyle, _ value: ExactDecimal) {
  let text = [0x20, 0x09] + Array(input) + [0x20]
  let back = text.withUnsafeBufferPointer { try? ExactDecimal.parse(utf8: $0, style: style) }
  check(back == value, "\(shown(input)) reads as \(value) but padded with blanks as \(back.map { "\($0)" } ?? "an error")")
}
