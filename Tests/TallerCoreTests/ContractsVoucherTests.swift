import Testing
@testable import TallerCore

struct ContractsVoucherTests {
  @Test func gpuAnnexListsAndTheirDefault() {
    #expect(AnnexName.voucherAnnexes([]) == [AnnexName("C-2"), AnnexName("C-3"), AnnexName("C2EXT"), AnnexName("C3EXT")])
    #expect(AnnexName.voucherAnnexes(["C-2,C-7", "C-9"]) == [AnnexName("C-2"), AnnexName("C-7"), AnnexName("C-9")])
  }

  // Every (from, to) pair; allowed: PENDIENTE → EN REVISIÓN → VALIDADO | RECHAZADO,
  // RECHAZADO → EN REVISIÓN.
  static let moves: [(VoucherStatus, VoucherStatus, Bool)] = [
    (.pendiente, .pendiente, false), (.pendiente, .enRevision, true),
    (.pendiente, .validado, false), (.pendiente, .rechazado, false),
    (.enRevision, .pendiente, false), (.enRevision, .enRevision, false),
    (.enRevision, .validado, true), (.enRevision, .rechazado, true),
    (.validado, .pendiente, false), (.validado, .enRevision, false),
    (.validado, .validado, false), (.validado, .rechazado, false),
    (.rechazado, .pendiente, false), (.rechazado, .enRevision, true),
    (.rechazado, .validado, false), (.rechazado, .rechazado, false),
  ]

  @Test(arguments: moves)
  func allowedMoves(_ from: VoucherStatus, _ to: VoucherStatus, _ allowed: Bool) {
    #expect(from.canMove(to: to) == allowed)
  }

  static let key = ProductionKey(ot: C.ot("OT-1"), code: C.code("A1"), date: C.day("2026-10-02"), timeType: .cma)

