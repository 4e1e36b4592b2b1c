import CXLSXWriter
import Foundation
import TallerCore

/// The monthly statement (an *estimación*) of closed months, as a workbook in the
/// shape of Mexican works-billing packages: `export-xlsx --billing`.
///
/// Sheets, in order:
/// - **Carátula** (cover): company, contract, families and OTs, period, sites,
///   supervisors, status, evidence link, voucher counts; the amounts of the period
///   per currency (authorized, before, this month, excess, subtotal, VAT, total,
///   accumulated, remaining), each a formula over a defined name of `Resumen`; the
///   total in Spanish words; the signature block.
/// - **Resumen**: one row per family and concept, one block per currency.
/// - one sheet per family, named after its initial OT: the daily detail
///   (generadores), concept rows and their time types × the days of the month.
/// - **Excedentes**: the concepts with excess in the month.
/// - **GPU**: the month's vouchers of the families' OTs (when a register is given).
/// - **Avance**: executed vs authorized per annex, with a native column chart.
///
/// Every amount and total is a formula with its value stored — `ROUND(qty × price, 2)`
/// at the line, `ROUND(SUM(…), 2)` for a total — and the stored value is the
/// closed-month document's, so Excel recalculating and readers that do not
/// recalculate show the same cents. Totals reach the cover through defined names
/// (`Total_MXN_EsteMes` …), never as typed numbers.
public enum BillingWorkbook {
  /// What the statement shows besides the closed months.
  public struct Options: Sendable {
    public var english = false
    public var company: String?
    public var contract: String?
    /// Signature names by role: `prepared`, `reviewed`, `authorized`.
    public var signatures: [String: String] = [:]
    /// VAT rate (0.16); nil: no VAT lines.
    public var vat: ExactDecimal?
    /// The GPU register (every voucher read); nil: no GPU sheet.
    public var vouchers: [GeneratorVoucher]?
    public init() {}
  }

  /// Writes the statement of `months` (read already) to `path`; `title`, when the
  /// workbook options have none, makes the document title from the months.
  public static func write(
    _ months: [ClosedMonthStatement], options: Options, to path: String, workbook: WorkbookOptions,
    title: (([ClosedMonthStatement]) -> String)? = nil
  ) throws {
    let (state, builder) = try start(options: options, to: path, workbook: workbook)
    try finish(state, builder, months, written: 0, workbook: workbook, title: title)
  }

  /// Reads the closed-month documents of `sources` and writes their statement to
  /// `path`, reading and writing at once: the documents are read on a second
  /// thread, and this one writes each family's sheet as soon as the family is read
  /// and the sheets' columns are known — from the first concept with a dollar price
  /// (the USD columns are then certain), else once every document is read. The
  /// summary, the cover and the other sheets follow the last document. When a
  /// document cannot be read, that is the error, whatever was written meanwhile
  /// (the caller's output is written whole or not at all).
  public static func write(
    documents sources: [InputSource], options: Options, to path: String, workbook: WorkbookOptions,
    title: (([ClosedMonthStatement]) -> String)? = nil
  ) throws {
    let (state, builder) = try start(options: options, to: path, workbook: workbook)
    let feed = FamilyFeed()
    Thread {
      do {
        for (d, source) in sources.enumerated() {
          feed.documentRead(try statement(source) { family, month in feed.add(family, month, document: d) })
        }
      } catch {
        feed.fail(error)
      }
      feed.end()
    }.start()

    var written = 0
    var waiting: [FamilyFeed.Item] = []
    var read: [ClosedMonthStatement] = []
    var writeError: (any Error)?
    /// The first waiting family and its month, when it can be written now.
    func nextToWrite() -> (FamilyFeed.Item, YearMonth)? {
      guard writeError == nil, builder.currencies.count == 2, let item = waiting.first,
        let month = item.month ?? (item.document < read.count ? read[item.document].month : nil)
      else { return nil }
      return (item, month)
    }
    // One family at a time, in order, while the reading goes on; what is left when
    // it ends is written on two threads by `finish`.
    while true {
      let news = nextToWrite() == nil ? feed.next() : feed.poll()
      waiting += news.items
      read = news.read
      if news.ended { break }
      if builder.currencies.count == 1, news.items.contains(where: { Builder.hasDollars($0.family) }) {
        builder.currencies = [.mxn, .usd]
      }
      if let (item, month) = nextToWrite() {
        waiting.removeFirst()
        do {
          let index = try builder.addFamily(item.family, month: month)
          try builder.writeFamily(index, month, item.family)
          written += 1
        } catch {
          writeError = error
        }
      }
    }
    let (months, readError) = feed.result()
    if let readError { throw readError }
    if let writeError { throw writeError }
    try finish(state, builder, months, written: written, workbook: workbook, title: title)
  }

