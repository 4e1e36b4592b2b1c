/// An exact decimal number with ten fractional digits: quantities and money.
///
/// Stored as a count of 10⁻¹⁰ units in an `Int128`, so the range is about
/// ±1.7 × 10²⁸ — far beyond any total a month or a plan can reach (an `Int64`
/// at this scale would stop at 9.2 × 10⁸). Never goes through binary floating
/// point: parsing, arithmetic and rounding are integer operations.
///
/// Sums use `+` and `-`, which trap on overflow like every Swift integer; inputs
/// are limited to 18 integer digits by the parser, so no sum of a linear number
/// of inputs can reach the range. Products and quotients, which can, throw.
public struct ExactDecimal: Hashable, Comparable, Sendable {
  /// Fractional digits kept.
  public static let scale = 10
  /// The number of raw units in 1.
  public static let one = Int128(10_000_000_000)

  /// The value times 10¹⁰.
  public var raw: Int128

  @inlinable public init(raw: Int128) { self.raw = raw }

  /// An integer value.
  @inlinable public init(_ integer: Int) { self.raw = Int128(integer) * Self.one }

  public static let zero = ExactDecimal(raw: 0)

  @inlinable public static func < (a: Self, b: Self) -> Bool { a.raw < b.raw }
  @inlinable public static func + (a: Self, b: Self) -> Self { Self(raw: a.raw + b.raw) }
  @inlinable public static func - (a: Self, b: Self) -> Self { Self(raw: a.raw - b.raw) }
  @inlinable public static prefix func - (a: Self) -> Self { Self(raw: -a.raw) }
  @inlinable public static func += (a: inout Self, b: Self) { a.raw += b.raw }
  @inlinable public static func -= (a: inout Self, b: Self) { a.raw -= b.raw }

  @inlinable public var isZero: Bool { raw == 0 }
  @inlinable public var isNegative: Bool { raw < 0 }
  @inlinable public var isPositive: Bool { raw > 0 }
  @inlinable public var magnitude: Self { Self(raw: raw < 0 ? -raw : raw) }

  /// The number of fractional digits needed to write the value exactly (0…10).
  public var fractionDigits: Int {
    var r = raw.magnitude % UInt128(Self.one)
    if r == 0 { return 0 }
    var digits = Self.scale
    while r % 10 == 0 { r /= 10; digits -= 1 }
    return digits
  }

  /// True when the value is a whole number.
  public var isInteger: Bool { raw % Self.one == 0 }
}

// MARK: - Rounding, products and quotients

/// The value is beyond the range of `ExactDecimal`.
public struct ArithmeticOverflow: Error, Sendable, Equatable {
  public init() {}
}

extension ExactDecimal {
  /// 10^n for 0 ≤ n ≤ 38.
  @usableFromInline static func power(_ n: Int) -> UInt128 {
    var p = UInt128(1)
    for _ in 0..<n { p *= 10 }
    return p
  }

  /// round(x × y ÷ d), half away from zero, on magnitudes.
  static func mulDiv(_ x: UInt128, _ y: UInt128, _ d: UInt128) throws(ArithmeticOverflow) -> UInt128 {
    let (high, low) = x.multipliedFullWidth(by: y)
    if high >= d { throw ArithmeticOverflow() }
    // A product within 128 bits (any quantity × price of everyday size) divides
    // directly; the 256-bit division is for the rest.
    let (q, r) = high == 0 ? low.quotientAndRemainder(dividingBy: d) : d.dividingFullWidth((high, low))
    // r < d ≤ 10^38 < 2^127, so 2r does not overflow.
    if r >= d - r {
      if q == UInt128.max { throw ArithmeticOverflow() }
      return q + 1
    }
    return q
  }

  static func signed(_ magnitude: UInt128, negative: Bool) throws(ArithmeticOverflow) -> Int128 {
    if magnitude > UInt128(Int128.max) { throw ArithmeticOverflow() }
    let v = Int128(magnitude)
    return negative ? -v : v
  }

  /// The value rounded half-up (half away from zero) to `places` fractional digits.
  ///
  /// `2.345` → `2.35`, `-2.345` → `-2.35`: the rule of SPEC §4.8 for money.
  public func rounded(toPlaces places: Int) -> ExactDecimal {
    precondition((0...Self.scale).contains(places), "places must be 0…10")
    if places == Self.scale { return self }
    let step = Int128(Self.power(Self.scale - places))
    let m = raw.magnitude
    let s = UInt128(step)
    var q = m / s
    if m % s >= s - m % s { q += 1 }
    let v = Int128(q) * step
    return ExactDecimal(raw: raw < 0 ? -v : v)
  }

