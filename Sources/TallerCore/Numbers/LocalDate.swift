/// A calendar day with no time and no zone (SPEC: "dates are calendar days").
///
/// Stored as the number of days since 1970-01-01, so adding days and comparing are
/// integer operations. Year, month and day are computed with the proleptic
/// Gregorian calendar (Howard Hinnant's civil-date algorithms).
public struct LocalDate: Hashable, Comparable, Sendable {
  /// Days since 1970-01-01.
  public var dayNumber: Int

  @inlinable public init(dayNumber: Int) { self.dayNumber = dayNumber }

  /// A valid date, or nil (February 30, month 13, day 0…).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      day >= 1, day <= LocalDate.daysIn(month: month, year: year)
    else { return nil }
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    dayNumber = era * 146097 + doe - 719468
  }

  public var components: (year: Int, month: Int, day: Int) {
    let z = dayNumber + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  public var year: Int { components.year }
  public var month: Int { components.month }
  public var day: Int { components.day }

  public static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 1, 3, 5, 7, 8, 10, 12: return 31
    case 4, 6, 9, 11: return 30
    case 2: return isLeap(year) ? 29 : 28
    default: return 0
    }
  }

  @inlinable public static func < (a: Self, b: Self) -> Bool { a.dayNumber < b.dayNumber }
  @inlinable public static func + (a: Self, days: Int) -> Self { Self(dayNumber: a.dayNumber + days) }
  @inlinable public static func - (a: Self, days: Int) -> Self { Self(dayNumber: a.dayNumber - days) }
  /// Days from `b` to `a`.
  @inlinable public static func - (a: Self, b: Self) -> Int { a.dayNumber - b.dayNumber }

  /// Monday = 1 … Sunday = 7 (ISO 8601).
  public var isoWeekday: Int {
    // 1970-01-01 was a Thursday (4).
    let r = (dayNumber + 3) % 7
    return (r < 0 ? r + 7 : r) + 1
  }
}

extension LocalDate: CustomStringConvertible {
  /// ISO 8601: `2026-10-31`.
  public var description: String {
    let (y, m, d) = components
    func pad(_ v: Int, _ w: Int) -> String {
      let s = String(v)
      return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
    }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }
}

/// Why a cell is not a date.
public enum DateError: Error, Sendable, Equatable {
  case empty
  case notADate
  case impossible          // 2026-02-30, month 13, day 0
  case twoDigitYear
  case badSerial           // Excel serial < 1, or 60 (the fictitious 1900-02-29)

  public var message: String {
    switch self {
    case .empty: return "is empty"
    case .notADate: return "is not a date (expected 2026-10-31, 31/10/2026, 31-10-2026, 31.10.2026, 2026/10/31 or an Excel serial number)"
    case .impossible: return "is not a real calendar day"
    case .twoDigitYear: return "has a two-digit year; write the year in full"
    case .badSerial: return "is not a valid Excel serial date (1 or more, and not 60, the fictitious 1900-02-29)"
    }
  }
}

extension LocalDate {
  /// The day of an Excel serial number in the 1900 date system.
  ///
  /// Serial 1 is 1900-01-01; Excel counts a 1900-02-29 that never was (serial 60),
  /// so serials from 61 on are one day ahead of a plain count.
  public init(excelSerial serial: Int) throws(DateError) {
    guard serial >= 1, serial != 60, serial <= 2_958_465 else { throw .badSerial }
    let base = LocalDate(year: 1899, month: 12, day: 31)!  // serial 0
    self = base + (serial < 60 ? serial : serial - 1)
  }

  /// Reads a date cell: `2026-10-31`, `2026/10/31`, `31/10/2026`, `31-10-2026`,
  /// `31.10.2026` (day first unless `monthFirst`), or an Excel serial. A time after the date
  /// (`2026-10-31 08:00`, `2026-10-31T08:00:00Z`) is ignored.
  public static func parse(_ text: String, monthFirst: Bool = false) throws(DateError) -> LocalDate {
    var t = text
    let result = t.withUTF8 { buf in
      Result { () throws(DateError) -> LocalDate in try parse(utf8: buf, monthFirst: monthFirst) }
    }
    return try result.get()
  }

