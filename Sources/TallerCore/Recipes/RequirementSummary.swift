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
    struct Slot: Hashable {
      var product: Int
      var warehouse: Int
    }
    var required: [Slot: Quantity] = [:]
    var outputs: [Slot: Quantity] = [:]

    /// Pushes q units of p, taken in warehouse w, one level down; `next` receives
    /// what must itself be pushed further.
    func push(_ p: Int, _ w: Int, _ q: Quantity, into next: (Int, Int, Quantity) -> Void)
      throws(RecipeError)
    {
      for e in recipeStart[p]..<recipeStart[p + 1] {
        let line = recipeLines[e]
        guard line.show else { continue }
        let c = lineComponent[e]
        let wc = lineWarehouse[e] != 0 ? lineWarehouse[e] : w
        let cq = try quantity(q, line: e)
        if line.kind == .byproduct {
          outputs[Slot(product: c, warehouse: wc), default: .zero] += cq
          continue
        }
        if products[c].type != .support {
          required[Slot(product: c, warehouse: wc), default: .zero] += cq
        }
        if hasLines[c] { next(c, wc, cq) }
      }
    }

    if let levels {
      var frontier: [Slot: Quantity] = [:]
      for (o, p) in accepted {
        frontier[Slot(product: p, warehouse: warehouseID(orders[o].warehouse)), default: .zero] +=
          orders[o].qty
      }
      var level = 0
      while level < levels && !frontier.isEmpty {
        var next: [Slot: Quantity] = [:]
        for (slot, q) in frontier {
          try push(slot.product, slot.warehouse, q) { c, w, cq in
            next[Slot(product: c, warehouse: w), default: .zero] += cq
          }
        }
        frontier = next
        level += 1
      }
    } else {
      // Gross quantity waiting to be pushed, per product and warehouse.
      var pending = [[Int: Quantity]](repeating: [:], count: products.count)
      for (o, p) in accepted where hasLines[p] {
        pending[p][warehouseID(orders[o].warehouse), default: .zero] += orders[o].qty
      }
      for k in 0..<(levelStart.count - 1) {
        for p in levelProducts[levelStart[k]..<levelStart[k + 1]] where !pending[p].isEmpty {
          let gross = pending[p]
          pending[p] = [:]
          for (w, q) in gross {
            try push(p, w, q) { c, wc, cq in pending[c][wc, default: .zero] += cq }
          }
        }
      }
    }

    func rows(_ sums: [Slot: Quantity], costed: Bool) throws(RecipeError) -> [SummaryRow] {
      var out: [SummaryRow] = []
      out.reserveCapacity(sums.count)
      for (slot, q) in sums {
        var cost: Money? = nil
        if costed {
          do {
            cost = try q.multiplied(by: unitCosts[slot.product])
          } catch {
            throw .overflow(
              parent: products[slot.product].code, component: products[slot.product].code, file: "",
              line: 0)
          }
        }
        out.append(
          SummaryRow(
            component: products[slot.product].code, warehouse: warehouses[slot.warehouse],
            unit: products[slot.product].unit, qty: q, cost: cost))
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
