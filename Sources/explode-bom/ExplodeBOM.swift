import ArgumentParser
import TallerCLI
import TallerCore
import TallerIO

@main
struct ExplodeBOM: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explode-bom",
    abstract: "Explode recipes into component requirements, costs, where-used lists and component sheets.",
    discussion: """
      Reads the product catalogue (--products) and the recipes (--bom), checks them, \
      and answers one question about them. ORDERS are rows of product, qty and \
      optionally warehouse and id (a demand file has these columns too); they are read \
      from standard input when no file is given.

        explode-bom --products products.csv --bom bom.csv orders.csv > needs.csv
        explode-bom --products products.csv --bom bom.csv --summary orders.csv
        explode-bom --products products.csv --bom bom.csv --costs
        explode-bom --products products.csv --bom bom.csv --where-used BOIS002
        explode-bom --products products.csv --bom 'recipes/*.csv' --document pp.csv
        explode-bom --products p.csv --bom b.csv --summary --output-format json < demand.csv

      Quantities. A recipe line written for `per` units of its parent needs \
      parent qty × qty ÷ per of its component, kept exact to 10 decimals: rounded \
      half-up at the tenth once per level, never through binary floating point. \
      qty_per is qty ÷ per. Costs are the exact products qty × unit cost, to 10 \
      decimals (no rounding to cents).

      Default output: the explosion down to the leaves (products without a recipe), \
      one row per requirement: demand, level, path, parent, component, qty_per, qty, \
      unit, warehouse, show, cost, kind. demand is the order's id, or its place among \
      the orders read (1, 2, …) when there is no id column. path is the codes from the \
      ordered product down to the component, joined by /. warehouse is the recipe \
      line's, else the parent requirement's, else the order's. show is false on a \
      line with show false (labour, machine hours) and on everything below it. cost is \
      qty × the component's rolled-up unit cost (empty for by-products): it includes \
      everything below the row, so an order's cost is the sum of its level-1 rows. kind is \
      component, or byproduct for an output of the parent (listed, never exploded, \
      never required). Rows are depth first: orders in the order read, each recipe's \
      lines by pos (lines without pos take their place in the file), each row followed \
      by the rows of its own recipe. --levels N stops N levels down: --levels 1 is the \
      document view (direct components only).

      --summary: the gross requirement per component and warehouse, summed over all \
      the orders: component, warehouse, qty, unit, cost, kind. Only shown lines count; \
      support products are never summed; intermediate products are listed as well as \
      leaves (1 ARM100 needs 2 PANLAT and 0.42 BOIS002), each costed with what is below \
      it; an ordered product is not its own requirement. It is computed by low-level \
      code (each product pushed down its recipe once, with everything its parents \
      need), never path by path, so shared sub-assemblies cost nothing extra. Rows by \
      component code, then warehouse (none first), then the by-products the orders \
      yield (kind byproduct, no cost). With --levels N, requirements deeper than N \
      are left out.

      --costs: one row per product, in catalogue order: product, type, unit, \
      unit_cost, source, shown_cost, hidden_cost, lines, complete. A product without \
      a recipe costs its replacement_cost (source replacement_cost; 0 when it has \
      none); a product with one costs the sum over all its component lines, shown or \
      not, of component unit cost × qty ÷ per (source recipe), rolled up from the \
      deepest level. shown_cost and hidden_cost split that sum between shown lines \
      (materials, intermediates) and hidden ones (show false: labour, machine hours) \
      and add up to unit_cost; lines counts the component lines. complete is false \
      when a product at or below it without a recipe has no replacement cost. \
      By-product lines add nothing. --costs reads no orders.

      --where-used CODE…: every product that needs each CODE, directly or through \
      others: code, product, type, qty (of CODE in one unit of the product, over every \
      path, hidden lines included), direct (its own recipe names CODE). Rows by CODE \
      as given, then by product. A CODE that is not in the catalogue is reported and \
      the status is 1. --where-used reads no orders.

      --trees: every product with its independent tree, in catalogue order: \
      product, tree, level. A tree is a connected part of the recipes: a recipe line \
      (component or by-product) joins its parent and its component, and no line \
      joins two trees. tree names it by its smallest top-level product code (a \
      product no recipe line names; its smallest code when every product of it is \
      named, as in a loop of by-products), so the label depends on the tree alone. \
      level is the product's low-level code (the deepest level it is a component \
      at; 0 for a product only top-level or only a by-product). Demands split by \
      the tree of their product and planned apart with the whole catalogue give the \
      single plan's orders: the plans' rows sorted by their level column, then the \
      catalogue order (the rows of --trees), each order followed by its shipments, \
      are the single plan (contrib/spark does this). --trees reads no orders.

      --document: the component sheet of the orders as production documents (seed \
      002): each order's recipe one level down, shown lines only: demand, parent, pos, \
      component, qty, stock_qty, unit, warehouse, action, kind, note. qty keeps 10 \
      decimals; stock_qty is what moves stock, rounded half-up to 2 decimals. \
      Components and support lines take the opposite action of the order line (out); \
      by-products its own (in). kind is component, support or byproduct. With \
      --summary, the sheet's printed summary instead: the same code and warehouse \
      summed into one line (support products and by-products left out), in order of \
      first appearance: component, warehouse, qty, stock_qty (the sum of the lines' \
      rounded quantities), unit.

      Checks. Before anything is written, the catalogue is checked and every problem \
      of it and of the orders is reported at once, in file and line order, as \
      FILE:LINE: message (FILE:LINE:COLUMN for a cell), at most 20 of a kind, with \
      status 65: a cell that cannot be read (a number that is not one, an empty code, \
      an unknown product type), a product in its own recipe, directly or \
      through others (the cycle's path is printed: A → B → C → A), a compound product \
      used as a component, a component or parent not in products, a produced or \
      compound product without component lines, a recipe longer than --max-lines, a \
      qty or per that is zero or negative, a number with more than 10 decimals, a \
      support line without pos, a raw product with components, a product listed twice. \
      The same component twice in one recipe is a warning and both lines count. A \
      product with an empty type is produced when it has component lines, raw \
      otherwise. Lines whose every cell is blank are skipped.

      Rejected orders. An order for a product not in the catalogue, or with a negative \
      qty, is refused and the others are processed: each is reported on standard \
      error, or written to --rejects FILE (the order's columns as read, then reason), \
      and the status is 1. An order whose product or qty is empty, or whose qty is not \
      a number, cannot be read: it is one of the problems above (status 65).

      Output goes to standard output or -o FILE (written whole or not at all), as CSV \
      (default), JSON or NDJSON (--output-format), or --excel-csv; a rejects file \
      takes the same format. The same inputs give byte-identical output.

      Exit status: 0 done; 1 orders rejected or a --where-used code unknown (the \
      output is still written); 64 usage; 65 the catalogue or an input is malformed \
      (nothing is written); 66 an input cannot be opened; 73 the output cannot be \
      created; 74 a write failed.
      """,
    version: tallerVersion)

  @OptionGroup(title: "Catalogue") var catalogue: CatalogueOptions

  @Argument(help: ArgumentHelp("What to make: product, qty[, warehouse][, id] (default: standard input).", valueName: "orders"))
  var orders: [String] = []

  @Option(help: ArgumentHelp("Explode at most N levels (1: direct components only).", valueName: "n"))
  var levels: Int?

  @Flag(help: "Sum requirements per component and warehouse (with --document: the sheet's printed summary).")
  var summary = false

  @Flag(help: "Roll up the unit cost of every product.")
  var costs = false

  @Flag(help: "Label every product with its independent tree (to split demands by tree).")
  var trees = false

  @Option(name: .customLong("where-used"), parsing: .upToNextOption,
          help: ArgumentHelp("List the products that need each CODE.", valueName: "code"))
  var whereUsed: [String] = []

  @Flag(help: "Write the component sheet of the orders (one level, shown lines, stock quantities to 2 decimals).")
  var document = false

  @Option(help: ArgumentHelp("Write rejected orders here, with a reason column, instead of standard error.", valueName: "file"))
  var rejects: String?

  @OptionGroup(title: "Input") var input: InputOptions
  @OptionGroup(title: "Output") var output: OutputOptions

  enum Mode {
    case explosion, summary, costs, whereUsed, document, documentSummary, trees
    /// --costs, --where-used and --trees answer about the catalogue alone.
    var readsOrders: Bool { self != .costs && self != .whereUsed && self != .trees }
  }

  var mode: Mode {
    if costs { return .costs }
    if trees { return .trees }
    if !whereUsed.isEmpty { return .whereUsed }
    if document { return summary ? .documentSummary : .document }
    return summary ? .summary : .explosion
  }

  mutating func validate() throws {
    try catalogue.require(bom: true)
    let modes = [
      costs ? "--costs" : nil, whereUsed.isEmpty ? nil : "--where-used", document ? "--document" : nil,
      trees ? "--trees" : nil,
    ].compactMap { $0 }
    if modes.count > 1 { throw ValidationError("\(modes.joined(separator: " and ")) exclude each other") }
    if summary && (costs || !whereUsed.isEmpty || trees) {
      throw ValidationError("--summary cannot be combined with \(modes[0])")
    }
    if let levels {
      if levels < 1 { throw ValidationError("--levels must be 1 or more") }
      if costs || !whereUsed.isEmpty || document || trees {
        throw ValidationError("--levels applies to the explosion and --summary only")
      }
    }
    if costs || !whereUsed.isEmpty || trees {
      if !orders.isEmpty { throw ValidationError("\(modes[0]) reads no orders; remove \(orders[0])") }
      if rejects != nil { throw ValidationError("--rejects applies to orders; \(modes[0]) reads none") }
    }
    let readsOrders = mode.readsOrders
    let stdin = catalogue.standardInputs
      + (readsOrders ? (orders.isEmpty ? 1 : orders.filter { $0 == "-" }.count) : 0)
    if stdin > 1 { throw ValidationError("standard input (-) can be read only once") }
  }

  func run() throws {
    try CommandIO.run("explode-bom", input: input, output: output) { io in
      let files = RecipeReaders(io.reading)
      let catalog = try catalogue.catalog(io.reading)
      let rows = mode.readsOrders ? try files.orders(io.sources(orders)) : OrderRows()
      try io.reading.check()
      do {
        switch mode {
        case .costs:
          try RecipeTables.write(costs: catalog.costs(), to: io.mainTable(columns: RecipeTables.costColumns))
        case .trees:
          try RecipeTables.write(trees: catalog.trees(), to: io.mainTable(columns: RecipeTables.treeColumns))
        case .whereUsed:
          let table = try io.mainTable(columns: RecipeTables.whereUsedColumns)
          let usage = catalog.usage()
          var unknown: [ProductCode] = []
          for code in whereUsed.map({ ProductCode($0) }) {
            guard catalog.product(code) != nil else { unknown.append(code); continue }
            try RecipeTables.write(whereUsed: usage.whereUsed(code), code: code, to: table)
          }
          for code in unknown { io.reporter.error("--where-used: product \(code) is not in products") }
          if !unknown.isEmpty { throw Refusal("") }
        default:
          let answer = try self.answer(catalog, rows.orders)
          let rejected = try rejects.map { path throws(OutputError) in
            try io.sideTable(path, columns: RecipeTables.rejectColumns(rows))
          }
          try RecipeTables.write(answer, to: io.mainTable(columns: answer.columns))
          if let rejected {
            try RecipeTables.write(rejected: answer.rejected, rows: rows, to: rejected)
          } else {
            for f in answer.rejected { io.reporter.note(f.description, kind: "rejected order") }
          }
          let n = answer.rejected.count
          if n > 0 { throw Refusal(rejects.map { "\(n) \(n == 1 ? "order" : "orders") rejected (see \($0))" } ?? "") }
        }
      } catch let error as RecipeError {
        throw InputError(error)
      }
    }
  }

  /// The answer the mode asks about the orders.
  func answer(_ catalog: RecipeCatalog, _ orders: [OrderLine]) throws(RecipeError) -> OrdersAnswer {
    switch mode {
    case .summary: return .summary(try catalog.summarize(orders, levels: levels))
    case .document: return .folio(try catalog.componentFolio(for: orders))
    case .documentSummary: return .folioSummary(try catalog.componentFolio(for: orders))
    default: return .explosion(try catalog.explode(orders, levels: levels))
    }
  }
}
