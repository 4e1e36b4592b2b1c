import TallerCore

/// The closed-month document (`taller.closed-month/1`) as JSON, written and read.
///
/// Written pretty (two-space indentation, one member per line) with a final
/// newline; keys in a fixed order; quantities as exact decimals in their shortest
/// form, money with 2 decimals, never an exponent; families by key, concepts by
/// code, OTs by code, days in order — the same closing gives the same bytes.
public enum ClosedMonthDocument {
  // MARK: Writing

  /// The document's JSON text.
  public static func json(_ c: ClosedMonth) -> [UInt8] {
    let sink = MemorySink()
    do {
      try write(c, to: sink)
    } catch {
      preconditionFailure("writing to memory cannot fail: \(error)")
    }
    return sink.take()
  }

  /// Writes the document to `sink` family by family, straight from the closing
  /// (no `JSONValue` tree), so a large month never holds its whole text at once.
  /// The bytes are those of `value(c).serialized(pretty: true)` and a final newline.
  public static func write(_ c: ClosedMonth, to sink: ByteSink) throws(OutputError) {
    var w = PrettyJSONWriter()
    w.begin(UInt8(ascii: "{"))
    for m in members(c.outline, families: []) {
      w.key(m.key)
      if m.key == "families" && !c.families.isEmpty {
        w.begin(UInt8(ascii: "["))
        for f in c.families {
          w.element()
          writeFamily(f, to: &w)
          if w.out.count >= 1 << 20 {
            try sink.write(w.out)
            w.out.removeAll(keepingCapacity: true)
          }
        }
        w.end(UInt8(ascii: "]"))
      } else {
        w.value(m.value)
      }
    }
    w.end(UInt8(ascii: "}"))
    w.out.append(0x0A)
    try sink.write(w.out)
  }

  /// One family, as `family(_:)` spells it.
  static func writeFamily(_ f: ClosedFamily, to w: inout PrettyJSONWriter) {
    let open = UInt8(ascii: "{")
    let close = UInt8(ascii: "}")
    w.begin(open)
    w.key("family")
    w.string(f.key.raw)
    w.key("work_orders")
    w.begin(UInt8(ascii: "["))
    for o in f.workOrders {
      w.element()
      w.begin(open)
      w.key("ot")
      w.string(o.ot.raw)
      w.key("kind")
      w.string(o.kind.rawValue)
      w.key("active")
      w.bool(o.active)
      w.key("site")
      w.string(o.site?.raw)
      w.key("start_date")
      w.string(o.startDate?.description)
      w.key("end_date")
      w.string(o.endDate?.description)
      w.key("days")
      w.begin(UInt8(ascii: "["))
      for d in o.days {
        w.element()
        w.begin(open)
        w.key("date")
        w.string(d.date.description)
        w.key("status")
        w.string(DailyStatus.cerrado.name)
        w.key("previous_status")
        w.string(d.previousStatus?.name)
        w.end(close)
      }
      w.end(UInt8(ascii: "]"))
      w.end(close)
    }
    w.end(UInt8(ascii: "]"))
    w.key("concepts")
    w.begin(UInt8(ascii: "["))
    for k in f.concepts {
      let a = k.authorization
      w.element()
      w.begin(open)
      w.key("code")
      w.string(a.code.raw)
      w.key("description")
      w.string(a.description)
      w.key("unit")
      w.string(a.unit)
      w.key("annex")
      w.string(a.annex.raw)
      w.key("authorized_qty")
      w.decimal(a.authorizedQty)
      w.key("unit_price_mxn")
      w.decimal(a.unitPriceMXN, places: 2)
      w.key("unit_price_usd")
      w.decimal(a.unitPriceUSD, places: 2)
      w.key("previous_qty")
      w.decimal(k.previousQty)
      w.key("month_qty")
      w.decimal(k.monthQty)
      w.key("accumulated_qty")
      w.decimal(k.accumulatedQty)
      w.key("remaining_qty")
      w.decimal(k.remainingQty)
      w.key("excess_qty")
      w.decimal(k.excessQty)
      w.key("programmed_qty")
      if let p = k.programmedQty { w.decimal(p) } else { w.null() }
      w.key("variance_qty")
      if let v = k.varianceQty { w.decimal(v) } else { w.null() }
      w.key("daily")
      writeGrid(k.daily, to: &w)
      w.key("daily_by_ot")
      w.begin(open)
      for ot in k.dailyByOT.keys.sorted() {
        w.key(ot.raw)
        writeGrid(k.dailyByOT[ot]!, to: &w)
      }
      w.end(close)
      writeAmounts(k.totals, to: &w)
      w.end(close)
    }
    w.end(UInt8(ascii: "]"))
    w.key("totals")
    w.begin(open)
    writeAmounts(f.totals, to: &w)
    w.end(close)
    w.end(close)
  }