  @Test func validatedNeedsEvidence() throws {
    let v = GeneratorVoucher(key: Self.key, status: .enRevision, line: 3)
    #expect(throws: VoucherFinding.validatedWithoutEvidence(Self.key, index: 0, line: 3)) {
      try v.moved(to: .validado, on: C.day("2026-10-20"))
    }
    #expect(throws: VoucherFinding.validatedWithoutEvidence(Self.key, index: 0, line: 3)) {
      try v.moved(to: .validado, evidenceURL: "   ", on: C.day("2026-10-20"))
    }
    let ok = try v.moved(to: .validado, evidenceURL: "https://sharepoint.example/gpu/1.pdf", on: C.day("2026-10-20"))
    #expect(ok.status == .validado)
    #expect(ok.updatedOn == C.day("2026-10-20"))
    #expect(ok.evidenceURL == "https://sharepoint.example/gpu/1.pdf")
    #expect(throws: VoucherFinding.invalidMove(Self.key, from: .pendiente, to: .validado, line: 0)) {
      try GeneratorVoucher(key: Self.key).moved(to: .validado, evidenceURL: "https://x", on: nil)
    }
    #expect(VoucherFinding.invalidMove(Self.key, from: .pendiente, to: .validado, line: 0).description
      == "voucher for OT-1 A1 on 2026-10-02 (CMA) cannot move from PENDIENTE to VALIDADO")
  }

  @Test func registerFindings() {
    let register = VoucherRegister([
      GeneratorVoucher(key: Self.key, status: .validado, evidenceURL: nil, line: 2),
      GeneratorVoucher(key: Self.key, status: .pendiente, line: 3),
    ])
    #expect(register.findings == [
      .validatedWithoutEvidence(Self.key, index: 0, line: 2),
      .duplicate(Self.key, index: 1, line: 3, firstLine: 2),
    ])
    #expect(register.findings.map(\.index) == [0, 1])
    #expect(register[Self.key]?.status == .validado)
    #expect(register.count == 1)
  }

  /// Get-or-create (§4.5). Family OT-1; A1 is in annex C-2 (voucher), K7 in C-7 (none).
  /// Register on file: OT-1 A1 2026-10-02 CMA VALIDADO with evidence, and an older
  /// voucher of September that the month does not touch.
  /// Rows: A1 10-02 CMA 5 → existing, stays VALIDADO; A1 10-06 TE 2 → created
  /// PENDIENTE dated 2026-11-01; A1 10-07 CMA 0 → no voucher (qty 0); K7 10-06 CMA 3 →
  /// no voucher (C-7); A1 10-06 CMA 1 → created.
  @Test func getOrCreateKeepsExistingStatuses() throws {
    let families = WorkOrderFamilies([WorkOrder(ot: C.ot("OT-1"))])
    let auth = ConsolidatedAuthorizations([
      C.annexLine("OT-1", 1, "A1", qty: "100", annex: "C-2"),
      C.annexLine("OT-1", 1, "K7", qty: "100", annex: "C-7"),
    ], families: families)
    let september = ProductionKey(ot: C.ot("OT-1"), code: C.code("A1"), date: C.day("2026-09-28"), timeType: .cma)
    let onFile = VoucherRegister([
      GeneratorVoucher(key: Self.key, status: .validado, evidenceURL: "https://evid.example/a1-1002.pdf", updatedOn: C.day("2026-10-10"), line: 2),
      GeneratorVoucher(key: september, status: .rechazado, line: 3),
    ])
    let result = try ContractBook(workOrders: families, authorizations: auth).validate([
      C.row("OT-1", "A1", "2026-10-02", .cma, "5"),
      C.row("OT-1", "A1", "2026-10-06", .te, "2"),
      C.row("OT-1", "A1", "2026-10-07", .cma, "0"),
      C.row("OT-1", "K7", "2026-10-06", .cma, "3"),
      C.row("OT-1", "A1", "2026-10-06", .cma, "1"),
    ], vouchers: onFile, options: ExcessOptions(voucherDate: C.day("2026-11-01")))

    #expect(result.outcomes.map { $0.validated?.gpuRequired } == [true, true, false, false, true])
    #expect(result.outcomes.map { $0.validated?.gpuStatus } == [.validado, .pendiente, nil, nil, .pendiente])
    let oct6 = C.day("2026-10-06")
    let createdTE = ProductionKey(ot: C.ot("OT-1"), code: C.code("A1"), date: oct6, timeType: .te)
    let createdCMA = ProductionKey(ot: C.ot("OT-1"), code: C.code("A1"), date: oct6, timeType: .cma)
    #expect(result.createdVouchers == [createdCMA, createdTE])
    // Merged register: by OT, code, date, time type.
    #expect(result.vouchers.all.map(\.key) == [september, Self.key, createdCMA, createdTE])
    #expect(result.vouchers.all.map(\.status) == [.rechazado, .validado, .pendiente, .pendiente])
    #expect(result.vouchers[Self.key]?.evidenceURL == "https://evid.example/a1-1002.pdf")
    #expect(result.vouchers[Self.key]?.updatedOn == C.day("2026-10-10"))
    #expect(result.vouchers[createdTE]?.updatedOn == C.day("2026-11-01"))
  }

  /// `--gpu-annex` replaces the list: with only C-7, K7 needs a voucher and A1 does not.
  @Test func voucherAnnexesAreAnOption() throws {
    let families = WorkOrderFamilies([WorkOrder(ot: C.ot("OT-1"))])
    let auth = ConsolidatedAuthorizations([
      C.annexLine("OT-1", 1, "A1", qty: "100", annex: "C-2"),
      C.annexLine("OT-1", 1, "K7", qty: "100", annex: "C-7"),
    ], families: families)
    let result = try ContractBook(workOrders: families, authorizations: auth).validate([
      C.row("OT-1", "A1", "2026-10-06", .cma, "1"),
      C.row("OT-1", "K7", "2026-10-06", .cma, "1"),
    ], options: ExcessOptions(voucherAnnexes: [AnnexName("c-7")]))
    #expect(result.outcomes.map { $0.validated?.gpuRequired } == [false, true])
  }
}
