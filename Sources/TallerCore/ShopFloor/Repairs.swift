/// Repairs (seed 003, mrp_repair; SPEC §5.7).

/// Where a repair is in its workflow: a quotation (draft), accepted and under way
/// (confirmed), or finished (done).
public enum RepairState: String, Sendable, CaseIterable {
  case draft, confirmed, done

  public init?(parsing text: String) {
    switch NameFolding.fold(text) {
    case "DRAFT", "BORRADOR", "QUOTATION", "COTIZACION", "ЧЕРНОВИК": self = .draft
    case "CONFIRMED", "CONFIRMADO", "CONFIRMADA", "UNDER REPAIR", "EN REPARACION": self = .confirmed
    case "DONE", "REPAIRED", "TERMINADO", "TERMINADA", "REPARADO", "REPARADA": self = .done
    default: return nil
    }
  }
}

/// When a repair is invoiced (seed 003: no invoicing, invoicing before repair,
/// invoicing after repair).
public enum InvoiceMethod: String, Sendable, CaseIterable {
  case none, before, after

  public init?(parsing text: String) {
    switch NameFolding.fold(text) {
    case "NONE", "NO", "NINGUNO", "SIN FACTURA", "NO INVOICING": self = .none
    case "BEFORE", "ANTES", "BEFORE REPAIR", "PREPAGO", "INVOICING BEFORE REPAIR": self = .before
    case "AFTER", "DESPUES", "AFTER REPAIR", "INVOICING AFTER REPAIR": self = .after
    default: return nil
    }
  }

  /// Whether a repair in `state` has reached the moment its invoice is drafted:
  /// before → at confirmation (so confirmed and done repairs), after → at done.
  public func isInvoiced(in state: RepairState) -> Bool {
    switch self {
    case .none: return false
    case .before: return state != .draft
    case .after: return state == .done
    }
  }
}

/// A part taken out of or put into the repaired product.
public enum RepairAction: String, Sendable {
  case add, remove

  public init?(parsing text: String) {
    switch NameFolding.fold(text) {
    case "ADD", "AGREGAR", "ANADIR", "PONER", "INSTALAR": self = .add
    case "REMOVE", "QUITAR", "RETIRAR", "SACAR", "ELIMINAR": self = .remove
    default: return nil
    }
  }
}

/// A lot sold to a customer (for the warranty: the sale date).
public struct SoldLot: Sendable, Equatable {
  public var lot: String
  public var product: ProductCode?
  public var saleDate: LocalDate?
  public var customer: String

  public init(lot: String, product: ProductCode? = nil, saleDate: LocalDate? = nil, customer: String = "") {
    self.lot = lot
    self.product = product
    self.saleDate = saleDate
    self.customer = customer
  }
}

/// A repair's header as read (blank cells are nil: the defaults are the rules').
public struct RepairInput: Sendable, Equatable {
  public var id: String
  public var product: ProductCode
  public var lot: String?
  public var customer: String?
  /// The repair's date (warranty and moves); nil: `--as-of`.
  public var date: LocalDate?
  public var state: RepairState
  public var invoiceMethod: InvoiceMethod
  public var warrantyUntil: LocalDate?
  /// Why the row cannot be taken, found while reading (a state or invoice method not in the list).
  public var problem: String?
  public var file: String
  public var line: Int

  public init(
    id: String, product: ProductCode, lot: String? = nil, customer: String? = nil, date: LocalDate? = nil,
    state: RepairState = .draft, invoiceMethod: InvoiceMethod = .none, warrantyUntil: LocalDate? = nil,
    problem: String? = nil, file: String = "", line: Int = 0
  ) {
    self.problem = problem
    self.id = id
    self.product = product
    self.lot = lot
    self.customer = customer
    self.date = date
    self.state = state
    self.invoiceMethod = invoiceMethod
    self.warrantyUntil = warrantyUntil
    self.file = file
    self.line = line
  }
}

/// A part line (action add/remove) or a fee line (action nil) of a repair, as read.
public struct RepairLineInput: Sendable, Equatable {
  public var repair: String
  /// nil: a fee (labour, travel…).
  public var action: RepairAction?
  public var product: ProductCode?
  public var description: String
  public var qty: Quantity?
  public var price: Money?
  public var lot: String?
  /// A part's location: where an added part is taken from, where a removed one goes.
  public var location: String?
  public var toInvoice: Bool?
  /// Why the row cannot be taken, found while reading (an action not add or remove).
  public var problem: String?
  public var file: String
  public var line: Int

  public init(
    repair: String, action: RepairAction?, product: ProductCode? = nil, description: String = "", qty: Quantity? = nil,
    price: Money? = nil, lot: String? = nil, location: String? = nil, toInvoice: Bool? = nil, problem: String? = nil,
    file: String = "", line: Int = 0
  ) {
    self.problem = problem
    self.repair = repair
    self.action = action
    self.product = product
    self.description = description
    self.qty = qty
    self.price = price
    self.lot = lot
    self.location = location
    self.toInvoice = toInvoice
    self.file = file
    self.line = line
  }
}

