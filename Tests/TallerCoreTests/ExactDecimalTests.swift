import Testing
@testable import TallerCore

/// docs/BAD-INPUTS.md #21–32 and SPEC §2 "numbers", one row per case.
struct NumberParsingTests {
  static let accepted: [(String, NumberStyle, String)] = [
    ("3.5", .plain, "3.5"),
    ("-0", .plain, "0"),
    ("0.0001", .plain, "0.0001"),
    ("12", .plain, "12"),
    ("  12  ", .plain, "12"),
    ("3,5", .plain, "3.5"),  // #22: a comma not followed by exactly 3 digits cannot group
    ("1.234,56", .plain, "1234.56"),  // #23
    ("1,234.56", .plain, "1234.56"),
    ("1,234,567.5", .plain, "1234567.5"),
    ("1.234.567,5", .plain, "1234567.5"),
    ("1,234,567", .plain, "1234567"),  // a repeated separator can only group
    ("1,234", NumberStyle(convention: .comma), "1.234"),  // #24 in a ';' file
    ("1.234", NumberStyle(convention: .comma), "1234"),
    ("1,5", NumberStyle(convention: .comma), "1.5"),
    ("1,234", NumberStyle(convention: .pointGrouping), "1234"),
    ("1.234", NumberStyle(convention: .pointGrouping), "1.234"),
    ("1.234", .plain, "1.234"),
    ("$1,234.50", .money, "1234.5"),  // #25
    ("MX$ 10", .money, "10"),
    ("US$10", .money, "10"),
    ("10 USD", .money, "10"),
    ("-$12.00", .money, "-12"),
    ("(12.50)", .money, "-12.5"),  // #26
    ("0.1234567891", .plain, "0.1234567891"),
    ("1.50000000000", .plain, "1.5"),  // trailing zeros past 10 digits round nothing
    ("999999999999999999.9999999999", .plain, "999999999999999999.9999999999"),
    ("+7", .plain, "7"),
    (".5", .plain, "0.5"),
    ("007", .plain, "7"),
  ]

  @Test(arguments: accepted)
  func accepts(_ text: String, _ style: NumberStyle, _ expected: String) throws {
    #expect(try ExactDecimal.parse(text, style: style).description == expected)
  }

  static let rejected: [(String, NumberStyle, NumberError)] = [
    ("1,234", .plain, .ambiguousComma),  // #24
    ("$1,234.50", .plain, .currencyInQuantity),  // #25 in a quantity
    ("10 USD", .plain, .currencyInQuantity),
    ("0.12345678901", .plain, .tooManyDecimals),  // #27
    ("1E3", .plain, .scientificNotation),  // #28
    ("1.23E+11", .plain, .scientificNotation),
    ("NaN", .plain, .specialValue),  // #29
    ("Infinity", .plain, .specialValue),
    ("1e400", .plain, .scientificNotation),
    ("#N/A", .plain, .specialValue),
    ("#VALUE!", .plain, .specialValue),
    ("#DIV/0!", .plain, .specialValue),
    ("1\u{A0}234", .plain, .spaceInside),  // #30
    ("1\u{2009}234", .plain, .spaceInside),
    ("1_234", .plain, .spaceInside),
    ("1 234", .plain, .spaceInside),
    ("1234567890123456789", .plain, .overflow),  // #32
    ("", .plain, .empty),
    ("   ", .plain, .empty),
    ("abc", .plain, .notANumber),
    ("12abc", .plain, .notANumber),
    ("3,5,1", .plain, .badGrouping),
    ("1,23,456", .plain, .badGrouping),
    ("1.234,5.6", .plain, .badGrouping),
    ("5.", .plain, .notANumber),
    ("-", .plain, .notANumber),
    ("(12.50)", .plain, .notANumber),
  ]

  @Test(arguments: rejected)
  func rejects(_ text: String, _ style: NumberStyle, _ expected: NumberError) {
    #expect(throws: expected) { try ExactDecimal.parse(text, style: style) }
  }

