extension Posting {
  /// Posts documents (SPEC §6, seed 002).
  ///
  /// Documents are posted in date order, then by document id, each line by its
  /// `line` number, whatever the order of the files: the same rows in any order
  /// give the same posting. On one date, a document comes after the documents of
  /// that date it relates (a PP and its PD written the same day). For each document:
  ///
  /// 1. Its type must be known; a type that needs a journey needs an open journey
  ///    that exists. Otherwise every row of the document is refused.
  /// 2. Each line: its product must be in the catalogue and its qty positive with
  ///    at most the unit's 2 decimals. The documents it names in `related` must
  ///    have been posted before it. A type that draws down (PD from PP, PR from PD)
  ///    draws the line's qty from the related documents' pending lines of the same
  ///    product, in their line order; more than is pending is refused.
  /// 3. Folio (types that use one, produced lines): the rows the file gives for the
  ///    line (a user's edit) as written; else the folios of the related lines it
  ///    draws from, in proportion to what it draws (qty × drawn ÷ related qty); else
  ///    the recipe, shown component lines (support lines travel, never move stock),
  ///    line qty × qty ÷ per. Folios keep 10 decimals; stock moves at 2. When the
  ///    folio's printed summary (same component and warehouse summed, support
  ///    excepted) has more lines than the type allows, the whole document is refused.
  /// 4. Stock: a raw, kit or produced line moves by the type's line action; a
  ///    produced line in a type with folio moves its folio's components by the
  ///    type's component action (never the components of its components); a
  ///    compound line never moves itself: its recipe's shown component lines move
  ///    instead, by the line action; support lines move nothing.
  /// 5. Pending: a type that settles leaves its lines and the related lines it drew
  ///    from with nothing pending; any other keeps its qty pending and lowers the
  ///    related lines by what it drew.
  /// 6. Average cost (PCPP) per product: an entering line of a raw, kit or
  ///    produced product moves the average by the type's cost rule; folio and
  ///    compound components never do; leaving stock never changes it.
  public static func post(
    _ rows: DocumentRows, catalog: RecipeCatalog, types: MovementTypes = MovementTypes(),
    journeys: JourneyTable = JourneyTable(), opening: OpeningStock = OpeningStock(),
    posted: PostedMovements = PostedMovements(), options: PostingOptions = PostingOptions()
  ) -> Posting {
    var engine = PostingEngine(
      rows, catalog: catalog, types: types, journeys: journeys, opening: opening, posted: posted,
      options: options)
    engine.open(opening)
    engine.apply(posted)
    engine.run()
    return engine.finish()
  }
}

/// The state of one posting run.
struct PostingEngine {
  var out: Posting
  let rows: DocumentRows
  let catalog: RecipeCatalog
  let types: [MovementType]
  let options: PostingOptions
  let n: Int
  /// Journey number (in the journeys table) of each document journey code; -1 unknown.
  let journeyOf: [Int32]
  let journeyOpen: [Bool]
  /// Catalogue warehouse id (1…) → number in `out.warehouses`.
  let catalogWarehouse: [Int32]
  let productType: [ProductType]
  /// Number in `out.warehouses` of each warehouse code of the posted movements.
  let postedWarehouse: [Int32]

  // Stock slots.
  let warehouseCount: Int
  var denseSlot: [Int32]
  var sparseSlot: [Int64: Int32] = [:]
  let dense: Bool

  // Average cost.
  var average: [Money]
  var totalStock: [Quantity]

  // Rows.
  var rejectedReason: [String?]
  /// Each document's main rows in line order: `mainRows[docRunStart[d] ..< docRunEnd[d]]`
  /// (documents in id order).
  var mainRows: [Int32] = []
  /// State of each document: 0 not met, 1 posted, 2 refused, 3 to post later.
  var docState: [UInt8]
  /// User folio rows of each main row: `userFolio[userFolioStart[r] ..< userFolioEnd[r]]`.
  var userFolio: [Int32] = []
  var userFolioStart: [Int32]
  var userFolioEnd: [Int32]
  /// Each posted main row's folio lines: `folioStart[r] ..< folioEnd[r]` in out.folio*.
  var folioStart: [Int32]
  var folioEnd: [Int32]
  var folioUnitCost: [Money] = []
  /// The document being posted: its accepted main rows, their draws
  /// (`draws[acceptedDraws[a] ..< acceptedDraws[a + 1]]` for `accepted[a]`).
  var accepted: [Int] = []
  var acceptedDraws: [Int] = []
  var draws: [Draw] = []