  /// The workbook and its builder, the cover and summary sheets added.
  private static func start(options: Options, to path: String, workbook: WorkbookOptions) throws -> (WorkbookState, Builder) {
    var bookOptions = workbook
    // The cover and the small sheets are written out of row order; the family sheets
    // (the bulk of the cells) and the summary are written in row order and take
    // constant memory (BillingSheet's rowOrder).
    bookOptions.constantMemory = false
    if bookOptions.tmpdir == nil { bookOptions.tmpdir = directory(of: path) }
    let state = try WorkbookState(path: path, options: bookOptions)
    return (state, try Builder(state: state, options: options))
  }

  /// Writes what is not written yet (`written` family sheets are), the document's
  /// title, and assembles the file.
  private static func finish(
    _ state: WorkbookState, _ builder: Builder, _ months: [ClosedMonthStatement], written: Int,
    workbook: WorkbookOptions, title: (([ClosedMonthStatement]) -> String)?
  ) throws {
    if workbook.title == nil, let title {
      var properties = workbook
      properties.title = title(months)
      try state.setProperties(properties)
    }
    try builder.finish(months, written: written)
    try state.close()
  }

  /// The amount in words of the cover: the total (subtotal + VAT with a rate,
  /// else the subtotal, which is the billable amount of the month).
  public static func coverTotal(billable: Money, vat: ExactDecimal?) throws(ArithmeticOverflow) -> Money {
    guard let vat else { return billable }
    return try valueAddedTax(on: billable, rate: vat).total
  }
}

// MARK: - Labels

struct BillingLabels: Sendable {
  var cover, summary, excess, gpu, progress: String
  var title, contract, company, families, period, periodFormat, sites, supervisors, status, evidence, vouchers: String
  var amounts, authorized, previous, thisMonth, excessAmount, subtotal, vat, total, accumulated, remaining: String
  var inWords: String
  var prepared, reviewed, authorizedBy: String
  var family, annex, code, description, unit, timeType, authorizedQty, unitPrice, authorizedAmount: String
  var previousQty, monthQty, accumulatedQty, remainingQty, excessQty: String
  var previousAmount, monthAmount, accumulatedAmount, remainingAmount, billableAmount, excessAmountColumn: String
  var percent, totals, conceptTotal, workOrders, detailTitle, noExcess, footerPage: String
  var ot, date, voucherStatus, updated, closedDays: String
  var chartTitle, executedSeries, authorizedSeries, monthSeries: String
  var pesosBlock, dollarsBlock: String
  func currencyBlock(_ c: Currency) -> String { c == .mxn ? pesosBlock : dollarsBlock }

