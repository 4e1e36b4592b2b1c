/// Where an authorized value came from: an import of one OT of the family.
public struct AuthorizationSource: Hashable, Sendable {
  public let ot: OTCode
  public let importID: ImportID
  public let importedOn: LocalDate?
  public let annex: AnnexName
  public let authorizedQty: Quantity
  public let unitPriceMXN: Money
  public let unitPriceUSD: Money
  /// Line of the annex input.
  public let line: Int

  init(_ l: AnnexLine) {
    ot = l.ot
    importID = l.importID
    importedOn = l.importedOn
    annex = l.annex
    authorizedQty = l.authorizedQty
    unitPriceMXN = l.unitPriceMXN
    unitPriceUSD = l.unitPriceUSD
    line = l.line
  }
}

/// The authorization in force for one concept of one family (SPEC §4.2).
public struct Authorization: Hashable, Sendable {
  public let family: OTCode
  public let code: ConceptCode
  public let annex: AnnexName
  public let description: String
  public let unit: String
  public let authorizedQty: Quantity
  public let unitPriceMXN: Money
  public let unitPriceUSD: Money
  /// The import the values come from: the latest active one containing the code.
  public let source: AuthorizationSource
  /// The earlier active imports of the family that also contain the code, latest
  /// first: what the source replaced (never added to). For the audit view.
  public let superseded: [AuthorizationSource]
}

/// The authorizations of every family, consolidated from annex imports (SPEC §4.2).
///
/// For a family and a concept code, the authorized quantity, prices, annex,
/// description and unit come from the *latest* active import — the highest
/// `import_id` — among the imports of all the family's OTs that contain the code.
/// A reprogramming therefore replaces the concepts it lists and leaves the others
/// as they were; it never adds quantities. Inactive imports are ignored. A code in
/// no active import is unknown (`authorization(family:code:)` is nil).
///
/// Ties (one import number with the same code twice, which `validateAnnexImport`
/// refuses) go to the line given first.
public struct ConsolidatedAuthorizations: Sendable {
  /// Every authorization, in no particular order; `index` finds one by family and code.
  private var entries: [Authorization] = []
  private var index: [FamilyConcept: Int] = [:]
  /// Positions of annex lines whose OT belongs to no family (unknown OT or one that
  /// could not be placed): not used.
  public private(set) var unplacedLines: [Int] = []

  /// A concept of a family: the key of an authorization and of a running total.
  struct FamilyConcept: Hashable { let family: OTCode; let code: ConceptCode }

  public init(_ lines: [AnnexLine], families: WorkOrderFamilies) {
    var candidates: [FamilyConcept: [Int]] = [:]
    for (i, l) in lines.enumerated() {
      guard let family = families.familyKey(of: l.ot) else {
        unplacedLines.append(i)
        continue
      }
      guard l.active else { continue }
      candidates[FamilyConcept(family: family, code: l.code), default: []].append(i)
    }
    entries.reserveCapacity(candidates.count)
    index.reserveCapacity(candidates.count)
    for (key, indices) in candidates {
      // Latest import first; equal import numbers in input order.
      let ordered = indices.sorted {
        let a = lines[$0].importID, b = lines[$1].importID
        return a != b ? a > b : $0 < $1
      }
      guard let first = ordered.first else { continue }
      let l = lines[first]
      index[key] = entries.count
      entries.append(Authorization(
        family: key.family, code: key.code, annex: l.annex, description: l.description,
        unit: l.unit, authorizedQty: l.authorizedQty, unitPriceMXN: l.unitPriceMXN,
        unitPriceUSD: l.unitPriceUSD, source: AuthorizationSource(l),
        superseded: ordered.dropFirst().map { AuthorizationSource(lines[$0]) }))
    }
  }

  /// The authorization of `code` for the family keyed `family`, or nil when no
  /// active import of the family contains the code.
  public func authorization(family: OTCode, code: ConceptCode) -> Authorization? {
    index[FamilyConcept(family: family, code: code)].map { entries[$0] }
  }

  /// The position of an authorization in `entries`: a running total can then live
  /// in an array instead of a second dictionary (`ExcessLedger`).
  func position(family: OTCode, code: ConceptCode) -> Int? {
    index[FamilyConcept(family: family, code: code)]
  }

  func authorization(at position: Int) -> Authorization { entries[position] }

  var count: Int { entries.count }

  /// Every authorization, by family then code: the audit view
  /// (`import-annex --consolidate`).
  public var all: [Authorization] {
    entries.sorted { ($0.family, $0.code) < ($1.family, $1.code) }
  }
}