  public static func parse(utf8 p: UnsafeBufferPointer<UInt8>, monthFirst: Bool = false) throws(DateError) -> LocalDate {
    let trimmed = ASCIISpaces.bounds(p)
    let lo = trimmed.lowerBound
    let hi = trimmed.upperBound
    if lo == hi { throw .empty }

    // Fast path: YYYY-MM-DD exactly (the canonical form), no allocation.
    if hi - lo == 10, p[lo + 4] == UInt8(ascii: "-"), p[lo + 7] == UInt8(ascii: "-") {
      var ok = true
      @inline(__always) func digit(_ i: Int) -> Int {
        let d = Int(p[lo + i]) - 0x30
        if d < 0 || d > 9 { ok = false }
        return d
      }
      let y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
      let m = digit(5) * 10 + digit(6)
      let d = digit(8) * 10 + digit(9)
      if ok {
        guard let date = LocalDate(year: y, month: m, day: d) else { throw .impossible }
        return date
      }
    }

    // Up to three numbers separated by '-', '/' or '.', then optionally a time.
    var values = (0, 0, 0)
    var widths = (0, 0, 0)
    var count = 0
    func store(_ value: Int, _ digits: Int) {
      switch count {
      case 0: values.0 = value; widths.0 = digits
      case 1: values.1 = value; widths.1 = digits
      default: values.2 = value; widths.2 = digits
      }
      count += 1
    }
    func onlyDigits(from k: Int) -> Bool {
      var k = k
      while k < hi {
        guard p[k] >= 0x30 && p[k] <= 0x39 else { return false }
        k += 1
      }
      return true
    }
    var separator: UInt8 = 0
    var i = lo
    var current = 0
    var digits = 0
    scan: while i < hi {
      let c = p[i]
      if c >= 0x30 && c <= 0x39 {
        if digits >= 9 { throw .notADate }
        current = current * 10 + Int(c - 0x30)
        digits += 1
      } else if c == UInt8(ascii: ".") && count == 0 && onlyDigits(from: i + 1) {
        // Excel serial with a time fraction: 46326.5
        break scan
      } else if c == UInt8(ascii: "-") || c == UInt8(ascii: "/") || c == UInt8(ascii: ".") {
        // `31.10.2026`: the dots separate, as the other two do.
        if digits == 0 || count >= 2 { throw .notADate }
        if separator == 0 { separator = c } else if separator != c { throw .notADate }
        store(current, digits)
        current = 0
        digits = 0
      } else if (c == UInt8(ascii: " ") || c == UInt8(ascii: "T")) && count == 2 && digits > 0 {
        // A time after a full date: accept when it starts with a digit.
        guard i + 1 < hi, p[i + 1] >= 0x30, p[i + 1] <= 0x39 else { throw .notADate }
        break scan
      } else {
        throw .notADate
      }
      i += 1
    }
    if digits == 0 { throw .notADate }
    store(current, digits)

    if count == 1 {
      // Excel serial number.
      return try LocalDate(excelSerial: values.0)
    }
    guard count == 3 else { throw .notADate }
    let y: Int, m: Int, d: Int
    if widths.0 == 4 {
      y = values.0; m = values.1; d = values.2
      guard widths.1 <= 2, widths.2 <= 2 else { throw .notADate }
    } else {
      guard widths.0 <= 2, widths.1 <= 2 else { throw .notADate }
      if widths.2 == 2 || widths.2 == 1 { throw .twoDigitYear }
      guard widths.2 == 4 else { throw .notADate }
      y = values.2
      (d, m) = monthFirst ? (values.1, values.0) : (values.0, values.1)
    }
    guard let date = LocalDate(year: y, month: m, day: d) else { throw .impossible }
    return date
  }
}
