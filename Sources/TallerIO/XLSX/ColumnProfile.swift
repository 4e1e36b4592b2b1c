import TallerCore

/// Decides how a column of text cells (a table with no schema) is typed in a
/// workbook, by the rules every schema column is read with: the core's parsers decide.
///
/// The caller reads the table twice: first every cell of the column goes through
/// `observe`, then each cell is turned into a typed cell by `cell(for:)`. A column is
///
/// - `number` when every non-empty cell is a number for `ExactDecimal.parse` under
///   `style` (SPEC §2: `3.5`, `3,5`, `1,234.56`, `1.234,56` — the decimal comma in a
///   `;` file), none is a code with a leading zero (`007` stays text: docs/BAD-INPUTS.md #38)
///   and none has more than 15 significant digits (more than a `Double` holds; as
///   text the value stays exact);
/// - `date` when every non-empty cell is a day for `LocalDate.parse` (`2026-10-31`,
///   `31/10/2026`, `31-10-2026`, `31.10.2026`, `2026/10/31`; day first unless
///   `monthFirst`) from 1900-01-01 on. An Excel serial number, which a date column of
///   a schema also takes, is not a date here: without a schema a bare number is a
///   number (or, `007`, a code). `dateTime` when, besides, some cells carry a time
///   `hh:mm` or `hh:mm:ss` after a space or `T`; any other time (a zone, fractional
///   seconds) keeps the column text, since Excel has neither and the schema's
///   reading, which drops the time, would lose it;
/// - `bool` when every non-empty cell is a yes/no for `parseBool` (`true/false`,
///   `sí/no`, `S/N`, `Y/N`, `x`, …); `1/0` alone make a number column;
/// - `text` otherwise, and when the column has no non-empty cell: every cell is
///   written exactly as it is in the file.
///
/// Empty means blank: no characters other than spaces and tabs.
public struct ColumnProfile: Sendable {
  public enum Kind: Sendable, Hashable {
    case text, number, date, dateTime, bool
  }

  /// How numbers are read (the file's decimal convention; money columns).
  public let style: NumberStyle
  /// Whether `10/31/2026` is month first (`--month-first`).
  public let monthFirst: Bool
  /// Non-empty cells observed.
  public private(set) var count = 0
  /// The most decimals written in a number cell (`12.50` counts 2): the column's
  /// number format shows this many. Meaningful when `kind == .number`.
  public private(set) var places = 0

  private var maybeNumber = true
  private var maybeDate = true
  private var maybeBool = true
  private var sawTime = false

  public init(style: NumberStyle = .plain, monthFirst: Bool = false) {
    self.style = style
    self.monthFirst = monthFirst
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
      if let parsed = date(body) {
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
      guard let parsed = date(body) else { return nil }
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

  /// The day `LocalDate.parse` reads, and the seconds of a time written after it.
  private func date(_ p: UnsafeBufferPointer<UInt8>) -> (day: LocalDate, seconds: Int?)? {
    // Where a time starts (a space or `T`), and the separators of the day before it:
    // a day has two (`-`, `/` or `.`); an Excel serial (`46326`, `46326.5`) has at
    // most one and is left to the number rule.
    var end = p.count
    var separators = 0
    for k in 0..<p.count {
      let c = p[k]
      if c == UInt8(ascii: " ") || c == UInt8(ascii: "T") {
        end = k
        break
      }
      if c == UInt8(ascii: "-") || c == UInt8(ascii: "/") || c == UInt8(ascii: ".") { separators += 1 }
    }
    guard separators >= 2,
      let day = try? LocalDate.parse(utf8: UnsafeBufferPointer(rebasing: p[0..<end]), monthFirst: monthFirst),
      Excel.serial(day) != nil
    else { return nil }
    if end == p.count { return (day, nil) }
    guard let seconds = timeOfDay(UnsafeBufferPointer(rebasing: p[(end + 1)...])) else { return nil }
    return (day, seconds)
  }

  /// `hh:mm` or `hh:mm:ss` as seconds after midnight (the time part of a date cell;
  /// the day is the core's to read).
  private func timeOfDay(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
    func twoDigits(_ from: Int) -> Int? {
      let a = p[from] &- 0x30
      let b = p[from + 1] &- 0x30
      return a > 9 || b > 9 ? nil : Int(a) * 10 + Int(b)
    }
    guard p.count == 5 || p.count == 8, let hh = twoDigits(0), p[2] == UInt8(ascii: ":"),
      let mm = twoDigits(3), hh < 24, mm < 60
    else { return nil }
    var ss = 0
    if p.count == 8 {
      guard p[5] == UInt8(ascii: ":"), let s = twoDigits(6), s < 60 else { return nil }
      ss = s
    }
    return hh * 3600 + mm * 60 + ss
  }

  /// The core's yes/no, read from the bytes.
  private func bool(_ p: UnsafeBufferPointer<UInt8>) -> Bool? {
    (try? parseBool(utf8: p)) ?? nil
  }

  private func trimmed(_ p: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
    let b = ASCIISpaces.bounds(p)
    return (b.lowerBound, b.upperBound)
  }
}

extension ColumnProfile {
  /// The first pass over a table with no schema: one profile per column of `reader`,
  /// after observing every record.
  ///
  /// Cells are read with the conventions a schema's columns are (`BoundTable`): the
  /// decimal comma in a `;`-delimited file and the decimal point in any other, unless
  /// `options` say otherwise (`--decimal-comma`, `--decimal-point`); day first unless
  /// `--month-first`.
  public static func profiles(of reader: RecordReader, options: ReadOptions) throws(InputError) -> [ColumnProfile] {
    let convention = options.decimalConvention ?? (reader.delimiter == UInt8(ascii: ";") ? .comma : .point)
    let blank = ColumnProfile(style: NumberStyle(convention: convention), monthFirst: options.monthFirst)
    var columns = [ColumnProfile](repeating: blank, count: reader.header.count)
    let record = Record()
    while try reader.next(into: record) {
      record.bytes.withUnsafeBufferPointer { all in
        for i in 0..<record.count {
          columns[i].observe(utf8: UnsafeBufferPointer(rebasing: all[record.start(i)..<record.ends[i]]))
        }
      }
    }
    return columns
  }
}