  static let spanish = BillingLabels(
    cover: "Carátula", summary: "Resumen", excess: "Excedentes", gpu: "GPU", progress: "Avance",
    title: "ESTIMACIÓN DE OBRA", contract: "Contrato", company: "Empresa", families: "Familia(s) y OT",
    period: "Periodo", periodFormat: "del %1 al %2", sites: "Sitio(s)", supervisors: "Supervisores",
    status: "Estado", evidence: "Evidencia", vouchers: "Vales GPU",
    amounts: "Importes", authorized: "Importe autorizado", previous: "Ejecutado en estimaciones anteriores",
    thisMonth: "Ejecutado en este periodo", excessAmount: "Excedente (no facturable en esta estimación)",
    subtotal: "Subtotal de esta estimación", vat: "IVA", total: "Total de esta estimación",
    accumulated: "Acumulado ejecutado", remaining: "Por ejercer", inWords: "Importe con letra",
    prepared: "ELABORÓ", reviewed: "REVISÓ", authorizedBy: "AUTORIZÓ",
    family: "Familia", annex: "Anexo", code: "Clave", description: "Descripción", unit: "Unidad",
    timeType: "Tipo", authorizedQty: "Cant. autorizada", unitPrice: "P.U.", authorizedAmount: "Importe autorizado",
    previousQty: "Cant. anterior", monthQty: "Cant. este periodo", accumulatedQty: "Cant. acumulada",
    remainingQty: "Cant. por ejercer", excessQty: "Cant. excedente",
    previousAmount: "Importe anterior", monthAmount: "Importe este periodo", accumulatedAmount: "Importe acumulado",
    remainingAmount: "Importe por ejercer", billableAmount: "Importe facturable",
    excessAmountColumn: "Importe excedente", percent: "% avance", totals: "TOTAL",
    conceptTotal: "Total", workOrders: "OT", detailTitle: "GENERADORES", noExcess: "Sin excedentes en el periodo.",
    footerPage: "Hoja &P de &N", ot: "OT", date: "Fecha", voucherStatus: "Estado", updated: "Actualizado",
    closedDays: "Días sombreados: sin jornada laborada en ninguna OT de la familia.",
    chartTitle: "Ejecutado vs autorizado por anexo", executedSeries: "Acumulado ejecutado",
    authorizedSeries: "Autorizado", monthSeries: "Este periodo",
    pesosBlock: "Moneda nacional (MXN)", dollarsBlock: "Dólares (USD)")

  static let english = BillingLabels(
    cover: "Cover", summary: "Summary", excess: "Excess", gpu: "GPU", progress: "Progress",
    title: "WORKS BILLING ESTIMATE", contract: "Contract", company: "Company", families: "Families and OTs",
    period: "Period", periodFormat: "%1 to %2", sites: "Site(s)", supervisors: "Supervisors",
    status: "Status", evidence: "Evidence", vouchers: "GPU vouchers",
    amounts: "Amounts", authorized: "Authorized amount", previous: "Executed in earlier estimates",
    thisMonth: "Executed this period", excessAmount: "Excess (not billable in this estimate)",
    subtotal: "Subtotal of this estimate", vat: "VAT", total: "Total of this estimate",
    accumulated: "Accumulated executed", remaining: "Remaining", inWords: "Amount in words",
    prepared: "PREPARED BY", reviewed: "REVIEWED BY", authorizedBy: "AUTHORIZED BY",
    family: "Family", annex: "Annex", code: "Code", description: "Description", unit: "Unit",
    timeType: "Type", authorizedQty: "Authorized qty", unitPrice: "Unit price", authorizedAmount: "Authorized amount",
    previousQty: "Previous qty", monthQty: "Qty this period", accumulatedQty: "Accumulated qty",
    remainingQty: "Remaining qty", excessQty: "Excess qty",
    previousAmount: "Previous amount", monthAmount: "Amount this period", accumulatedAmount: "Accumulated amount",
    remainingAmount: "Remaining amount", billableAmount: "Billable amount",
    excessAmountColumn: "Excess amount", percent: "% progress", totals: "TOTAL",
    conceptTotal: "Total", workOrders: "OTs", detailTitle: "DAILY DETAIL", noExcess: "No excess in the period.",
    footerPage: "Page &P of &N", ot: "OT", date: "Date", voucherStatus: "Status", updated: "Updated",
    closedDays: "Shaded days: no OT of the family worked.",
    chartTitle: "Executed vs authorized by annex", executedSeries: "Accumulated executed",
    authorizedSeries: "Authorized", monthSeries: "This period",
    pesosBlock: "Mexican pesos (MXN)", dollarsBlock: "US dollars (USD)")
}

// MARK: - Cells

