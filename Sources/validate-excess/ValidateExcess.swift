import ArgumentParser
import TallerCLI
import TallerCore
import TallerIO

@main
struct ValidateExcess: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate-excess",
    abstract: "Check a month of contract production against the annexes and flag what exceeds the authorization.",
    discussion: """
      Checks each production row against the work orders, the daily statuses and the \
      annexes (SPEC 4.1-4.3), accumulates the accepted rows against the authorization \
      in force (SPEC 4.4), prices them (SPEC 4.8), looks up or creates their generator vouchers \
      (SPEC 4.5) and names the supervisor on duty (SPEC 4.6).

        import-annex --ot OT-17 --import 3 --imported-on 2026-09-12 \\
            anexo_c2.csv > annex/OT-17-3.csv
        validate-excess --annex 'annex/*.csv' --work-orders ots.csv \\
            --daily daily-2026-10.csv --history closed/ --guards guards.csv \\
            --gpu gpu.csv --gpu-out gpu.csv --rejects rejects.csv \\
            production-2026-10.csv > validated.csv
        validate-excess --annex annex/ --work-orders ots.csv production.csv \\
            | export-xlsx > validated.xlsx

      Production (FILE arguments, or standard input) comes as long rows (ot, code, \
      date, time_type, qty) or as the month grid (ot, code, time_type, year, month and \
      day columns 1..31). A grid row gives one row per filled day cell, in day order: a \
      blank cell is no row, a 0 is a row of 0. time_type is CMA (also when blank or \
      absent) or TE. --daily is likewise long (ot, date, status) or a month grid (ot, \
      year, month, 1..31). Every file option takes files, globs, directories or -, \
      and may be repeated.

      Output: one row per accepted production row, in input order (files in the order \
      given, lines in order). Columns: ot, code, date, time_type, qty (as read: codes \
      trimmed, dates ISO, CMA/TE, exact decimals, whatever the input's headers were); \
      then the other columns of the production files, passed through untouched (their \
      union, in first-seen order; a column named like one of the columns added here, \
      or reason, is dropped and recomputed, so a validated file validates again); then \
      family, annex, description, unit, authorized_qty, cumulative_qty, remaining_qty, \
      excess, excess_qty, level, unit_price_mxn, unit_price_usd, amount_mxn, amount_usd, \
      billing_status, gpu_required, gpu_status, supervisor. Quantities are written in \
      their shortest exact form, money (prices and amounts) with at least 2 decimals.

      Rejected rows (SPEC 4.3) are never dropped: with --rejects FILE they are written \
      there (the same first columns plus reason); without it each is reported on \
      standard error as validate-excess: FILE:LINE: reason (FILE:LINE:COLUMN for a grid \
      cell). The status is then 1; the accepted rows are written all the same. The \
      first failing check gives the reason, in this order: unknown work order; \
      negative quantity; the same OT, code, date and time type on another row (every \
      such row is refused, naming the other lines, with their files when the rows \
      are in different files); concept in no active annex \
      import of the family; and, for a quantity above 0 only (a 0 row changes \
      nothing): date outside the family's window; day locked (CERRADO); no daily \
      report for the OT that day (only when --daily is given); day not LABORANDO.

      Accumulation: per family and concept, the history first, then the accepted rows \
      by date, CMA before TE, OT, input order. excess is true when the running total \
      after the row passes the authorization; excess_qty is the part of the row above \
      it; remaining_qty = authorized - cumulative (negative once passed). level is \
      green while cumulative <= --warn-at x authorized (compared exactly), yellow up to \
      the authorization, red above; an authorization of 0 makes any positive row red. \
      billing_status is EXCEDENTE for an excess row, else PENDIENTE. amount = qty x unit \
      price rounded half-up to cents, per row.

      --history takes earlier months' validated production (this command's output), \
      plain production files (long or grid), and closed-month documents (close-month's \
      JSON, taller.closed-month/1, recognized by the .json extension and the schema). \
      A closed month gives each cell of its concepts' daily_by_ot grids as history of \
      that OT, day and time type, and locks every day it lists (CERRADO): production \
      on those days is rejected as locked. It carries its own month only: give the \
      earlier months too (a closed/ directory of every closed month). Rows dated \
      before the first month of the production count (a row dated in a closed month \
      does not move that month back); later ones are not counted (a warning says \
      so). A key (ot, code, date, time type) given twice in the history, or a \
      negative history quantity, is an error (exit 65): a month passed twice would \
      count twice.

      Vouchers: a row with qty > 0 whose annex is C-2, C-3, C2EXT or C3EXT \
      (--gpu-annex changes the list) has gpu_required true and the status of its \
      voucher in --gpu (statuses by name or number, accents optional); a voucher the \
      register lacks is PENDIENTE. --gpu-out writes the merged register atomically: \
      every voucher read, with its status, evidence and date untouched (statuses set by \
      hand survive every run), plus the vouchers this run created, PENDIENTE, dated \
      --as-of. --as-of defaults to the last day of the latest month with production, \
      so the same inputs give the same bytes on every run. The register is sorted by \
      ot, code, date and time type (CMA first), statuses written by name. --gpu-out \
      may name the --gpu file.

      --family F (repeatable, or F1,F2) processes only the production rows of \
      those families: the family of an initial OT or of any of its reprogrammings; \
      for an OT no family holds (unknown, or not placeable), the OT itself, so that \
      every row is in exactly one part. The other rows are skipped as they are read \
      (a malformed cell in them is not reported); the annex, work-order, daily, \
      history, guard and voucher files are read whole. Split a month by family \
      (one production file per family, or the same files with a --family per run), \
      run once per part, and the outputs (validated rows and rejects), \
      concatenated in the order the parts' files were given to the single run, are \
      the single run's, byte for byte (headers aside). --gpu-out then holds every \
      voucher read plus the part's: merge the parts' registers by key (contrib/spark \
      does not split the register).

      Supervisor: from --guards, the rotation of the OT's site (the site column, or \
      the column its front points to); empty for a site without a rotation.

      --annex takes canonical annex rows (import-annex's output); they must pass \
      import-annex's checks (exit 65 otherwise). Annex lines of OTs missing from the \
      work orders, work orders that cannot be placed in a family, conflicting daily \
      statuses (the first is kept) and duplicate vouchers or rotations (the first is \
      kept) are warnings. --rejects and --gpu-out are CSV, or JSON/NDJSON by their \
      extension; --excel-csv also applies to --rejects.

      A cell that cannot be read (a malformed number or date, an unknown status) is an \
      error: every such cell of every input is reported as FILE:LINE:COLUMN (at most \
      20 of a kind, then a count), the status is 65, and no output is written.

      Outputs: standard output or -o FILE, --rejects and --gpu-out are committed \
      together: either every one is written whole or none is touched (a full disk on \
      any of them leaves all as they were, status 74). With --rejects or --gpu-out, \
      the rows on standard output are held back until the other files are complete.

      \(exitStatusHelp)
      """,
    version: tallerVersion)

  @Option(help: ArgumentHelp("Annex rows, as import-annex writes them (repeatable; globs and directories).", valueName: "files"))
  var annex: [String] = []

  @Option(name: .customLong("work-orders"), help: ArgumentHelp("The work orders (repeatable).", valueName: "file"))
  var workOrders: [String] = []

  @Option(help: ArgumentHelp("Daily statuses, long or month grid (repeatable). Without it days are not checked against statuses.", valueName: "files"))
  var daily: [String] = []

  @Option(help: ArgumentHelp("Earlier months: validated production or closed-month files (repeatable).", valueName: "files"))
  var history: [String] = []

  @Option(help: ArgumentHelp("The generator voucher register (repeatable).", valueName: "file"))
  var gpu: [String] = []

  @Option(name: .customLong("gpu-out"), help: ArgumentHelp("Write the merged voucher register to FILE (may be the --gpu file).", valueName: "file"))
  var gpuOut: String?

  @Option(name: .customLong("gpu-annex"), help: ArgumentHelp("Annexes whose production needs a voucher, comma-separated (default: C-2,C-3,C2EXT,C3EXT).", valueName: "list"))
  var gpuAnnex: [String] = []

  @Option(help: ArgumentHelp("Supervisor rotations per site (repeatable).", valueName: "file"))
  var guards: [String] = []

  @Option(help: ArgumentHelp("Write rejected rows, each with its reason, to FILE.", valueName: "file"))
  var rejects: String?

  @Option(name: .customLong("warn-at"), help: ArgumentHelp("Share of the authorization where green turns yellow.", valueName: "share"))
  var warnAt = ExactDecimal(raw: 9 * ExactDecimal.one / 10)

  @Option(name: .customLong("as-of"), help: ArgumentHelp("Date of the vouchers this run creates (default: the last day of the latest production month).", valueName: "date"))
  var asOf: LocalDate?

  @Option(help: ArgumentHelp("Process only the rows of these families (initial OTs; repeatable, or comma-separated).", valueName: "ot"))
  var family: [String] = []

  @Argument(help: ArgumentHelp("Production files, long or month grid (default: standard input).", valueName: "production"))
  var production: [String] = []

  @OptionGroup(title: "Input") var input: InputOptions
  @OptionGroup(title: "Output") var output: OutputOptions

  mutating func validate() throws {
    if annex.isEmpty { throw ValidationError("give the annex rows with --annex FILES") }
    if workOrders.isEmpty { throw ValidationError("give the work orders with --work-orders FILE") }
    if warnAt.isNegative || warnAt > ExactDecimal(1) {
      throw ValidationError("--warn-at takes a share between 0 and 1, like 0.90; found \(warnAt)")
    }
    if rejects == "-" || gpuOut == "-" {
      throw ValidationError("--rejects and --gpu-out take a file; standard output is for the validated rows")
    }
  }

  func run() throws {
    try CommandIO.run("validate-excess", input: input, output: output) { io in
      let files = ContractReaders(io.reading)
      let families = try files.families(Inputs.resolve(workOrders))
      let authorizations = files.authorizations(
        try files.checkedAnnex(Inputs.resolve(annex)), families: families) { _ in "this annex line is not used" }
      let daily = daily.isEmpty ? nil : try files.dailyReports(Inputs.resolve(daily))
      let (history, historyPlace) = try files.history(Inputs.resolve(history))
      let guards = try files.guardSchedule(Inputs.resolve(guards))
      let register = try files.voucherRegister(Inputs.resolve(gpu))
      let month = ProductionInput()
      let reading = io.progress("reading")
      try month.read(
        io.sources(production), with: io.reading, passThrough: true, dropped: ContractTables.recomputedColumns,
        only: family.isEmpty ? nil : FamilySelection(listed: family, of: families), progress: reading.update)
      reading.done()
      try io.reading.check()

      let book = ContractBook(
        workOrders: families, authorizations: authorizations, daily: daily, history: history, guards: guards)
      let voucherDate = asOf ?? ExcessOptions.defaultVoucherDate(for: month.rows)
      let annexes = AnnexName.voucherAnnexes(gpuAnnex)
      let ledger = book.ledger(
        for: month.rows, options: ExcessOptions(warnAt: warnAt, voucherAnnexes: annexes, voucherDate: voucherDate))
      for ignored in ledger.ignoredHistory {
        let e = ignored.entry
        let place = historyPlace(ProductionKey(ot: e.ot, code: e.code, date: e.date, timeType: e.timeType))
        io.reporter.warn(
          Warning(at: place ?? SourceLocation(file: "history"), ContractTables.describe(ignored)), kind: "history not counted")
      }

      let echo = ContractTables.productionColumns + month.extraColumns
      let rejected = try rejects.map { path throws(OutputError) in try io.sideTable(path, columns: echo + ["reason"]) }
      let vouchers = try gpuOut.map { path throws(OutputError) in try io.sideTable(path, columns: ContractTables.voucherColumns) }
      let writing = io.progress("writing")
      defer { writing.done() }
      let created = try ContractTables.write(
        ledger, of: month, register: register, to: io.mainTable(columns: echo + ContractTables.addedColumns),
        rejected: rejected, unwritten: { io.reporter.error($0) }, collectVouchers: vouchers != nil, progress: writing.update)
      if let vouchers { try ContractTables.write(register, adding: created, createdOn: voucherDate, to: vouchers) }
      if ledger.rejectedCount > 0 {
        throw Refusal("\(ledger.rejectedCount) of \(month.count) production rows rejected\(rejects.map { "; see \($0)" } ?? "")")
      }
    }
  }
}