/// A repair line with its defaults applied.
public struct RepairLine: Sendable, Equatable {
  public var action: RepairAction?
  public var product: ProductCode?
  public var description: String
  public var qty: Quantity
  public var price: Money
  public var lot: String?
  public var location: String?
  public var toInvoice: Bool
  /// round(qty × price, 2) when to invoice, else 0 (SPEC §4.8).
  public var amount: Money
  public var file: String
  public var line: Int
}

/// A repair with its defaults applied and its lines.
public struct Repair: Sendable, Equatable {
  public var id: String
  public var product: ProductCode
  public var lot: String?
  public var customer: String
  public var date: LocalDate
  public var state: RepairState
  public var invoiceMethod: InvoiceMethod
  public var warrantyUntil: LocalDate?
  public var underWarranty: Bool
  public var lines: [RepairLine]
  public var file: String
  public var line: Int

  /// The sum of the rounded line amounts (what its invoice or quotation totals).
  public var total: Money { lines.reduce(Money.zero) { $0 + $1.amount } }
  public var isInvoiced: Bool { invoiceMethod.isInvoiced(in: state) }
}

/// A row that could not be taken (unknown product, negative qty…), or a warning
/// (a removed part the product's recipe does not contain).
public struct RepairFinding: Sendable, Equatable {
  public var isError: Bool
  public var message: String
  public var file: String
  public var line: Int
}

/// A stock move of a done repair, in post-documents' ledger columns (SPEC §6.3).
public struct RepairMove: Sendable, Equatable {
  public var repair: String
  public var date: LocalDate
  /// The part's place among the repair's lines (1, 2, …).
  public var line: Int
  public var product: ProductCode
  public var location: String
  /// + into the location (a removed part into defective products), − out of it (an added part out of stock).
  public var qty: Quantity
}

/// Settings of a batch of repairs.
public struct RepairSettings: Sendable {
  /// The date of repairs that give none.
  public var asOf: LocalDate?
  /// Where a removed part goes (seed 003: Default Production > Defective Products).
  public var defectiveLocation: String
  /// Where an added part comes from (seed 003: Stock).
  public var stockLocation: String

  public init(asOf: LocalDate? = nil, defectiveLocation: String = "Defective products", stockLocation: String = "Stock") {
    self.asOf = asOf
    self.defectiveLocation = defectiveLocation
    self.stockLocation = stockLocation
  }
}

extension LocalDate {
  /// The same day `months` months later; the month's last day when it has no such
  /// day (January 31 + 1 month = February 28, or 29).
  public func adding(months: Int) -> LocalDate {
    let (y, m, d) = components
    let total = y * 12 + (m - 1) + months
    let year = total >= 0 ? total / 12 : (total - 11) / 12
    let month = total - year * 12 + 1
    return LocalDate(year: year, month: month, day: min(d, LocalDate.daysIn(month: month, year: year))) ?? self
  }
}

/// A batch of repairs with their defaults, findings, invoices and moves.
public struct RepairBook: Sendable {
  public internal(set) var repairs: [Repair] = []
  /// Errors (the row is left out) and warnings, in input order.
  public internal(set) var findings: [RepairFinding] = []

  public var rejectedCount: Int { findings.filter(\.isError).count }