/// `A1`-style reference of a zero-based row and column, absolute when asked.
func cellName(_ row: Int, _ col: Int, absolute: Bool = false) -> String {
  // Within a sheet (16,384 columns, 1,048,576 rows) the name is built in place, at
  // most 12 bytes: a small string, no allocation.
  if col >= 0 && col < 16_384 && row >= 0 && row < 10_000_000 {
    return String(unsafeUninitializedCapacity: 16) { buf in
      var n = 0
      if absolute {
        buf[n] = 0x24
        n += 1
      }
      // Bijective base 26: A…Z, AA…ZZ, AAA…
      var c = col
      var width = 1
      var span = 26
      while c >= span {
        c -= span
        span *= 26
        width += 1
      }
      var i = n + width - 1
      while i >= n {
        buf[i] = UInt8(65 + c % 26)
        c /= 26
        i -= 1
      }
      n += width
      if absolute {
        buf[n] = 0x24
        n += 1
      }
      var r = row + 1
      var digits = 1
      var power = 10
      while r >= power {
        digits += 1
        power *= 10
      }
      i = n + digits - 1
      while i >= n {
        buf[i] = UInt8(48 + r % 10)
        r /= 10
        i -= 1
      }
      return n + digits
    }
  }
  var c = col
  var letters = ""
  repeat {
    letters = String(UnicodeScalar(UInt8(65 + c % 26))) + letters
    c = c / 26 - 1
  } while c >= 0
  return absolute ? "$\(letters)$\(row + 1)" : "\(letters)\(row + 1)"
}

/// A sheet name as a formula writes it: quoted when it is not a plain word.
func quotedSheet(_ name: String) -> String {
  let plain = name.unicodeScalars.allSatisfy { ($0.value < 128 && ($0.properties.isAlphabetic || $0.value >= 48 && $0.value <= 57)) || $0 == "_" }
  return plain && !(name.first?.isNumber ?? true) ? name : "'" + name.replacingAll("'", with: "''") + "'"
}

extension String {
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
    return out
  }
}

/// A worksheet of the statement: every libxlsxwriter call checked.
final class BillingSheet {
  let state: WorkbookState
  let sheet: UnsafeMutablePointer<lxw_worksheet>
  let name: String
  /// Hyperlinks written so far (Excel holds 65,530 per sheet).
  private var links = 0

  /// `rowOrder`: every cell of the sheet is written in row order (top to bottom; in
  /// a row, any column order), so libxlsxwriter keeps one row of it in memory and
  /// writes its strings inline instead of in the shared-string table.
  init(state: WorkbookState, name: String, rowOrder: Bool = false) throws(OutputError) {
    self.state = state
    self.name = state.names.claim(cleanSheetName(name))
    sheet = try state.addWorksheet(named: self.name, constantMemory: rowOrder)
  }

  /// `'Sheet'!$A$1`.
  func ref(_ row: Int, _ col: Int) -> String { "\(quotedSheet(name))!\(cellName(row, col, absolute: true))" }

