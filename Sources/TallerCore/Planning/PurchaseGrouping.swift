extension MaterialPlan {
  /// Merges the purchases of the same product (so the same supplier) placed in
  /// the same period into one (`--group-purchases week|month`; the source lists
  /// one purchase per requirement, as seed 003 does for BOIS002).
  ///
  /// Only purchases made to order are merged (`rule` "to order"): a stock
  /// product's purchases are already sized by its rule. The merged purchase keeps
  /// the first one's id and row place, sums the quantities and the explanation
  /// (gross, stock and receipts used, net), is placed on the earliest placement
  /// day and due on the earliest due day (so every requirement it serves is met),
  /// and is pegged to every requirement it serves (`pegged_to`, `demand`,
  /// `parent_order` list them, `|`-separated). The period is the placement day's.
  public mutating func groupPurchases(by period: LoadPeriod) {
    leader = [Int32](repeating: -1, count: count)
    var groupOf: [Int64: Int32] = [:]
    for i in 0..<count where type[i] == .purchase && !netted[i] {
      let key = Int64(product[i]) << 32 | Int64(UInt32(truncatingIfNeeded: period.bounds(of: start[i]).start.dayNumber))
      guard let l = groupOf[key] else {
        groupOf[key] = Int32(i)
        continue
      }
      let k = Int(l)
      leader[i] = l
      members[l, default: []].append(Int32(i))
      qty[k] += qty[i]
      gross[k] += gross[i]
      stockUsed[k] += stockUsed[i]
      receiptsUsed[k] += receiptsUsed[i]
      net[k] += net[i]
      if start[i] < start[k] { start[k] = start[i] }
      if due[i] < due[k] { due[k] = due[i] }
    }
  }

  /// False for a purchase merged into another (`groupPurchases`): its row is its leader's.
  public func isListed(_ i: Int) -> Bool { leader.isEmpty || leader[i] < 0 }

  /// The order whose row shows order i (itself, or the purchase it was merged into).
  public func listed(_ i: Int) -> Int { leader.isEmpty || leader[i] < 0 ? i : Int(leader[i]) }

  /// Order i and the orders merged into it.
  public func group(_ i: Int) -> [Int] { [i] + (members[Int32(i)] ?? []).map(Int.init) }
}