  init(
    _ rows: DocumentRows, catalog: RecipeCatalog, types: MovementTypes, journeys: JourneyTable,
    opening: OpeningStock, posted: PostedMovements, options: PostingOptions
  ) {
    self.rows = rows
    self.catalog = catalog
    self.types = types.types
    self.options = options
    n = rows.count
    var warehouses = rows.warehouseCodes
    catalogWarehouse = [-1] + catalog.warehouses.dropFirst().map { warehouses.number(of: $0!.raw) }
    for w in opening.warehouse { if let w { _ = warehouses.number(of: w) } }
    postedWarehouse = posted.warehouseCodes.codes.map { warehouses.number(of: $0) }
    let productOf = rows.productCodes.codes.map { catalog.productNumber(of: $0) ?? -1 }
    let typeOf = rows.typeCodes.codes.map { code in types.number(of: code).map(Int32.init) ?? -1 }
    journeyOf = rows.journeyCodes.codes.map { journeys.codes.existingNumber(of: $0) ?? -1 }
    journeyOpen = journeys.isOpen
    productType = catalog.products.map(\.type)
    var productOfRow = [Int32](repeating: -1, count: n)
    var typeOfRow = [Int32](repeating: -1, count: n)
    for i in 0..<n {
      productOfRow[i] = productOf[Int(rows.product[i])]
      typeOfRow[i] = rows.type[i] < 0 ? -1 : typeOf[Int(rows.type[i])]
    }
    out = Posting(
      rows: rows, types: types, catalog: catalog, warehouses: warehouses, productOfRow: productOfRow,
      typeOfRow: typeOfRow)
    warehouseCount = warehouses.count + 1
    let products = catalog.products.count
    dense = products * warehouseCount <= 1 << 24
    denseSlot = dense ? [Int32](repeating: -1, count: products * warehouseCount) : []
    average = catalog.unitCosts
    totalStock = [Quantity](repeating: .zero, count: products)
    rejectedReason = [String?](repeating: nil, count: n)
    docState = [UInt8](repeating: 0, count: rows.docCodes.count)
    userFolioStart = [Int32](repeating: 0, count: n)
    userFolioEnd = [Int32](repeating: 0, count: n)
    folioStart = [Int32](repeating: 0, count: n)
    folioEnd = [Int32](repeating: 0, count: n)
    out.pending = [Quantity](repeating: .zero, count: n)
    // A folio line or a movement per row and a few more: room once, not growth copies.
    out.movementRow.reserveCapacity(2 * n)
    out.movementProduct.reserveCapacity(2 * n)
    out.movementWarehouse.reserveCapacity(2 * n)
    out.movementQty.reserveCapacity(2 * n)
    out.movementIsComponent.reserveCapacity(2 * n)
    out.folioRow.reserveCapacity(3 * n)
    out.folioComponent.reserveCapacity(3 * n)
    out.folioQty.reserveCapacity(3 * n)
    out.folioStockQty.reserveCapacity(3 * n)
    out.folioWarehouse.reserveCapacity(3 * n)
    out.folioSource.reserveCapacity(3 * n)
    out.folioKind.reserveCapacity(3 * n)
    folioUnitCost.reserveCapacity(3 * n)
  }

  // MARK: - Opening stock

  mutating func open(_ opening: OpeningStock) {
    for i in opening.product.indices {
      guard let p = catalog.productNumber(of: opening.product[i].raw) else { continue }
      var w: Int32 = -1
      if let name = opening.warehouse[i] {
        guard let k = out.warehouses.existingNumber(of: name) else { continue }
        w = k
      }
      let q = opening.qty[i]
      if let c = opening.cost[i] { enterAverage(Int(p), qty: q, cost: c) }
      // Before every document: in all four stocks.
      add(q, to: slot(Int(p), w), priorPeriod: true, lastControl: true)
      totalStock[Int(p)] += q
    }
  }

