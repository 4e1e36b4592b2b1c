import ArgumentParser
import TallerCLI
import TallerCore
import TallerIO

extension LoadPeriod: ExpressibleByArgument {}
extension EfficiencyConvention: ExpressibleByArgument {}

@main
struct ScheduleMRP: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schedule-mrp",
    abstract: "Plan production, purchases and subcontracting for demands: pegged, explained planned orders, exceptions and workcenter load.",
    discussion: """
      The planner's nightly MRP (OpenERP's rules, seed 003). Reads the catalogue \
      (--products, --bom: the files of explode-bom, checked the same way), stock on \
      hand, open receipts, workcenters and routings, and DEMANDS (id, product, qty, \
      order_date, due_date; standard input when no file is given), and writes one row \
      per planned order.

        schedule-mrp --products products.csv --bom bom.csv --stock stock.csv \\
            --receipts receipts.csv --workcenters wc.csv --routings routings.csv \\
            --as-of 2026-01-01 --exceptions exceptions.csv --load load.csv demand.csv > planned.csv

      Dates (calendar days). A demand is delivered on its due_date; when that is \
      empty, on order_date + the product's customer_lead_days − --security-days (the \
      security days are not taken off an explicit due_date). An order is due on the \
      day its requirement is needed. Production starts production_lead_days + \
      --production-lead earlier, and its components are needed on its start day. A \
      purchase is placed supplier_lead_days + --purchase-lead earlier. A subcontract \
      order starts supplier_lead_days + --purchase-lead before it is due (the \
      supplier's lead is the link's lead time); its components are shipped to the \
      supplier on that start day. Seed 003: 1 ARM100 ordered on January 1 (customer \
      lead 30, production lead 5; PANLAT lead 10; BOIS002 supplier lead 5) is \
      delivered Jan 31, ARM100 starts Jan 26, PANLAT Jan 16, BOIS002 is bought Jan 21 \
      (0.25, for ARM100) and Jan 11 (0.17, for PANLAT).

      --calendar FILE (an option the source system never had): rows of a weekday \
      (weekday 1–7 from Monday, or mon…sun, lunes…domingo) or of a date, each with \
      working (true/false; blank false). Weekdays not listed work; a dated row is a \
      holiday, or with working true a working day off the pattern. With it every \
      lead counts working days: an order starts N working days before its due day \
      (due on a day off, it starts N working days before the working day before it; \
      lead 0: that working day), a delivery is the order date + the customer lead in \
      working days − the security days in working days, and a workcenter's capacity \
      is hours_per_day × the period's working days.

      Netting. Products are planned level by level — each after every product whose \
      recipe names it as a component or a by-product — so each is planned once with \
      all its gross requirements, taken in date order (the same date: in the order \
      they arose). procure order products get one planned order per requirement, the \
      requirement's quantity, pegged to it: stock and receipts are not used. procure \
      stock products use their on-hand stock first (all warehouses summed; a negative \
      total counts as 0), then the open receipts and the by-products of planned orders \
      that arrive on or before the requirement's day (later ones do not cover it). \
      When the projected stock after a requirement falls below min_qty, the product's \
      rule orders what brings it back to max_qty (to min_qty when there is no max or \
      the max is lower; min_qty 0 is lot-for-lot), rounded up to a multiple of \
      lot_multiple; what the order brings beyond the shortage stays in stock for the \
      later requirements. A shortage so covered is a temporary exception. A stock \
      product short with no rule (no min_qty; a max_qty alone is no rule) gets no \
      order and a to correct exception for each short requirement, with the \
      shortage; the next requirement starts again from empty stock. An empty procure \
      is stock when the product has a min_qty, order otherwise. Services (type \
      service) are never stocked: one order per requirement, like procure order. An \
      empty supply is produce when the product has component lines, buy otherwise.

      Requirements. An order of q units of a product whose recipe line is written \
      for per units needs q × qty ÷ per of the component (rounded once at the tenth \
      decimal). Lines with show false (labour, machine hours) and support products \
      are left out; by-product lines are receipts of the by-product, dated on the \
      order's due day. A produce product without component lines still gets its \
      orders (with a no recipe defined exception); a buy or subcontract product \
      without supplier too (no supplier exception). A produced service is a task (a \
      production order for work, never stocked).

      Planned orders (main output): order, type (production, purchase, subcontract, \
      shipment, task), product, qty, start_date, due_date, pegged_to (the parent \
      order, or the demand for a demand's own product), supplier, workcenter_hours, \
      demand, parent_order, level (the planning level, 0 for products nobody needs), \
      then the arithmetic: gross (the requirement served), stock_used, receipts_used, \
      net (gross − stock_used − receipts_used), rule (to order, or the min/max rule \
      that sized it: min N max M) and lot_multiple. A shipment row (type shipment) is \
      a component sent to a subcontractor: product the component, start_date = \
      due_date = the subcontract's start, supplier the subcontractor, pegged to the \
      subcontract order. Ids are stable: DEMAND/PRODUCT/k is the k-th order of PRODUCT \
      serving DEMAND; SUBCONTRACT/ship/k its k-th shipment. Rows: products by level, \
      then catalogue order, each product's orders by requirement date; shipments follow \
      their subcontract order.

      --group-purchases week|month merges the purchases of a product (so of its \
      supplier) placed in the same week (Monday to Sunday) or month into one: only \
      purchases to order (a stock product's are sized by its rule); the first one's \
      id and place, the quantities and gross, stock_used, receipts_used and net \
      summed, placed on the earliest placement day and due on the earliest due day; \
      pegged_to, demand and parent_order list every requirement served, \
      |-separated. Without it, one purchase per requirement, as the source system.

      --previous LAST_NIGHT.csv --changes FILE: what changed since the previous plan \
      (schedule-mrp's own output, matched by order id): change (added, removed, \
      requantified, redated, requantified and redated), order, type, product, \
      old_qty, qty, old_start_date, start_date, old_due_date, due_date, cause. The \
      cause: a new or gone demand, a demand whose quantity or date changed, a parent \
      order that is new, changed or gone, a requirement that changed (gross), stock \
      and receipts covering a different part of it (stock_used, receipts_used), or \
      else lead times, rules or due dates. Unchanged orders are not listed. Rows: \
      this plan's order for added and changed orders, then the removed ones in the \
      previous file's order.

      Exceptions (--exceptions FILE; on standard error as a count otherwise): kind, \
      product, demand, order, date, qty, message, source (FILE:LINE of an input row). \
      Kinds: no recipe defined, no supplier (once per product with requirements), \
      temporary, to correct (per short requirement), late (an order that should start \
      before --as-of; its dates are kept; without --as-of nothing is late), unknown \
      product (a demand, stock or receipt row), negative qty (a demand; a demand of \
      qty 0 asks for nothing), unknown routing, unknown workcenter, by-product not \
      counted (a by-product yielded after its own product was planned, only possible \
      when by-products make the recipes circular). --strict (the input option, which \
      also rejects unknown columns): status 1 when any exception is to correct or \
      late (the outputs are still written).

      Workcenters (SPEC §5.4). An order of q units runs its recipe r = q ÷ per times \
      (per of its first component line; 1 without one). Per operation of the \
      product's routing: cycles = ⌈r ÷ CA⌉ × cycles_per_unit, hours = hours_per_unit \
      × ⌈r ÷ CA⌉ + (TS + TN + cycles × TC) × ET (ET a factor, default 1). \
      --efficiency percent reads ET as a percent (default 100) dividing only the cycle \
      hours: hours_per_unit × ⌈r ÷ CA⌉ + TS + TN + cycles × TC ÷ (ET ÷ 100). Blank CA \
      is 1, blank TC, TS, TN, hours_per_unit 0, blank cycles_per_unit 1. \
      workcenter_hours sums the product's operations (production and tasks only). \
      --load FILE: per workcenter and --period (day, week from Monday, month): \
      workcenter, name, period (2026-01-26, 2026-W05, 2026-01), start, end, hours, \
      cycles, capacity_hours (hours_per_day × the period's calendar days; empty \
      without hours_per_day), load_pct, overloaded (hours > capacity). An order's \
      hours fall on its start day. Rows by workcenter in file order, then period.

      Checks. The catalogue is checked as explode-bom checks it (status 65, every \
      problem at once, FILE:LINE:COLUMN), except that a produced product without a \
      recipe is a warning here (it becomes the exception). A demand needs a due_date \
      or an order_date; a repeated demand id or workcenter id is an error.

      Outputs (the main one on standard output or -o, --exceptions, --load) are \
      written all together or not at all, as CSV, JSON or NDJSON (side files take \
      their format from their extension). The same inputs give byte-identical output.

      Exit status: 0 planned; 1 --strict and an exception to correct or late; 64 \
      usage; 65 malformed input (nothing written); 66 an input cannot be opened; 73 \
      an output cannot be created; 74 a write failed.
      """,
    version: tallerVersion)

  @OptionGroup(title: "Catalogue") var catalogue: CatalogueOptions

  @Option(help: ArgumentHelp("Stock on hand: product, warehouse, on_hand.", valueName: "file"))
  var stock: [String] = []

  @Option(help: ArgumentHelp("Open receipts: product, qty, date.", valueName: "file"))
  var receipts: [String] = []

  @Option(help: ArgumentHelp("Workcenters (SPEC §5.4).", valueName: "file"))
  var workcenters: [String] = []

  @Option(help: ArgumentHelp("Routings: routing, seq, operation, workcenter, cycles_per_unit, hours_per_unit.", valueName: "file"))
  var routings: [String] = []

  @Argument(help: ArgumentHelp("Demands: id, product, qty, order_date, due_date (default: standard input).", valueName: "demands"))
  var demands: [String] = []

  @Option(name: .customLong("as-of"), help: ArgumentHelp("Orders starting before this day are late.", valueName: "date"))
  var asOf: LocalDate?

  @Option(name: .customLong("security-days"), help: ArgumentHelp("Company security days taken off computed deliveries.", valueName: "n"))
  var securityDays = 0

  @Option(name: .customLong("purchase-lead"), help: ArgumentHelp("Company purchase lead days.", valueName: "n"))
  var purchaseLead = 0

  @Option(name: .customLong("production-lead"), help: ArgumentHelp("Company production lead days.", valueName: "n"))
  var productionLead = 0

  @Option(help: ArgumentHelp("Working days: weekday and date rows with working true/false; leads then count working days.", valueName: "file"))
  var calendar: [String] = []

  @Option(help: ArgumentHelp("How a workcenter's efficiency is read: factor or percent.", valueName: "convention"))
  var efficiency = EfficiencyConvention.factor

  @Option(help: ArgumentHelp("Write the exceptions here.", valueName: "file"))
  var exceptions: String?

  @Option(help: ArgumentHelp("Write the workcenter load here.", valueName: "file"))
  var load: String?

  @Option(help: ArgumentHelp("Period of the load: day, week or month.", valueName: "period"))
  var period = LoadPeriod.week

  @Option(help: ArgumentHelp("The previous plan (last night's planned orders), for --changes.", valueName: "file"))
  var previous: [String] = []

  @Option(help: ArgumentHelp("Write what changed since --previous here.", valueName: "file"))
  var changes: String?

  @Option(name: .customLong("group-purchases"), help: ArgumentHelp("Merge a product's purchases placed in the same week or month.", valueName: "period"))
  var groupPurchases: LoadPeriod?

  @OptionGroup(title: "Input") var input: InputOptions
  @OptionGroup(title: "Output") var output: OutputOptions

  mutating func validate() throws {
    try catalogue.require(bom: true)
    if securityDays < 0 || purchaseLead < 0 || productionLead < 0 {
      throw ValidationError("--security-days, --purchase-lead and --production-lead must be 0 or more")
    }
    if routings.isEmpty != workcenters.isEmpty {
      throw ValidationError("--workcenters and --routings go together")
    }
    if load != nil && workcenters.isEmpty { throw ValidationError("--load needs --workcenters and --routings") }
    if previous.isEmpty != (changes == nil) { throw ValidationError("--previous and --changes go together") }
    if groupPurchases == .day { throw ValidationError("--group-purchases takes week or month") }
    let stdin = catalogue.standardInputs + (stock + receipts + workcenters + routings + calendar + previous).filter { $0 == "-" }.count
      + (demands.isEmpty ? 1 : demands.filter { $0 == "-" }.count)
    if stdin > 1 { throw ValidationError("standard input (-) can be read only once") }
  }

  func run() throws {
    try CommandIO.run("schedule-mrp", input: input, output: output) { io in
      let files = PlanningReaders(io.reading)
      let catalog = try catalogue.catalog(io.reading, recipesRequired: false)
      let stockRows = try files.stock(Inputs.resolve(stock))
      let receiptRows = try files.receipts(Inputs.resolve(receipts))
      let centers = try files.workcenters(Inputs.resolve(workcenters))
      let steps = try files.routings(Inputs.resolve(routings))
      let demandRows = try files.demands(io.sources(demands))
      let lastNight = try files.previousPlan(Inputs.resolve(previous))
      let workdays = calendar.isEmpty ? nil : try files.calendar(Inputs.resolve(calendar))
      try io.reading.check()
      let settings = PlanningSettings(
        asOf: asOf, securityDays: securityDays, purchaseLead: purchaseLead, productionLead: productionLead,
        efficiency: efficiency, calendar: workdays)
      var plan: MaterialPlan
      do {
        plan = try catalog.schedule(
          demandRows, stock: stockRows, receipts: receiptRows, workcenters: centers, routings: steps,
          settings: settings)
      } catch let error as RecipeError {
        throw InputError(error)
      }
      if let groupPurchases { plan.groupPurchases(by: groupPurchases) }
      let exceptionTable = try exceptions.map { path throws(OutputError) in
        try io.sideTable(path, columns: PlanningTables.exceptionColumns)
      }
      let loadTable = try load.map { path throws(OutputError) in
        try io.sideTable(path, columns: PlanningTables.loadColumns)
      }
      let changeTable = try changes.map { path throws(OutputError) in
        try io.sideTable(path, columns: PlanningTables.changeColumns)
      }
      try PlanningTables.write(orders: plan, to: io.mainTable(columns: PlanningTables.orderColumns))
      if let exceptionTable {
        try PlanningTables.write(exceptions: plan, to: exceptionTable)
      } else if !plan.exceptions.isEmpty {
        let n = plan.exceptions.count
        io.reporter.note("\(n) \(n == 1 ? "exception" : "exceptions") (write them with --exceptions FILE)", kind: "exceptions")
      }
      if let loadTable {
        let rows: [WorkcenterLoad]
        do {
          rows = try plan.load(per: period)
        } catch {
          throw InputError(at: SourceLocation(file: ""), "a workcenter load is beyond the exact range")
        }
        try PlanningTables.write(load: rows, of: plan, to: loadTable)
      }
      if let changeTable { try PlanningTables.write(changes: plan.changes(since: lastNight), to: changeTable) }
      if input.strict && plan.hasStrictExceptions {
        let n = plan.exceptions.filter(\.kind.isStrict).count
        throw Refusal("--strict: \(n) \(n == 1 ? "exception" : "exceptions") to correct or late")
      }
    }
  }
}
