/// One product of a journey's report (SPEC §6.4).
public struct JourneyRow: Sendable, Equatable {
  public var journey: String
  public var product: ProductCode
  /// Left stock for the journey: folio components moved out (a PD), and lines moved out.
  public var dispatched: Quantity = .zero
  /// Came back: lines entering by a type that does not settle (a PI), and folio
  /// components moved in.
  public var returned: Quantity = .zero
  /// dispatched − returned.
  public var consumed: Quantity { dispatched - returned }
  /// Entered by a type that settles (a PR): the journey's production.
  public var declared: Quantity = .zero
  /// What the recipes of the declared products call for: Σ declared × qty ÷ per
  /// over their shown component lines (support products excepted), 10 decimals.
  public var standard: Quantity = .zero

  /// standard ÷ consumed × 100, rounded half-up to 2 decimals; nil unless both
  /// are positive. Below 100: more was used than the recipe calls for.
  public var yieldPercent: Quantity? {
    guard standard.isPositive, consumed.isPositive else { return nil }
    guard let x = try? standard.multiplied(by: Quantity(100)), let y = try? x.divided(by: consumed, places: 2) else {
      return nil
    }
    return y
  }

  public init(journey: String, product: ProductCode) {
    self.journey = journey
    self.product = product
  }
}

extension Posting {
  /// Per journey and product: dispatched, returned, consumed, declared, standard
  /// and yield, by journey code then product code. Only movements of documents
  /// that name a journey count.
  public func journeyReport() -> [JourneyRow] {
    var index: [Int64: Int] = [:]
    var report: [JourneyRow] = []
    func row(_ j: Int32, _ p: Int) -> Int {
      let key = Int64(j) << 32 | Int64(p)
      if let k = index[key] { return k }
      index[key] = report.count
      report.append(JourneyRow(journey: rows.journeyCodes.codes[Int(j)], product: catalog.products[p].code))
      return report.count - 1
    }
    for m in movementRow.indices {
      let r = Int(movementRow[m])
      let j = rows.journey[r]
      guard j >= 0, let type = type(ofRow: r) else { continue }
      let p = Int(movementProduct[m])
      let q = movementQty[m]
      let k = row(j, p)
      if q.isNegative {
        report[k].dispatched -= q
      } else if movementIsComponent[m] || !type.settles {
        report[k].returned += q
      } else {
        report[k].declared += q
        try? catalog.forEachFolioLine(of: p, qty: q) { (e, s) throws(RecipeError) in
          let c = catalog.lineComponent[e]
          guard catalog.lineIsComponent[e], !catalog.isSupport[c], catalog.products[c].type != .service else { return }
          report[row(j, c)].standard += s
        }
      }
    }
    return report.sorted { a, b in a.journey != b.journey ? a.journey < b.journey : a.product < b.product }
  }

  /// Stock slots by product code, then warehouse code (none first).
  public func stockOrder() -> [Int] {
    let codes = warehouses.codes
    return stockProduct.indices.sorted { a, b in
      let pa = catalog.products[Int(stockProduct[a])].code
      let pb = catalog.products[Int(stockProduct[b])].code
      if pa != pb { return pa < pb }
      let wa = stockWarehouse[a]
      let wb = stockWarehouse[b]
      if wa < 0 || wb < 0 { return wa < wb && wa < 0 }
      return codes[Int(wa)] < codes[Int(wb)]
    }
  }
}
