/// How close a concept is to its authorization after a row (SPEC §4.4).
public enum ExcessLevel: String, CaseIterable, Sendable {
  /// Running total ≤ warn × authorized.
  case green
  /// Above that, up to the authorization.
  case yellow
  /// Above the authorization: blocked for payment until authorized.
  case red
}

/// Whether a row can be billed as it is.
public enum BillingStatus: String, CaseIterable, Sendable {
  case pendiente = "PENDIENTE"
  /// The row goes over the authorization; not billable until authorized.
  case excedente = "EXCEDENTE"

  public var name: String { rawValue }
}

/// The state of a concept after one row is added to its running total.
public struct Accumulation: Hashable, Sendable {
  /// Running total after the row (history included).
  public let cumulativeQty: Quantity
  /// authorized − cumulative; negative once the authorization is passed, so that
  /// cumulative + remaining is always the authorization.
  public let remainingQty: Quantity
  /// The part of the row above the authorization: min(qty, cumulative − authorized)
  /// when positive, else 0. A row that crosses the authorization is split: only
  /// what lies beyond it is excess.
  public let excessQty: Quantity
  public let level: ExcessLevel

  /// A row is excess when the running total after it is strictly greater than the
  /// authorization. For a row of quantity 0 that adds nothing this is false, even
  /// past the authorization: a 0 row carries no effect.
  public var isExcess: Bool { excessQty.isPositive }

  public var billingStatus: BillingStatus { isExcess ? .excedente : .pendiente }

  /// Adds `qty` to a running total of `before` against `authorized`.
  ///
  /// level: green while cumulative ≤ warnAt × authorized, yellow while cumulative ≤
  /// authorized, red above. Compared exactly (the product is not rounded). With an
  /// authorization of 0, any positive total is red.
  public init(adding qty: Quantity, to before: Quantity, authorized: Quantity, warnAt: ExactDecimal) {
    let cumulative = before + qty
    cumulativeQty = cumulative
    remainingQty = authorized - cumulative
    let over = cumulative - authorized
    excessQty = qty.isPositive && over.isPositive ? min(qty, over) : .zero
    if Self.isAtMost(cumulative, warnAt, times: authorized) {
      level = .green
    } else if cumulative <= authorized {
      level = .yellow
    } else {
      level = .red
    }
  }

  /// x ≤ w × a, exactly: compares x × 10¹⁰ with w × a at full width (both are
  /// counts of 10⁻²⁰), so no digit of the product is rounded away.
  static func isAtMost(_ x: ExactDecimal, _ w: ExactDecimal, times a: ExactDecimal) -> Bool {
    let left = x.raw.multipliedFullWidth(by: ExactDecimal.one)
    let right = w.raw.multipliedFullWidth(by: a.raw)
    if left.high != right.high { return left.high < right.high }
    return left.low <= right.low
  }
}
