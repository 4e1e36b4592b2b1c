import ArgumentParser
import TallerCLI
import TallerCore
import TallerIO

@main
struct PostDocuments: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "post-documents",
    abstract: "Post production documents (PP, PD, PR, PI) into a stock ledger, stocks, balances and journey yields.",
    discussion: """
      Reads the product catalogue (--products), the recipes (--bom), the production \
      journeys (--journeys) and DOCUMENTS (standard input when none is given), posts \
      the documents and writes the stock ledger, one row per movement. Side tables on \
      request: the four stocks, the pending balances, the journey report, the \
      component folios, the average costs and the refused rows.

        post-documents --products products.csv --bom bom.csv --journeys journeys.csv \\
            --stock-out stock.csv --balances-out pending.csv documents.csv > ledger.csv
        post-documents --products p.csv --bom b.csv --journeys j.csv \\
            --journeys-out yield.csv --rejects refused.csv 'docs/*.csv' > ledger.csv

      Documents: doc, type, date, journey, related (document ids, |-separated), line, \
      product, qty, warehouse, customer (the RUT; accepted, not used in posting), cost \
      (a unit cost, for types that take it). \
      A row whose component column is filled is a line of the document's component \
      folio, the user's edit of line `line`'s sheet: component and its qty for the \
      line's qty as written (product, type, date, journey and related may be blank). \
      When a line has folio rows, they are its whole folio (a component removed, added \
      or swapped); otherwise the folio is loaded as below.

      Movement types (SPEC 6.1). The defaults: PP uses a folio, moves nothing; PD \
      uses a folio, moves its components out, needs a journey, draws down its related \
      PP; PR moves its lines in, settles, needs a journey, draws down its related PD, \
      costs its lines at the components consumed; PI moves its lines in, needs a \
      journey, relates only, costs its lines at their cost column. --movement-types \
      FILE adds or replaces types: type, name, folio (bool), line_stock and \
      component_stock (in, out, no), settles (bool), needs_journey (bool), related \
      (no, relates, draws), draws_from (types, |-separated), cost (none, given, \
      components), max_folio_lines (default 999).

      Posting order. Documents are posted in date order, then by document id (text \
      order) — except that on one date a document comes after the documents of that \
      date it relates (a PP and its PD written the same day) — each document's lines \
      by line number, whatever the order of the rows in \
      the files: the same rows in any order give the same bytes. A document's type, \
      date, journey and related are those of its lowest line; a line that differs \
      from them, or repeats a line number, is refused.

      Related documents. Every document named in related must have been posted before \
      (an earlier date, or the same date; a later date is refused, as is a cycle of \
      same-day documents relating each other). A type that draws down \
      takes each line's qty from the pending units of the related documents' lines of \
      the same product, in their line order; drawing more than is pending is refused \
      (a line naming no related document draws nothing). A type that settles \
      (finiquita) leaves nothing pending on its lines nor on the related lines it \
      drew from, even when it declares less than was dispatched; any other type \
      keeps its qty pending and lowers the related lines by what it drew. A type \
      that relates only (PI) checks that the documents exist.

      Folio (SPEC 6.2). Only produced products have one, in types that use one. It is \
      the user's folio rows when given; else the folios of the related lines the line \
      draws from, each folio line × drawn ÷ that line's qty; else the recipe's shown \
      shown lines, as explode-bom --document loads them (hidden lines such as \
      labour are left out; support lines, services and by-products travel on the folio but \
      never move stock: declare a by-product with a line of its own), line qty × \
      qty ÷ per, in the recipe line's warehouse, else the line's. Folio quantities keep 10 decimals; what moves \
      stock is rounded half-up to 2 decimals (a folio line rounding to 0 moves \
      nothing). A document whose folio summary (same component and warehouse summed, \
      support lines excepted) has more lines than its type's max_folio_lines is \
      refused whole.

      Stock (SPEC 6.3). Raw, kit and produced lines move by the type's line action; \
      a produced line in a type with folio also moves its folio's components by the \
      component action (never the components of its components); a produced line in \
      a type without folio moves as a raw one. A compound line never moves itself: \
      its recipe's shown component lines move instead, by the line action. Support \
      and service lines (and components) move nothing: a service is never in stock. Physical and documented stock take every movement; \
      prior_period those dated before --period-start, last_control those dated on \
      or before --last-control (without the option, no document counts in it). \
      --opening-stock FILE (product, warehouse, on_hand, cost) is stock before the \
      first document and counts in all four. Stock may go negative \
      (a dispatch from an empty warehouse is posted, not refused).

      Earlier postings. --ledger FILE reads a ledger this command wrote before \
      (date, product, warehouse, qty; other columns are not read): its movements \
      count in the four stocks by their dates, and in the stock the average cost \
      weighs, but are not written again; the ledger written is the new documents'. \
      A ledger carries stock only: pending balances, folios and journeys are those \
      of the documents given, so a document relating one that is only in the ledger \
      is refused (post the open orders with it). With --ledger and no documents to \
      post, give an empty documents file (a header line): --stock-out is then the \
      four stocks of the ledger.

      Journeys (SPEC 6.4). A type that needs a journey needs one that exists in \
      --journeys (id, status open/abierta or closed/cerrada) and is open; otherwise \
      the whole document is refused. The status decides: opened_at and closed_at \
      are not compared with the document's date (a journey closed today refuses \
      yesterday's dispatch posted late; reopen it to post it). --journeys-out: journey, product, dispatched \
      (units that left stock on the journey: folio components and lines moved out), \
      returned (lines entering by a type that does not settle, such as PI, and \
      components moved in), consumed (dispatched − returned), declared (lines \
      entering by a type that settles, such as PR), standard (what the recipes of \
      the declared products call for: declared × qty ÷ per over their shown \
      component lines, support and services excepted, 10 decimals) and yield_pct (standard ÷ \
      consumed × 100, 2 decimals, half-up; empty unless both are positive: below 100 \
      the journey used more than its recipes). Rows by journey, then product.

      Average cost (PCPP), per product over all warehouses. It starts at the \
      product's catalogue cost (replacement cost; a produced product's rolled-up \
      recipe cost) or the --opening-stock cost. A raw, kit or produced line entering \
      stock moves it to (stock × average + qty × unit cost) ÷ (stock + qty), 10 \
      decimals; from stock at or below zero the average becomes the unit cost. The \
      unit cost is the type's: given (the cost column; without one, the current \
      average, which leaves it unchanged), components (a PR: what its related \
      dispatch lines' folio components cost when they left stock, at the average of \
      that moment, in proportion to what was pending on those lines (a settling type \
      settles all of it: what was dispatched and not declared was consumed all the \
      same), ÷ its qty; without a related \
      dispatch, its recipe's shown components at their current averages; hidden \
      labour lines are not consumed and add nothing), none (the current average). \
      Components moved by folios or compound lines, and stock leaving, never change \
      an average. A PI therefore returns its inputs at their cost column, or at the \
      current average when it has none. --costs-out: every movement with its unit \
      cost, the product's total stock after it and its average after it.

      Outputs. Ledger: doc, type, date, journey, line, product, warehouse, qty \
      (signed: + enters stock), source (line or component); a line's own movement \
      first, then its components in folio order. --stock-out: product, warehouse, \
      physical, documented, prior_period, last_control, by product then warehouse. \
      --balances-out: doc, type, line, product, qty, pending, every posted line in \
      posting order. --folios-out: doc, line, parent, component, qty, stock_qty, \
      warehouse, action (in, out, no), kind (component, support, service, byproduct), source \
      (recipe, edited, related). Side tables are CSV, or \
      JSON/NDJSON by their extension. All outputs are written together or not at all.

      Refused rows: an unknown movement type, a missing, unknown or closed journey, \
      an unknown product, a qty not positive or with more than 2 decimals, a related \
      document that does not exist or is posted later, a related document of a type \
      the line cannot draw from, an over-drawn balance, too many folio lines. They go \
      to --rejects FILE (doc, type, date, journey, related, line, product, component, \
      qty, warehouse, cost, at = FILE:LINE, reason) or, without it, to standard error \
      as FILE:LINE: reason; the rest is posted and the status is 1. A cell that cannot \
      be read (a date, a number, a blank required cell) stops the run before anything \
      is posted (status 65), as do problems of the catalogue (see explode-bom).

      Exit status: 0 done; 1 rows refused (the outputs are still written); 64 usage; \
      65 an input is malformed (nothing is written); 66 an input cannot be opened; 73 \
      an output cannot be created; 74 a write failed.
      """,
    version: tallerVersion)

  @OptionGroup(title: "Catalogue") var catalogue: CatalogueOptions

  @Option(help: ArgumentHelp("The production journeys: id, status (repeatable).", valueName: "file"))
  var journeys: [String] = []

  @Option(name: .customLong("movement-types"), help: ArgumentHelp("Movement types to add or replace (repeatable).", valueName: "file"))
  var movementTypes: [String] = []

  @Option(name: .customLong("opening-stock"), help: ArgumentHelp("Stock before the first document: product, warehouse, on_hand, cost.", valueName: "file"))
  var openingStock: [String] = []

  @Option(help: ArgumentHelp("A ledger posted before: its movements count in the stocks (repeatable).", valueName: "file"))
  var ledger: [String] = []

  @Option(name: .customLong("period-start"), help: ArgumentHelp("Movements before this date count in the prior-period stock.", valueName: "date"))
  var periodStart: String?

  @Option(name: .customLong("last-control"), help: ArgumentHelp("Movements on or before this date count in the last-control stock.", valueName: "date"))
  var lastControl: String?

  @Option(name: .customLong("stock-out"), help: ArgumentHelp("Write the four stocks per product and warehouse here.", valueName: "file"))
  var stockOut: String?

  @Option(name: .customLong("balances-out"), help: ArgumentHelp("Write every posted line's pending units here.", valueName: "file"))
  var balancesOut: String?

  @Option(name: .customLong("journeys-out"), help: ArgumentHelp("Write the journey report (consumption, standard, yield) here.", valueName: "file"))
  var journeysOut: String?

  @Option(name: .customLong("folios-out"), help: ArgumentHelp("Write the component folios of the posted lines here.", valueName: "file"))
  var foliosOut: String?

  @Option(name: .customLong("costs-out"), help: ArgumentHelp("Write each movement's unit cost and running average cost here.", valueName: "file"))
  var costsOut: String?

  @Option(help: ArgumentHelp("Write refused rows here, with place and reason, instead of standard error.", valueName: "file"))
  var rejects: String?

  @Argument(help: ArgumentHelp("The documents (default: standard input).", valueName: "documents"))
  var documents: [String] = []

  @OptionGroup(title: "Input") var input: InputOptions
  @OptionGroup(title: "Output") var output: OutputOptions

  var sideOutputs: [(flag: String, path: String?)] {
    [
      ("--stock-out", stockOut), ("--balances-out", balancesOut), ("--journeys-out", journeysOut),
      ("--folios-out", foliosOut), ("--costs-out", costsOut), ("--rejects", rejects),
    ]
  }

  mutating func validate() throws {
    try catalogue.require(bom: true)
    if journeys.isEmpty { throw ValidationError("--journeys FILE is required") }
    for (flag, path) in sideOutputs where path == "-" {
      throw ValidationError("\(flag) takes a file; standard output is for the ledger")
    }
    for (flag, text) in [("--period-start", periodStart), ("--last-control", lastControl)] {
      if let text, (try? LocalDate.parse(text)) == nil {
        throw ValidationError("\(flag) \"\(text)\" is not a date (2026-10-31, 31/10/2026)")
      }
    }
    let stdin = catalogue.standardInputs + (journeys + movementTypes + openingStock + ledger).filter { $0 == "-" }.count
      + (documents.isEmpty ? 1 : documents.filter { $0 == "-" }.count)
    if stdin > 1 { throw ValidationError("standard input (-) can be read only once") }
  }

  func run() throws {
    try CommandIO.run("post-documents", input: input, output: output) { io in
      let catalog = try catalogue.catalog(io.reading)
      let files = DocumentReaders(io.reading)
      let types = try files.movementTypes(Inputs.resolve(movementTypes))
      let journeyTable = try files.journeys(Inputs.resolve(journeys))
      let opening = try files.openingStock(Inputs.resolve(openingStock), catalog: catalog)
      let posted = try files.postedMovements(Inputs.resolve(ledger), catalog: catalog)
      let rows = try files.documents(io.sources(documents))
      try io.reading.check()

      let options = PostingOptions(
        periodStart: periodStart.flatMap { try? LocalDate.parse($0) },
        lastControl: lastControl.flatMap { try? LocalDate.parse($0) }, recordCosts: costsOut != nil)
      let posting = Posting.post(
        rows, catalog: catalog, types: types, journeys: journeyTable, opening: opening, posted: posted,
        options: options)

      // Side tables first (they commit with the ledger).
      let stock = try stockOut.map { p throws(OutputError) in try io.sideTable(p, columns: DocumentTables.stockColumns) }
      let balances = try balancesOut.map { p throws(OutputError) in try io.sideTable(p, columns: DocumentTables.balanceColumns) }
      let journeyTableOut = try journeysOut.map { p throws(OutputError) in try io.sideTable(p, columns: DocumentTables.journeyColumns) }
      let folios = try foliosOut.map { p throws(OutputError) in try io.sideTable(p, columns: DocumentTables.folioColumns) }
      let costs = try costsOut.map { p throws(OutputError) in try io.sideTable(p, columns: DocumentTables.costColumns) }
      let refused = try rejects.map { p throws(OutputError) in try io.sideTable(p, columns: DocumentTables.rejectColumns) }
      try DocumentTables.writeLedger(posting, to: io.mainTable(columns: DocumentTables.ledgerColumns))
      if let stock { try DocumentTables.writeStock(posting, to: stock) }
      if let balances { try DocumentTables.writeBalances(posting, to: balances) }
      if let journeyTableOut { try DocumentTables.writeJourneys(posting, to: journeyTableOut) }
      if let folios { try DocumentTables.writeFolios(posting, to: folios) }
      if let costs { try DocumentTables.writeCosts(posting, to: costs) }
      if let refused {
        try DocumentTables.writeRejects(posting, to: refused)
      } else {
        for r in posting.rejected {
          io.reporter.note("\(DocumentTables.place(posting, r.row)): \(r.reason)", kind: "refused row")
        }
      }
      let n = posting.rejected.count
      if n > 0 {
        throw Refusal(rejects.map { "\(n) \(n == 1 ? "row" : "rows") refused (see \($0))" } ?? "")
      }
    }
  }
}
