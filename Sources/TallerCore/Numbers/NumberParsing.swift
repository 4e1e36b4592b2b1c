/// How a text cell is read as a number (SPEC §2, docs/BAD-INPUTS.md #21–32).
public struct NumberStyle: Sendable, Hashable {
  /// Which of `.` and `,` is the decimal separator when only one of them appears.
  public enum Convention: Sendable, Hashable {
    /// Decimal point; a lone comma followed by exactly three digits (`1,234`) is
    /// ambiguous and refused. The default for files not delimited by `;`.
    case point
    /// Decimal point, and `1,234` is one thousand two hundred thirty-four
    /// (`--decimal-point`).
    case pointGrouping
    /// Decimal comma; `1.234` is 1234 (`;` files and `--decimal-comma`).
    case comma
  }

  public var convention: Convention
  /// Money columns also accept `$1,234.56`, `MX$ 10`, `US$10`, `10 USD` and `(12.50)`.
  public var isMoney: Bool

  public init(convention: Convention = .point, isMoney: Bool = false) {
    self.convention = convention
    self.isMoney = isMoney
  }

  public static let plain = NumberStyle()
  public static let money = NumberStyle(isMoney: true)

  public func money(_ flag: Bool = true) -> NumberStyle {
    var s = self
    s.isMoney = flag
    return s
  }
}

/// Why a cell is not a number. `message` is the text shown after the cell's place.
public enum NumberError: Error, Sendable, Equatable {
  case empty
  case notANumber
  case scientificNotation
  case specialValue           // NaN, Infinity, #N/A, #VALUE!, …
  case spaceInside            // NBSP, thin space, `_`, space between digits
  case currencyInQuantity
  case ambiguousComma         // `1,234` in a file with the decimal point
  case badGrouping
  case tooManyDecimals
  case overflow

  public var message: String {
    switch self {
    case .empty: return "is empty"
    case .notANumber: return "is not a number"
    case .scientificNotation: return "is in scientific notation (Excel may have mangled a code); write the number in full"
    case .specialValue: return "is not a number (NaN, infinity or a spreadsheet error value)"
    case .spaceInside: return "has a space or '_' inside the number"
    case .currencyInQuantity: return "has a currency sign, which only money columns accept"
    case .ambiguousComma: return "is ambiguous: a comma followed by three digits may group thousands or be the decimal separator; use --decimal-comma or --decimal-point"
    case .badGrouping: return "has misplaced thousands separators"
    case .tooManyDecimals: return "has more than 10 decimals (never rounded silently)"
    case .overflow: return "is too large (overflow)"
    }
  }
}

extension ExactDecimal {
  /// The largest integer part an input may have: 18 digits.
  static let maxIntegerDigits = 18

  /// Reads a cell as an exact decimal. Spaces at both ends are ignored.
  public static func parse(_ text: String, style: NumberStyle = .plain) throws(NumberError) -> ExactDecimal {
    var t = text
    let result = t.withUTF8 { buf in
      Result { () throws(NumberError) -> ExactDecimal in try parse(utf8: buf, style: style) }
    }
    return try result.get()
  }

  /// Reads UTF-8 bytes as an exact decimal (the fast path of the table readers).
  ///
  /// A cell of plain digits (`fastPath`) is read here, inlined into the reader that
  /// asks; anything else (spaces, signs, grouping, the decimal comma, errors) by
  /// the full parser.
  @inlinable @inline(__always)
  public static func parse(utf8 input: UnsafeBufferPointer<UInt8>, style: NumberStyle) throws(NumberError) -> ExactDecimal {
    if !input.isEmpty, let v = fastPath(input, 0, input.count, style) { return v }
    return try parseInFull(utf8: input, style: style)
  }