  func text(_ row: Int, _ col: Int, _ s: String, _ f: UnsafeMutablePointer<lxw_format>? = nil) throws(OutputError) {
    let e = worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(col), s, f)
    try state.check(e, "sheet \(name) \(cellName(row, col))")
  }

  func blank(_ row: Int, _ col: Int, _ f: UnsafeMutablePointer<lxw_format>?) throws(OutputError) {
    let e = worksheet_write_blank(sheet, lxw_row_t(row), lxw_col_t(col), f)
    try state.check(e, "sheet \(name) \(cellName(row, col))")
  }

  func number(_ row: Int, _ col: Int, _ v: ExactDecimal, _ f: UnsafeMutablePointer<lxw_format>?) throws(OutputError) {
    let e = worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(col), Excel.double(v), f)
    try state.check(e, "sheet \(name) \(cellName(row, col))")
  }

  /// A formula with the value it computes stored, so readers that do not
  /// recalculate show it. `formula` is written without its `=`.
  func formula(_ row: Int, _ col: Int, _ formula: String, _ value: Double, _ f: UnsafeMutablePointer<lxw_format>?)
    throws(OutputError)
  {
    let e = worksheet_write_formula_num(sheet, lxw_row_t(row), lxw_col_t(col), "=" + formula, f, value)
    try state.check(e, "sheet \(name) \(cellName(row, col)): formula \(formula)")
  }

  func formula(_ row: Int, _ col: Int, _ formula: String, _ value: ExactDecimal, _ f: UnsafeMutablePointer<lxw_format>?)
    throws(OutputError)
  {
    try self.formula(row, col, formula, Excel.double(value), f)
  }

  /// A hyperlink; a URL Excel cannot hold as a link (over 2,079 characters, or past
  /// the 65,530 links of a sheet) is written as text.
  func link(_ row: Int, _ col: Int, _ url: String, _ f: UnsafeMutablePointer<lxw_format>?, _ text: UnsafeMutablePointer<lxw_format>?)
    throws(OutputError)
  {
    if url.isEmpty { return }
    if links >= 65_530 || url.utf8.count > 2_079 {
      try self.text(row, col, url, text)
      return
    }
    links += 1
    let e = worksheet_write_url(sheet, lxw_row_t(row), lxw_col_t(col), url, f)
    if e == LXW_ERROR_255_STRING_LENGTH_EXCEEDED || e == LXW_ERROR_PARAMETER_VALIDATION || e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED {
      try self.text(row, col, url, text)
      return
    }
    try state.check(e, "sheet \(name) \(cellName(row, col)): link")
  }

  func merge(_ row: Int, _ c1: Int, _ c2: Int, _ s: String, _ f: UnsafeMutablePointer<lxw_format>?) throws(OutputError) {
    let e = worksheet_merge_range(sheet, lxw_row_t(row), lxw_col_t(c1), lxw_row_t(row), lxw_col_t(c2), s, f)
    try state.check(e, "sheet \(name) merging \(cellName(row, c1)):\(cellName(row, c2))")
  }

  func width(_ c1: Int, _ c2: Int, _ w: Double) throws(OutputError) {
    try state.check(worksheet_set_column(sheet, lxw_col_t(c1), lxw_col_t(c2), w, nil), "sheet \(name) column width")
  }

  func height(_ row: Int, _ h: Double) throws(OutputError) {
    try state.check(worksheet_set_row(sheet, lxw_row_t(row), h, nil), "sheet \(name) row height")
  }

  /// Landscape, one page wide, `header` rows repeated on every page, the footer
  /// `left` … `Hoja &P de &N`. Letter paper; `wide` sheets (the summary and the daily
  /// grids, 20 to 50 columns) on tabloid, the "doble carta" such statements are
  /// printed on, so that their figures stay legible.
  func printSetup(headerRows: ClosedRange<Int>?, footerLeft: String, page: String, wide: Bool = false) throws(OutputError) {
    worksheet_set_landscape(sheet)
    worksheet_set_paper(sheet, wide ? 3 : 1)  // 3: tabloid 11 × 17 in, 1: letter
    worksheet_fit_to_pages(sheet, 1, 0)
    worksheet_set_margins(sheet, 0.4, 0.4, 0.5, 0.6)
    worksheet_center_horizontally(sheet)
    if let headerRows {
      try state.check(
        worksheet_repeat_rows(sheet, lxw_row_t(headerRows.lowerBound), lxw_row_t(headerRows.upperBound)),
        "sheet \(name) repeated rows")
    }
    // & starts a code in a footer: a literal one is &&. Excel takes 255 characters.
    let left = truncated(footerLeft.replacingAll("&", with: "&&"), toUTF16: 180)
    try state.check(worksheet_set_footer(sheet, "&L&8\(left)&R&8\(page)"), "sheet \(name) footer")
  }

  /// `negative` on the cells of `col` in `rows` (ascending), as few rules as the
  /// cells allow: libxlsxwriter's `multi_range` lists them, at most about 2,000
  /// characters a rule (its `sqref` holds 2,079).
  func negative(rows: [Int], col: Int, formats: BillingFormats) throws(OutputError) {
    for chunk in Self.cellLists(rows: rows, col: col) {
      let list = strdup(chunk.list)  // libxlsxwriter copies it
      defer { free(list) }
      try negative(chunk.first, col, chunk.first, col, formats: formats, multiRange: list)
    }
  }

  /// `levels` on the cells of `col` in `rows` (ascending), like `negative(rows:col:)`.
  func levels(rows: [Int], col: Int, mid: Double, high: Double, formats: BillingFormats) throws(OutputError) {
    for chunk in Self.cellLists(rows: rows, col: col) {
      let list = strdup(chunk.list)  // libxlsxwriter copies it
      defer { free(list) }
      try levels(chunk.first, col, chunk.first, col, mid: mid, high: high, formats: formats, multiRange: list)
    }
  }

  /// The cells of `col` in `rows`, space-separated (`F5 F9 F13`), in lists of at
  /// most 2,000 characters, each with its first row (the rule's primary cell).
  static func cellLists(rows: [Int], col: Int) -> [(first: Int, list: String)] {
    var result: [(first: Int, list: String)] = []
    var list = ""
    var first = 0
    for r in rows {
      let cell = cellName(r, col)
      if !list.isEmpty && list.utf8.count + 1 + cell.utf8.count > 2_000 {
        result.append((first, list))
        list = ""
      }
      if list.isEmpty {
        first = r
        list = cell
      } else {
        list += " " + cell
      }
    }
    if !list.isEmpty { result.append((first, list)) }
    return result
  }

  /// A red fill on the negative cells of a range (a remaining quantity or amount
  /// once the authorization is passed).
  func negative(
    _ r1: Int, _ c1: Int, _ r2: Int, _ c2: Int, formats: BillingFormats,
    multiRange: UnsafePointer<CChar>? = nil
  ) throws(OutputError) {
    var rule = lxw_conditional_format()
    rule.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
    rule.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_LESS_THAN.rawValue)
    rule.value = 0
    rule.format = formats.red
    rule.multi_range = multiRange.map { UnsafeMutablePointer(mutating: $0) }
    try state.check(
      worksheet_conditional_format_range(sheet, lxw_row_t(r1), lxw_col_t(c1), lxw_row_t(r2), lxw_col_t(c2), &rule),
      "sheet \(name) conditional format")
  }

  /// Conditional fills on a range by level: red above `high`, yellow from `mid`,
  /// green below `mid`.
  func levels(
    _ r1: Int, _ c1: Int, _ r2: Int, _ c2: Int, mid: Double, high: Double, formats: BillingFormats,
    multiRange: UnsafePointer<CChar>? = nil
  ) throws(OutputError) {
    let rules: [(UInt8, Double, UnsafeMutablePointer<lxw_format>)] = [
      (UInt8(LXW_CONDITIONAL_CRITERIA_GREATER_THAN.rawValue), high, formats.red),
      (UInt8(LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue), mid, formats.yellow),
      (UInt8(LXW_CONDITIONAL_CRITERIA_LESS_THAN.rawValue), mid, formats.green),
    ]
    for (criteria, value, format) in rules {
      var rule = lxw_conditional_format()
      rule.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
      rule.criteria = criteria
      rule.value = value
      rule.format = format
      rule.multi_range = multiRange.map { UnsafeMutablePointer(mutating: $0) }
      try state.check(
        worksheet_conditional_format_range(
          sheet, lxw_row_t(r1), lxw_col_t(c1), lxw_row_t(r2), lxw_col_t(c2), &rule),
        "sheet \(name) conditional format")
    }
  }
}