  /// The exact product x × y rounded half-up to `places` fractional digits (default 10).
  ///
  /// The product is formed at full width (20 fractional digits) and rounded once,
  /// so `qty × price` rounded to cents is never rounded twice.
  public func multiplied(by other: ExactDecimal, places: Int = ExactDecimal.scale) throws(ArithmeticOverflow) -> ExactDecimal {
    precondition((0...Self.scale).contains(places), "places must be 0…10")
    let d = Self.power(2 * Self.scale - places)
    let q = try Self.mulDiv(raw.magnitude, other.raw.magnitude, d)
    let (scaled, overflow) = q.multipliedReportingOverflow(by: Self.power(Self.scale - places))
    if overflow { throw ArithmeticOverflow() }
    return ExactDecimal(raw: try Self.signed(scaled, negative: (raw < 0) != (other.raw < 0)))
  }

  /// The quotient x ÷ y rounded half-up to `places` fractional digits (default 10).
  /// - Precondition: `divisor` is not zero.
  public func divided(by divisor: ExactDecimal, places: Int = ExactDecimal.scale) throws(ArithmeticOverflow) -> ExactDecimal {
    precondition(!divisor.isZero, "division by zero")
    precondition((0...Self.scale).contains(places), "places must be 0…10")
    // raw result (scale 10) = x.raw × 10^10 ÷ y.raw; to `places`: × 10^places ÷ 10^(10) first.
    let q = try Self.mulDiv(raw.magnitude, Self.power(places), divisor.raw.magnitude)
    let (scaled, overflow) = q.multipliedReportingOverflow(by: Self.power(Self.scale - places))
    if overflow { throw ArithmeticOverflow() }
    return ExactDecimal(raw: try Self.signed(scaled, negative: (raw < 0) != (divisor.raw < 0)))
  }

  /// The smallest integer ≥ the value (⌈x⌉).
  public func ceiling() -> ExactDecimal {
    let r = raw % Self.one
    if r == 0 { return self }
    return ExactDecimal(raw: raw > 0 ? raw - r + Self.one : raw - r)
  }

  /// The largest integer ≤ the value (⌊x⌋).
  public func floor() -> ExactDecimal {
    let r = raw % Self.one
    if r == 0 { return self }
    return ExactDecimal(raw: raw > 0 ? raw - r : raw - r - Self.one)
  }

  /// The nearest `Double`: only for writing a spreadsheet cell, never for a rule.
  public var doubleValue: Double {
    let i = raw / Self.one
    let f = raw % Self.one
    return Double(i) + Double(f) / 1e10
  }
}

// MARK: - Text

extension ExactDecimal: CustomStringConvertible {
  /// The shortest exact form: `12`, `3.5`, `-0.0001`; never exponent notation.
  public var description: String { formatted(minimumPlaces: 0) }

  /// Written with at least `minimumPlaces` fractional digits (`12.50` for 2), more
  /// when the value needs them; `.` decimal point, no grouping.
  public func formatted(minimumPlaces: Int) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(32)
    append(to: &bytes, minimumPlaces: minimumPlaces)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the text form to a byte buffer (the CSV writer's fast path): digits go
  /// straight into `out`, with no buffer of their own.
  public func append(to out: inout [UInt8], minimumPlaces: Int = 0, decimalSeparator: UInt8 = UInt8(ascii: ".")) {
    let zero = UInt8(ascii: "0")
    let m = raw.magnitude
    let one = UInt128(Self.one)
    let intPart = m / one
    // The fraction is below 10^10: it fits in 64 bits.
    var frac = UInt64(m % one)
    var places = Self.scale
    if frac == 0 { places = 0 } else {
      while frac % 10 == 0 { frac /= 10; places -= 1 }
    }
    if raw < 0 { out.append(UInt8(ascii: "-")) }
    // Integer digits, least significant first, then reversed in place.
    let first = out.count
    if intPart <= UInt128(UInt64.max) {
      var v = UInt64(intPart)
      repeat {
        out.append(zero + UInt8(v % 10))
        v /= 10
      } while v > 0
    } else {
      var v = intPart
      repeat {
        out.append(zero + UInt8(v % 10))
        v /= 10
      } while v > 0
    }
    out[first...].reverse()
    let width = max(places, minimumPlaces)
    if width > 0 {
      out.append(decimalSeparator)
      let start = out.count
      for _ in 0..<width { out.append(zero) }
      // The `places` significant fraction digits, right-aligned in their own width;
      // the zeros after them (up to `minimumPlaces`) stay.
      var k = start + places - 1
      while frac > 0 {
        out[k] = zero + UInt8(frac % 10)
        frac /= 10
        k -= 1
      }
    }
  }
}

public typealias Quantity = ExactDecimal
public typealias Money = ExactDecimal
