/// A line of a document's component sheet (folio de componentes, SPEC §6.2).
public struct FolioLine: Sendable, Equatable {
  /// Position of the document line in the list given.
  public var order: Int
  /// The document line's id.
  public var demand: String
  public var parent: ProductCode
  public var component: ProductCode
  /// document line qty × recipe qty ÷ per, kept to 10 decimals (the sheet's digits).
  public var qty: Quantity
  /// `qty` rounded half-up to the document unit's 2 decimals: what moves stock.
  public var stockQty: Quantity
  public var unit: String
  /// The recipe line's warehouse, else the document line's.
  public var warehouse: Warehouse?
  /// The line's pos (its ordinal place in the recipe when it has none).
  public var pos: Int
  public var note: String
  /// By-products are outputs: they move with the same action as their line.
  public var kind: RecipeLineKind
  public var isSupport: Bool
  public var bomFile: String
  public var bomLine: Int
}

/// One line of a sheet's printed summary: a code and warehouse.
public struct FolioSummaryRow: Sendable, Equatable {
  public var component: ProductCode
  public var warehouse: Warehouse?
  public var unit: String
  /// Sum of the sheet quantities (10 decimals).
  public var qty: Quantity
  /// Sum of the lines' stock quantities: what the warehouse hands out.
  public var stockQty: Quantity
}

/// A document's component sheet and its printed summary.
public struct ComponentFolio: Sendable, Equatable {
  /// Document line by document line, each recipe by pos.
  public var lines: [FolioLine]
  /// The printed list: component lines of the same code and warehouse summed into
  /// one, support products excepted, in order of first appearance.
  public var summary: [FolioSummaryRow]
  /// Document lines refused: unknown product, negative quantity.
  public var rejected: [RecipeFinding]
}

extension RecipeCatalog {
  /// The component sheet of document lines (SPEC §6.2, seed 002).
  ///
  /// Each line's recipe is loaded one level only (a document never touches the
  /// components of its components), shown lines only (labour and machine hours
  /// stay out), `line qty × recipe qty ÷ per` with the line's warehouse when the
  /// recipe line names none. The sheet keeps 10 decimals; what moves stock is
  /// rounded half-up to `stockPlaces` (the document unit's 2 decimals). A product
  /// without a recipe loads nothing.
  public func componentFolio(for lines: [OrderLine], stockPlaces: Int = 2) throws(RecipeError)
    -> ComponentFolio
  {
    let (accepted, rejected) = accept(lines)
    var folio: [FolioLine] = []
    struct Key: Hashable {
      var component: ProductCode
      var warehouse: Warehouse?
    }
    var summaryIndex: [Key: Int] = [:]
    var summary: [FolioSummaryRow] = []
    for (o, p) in accepted {
      let docLine = lines[o]
      try forEachFolioLine(of: p, qty: docLine.qty) { (e, qty) throws(RecipeError) in
        let l = line(e)
        let c = lineComponent[e]
        let stockQty = qty.rounded(toPlaces: stockPlaces)
        let warehouse = l.warehouse ?? docLine.warehouse
        let isSupport = self.isSupport[c]
        folio.append(
          FolioLine(
            order: o, demand: docLine.id, parent: l.parent, component: l.component, qty: qty,
            stockQty: stockQty, unit: products[c].unit, warehouse: warehouse,
            pos: l.pos ?? (e - recipeStart[p] + 1), note: l.note, kind: l.kind,
            isSupport: isSupport,
            bomFile: l.file, bomLine: l.line))
        guard l.kind == .component, !isSupport else { return }
        let key = Key(component: l.component, warehouse: warehouse)
        if let i = summaryIndex[key] {
          summary[i].qty += qty
          summary[i].stockQty += stockQty
        } else {
          summaryIndex[key] = summary.count
          summary.append(
            FolioSummaryRow(
              component: l.component, warehouse: warehouse, unit: products[c].unit, qty: qty,
              stockQty: stockQty))
        }
      }
    }
    return ComponentFolio(lines: folio, summary: summary, rejected: rejected)
  }
}

extension RecipeCatalog {
  /// The lines a document line of product p loads onto its folio (SPEC §6.2): its
  /// recipe's shown lines, by pos, one level only, each `qty × line qty ÷ per`
  /// rounded once at the tenth. The one rule of explode-bom's sheet and of
  /// post-documents' folios: `body` gets the recipe position and the quantity.
  @inline(__always)
  func forEachFolioLine(
    of p: Int, qty: Quantity, _ body: (_ position: Int, _ qty: Quantity) throws(RecipeError) -> Void
  ) throws(RecipeError) {
    for e in recipeStart[p]..<recipeStart[p + 1] where lineShow[e] {
      try body(e, try quantity(qty, line: e))
    }
  }
}
