/// A quantity produced for a concept by an OT on a day: a row of the production
/// file (SPEC §3), or one filled cell of the production grid.
public struct ProductionRow: Hashable, Sendable {
  public var ot: OTCode
  public var code: ConceptCode
  public var date: LocalDate
  public var timeType: TimeType
  public var qty: Quantity
  /// Line in the input, for messages (0 when unknown).
  public var line: Int

  public init(ot: OTCode, code: ConceptCode, date: LocalDate, timeType: TimeType = .cma, qty: Quantity, line: Int = 0) {
    self.ot = ot
    self.code = code
    self.date = date
    self.timeType = timeType
    self.qty = qty
    self.line = line
  }

  /// The key no two rows may share (docs/BAD-INPUTS.md #41), and of the row's voucher.
  public var key: ProductionKey {
    ProductionKey(ot: ot, code: code, date: date, timeType: timeType)
  }
}

/// OT + concept + date + time type: one production cell, one voucher.
public struct ProductionKey: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let ot: OTCode
  public let code: ConceptCode
  public let date: LocalDate
  public let timeType: TimeType

  public init(ot: OTCode, code: ConceptCode, date: LocalDate, timeType: TimeType) {
    self.ot = ot
    self.code = code
    self.date = date
    self.timeType = timeType
  }

  /// By OT, code, date, then time type (CMA first).
  public static func < (a: Self, b: Self) -> Bool {
    (a.ot, a.code, a.date, a.timeType) < (b.ot, b.code, b.date, b.timeType)
  }

  /// The voucher register hashes a key per row: the bytes of the OT and the code
  /// go through `ByteHash` (with a separator between them), and the hasher gets one
  /// word of text and one of date and time type.
  public func hash(into hasher: inout Hasher) {
    var h: UInt64 = 0
    var ot = self.ot.raw
    var code = self.code.raw
    ot.withUTF8 { h = ByteHash.scan($0).hash }
    code.withUTF8 { h = (h &* 0x100_0000_01b3) ^ ByteHash.scan($0).hash }
    hasher.combine(h)
    hasher.combine(date.dayNumber << 1 | (timeType == .cma ? 0 : 1))
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.date == b.date && a.timeType == b.timeType && a.ot == b.ot && a.code == b.code
  }

  /// `OT-17 4.1.3 on 2026-10-07 (CMA)`.
  public var description: String { "\(ot) \(code) on \(date) (\(timeType.name))" }
}

/// One row of the production grid: an OT, a concept, a time type, a month and a
/// quantity per filled day column.
public struct ProductionGridRow: Hashable, Sendable {
  public var ot: OTCode
  public var code: ConceptCode
  public var timeType: TimeType
  public var month: YearMonth
  /// Day of the month → quantity, for the filled cells only (a blank cell is no row;
  /// a `0` cell is a row of quantity 0).
  public var cells: [Int: Quantity]
  public var line: Int

  public init(ot: OTCode, code: ConceptCode, timeType: TimeType = .cma, month: YearMonth, cells: [Int: Quantity], line: Int = 0) {
    self.ot = ot
    self.code = code
    self.timeType = timeType
    self.month = month
    self.cells = cells
    self.line = line
  }

  /// The row as one production row per filled cell, in day order; a finding for a
  /// filled day the month does not have. `index` is the row's position, for findings.
  public func rows(index: Int = 0) -> (rows: [ProductionRow], findings: [GridFinding]) {
    let (values, findings) = month.expand(cells, index: index, line: line)
    return (values.map { ProductionRow(ot: ot, code: code, date: $0.date, timeType: timeType, qty: $0.value, line: line) }, findings)
  }
}