/// The statement's cell formats, made once.
final class BillingFormats {
  let title, subtitle, label, value, header, text, textBold, qty, qtyBold, money, moneyBold, percent: UnsafeMutablePointer<lxw_format>
  let day, closedDay, dayHeader, closedDayHeader, totalLabel, moneyTotal, link, words, signLine, signName: UnsafeMutablePointer<lxw_format>
  let red, yellow, green, statusValid, statusPending, statusReview, statusRejected, block: UnsafeMutablePointer<lxw_format>

  init(_ state: WorkbookState) throws(OutputError) {
    let grey: lxw_color_t = 0xD9D9D9
    let headerFill: lxw_color_t = 0x1F3864
    let blockFill: lxw_color_t = 0xDDEBF7
    let qtyFormat = "#,##0.00##"
    let moneyFormat = "#,##0.00"
    func make(
      _ number: String? = nil, bold: Bool = false, size: Double = 0, fill: lxw_color_t? = nil, color: lxw_color_t? = nil,
      border: Bool = true, wrap: Bool = false, center: Bool = false, top: Bool = false, underline: Bool = false
    ) throws(OutputError) -> UnsafeMutablePointer<lxw_format> {
      let f = try state.newFormat(number)
      if bold { format_set_bold(f) }
      if size > 0 { format_set_font_size(f, size) }
      if let fill {
        format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
        format_set_bg_color(f, fill)
      }
      if let color { format_set_font_color(f, color) }
      if border { format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue)) }
      if wrap { format_set_text_wrap(f) }
      if center { format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue)) }
      format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
      if top { format_set_top(f, UInt8(LXW_BORDER_THIN.rawValue)) }
      if underline { format_set_underline(f, UInt8(LXW_UNDERLINE_SINGLE.rawValue)) }
      return f
    }
    title = try make(bold: true, size: 14, border: false)
    subtitle = try make(bold: true, size: 11, border: false)
    label = try make(bold: true, fill: blockFill)
    value = try make(wrap: true)
    header = try make(bold: true, fill: headerFill, color: 0xFFFFFF, wrap: true, center: true)
    text = try make(wrap: true)
    textBold = try make(bold: true, wrap: true)
    qty = try make(qtyFormat)
    qtyBold = try make(qtyFormat, bold: true)
    money = try make(moneyFormat)
    moneyBold = try make(moneyFormat, bold: true)
    percent = try make("0.0%")
    day = try make("#,##0.##")
    closedDay = try make("#,##0.##", fill: grey)
    dayHeader = try make(bold: true, fill: headerFill, color: 0xFFFFFF, center: true)
    closedDayHeader = try make(bold: true, fill: 0x808080, color: 0xFFFFFF, center: true)
    totalLabel = try make(bold: true, fill: blockFill)
    moneyTotal = try make(moneyFormat, bold: true, fill: blockFill)
    link = try make(color: 0x0563C1, border: true, underline: true)
    words = try make(bold: true, wrap: true)
    signLine = try make(bold: true, border: false, center: true, top: true)
    signName = try make(border: false, center: true)
    block = try make(bold: true, fill: blockFill, border: false)
    func fill(_ c: lxw_color_t, _ font: lxw_color_t) throws(OutputError) -> UnsafeMutablePointer<lxw_format> {
      let f = try state.newFormat()
      format_set_bg_color(f, c)
      format_set_font_color(f, font)
      return f
    }
    red = try fill(0xFFC7CE, 0x9C0006)
    yellow = try fill(0xFFEB9C, 0x9C5700)
    green = try fill(0xC6EFCE, 0x006100)
    statusValid = try make(fill: 0xC6EFCE, color: 0x006100)
    statusPending = try make(fill: 0xFFEB9C, color: 0x9C5700)
    statusReview = try make(fill: 0xDDEBF7, color: 0x1F3864)
    statusRejected = try make(fill: 0xFFC7CE, color: 0x9C0006)
  }
}

