import TallerCore

/// Decides how a column of text cells (a CSV table) is typed in a workbook.
///
/// The caller reads the table twice: first every cell of the column goes through
/// `observe`, then each cell is turned into a typed cell by `cell(for:)`. A column is
///
/// - `number` when every non-empty cell is a number under `style`, none is a code
///   with a leading zero (`007` stays text: docs/BAD-INPUTS.md #38) and none has more than 15
///   significant digits (more than a `Double` holds; as text the value stays exact);
/// - `date` when every non-empty cell is an ISO day `YYYY-MM-DD` from 1900-01-01 on;
///   `dateTime` when, besides, some carry a time `hh:mm` or `hh:mm:ss` after a space
///   or `T` (a zone or fractional seconds keep the column text: Excel has neither);
/// - `bool` when every non-empty cell is `true` or `false` (any case);
/// - `text` otherwise, and when the column has no non-empty cell.
///
/// Empty means blank: no characters other than spaces and tabs.
public struct ColumnProfile: Sendable {
  public enum Kind: Sendable, Hashable {
    case text, number, date, dateTime, bool
  }

  /// How numbers are read (the file's decimal convention; money columns).
  public let style: NumberStyle
  /// Non-empty cells observed.
  public private(set) var count = 0
  /// The most decimals written in a number cell (`12.50` counts 2): the column's
  /// number format shows this many. Meaningful when `kind == .number`.
  public private(set) var places = 0

  private var maybeNumber = true
  private var maybeDate = true
  private var maybeBool = true
  private var sawTime = false

  public init(style: NumberStyle = .plain) {
    self.style = style
  }

  /// The kind decided by the cells observed so far.
  public var kind: Kind {
    if count == 0 { return .text }
    if maybeNumber { return .number }
    if maybeDate { return sawTime ? .dateTime : .date }
    if maybeBool { return .bool }
    return .text
  }

  public mutating func observe(_ text: String) {
    var text = text
    text.withUTF8 { observe(utf8: $0) }
  }

  public mutating func observe(utf8 cell: UnsafeBufferPointer<UInt8>) {
    let (lo, hi) = trimmed(cell)
    if lo == hi { return }
    count += 1
    if !(maybeNumber || maybeDate || maybeBool) { return }
    let body = UnsafeBufferPointer(rebasing: cell[lo..<hi])
    if maybeNumber {
      if let parsed = number(body) {
        places = max(places, parsed.places)
      } else {
        maybeNumber = false
      }
    }
    if maybeDate {
      if let parsed = isoDate(body) {
        if parsed.seconds != nil { sawTime = true }
      } else {
        maybeDate = false
      }
    }
    if maybeBool, bool(body) == nil { maybeBool = false }
  }

  /// The typed cell for one cell of the column.
  ///
  /// A cell that does not fit the decided kind (possible only when the data changed
  /// between the two passes) is written as text, so its value is kept as it was.
  public func cell(for text: String) -> XLSXCell {
    var text = text
    return text.withUTF8 { cell(utf8: $0) }
  }

  public func cell(utf8 cell: UnsafeBufferPointer<UInt8>) -> XLSXCell {
    if let typed = typedCell(utf8: cell) { return typed }
    if cell.isEmpty { return .empty }
    return .text(String(decoding: cell, as: UTF8.self))
  }

  /// The typed cell, `.empty` for a blank cell, or nil when the column is text or the
  /// cell does not fit its kind (the writer then writes the bytes as they are).
  func typedCell(utf8 cell: UnsafeBufferPointer<UInt8>) -> XLSXCell? {
    let kind = self.kind
    if kind == .text { return nil }
    let (lo, hi) = trimmed(cell)
    if lo == hi { return .empty }
    let body = UnsafeBufferPointer(rebasing: cell[lo..<hi])
    switch kind {
    case .text: return nil
    case .number:
      guard let parsed = number(body) else { return nil }
      return .number(parsed.value)
    case .date, .dateTime:
      guard let parsed = isoDate(body) else { return nil }
      if kind == .date { return .date(parsed.day) }
      return .dateTime(parsed.day, secondsOfDay: parsed.seconds ?? 0)
    case .bool:
      guard let value = bool(body) else { return nil }
      return .bool(value)
    }
  }

  // MARK: - Recognizers (on trimmed, non-empty bytes)