  /// The members of `grid(_:)`, written.
  static func writeGrid(_ g: DailyGrid, to w: inout PrettyJSONWriter) {
    w.begin(UInt8(ascii: "{"))
    for tt in TimeType.allCases.sorted() {
      w.key(tt.name)
      w.begin(UInt8(ascii: "{"))
      g.forEachDay(tt) { day, qty in
        w.key(dayNames[day])
        w.decimal(qty)
      }
      w.end(UInt8(ascii: "}"))
    }
    w.end(UInt8(ascii: "}"))
  }

  /// "0" … "31".
  private static let dayNames = (0...31).map { String($0) }

  /// The members of `amounts(_:)`, written into the open object.
  static func writeAmounts(_ t: ClosingTotals, to w: inout PrettyJSONWriter) {
    for (a, keys) in [(t.mxn, amountKeys.mxn), (t.usd, amountKeys.usd)] {
      for (key, x) in zip(keys, [a.authorized, a.previous, a.executed, a.accumulated, a.remaining, a.billable]) {
        w.key(key)
        w.decimal(x, places: 2)
      }
    }
  }

  private static let amountKeys = (
    mxn: ["authorized", "previous", "executed", "accumulated", "remaining", "billable"].map { $0 + "_mxn" },
    usd: ["authorized", "previous", "executed", "accumulated", "remaining", "billable"].map { $0 + "_usd" }
  )

