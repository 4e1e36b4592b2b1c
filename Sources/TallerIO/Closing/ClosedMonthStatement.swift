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
    let fields = DocumentFields(name: name)
    func amounts(_ x: JSONValue?, _ what: String) throws(InputError) -> [Currency: ClosingAmounts] {
      var result: [Currency: ClosingAmounts] = [:]
      for currency in Currency.allCases {
        result[currency] = try fields.amounts(x, currency.rawValue.lowercased(), what)
      }
      return result
    }

    guard ClosedMonthDocument.isDocument(v), case .string(let schema)? = v["schema"], schema == ClosedMonth.schema
    else { throw fields.fail("schema is not \(ClosedMonth.schema)") }
    guard case .string(let m)? = v["month"], let month = YearMonth(parsing: m) else {
      throw fields.fail("month is not YYYY-MM")
    }
    var families: [Family] = []
    for f in try fields.array(v["families"], "families") {
      let key = try fields.string(f["family"], "a family's key")
      var orders: [WorkOrder] = []
      for w in try fields.array(f["work_orders"], "work_orders of \(key)") {
        let ot = try fields.string(w["ot"], "a work order's ot")
        var days: [(Int, String?)] = []
        for d in try fields.array(w["days"], "days of \(ot)") {
          let text = try fields.string(d["date"], "a day of \(ot)")
          guard let date = try? LocalDate.parse(text), month.contains(date) else {
            throw fields.fail("a day of \(ot) is not a date of \(month)")
          }
          days.append((date.day, fields.optionalString(d["previous_status"])))
        }
        orders.append(
          WorkOrder(ot: ot, kind: fields.optionalString(w["kind"]) ?? "", site: fields.optionalString(w["site"]), days: days))
      }
      var concepts: [Concept] = []
      for k in try fields.array(f["concepts"], "concepts of \(key)") {
        let code = try fields.string(k["code"], "a concept's code")
        var daily: [(String, [Int: Quantity])] = []
        if case .object(let grid)? = k["daily"] {
          for tt in grid {
            guard case .object(let cells) = tt.value else { throw fields.fail("daily of \(code) is not a grid") }
            var days: [Int: Quantity] = [:]
            for cell in cells {
              guard let n = Int(cell.key), month.date(day: n) != nil else {
                throw fields.fail("day \(cell.key) of \(code) is not a day of \(month)")
              }
              days[n] = try fields.decimal(cell.value, "\(code) \(tt.key) day \(n)")
            }
            daily.append((tt.key, days))
          }
        } else {
          throw fields.fail("concept \(code) has no daily grid")
        }
        concepts.append(
          Concept(
            code: code, description: fields.optionalString(k["description"]) ?? "", unit: fields.optionalString(k["unit"]) ?? "",
            annex: fields.optionalString(k["annex"]) ?? "",
            authorizedQty: try fields.decimal(k["authorized_qty"], "\(code).authorized_qty"),
            previousQty: try fields.decimal(k["previous_qty"], "\(code).previous_qty"),
            monthQty: try fields.decimal(k["month_qty"], "\(code).month_qty"),
            accumulatedQty: try fields.decimal(k["accumulated_qty"], "\(code).accumulated_qty"),
            remainingQty: try fields.decimal(k["remaining_qty"], "\(code).remaining_qty"),
            excessQty: try fields.decimal(k["excess_qty"], "\(code).excess_qty"),
            prices: [
              .mxn: try fields.decimal(k["unit_price_mxn"], "\(code).unit_price_mxn"),
              .usd: try fields.decimal(k["unit_price_usd"], "\(code).unit_price_usd"),
            ],
            daily: daily, amounts: try amounts(k, code)))
      }
      families.append(
        Family(key: key, workOrders: orders, concepts: concepts, totals: try amounts(f["totals"], "totals of \(key)")))
    }
    var vouchers: [(String, Int)] = []
    if case .object(let counts)? = v["vouchers"] {
      for c in counts {
        guard case .number(let n) = c.value, let count = Int(n) else { throw fields.fail("vouchers.\(c.key) is not a count") }
        vouchers.append((c.key, count))
      }
    }
    var supervisors: [String] = []
    if case .array(let items)? = v["supervisors"] {
      for s in items { if let name = fields.optionalString(s["supervisor"]) { supervisors.append(name) } }
    }
    return ClosedMonthStatement(
      month: month, status: fields.optionalString(v["status"]) ?? ClosedMonth.status,
      evidenceURL: fields.optionalString(v["evidence_url"]) ?? "", families: families,
      totals: try amounts(v["totals"], "totals"), vouchers: vouchers, supervisors: supervisors)
  }
}