  /// The full parser: trims, then reads every form SPEC §2 accepts or names the problem.
  @usableFromInline
  static func parseInFull(utf8 input: UnsafeBufferPointer<UInt8>, style: NumberStyle) throws(NumberError) -> ExactDecimal {
    let trimmed = ASCIISpaces.bounds(input)
    var lo = trimmed.lowerBound
    var hi = trimmed.upperBound
    /// Narrows lo..<hi by the spaces at its ends (the one trim).
    @inline(__always) func trimInside() {
      let inner = ASCIISpaces.bounds(UnsafeBufferPointer(rebasing: input[lo..<hi]))
      hi = lo + inner.upperBound
      lo += inner.lowerBound
    }
    if lo == hi { throw .empty }

    // Fast path: plain digits with an optional '-' and one '.' (the common case).
    if let v = fastPath(input, lo, hi, style) { return v }

    var negative = false
    if style.isMoney, input[lo] == UInt8(ascii: "("), input[hi - 1] == UInt8(ascii: ")") {
      negative = true
      lo += 1
      hi -= 1
      trimInside()
    }
    // Sign may come before a currency prefix: -$12.00
    var sawSign = false
    if lo < hi, input[lo] == UInt8(ascii: "-") || input[lo] == UInt8(ascii: "+") {
      if input[lo] == UInt8(ascii: "-") { negative.toggle() }
      sawSign = true
      lo += 1
    }
    // Currency prefix and suffix.
    let (clo, chi, hadCurrency) = stripCurrency(input, lo, hi)
    if hadCurrency {
      if !style.isMoney { throw .currencyInQuantity }
      lo = clo
      hi = chi
      trimInside()
      if !sawSign, lo < hi, input[lo] == UInt8(ascii: "-") || input[lo] == UInt8(ascii: "+") {
        if input[lo] == UInt8(ascii: "-") { negative.toggle() }
        lo += 1
      }
    }
    if lo == hi { throw .notANumber }

    // Classify the body.
    var dots = 0, commas = 0, lastDot = -1, lastComma = -1, digits = 0
    var i = lo
    while i < hi {
      let c = input[i]
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
      case UInt8(ascii: "."): dots += 1; lastDot = i
      case UInt8(ascii: ","): commas += 1; lastComma = i
      default:
        throw classifyBad(input, lo, hi)
      }
      i += 1
    }
    if digits == 0 { throw .notANumber }

    // Decide the decimal separator position (or none).
    var decimalAt = -1
    var groupChar: UInt8 = 0
    if dots > 0 && commas > 0 {
      if lastDot > lastComma {
        decimalAt = lastDot; groupChar = UInt8(ascii: ",")
        if dots > 1 { throw .badGrouping }
      } else {
        decimalAt = lastComma; groupChar = UInt8(ascii: ".")
        if commas > 1 { throw .badGrouping }
      }
    } else if dots + commas > 1 {
      // One separator repeated: it can only group thousands.
      groupChar = dots > 0 ? UInt8(ascii: ".") : UInt8(ascii: ",")
    } else if dots == 1 || commas == 1 {
      let at = dots == 1 ? lastDot : lastComma
      let sep = input[at]
      let after = hi - at - 1
      let threeAfter = after == 3 && at > lo
      switch (style.convention, sep) {
      case (.comma, UInt8(ascii: ",")), (.point, UInt8(ascii: ".")), (.pointGrouping, UInt8(ascii: ".")):
        decimalAt = at
      case (.comma, _):  // a dot in a decimal-comma file
        if threeAfter { groupChar = sep } else { decimalAt = at }
      case (.pointGrouping, _):  // a comma with the decimal point
        if threeAfter { groupChar = sep } else { decimalAt = at }
      case (.point, _):
        if threeAfter { throw .ambiguousComma }
        decimalAt = at
      }
    }

    // Integer part: [lo, intEnd), with grouping checked.
    let intEnd = decimalAt >= 0 ? decimalAt : hi
    var intValue = UInt128(0)
    var significant = 0
    var groupLen = 0
    var groups = 0
    i = lo
    while i < intEnd {
      let c = input[i]
      if c == groupChar && groupChar != 0 {
        if groups == 0 {
          if groupLen < 1 || groupLen > 3 { throw .badGrouping }
        } else if groupLen != 3 { throw .badGrouping }
        groups += 1
        groupLen = 0
      } else if c >= 0x30 && c <= 0x39 {
        groupLen += 1
        if significant > 0 || c != 0x30 { significant += 1 }
        if significant > maxIntegerDigits { throw .overflow }
        intValue = intValue * 10 + UInt128(c - 0x30)
      } else {
        throw .badGrouping  // a separator on the wrong side of the decimal one
      }
      i += 1
    }
    if groups > 0 && groupLen != 3 { throw .badGrouping }
    if groups == 0 && groupLen == 0 && decimalAt < 0 { throw .notANumber }