// MARK: - Inputs

extension BillingWorkbook {
  /// Reads closed-month documents (JSON files; standard input is read whole).
  /// - Throws: `InputError` naming the file when one is not a closed-month document.
  public static func statements(_ sources: [InputSource]) throws(InputError) -> [ClosedMonthStatement] {
    var result: [ClosedMonthStatement] = []
    for source in sources { result.append(try statement(source)) }
    return result
  }

  /// Reads one closed-month document, handing each family to `onFamily` as it is
  /// read (see `ClosedMonthStatement.read(bytes:name:onFamily:)`).
  static func statement(
    _ source: InputSource, onFamily: ((ClosedMonthStatement.Family, YearMonth?) -> Void)? = nil
  ) throws(InputError) -> ClosedMonthStatement {
    let bytes: [UInt8]
    switch source {
    case .file(let path): bytes = try TableInput.readAll(path: path, name: source.name)
    case .standardInput: bytes = try TableInput.readAll(path: "/dev/stdin", name: source.name)
    }
    return try ClosedMonthStatement.read(bytes: bytes, name: source.name, onFamily: onFamily)
  }

  /// The signature names of a `role,name` table: roles `prepared`/`elaboró`,
  /// `reviewed`/`revisó`, `authorized`/`autorizó` (any case, accents optional).
  public static func signatures(_ source: InputSource, reading: TableReading) throws(InputError) -> [String: String] {
    guard let reader = try reading.openReader(source, sniff: nil) else { return [:] }
    let header = reader.header.map { NameFolding.fold($0) }
    guard let role = header.firstIndex(where: { $0 == "ROLE" || $0 == "ROL" }),
      let name = header.firstIndex(where: { $0 == "NAME" || $0 == "NOMBRE" })
    else {
      throw InputError(.malformed, at: SourceLocation(file: source.name, line: 1), "signatures need the columns role,name")
    }
    var result: [String: String] = [:]
    let record = Record()
    while try reader.next(into: record) {
      let key: String
      switch NameFolding.fold(record.string(role)) {
      case "PREPARED", "ELABORO", "ELABORA", "PREPARED BY": key = "prepared"
      case "REVIEWED", "REVISO", "REVISA", "REVIEWED BY": key = "reviewed"
      case "AUTHORIZED", "AUTORIZO", "AUTORIZA", "AUTHORIZED BY", "APPROVED": key = "authorized"
      default:
        throw InputError(
          .malformed, at: SourceLocation(file: source.name, line: record.line),
          "role \"\(record.string(role))\" is not prepared, reviewed or authorized (elaboró, revisó, autorizó)")
      }
      result[key] = record.string(name).trimmingASCIISpaces()
    }
    return result
  }
}

