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
    if n < powersOfTen.count { return powersOfTen[n] }
    var p = UInt128(1)
    for _ in 0..<n { p *= 10 }
    return p
  }

  /// 10^0 … 10^20: every power the arithmetic of 10 fractional digits uses.
  static let powersOfTen: [UInt128] = {
    var p = UInt128(1)
    return (0...20).map { k in
      defer { p *= 10 }
      return p
    }
  }()

  /// round(x × y ÷ d), half away from zero, on magnitudes.
  static func mulDiv(_ x: UInt128, _ y: UInt128, _ d: UInt128) throws(ArithmeticOverflow) -> UInt128 {
    // A product within 128 bits (any quantity × price of everyday size) divides
    // directly; the 256-bit product and division are for the rest.
    let (product, overflow) = x.multipliedReportingOverflow(by: y)
    if !overflow {
      let (q, r) = product.quotientAndRemainder(dividingBy: d)
      // Half up. q + 1 cannot overflow: with d ≥ 2, q ≤ UInt128.max / 2; with
      // d = 1, r = 0 < d − r and nothing is added.
      return r >= d - r ? q + 1 : q
    }
    let (high, low) = x.multipliedFullWidth(by: y)
    if high >= d { throw ArithmeticOverflow() }
    // The product nearly always fits in 128 bits: a plain division is much
    // cheaper than the full-width one.
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
    if places == Self.scale, let exact = Self.wholeProduct(raw, other.raw) { return ExactDecimal(raw: exact) }
    let d = Self.power(2 * Self.scale - places)
    let q = try Self.mulDiv(raw.magnitude, other.raw.magnitude, d)
    let (scaled, overflow) = q.multipliedReportingOverflow(by: Self.power(Self.scale - places))
    if overflow { throw ArithmeticOverflow() }
    return ExactDecimal(raw: try Self.signed(scaled, negative: (raw < 0) != (other.raw < 0)))
  }

  /// The raw product when one factor is a whole number below 2⁶³ units (12, 2000):
  /// then nothing is rounded, and no 128-bit division is needed. Nil otherwise,
  /// or on overflow (the general path reports it).
  @inline(__always) static func wholeProduct(_ a: Int128, _ b: Int128) -> Int128? {
    func whole(_ x: Int128) -> Int128? {
      guard let small = Int64(exactly: x), small % 10_000_000_000 == 0 else { return nil }
      return Int128(small / 10_000_000_000)
    }
    guard let factor = whole(b) ?? whole(a) else { return nil }
    let (p, overflow) = (whole(b) != nil ? a : b).multipliedReportingOverflow(by: factor)
    return overflow ? nil : p
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
    if minimumPlaces <= Self.scale {
      // Written straight into the string's storage (no array in between).
      return String(unsafeUninitializedCapacity: Self.maxTextBytes) { buffer in
        guard let base = buffer.baseAddress else { return 0 }
        return write(to: base, minimumPlaces: minimumPlaces)
      }
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(32)
    append(to: &bytes, minimumPlaces: minimumPlaces)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the text form to a byte buffer (the CSV writer's fast path).
  public func append(to out: inout [UInt8], minimumPlaces: Int = 0, decimalSeparator: UInt8 = UInt8(ascii: ".")) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maxTextBytes) { buffer in
      guard let base = buffer.baseAddress else { return }
      let n = write(to: base, minimumPlaces: min(minimumPlaces, Self.scale), decimalSeparator: decimalSeparator)
      out.append(contentsOf: UnsafeBufferPointer(start: base, count: n))
    }
    if minimumPlaces > Self.scale {
      // Zeros asked beyond the 10 digits a value can have.
      let places = fractionDigits
      if minimumPlaces > Swift.max(places, Self.scale) {
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: minimumPlaces - Swift.max(places, Self.scale)))
      }
    }
  }

  /// The most bytes `write(to:minimumPlaces:decimalSeparator:)` writes: a sign, 29
  /// integer digits, the separator and 10 fraction digits, rounded up.
  public static let maxTextBytes = 48

  /// Writes the text form at `out`, which has room for `maxTextBytes`, and returns
  /// the number of bytes written. `minimumPlaces` is at most 10. Digits go straight
  /// to `out`: the integer part's length is counted first.
  public func write(to out: UnsafeMutablePointer<UInt8>, minimumPlaces: Int = 0, decimalSeparator: UInt8 = UInt8(ascii: ".")) -> Int {
    let zero = UInt8(ascii: "0")
    let m = raw.magnitude
    var intPart: UInt128
    // The fraction is below 10^10: it fits in 64 bits.
    var frac: UInt64
    if m <= UInt128(UInt64.max) {
      // Every everyday value (below 1.8 × 10^9): 64-bit division by a constant.
      let m64 = UInt64(m)
      intPart = UInt128(m64 / 10_000_000_000)
      frac = m64 % 10_000_000_000
    } else {
      intPart = m / UInt128(Self.one)
      frac = UInt64(m % UInt128(Self.one))
    }
    var places = Self.scale
    if frac == 0 { places = 0 } else {
      while frac % 100_000 == 0 { frac /= 100_000; places -= 5 }
      while frac % 100 == 0 { frac /= 100; places -= 2 }
      if frac % 10 == 0 { frac /= 10; places -= 1 }
    }
    let width = max(places, min(minimumPlaces, Self.scale))

    var k = 0
    if raw < 0 {
      out[0] = UInt8(ascii: "-")
      k = 1
    }
    // Integer digits, right to left, after counting them.
    var digits = 1
    if intPart <= UInt128(UInt64.max) {
      var t = UInt64(intPart)
      while t >= 10 {
        t /= 10
        digits += 1
      }
    } else {
      var t = intPart
      while t >= 10 {
        t /= 10
        digits += 1
      }
    }
    var i = k + digits - 1
    if intPart <= UInt128(UInt64.max) {
      var v = UInt64(intPart)
      while i >= k {
        out[i] = zero + UInt8(v % 10)
        v /= 10
        i -= 1
      }
    } else {
      while i >= k {
        out[i] = zero + UInt8(intPart % 10)
        intPart /= 10
        i -= 1
      }
    }
    k += digits
    if width > 0 {
      out[k] = decimalSeparator
      // The significant fraction digits, then the zeros up to `width`.
      var j = k + places
      while j > k {
        out[j] = zero + UInt8(frac % 10)
        frac /= 10
        j -= 1
      }
      for z in (k + places + 1)..<(k + width + 1) { out[z] = zero }
      k += width + 1
    }
    return k
  }
}

public typealias Quantity = ExactDecimal
public typealias Money = ExactDecimal