    // Fraction.
    var frac = UInt128(0)
    var fracDigits = 0
    if decimalAt >= 0 {
      i = decimalAt + 1
      if i == hi { throw .notANumber }  // "5."
      var pendingZeros = 0
      while i < hi {
        let c = input[i]
        guard c >= 0x30 && c <= 0x39 else { throw .badGrouping }
        if c == 0x30 {
          pendingZeros += 1
        } else {
          if fracDigits + pendingZeros + 1 > scale { throw .tooManyDecimals }
          for _ in 0..<pendingZeros { frac *= 10 }
          fracDigits += pendingZeros
          pendingZeros = 0
          frac = frac * 10 + UInt128(c - 0x30)
          fracDigits += 1
        }
        i += 1
      }
    }
    let rawMagnitude = intValue * UInt128(one) + frac * power(scale - fracDigits)
    let v = Int128(rawMagnitude)
    return ExactDecimal(raw: negative ? -v : v)
  }

  /// `-?[0-9]+(\.[0-9]{1,10})?` with at most 18 integer digits, decided in one pass.
  @inlinable @inline(__always)
  static func fastPath(_ p: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, _ style: NumberStyle) -> ExactDecimal? {
    var i = lo
    var negative = false
    if p[i] == UInt8(ascii: "-") { negative = true; i += 1 }
    let start = i
    var value: Int64 = 0
    while i < hi {
      let d = p[i] &- 0x30
      if d > 9 { break }
      value = value &* 10 &+ Int64(d)
      i += 1
    }
    let intDigits = i - start
    if intDigits == 0 || intDigits > 18 { return nil }
    // value < 10^18: times 10^10 (`one`, written out: inlined code reads no
    // global) it stays far below Int128's 1.7 × 10^38.
    var raw = Int128(value) &* 10_000_000_000
    if i < hi {
      guard p[i] == UInt8(ascii: "."), style.convention != .comma else { return nil }
      i += 1
      let fs = i
      var frac: Int64 = 0
      while i < hi {
        let d = p[i] &- 0x30
        if d > 9 { return nil }
        frac = frac &* 10 &+ Int64(d)
        i += 1
      }
      let n = i - fs
      if n == 0 || n > 10 { return nil }
      // frac < 10^n and n ≤ 10: frac × 10^(10 - n) < 10^10 fits an Int64.
      raw += Int128(frac &* fractionScale[10 &- n])
    }
    return ExactDecimal(raw: negative ? -raw : raw)
  }

  /// 10^k for k = 0 … 10, as `Int64`: what brings n fractional digits to the scale.
  @usableFromInline static let fractionScale: [Int64] = (0...10).map { k in (0..<k).reduce(Int64(1)) { p, _ in p * 10 } }

  static func stripCurrency(_ p: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> (Int, Int, Bool) {
    // ASCII letters compared without regard to case, no String or array per call.
    func matches(_ s: StaticString, at start: Int) -> Bool {
      let n = s.utf8CodeUnitCount
      guard start >= lo, start + n <= hi else { return false }
      for k in 0..<n where p[start + k] & 0xDF != s.utf8Start[k] & 0xDF { return false }
      return true
    }
    if matches("MX$", at: lo) || matches("US$", at: lo) || matches("MXN", at: lo) || matches("USD", at: lo) {
      return (lo + 3, hi, true)
    }
    if matches("$", at: lo) { return (lo + 1, hi, true) }
    if matches("MXN", at: hi - 3) || matches("USD", at: hi - 3) { return (lo, hi - 3, true) }
    if matches("$", at: hi - 1) { return (lo, hi - 1, true) }
    return (lo, hi, false)
  }

  static func classifyBad(_ p: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> NumberError {
    let text = String(decoding: UnsafeBufferPointer(rebasing: p[lo..<hi]), as: UTF8.self)
    let upper = text.uppercased()
    if upper.hasPrefix("#") || ["NAN", "INF", "INFINITY", "+INF", "-INF", "-INFINITY", "+INFINITY", "-NAN"].contains(upper) {
      return .specialValue
    }
    // 1E3, 1.23E+11: digits, an E and an exponent.
    var sawE = false
    var onlyNumeric = true
    for c in upper.utf8 {
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "+"), UInt8(ascii: "-"): break
      case UInt8(ascii: "E"): sawE = true
      default: onlyNumeric = false
      }
    }
    if sawE && onlyNumeric { return .scientificNotation }
    for s in text.unicodeScalars {
      switch s.value {
      case 0x20, 0x5F, 0xA0, 0x2009, 0x202F, 0x2007, 0x09: return .spaceInside
      case 0x24: return .currencyInQuantity  // '$' inside: a quantity with currency or a misplaced sign
      default: continue
      }
    }
    return .notANumber
  }
}