  /// Movements posted before: into the four stocks by their dates (products not
  /// in the catalogue are left out: the reader reports them).
  mutating func apply(_ posted: PostedMovements) {
    let productOf = posted.productCodes.codes.map { catalog.productNumber(of: $0) ?? -1 }
    for i in 0..<posted.count {
      let p = Int(productOf[Int(posted.product[i])])
      if p < 0 { continue }
      let w = posted.warehouse[i] < 0 ? -1 : postedWarehouse[Int(posted.warehouse[i])]
      let q = posted.qty[i]
      add(q, to: slot(p, w), on: posted.date[i])
      totalStock[p] += q
    }
  }

  // MARK: - Order

  /// Ranks of codes in text order.
  static func ranks(_ codes: [String]) -> [Int32] {
    let order = codes.indices.sorted { codes[$0] < codes[$1] }
    var rank = [Int32](repeating: 0, count: codes.count)
    for (k, i) in order.enumerated() { rank[i] = Int32(k) }
    return rank
  }

  mutating func run() {
    let docRank = Self.ranks(rows.docCodes.codes)
    let docs = rows.docCodes.count
    // Main rows by document (in id order), then line, then input order.
    var main: [(UInt64, Int32)] = []
    var folioRows: [Int32] = []
    main.reserveCapacity(n)
    for i in 0..<n {
      if rows.isFolio[i] {
        folioRows.append(Int32(i))
      } else {
        let line = UInt64(UInt32(bitPattern: rows.line[i]))
        main.append((UInt64(docRank[Int(rows.doc[i])]) << 32 | line, Int32(i)))
      }
    }
    main.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    mainRows = main.map(\.1)
    main = []
    // Each document's run of main rows (runs follow id order; kept by document number).
    var count = [Int32](repeating: 0, count: docs + 1)
    for r in mainRows { count[Int(rows.doc[Int(r)]) + 1] += 1 }
    var byRank = [Int32](repeating: 0, count: docs)
    for d in 0..<docs { byRank[Int(docRank[d])] = Int32(d) }
    var runStart = [Int32](repeating: 0, count: docs)
    var at: Int32 = 0
    for k in 0..<docs {
      let d = Int(byRank[k])
      runStart[d] = at
      at += count[d + 1]
    }
    var runEnd = [Int32](repeating: 0, count: docs)
    for d in 0..<docs { runEnd[d] = runStart[d] + count[d + 1] }

    // User folio rows: attached to the main row of their document and line.
    let productRank = Self.ranks(rows.productCodes.codes)
    var attached: [(Int32, Int32, Int32)] = []  // (main row, component rank, folio row)
    for f in folioRows {
      let fi = Int(f)
      let d = Int(rows.doc[fi])
      var lo = Int(runStart[d])
      var hi = Int(runEnd[d])
      while lo < hi {
        let mid = (lo + hi) / 2
        if rows.line[Int(mainRows[mid])] < rows.line[fi] { lo = mid + 1 } else { hi = mid }
      }
      if lo < Int(runEnd[d]) && rows.line[Int(mainRows[lo])] == rows.line[fi] {
        attached.append((mainRows[lo], productRank[Int(rows.product[fi])], f))
      } else {
        reject(fi, "folio row for line \(rows.line[fi]), which document \(docCode(fi)) does not have")
      }
    }
    attached.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
    userFolio = attached.map(\.2)
    for (k, a) in attached.enumerated() {
      let r = Int(a.0)
      if userFolioEnd[r] == 0 { userFolioStart[r] = Int32(k) }
      userFolioEnd[r] = Int32(k + 1)
    }

    // Documents by date, then id.
    var order: [(Int, Int32, Int32)] = []  // (date, rank, doc)
    for d in 0..<docs where runEnd[d] > runStart[d] {
      let header = Int(mainRows[Int(runStart[d])])
      order.append((rows.date[header].dayNumber, docRank[d], Int32(d)))
      docState[d] = 3
    }
    order.sort { ($0.0, $0.1) < ($1.0, $1.1) }
    self.docRunStart = runStart
    self.docRunEnd = runEnd
    // Within a date, a document waits for the documents of that date it relates
    // (a PP and its PD written the same day); those that still wait when no other
    // can go are posted in id order (and refused for what they relate to).
    var k = 0
    var waiting: [Int32] = []
    while k < order.count {
      var end = k
      while end < order.count && order[end].0 == order[k].0 { end += 1 }
      waiting.removeAll(keepingCapacity: true)
      for i in k..<end { waiting.append(order[i].2) }
      while !waiting.isEmpty {
        var next: [Int32] = []
        for d in waiting {
          let header = Int(mainRows[Int(runStart[Int(d)])])
          let ready = rows.relatedDocs(header).allSatisfy { rd in
            rd == d || docState[Int(rd)] != 3 || rows.date[Int(mainRows[Int(runStart[Int(rd)])])] != rows.date[header]
          }
          if ready { post(document: Int(d)) } else { next.append(d) }
        }
        if next.count == waiting.count {
          for d in next { post(document: Int(d)) }
          next.removeAll()
        }
        waiting = next
      }
      k = end
    }
  }

