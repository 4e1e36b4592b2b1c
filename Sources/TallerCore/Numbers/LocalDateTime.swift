/// A moment on the plant's wall clock: a calendar day and a second of that day, no
/// zone (the scanner's clock; every event of a run is in the same one).
///
/// Stored as seconds since 1970-01-01 00:00, so ordering and differences are
/// integer operations and exact (an interval of 1 h 20 min is 4,800 seconds, never
/// 1.3333… hours until it is written).
public struct LocalDateTime: Hashable, Comparable, Sendable {
  /// Seconds since 1970-01-01 00:00:00.
  public var seconds: Int

  @inlinable public init(seconds: Int) { self.seconds = seconds }

  /// `date` at `hour:minute:second` (each in its range), or nil.
  public init?(date: LocalDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
    guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
    seconds = date.dayNumber * 86_400 + hour * 3_600 + minute * 60 + second
  }

  /// The calendar day.
  public var date: LocalDate {
    let d = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    return LocalDate(dayNumber: d)
  }

  /// Seconds since the day's midnight (0 ..< 86,400).
  public var secondOfDay: Int { seconds - date.dayNumber * 86_400 }

  @inlinable public static func < (a: Self, b: Self) -> Bool { a.seconds < b.seconds }
  /// Seconds from `b` to `a`.
  @inlinable public static func - (a: Self, b: Self) -> Int { a.seconds - b.seconds }
}

extension LocalDateTime: CustomStringConvertible {
  /// ISO 8601 without zone: `2026-01-26T08:05:00`.
  public var description: String {
    let (y, mo, d) = date.components
    let s = secondOfDay
    // Written byte by byte: a table of 300,000 operations writes 600,000 of these.
    return String(unsafeUninitializedCapacity: 19) { out in
      func put(_ v: Int, _ at: Int, _ width: Int) {
        var v = v
        for k in stride(from: at + width - 1, through: at, by: -1) {
          out[k] = UInt8(0x30 + v % 10)
          v /= 10
        }
      }
      put(y, 0, 4)
      out[4] = UInt8(ascii: "-")
      put(mo, 5, 2)
      out[7] = UInt8(ascii: "-")
      put(d, 8, 2)
      out[10] = UInt8(ascii: "T")
      put(s / 3_600, 11, 2)
      out[13] = UInt8(ascii: ":")
      put(s / 60 % 60, 14, 2)
      out[16] = UInt8(ascii: ":")
      put(s % 60, 17, 2)
      return 19
    }
  }
}

/// Why a cell is not a date and time.
public enum DateTimeError: Error, Sendable, Equatable {
  case date(DateError)
  case notATime

  public var message: String {
    switch self {
    case .date(let e): return e.message
    case .notATime:
      return "is not a time of day (expected 2026-01-26T08:05, 2026-01-26 08:05:30 or 26/01/2026 8:05; hours 0–23)"
    }
  }
}

extension LocalDateTime {
  public static func parse(_ text: String, monthFirst: Bool = false) throws(DateTimeError) -> LocalDateTime {
    var t = text
    let result = t.withUTF8 { buf in
      Result { () throws(DateTimeError) -> LocalDateTime in try parse(utf8: buf, monthFirst: monthFirst) }
    }
    return try result.get()
  }

  /// Reads a date-and-time cell: any date `LocalDate.parse` reads, then optionally
  /// `T` or spaces and `H:MM` or `H:MM:SS` (a trailing `Z` is accepted; other zone
  /// offsets are not: the plant's clock has none). A date alone is its midnight. An
  /// Excel serial with a fraction of a day (`46048.3375`) is that day and the
  /// fraction × 86,400 seconds, rounded half-up to the second.
  public static func parse(utf8 p: UnsafeBufferPointer<UInt8>, monthFirst: Bool = false) throws(DateTimeError)
    -> LocalDateTime
  {
    let trimmed = ASCIISpaces.bounds(p)
    let lo = trimmed.lowerBound
    let hi = trimmed.upperBound
    if lo == hi { throw .date(.empty) }
    // Excel serial with a fraction: digits '.' digits, nothing else.
    var dot = -1
    var allDigits = true
    for k in lo..<hi {
      let c = p[k]
      if c == UInt8(ascii: ".") && dot < 0 { dot = k } else if c < 0x30 || c > 0x39 { allDigits = false; break }
    }
    if allDigits && dot > lo && dot < hi - 1 {
      guard dot - lo <= 9 else { throw .date(.notADate) }
      var serial = 0
      for k in lo..<dot { serial = serial * 10 + Int(p[k] - 0x30) }
      let day: LocalDate
      do { day = try LocalDate(excelSerial: serial) } catch { throw .date(error) }
      // fraction × 86400, half-up, over at most 12 digits (exact in Int).
      var num = 0
      var den = 1
      for k in (dot + 1)..<min(hi, dot + 13) {
        num = num * 10 + Int(p[k] - 0x30)
        den *= 10
      }
      let s = (num * 86_400 * 2 + den) / (2 * den)
      return LocalDateTime(seconds: day.dayNumber * 86_400 + min(s, 86_399))
    }
    // The date ends at the first 'T' or space.
    var split = hi
    for k in lo..<hi where p[k] == UInt8(ascii: "T") || p[k] == UInt8(ascii: " ") || p[k] == UInt8(ascii: "t") {
      split = k
      break
    }
    let date: LocalDate
    do {
      date = try LocalDate.parse(utf8: UnsafeBufferPointer(rebasing: p[lo..<split]), monthFirst: monthFirst)
    } catch {
      throw .date(error)
    }
    var i = split
    while i < hi && (p[i] == UInt8(ascii: " ") || p[i] == UInt8(ascii: "T") || p[i] == UInt8(ascii: "t")) { i += 1 }
    if i == hi {
      guard split == hi else { throw .notATime }
      return LocalDateTime(seconds: date.dayNumber * 86_400)
    }
    var end = hi
    if p[end - 1] == UInt8(ascii: "Z") || p[end - 1] == UInt8(ascii: "z") { end -= 1 }
    // H:MM[:SS], in three (value, width) pairs without an array (one per cell would allocate).
    var h = 0, m = 0, sec = 0
    var hw = 0, mw = 0, sw = 0
    var n = 0
    while i < end {
      let c = p[i]
      if c >= 0x30 && c <= 0x39 {
        let d = Int(c - 0x30)
        switch n {
        case 0: h = h * 10 + d; hw += 1
        case 1: m = m * 10 + d; mw += 1
        default: sec = sec * 10 + d; sw += 1
        }
        if hw > 2 || mw > 2 || sw > 2 { throw .notATime }
      } else if c == UInt8(ascii: ":") && n < 2 && (n == 0 ? hw : mw) > 0 {
        n += 1
      } else {
        throw .notATime
      }
      i += 1
    }
    guard n >= 1, mw == 2, n == 1 || sw == 2, let v = LocalDateTime(date: date, hour: h, minute: m, second: sec)
    else { throw .notATime }
    return v
  }
}
