import ArgumentParser
import TallerCLI
import TallerCore
import TallerIO

@main
struct RepairOrders: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repair-orders",
    abstract: "Repairs with parts, fees and warranty: quotations, draft invoice lines at the cent, and stock moves when done.",
    discussion: """
      Repairs of seed 003 (mrp_repair, SPEC §5.7). Reads the catalogue (--products \
      with warranty_months; --bom to check removed parts), sold lots (--lots: lot, \
      product, sale_date, customer), a price list (--prices: product, price) and \
      REPAIRS, and writes one row per repair.

        repair-orders --products products.csv --bom bom.csv --lots lots.csv \\
            --prices prices.csv --as-of 2026-03-10 --invoice-out invoice.csv \\
            --quotation-out quotation.csv --moves-out moves.csv repairs.csv > repairs-out.csv

      The REPAIRS file holds the repairs and their lines, one row each, told apart \
      by its record column: repair (repair, product, lot, customer, date, state \
      draft|confirmed|done, invoice_method none|before|after, warranty_until), part \
      (repair, action add|remove, product, qty, price, lot, location, to_invoice) or \
      fee (repair, description, product (optional), qty, price, to_invoice). A blank \
      record is a part when action is given, a fee when description is, a repair \
      otherwise. Lines name their repair by id, anywhere in the file(s); they keep \
      file order. Spanish values are accepted (borrador/confirmado/terminado, \
      antes/despues/ninguno, agregar/quitar).

      Defaults (seed 003; each overridable in the file): a repair's date is --as-of \
      when blank; its customer the lot's; warranty_until the lot's sale_date + the \
      product's warranty_months (the same day of the month, or the month's last \
      day); under warranty when the repair's date is on or before warranty_until. \
      A line's qty is 1; its price the --prices price of its product (0 with a \
      warning when it is to be invoiced and has none). to_invoice: an added part is \
      invoiced unless under warranty; a removed part is not (it is the customer's \
      own part, taken out); a fee is (the seed: under warranty the parts are free, \
      the other costs are still invoiced). A part's location is where an added part \
      is taken from (default Stock) or where a removed one goes (default Defective \
      products).

      Money (SPEC §4.8): each line's amount is round(qty × price, 2), half away from \
      zero, 0 when not to invoice; a repair's amount (main output) and a quotation's \
      total are the sums of the rounded lines.

      Main output, one row per repair in file order: repair, product, lot, customer, \
      date, state, invoice_method, warranty_until, under_warranty, parts, fees, \
      amount, invoiced (whether its invoice is drafted: before → once confirmed, so \
      confirmed and done repairs; after → done repairs; none → never). \
      --invoice-out FILE: the draft invoice lines of the invoiced repairs (invoice = \
      repair id, customer, date, line, kind part|fee, product, description, qty, \
      unit_price, amount), lines to invoice only. --quotation-out FILE: each draft \
      repair's lines (line, kind add|remove|fee, item, description, qty, unit_price, \
      to_invoice, amount) and a total row, to print or pass to export-xlsx. \
      --moves-out FILE: the stock moves of done repairs in post-documents' ledger \
      columns (doc the repair, type RO, date, journey empty, line the part's place \
      among the repair's lines, product, warehouse the location, qty signed, source \
      line): a removed part +qty into its location (Defective products), an added \
      part −qty out of its location (Stock); fees move nothing.

      Rejected rows (each with its reason and FILE:LINE): an unknown product, a \
      negative qty or price, a state, invoice method or action not in its list, a \
      repeated repair id, a repair without date and no --as-of, a line whose repair \
      is missing or rejected. They go to --rejects FILE (the row as read: record, repair, \
      product, lot, state, invoice_method, action, description, qty, price; then \
      reason and source) or to \
      standard error; the rest is still written, with status 1. A removed part that \
      the repaired product's recipe does not contain (with --bom) is a warning.

      Exit status: 0; 1 rows were rejected (the rest written); 64 usage; 65 malformed \
      input (a cell that is not a number or a date; nothing written); 66 an input \
      cannot be opened; 73 an output cannot be created; 74 a write failed. Outputs \
      are written all together or not at all; the same inputs give the same bytes.
      """,
    version: tallerVersion)

  @OptionGroup(title: "Catalogue") var catalogue: CatalogueOptions

  @Option(help: ArgumentHelp("Sold lots: lot, product, sale_date, customer.", valueName: "file"))
  var lots: [String] = []

  @Option(help: ArgumentHelp("Price list: product, price.", valueName: "file"))
  var prices: [String] = []

  @Argument(help: ArgumentHelp("Repairs, parts and fees (default: standard input).", valueName: "repairs"))
  var repairs: [String] = []

  @Option(name: .customLong("as-of"), help: ArgumentHelp("The date of repairs that give none.", valueName: "date"))
  var asOf: LocalDate?

  @Option(name: .customLong("invoice-out"), help: ArgumentHelp("Write the draft invoice lines here.", valueName: "file"))
  var invoiceOut: String?

  @Option(name: .customLong("quotation-out"), help: ArgumentHelp("Write the quotations of draft repairs here.", valueName: "file"))
  var quotationOut: String?

  @Option(name: .customLong("moves-out"), help: ArgumentHelp("Write the stock moves of done repairs here.", valueName: "file"))
  var movesOut: String?

  @Option(help: ArgumentHelp("Write rejected rows here (with the reason).", valueName: "file"))
  var rejects: String?

  @OptionGroup(title: "Input") var input: InputOptions
  @OptionGroup(title: "Output") var output: OutputOptions

  mutating func validate() throws {
    try catalogue.require()
    for side in [invoiceOut, quotationOut, movesOut, rejects] where side == "-" {
      throw ValidationError("--invoice-out, --quotation-out, --moves-out and --rejects take a file; standard output is for the repairs")
    }
    let stdin = catalogue.standardInputs + (lots + prices).filter { $0 == "-" }.count
      + (repairs.isEmpty ? 1 : repairs.filter { $0 == "-" }.count)
    if stdin > 1 { throw ValidationError("standard input (-) can be read only once") }
  }

  func run() throws {
    try CommandIO.run("repair-orders", input: input, output: output) { io in
      let catalog = try catalogue.catalog(io.reading, recipesRequired: false)
      let files = RepairReaders(io.reading)
      let soldLots = try files.lots(Inputs.resolve(lots))
      let priceList = try files.prices(Inputs.resolve(prices))
      let read = try files.repairs(io.sources(repairs))
      try io.reading.check()
      let book = RepairBook.build(
        repairs: read.repairs, lines: read.lines, catalog: catalog, lots: soldLots, prices: priceList,
        settings: RepairSettings(asOf: asOf))
      for f in book.findings where !f.isError {
        io.reporter.warn(Warning(at: SourceLocation(file: f.file, line: f.line), f.message), kind: "warning")
      }
      let rejected = try rejects.map { path throws(OutputError) in try io.sideTable(path, columns: RepairTables.rejectColumns) }
      let invoice = try invoiceOut.map { path throws(OutputError) in try io.sideTable(path, columns: RepairTables.invoiceColumns) }
      let quotation = try quotationOut.map { path throws(OutputError) in
        try io.sideTable(path, columns: RepairTables.quotationColumns)
      }
      let moves = try movesOut.map { path throws(OutputError) in try io.sideTable(path, columns: DocumentTables.ledgerColumns) }
      try RepairTables.write(repairs: book, to: io.mainTable(columns: RepairTables.repairColumns))
      if let invoice { try RepairTables.write(invoice: book, to: invoice) }
      if let quotation { try RepairTables.write(quotation: book, to: quotation) }
      if let moves { try RepairTables.write(moves: book.moves, to: moves) }
      if let rejected {
        try RepairTables.write(rejects: book, repairs: read.repairs, lines: read.lines, to: rejected)
      } else {
        for f in book.findings where f.isError {
          io.reporter.note("\(f.file):\(f.line): \(f.message)", kind: "rejected")
        }
      }
      if book.rejectedCount > 0 {
        throw Refusal("\(book.rejectedCount) \(book.rejectedCount == 1 ? "row" : "rows") rejected\(rejects.map { "; see \($0)" } ?? "")")
      }
    }
  }
}