  var docRunStart: [Int32] = []
  var docRunEnd: [Int32] = []

  func docCode(_ row: Int) -> String { rows.docCodes.codes[Int(rows.doc[row])] }

  mutating func reject(_ row: Int, _ reason: String) {
    if rejectedReason[row] == nil { rejectedReason[row] = reason }
  }

  /// Refuses a main row and the folio rows the user gave for it.
  mutating func rejectLine(_ r: Int, _ reason: String) {
    reject(r, reason)
    for k in Int(userFolioStart[r])..<Int(userFolioEnd[r]) {
      reject(Int(userFolio[k]), "its line \(rows.line[r]) was refused: \(reason)")
    }
    out.pending[r] = .zero
  }

  // MARK: - One document

  struct Draw {
    var row: Int32
    var amount: Quantity
    /// What was pending on the related line before: all of it is gone when the
    /// drawing type settles.
    var pendingBefore: Quantity
  }

  mutating func post(document d: Int) {
    let lo = Int(docRunStart[d])
    let hi = Int(docRunEnd[d])
    let header = Int(mainRows[lo])
    let code = rows.docCodes.codes[d]
    // 1. Type and journey.
    let t = Int(out.typeOfRow[header])
    var documentProblem: String? = nil
    if t < 0 {
      documentProblem = "unknown movement type \(rows.typeCodes.codes[Int(rows.type[header])]) of document \(code)"
    } else if types[t].needsJourney {
      let j = rows.journey[header]
      if j < 0 {
        documentProblem = "document \(code) (\(types[t].code)) needs a journey"
      } else if journeyOf[Int(j)] < 0 {
        documentProblem = "journey \(rows.journeyCodes.codes[Int(j)]) of document \(code) does not exist"
      } else if !journeyOpen[Int(journeyOf[Int(j)])] {
        documentProblem = "journey \(rows.journeyCodes.codes[Int(j)]) of document \(code) is closed"
      }
    }
    if let documentProblem {
      for k in lo..<hi { rejectLine(Int(mainRows[k]), documentProblem) }
      docState[d] = 2
      return
    }
    let type = types[t]
    let date = rows.date[header]
    let headerRelated = rows.relatedDocs(header)

    // 2–3. Lines, draws and folios (tentative until the folio limit is checked).
    accepted.removeAll(keepingCapacity: true)
    acceptedDraws.removeAll(keepingCapacity: true)
    draws.removeAll(keepingCapacity: true)
    let folioMark = out.folioRow.count
    for k in lo..<hi {
      let r = Int(mainRows[k])
      if rejectedReason[r] != nil { continue }
      if k > lo {
        if rows.type[r] != rows.type[header] || rows.date[r] != date || rows.journey[r] != rows.journey[header]
          || !rows.relatedDocs(r).elementsEqual(headerRelated)
        {
          rejectLine(r, "type, date, journey or related differ from line \(rows.line[header]) of document \(code)")
          continue
        }
        let previous = Int(mainRows[k - 1])
        if rows.line[r] == rows.line[previous] {
          let first = rows.files.isEmpty ? "" : "\(rows.files[Int(rows.file[previous])]):\(rows.sourceLine[previous])"
          rejectLine(r, "line \(rows.line[r]) of document \(code) is given twice (first at \(first))")
          continue
        }
      }
      let p = Int(out.productOfRow[r])
      let qty = rows.qty[r]
      if p < 0 {
        rejectLine(r, "unknown product \(rows.productCodes.codes[Int(rows.product[r])])")
        continue
      }
      if !qty.isPositive {
        rejectLine(r, "qty \(qty) must be positive")
        continue
      }
      if qty.fractionDigits > options.stockPlaces {
        rejectLine(r, "qty \(qty) has more than \(options.stockPlaces) decimals (document units keep \(options.stockPlaces))")
        continue
      }
      // Related documents.
      let drawFrom = draws.count
      var problem: String? = nil
      for rd in headerRelated {
        let name = rows.docCodes.codes[Int(rd)]
        switch docState[Int(rd)] {
        case 0: problem = "related document \(name) does not exist"
        case 2: problem = "related document \(name) was refused"
        case 3: problem = Int(rd) == d ? "document \(name) relates to itself" : "related document \(name) is posted after \(code) (date order)"
        default:
          if case .drawsDown(let from) = type.related {
            let rh = Int(mainRows[Int(docRunStart[Int(rd)])])
            let relatedType = out.typeOfRow[rh] < 0 ? "?" : types[Int(out.typeOfRow[rh])].code
            if !from.contains(relatedType) {
              problem = "\(type.code) draws from \(from.joined(separator: "|")); related document \(name) is a \(relatedType)"
            }
          }
        }
        if problem != nil { break }
      }
      if problem == nil, case .drawsDown = type.related, !headerRelated.isEmpty {
        var available = Quantity.zero
        for rd in headerRelated {
          for m in Int(docRunStart[Int(rd)])..<Int(docRunEnd[Int(rd)]) {
            let rr = Int(mainRows[m])
            if out.productOfRow[rr] == Int32(p) && rejectedReason[rr] == nil { available += out.pending[rr] }
          }
        }
        if qty > available {
          problem =
            "draws \(qty) of \(catalog.products[p].code.raw) but only \(available) \(available == .zero ? "is" : "are") pending on \(headerRelated.map { rows.docCodes.codes[Int($0)] }.joined(separator: "|"))"
        } else {
          var left = qty
          for rd in headerRelated where left.isPositive {
            for m in Int(docRunStart[Int(rd)])..<Int(docRunEnd[Int(rd)]) where left.isPositive {
              let rr = Int(mainRows[m])
              guard out.productOfRow[rr] == Int32(p), rejectedReason[rr] == nil, out.pending[rr].isPositive else { continue }
              let a = min(left, out.pending[rr])
              draws.append(Draw(row: Int32(rr), amount: a, pendingBefore: out.pending[rr]))
              out.pending[rr] -= a
              left -= a
            }
          }
        }
      }
      if let problem {
        rejectLine(r, problem)
        continue
      }
      // Folio.
      let hasUserFolio = userFolioEnd[r] > userFolioStart[r]
      let folioFrom = out.folioRow.count
      if hasUserFolio && !(type.usesFolio && productType[p] == .produced) {
        let why = type.usesFolio ? "\(catalog.products[p].code.raw) is not a produced product" : "type \(type.code) has no component folio"
        for u in Int(userFolioStart[r])..<Int(userFolioEnd[r]) { reject(Int(userFolio[u]), "folio row refused: \(why)") }
      } else if type.usesFolio && productType[p] == .produced {
        if !loadFolio(r, product: p, draws: draws[drawFrom...], user: hasUserFolio) {
          trimFolio(to: folioFrom)
          undoDraws(from: drawFrom)
          rejectLine(r, "a quantity of its folio is beyond the exact range")
          continue
        }
      }
      folioStart[r] = Int32(folioFrom)
      folioEnd[r] = Int32(out.folioRow.count)
      accepted.append(r)
      acceptedDraws.append(drawFrom)
    }
    acceptedDraws.append(draws.count)

    // The type's folio limit, on the printed summary.
    if out.folioRow.count - folioMark > type.maxFolioLines {
      var keys = Set<Int64>()
      for f in folioMark..<out.folioRow.count where out.folioKind[f] == .component || out.folioKind[f] == .service {
        keys.insert(Int64(out.folioComponent[f]) << 32 | Int64(out.folioWarehouse[f] + 1))
      }
      if keys.count > type.maxFolioLines {
        trimFolio(to: folioMark)
        undoDraws(from: 0)
        let reason = "document \(code) has \(keys.count) folio lines; type \(type.code) allows \(type.maxFolioLines)"
        for k in lo..<hi where rejectedReason[Int(mainRows[k])] == nil { rejectLine(Int(mainRows[k]), reason) }
        docState[d] = 2
        return
      }
    }
    if accepted.isEmpty {
      docState[d] = 2
      return
    }
    docState[d] = 1

    // 4–6. Pending, stock, cost.
    for (a, r) in accepted.enumerated() {
      let p = Int(out.productOfRow[r])
      let qty = rows.qty[r]
      out.postedLines.append(Int32(r))
      if type.settles {
        out.pending[r] = .zero
        for dr in draws[acceptedDraws[a]..<acceptedDraws[a + 1]] { out.pending[Int(dr.row)] = .zero }
      } else {
        out.pending[r] = qty
      }
      let w = rows.warehouse[r]
      let line = type.lineAction.rawValue
      switch productType[p] {
      case .support, .service:
        break
      case .compound:
        if line != 0 { moveCompound(r, product: p, action: type.lineAction, date: date) }
      case .raw, .kit, .produced:
        if line != 0 {
          var unitCost: Money? = nil
          if type.lineAction == .in && options.recordCosts {
            switch type.cost {
            case .none: unitCost = nil
            case .given: unitCost = rows.hasCost[r] ? rows.cost[r] : nil
            case .components: unitCost = componentCost(
                r, product: p, draws: draws[acceptedDraws[a]..<acceptedDraws[a + 1]], settles: type.settles)
            }
          }
          move(r, product: p, warehouse: w, qty: line > 0 ? qty : -qty, component: false, date: date, cost: unitCost)
        }
        if productType[p] == .produced && type.usesFolio && type.componentAction != .none {
          for f in Int(folioStart[r])..<Int(folioEnd[r]) where out.folioKind[f] == .component {
            let q = out.folioStockQty[f]
            if q.isZero { continue }
            let c = Int(out.folioComponent[f])
            if options.recordCosts { folioUnitCost[f] = average[c] }
            move(
              r, product: c, warehouse: out.folioWarehouse[f], qty: type.componentAction == .in ? q : -q,
              component: true, date: date, cost: nil)
          }
        }
      }
    }
  }