  /// The value and the decimals written, for a number this column may hold.
  private func number(_ p: UnsafeBufferPointer<UInt8>) -> (value: ExactDecimal, places: Int)? {
    guard let value = try? ExactDecimal.parse(utf8: p, style: style) else { return nil }
    // A leading zero followed by a digit is a code (007, 0012.5), not a number.
    if let first = p.firstIndex(where: { $0 >= 0x30 && $0 <= 0x39 }), p[first] == 0x30,
      first + 1 < p.count, p[first + 1] >= 0x30, p[first + 1] <= 0x39
    {
      return nil
    }
    if Excel.significantDigits(value) > Excel.maxExactDigits { return nil }
    return (value, writtenPlaces(p, value))
  }

  /// Decimals written after the decimal separator: the digits after the last `.` or
  /// `,` when that separator is the decimal one. It is when the value equals all the
  /// digits read as one integer divided by 10^d (`1,234.50`: 123450 ÷ 10² = 1234.5);
  /// a grouping separator (`1,234` read as 1234) fails that test.
  private func writtenPlaces(_ p: UnsafeBufferPointer<UInt8>, _ value: ExactDecimal) -> Int {
    var end = p.count
    while end > 0, !(p[end - 1] >= 0x30 && p[end - 1] <= 0x39) { end -= 1 }  // ` USD`, `)`
    var i = end
    while i > 0, p[i - 1] >= 0x30 && p[i - 1] <= 0x39 { i -= 1 }
    let decimals = end - i
    guard i > 0, p[i - 1] == UInt8(ascii: ".") || p[i - 1] == UInt8(ascii: ","),
      decimals <= ExactDecimal.scale
    else { return 0 }
    var all = UInt128(0)
    for c in p where c >= 0x30 && c <= 0x39 {
      let (m, o1) = all.multipliedReportingOverflow(by: 10)
      if o1 { return value.fractionDigits }
      all = m + UInt128(c - 0x30)
    }
    let (scaled, o2) = all.multipliedReportingOverflow(by: Excel.powerOfTen(ExactDecimal.scale - decimals))
    if o2 { return value.fractionDigits }
    return scaled == value.raw.magnitude ? decimals : value.fractionDigits
  }

  /// `YYYY-MM-DD`, optionally followed by ` ` or `T` and `hh:mm` or `hh:mm:ss`.
  private func isoDate(_ p: UnsafeBufferPointer<UInt8>) -> (day: LocalDate, seconds: Int?)? {
    func digits(_ from: Int, _ n: Int) -> Int? {
      guard from + n <= p.count else { return nil }
      var v = 0
      for k in from..<(from + n) {
        let d = p[k] &- 0x30
        if d > 9 { return nil }
        v = v * 10 + Int(d)
      }
      return v
    }
    guard p.count == 10 || p.count == 16 || p.count == 19,
      let y = digits(0, 4), p[4] == UInt8(ascii: "-"), let m = digits(5, 2),
      p[7] == UInt8(ascii: "-"), let d = digits(8, 2),
      let day = LocalDate(year: y, month: m, day: d), Excel.serial(day) != nil
    else { return nil }
    if p.count == 10 { return (day, nil) }
    guard p[10] == UInt8(ascii: " ") || p[10] == UInt8(ascii: "T"),
      let hh = digits(11, 2), p[13] == UInt8(ascii: ":"), let mm = digits(14, 2),
      hh < 24, mm < 60
    else { return nil }
    var ss = 0
    if p.count == 19 {
      guard p[16] == UInt8(ascii: ":"), let s = digits(17, 2), s < 60 else { return nil }
      ss = s
    }
    return (day, hh * 3600 + mm * 60 + ss)
  }

  private func bool(_ p: UnsafeBufferPointer<UInt8>) -> Bool? {
    func equals(_ word: StaticString) -> Bool {
      guard p.count == word.utf8CodeUnitCount else { return false }
      let w = word.utf8Start
      for k in 0..<p.count where p[k] | 0x20 != w[k] { return false }
      return true
    }
    if equals("true") { return true }
    if equals("false") { return false }
    return nil
  }

  private func trimmed(_ p: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
    var lo = 0
    var hi = p.count
    while lo < hi, p[lo] == 0x20 || p[lo] == 0x09 { lo += 1 }
    while hi > lo, p[hi - 1] == 0x20 || p[hi - 1] == 0x09 { hi -= 1 }
    return (lo, hi)
  }
}
