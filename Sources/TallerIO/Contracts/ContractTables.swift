import TallerCore

/// The tables of the contract commands: the core's results as rows of typed
/// cells, in the column order each documents (SPEC §3, §4.4).
public enum ContractTables {
  // MARK: - Annex rows

  /// The annex columns, in the order written (SPEC §3).
  public static let annexColumns = Schemas.annex.columns.map(\.name)

  /// An annex line as written: quantities in their shortest exact form, prices
  /// with at least 2 decimals.
  public static func write(_ l: AnnexLine, to t: TableWriter) {
    t.text(l.ot.raw)
    t.int(l.importID.raw)
    t.date(l.importedOn)
    t.bool(l.active)
    t.text(l.annex.raw)
    t.text(l.code.raw)
    t.text(l.description)
    t.text(l.unit)
    t.number(l.authorizedQty)
    t.number(l.unitPriceMXN, places: 2)
    t.number(l.unitPriceUSD, places: 2)
  }

  /// The columns of the audit view (`import-annex --consolidate`).
  public static let consolidatedColumns = [
    "family", "code", "annex", "description", "unit", "authorized_qty", "unit_price_mxn",
    "unit_price_usd", "ot", "import_id", "imported_on", "superseded",
  ]

  /// Per family and code, the values in force and the import they come from, with
  /// the earlier active imports they replaced.
  public static func write(_ book: ConsolidatedAuthorizations, to table: TableWriter) throws(OutputError) {
    for a in book.all {
      let superseded = a.superseded.map { s in
        "import \(s.importID) of \(s.ot): \(s.authorizedQty) at \(s.unitPriceMXN.formatted(minimumPlaces: 2)) MXN, \(s.unitPriceUSD.formatted(minimumPlaces: 2)) USD"
      }
      table.text(a.family.raw)
      table.text(a.code.raw)
      table.text(a.annex.raw)
      table.text(a.description)
      table.text(a.unit)
      table.number(a.authorizedQty)
      table.number(a.unitPriceMXN, places: 2)
      table.number(a.unitPriceUSD, places: 2)
      table.text(a.source.ot.raw)
      table.int(a.source.importID.raw)
      table.date(a.source.importedOn)
      table.optionalText(superseded.joined(separator: "; "))
      try table.endRow()
    }
  }

  // MARK: - Validated production

  /// The production columns every validated or rejected row starts with.
  public static let productionColumns = ["ot", "code", "date", "time_type", "qty"]

  /// The columns validate-excess adds after the input columns (SPEC §4.4).
  public static let addedColumns = [
    "family", "annex", "description", "unit", "authorized_qty", "cumulative_qty",
    "remaining_qty", "excess", "excess_qty", "level", "unit_price_mxn", "unit_price_usd",
    "amount_mxn", "amount_usd", "billing_status", "gpu_required", "gpu_status", "supervisor",
  ]

  /// Columns of the production files that are never passed through: those this
  /// command computes, and `reason` (so a validated file validates again).
  public static let recomputedColumns = Set(addedColumns + ["reason"])

  /// Writes every row of the month, in input order: accepted rows to `accepted`,
  /// refused ones to `rejected` with their reason (or to `unwritten`, one message
  /// each, when there is no rejects file).
  /// - Returns: with `collectVouchers`, the keys of the vouchers the accepted rows
  ///   need and the register lacks (kept only when the register is written).
  public static func write(
    _ ledger: ExcessLedger, of month: ProductionInput, register: VoucherRegister,
    to accepted: TableWriter, rejected: TableWriter?, unwritten: (String) -> Void,
    collectVouchers: Bool, progress: ((Int) -> Void)? = nil
  ) throws -> [ProductionKey] {
    let reasons = RejectionReasons(ledger, month)
    var created: [ProductionKey] = []
    for i in 0..<month.count {
      if i & 0x3FFF == 0 { progress?(i) }
      let row = month.rows[i]
      let (outcome, needsVoucher) = try ledger.outcome(at: i, of: row, register: register)
      if needsVoucher && collectVouchers { created.append(row.key) }
      switch outcome {
      case .accepted(let v):
        writeEcho(row, i, month, to: accepted)
        writeAdded(v, to: accepted)
        try accepted.endRow()
      case .rejected(_, let why):
        if let rejected {
          writeEcho(row, i, month, to: rejected)
          rejected.text(reasons.reason(i, why))
          try rejected.endRow()
        } else {
          unwritten("\(month.place(i)): \(reasons.reason(i, why))")
        }
      }
    }
    return created
  }

