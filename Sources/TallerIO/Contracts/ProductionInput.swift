import TallerCore

/// Production rows read from long files and month grids, with what is needed to
/// echo them: where each came from and the columns the command does not know.
///
/// Rows are in input order: file by file, line by line; a grid row gives one row
/// per filled day cell, in day order (a blank cell is no row, a `0` is a row of 0).
public final class ProductionInput {
  public private(set) var rows: [ProductionRow] = []
  /// The input names, as the user gave them; `origins` point into it.
  public private(set) var files: [String] = []
  /// Per row: its file and the column of its quantity cell (1-based).
  private var origins: [Origin] = []
  /// Columns of the inputs that are neither read nor recomputed, passed through
  /// after the canonical columns: the union over the files, in first-seen order.
  public private(set) var extraColumns: [String] = []
  /// Per row, `extraColumns.count` fields, back to back (empty when no extras).
  private var extraBytes: [UInt8] = []
  private var extraEnds: [Int] = []

  /// Work orders and concepts, each text made a String once (the one code table).
  private var otCodes = CodeTable()
  private var conceptCodes = CodeTable()

  /// `--family`: rows of the other families are skipped as they are read (each
  /// checked once per OT); `skipped` counts them.
  private var selection: FamilySelection?
  private var selected: [Int8] = []  // per OT number: 0 not yet looked up, 1 kept, 2 skipped
  public private(set) var skipped = 0

  private func keeps(_ ot: OTCode) -> Bool { selection?.contains(ot) ?? true }

  private func keeps(number: Int32, _ ot: @autoclosure () -> OTCode) -> Bool {
    guard selection != nil else { return true }
    let n = Int(number)
    if n >= selected.count { selected.append(contentsOf: repeatElement(0, count: n + 1 - selected.count)) }
    if selected[n] == 0 { selected[n] = keeps(ot()) ? 1 : 2 }
    return selected[n] == 1
  }

  struct Origin {
    var file: Int32
    var column: Int32
  }

  public init() {}

  public var count: Int { rows.count }

  /// `file:line:column` of row `i`.
  public func place(_ i: Int) -> SourceLocation {
    let o = origins[i]
    return SourceLocation(file: files[Int(o.file)], line: rows[i].line, column: Int(o.column))
  }

  /// Calls `body` with the bytes of pass-through field `k` of row `i`.
  public func withExtra<R>(_ i: Int, _ k: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    let n = extraColumns.count
    let end = extraEnds[i * n + k]
    let start = i * n + k == 0 ? 0 : extraEnds[i * n + k - 1]
    return try extraBytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
  }

  /// Reads production files (long or grid), appending to the rows.
  ///
  /// - Parameter passThrough: keep unknown columns for echoing; columns named like
  ///   `dropped` (what the command writes itself) are never kept.
  /// - Parameter only: keep only the rows of these families (`--family`); the others
  ///   are skipped before their other cells are read (a malformed cell in them is not
  ///   reported: it is another part's).
  public func read(
    _ sources: [InputSource], with reading: TableReading, passThrough: Bool, dropped: Set<String> = [],
    only: FamilySelection? = nil, progress: ((Int) -> Void)? = nil
  ) throws(InputError) {
    selection = only
    selected = []
    // Columns named in `dropped` (what the command writes itself) are known columns,
    // read by no one: `--strict` accepts them, so a validated file validates again.
    let recomputed = dropped.sorted().map { Column($0, .text) }
    let long = Schema("production", Schemas.production.columns + recomputed)
    // In the grid they go before the day columns, which must stay last (`isGrid`).
    let gridColumns = Schemas.productionGrid.columns
    let firstDay = Schemas.productionGrid.position(of: "1")
    let grid = Schema("production grid", Array(gridColumns[..<firstDay]) + recomputed + gridColumns[firstDay...])
    let sniff = Schema("production", long.columns + grid.columns.filter { long.column(for: $0.name) == nil })
    let droppedKeys = Set(dropped.map(HeaderName.normalize))

    // Open every input first: the pass-through columns are the union of their
    // headers, known before the first row is stored.
    var tables: [(table: BoundTable, isGrid: Bool, extras: [Int])] = []
    var extraIndex: [String: Int] = [:]
    for source in sources {
      guard let reader = try reading.openReader(source, sniff: sniff) else { continue }
      let isGrid = ContractReaders.isGrid(reader.header, long: long, grid: grid)
      guard let t = reading.bind(reader, isGrid ? grid : long) else { continue }
      var extras: [Int] = []
      if passThrough {
        for f in t.extraFields {
          let name = reader.header[f]
          let key = HeaderName.normalize(name)
          if droppedKeys.contains(key) { continue }
          if extraIndex[key] == nil {
            extraIndex[key] = extraColumns.count
            extraColumns.append(name)
          }
          extras.append(f)
        }
      }
      tables.append((t, isGrid, extras))
    }

    for (t, isGrid, extras) in tables {
      let fileIndex = Int32(self.files.count)
      self.files.append(t.reader.name)
      // Where each extra field of this file goes among `extraColumns`.
      var slot = [Int?](repeating: nil, count: extraColumns.count)
      for f in extras {
        if let k = extraIndex[HeaderName.normalize(t.reader.header[f])] { slot[k] = f }
      }
      if isGrid {
        try readGrid(t, reading, file: fileIndex, slot: slot, progress: progress)
      } else {
        try readLong(t, reading, file: fileIndex, slot: slot, progress: progress)
      }
    }
  }