/// The families read by `BillingWorkbook.write(documents:…)`'s reading thread, for
/// the writing one.
private final class FamilyFeed: @unchecked Sendable {
  struct Item {
    var family: ClosedMonthStatement.Family
    /// The document's month when it came before the family.
    var month: YearMonth?
    var document: Int
  }
  private let condition = NSCondition()
  private var items: [Item] = []
  private var read: [ClosedMonthStatement] = []
  private var ended = false
  private var error: (any Error)?
  /// Documents read as of the last `next()`.
  private var delivered = 0

  func add(_ family: ClosedMonthStatement.Family, _ month: YearMonth?, document: Int) {
    condition.lock()
    items.append(Item(family: family, month: month, document: document))
    condition.signal()
    condition.unlock()
  }

  func documentRead(_ statement: ClosedMonthStatement) {
    condition.lock()
    read.append(statement)
    condition.signal()
    condition.unlock()
  }

  func fail(_ error: any Error) {
    condition.lock()
    self.error = error
    condition.unlock()
  }

  func end() {
    condition.lock()
    ended = true
    condition.signal()
    condition.unlock()
  }

  /// Waits for news (a family, a document read, the end): the families added since
  /// the last call, the documents read so far, and whether the reading has ended.
  func next() -> (items: [Item], read: [ClosedMonthStatement], ended: Bool) {
    condition.lock()
    defer { condition.unlock() }
    while items.isEmpty && !ended && read.count == delivered { condition.wait() }
    let taken = items
    items.removeAll()
    delivered = read.count
    return (taken, read, ended)
  }

  /// What `next()` gives, without waiting.
  func poll() -> (items: [Item], read: [ClosedMonthStatement], ended: Bool) {
    condition.lock()
    defer { condition.unlock() }
    let taken = items
    items.removeAll()
    delivered = read.count
    return (taken, read, ended)
  }

  /// After the end: the documents read, and the reading's error.
  func result() -> ([ClosedMonthStatement], (any Error)?) {
    condition.lock()
    defer { condition.unlock() }
    return (read, error)
  }
}