  static func money(_ m: Money) -> JSONValue { .number(m.formatted(minimumPlaces: 2)) }
  static func qty(_ q: Quantity) -> JSONValue { .decimal(q) }
  static func text(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

  /// The twelve amounts, `authorized_mxn` … `billable_usd`.
  static func amounts(_ t: ClosingTotals) -> [JSONMember] {
    func six(_ a: ClosingAmounts, _ cur: String) -> [JSONMember] {
      [
        JSONMember("authorized_\(cur)", money(a.authorized)), JSONMember("previous_\(cur)", money(a.previous)),
        JSONMember("executed_\(cur)", money(a.executed)), JSONMember("accumulated_\(cur)", money(a.accumulated)),
        JSONMember("remaining_\(cur)", money(a.remaining)), JSONMember("billable_\(cur)", money(a.billable)),
      ]
    }
    return six(t.mxn, "mxn") + six(t.usd, "usd")
  }

  static func grid(_ g: DailyGrid) -> JSONValue {
    .object(
      TimeType.allCases.sorted().map { tt in
        JSONMember(tt.name, .object(g.days(tt).map { JSONMember(String($0.day), qty($0.qty)) }))
      })
  }

  /// The whole document as one value (what `write` writes, family by family).
  static func value(_ c: ClosedMonth) -> JSONValue { .object(members(c.outline, families: c.families.map(family))) }

  static func family(_ f: ClosedFamily) -> JSONValue {
    let orders: [JSONValue] = f.workOrders.map { w in
      .object([
        JSONMember("ot", .string(w.ot.raw)), JSONMember("kind", .string(w.kind.rawValue)),
        JSONMember("active", .bool(w.active)), JSONMember("site", text(w.site?.raw)),
        JSONMember("start_date", text(w.startDate?.description)),
        JSONMember("end_date", text(w.endDate?.description)),
        JSONMember(
          "days",
          .array(
            w.days.map { d in
              .object([
                JSONMember("date", .string(d.date.description)),
                JSONMember("status", .string(DailyStatus.cerrado.name)),
                JSONMember("previous_status", text(d.previousStatus?.name)),
              ])
            })),
      ])
    }
    let concepts: [JSONValue] = f.concepts.map { k in
      let a = k.authorization
      return .object(
        [
          JSONMember("code", .string(a.code.raw)), JSONMember("description", .string(a.description)),
          JSONMember("unit", .string(a.unit)), JSONMember("annex", .string(a.annex.raw)),
          JSONMember("authorized_qty", qty(a.authorizedQty)),
          JSONMember("unit_price_mxn", money(a.unitPriceMXN)), JSONMember("unit_price_usd", money(a.unitPriceUSD)),
          JSONMember("previous_qty", qty(k.previousQty)), JSONMember("month_qty", qty(k.monthQty)),
          JSONMember("accumulated_qty", qty(k.accumulatedQty)), JSONMember("remaining_qty", qty(k.remainingQty)),
          JSONMember("excess_qty", qty(k.excessQty)),
          JSONMember("programmed_qty", k.programmedQty.map(qty) ?? .null),
          JSONMember("variance_qty", k.varianceQty.map(qty) ?? .null),
          JSONMember("daily", grid(k.daily)),
          JSONMember(
            "daily_by_ot", .object(k.dailyByOT.keys.sorted().map { JSONMember($0.raw, grid(k.dailyByOT[$0]!)) })),
        ] + amounts(k.totals))
    }
    return .object([
      JSONMember("family", .string(f.key.raw)), JSONMember("work_orders", .array(orders)),
      JSONMember("concepts", .array(concepts)), JSONMember("totals", .object(amounts(f.totals))),
    ])
  }

  /// The document's members, `families` given.
  static func members<S>(_ c: ClosedMonthOutline<S>, families: [JSONValue]) -> [JSONMember] {
    let reopening: JSONValue =
      c.reopening.map { r in
        .object([
          JSONMember("reason", .string(r.reason)),
          JSONMember("previous_totals", r.previousTotals.map { .object(amounts($0)) } ?? .null),
        ])
      } ?? .null
    let supervisors: [JSONValue] = c.supervisors.map { s in
      .object([
        JSONMember("supervisor", text(s.supervisor)), JSONMember("month_qty", qty(s.monthQty)),
        JSONMember("excess_qty", qty(s.excessQty)),
        JSONMember("executed_mxn", money(s.executedMXN)), JSONMember("billable_mxn", money(s.billableMXN)),
        JSONMember("executed_usd", money(s.executedUSD)), JSONMember("billable_usd", money(s.billableUSD)),
      ])
    }
    return [
      JSONMember("schema", .string(ClosedMonth.schema)), JSONMember("month", .string(c.month.description)),
      JSONMember("status", .string(ClosedMonth.status)), JSONMember("evidence_url", .string(c.evidenceURL)),
      JSONMember("reopening", reopening),
      JSONMember("families", .array(families)), JSONMember("totals", .object(amounts(c.totals))),
      JSONMember(
        "vouchers", .object(VoucherStatus.allCases.sorted().map { JSONMember($0.name, .integer(c.vouchers[$0] ?? 0)) })),
      JSONMember("supervisors", .array(supervisors)),
    ]
  }

  // MARK: The per-concept summary

  /// Columns of `--output-format csv`: one row per family and concept.
  public static let summaryColumns = [
    "family", "code", "description", "unit", "annex", "authorized_qty", "unit_price_mxn", "unit_price_usd",
    "previous_qty", "month_qty", "accumulated_qty", "remaining_qty", "excess_qty", "programmed_qty", "variance_qty",
    "authorized_mxn", "previous_mxn", "executed_mxn", "accumulated_mxn", "remaining_mxn", "billable_mxn",
    "authorized_usd", "previous_usd", "executed_usd", "accumulated_usd", "remaining_usd", "billable_usd",
  ]

  /// The per-concept summary, through the one table writer.
  public static func writeSummary(_ c: ClosedMonth, to t: TableWriter) throws(OutputError) {
    for f in c.families {
      for k in f.concepts {
        let a = k.authorization
        t.text(f.key.raw)
        t.text(a.code.raw)
        t.text(a.description)
        t.text(a.unit)
        t.text(a.annex.raw)
        t.number(a.authorizedQty)
        t.number(a.unitPriceMXN, places: 2)
        t.number(a.unitPriceUSD, places: 2)
        t.number(k.previousQty)
        t.number(k.monthQty)
        t.number(k.accumulatedQty)
        t.number(k.remainingQty)
        t.number(k.excessQty)
        if let p = k.programmedQty { t.number(p) } else { t.empty() }
        if let v = k.varianceQty { t.number(v) } else { t.empty() }
        for m in [k.totals.mxn, k.totals.usd] {
          for x in [m.authorized, m.previous, m.executed, m.accumulated, m.remaining, m.billable] {
            t.number(x, places: 2)
          }
        }
        try t.endRow()
      }
    }
  }

  // MARK: Merging the parts of a month

  /// Reads the closed-month documents of parts of one month (`close-month
  /// --family`) and merges them (`ClosedMonthOutline.merging`): the document one
  /// run over all their families would have written, each family's section as its
  /// part has it.
  /// - Throws: `InputError` naming the file: unreadable, not a closed-month
  ///   document, or a part that does not merge (another month, evidence URL or
  ///   reopening; a family already in another part).
  public static func merged(_ sources: [InputSource]) throws(InputError) -> ClosedMonthOutline<JSONValue> {
    var parts: [ClosedMonthOutline<JSONValue>] = []
    for source in sources {
      let path: String
      switch source {
      case .file(let p): path = p
      case .standardInput: path = "/dev/stdin"
      }
      let bytes = try TableInput.readAll(path: path, name: source.name)
      parts.append(try outline(try JSONValue.parse(bytes, name: source.name), name: source.name))
    }
    switch ClosedMonthOutline.merging(parts) {
    case .success(let merged):
      return merged
    case .failure(let problem):
      let name = { (i: Int) in sources[i].name }
      throw InputError(
        .malformed, at: SourceLocation(file: problem.part.map(name) ?? "close-month"),
        "closed-month part: \(problem.message(name))")
    }
  }

  /// Reads a closed-month document as its outline: the run-wide members, and each
  /// family's key, totals and section (the section's JSON, written back as it is;
  /// its concepts are checked to have the summary's members).
  /// The month of a closed-month document, after checking its schema.
  private static func schemaAndMonth(_ v: JSONValue, _ fields: DocumentFields) throws(InputError) -> YearMonth {
    guard case .string(let schema)? = v["schema"], schema == ClosedMonth.schema else {
      throw fields.fail("schema is not \(ClosedMonth.schema)")
    }
    guard case .string(let m)? = v["month"], let month = YearMonth(parsing: m) else {
      throw fields.fail("month is not YYYY-MM")
    }
    return month
  }

  /// - Throws: `InputError(.malformed)` naming the file and what is missing.
  public static func outline(_ v: JSONValue, name: String) throws(InputError) -> ClosedMonthOutline<JSONValue> {
    let fields = DocumentFields(name: name)
    let month = try schemaAndMonth(v, fields)
    func totals(_ x: JSONValue?, _ what: String) throws(InputError) -> ClosingTotals {
      ClosingTotals(mxn: try fields.amounts(x, "mxn", what), usd: try fields.amounts(x, "usd", what))
    }
    var reopening: Reopening?
    if let r = v["reopening"], r != .null {
      let earlier = r["previous_totals"]
      reopening = Reopening(
        reason: try fields.string(r["reason"], "reopening.reason"),
        previousTotals: earlier == nil || earlier == .null ? nil : try totals(earlier, "reopening.previous_totals"))
    }
    var families: [ClosedMonthOutline<JSONValue>.Family] = []
    for f in try fields.array(v["families"], "families") {
      let key = try fields.string(f["family"], "a family's key")
      for k in try fields.array(f["concepts"], "concepts of \(key)") {
        for column in summaryColumns.dropFirst() {
          switch k[column] {
          case .string?, .number?, .null?: continue
          default: throw fields.fail("a concept of \(key) has no \(column)")
          }
        }
      }
      families.append(.init(key: OTCode(key), totals: try totals(f["totals"], "totals of \(key)"), section: f))
    }
    var vouchers: [VoucherStatus: Int] = [:]
    guard case .object(let counts)? = v["vouchers"] else { throw fields.fail("vouchers is not an object") }
    for c in counts {
      guard let status = VoucherStatus(parsing: c.key), case .number(let n) = c.value, let count = Int(n) else {
        throw fields.fail("vouchers.\(c.key) is not a count of a voucher status")
      }
      vouchers[status, default: 0] += count
    }
    var supervisors: [SupervisorTotals] = []
    for s in try fields.array(v["supervisors"], "supervisors") {
      var t = SupervisorTotals(
        supervisor: s["supervisor"] == .null ? nil : try fields.string(s["supervisor"], "supervisor"))
      let who = t.supervisor ?? "null"
      t.monthQty = try fields.decimal(s["month_qty"], "month_qty of supervisor \(who)")
      t.excessQty = try fields.decimal(s["excess_qty"], "excess_qty of supervisor \(who)")
      t.executedMXN = try fields.decimal(s["executed_mxn"], "executed_mxn of supervisor \(who)")
      t.billableMXN = try fields.decimal(s["billable_mxn"], "billable_mxn of supervisor \(who)")
      t.executedUSD = try fields.decimal(s["executed_usd"], "executed_usd of supervisor \(who)")
      t.billableUSD = try fields.decimal(s["billable_usd"], "billable_usd of supervisor \(who)")
      supervisors.append(t)
    }
    return ClosedMonthOutline(
      month: month, evidenceURL: try fields.string(v["evidence_url"], "evidence_url"), reopening: reopening,
      families: families, totals: try totals(v["totals"], "totals"), vouchers: vouchers, supervisors: supervisors)
  }

  /// Writes a merged document: the run-wide members with each family's section as
  /// read (the bytes `write` gives, as `value(_:)` does).
  public static func write(_ o: ClosedMonthOutline<JSONValue>, to sink: ByteSink) throws(OutputError) {
    var text = JSONValue.object(members(o, families: o.families.map(\.section))).serialized(pretty: true)
    text.append(0x0A)
    try sink.write(text)
  }

  /// The per-concept summary of a merged document (as `writeSummary(_:to:)`
  /// writes it): each column after `family` is the concept's member of that name,
  /// a number with the fractional digits the document gives it.
  public static func writeSummary(_ o: ClosedMonthOutline<JSONValue>, to t: TableWriter) throws(OutputError) {
    for f in o.families {
      guard case .array(let concepts)? = f.section["concepts"] else { continue }
      for k in concepts {
        t.text(f.key.raw)
        for column in summaryColumns.dropFirst() {
          switch k[column] {
          case .string(let s)?: t.text(s)
          case .number(let literal)?:
            if let d = try? ExactDecimal.parse(literal) {
              t.number(d, places: literal.split(separator: ".").dropFirst().first?.count ?? 0)
            } else {
              t.text(literal)
            }
          default: t.empty()
          }
        }
        try t.endRow()
      }
    }
  }

  // MARK: Reading

  /// True when `value` is a closed-month document (an object whose `schema` is
  /// `taller.closed-month/…`).
  public static func isDocument(_ value: JSONValue) -> Bool {
    if case .string(let s)? = value["schema"], s.hasPrefix("taller.closed-month/") { return true }
    return false
  }

  /// What a closed-month document gives the history: every cell of each concept's
  /// `daily_by_ot` grid as an entry (OT, code, day, time type, qty), every day of
  /// each work order as a locked day, its month and its totals.
  /// - Throws: `InputError(.malformed)` naming the file and what is missing.
  public static func record(_ v: JSONValue, name: String) throws(InputError) -> ClosedMonthRecord {
    let fields = DocumentFields(name: name)
    let month = try schemaAndMonth(v, fields)
    func totals(_ x: JSONValue?, _ what: String) throws(InputError) -> ClosingTotals {
      var t = ClosingTotals()
      for (cur, path) in [("mxn", \ClosingTotals.mxn), ("usd", \ClosingTotals.usd)] {
        t[keyPath: path] = try fields.amounts(x, cur, what)
      }
      return t
    }
    var entries: [HistoryEntry] = []
    var locked: [WorkOrderDay] = []
    for f in try fields.array(v["families"], "families") {
      for w in try fields.array(f["work_orders"], "work_orders") {
        guard case .string(let ot)? = w["ot"] else { throw fields.fail("a work order has no ot") }
        for d in try fields.array(w["days"], "days of \(ot)") {
          guard case .string(let text)? = d["date"], let date = try? LocalDate.parse(text), month.contains(date) else {
            throw fields.fail("a day of \(ot) is not a date of \(month)")
          }
          locked.append(WorkOrderDay(ot: OTCode(ot), date: date))
        }
      }
      for k in try fields.array(f["concepts"], "concepts") {
        guard case .string(let code)? = k["code"] else { throw fields.fail("a concept has no code") }
        guard case .object(let byOT)? = k["daily_by_ot"] else {
          throw fields.fail("concept \(code) has no daily_by_ot")
        }
        for member in byOT {
          for tt in TimeType.allCases.sorted() {
            guard let cells = member.value[tt.name] else { continue }
            guard case .object(let days) = cells else { throw fields.fail("daily_by_ot of \(code) is not a grid") }
            for cell in days {
              guard let n = Int(cell.key), let date = month.date(day: n) else {
                throw fields.fail("day \(cell.key) of \(code) is not a day of \(month)")
              }
              let q = try fields.decimal(cell.value, "\(code) \(member.key) \(tt.name) day \(n)")
              entries.append(
                HistoryEntry(ot: OTCode(member.key), code: ConceptCode(code), date: date, timeType: tt, qty: q))
            }
          }
        }
      }
    }
    return ClosedMonthRecord(
      month: month, entries: entries, lockedDays: locked, totals: try totals(v["totals"], "totals"))
  }
}

/// Typed access to the values of a closed-month document: a value of the wrong kind
/// is an `InputError` naming the file and the field (the field's name is made only
/// then: a large month has hundreds of thousands of values). Shared by the two readers of the
/// document (history, `record`; the billing workbook, `ClosedMonthStatement.read`).
struct DocumentFields {
  let name: String