  private func storeExtras(_ r: Record, slot: [Int?]) {
    guard !slot.isEmpty else { return }
    r.bytes.withUnsafeBufferPointer { all in
      for f in slot {
        if let f, f < r.count {
          extraBytes.append(contentsOf: UnsafeBufferPointer(rebasing: all[r.start(f)..<r.ends[f]]))
        }
        extraEnds.append(extraBytes.count)
      }
    }
  }

  private func readLong(
    _ t: BoundTable, _ reading: TableReading, file: Int32, slot: [Int?], progress: ((Int) -> Void)?
  ) throws(InputError) {
    let s = t.schema
    let c = (ot: s.position(of: "ot"), code: s.position(of: "code"), date: s.position(of: "date"),
             timeType: s.position(of: "time_type"), qty: s.position(of: "qty"))
    guard let fOT = t.fieldOf[c.ot], let fCode = t.fieldOf[c.code], let fDate = t.fieldOf[c.date],
      let fQty = t.fieldOf[c.qty]
    else { preconditionFailure("binding checks the required production columns") }
    let fTime = t.fieldOf[c.timeType]
    let style = NumberStyle(convention: t.numberConvention)
    let monthFirst = t.monthFirst
    let origin = Origin(file: file, column: 0)  // a long row is named by its line alone
    var recentOT = CodeTable.Recent()
    var recentCode = CodeTable.Recent()
    let r = Record()
    while try reading.next(t.reader, into: r) {
      var skip = false
      // The fast path reads the five cells from the record's bytes at once; any
      // cell it does not take as it is (blank, malformed, an unusual time type)
      // goes to the checked path below, which reads it again and names the problem.
      let fast: ProductionRow? = r.bytes.withUnsafeBufferPointer { all in
        r.ends.withUnsafeBufferPointer { ends in
          @inline(__always) func field(_ f: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: all[(f == 0 ? 0 : ends[f - 1])..<ends[f]])
          }
          let otBytes = ASCIISpaces.trimmed(field(fOT))
          if selection != nil && !otBytes.isEmpty {
            let n = otCodes.number(utf8: otBytes, recent: &recentOT)
            if !keeps(number: n, OTCode(otCodes.codes[Int(n)])) {
              skip = true
              return nil
            }
          }
          let codeBytes = ASCIISpaces.trimmed(field(fCode))
          guard !otBytes.isEmpty, !codeBytes.isEmpty,
            let date = try? LocalDate.parse(utf8: field(fDate), monthFirst: monthFirst),
            let qty = try? ExactDecimal.parse(utf8: field(fQty), style: style)
          else { return nil }
          var timeType = TimeType.cma
          if let fTime {
            let b = field(fTime)
            if b.count == 2 && b[0] == 0x54 && b[1] == 0x45 {
              timeType = .te
            } else if !(b.isEmpty || (b.count == 3 && b[0] == 0x43 && b[1] == 0x4D && b[2] == 0x41)) {
              return nil
            }
          }
          let otNumber = otCodes.number(utf8: otBytes, recent: &recentOT)
          let codeNumber = conceptCodes.number(utf8: codeBytes, recent: &recentCode)
          let ot = OTCode(otCodes.codes[Int(otNumber)])
          let code = ConceptCode(conceptCodes.codes[Int(codeNumber)])
          return ProductionRow(ot: ot, code: code, date: date, timeType: timeType, qty: qty, line: r.line)
        }
      }
      if skip {
        skipped += 1
        continue
      }
      if let fast {
        rows.append(fast)
      } else {
        if r.isBlankRow { continue }
        do {
          let ot = OTCode(try t.requiredCode(r, c.ot))
          if !keeps(ot) {
            skipped += 1
            continue
          }
          let code = ConceptCode(try t.requiredCode(r, c.code))
          let date = try t.requiredDate(r, c.date)
          let timeType = try t.timeType(r, c.timeType)
          let qty = try t.requiredDecimal(r, c.qty)
          rows.append(ProductionRow(ot: ot, code: code, date: date, timeType: timeType, qty: qty, line: r.line))
        } catch {
          if error.kind != .malformed { throw error }
          reading.add(error)
          continue
        }
      }
      origins.append(origin)
      storeExtras(r, slot: slot)
      if rows.count & 0x3FFF == 0 { progress?(rows.count) }
    }
  }

  private func readGrid(
    _ t: BoundTable, _ reading: TableReading, file: Int32, slot: [Int?], progress: ((Int) -> Void)?
  ) throws(InputError) {
    let s = t.schema
    let c = (ot: s.position(of: "ot"), code: s.position(of: "code"), timeType: s.position(of: "time_type"))
    let firstDay = t.dayColumn(1)
    var index = 0
    try reading.forEachRecord(t) { (r) throws(InputError) in
      let ot = OTCode(try t.requiredCode(r, c.ot))
      if !keeps(ot) {
        skipped += 1
        return
      }
      let code = ConceptCode(try t.requiredCode(r, c.code))
      let timeType = try t.timeType(r, c.timeType)
      let month = try t.month(r)
      var cells: [Int: Quantity] = [:]
      for day in 1...31 {
        if let q = try t.decimal(r, firstDay + day - 1) { cells[day] = q }
      }
      let grid = ProductionGridRow(ot: ot, code: code, timeType: timeType, month: month, cells: cells, line: r.line)
      let (expanded, findings) = grid.rows(index: index)
      if let f = findings.first { throw InputError(at: t.place(r, firstDay + f.day - 1), f.description) }
      for row in expanded {
        rows.append(row)
        let day = row.date.day
        origins.append(Origin(file: file, column: Int32((t.fieldOf[firstDay + day - 1] ?? -1) + 1)))
        storeExtras(r, slot: slot)
      }
      index += 1
      progress?(rows.count)
    }
  }
}
