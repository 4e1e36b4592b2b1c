/// What keeps a month from closing (SPEC §4.7). Every blocker says what would clear
/// it; `close-month` lists them all and writes nothing while any holds.
public enum ClosingBlocker: Hashable, Sendable {
  /// The month is already closed in the history, and `--reopen --reason` was not given.
  case alreadyClosed(YearMonth)
  /// No monthly evidence URL (`--evidence`).
  case noEvidence
  /// Row `index` of the month's rows is dated outside the month being closed.
  case outsideMonth(index: Int, ProductionRow, YearMonth)
  /// Row `index` is refused by the checks of §4.3 (re-run over the validated rows).
  case rejected(index: Int, ProductionRow, ProductionRejection)
  /// A required voucher (§4.5) is not `VALIDADO`, or is `VALIDADO` without evidence.
  /// `registered` is false when the register has no voucher for the key at all.
  case voucher(ProductionKey, annex: AnnexName, status: VoucherStatus, registered: Bool)
  /// Days `from`…`to` (consecutive) of an active OT's window in the month have no
  /// daily status.
  case noDailyStatus(OTCode, from: LocalDate, to: LocalDate)

  /// The kind, to cap repeated messages of one kind.
  public var kind: String {
    switch self {
    case .alreadyClosed: return "blocked: month closed"
    case .noEvidence: return "blocked: evidence"
    case .outsideMonth: return "blocked: rows outside the month"
    case .rejected: return "blocked: rejected rows"
    case .voucher: return "blocked: vouchers"
    case .noDailyStatus: return "blocked: daily statuses"
    }
  }

  /// The message, `place` naming a row of the month (FILE:LINE).
  public func message(place: (Int) -> String) -> String {
    switch self {
    case .alreadyClosed(let m):
      return "blocked: \(m) is already closed in the history; give --reopen --reason TEXT to close it again"
    case .noEvidence:
      return "blocked: no monthly evidence URL; give it with --evidence URL"
    case .outsideMonth(let i, let r, let m):
      return
        "blocked: \(place(i)): \(r.ot) \(r.code) is dated \(r.date), outside \(m); close its own month, or remove it from the month's files"
    case .rejected(let i, let r, let why):
      return
        "blocked: \(place(i)): \(r.ot) \(r.code) on \(r.date) (\(r.timeType.name)) is rejected: \(why); correct it and validate the month again"
    case .voucher(let k, let annex, let status, let registered):
      let what =
        status == .validado
        ? "is VALIDADO without evidence, needs an evidence URL"
        : "is \(status.name)\(registered ? "" : " (not in the register)"), needs VALIDADO with evidence"
      return "blocked: GPU for \(k.ot) \(annex)/\(k.code) on \(k.date) (\(k.timeType.name)) \(what)"
    case .noDailyStatus(let ot, let from, let to):
      let days = to.dayNumber - from.dayNumber + 1
      let when = days == 1 ? "on \(from)" : "on \(from)..\(to) (\(days) days)"
      return "blocked: no daily status for \(ot) \(when), inside its work order dates; add them to --daily"
    }
  }
}