  /// The folio kind of a component line of product c: support and service
  /// products travel without moving stock.
  @inline(__always)
  func kind(of c: Int) -> FolioLineKind {
    catalog.isSupport[c] ? .support : productType[c] == .service ? .service : .component
  }

  /// Gives back what the document's draws from `from` on took.
  mutating func undoDraws(from: Int) {
    for dr in draws[from...].reversed() { out.pending[Int(dr.row)] = dr.pendingBefore }
    draws.removeSubrange(from...)
  }

  mutating func trimFolio(to count: Int) {
    out.folioRow.removeSubrange(count...)
    out.folioComponent.removeSubrange(count...)
    out.folioQty.removeSubrange(count...)
    out.folioStockQty.removeSubrange(count...)
    out.folioWarehouse.removeSubrange(count...)
    out.folioSource.removeSubrange(count...)
    out.folioKind.removeSubrange(count...)
    folioUnitCost.removeSubrange(count...)
  }

  mutating func appendFolio(
    _ r: Int, component c: Int32, qty: Quantity, warehouse w: Int32, source: FolioSource, kind: FolioLineKind
  ) {
    out.folioRow.append(Int32(r))
    out.folioComponent.append(c)
    out.folioQty.append(qty)
    out.folioStockQty.append(qty.rounded(toPlaces: options.stockPlaces))
    out.folioWarehouse.append(w)
    out.folioSource.append(source)
    out.folioKind.append(kind)
    folioUnitCost.append(.zero)
  }

