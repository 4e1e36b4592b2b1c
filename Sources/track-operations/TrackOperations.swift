import ArgumentParser
import TallerCLI
import TallerCore
import TallerIO

extension EfficiencyConvention: ExpressibleByArgument {}

@main
struct TrackOperations: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "track-operations",
    abstract: "Time production orders' operations from scanned events: state, real against planned hours, stock moves of done orders, workcenter days.",
    discussion: """
      The shop floor of seed 003 (work orders and barcode events). Reads production \
      orders (order, product, qty, start_date; schedule-mrp's planned orders will do: \
      rows whose type is not production or task are skipped), the routings and \
      workcenters of schedule-mrp, optionally the catalogue (--products, --bom), and \
      EVENTS — one row per scan: order, workcenter, event, at, operator (standard \
      input when no file is given) — and writes one row per operation.

        track-operations --orders orders.csv --routings routings.csv \\
            --workcenters workcenters.csv --products products.csv --bom bom.csv \\
            --moves-out moves.csv --workcenters-out days.csv --rejects rejects.csv \\
            scans-2026-01-26.csv > operations.csv

      Operations. An order's operations are the steps of its routing (by seq, then \
      file order): the order's routing column, else its product's routing (with \
      --products), else the routing named as the product. Planned hours and cycles \
      are SPEC §5.4's, computed as schedule-mrp computes them (the same function): \
      runs r = qty ÷ the per of the product's first component line (1 without \
      --bom), cycles = ⌈r ÷ CA⌉ × cycles_per_unit, hours = hours_per_unit × ⌈r ÷ CA⌉ \
      + (TS + TN + cycles × TC) × ET (--efficiency percent as in schedule-mrp).

      Events. event is start, pause, restart, close or cancel; also the Spanish \
      iniciar/inicio, pausa/pausar, reiniciar/reanudar, cerrar/terminar, cancelar and \
      the seed's Russian Начало, Приостановка, Перезапуск, Завершение, Отмена (any \
      case, accents optional, "операции" optional). at is a date and time: \
      2026-01-26T08:05, 2026-01-26 08:05:30, 26/01/2026 8:05 (any date form of SPEC \
      §2; a date alone is midnight; a trailing Z is accepted, other zones are not: \
      the plant's clock has none). An event applies to the first operation of its \
      order's routing at its workcenter that is not closed or cancelled (so a routing \
      that visits a workcenter twice takes the second visit's events after the first \
      closes). Each operation's events are applied in time order whatever their file \
      order (the same moment: file order): draft -start-> running -pause-> paused \
      -restart-> running -close-> done; cancel from draft, running or paused. \
      Anything else is rejected with its reason: close, pause or restart before \
      start; start or restart while running; start or pause while paused; close \
      while paused (restart it first: OpenERP closes running work only); any event \
      after close or cancel; an unknown order; a workcenter not in the order's \
      routing; an unknown event name; an event after --as-of. A rejected event \
      changes nothing: the operation's time is computed from its valid events.

      Time. real_hours is the sum of the running intervals (start or restart to the \
      next pause, close or cancel); paused_hours the sum of pause to restart or \
      cancel. Without --as-of an interval still open at the end counts nothing; \
      with --as-of DATETIME it counts up to that moment. Hours are written rounded \
      half-up to 4 decimals from the exact seconds; variance_hours = real_hours − \
      planned_hours (positive: longer than planned).

      Main output (one row per operation, orders in file order, operations in \
      routing order): order, product, qty, seq, operation, workcenter, state (draft, \
      running, paused, done, cancelled), planned_cycles, planned_hours, real_hours, \
      variance_hours, paused_hours, started_at, finished_at, operators (those of its \
      accepted events, first seen first, |-separated), order_state. An order is \
      draft until its first start, running from then, done when every operation is \
      closed or cancelled and one at least closed (at the last close), cancelled \
      when all are cancelled; an order without operations (unknown product or \
      routing: a warning names its row) is unplanned. --orders-out FILE: one row per \
      order: order, product, qty, state, started_at, done_at, operations, \
      done_operations, planned_hours, real_hours, variance_hours.

      --moves-out FILE: the stock moves of each done order, in post-documents' \
      ledger columns: doc (the order), type MO, date (the day its last operation \
      closed), journey (empty), line 1, product, warehouse, qty (signed), source. \
      First the receipt of the product (+qty, source line), then its recipe's show \
      lines in pos order (source component): components consumed (−qty × line qty ÷ \
      per) and by-products received (+). Support and service products never move \
      stock. Quantities are rounded half-up to 2 decimals (SPEC §5.1). A line's \
      warehouse is the recipe line's, else the order's warehouse column. Needs \
      --products and --bom for the components (without them only the receipt).

      --workcenters-out FILE: per workcenter (file order) and day with time: \
      workcenter, name, date, available_hours (hours_per_day; empty without it), \
      productive_hours (running time that day; intervals are split at midnight), \
      paused_hours, utilization_pct (productive ÷ available × 100, 2 decimals).

      Rejected events go to --rejects FILE (order, workcenter, event, at, operator, \
      reason, source FILE:LINE), or each to standard error as FILE:LINE: reason.

      Exit status: 0 all events applied; 1 some events were rejected (every output \
      is still written, from the valid events); 64 usage; 65 malformed input (a cell \
      that is not a date and time, a repeated order id, …: nothing written); 66 an \
      input cannot be opened; 73 an output cannot be created; 74 a write failed. \
      Outputs are written all together or not at all. The same inputs give \
      byte-identical output, in any file order of the events.
      """,
    version: tallerVersion)

  @Option(help: ArgumentHelp("Production orders: order, product, qty, start_date, routing, warehouse.", valueName: "file"))
  var orders: [String] = []

  @Option(help: ArgumentHelp("Routings: routing, seq, operation, workcenter, cycles_per_unit, hours_per_unit.", valueName: "file"))
  var routings: [String] = []

  @Option(help: ArgumentHelp("Workcenters (SPEC §5.4).", valueName: "file"))
  var workcenters: [String] = []

  @OptionGroup(title: "Catalogue") var catalogue: CatalogueOptions

  @Argument(help: ArgumentHelp("Scanned events: order, workcenter, event, at, operator (default: standard input).", valueName: "events"))
  var events: [String] = []

  @Option(name: .customLong("as-of"), help: ArgumentHelp("Open intervals count up to this moment; later events are rejected.", valueName: "datetime"))
  var asOf: LocalDateTime?

  @Option(help: ArgumentHelp("How a workcenter's efficiency is read: factor or percent.", valueName: "convention"))
  var efficiency = EfficiencyConvention.factor

  @Option(name: .customLong("moves-out"), help: ArgumentHelp("Write the stock moves of done orders here.", valueName: "file"))
  var movesOut: String?

  @Option(name: .customLong("workcenters-out"), help: ArgumentHelp("Write hours per workcenter and day here.", valueName: "file"))
  var workcentersOut: String?

  @Option(name: .customLong("orders-out"), help: ArgumentHelp("Write one row per order here.", valueName: "file"))
  var ordersOut: String?

  @Option(help: ArgumentHelp("Write rejected events here (with the reason).", valueName: "file"))
  var rejects: String?

  @OptionGroup(title: "Input") var input: InputOptions
  @OptionGroup(title: "Output") var output: OutputOptions

  mutating func validate() throws {
    if orders.isEmpty { throw ValidationError("--orders FILE is required") }
    if routings.isEmpty || workcenters.isEmpty { throw ValidationError("--routings FILE and --workcenters FILE are required") }
    if catalogue.products.isEmpty != catalogue.bom.isEmpty { throw ValidationError("--products and --bom go together") }
    for side in [movesOut, workcentersOut, ordersOut, rejects] where side == "-" {
      throw ValidationError("--moves-out, --workcenters-out, --orders-out and --rejects take a file; standard output is for the operations")
    }
    let stdin = catalogue.standardInputs + (orders + routings + workcenters).filter { $0 == "-" }.count
      + (events.isEmpty ? 1 : events.filter { $0 == "-" }.count)
    if stdin > 1 { throw ValidationError("standard input (-) can be read only once") }
  }

  func run() throws {
    try CommandIO.run("track-operations", input: input, output: output) { io in
      let catalog = catalogue.isEmpty ? nil : try catalogue.catalog(io.reading, recipesRequired: false)
      let planning = PlanningReaders(io.reading)
      let centers = try planning.workcenters(Inputs.resolve(workcenters))
      let steps = try planning.routings(Inputs.resolve(routings))
      let shop = ShopFloorReaders(io.reading)
      let (orderRows, skipped) = try shop.orders(Inputs.resolve(orders))
      let scans = try shop.events(io.sources(events))
      try io.reading.check()
      if skipped > 0 {
        io.reporter.note("\(skipped) planned \(skipped == 1 ? "row is" : "rows are") not production (purchases, shipments): skipped", kind: "skipped")
      }
      let floor = ShopFloor.track(
        orders: orderRows, events: scans, catalog: catalog, workcenters: centers, routings: steps,
        settings: TrackingSettings(asOf: asOf, efficiency: efficiency))
      for f in floor.findings {
        io.reporter.warn(Warning(at: SourceLocation(file: f.file, line: f.line), f.message), kind: "finding")
      }
      let rejected = try rejects.map { path throws(OutputError) in try io.sideTable(path, columns: ShopFloorTables.rejectColumns) }
      let moves = try movesOut.map { path throws(OutputError) in try io.sideTable(path, columns: DocumentTables.ledgerColumns) }
      let days = try workcentersOut.map { path throws(OutputError) in
        try io.sideTable(path, columns: ShopFloorTables.workcenterColumns)
      }
      let orderTable = try ordersOut.map { path throws(OutputError) in try io.sideTable(path, columns: ShopFloorTables.orderColumns) }
      try ShopFloorTables.write(operations: floor, to: io.mainTable(columns: ShopFloorTables.operationColumns))
      if let moves {
        let done: [OrderMove]
        do throws(RecipeError) { done = try floor.moves(catalog: catalog) } catch { throw InputError(error) }
        try ShopFloorTables.write(moves: done, of: floor, to: moves)
      }
      if let days { try ShopFloorTables.write(workcenters: floor, to: days) }
      if let orderTable { try ShopFloorTables.write(orders: floor, to: orderTable) }
      if let rejected {
        try ShopFloorTables.write(rejections: floor, events: scans, to: rejected)
      } else {
        for r in floor.rejections {
          let e = scans[r.event]
          io.reporter.note("\(e.file):\(e.line): \(r.reason)", kind: "rejected")
        }
      }
      if !floor.rejections.isEmpty {
        let n = floor.rejections.count
        throw Refusal("\(n) of \(scans.count) events rejected\(rejects.map { "; see \($0)" } ?? "")")
      }
    }
  }
}
