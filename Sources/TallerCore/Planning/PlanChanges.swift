/// A planned order of an earlier plan (the previous night's `planned.csv`).
public struct PreviousOrder: Sendable, Equatable {
  public var id: String
  public var type: String
  public var product: ProductCode
  public var qty: Quantity
  public var start: LocalDate
  public var due: LocalDate
  public var demand: String
  public var parent: String
  public var gross: Quantity?
  public var stockUsed: Quantity?
  public var receiptsUsed: Quantity?

  public init(
    id: String, type: String = "", product: ProductCode, qty: Quantity, start: LocalDate, due: LocalDate,
    demand: String = "", parent: String = "", gross: Quantity? = nil, stockUsed: Quantity? = nil,
    receiptsUsed: Quantity? = nil
  ) {
    self.id = id
    self.type = type
    self.product = product
    self.qty = qty
    self.start = start
    self.due = due
    self.demand = demand
    self.parent = parent
    self.gross = gross
    self.stockUsed = stockUsed
    self.receiptsUsed = receiptsUsed
  }
}

/// What changed in an order since the previous plan (`--changes`).
public enum PlanChangeKind: String, Sendable, CaseIterable {
  case added, removed, requantified, redated
  /// Both the quantity and a date changed.
  case requantifiedAndRedated = "requantified and redated"
}

public struct PlanChange: Sendable, Equatable {
  public var kind: PlanChangeKind
  public var order: String
  public var type: String
  public var product: ProductCode
  public var oldQty: Quantity?
  public var qty: Quantity?
  public var oldStart: LocalDate?
  public var start: LocalDate?
  public var oldDue: LocalDate?
  public var due: LocalDate?
  public var cause: String
}

extension MaterialPlan {
  /// The orders added, removed, re-quantified or re-dated since `previous`, matched
  /// by id (ids are stable: DEMAND/PRODUCT/k), each with its cause: a new or gone
  /// demand, a demand whose quantity or date changed, a parent order that changed,
  /// was added or removed, a requirement that changed, or stock and receipts that
  /// cover a different part of it. Unchanged orders are not listed. Rows: this
  /// plan's order for added and changed orders, then the removed ones in the
  /// previous file's order.
  public func changes(since previous: [PreviousOrder]) -> [PlanChange] {
    var previousIDs = CodeTable(capacity: previous.count)
    var previousRow: [Int] = []
    for (k, o) in previous.enumerated() where Int(previousIDs.number(of: o.id)) == previousRow.count {
      previousRow.append(k)
    }
    var previousDemands = CodeTable()
    for o in previous where !o.demand.isEmpty {
      for d in o.demand.split(separator: "|") { _ = previousDemands.number(of: String(d)) }
    }
    var currentDemands = CodeTable(capacity: demands.count)
    for d in demands { _ = currentDemands.number(of: d.id) }

    // This plan's listed orders: their ids, their match in the previous plan.
    let listedOrders = (0..<count).filter(isListed)
    var ids = CodeTable(capacity: listedOrders.count)
    var match = [Int](repeating: -1, count: count)
    var status = [UInt8](repeating: 0, count: count)  // 0 same, 1 added, 2 changed
    for i in listedOrders {
      let id = self.id(i)
      _ = ids.number(of: id)
      guard let k = previousIDs.existingNumber(of: id) else {
        status[i] = 1
        continue
      }
      let p = previous[previousRow[Int(k)]]
      match[i] = previousRow[Int(k)]
      if p.qty != qty[i] || p.start != start[i] || p.due != due[i] { status[i] = 2 }
    }

    var out: [PlanChange] = []
    for i in listedOrders where status[i] != 0 {
      let code = productCode(i)
      let demandID = demands[Int(demand[i])].id
      let parentOrder = parent[i] >= 0 ? listed(Int(parent[i])) : -1
      if status[i] == 1 {
        let cause: String
        if previousDemands.existingNumber(of: demandID) == nil {
          cause = "new demand \(demandID)"
        } else if parentOrder >= 0 && status[parentOrder] == 1 {
          cause = "its parent \(id(parentOrder)) is new"
        } else if parentOrder >= 0 && status[parentOrder] == 2 {
          cause = "its parent \(id(parentOrder)) changed"
        } else if netted[i] {
          cause = "stock and receipts no longer cover the requirement of \(gross[i]) (stock used \(stockUsed[i]), receipts used \(receiptsUsed[i]))"
        } else {
          cause = "a new requirement of \(gross[i]) on \(due[i])"
        }
        out.append(
          PlanChange(
            kind: .added, order: id(i), type: type[i].name, product: code, oldQty: nil, qty: qty[i], oldStart: nil,
            start: start[i], oldDue: nil, due: due[i], cause: cause))
        continue
      }
      let p = previous[match[i]]
      let requantified = p.qty != qty[i]
      let redated = p.start != start[i] || p.due != due[i]
      let kind: PlanChangeKind = requantified && redated ? .requantifiedAndRedated : requantified ? .requantified : .redated
      var cause: String
      if parentOrder >= 0 && status[parentOrder] != 0 {
        cause = "its parent \(id(parentOrder)) \(status[parentOrder] == 1 ? "is new" : "changed")"
      } else if parentOrder < 0 && !netted[i] {
        cause = "demand \(demandID) changed"
      } else if let g = p.gross, g != gross[i] {
        cause = "the requirement changed from \(g) to \(gross[i])"
      } else if let s = p.stockUsed, let r = p.receiptsUsed, s != stockUsed[i] || r != receiptsUsed[i] {
        cause = "stock used \(s) → \(stockUsed[i]), receipts used \(r) → \(receiptsUsed[i])"
      } else {
        cause = "lead times, rules or the due date changed"
      }
      out.append(
        PlanChange(
          kind: kind, order: id(i), type: type[i].name, product: code, oldQty: p.qty, qty: qty[i], oldStart: p.start,
          start: start[i], oldDue: p.due, due: due[i], cause: cause))
    }
    for (k, p) in previous.enumerated() where ids.existingNumber(of: p.id) == nil {
      guard previousIDs.existingNumber(of: p.id).map({ previousRow[Int($0)] == k }) ?? false else { continue }
      let demandsGone = p.demand.split(separator: "|").filter { currentDemands.existingNumber(of: String($0)) == nil }
      let cause: String
      if !p.demand.isEmpty && demandsGone.count == p.demand.split(separator: "|").count {
        cause = "demand \(p.demand) is gone"
      } else if !p.parent.isEmpty && ids.existingNumber(of: p.parent) == nil {
        cause = "its parent \(p.parent) is gone"
      } else {
        cause = "no longer needed (stock, receipts or a parent's quantity cover it)"
      }
      out.append(
        PlanChange(
          kind: .removed, order: p.id, type: p.type, product: p.product, oldQty: p.qty, qty: nil, oldStart: p.start,
          start: nil, oldDue: p.due, due: nil, cause: cause))
    }
    return out
  }
}