  /// Loads the folio of main row r (false on overflow).
  mutating func loadFolio(_ r: Int, product p: Int, draws: ArraySlice<Draw>, user: Bool) -> Bool {
    if user {
      for u in Int(userFolioStart[r])..<Int(userFolioEnd[r]) {
        let f = Int(userFolio[u])
        let c = out.productOfRow[f]
        if c < 0 {
          reject(f, "unknown product \(rows.productCodes.codes[Int(rows.product[f])]) in the folio of line \(rows.line[r])")
          continue
        }
        if !rows.qty[f].isPositive {
          reject(f, "folio qty \(rows.qty[f]) must be positive")
          continue
        }
        let w = rows.warehouse[f] >= 0 ? rows.warehouse[f] : rows.warehouse[r]
        appendFolio(r, component: c, qty: rows.qty[f], warehouse: w, source: .edited, kind: kind(of: Int(c)))
      }
      return true
    }
    var fromRelated = false
    for dr in draws where folioEnd[Int(dr.row)] > folioStart[Int(dr.row)] {
      fromRelated = true
      let rr = Int(dr.row)
      let whole = rows.qty[rr]
      for f in Int(folioStart[rr])..<Int(folioEnd[rr]) {
        guard let q = try? out.folioQty[f].scaled(by: dr.amount, per: whole) else { return false }
        appendFolio(
          r, component: out.folioComponent[f], qty: q, warehouse: out.folioWarehouse[f], source: .related,
          kind: out.folioKind[f])
      }
    }
    if fromRelated { return true }
    let catalog = self.catalog
    do {
      try catalog.forEachFolioLine(of: p, qty: rows.qty[r]) { (e, q) throws(RecipeError) in
        let c = catalog.lineComponent[e]
        let cw = catalog.warehouse(ofLine: e)
        appendFolio(
          r, component: Int32(c), qty: q, warehouse: cw == 0 ? rows.warehouse[r] : catalogWarehouse[cw],
          source: .recipe, kind: catalog.lineIsComponent[e] ? kind(of: c) : .byproduct)
      }
    } catch {
      return false
    }
    return true
  }