  static func writeEcho(_ row: ProductionRow, _ i: Int, _ month: ProductionInput, to t: TableWriter) {
    t.text(row.ot.raw)
    t.text(row.code.raw)
    t.date(row.date)
    t.text(row.timeType.name)
    t.number(row.qty)
    for k in 0..<month.extraColumns.count {
      month.withExtra(i, k) { t.bytes($0) }
    }
  }

  static func writeAdded(_ v: ValidatedProduction, to t: TableWriter) {
    t.text(v.family.raw)
    t.text(v.annex.raw)
    t.text(v.description)
    t.text(v.unit)
    t.number(v.authorizedQty)
    t.number(v.cumulativeQty)
    t.number(v.remainingQty)
    t.bool(v.excess)
    t.number(v.excessQty)
    t.text(v.level.rawValue)
    t.number(v.unitPriceMXN, places: 2)
    t.number(v.unitPriceUSD, places: 2)
    t.number(v.amountMXN, places: 2)
    t.number(v.amountUSD, places: 2)
    t.text(v.billingStatus.name)
    t.bool(v.gpuRequired)
    if let s = v.gpuStatus { t.text(s.name) } else { t.empty() }
    if let s = v.supervisor { t.text(s) } else { t.empty() }
  }

  /// When the rows of a repeated key are in different files a line number alone is
  /// ambiguous: they are then named by file and line. (It depends on those rows
  /// alone, so a month split by family names them as the whole month does.)
  struct RejectionReasons {
    let month: ProductionInput
    var sameKey: [ProductionKey: [Int]] = [:]

    init(_ ledger: ExcessLedger, _ month: ProductionInput) {
      self.month = month
      if month.files.count > 1 {
        for (i, why) in ledger.rejections {
          if case .duplicateKey = why { sameKey[month.rows[i].key, default: []].append(i) }
        }
        sameKey = sameKey.filter { _, group in Set(group.map { month.place($0).file }).count > 1 }
      }
    }

    func reason(_ i: Int, _ why: ProductionRejection) -> String {
      guard case .duplicateKey = why, let group = sameKey[month.rows[i].key] else { return why.description }
      let others = group.sorted().filter { $0 != i }.map { place -> String in
        var p = month.place(place)
        p.column = 0
        return p.description
      }
      return "same OT, code, date and time type as \(others.joined(separator: ", "))"
    }
  }

  // MARK: - Vouchers

  public static let voucherColumns = Schemas.gpu.columns.map(\.name)

  /// The merged voucher register, by OT, code, date and time type; statuses by name.
  public static func write(
    _ register: VoucherRegister, adding created: [ProductionKey], createdOn date: LocalDate?, to t: TableWriter
  ) throws {
    try register.forEachMerged(adding: created, createdOn: date) { v in
      t.text(v.key.ot.raw)
      t.text(v.key.code.raw)
      t.date(v.key.date)
      t.text(v.key.timeType.name)
      t.text(v.status.name)
      if let url = v.evidenceURL { t.text(url) } else { t.empty() }
      t.date(v.updatedOn)
      try t.endRow()
    }
  }

  /// Why a history row was not counted.
  public static func describe(_ ignored: IgnoredHistory) -> String {
    let e = ignored.entry
    let why: String
    switch ignored.reason {
    case .unknownWorkOrder: why = "work order \(e.ot) is not in the work orders"
    case .notBefore(let month): why = "it is not before \(month), the first month of the production"
    }
    return "\(e.ot) \(e.code) on \(e.date) (\(e.timeType.name)) is not counted: \(why)"
  }
}