  /// Applies seed 003's defaults to every repair and line and checks them.
  ///
  /// - warranty_until: as given, else the lot's sale date + the product's
  ///   `warranty_months`; a repair is under warranty when its date is on or before it.
  /// - customer: as given, else the lot's.
  /// - a line's qty: 1; its price: as given, else `prices[product]`, else 0 (a
  ///   warning for an added part or a fee to invoice).
  /// - to_invoice: as given; else an added part is invoiced unless under warranty,
  ///   a removed part is not (it is the customer's, taken out), a fee is (seed: under
  ///   warranty the parts are free, "all the other costs" are still invoiced).
  /// - amount: round(qty × price, 2) half away from zero when to invoice, else 0.
  ///
  /// Errors (the row is left out, with its file:line): an unknown product, a negative
  /// qty or price, a line whose repair is not in the file (or was left out), a
  /// repeated repair id; a repair without a date when there is no `asOf`. A
  /// removed part the repaired product's recipe does not contain is a warning.
  public static func build(
    repairs: [RepairInput], lines: [RepairLineInput], catalog: RecipeCatalog, lots: [SoldLot] = [],
    prices: [ProductCode: Money] = [:], settings: RepairSettings = RepairSettings()
  ) -> RepairBook {
    var book = RepairBook()
    var lotIndex: [String: SoldLot] = [:]
    for l in lots where lotIndex[l.lot] == nil { lotIndex[l.lot] = l }
    var position: [String: Int] = [:]
    var refused: Set<String> = []
    for r in repairs {
      func refuse(_ message: String) {
        book.findings.append(RepairFinding(isError: true, message: message, file: r.file, line: r.line))
        refused.insert(r.id)
      }
      if position[r.id] != nil || refused.contains(r.id) {
        book.findings.append(RepairFinding(isError: true, message: "repair \(r.id) is repeated", file: r.file, line: r.line))
        continue
      }
      if let problem = r.problem {
        refuse("repair \(r.id): \(problem)")
        continue
      }
      guard let product = catalog.product(r.product) else {
        refuse("repair \(r.id): product \(r.product) is not in products")
        continue
      }
      guard let date = r.date ?? settings.asOf else {
        refuse("repair \(r.id) has no date (fill date or give --as-of)")
        continue
      }
      let sold = r.lot.flatMap { lotIndex[$0] }
      var until = r.warrantyUntil
      if until == nil, let sale = sold?.saleDate, case let months = product.warrantyMonths, months > 0 {
        until = sale.adding(months: months)
      }
      position[r.id] = book.repairs.count
      book.repairs.append(
        Repair(
          id: r.id, product: r.product, lot: r.lot, customer: r.customer ?? sold?.customer ?? "", date: date,
          state: r.state, invoiceMethod: r.invoiceMethod, warrantyUntil: until, underWarranty: until.map { date <= $0 } ?? false,
          lines: [], file: r.file, line: r.line))
    }
    for l in lines {
      func finding(_ error: Bool, _ message: String) {
        book.findings.append(RepairFinding(isError: error, message: message, file: l.file, line: l.line))
      }
      guard let k = position[l.repair] else {
        finding(
          true,
          refused.contains(l.repair)
            ? "repair \(l.repair) was rejected: its line is left out" : "repair \(l.repair) is not in the repairs")
        continue
      }
      let repair = book.repairs[k]
      if let problem = l.problem {
        finding(true, "repair \(l.repair): \(problem)")
        continue
      }
      if let p = l.product, catalog.product(p) == nil {
        finding(true, "repair \(l.repair): product \(p) is not in products")
        continue
      }
      if l.action != nil && l.product == nil {
        finding(true, "repair \(l.repair): a part line needs a product")
        continue
      }
      let qty = l.qty ?? Quantity(1)
      if qty.isNegative {
        finding(true, "repair \(l.repair): qty \(qty) is negative")
        continue
      }
      if let p = l.price, p.isNegative {
        finding(true, "repair \(l.repair): price \(p) is negative")
        continue
      }
      if l.action == .remove, let part = l.product,
        !catalog.recipe(of: repair.product).contains(where: { $0.component == part })
      {
        finding(false, "repair \(l.repair): removed part \(part) is not in \(repair.product)'s recipe")
      }
      let toInvoice: Bool
      switch l.action {
      case .add: toInvoice = l.toInvoice ?? !repair.underWarranty
      case .remove: toInvoice = l.toInvoice ?? false
      case nil: toInvoice = l.toInvoice ?? true
      }
      var price = l.price ?? l.product.flatMap { prices[$0] }
      if price == nil {
        if toInvoice {
          finding(false, "repair \(l.repair): \(l.product.map { "\($0)" } ?? "fee \"\(l.description)\"") has no price (give price or --prices): 0")
        }
        price = .zero
      }
      let unit = price ?? .zero
      let amount = toInvoice ? ((try? qty.multiplied(by: unit, places: 2)) ?? .zero) : .zero
      book.repairs[k].lines.append(
        RepairLine(
          action: l.action, product: l.product,
          description: l.description.isEmpty ? (l.product.flatMap { catalog.product($0)?.description } ?? "") : l.description,
          qty: qty, price: unit, lot: l.lot,
          location: l.location ?? (l.action == .add ? settings.stockLocation : l.action == .remove ? settings.defectiveLocation : nil),
          toInvoice: toInvoice, amount: amount, file: l.file, line: l.line))
    }
    book.findings.sort { ($0.file, $0.line) < ($1.file, $1.line) }
    return book
  }

  /// The stock moves of done repairs (SPEC §5.7): a removed part enters its location
  /// (defective products by default, +qty), an added part leaves its location (stock
  /// by default, −qty). Fees move nothing. Quantities rounded to 2 decimals.
  public var moves: [RepairMove] {
    var out: [RepairMove] = []
    for r in repairs where r.state == .done {
      for (i, l) in r.lines.enumerated() {
        guard let action = l.action, let p = l.product else { continue }
        let q = l.qty.rounded(toPlaces: 2)
        out.append(
          RepairMove(repair: r.id, date: r.date, line: i + 1, product: p, location: l.location ?? "", qty: action == .add ? -q : q))
      }
    }
    return out
  }
}
