import TallerCore

/// A closed-month document (`taller.closed-month/1`) read back for the billing
/// workbook: what `export-xlsx --billing` shows, as the document has it. Quantities
/// and money are the document's exact decimals; nothing is recomputed here.
public struct ClosedMonthStatement: Sendable {
  public struct WorkOrder: Sendable {
    public var ot: String
    public var kind: String
    public var site: String?
    /// Each day of the month with its status before the closing (nil: none).
    public var days: [(day: Int, previousStatus: String?)]
  }

  public struct Concept: Sendable {
    public var code, description, unit, annex: String
    public var authorizedQty, previousQty, monthQty, accumulatedQty, remainingQty, excessQty: Quantity
    /// Unit prices by currency: `prices[.mxn]`.
    public var prices: [Currency: Money]
    /// The month's quantities by time type (`CMA`, `TE`) and day.
    public var daily: [(timeType: String, days: [Int: Quantity])]
    /// The line's amounts by currency (SPEC §4.8, rounded at the line).
    public var amounts: [Currency: ClosingAmounts]
  }

  public struct Family: Sendable {
    public var key: String
    public var workOrders: [WorkOrder]
    public var concepts: [Concept]
    public var totals: [Currency: ClosingAmounts]
  }

  public var month: YearMonth
  public var status: String
  public var evidenceURL: String
  public var families: [Family]
  public var totals: [Currency: ClosingAmounts]
  /// Voucher counts by status name, in the document's order.
  public var vouchers: [(status: String, count: Int)]
  /// Supervisor names (rows without a supervisor are left out).
  public var supervisors: [String]

  /// Reads a document already parsed (tests, small documents): its text, read by
  /// `read(bytes:name:)`.
  public static func read(_ v: JSONValue, name: String) throws(InputError) -> ClosedMonthStatement {
    try read(bytes: v.serialized(pretty: false), name: name)
  }

  /// Reads the document's JSON text straight into the statement, member by member,
  /// with the one JSON parser's pull interface (`JSONPullReader`): no tree of the document is built
  /// (a large month is tens of megabytes of JSON), and what the statement does not
  /// show (`daily_by_ot`, `reopening`, …) is checked and skipped.
  ///
  /// - Throws: `InputError(.malformed)`: a JSON error at its line and column; "not a
  ///   closed-month document" when `schema` is not `taller.closed-month/…`; else the
  ///   first member, in document order, that is missing or of the wrong kind.
  ///
  /// `onFamily` is given each family as soon as it is read, with the document's
  /// month when the document gave it before its families (close-month writes it
  /// first), else nil; the document may still turn out not to be readable after.
  public static func read(
    bytes: [UInt8], name: String, onFamily: ((Family, YearMonth?) -> Void)? = nil
  ) throws(InputError) -> ClosedMonthStatement {
    var p = try JSONPullReader(bytes: bytes, name: name)
    try p.parser.skipWhitespace()
    guard !p.parser.atEnd else { throw p.parser.emptyInput() }
    var r = StatementReader(fields: DocumentFields(name: name))
    guard try p.enterObject() else {
      throw r.fields.notADocument()
    }
    var schema: String?
    var monthText: String?
    var status: String?
    var evidence: String?
    var families: [Family] = []
    var totals: [Currency: ClosingAmounts]?
    var vouchers: [(String, Int)] = []
    var supervisors: [String] = []
    while let key = try p.nextKey() {
      switch key {
      case "schema": schema = r.fields.optionalString(try p.readValue())
      case "month": monthText = r.fields.optionalString(try p.readValue())
      case "status": status = r.fields.optionalString(try p.readValue())
      case "evidence_url": evidence = r.fields.optionalString(try p.readValue())
      case "families":
        if try p.enterArray() {
          let month = monthText.flatMap { YearMonth(parsing: $0) }
          while try p.nextElement() {
            let family = try r.family(&p)
            families.append(family)
            onFamily?(family, month)
          }
        } else {
          r.note(r.fields.fail("families is not an array"))
          try p.skipValue()
        }
      case "totals": totals = try r.amounts(&p, "totals")
      case "vouchers":
        if try p.enterObject() {
          while let status = try p.nextKey() {
            guard case .number(let n) = try p.readValue(), let count = Int(n) else {
              r.note(r.fields.fail("vouchers.\(status) is not a count"))
              continue
            }
            vouchers.append((status, count))
          }
        } else {
          try p.skipValue()
        }
      case "supervisors":
        if try p.enterArray() {
          while try p.nextElement() {
            if let name = r.fields.optionalString(try p.readValue()["supervisor"]) { supervisors.append(name) }
          }
        } else {
          try p.skipValue()
        }
      default: try p.skipValue()
      }
    }
    try p.expectEnd()

    guard let schema, schema.hasPrefix("taller.closed-month/") else { throw r.fields.notADocument() }
    guard schema == ClosedMonth.schema else { throw r.fields.fail("schema is not \(ClosedMonth.schema)") }
    guard let monthText, let month = YearMonth(parsing: monthText) else { throw r.fields.fail("month is not YYYY-MM") }
    if let problem = r.problem { throw problem }
    for (ot, date) in r.dates where date.map({ !month.contains($0) }) ?? true {
      throw r.fields.fail("a day of \(ot) is not a date of \(month)")
    }
    for (code, key, day) in r.dayKeys where day.flatMap({ month.date(day: $0) }) == nil {
      throw r.fields.fail("day \(key) of \(code) is not a day of \(month)")
    }
    guard let totals else { throw r.fields.fail("totals.authorized_mxn is not an exact decimal") }
    return ClosedMonthStatement(
      month: month, status: status ?? ClosedMonth.status, evidenceURL: evidence ?? "", families: families,
      totals: totals, vouchers: vouchers, supervisors: supervisors)
  }
}