  /// A compound line moves its recipe's shown components, never itself.
  mutating func moveCompound(_ r: Int, product p: Int, action: StockAction, date: LocalDate) {
    // Its recipe's shown component lines, as a folio would load them (by-products
    // and support lines move nothing).
    var moves: [(component: Int, qty: Quantity, warehouse: Int32)] = []
    let catalog = self.catalog
    try? catalog.forEachFolioLine(of: p, qty: rows.qty[r]) { (e, q) throws(RecipeError) in
      let c = catalog.lineComponent[e]
      guard catalog.lineIsComponent[e], kind(of: c) == .component else { return }
      let cw = catalog.warehouse(ofLine: e)
      moves.append((c, q.rounded(toPlaces: options.stockPlaces), cw == 0 ? rows.warehouse[r] : catalogWarehouse[cw]))
    }
    for m in moves where !m.qty.isZero {
      move(r, product: m.component, warehouse: m.warehouse, qty: action == .in ? m.qty : -m.qty, component: true, date: date, cost: nil)
    }
  }

  /// The unit cost of a production record line: what the components its related
  /// dispatch lines moved cost when they moved, in proportion to what it draws (to
  /// all that was pending when it settles: what was dispatched and not declared
  /// was consumed all the same); without such a line, its recipe's shown
  /// components at their current averages.
  func componentCost(_ r: Int, product p: Int, draws: ArraySlice<Draw>, settles: Bool) -> Money? {
    var total = Money.zero
    var found = false
    for dr in draws where folioEnd[Int(dr.row)] > folioStart[Int(dr.row)] {
      found = true
      let rr = Int(dr.row)
      for f in Int(folioStart[rr])..<Int(folioEnd[rr]) where out.folioKind[f] == .component {
        guard let part = try? out.folioStockQty[f].scaled(by: settles ? dr.pendingBefore : dr.amount, per: rows.qty[rr]),
          let value = try? part.multiplied(by: folioUnitCost[f])
        else { return nil }
        total += value
      }
    }
    if !found {
      var overflow = false
      try? catalog.forEachFolioLine(of: p, qty: rows.qty[r]) { (e, q) throws(RecipeError) in
        let c = catalog.lineComponent[e]
        guard catalog.lineIsComponent[e], kind(of: c) == .component else { return }
        if let value = try? q.multiplied(by: average[c]) { total += value } else { overflow = true }
      }
      if overflow { return nil }
    }
    return try? total.divided(by: rows.qty[r])
  }