  /// The fast path takes only what the full parser reads, and reads it the same.
  @Test(arguments: [
    "0", "7", "007", "-5", "2.5", "0.0000000001", "1.1234567891", "12.00", "123456789012345678",
    "999999999999999999.9999999999", "-0.5", "1.12345678901", "1234567890123456789", "12.", ".5", "1,5",
    "1.234", "-", "1e3", " 5",
  ], [NumberStyle.plain, NumberStyle(convention: .comma)])
  func fastPathAgreesWithTheFullParser(_ text: String, _ style: NumberStyle) {
    var t = text
    t.withUTF8 { bytes in
      let full = Result { () throws(NumberError) in try ExactDecimal.parseInFull(utf8: bytes, style: style) }
      if let fast = ExactDecimal.fastPath(bytes, 0, bytes.count, style) {
        #expect(full == .success(fast), "\(text)")
      }
      #expect(Result { () throws(NumberError) in try ExactDecimal.parse(utf8: bytes, style: style) } == full)
    }
  }
}

struct ExactArithmeticTests {
  static func d(_ s: String) -> ExactDecimal { try! ExactDecimal.parse(s) }

  static let roundings: [(String, Int, String)] = [
    ("2.345", 2, "2.35"), ("-2.345", 2, "-2.35"), ("2.344999", 2, "2.34"),
    ("0.005", 2, "0.01"), ("-0.005", 2, "-0.01"), ("0.0049999999", 2, "0"),
    ("1.5", 0, "2"), ("-1.5", 0, "-2"), ("2.4", 0, "2"),
  ]

  @Test(arguments: roundings)
  func roundsHalfAwayFromZero(_ value: String, _ places: Int, _ expected: String) {
    #expect(Self.d(value).rounded(toPlaces: places).description == expected)
  }

  @Test func productIsRoundedOnceAtFullWidth() throws {
    // 0.0049999999 × 1.0000000001 = 0.00500000000499999999 — exact product rounds to 0.01,
    // and rounding first to 10 places (0.0050000000) would also give 0.01; the case that
    // differs is 0.00499999999|5: only a single rounding gives 0.00.
    let a = Self.d("0.0999999999"), b = Self.d("0.05")  // = 0.004999999995
    #expect(try a.multiplied(by: b, places: 2).description == "0")
    #expect(try a.multiplied(by: b).description == "0.005")  // at 10 places it rounds up
    #expect(try Self.d("3.5").multiplied(by: Self.d("1234.56"), places: 2).description == "4320.96")
    #expect(try Self.d("-3").multiplied(by: Self.d("0.335"), places: 2).description == "-1.01")
  }

  /// Products where one factor is whole take a shortcut (no division); worked by hand.
  static let wholeProducts: [(String, String, String)] = [
    ("12", "0.05", "0.6"), ("2000", "0.004", "8"), ("0.0045", "150", "0.675"),
    ("-2", "1.5", "-3"), ("3", "-0.0000000001", "-0.0000000003"), ("0", "7.25", "0"),
    ("1", "0.1234567891", "0.1234567891"),
    // 922337203 is the largest whole number whose raw form (× 10¹⁰) fits 63 bits.
    ("922337203", "2", "1844674406"),
  ]

  @Test(arguments: wholeProducts)
  func productWithAWholeFactorIsExact(_ a: String, _ b: String, _ expected: String) throws {
    #expect(try Self.d(a).multiplied(by: Self.d(b)).description == expected)
    #expect(try Self.d(b).multiplied(by: Self.d(a)).description == expected)
  }

  @Test func wholeFactorOverflowIsReported() throws {
    // A value near the top of the range (about 8.5 × 10²⁷) times the whole number 3.
    let big = ExactDecimal(raw: Int128.max / 2)
    #expect(throws: ArithmeticOverflow()) { try big.multiplied(by: Self.d("3")) }
    #expect(throws: ArithmeticOverflow()) { try Self.d("3").multiplied(by: big) }
    #expect(try big.multiplied(by: Self.d("1")) == big)
  }