/// What `ClosedMonthStatement.read(bytes:name:)` gathers while it walks the document:
/// the first member of the wrong kind (reported once the schema is known to be a
/// closed month's), and the days to check once the month is known (it may come
/// after them).
private struct StatementReader {
  let fields: DocumentFields
  var problem: InputError?
  /// Each work-order day read: its OT and date (nil: not a date).
  var dates: [(ot: String, date: LocalDate?)] = []
  /// Day keys of the daily grids that not every month has (29–31) or that are not days.
  var dayKeys: [(code: String, key: String, day: Int?)] = []

  mutating func note(_ e: InputError) {
    if problem == nil { problem = e }
  }

  mutating func string(_ v: JSONValue, _ what: @autoclosure () -> String) -> String {
    if case .string(let s) = v { return s }
    note(fields.fail("\(what()) is not a string"))
    return ""
  }

  mutating func decimal(_ v: JSONValue?, _ what: @autoclosure () -> String) -> ExactDecimal {
    do {
      return try fields.decimal(v, what())
    } catch {
      note(error)
      return .zero
    }
  }

  /// The amount keys of a currency block, `authorized_mxn` … `billable_usd`, as
  /// (currency, index in `ClosingAmounts.fieldNames`).
  static let amountKeys: [String: (Currency, Int)] = {
    var keys: [String: (Currency, Int)] = [:]
    for currency in Currency.allCases {
      for (i, field) in amountFields.enumerated() { keys["\(field)_\(currency.rawValue.lowercased())"] = (currency, i) }
    }
    return keys
  }()
  static let amountFields = ["authorized", "previous", "executed", "accumulated", "remaining", "billable"]

  /// Twelve amounts, one slot each, as they are read.
  struct Amounts {
    var values = [ExactDecimal?](repeating: nil, count: 2 * 6)
    /// True when `key` is an amount key (its value then read into its slot).
    mutating func read(_ key: String, _ p: inout JSONPullReader, _ r: inout StatementReader, _ what: String) throws(InputError) -> Bool {
      guard let (currency, i) = StatementReader.amountKeys[key] else { return false }
      values[slot(currency, i)] = r.decimal(try p.readValue(), "\(what).\(key)")
      return true
    }
    func slot(_ currency: Currency, _ i: Int) -> Int { (currency == .mxn ? 0 : 6) + i }
    /// The amounts by currency; a missing one is noted.
    func result(_ r: inout StatementReader, _ what: String) -> [Currency: ClosingAmounts] {
      var result: [Currency: ClosingAmounts] = [:]
      for currency in Currency.allCases {
        var v: [ExactDecimal] = []
        for (i, field) in StatementReader.amountFields.enumerated() {
          if let x = values[slot(currency, i)] {
            v.append(x)
          } else {
            r.note(r.fields.fail("\(what).\(field)_\(currency.rawValue.lowercased()) is not an exact decimal"))
            v.append(.zero)
          }
        }
        var a = ClosingAmounts()
        a.authorized = v[0]
        a.previous = v[1]
        a.executed = v[2]
        a.accumulated = v[3]
        a.remaining = v[4]
        a.billable = v[5]
        result[currency] = a
      }
      return result
    }
  }

