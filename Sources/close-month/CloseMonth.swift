import ArgumentParser
import TallerCLI
import TallerCore
import TallerIO

@main
struct CloseMonth: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "close-month",
    abstract: "Close a month of contract production: list what blocks it, or write the closed-month document.",
    discussion: """
      Reads the month's rows as validate-excess wrote them (their first columns: ot, \
      code, date, time_type, qty; the rest is recomputed), runs them through the \
      same checks and accumulation as validate-excess with the same annexes, work \
      orders, daily statuses and history (SPEC 4.1-4.4), and closes the month \
      (SPEC 4.7) with its money (SPEC 4.8).

        validate-excess --annex 'annex/*.csv' --work-orders ots.csv \\
            --daily daily-2026-10.csv --history closed/ --gpu gpu.csv \\
            --gpu-out gpu.csv --rejects rejects.csv production-2026-10.csv > validated.csv
        close-month --month 2026-10 --annex 'annex/*.csv' --work-orders ots.csv \\
            --daily daily-2026-10.csv --gpu gpu.csv --history closed/ \\
            --evidence https://sharepoint.example.com/ot/2026-10.pdf \\
            validated.csv > closed/2026-10.json
        close-month --month 2026-10 ... --output-format csv validated.csv > summary.csv
        close-month --month 2026-10 ... --family OT-2026-017 validated.csv > parts/017.json
        close-month --merge parts/*.json > closed/2026-10.json

      Blockers. The month is not closed while any of these holds; every one is \
      listed on standard error as close-month: blocked: ..., saying what clears it \
      (at most 20 of a kind, then a count), the status is 1 and nothing is written: \
      the month is already closed in the history (--reopen --reason TEXT closes it \
      again); no --evidence URL; a row dated outside --month (FILE:LINE); a row \
      refused by the checks of validate-excess (FILE:LINE and the reason); a \
      required voucher (a row with qty > 0 in C-2, C-3, C2EXT, C3EXT or --gpu-annex) \
      that is not VALIDADO, or VALIDADO without an evidence URL (a voucher the \
      register lacks counts as PENDIENTE); a day inside an active OT's work order \
      dates in the month without a daily status (consecutive days together).

      Families. The family (an initial OT and its reprogrammings) is the unit of \
      closing. Closed are the families of the --ot OTs (an OT of a reprogramming \
      closes its whole family), or, without --ot, every \
      family with an active OT whose dates touch the month and every family with a \
      row of the month. With --ot, the rows of other families are left out: they \
      neither count nor block.

      --family F (repeatable, or F1,F2) splits the closing by family: only the \
      rows of those families are read (the others are skipped as they are read; \
      the other files are read whole), and of the families the single run closes \
      (above: an active OT whose dates touch the month, or a row of the month) only \
      those are closed; a family given that the single run would not close is not \
      closed (its part has no family). A family with an active OT but no rows is \
      closed by its part from the whole files alone, so a part may be given no \
      rows but a header (contrib/spark/split.py writes one for every family of the \
      work orders). Run once per family (or group of families) with \
      --output-format csv: the summaries, concatenated in family order (headers \
      aside), are the single run's summary byte for byte (its rows are sorted by \
      family). The JSON documents of the parts merge into the single run's \
      document byte for byte with --merge (below). \
      The blockers of a part are the single run's blockers of its rows and \
      families, plus the month-wide ones (no evidence, already closed), which every \
      part reports. A row of an OT no family holds belongs to the part named after \
      that OT, and blocks there as in the single run (validated rows never have \
      one).

      The document (JSON, the default; keys in this order, families by key, OTs \
      and concepts by code, days in order: the same inputs give the same bytes). \
      Quantities are exact decimals in their shortest form, money has 2 decimals; \
      no number has an exponent.
        schema: "taller.closed-month/1". month: "YYYY-MM". status: "EN REVISIÓN". \
      evidence_url: --evidence. reopening: null, or {reason, previous_totals} with \
      the totals of the closed document of the month found in --history (null when \
      there was none).
        families[]: family (the initial OT); work_orders[]: ot, kind (initial or \
      reprogramming), active, site, start_date, end_date, days[] (every day of the \
      month: date, status "CERRADO", previous_status: the daily status it had, or \
      null); the OTs listed are the active ones whose dates touch the month and any \
      with a row. concepts[]: every concept of the family's authorization in force \
      (SPEC 4.2): code, description, unit, annex, authorized_qty, unit_price_mxn, \
      unit_price_usd; previous_qty (the history before the month), month_qty (the \
      month's rows, CMA and TE), accumulated_qty = previous + month, remaining_qty = \
      authorized - accumulated (negative once passed), excess_qty (the month's part \
      above the authorization, SPEC 4.4); programmed_qty (the sum of --programmed \
      for the family, concept and month) and variance_qty = month - programmed, both \
      null without --programmed; daily: {"CMA": {"1": qty, ...}, "TE": {...}} the \
      month's quantities by time type and day (days without rows absent), all OTs \
      together; daily_by_ot: {OT: the same grid} for each OT with rows of the \
      concept; then the twelve amounts. totals: the twelve amounts summed over the \
      family's concepts.
        The twelve amounts, in MXN and USD with the concept's unit price, each \
      rounded half-up to cents at the concept line (SPEC 4.8): authorized_X = \
      round(authorized_qty x price), previous_X = round(previous_qty x price), \
      executed_X = round(month_qty x price), accumulated_X = round(accumulated_qty x \
      price), remaining_X = authorized_X - accumulated_X, billable_X = round((month_qty \
      - excess_qty) x price); previous + executed may differ from accumulated by a \
      cent, as each is rounded once. Totals are sums of rounded lines, never \
      rounded again.
        totals: the twelve amounts summed over the families. vouchers: the month's \
      required vouchers by status (PENDIENTE, EN REVISIÓN, VALIDADO, RECHAZADO; \
      all VALIDADO in a closed month). supervisors[]: per supervisor on duty (SPEC \
      4.6, from --guards; null for rows of a site without a rotation, or without \
      --guards): supervisor, month_qty, excess_qty, executed_mxn, billable_mxn, \
      executed_usd, billable_usd — the money summed over lines (family, concept, \
      supervisor), each rounded at the line.

      --output-format csv (or ndjson, or --excel-csv) writes the per-concept summary \
      instead: one \
      row per family and concept, columns family, code, description, unit, annex, \
      authorized_qty, unit_price_mxn, unit_price_usd, previous_qty, month_qty, \
      accumulated_qty, remaining_qty, excess_qty, programmed_qty, variance_qty \
      (empty without --programmed), then the six MXN amounts and the six USD amounts \
      in the order above.

      --merge PARTS (files, globs or directories) reads the closed-month \
      documents of parts of one month, as close-month --family wrote them, and \
      writes the document one run over all their families would have written, \
      byte for byte (or, with --output-format csv, its summary): the families of \
      every part by key, each as its part has it (a family depends on its own \
      rows and files alone); totals, each amount the sum of the parts' totals \
      (sums of rounded concept lines, SPEC 4.8, so the sum is exact); vouchers, \
      each status the sum of the parts' counts (a part counts the vouchers of its \
      families' rows); supervisors, each one's quantities and amounts summed over \
      the parts (each line is inside one family), null first, then by name. The \
      parts must agree on the month (and --month when given), the evidence URL \
      and the reopening (reason and earlier totals), hold each family once, and \
      have totals that are the sums of their families'; otherwise the part's file \
      is named, the status is 65 and nothing is written. The parts must cover \
      every family the single run closes, each named by some part's --family \
      (one with no rows too: a part for every family of the work orders does). \
      --merge takes no other input option.

      A closed month is history: validate-excess --history and close-month \
      --history read closed-month files (by their .json extension and schema): each \
      cell of a concept's daily_by_ot grid is accepted production of that OT, day \
      and time type, and every listed day is locked (CERRADO). A closed month \
      carries its own month's production only: give every earlier month (closed \
      files or validated production) as history, e.g. a closed/ directory.

      --programmed takes production-shaped files (long or grid) of planned \
      quantities. Every file option takes files, globs, directories or -, and may \
      be repeated.

      \(exitStatusHelp)
      """,
    version: tallerVersion)

  @Option(
    help: ArgumentHelp("The month to close (with --merge: the month the parts must close).", valueName: "YYYY-MM"))
  var month: YearMonth?

  @Option(
    help: ArgumentHelp(
      "Annex rows, as import-annex writes them (repeatable; globs and directories).", valueName: "files"))
  var annex: [String] = []

  @Option(name: .customLong("work-orders"), help: ArgumentHelp("The work orders (repeatable).", valueName: "file"))
  var workOrders: [String] = []

  @Option(help: ArgumentHelp("Daily statuses of the month, long or month grid (repeatable).", valueName: "files"))
  var daily: [String] = []

  @Option(help: ArgumentHelp("The generator voucher register (repeatable).", valueName: "file"))
  var gpu: [String] = []

  @Option(
    name: .customLong("gpu-annex"),
    help: ArgumentHelp(
      "Annexes whose production needs a voucher, comma-separated (default: C-2,C-3,C2EXT,C3EXT).", valueName: "list"))
  var gpuAnnex: [String] = []

  @Option(help: ArgumentHelp("The month's evidence URL (a closing without it is blocked).", valueName: "url"))
  var evidence: String?

  @Option(
    help: ArgumentHelp("Earlier months: closed-month files or validated production (repeatable).", valueName: "files"))
  var history: [String] = []

  @Option(help: ArgumentHelp("Programmed (planned) production, long or grid (repeatable).", valueName: "files"))
  var programmed: [String] = []

  @Option(help: ArgumentHelp("Supervisor rotations per site (repeatable).", valueName: "file"))
  var guards: [String] = []

  @Option(help: ArgumentHelp("Close only the families of these OTs (repeatable, or comma-separated).", valueName: "ot"))
  var ot: [String] = []

  @Option(
    help: ArgumentHelp(
      "Read and close only the rows and families of these families (initial OTs; repeatable, or comma-separated).",
      valueName: "ot"))
  var family: [String] = []

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp(
      "Merge the closed-month documents of parts of the month (close-month --family) into one run's document.",
      valueName: "parts"))
  var merge: [String] = []

  @Flag(help: "Close a month already closed in the history again (needs --reason).")
  var reopen = false

  @Option(
    help: ArgumentHelp("Why the month is closed again (with --reopen; recorded in the document).", valueName: "text"))
  var reason: String?

  @Argument(
    help: ArgumentHelp(
      "The month's validated rows (validate-excess output; default: standard input).", valueName: "validated"))
  var validated: [String] = []

  @OptionGroup(title: "Input") var input: InputOptions
  @OptionGroup(title: "Output") var output: OutputOptions

  mutating func validate() throws {
    if !merge.isEmpty {
      let closing =
        !annex.isEmpty || !workOrders.isEmpty || !daily.isEmpty || !gpu.isEmpty || !gpuAnnex.isEmpty
        || evidence != nil || !history.isEmpty || !programmed.isEmpty || !guards.isEmpty || !ot.isEmpty
        || !family.isEmpty || reopen || reason != nil || !validated.isEmpty
      if closing { throw ValidationError("--merge takes the parts' documents alone (and --month, the output options)") }
      return
    }
    if month == nil { throw ValidationError("give the month with --month YYYY-MM") }
    if annex.isEmpty { throw ValidationError("give the annex rows with --annex FILES") }
    if workOrders.isEmpty { throw ValidationError("give the work orders with --work-orders FILE") }
    if daily.isEmpty { throw ValidationError("give the month's daily statuses with --daily FILES") }
    if !family.isEmpty && !ot.isEmpty { throw ValidationError("give --family or --ot, not both") }
    if reopen != (reason != nil) { throw ValidationError("--reopen and --reason TEXT go together") }
    if let r = reason, r.trimmingASCIISpaces().isEmpty { throw ValidationError("--reason needs a text") }
  }

  func run() throws {
    let document = output.outputFormat == .json || (output.outputFormat == nil && !output.excelCSV)
    if !merge.isEmpty {
      try CommandIO.run("close-month", input: input, outputPath: output.output, format: output.tableFormat) { io in
        let parts = try Inputs.resolve(merge)
        let merged = try ClosedMonthDocument.merged(parts)
        if let month, merged.month != month, let first = parts.first {
          throw InputError(
            at: SourceLocation(file: first.name), "closed-month part: closes \(merged.month), not --month \(month)")
        }
        if document {
          try ClosedMonthDocument.write(merged, to: io.mainSink())
        } else {
          try ClosedMonthDocument.writeSummary(merged, to: io.mainTable(columns: ClosedMonthDocument.summaryColumns))
        }
      }
      return
    }
    guard let month else { return }
    try CommandIO.run("close-month", input: input, outputPath: output.output, format: output.tableFormat) { io in
      let files = ContractReaders(io.reading)
      let families = try files.families(Inputs.resolve(workOrders))
      let authorizations = files.authorizations(
        try files.checkedAnnex(Inputs.resolve(annex)), families: families
      ) { _ in "this annex line is not used" }
      let daily = try files.dailyReports(Inputs.resolve(daily))
      let (history, _, closings) = try files.historyAndClosings(Inputs.resolve(history))
      let guards = try files.guardSchedule(Inputs.resolve(guards))
      let gpuSources = try Inputs.resolve(gpu)
      let part = family.isEmpty ? nil : FamilySelection(listed: family, of: families)
      let planned = programmed.isEmpty ? nil : ProductionInput()
      let rows = ProductionInput()
      func readRows() throws {
        try planned?.read(Inputs.resolve(programmed), with: io.reading, passThrough: false, only: part)
        try rows.read(
          io.sources(validated), with: io.reading, passThrough: false, dropped: ContractTables.recomputedColumns,
          only: part)
      }
      // The voucher register and the month's rows, the two large inputs, are read
      // at the same time.
      let register: VoucherRegister
      if gpuSources.isEmpty {
        register = try files.voucherRegister(gpuSources)
        try readRows()
      } else {
        (register, _) = try io.reading.alongside({ try ContractReaders($0).voucherRegister(gpuSources) }, readRows)
      }
      try io.reading.check()

      let closing = MonthClosing(
        month: month,
        book: ContractBook(
          workOrders: families, authorizations: authorizations, daily: daily, history: history, guards: guards),
        vouchers: register,
        voucherAnnexes: AnnexName.voucherAnnexes(gpuAnnex),
        evidenceURL: evidence?.trimmingASCIISpaces(), programmed: planned?.rows,
        only: ot.isEmpty
          ? nil : Set(ot.flatMap { $0.split(separator: ",") }.map { OTCode(String($0).trimmingASCIISpaces()) }),
        partition: part,
        reopenReason: reason,
        earlierClosings: closings.filter { $0.month == month }.map(\.totals))
      let result: Result<ClosedMonth, ClosingFailure>
      do {
        result = try closing.close(rows.rows)
      } catch {
        throw InputError(at: SourceLocation(file: "close-month"), "an amount is beyond the exact range (overflow)")
      }
      // A million rows and the voucher register are reclaimed with the process.
      io.keepUntilExit((rows, closing, result))
      switch result {
      case .failure(let failure):
        for b in failure.blockers { io.reporter.note(b.message { rows.place($0).description }, kind: b.kind) }
        let n = failure.blockers.count
        throw Refusal("\(month) not closed: \(n) blocker\(n == 1 ? "" : "s"); nothing written")
      case .success(let closed):
        if document {
          try ClosedMonthDocument.write(closed, to: io.mainSink())
        } else {
          try ClosedMonthDocument.writeSummary(closed, to: io.mainTable(columns: ClosedMonthDocument.summaryColumns))
        }
      }
    }
  }
}
