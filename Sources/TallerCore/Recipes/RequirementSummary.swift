/// Gross requirement of one component in one warehouse.
public struct SummaryRow: Sendable, Equatable {
  public var component: ProductCode
  public var warehouse: Warehouse?
  public var unit: String
  public var qty: Quantity
  /// qty × the component's rolled-up unit cost (nil for by-products).
  public var cost: Money?
}

/// The printed list of inputs of a set of orders (SPEC §5.2 `--summary`).
public struct RequirementSummary: Sendable, Equatable {
  /// Per component and warehouse, by component code then warehouse (none first):
  /// the sum of the shown component rows of the explosion, support products
  /// never summed. Intermediate products are listed too (1 ARM100 needs 2 PANLAT).
  public var requirements: [SummaryRow]
  /// By-products the orders yield, per product and warehouse (outputs).
  public var byproducts: [SummaryRow]
  /// Orders refused: unknown product, negative quantity.
  public var rejected: [RecipeFinding]
}

extension RecipeCatalog {
  /// Sums what the orders need per component and warehouse, without enumerating
  /// paths: time linear in the size of the catalogue, however much the recipes share.
  ///
  /// Products are processed by low-level code (the deepest level at which they
  /// occur), so when a product's turn comes every parent has already pushed its
  /// gross quantity into it; its total per warehouse is then pushed down its own
  /// lines once (`qty × line qty ÷ per`, rounded half-up at the tenth once per
  /// push). A diamond A → B → D, A → C → D sums D over both paths. With no
  /// rounding this equals adding up the explosion's shown rows; when a level needs
  /// more than 10 decimals the summary rounds the sum once where the explosion
  /// rounds each path, and the two may differ in the tenth decimal.
  ///
  /// With `levels`, requirements more than `levels` deep are left out, walked
  /// level by level (each level pushes what the one above it reached).
  public func summarize(_ orders: [OrderLine], levels: Int? = nil) throws(RecipeError)
    -> RequirementSummary
  {
    let (accepted, rejected) = accept(orders)
    var warehouseIndex = self.warehouseIndex
    var warehouses = self.warehouses
    func warehouseID(_ w: Warehouse?) -> Int {
      guard let w else { return 0 }
      if let id = warehouseIndex[w] { return id }
      warehouseIndex[w] = warehouses.count
      warehouses.append(w)
      return warehouses.count - 1
    }
    let n = products.count
    var required = Sums(count: n)
    var outputs = Sums(count: n)

    /// Pushes q units of p, taken in warehouse w, one level down into `next`
    /// (what must itself be pushed further).
    func push(_ p: Int, _ w: Int, _ q: Quantity, into next: inout Sums) throws(RecipeError) {
      for e in recipeStart[p]..<recipeStart[p + 1] where lineShow[e] {
        let c = lineComponent[e]
        let own = warehouse(ofLine: e)
        let wc = own != 0 ? own : w
        let cq = try quantity(q, line: e)
        guard lineIsComponent[e] else {
          outputs.add(c, wc, cq)
          continue
        }
        if !isSupport[c] { required.add(c, wc, cq) }
        if hasLines[c] { next.add(c, wc, cq) }
      }
    }

    if let levels {
      var frontier = Sums(count: n)
      for (o, p) in accepted {
        frontier.add(p, warehouseID(orders[o].warehouse), orders[o].qty)
      }
      var level = 0
      while level < levels && !frontier.isEmpty {
        var next = Sums(count: n)
        for p in frontier.listed { try push(p, 0, frontier.plain[p], into: &next) }
        for (p, byWarehouse) in frontier.other {
          for (w, q) in byWarehouse { try push(p, w, q, into: &next) }
        }
        frontier = next
        level += 1
      }
    } else {
      // Gross quantity waiting to be pushed, per product and warehouse.
      var pending = Sums(count: n)
      for (o, p) in accepted where hasLines[p] {
        pending.add(p, warehouseID(orders[o].warehouse), orders[o].qty)
      }
      for k in 0..<(levelStart.count - 1) {
        for p in levelProducts[levelStart[k]..<levelStart[k + 1]] {
          if pending.has[p] {
            pending.has[p] = false
            try push(p, 0, pending.plain[p], into: &pending)
          }
          if !pending.other.isEmpty, let byWarehouse = pending.other.removeValue(forKey: p) {
            for (w, q) in byWarehouse { try push(p, w, q, into: &pending) }
          }
        }
      }
    }

    func rows(_ sums: Sums, costed: Bool) throws(RecipeError) -> [SummaryRow] {
      var out: [SummaryRow] = []
      out.reserveCapacity(sums.listed.count + sums.other.count)
      func row(_ p: Int, _ w: Int, _ q: Quantity) throws(RecipeError) {
        var cost: Money? = nil
        if costed {
          do {
            cost = try q.multiplied(by: unitCosts[p])
          } catch {
            throw .overflow(
              parent: products[p].code, component: products[p].code, file: "", line: 0)
          }
        }
        out.append(
          SummaryRow(
            component: products[p].code, warehouse: warehouses[w], unit: products[p].unit, qty: q,
            cost: cost))
      }
      for p in sums.listed { try row(p, 0, sums.plain[p]) }
      for (p, byWarehouse) in sums.other {
        for (w, q) in byWarehouse { try row(p, w, q) }
      }
      out.sort { a, b in
        a.component != b.component
          ? a.component < b.component : warehouseOrder(a.warehouse, b.warehouse)
      }
      return out
    }
    return RequirementSummary(
      requirements: try rows(required, costed: true), byproducts: try rows(outputs, costed: false),
      rejected: rejected)
  }
}

/// Quantities per product and warehouse. Warehouse 0 ("none", nearly every line)
/// lives in arrays indexed by product; named warehouses in a dictionary.
struct Sums {
  /// The warehouse-0 quantity of each product, valid where `has` is true.
  var plain: [Quantity]
  var has: [Bool]
  /// Products that received a warehouse-0 quantity, in order of first arrival.
  var listed: [Int] = []
  /// Product → warehouse (≠ 0) → quantity.
  var other: [Int: [Int: Quantity]] = [:]

  init(count: Int) {
    plain = [Quantity](repeating: .zero, count: count)
    has = [Bool](repeating: false, count: count)
  }

  var isEmpty: Bool { listed.isEmpty && other.isEmpty }

  @inline(__always)
  mutating func add(_ p: Int, _ w: Int, _ q: Quantity) {
    if w == 0 {
      if has[p] {
        plain[p] += q
      } else {
        // In the low-level-code walk a product is taken out (`has` false) only
        // when every parent has pushed into it, so it never comes back: each
        // product is listed once.
        has[p] = true
        plain[p] = q
        listed.append(p)
      }
    } else {
      other[p, default: [:]][w, default: .zero] += q
    }
  }
}