  /// An object of the twelve amounts (`totals`), other members skipped.
  mutating func amounts(_ p: inout JSONPullReader, _ what: String) throws(InputError) -> [Currency: ClosingAmounts] {
    var a = Amounts()
    if try p.enterObject() {
      while let key = try p.nextKey() {
        if try !a.read(key, &p, &self, what) { try p.skipValue() }
      }
    } else {
      try p.skipValue()
    }
    return a.result(&self, what)
  }

  mutating func family(_ p: inout JSONPullReader) throws(InputError) -> ClosedMonthStatement.Family {
    var key: String?
    var orders: [ClosedMonthStatement.WorkOrder]?
    var concepts: [ClosedMonthStatement.Concept]?
    var totals: [Currency: ClosingAmounts]?
    guard try p.enterObject() else {
      note(fields.fail("a family's key is not a string"))
      try p.skipValue()
      return ClosedMonthStatement.Family(key: "", workOrders: [], concepts: [], totals: [:])
    }
    while let member = try p.nextKey() {
      switch member {
      case "family": key = string(try p.readValue(), "a family's key")
      case "work_orders":
        guard try p.enterArray() else {
          note(fields.fail("work_orders of \(key ?? "a family") is not an array"))
          try p.skipValue()
          continue
        }
        var list: [ClosedMonthStatement.WorkOrder] = []
        while try p.nextElement() { list.append(try workOrder(&p)) }
        orders = list
      case "concepts":
        guard try p.enterArray() else {
          note(fields.fail("concepts of \(key ?? "a family") is not an array"))
          try p.skipValue()
          continue
        }
        var list: [ClosedMonthStatement.Concept] = []
        while try p.nextElement() { list.append(try concept(&p)) }
        concepts = list
      case "totals": totals = try amounts(&p, "totals of \(key ?? "a family")")
      default: try p.skipValue()
      }
    }
    if key == nil { note(fields.fail("a family's key is not a string")) }
    if orders == nil { note(fields.fail("work_orders of \(key ?? "a family") is not an array")) }
    if concepts == nil { note(fields.fail("concepts of \(key ?? "a family") is not an array")) }
    if totals == nil { totals = Amounts().result(&self, "totals of \(key ?? "a family")") }
    return ClosedMonthStatement.Family(key: key ?? "", workOrders: orders ?? [], concepts: concepts ?? [], totals: totals ?? [:])
  }

  mutating func workOrder(_ p: inout JSONPullReader) throws(InputError) -> ClosedMonthStatement.WorkOrder {
    var ot: String?
    var kind: String?
    var site: String?
    var days: [(day: Int, previousStatus: String?)]?
    guard try p.enterObject() else {
      note(fields.fail("a work order's ot is not a string"))
      try p.skipValue()
      return ClosedMonthStatement.WorkOrder(ot: "", kind: "", site: nil, days: [])
    }
    while let member = try p.nextKey() {
      switch member {
      case "ot": ot = string(try p.readValue(), "a work order's ot")
      case "kind": kind = fields.optionalString(try p.readValue())
      case "site": site = fields.optionalString(try p.readValue())
      case "days":
        guard try p.enterArray() else {
          note(fields.fail("days of \(ot ?? "a work order") is not an array"))
          try p.skipValue()
          continue
        }
        var list: [(day: Int, previousStatus: String?)] = []
        list.reserveCapacity(31)
        while try p.nextElement() {
          let d = try p.readValue()
          let text = string(d["date"] ?? .null, "a day of \(ot ?? "a work order")")
          let date = try? LocalDate.parse(text)
          dates.append((ot ?? "", date))
          list.append((date?.day ?? 0, fields.optionalString(d["previous_status"])))
        }
        days = list
      default: try p.skipValue()
      }
    }
    if ot == nil { note(fields.fail("a work order's ot is not a string")) }
    if days == nil { note(fields.fail("days of \(ot ?? "a work order") is not an array")) }
    return ClosedMonthStatement.WorkOrder(ot: ot ?? "", kind: kind ?? "", site: site, days: days ?? [])
  }

