/// The name of a contract annex (`C-2`, `C-3`, `C2EXT`, `C3EXT`, `C-7`…), trimmed
/// and uppercased so `c-2 ` and `C-2` are the same annex. `C2` and `C-2` differ.
public struct AnnexName: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let raw: String
  public init(_ text: String) {
    let t = text.trimmingASCIISpaces()
    // Most names are already ASCII upper case (C-2, C2EXT): no new string then.
    raw = t.utf8.allSatisfy { $0 < 0x80 && !(0x61...0x7A).contains($0) } ? t : t.uppercased()
  }
  public static func < (a: Self, b: Self) -> Bool { a.raw < b.raw }
  public var description: String { raw }

  /// The annexes whose production needs a generator voucher unless `--gpu-annex`
  /// says otherwise (SPEC §4.5).
  public static let voucherDefaults: Set<AnnexName> = [
    AnnexName("C-2"), AnnexName("C-3"), AnnexName("C2EXT"), AnnexName("C3EXT"),
  ]

  /// The annexes `--gpu-annex` names (repeatable, each a comma-separated list);
  /// `voucherDefaults` when it names none.
  public static func voucherAnnexes(_ lists: [String]) -> Set<AnnexName> {
    lists.isEmpty ? voucherDefaults : Set(lists.flatMap { $0.split(separator: ",") }.map { AnnexName(String($0)) })
  }
}

/// The code of a concept (partida) of an annex, kept as text: `007` and `7` differ.
public struct ConceptCode: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let raw: String
  public init(_ raw: String) { self.raw = raw }
  public static func < (a: Self, b: Self) -> Bool { a.raw < b.raw }
  public var description: String { raw }
}

/// The number of an annex import (`importacion_anexo`). A later import of a family
/// has a higher number; that order is what "latest" means in §4.2.
public struct ImportID: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let raw: Int
  public init(_ raw: Int) { self.raw = raw }
  public static func < (a: Self, b: Self) -> Bool { a.raw < b.raw }
  public var description: String { String(raw) }
}

public enum Currency: String, Sendable, CaseIterable {
  case mxn = "MXN"
  case usd = "USD"
}

/// One concept of one annex import of one OT: a row of the annex file (SPEC §3).
public struct AnnexLine: Hashable, Sendable {
  public var ot: OTCode
  public var importID: ImportID
  public var importedOn: LocalDate?
  /// Inactive imports are ignored by consolidation.
  public var active: Bool
  public var annex: AnnexName
  public var code: ConceptCode
  public var description: String
  public var unit: String
  public var authorizedQty: Quantity
  public var unitPriceMXN: Money
  public var unitPriceUSD: Money
  /// Line in the input, for messages (0 when unknown).
  public var line: Int

  public init(
    ot: OTCode, importID: ImportID, importedOn: LocalDate? = nil, active: Bool = true,
    annex: AnnexName, code: ConceptCode, description: String = "", unit: String = "",
    authorizedQty: Quantity, unitPriceMXN: Money = .zero, unitPriceUSD: Money = .zero,
    line: Int = 0
  ) {
    self.ot = ot
    self.importID = importID
    self.importedOn = importedOn
    self.active = active
    self.annex = annex
    self.code = code
    self.description = description
    self.unit = unit
    self.authorizedQty = authorizedQty
    self.unitPriceMXN = unitPriceMXN
    self.unitPriceUSD = unitPriceUSD
    self.line = line
  }
}

/// Why a line of an annex import is refused by `import-annex`. `index` is the
/// line's position in the array given to `validateAnnexImport`; `line` is its line.
public enum AnnexFinding: Hashable, Sendable, CustomStringConvertible {
  /// The code cell is empty.
  case missingCode(index: Int, line: Int)
  /// Authorized quantities are not negative (corrections are edits).
  case negativeQuantity(index: Int, line: Int, code: ConceptCode, qty: Quantity)
  case negativePrice(index: Int, line: Int, code: ConceptCode, currency: Currency, price: Money)
  /// The same code more than once in one import; every such line is refused,
  /// naming the others (which one is meant cannot be guessed).
  case duplicateCode(index: Int, line: Int, code: ConceptCode, otherLines: [Int])
  /// The import number already belongs to another OT (an import is of one OT).
  case importReused(index: Int, line: Int, importID: ImportID, ot: OTCode, otherOT: OTCode)