  @Test func quotientRoundsHalfUpAtTheTenth() throws {
    #expect(try Self.d("1").divided(by: Self.d("3")).description == "0.3333333333")
    #expect(try Self.d("2").divided(by: Self.d("3")).description == "0.6666666667")
    #expect(try Self.d("-2").divided(by: Self.d("3")).description == "-0.6666666667")
    #expect(try Self.d("0.17").divided(by: Self.d("2")).description == "0.085")
  }

  @Test func overflowIsReportedNotWrapped() {
    let big = Self.d("999999999999999999")
    #expect(throws: ArithmeticOverflow()) { try big.multiplied(by: big).multiplied(by: big) }
  }

  @Test func ceilingAndFloor() {
    #expect(Self.d("2.1").ceiling().description == "3")
    #expect(Self.d("-2.1").ceiling().description == "-2")
    #expect(Self.d("-2.1").floor().description == "-3")
    #expect(Self.d("4").ceiling().description == "4")
  }

  @Test func formatsWithMinimumPlaces() {
    #expect(Self.d("12.5").formatted(minimumPlaces: 2) == "12.50")
    #expect(Self.d("-0.001").formatted(minimumPlaces: 2) == "-0.001")
    #expect(Self.d("0").formatted(minimumPlaces: 2) == "0.00")
  }

  /// The text path writes digits right to left in a stack buffer: integer parts
  /// beyond 64 bits of units (values from 1.8 × 10^9 on), every fraction width, a
  /// minimum beyond the 10 digits a value has, and the decimal comma.
  @Test(arguments: [
    ("1844674407.3709551615", 0, "1844674407.3709551615"),  // 2^64 - 1 units: the last 64-bit value
    ("1844674407.3709551616", 0, "1844674407.3709551616"),  // 2^64 units: the 128-bit path
    ("-98765432109876543.2", 2, "-98765432109876543.20"),
    ("123456789012345678", 0, "123456789012345678"),      // 18 integer digits, the most a cell may have
    ("0.0000000001", 0, "0.0000000001"),
    ("0.1", 3, "0.100"),
    ("7", 12, "7.000000000000"),                          // 10 from the buffer, 2 more after it
    ("7.25", 12, "7.250000000000"),
    ("-0.5", 0, "-0.5"),
    ("100", 0, "100"),
    ("2500000000.0000000001", 2, "2500000000.0000000001"),
  ])
  func textOfEveryWidth(value: String, places: Int, expected: String) {
    #expect(Self.d(value).formatted(minimumPlaces: places) == expected)
  }

  @Test func textWithTheDecimalComma() {
    var out: [UInt8] = []
    Self.d("-1234.5").append(to: &out, minimumPlaces: 2, decimalSeparator: UInt8(ascii: ","))
    #expect(String(decoding: out, as: UTF8.self) == "-1234,50")
    let p = UnsafeMutablePointer<UInt8>.allocate(capacity: ExactDecimal.maxTextBytes)
    defer { p.deallocate() }
    let n = Self.d("0.05").write(to: p, minimumPlaces: 2, decimalSeparator: UInt8(ascii: ","))
    #expect(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self) == "0,05")
  }

  /// Property: formatting then parsing gives back the same value, over a seeded range.
  @Test func textRoundTrip() throws {
    var rng = SplitMix64(seed: 42)
    for _ in 0..<5000 {
      let raw = Int128(Int64(bitPattern: rng.next())) * Int128(rng.next() % 1000 + 1)
      let v = ExactDecimal(raw: raw)
      #expect(try ExactDecimal.parse(v.description) == v)
    }
  }
}

/// A small seeded generator so property tests are repeatable.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  init(state: UInt64) { self.state = state }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