  mutating func concept(_ p: inout JSONPullReader) throws(InputError) -> ClosedMonthStatement.Concept {
    var code: String?
    var description: String?
    var unit: String?
    var annex: String?
    // authorized, previous, month, accumulated, remaining, excess, price MXN, price USD
    var numbers = [ExactDecimal?](repeating: nil, count: 8)
    var daily: [(timeType: String, days: [Int: Quantity])]?
    var amounts = Amounts()
    var name: String { code ?? "a concept" }
    guard try p.enterObject() else {
      note(fields.fail("a concept's code is not a string"))
      try p.skipValue()
      return ClosedMonthStatement.Concept(
        code: "", description: "", unit: "", annex: "", authorizedQty: .zero, previousQty: .zero, monthQty: .zero,
        accumulatedQty: .zero, remainingQty: .zero, excessQty: .zero, prices: [:], daily: [], amounts: [:])
    }
    while let member = try p.nextKey() {
      if let i = Self.conceptNumbers[member] {
        numbers[i] = decimal(try p.readValue(), "\(name).\(member)")
        continue
      }
      switch member {
      case "code": code = string(try p.readValue(), "a concept's code")
      case "description": description = fields.optionalString(try p.readValue())
      case "unit": unit = fields.optionalString(try p.readValue())
      case "annex": annex = fields.optionalString(try p.readValue())
      case "daily":
        guard try p.enterObject() else {
          note(fields.fail("concept \(name) has no daily grid"))
          try p.skipValue()
          continue
        }
        var grids: [(timeType: String, days: [Int: Quantity])] = []
        while let timeType = try p.nextKey() {
          guard try p.enterObject() else {
            note(fields.fail("daily of \(name) is not a grid"))
            try p.skipValue()
            continue
          }
          var days: [Int: Quantity] = [:]
          while let key = try p.nextKey() {
            let n = Int(key)
            if let n, n >= 1, n <= 28 {
              // Most cells: the number's text straight from the parser.
              if let text = try p.readNumberText() {
                if let q = try? ExactDecimal.parse(text) {
                  days[n] = q
                } else {
                  days[n] = decimal(.number(text), "\(name) \(timeType) day \(n)")
                }
              } else {
                days[n] = decimal(try p.readValue(), "\(name) \(timeType) day \(n)")
              }
            } else {
              dayKeys.append((name, key, n))
              let value = try p.readValue()
              if let n { days[n] = decimal(value, "\(name) \(timeType) day \(n)") }
            }
          }
          grids.append((timeType, days))
        }
        daily = grids
      default:
        if try !amounts.read(member, &p, &self, name) { try p.skipValue() }
      }
    }
    if code == nil { note(fields.fail("a concept's code is not a string")) }
    for (member, i) in Self.conceptNumbers.sorted(by: { $0.value < $1.value }) where numbers[i] == nil {
      note(fields.fail("\(name).\(member) is not an exact decimal"))
    }
    if daily == nil { note(fields.fail("concept \(name) has no daily grid")) }
    return ClosedMonthStatement.Concept(
      code: code ?? "", description: description ?? "", unit: unit ?? "", annex: annex ?? "",
      authorizedQty: numbers[0] ?? .zero, previousQty: numbers[1] ?? .zero, monthQty: numbers[2] ?? .zero,
      accumulatedQty: numbers[3] ?? .zero, remainingQty: numbers[4] ?? .zero, excessQty: numbers[5] ?? .zero,
      prices: [.mxn: numbers[6] ?? .zero, .usd: numbers[7] ?? .zero],
      daily: daily ?? [], amounts: amounts.result(&self, name))
  }

  static let conceptNumbers: [String: Int] = [
    "authorized_qty": 0, "previous_qty": 1, "month_qty": 2, "accumulated_qty": 3, "remaining_qty": 4, "excess_qty": 5,
    "unit_price_mxn": 6, "unit_price_usd": 7,
  ]
}