  public var index: Int {
    switch self {
    case .missingCode(let i, _), .negativeQuantity(let i, _, _, _), .negativePrice(let i, _, _, _, _),
      .duplicateCode(let i, _, _, _), .importReused(let i, _, _, _, _):
      return i
    }
  }

  public var line: Int {
    switch self {
    case .missingCode(_, let l), .negativeQuantity(_, let l, _, _), .negativePrice(_, let l, _, _, _),
      .duplicateCode(_, let l, _, _), .importReused(_, let l, _, _, _):
      return l
    }
  }

  /// The `reason` written next to the refused line.
  public var description: String {
    switch self {
    case .missingCode:
      return "concept code is empty"
    case .negativeQuantity(_, _, let code, let qty):
      return "authorized quantity of \(code) is negative (\(qty))"
    case .negativePrice(_, _, let code, let currency, let price):
      return "unit price \(currency.rawValue) of \(code) is negative (\(price))"
    case .duplicateCode(_, _, let code, let others):
      let list = others.map(String.init).joined(separator: ", ")
      return "concept \(code) appears more than once in the import (also line\(others.count == 1 ? "" : "s") \(list))"
    case .importReused(_, _, let id, let ot, let other):
      return "import \(id) belongs to work order \(other), not \(ot)"
    }
  }
}

/// The checks `import-annex` makes on the lines of new imports before writing them.
///
/// - `lines`: the lines being imported (one import or several).
/// - `existing`: annex lines already on file, which only matter for import numbers:
///   an import number belongs to one OT, so a number already used by another OT is
///   refused. (Re-importing the same number for the same OT is not a finding.)
///
/// A line gets one finding per problem, in this order: empty code, negative
/// quantity, negative prices, duplicate code, reused import number. The result is
/// in line order.
public func validateAnnexImport(_ lines: [AnnexLine], existing: [AnnexLine] = []) -> [AnnexFinding] {
  var findings: [AnnexFinding] = []

  // Which OT each import number belongs to: the existing lines first, then the new
  // lines in order (the first OT seen owns the number).
  var owner: [ImportID: OTCode] = [:]
  for l in existing where owner[l.importID] == nil { owner[l.importID] = l.ot }
  for l in lines where owner[l.importID] == nil { owner[l.importID] = l.ot }

  // Lines of each code within each import (ot, import).
  struct ImportKey: Hashable { let ot: OTCode; let importID: ImportID; let code: ConceptCode }
  // The first line of each key; only keys seen again keep a list of their lines.
  var firstOfCode: [ImportKey: Int] = [:]
  firstOfCode.reserveCapacity(lines.count)
  var linesOfCode: [Int: [Int]] = [:]
  var first = [Int](repeating: -1, count: lines.count)
  for (i, l) in lines.enumerated() where !l.code.raw.trimmingASCIISpaces().isEmpty {
    let key = ImportKey(ot: l.ot, importID: l.importID, code: l.code)
    if let f = firstOfCode[key] {
      linesOfCode[f, default: [f]].append(i)
      first[i] = f
    } else {
      firstOfCode[key] = i
      first[i] = i
    }
  }

  for (i, l) in lines.enumerated() {
    if l.code.raw.trimmingASCIISpaces().isEmpty {
      findings.append(.missingCode(index: i, line: l.line))
    }
    if l.authorizedQty.isNegative {
      findings.append(.negativeQuantity(index: i, line: l.line, code: l.code, qty: l.authorizedQty))
    }
    if l.unitPriceMXN.isNegative {
      findings.append(.negativePrice(index: i, line: l.line, code: l.code, currency: .mxn, price: l.unitPriceMXN))
    }
    if l.unitPriceUSD.isNegative {
      findings.append(.negativePrice(index: i, line: l.line, code: l.code, currency: .usd, price: l.unitPriceUSD))
    }
    if first[i] >= 0, let same = linesOfCode[first[i]], same.count > 1 {
      let others = same.filter { $0 != i }.map { lines[$0].line }
      findings.append(.duplicateCode(index: i, line: l.line, code: l.code, otherLines: others))
    }
    if let o = owner[l.importID], o != l.ot {
      findings.append(.importReused(index: i, line: l.line, importID: l.importID, ot: l.ot, otherOT: o))
    }
  }
  return findings
}
