import FuzzSupport
import TallerCore

fuzzMain(fuzzDate)

/// libFuzzer target: `LocalDate.parse(utf8:monthFirst:)`, day first and month first.
///
/// Beyond not crashing, a date that parses:
/// - is a real day of years 1–9999 (its year, month and day make the same date);
/// - written ISO (`description`) reads back as the same date, whatever `monthFirst`
///   says, and so do its `d/m/yyyy` (day first) and `m/d/yyyy` (month first) forms;
/// - reads the same with blanks around it;
/// - came from text with at least one digit.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzDate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let input = UnsafeBufferPointer(start: data, count: size)
  for monthFirst in [false, true] {
    guard let date = try? LocalDate.parse(utf8: input, monthFirst: monthFirst) else { continue }
    let (y, m, d) = date.components
    check((1...9999).contains(y), "\(shown(input)) reads as year \(y)")
    check(LocalDate(year: y, month: m, day: d) == date, "\(shown(input)) reads as \(date), not a valid y-m-d")
    check(input.contains { $0 >= 0x30 && $0 <= 0x39 }, "\(shown(input)) has no digit but reads as \(date)")
    let iso = date.description
    check(iso.utf8.count == 10, "\(shown(input)) reads as \(date), written \(iso)")
    let year = String(repeating: "0", count: 4 - String(y).count) + String(y)
    let forms: [(String, Bool)] = [
      (iso, false), (iso, true), ("\(d)/\(m)/\(year)", false), ("\(m)/\(d)/\(year)", true),
      ("\(d)-\(m)-\(year)", false), ("\(year)/\(m)/\(d)", true), (iso + " 08:00", false), (iso + "T08:00:00Z", true),
    ]
    for (text, flag) in forms {
      let back = try? LocalDate.parse(text, monthFirst: flag)
      check(back == date, "\(shown(input)) reads as \(date); \(text) (monthFirst \(flag)) reads back as \(back.map { "\($0)" } ?? "an error")")
    }
    let padded = [0x20, 0x09] + Array(input) + [0x09]
    let back = padded.withUnsafeBufferPointer { try? LocalDate.parse(utf8: $0, monthFirst: monthFirst) }
    check(back == date, "\(shown(input)) reads as \(date) but padded as \(back.map { "\($0)" } ?? "an error")")
  }
  return 0
}
