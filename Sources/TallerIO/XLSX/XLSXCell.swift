import TallerCore

/// One cell of a table written to a workbook.
public enum XLSXCell: Sendable, Hashable {
  /// Nothing is written.
  case empty
  /// A string cell, whatever the text starts with: `=HYPERLINK(…)`, `+cmd` and `@SUM`
  /// stay text and are never formulas (docs/BAD-INPUTS.md #40). Empty text is left blank.
  case text(String)
  /// A number cell holding the nearest `Double` (what Excel stores), with a number
  /// format that shows the value's decimals (see `TableSheet`).
  case number(ExactDecimal)
  /// A real date (`yyyy-mm-dd`). Days before 1900-01-01, which Excel cannot hold,
  /// are written as ISO text.
  case date(LocalDate)
  /// A date and a time of day in seconds after midnight (0..<86400), no zone
  /// (`yyyy-mm-dd hh:mm:ss`).
  case dateTime(LocalDate, secondsOfDay: Int)
  /// A boolean cell (`TRUE`/`FALSE` in Excel).
  case bool(Bool)
}

/// What Excel can hold, and how taller's values become Excel's.
enum Excel {
  /// Rows in a worksheet, the header included.
  static let maxRows = 1_048_576
  static let maxColumns = 16_384
  /// Characters in a cell; Excel counts UTF-16 code units.
  static let maxTextLength = 32_767
  static let maxSheetNameLength = 31
  /// Significant digits a `Double` holds exactly (Excel shows 15).
  static let maxExactDigits = 15

  /// The serial number of a day in Excel's 1900 date system, or nil outside
  /// 1900-01-01 … 9999-12-31.
  ///
  /// Serial 25569 is 1970-01-01 (day number 0). Excel counts a 1900-02-29 that never
  /// was (serial 60), so the days before 1900-03-01 are one less:
  /// 1900-01-01 has day number −25567 (70 years of 365 days plus 17 leap days) and
  /// serial 1 = −25567 + 25568.
  static func serial(_ date: LocalDate) -> Int? {
    let first = -25_567  // 1900-01-01
    let march1900 = -25_508  // 1900-03-01, serial 61
    let last = 2_932_896  // 9999-12-31, serial 2958465
    guard date.dayNumber >= first, date.dayNumber <= last else { return nil }
    return date.dayNumber + (date.dayNumber >= march1900 ? 25_569 : 25_568)
  }

  /// Powers of ten that a `Double` holds exactly (up to 10²²).
  static let exactPowersOfTen: [Double] = [
    1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
  ]

  /// 10^n for 0 ≤ n ≤ 38.
  static func powerOfTen(_ n: Int) -> UInt128 {
    var p = UInt128(1)
    for _ in 0..<n { p *= 10 }
    return p
  }

  /// The `Double` nearest to an exact decimal.
  ///
  /// The value is m ÷ 10^p with m an integer. When m < 2⁵³ both m and 10^p (p ≤ 10)
  /// are exact doubles and IEEE division rounds once, so the quotient is the nearest
  /// double. Larger m go through the correctly rounded text parser.
  static func double(_ value: ExactDecimal) -> Double {
    // 64-bit arithmetic in the common case: 128-bit division is a library call.
    if value.raw.magnitude <= UInt128(UInt64.max) {
      return double(UInt64(value.raw.magnitude), negative: value.isNegative) ?? value.doubleValue
    }
    return double(value.raw.magnitude, negative: value.isNegative)
      ?? (value.isNegative ? -1 : 1) * (Double(value.magnitude.description) ?? value.magnitude.doubleValue)
  }

  /// m ÷ 10^10 as the nearest double when the reduced numerator is below 2⁵³, else nil.
  private static func double<T: FixedWidthInteger & UnsignedInteger>(_ magnitude: T, negative: Bool) -> Double? {
    var m = magnitude
    var p = ExactDecimal.scale
    while p > 0, m % 10 == 0 {
      m /= 10
      p -= 1
    }
    guard m < T(1) << 53 else { return nil }
    let d = Double(m) / exactPowersOfTen[p]
    return negative ? -d : d
  }

  /// Significant digits of the value written exactly: `1200` has 2, `0.0015` has 2,
  /// `12.05` has 4.
  static func significantDigits(_ value: ExactDecimal) -> Int {
    value.raw.magnitude <= UInt128(UInt64.max)
      ? significantDigits(UInt64(value.raw.magnitude)) : significantDigits(value.raw.magnitude)
  }

  private static func significantDigits<T: FixedWidthInteger & UnsignedInteger>(_ magnitude: T) -> Int {
    var m = magnitude
    if m == 0 { return 1 }
    while m % 10 == 0 { m /= 10 }
    var digits = 0
    while m > 0 {
      m /= 10
      digits += 1
    }
    return digits
  }

  /// Characters a number takes in its cell's format: `0` for integers, `#,##0.00…`
  /// with `places` decimals otherwise (`-1,234.50` is 9).
  static func displayWidth(_ value: ExactDecimal, places: Int) -> Int {
    var integer =
      value.raw.magnitude <= UInt128(UInt64.max)
      ? UInt128(UInt64(value.raw.magnitude) / UInt64(ExactDecimal.one))
      : value.raw.magnitude / UInt128(ExactDecimal.one)
    var digits = 1
    while integer >= 10 {
      integer /= 10
      digits += 1
    }
    var width = digits + (value.isNegative ? 1 : 0)
    if places > 0 { width += (digits - 1) / 3 + 1 + places }
    return width
  }

  /// The number format for a number shown with `places` decimals.
  static func numberFormat(places: Int) -> String {
    places == 0 ? "0" : "#,##0." + String(repeating: "0", count: places)
  }

  static let dateFormat = "yyyy-mm-dd"
  static let dateTimeFormat = "yyyy-mm-dd hh:mm:ss"
}
