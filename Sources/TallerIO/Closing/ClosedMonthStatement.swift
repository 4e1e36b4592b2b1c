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

  /// Reads the document. - Throws: `InputError(.malformed)` naming what is missing.
  public static func read(_ v: JSONValue, name: String) throws(InputError) -> ClosedMonthStatement {
    func fail(_ what: String) -> InputError {
      InputError(.malformed, at: SourceLocation(file: name), "closed-month document: \(what)")
    }
    func string(_ x: JSONValue?, _ what: String) throws(InputError) -> String {
      guard case .string(let s)? = x else { throw fail("\(what) is not a string") }
      return s
    }
    func optionalString(_ x: JSONValue?) -> String? {
      if case .string(let s)? = x { return s }
      return nil
    }
    func decimal(_ x: JSONValue?, _ what: String) throws(InputError) -> ExactDecimal {
      guard case .number(let literal)? = x, let d = try? ExactDecimal.parse(literal) else {
        throw fail("\(what) is not an exact decimal")
      }
      return d
    }
    func array(_ x: JSONValue?, _ what: String) throws(InputError) -> [JSONValue] {
      guard case .array(let items)? = x else { throw fail("\(what) is not an array") }
      return items
    }
    func amounts(_ x: JSONValue?, _ what: String) throws(InputError) -> [Currency: ClosingAmounts] {
      var result: [Currency: ClosingAmounts] = [:]
      for currency in Currency.allCases {
        let cur = currency.rawValue.lowercased()
        var a = ClosingAmounts()
        a.authorized = try decimal(x?["authorized_\(cur)"], "\(what).authorized_\(cur)")
        a.previous = try decimal(x?["previous_\(cur)"], "\(what).previous_\(cur)")
        a.executed = try decimal(x?["executed_\(cur)"], "\(what).executed_\(cur)")
        a.accumulated = try decimal(x?["accumulated_\(cur)"], "\(what).accumulated_\(cur)")
        a.remaining = try decimal(x?["remaining_\(cur)"], "\(what).remaining_\(cur)")
        a.billable = try decimal(x?["billable_\(cur)"], "\(what).billable_\(cur)")
        result[currency] = a
      }
      return result
    }

    guard ClosedMonthDocument.isDocument(v), case .string(let schema)? = v["schema"], schema == ClosedMonth.schema
    else { throw fail("schema is not \(ClosedMonth.schema)") }
    guard case .string(let m)? = v["month"], let month = YearMonth(parsing: m) else {
      throw fail("month is not YYYY-MM")
    }
    var families: [Family] = []
    for f in try array(v["families"], "families") {
      let key = try string(f["family"], "a family's key")
      var orders: [WorkOrder] = []
      for w in try array(f["work_orders"], "work_orders of \(key)") {
        let ot = try string(w["ot"], "a work order's ot")
        var days: [(Int, String?)] = []
        for d in try array(w["days"], "days of \(ot)") {
          let text = try string(d["date"], "a day of \(ot)")
          guard let date = try? LocalDate.parse(text), month.contains(date) else {
            throw fail("a day of \(ot) is not a date of \(month)")
          }
          days.append((date.day, optionalString(d["previous_status"])))
        }
        orders.append(
          WorkOrder(ot: ot, kind: optionalString(w["kind"]) ?? "", site: optionalString(w["site"]), days: days))
      }
      var concepts: [Concept] = []
      for k in try array(f["concepts"], "concepts of \(key)") {
        let code = try string(k["code"], "a concept's code")
        var daily: [(String, [Int: Quantity])] = []
        if case .object(let grid)? = k["daily"] {
          for tt in grid {
            guard case .object(let cells) = tt.value else { throw fail("daily of \(code) is not a grid") }
            var days: [Int: Quantity] = [:]
            for cell in cells {
              guard let n = Int(cell.key), month.date(day: n) != nil else {
                throw fail("day \(cell.key) of \(code) is not a day of \(month)")
              }
              days[n] = try decimal(cell.value, "\(code) \(tt.key) day \(n)")
            }
            daily.append((tt.key, days))
          }
        } else {
          throw fail("concept \(code) has no daily grid")
        }
        concepts.append(
          Concept(
            code: code, description: optionalString(k["description"]) ?? "", unit: optionalString(k["unit"]) ?? "",
            annex: optionalString(k["annex"]) ?? "",
            authorizedQty: try decimal(k["authorized_qty"], "\(code).authorized_qty"),
            previousQty: try decimal(k["previous_qty"], "\(code).previous_qty"),
            monthQty: try decimal(k["month_qty"], "\(code).month_qty"),
            accumulatedQty: try decimal(k["accumulated_qty"], "\(code).accumulated_qty"),
            remainingQty: try decimal(k["remaining_qty"], "\(code).remaining_qty"),
            excessQty: try decimal(k["excess_qty"], "\(code).excess_qty"),
            prices: [
              .mxn: try decimal(k["unit_price_mxn"], "\(code).unit_price_mxn"),
              .usd: try decimal(k["unit_price_usd"], "\(code).unit_price_usd"),
            ],
            daily: daily, amounts: try amounts(k, code)))
      }
      families.append(
        Family(key: key, workOrders: orders, concepts: concepts, totals: try amounts(f["totals"], "totals of \(key)")))
    }
    var vouchers: [(String, Int)] = []
    if case .object(let counts)? = v["vouchers"] {
      for c in counts {
        guard case .number(let n) = c.value, let count = Int(n) else { throw fail("vouchers.\(c.key) is not a count") }
        vouchers.append((c.key, count))
      }
    }
    var supervisors: [String] = []
    if case .array(let items)? = v["supervisors"] {
      for s in items { if let name = optionalString(s["supervisor"]) { supervisors.append(name) } }
    }
    return ClosedMonthStatement(
      month: month, status: optionalString(v["status"]) ?? ClosedMonth.status,
      evidenceURL: optionalString(v["evidence_url"]) ?? "", families: families,
      totals: try amounts(v["totals"], "totals"), vouchers: vouchers, supervisors: supervisors)
  }
}