  func notADocument() -> InputError {
    InputError(
      .malformed, at: SourceLocation(file: name),
      "not a closed-month document (no \"schema\": \"\(ClosedMonth.schema)\"); give the JSON close-month writes")
  }

  func fail(_ what: String) -> InputError {
    InputError(.malformed, at: SourceLocation(file: name), "closed-month document: \(what)")
  }

  func string(_ x: JSONValue?, _ what: @autoclosure () -> String) throws(InputError) -> String {
    guard case .string(let s)? = x else { throw fail("\(what()) is not a string") }
    return s
  }

  func optionalString(_ x: JSONValue?) -> String? {
    if case .string(let s)? = x { return s }
    return nil
  }

  func decimal(_ x: JSONValue?, _ what: @autoclosure () -> String) throws(InputError) -> ExactDecimal {
    guard case .number(let literal)? = x, let d = try? ExactDecimal.parse(literal) else {
      throw fail("\(what()) is not an exact decimal")
    }
    return d
  }

  func array(_ x: JSONValue?, _ what: @autoclosure () -> String) throws(InputError) -> [JSONValue] {
    guard case .array(let items)? = x else { throw fail("\(what()) is not an array") }
    return items
  }

  /// The six amounts of one currency (`authorized_mxn` … `billable_mxn` for `cur` "mxn").
  func amounts(_ x: JSONValue?, _ cur: String, _ what: @autoclosure () -> String) throws(InputError) -> ClosingAmounts {
    var a = ClosingAmounts()
    a.authorized = try decimal(x?["authorized_\(cur)"], "\(what()).authorized_\(cur)")
    a.previous = try decimal(x?["previous_\(cur)"], "\(what()).previous_\(cur)")
    a.executed = try decimal(x?["executed_\(cur)"], "\(what()).executed_\(cur)")
    a.accumulated = try decimal(x?["accumulated_\(cur)"], "\(what()).accumulated_\(cur)")
    a.remaining = try decimal(x?["remaining_\(cur)"], "\(what()).remaining_\(cur)")
    a.billable = try decimal(x?["billable_\(cur)"], "\(what()).billable_\(cur)")
    return a
  }
}