  // MARK: - Stock

  mutating func slot(_ p: Int, _ w: Int32) -> Int {
    if dense {
      let k = p * warehouseCount + Int(w + 1)
      if denseSlot[k] >= 0 { return Int(denseSlot[k]) }
      denseSlot[k] = Int32(out.stockProduct.count)
    } else {
      let key = Int64(p) << 32 | Int64(w + 1)
      if let s = sparseSlot[key] { return Int(s) }
      sparseSlot[key] = Int32(out.stockProduct.count)
    }
    out.stockProduct.append(Int32(p))
    out.stockWarehouse.append(w)
    out.physical.append(.zero)
    out.documented.append(.zero)
    out.priorPeriod.append(.zero)
    out.lastControl.append(.zero)
    return out.stockProduct.count - 1
  }

  /// A movement dated `date` into slot s: physical and documented always, prior
  /// period before --period-start, last control on or before --last-control.
  @inline(__always)
  mutating func add(_ q: Quantity, to s: Int, on date: LocalDate) {
    add(
      q, to: s, priorPeriod: options.periodStart.map { date < $0 } ?? false,
      lastControl: options.lastControl.map { date <= $0 } ?? false)
  }

  @inline(__always)
  mutating func add(_ q: Quantity, to s: Int, priorPeriod: Bool, lastControl: Bool) {
    out.physical[s] += q
    out.documented[s] += q
    if priorPeriod { out.priorPeriod[s] += q }
    if lastControl { out.lastControl[s] += q }
  }

  mutating func enterAverage(_ p: Int, qty q: Quantity, cost c: Money) {
    let before = totalStock[p]
    if !before.isPositive {
      average[p] = c
      return
    }
    guard let held = try? before.multiplied(by: average[p]), let added = try? q.multiplied(by: c),
      let avg = try? (held + added).divided(by: before + q)
    else { return }
    average[p] = avg
  }

  mutating func move(
    _ r: Int, product p: Int, warehouse w: Int32, qty q: Quantity, component: Bool, date: LocalDate, cost: Money?
  ) {
    add(q, to: slot(p, w), on: date)
    out.movementRow.append(Int32(r))
    out.movementProduct.append(Int32(p))
    out.movementWarehouse.append(w)
    out.movementQty.append(q)
    out.movementIsComponent.append(component)
    if options.recordCosts {
      // The average moves with what enters before the stock does.
      let unit = cost ?? average[p]
      if !component && q.isPositive, let cost { enterAverage(p, qty: q, cost: cost) }
      totalStock[p] += q
      out.movementUnitCost.append(unit)
      out.movementAverage.append(average[p])
      out.movementStockAfter.append(totalStock[p])
    } else {
      totalStock[p] += q
    }
  }

  // MARK: - End

  func finish() -> Posting {
    var result = out
    var refused: [DocumentRejection] = []
    for i in 0..<n { if let reason = rejectedReason[i] { refused.append(DocumentRejection(row: i, reason: reason)) } }
    refused.sort { a, b in
      let fa = rows.file[a.row]
      let fb = rows.file[b.row]
      if fa != fb { return fa < fb }
      return rows.sourceLine[a.row] != rows.sourceLine[b.row] ? rows.sourceLine[a.row] < rows.sourceLine[b.row] : a.row < b.row
    }
    result.rejected = refused
    result.averageCost = average
    return result
  }
}
