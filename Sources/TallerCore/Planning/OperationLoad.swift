/// Hours and cycles of one routing operation at a workcenter (SPEC §5.4).
public struct OperationLoad: Sendable, Equatable {
  public var hours: Quantity
  public var cycles: Quantity

  public init(hours: Quantity, cycles: Quantity) {
    self.hours = hours
    self.cycles = cycles
  }

  public static let zero = OperationLoad(hours: .zero, cycles: .zero)

  /// The load of an order that runs its recipe `runs` times (r = order qty ÷ the
  /// recipe's `per`) through `step` at `workcenter` — the one formula of SPEC §5.4,
  /// shared by MRP's load and the shop floor:
  ///
  ///     n      = ⌈r ÷ CA⌉                         (batches of CA runs, exact)
  ///     cycles = n × cycles_per_unit
  ///     hours  = hours_per_unit × n + (TS + TN + cycles × TC) × ET     (factor, the source's code)
  ///     hours  = hours_per_unit × n + TS + TN + cycles × TC ÷ (ET ÷ 100) (`.percent`)
  ///
  /// The manual's short form ((⌈C ÷ CA⌉) × TC + TS + TN) × ET is the case of one cycle
  /// per run and no fixed hours: capacity 6 per cycle and 15 runs take 3 cycles.
  /// A blank ET is 1 (factor) or 100 (percent); CA ≤ 0 is taken as 1; ET ≤ 0 as the default.
  public static func of(
    runs: Quantity, workcenter: Workcenter, step: RoutingStep, convention: EfficiencyConvention
  ) throws(ArithmeticOverflow) -> OperationLoad {
    let ca = workcenter.capacityPerCycle.isPositive ? workcenter.capacityPerCycle : Quantity(1)
    // ⌈r ÷ CA⌉ on the raw integers: exact, never rounded at the tenth decimal first.
    let r = runs.raw < 0 ? 0 : runs.raw
    var batches = r / ca.raw
    if r % ca.raw != 0 { batches += 1 }
    let n = Quantity(raw: batches * ExactDecimal.one)
    let cycles = try n.multiplied(by: step.cyclesPerUnit)
    let fixed = try step.hoursPerUnit.multiplied(by: n)
    let cycleHours = try cycles.multiplied(by: workcenter.hoursPerCycle)
    let around = workcenter.setupHours + workcenter.cleanupHours
    switch convention {
    case .factor:
      let et = workcenter.efficiency.flatMap { $0.isPositive ? $0 : nil } ?? Quantity(1)
      return OperationLoad(hours: fixed + (try (around + cycleHours).multiplied(by: et)), cycles: cycles)
    case .percent:
      let et = workcenter.efficiency.flatMap { $0.isPositive ? $0 : nil } ?? Quantity(100)
      let scaled = try (try cycleHours.multiplied(by: Quantity(100))).divided(by: et)
      return OperationLoad(hours: fixed + around + scaled, cycles: cycles)
    }
  }
}
