/// The code of a work order (OT, orden de trabajo), kept as text: `007` and `7` differ.
public struct OTCode: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let raw: String
  public init(_ raw: String) { self.raw = raw }
  /// Work orders sort as text (the order of §4.4's tie-break and of every listing).
  public static func < (a: Self, b: Self) -> Bool { a.raw < b.raw }
  public var description: String { raw }
}

/// A work site: a yard, a vessel, a platform or an intercom, by its code in the
/// source system. Guard rotations are set up per site.
public struct SiteID: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let raw: String
  public init(_ raw: String) { self.raw = raw }
  public static func < (a: Self, b: Self) -> Bool { a.raw < b.raw }
  public var description: String { raw }
}

/// Whether a work order is the original one of its family or a later reprogramming.
public enum WorkOrderKind: String, CaseIterable, Sendable {
  /// `id_tipo` 4 in the source system.
  case initial
  /// A later OT of the same family that replaces authorizations (§4.2).
  case reprogramming

  /// Reads `initial`/`inicial`/`4` or `reprogramming`/`reprogramación`/`reprogramacion`,
  /// any case and accents. Nil for anything else (an empty cell included: the kind
  /// is then inferred from the parent, see `WorkOrder.init`).
  public init?(parsing text: String) {
    switch NameFolding.fold(text) {
    case "INITIAL", "INICIAL", "4": self = .initial
    case "REPROGRAMMING", "REPROGRAMACION": self = .reprogramming
    default: return nil
    }
  }
}

/// The kind of site a front works at, which says which site column holds its site.
public enum SiteKind: String, CaseIterable, Sendable {
  case yard, vessel, platform, intercom

  /// Fronts 1 and 3 work at a yard, 2 and 6 on a vessel, 4 and 7 on a platform and
  /// 5 at an intercom (the source system's `id_frente` mapping); nil for others.
  public init?(front: Int) {
    switch front {
    case 1, 3: self = .yard
    case 2, 6: self = .vessel
    case 4, 7: self = .platform
    case 5: self = .intercom
    default: return nil
    }
  }
}

/// One row of the work_orders file (SPEC §3).
public struct WorkOrder: Hashable, Sendable {
  public var ot: OTCode
  /// Empty for an initial OT; the initial OT for a reprogramming.
  public var parentOT: OTCode?
  public var kind: WorkOrderKind
  public var active: Bool
  public var front: Int?
  /// The site as written; empty in most files, where it comes from the front.
  public var site: SiteID?
  public var yard: SiteID?
  public var vessel: SiteID?
  public var platform: SiteID?
  public var intercom: SiteID?
  public var startDate: LocalDate?
  public var endDate: LocalDate?
  /// Line in the input, for messages (0 when unknown).
  public var line: Int

  /// A work order; without `kind`, one with a parent is a reprogramming and one
  /// without is initial.
  public init(
    ot: OTCode, parentOT: OTCode? = nil, kind: WorkOrderKind? = nil, active: Bool = true,
    front: Int? = nil, site: SiteID? = nil, yard: SiteID? = nil, vessel: SiteID? = nil,
    platform: SiteID? = nil, intercom: SiteID? = nil,
    startDate: LocalDate? = nil, endDate: LocalDate? = nil, line: Int = 0
  ) {
    self.ot = ot
    self.parentOT = parentOT
    self.kind = kind ?? (parentOT == nil ? .initial : .reprogramming)
    self.active = active
    self.front = front
    self.site = site
    self.yard = yard
    self.vessel = vessel
    self.platform = platform
    self.intercom = intercom
    self.startDate = startDate
    self.endDate = endDate
    self.line = line
  }

  /// The site the OT works at: `site` when given; otherwise the site column its front
  /// points to (fronts 1,3 → yard; 2,6 → vessel; 4,7 → platform; 5 → intercom).
  /// Nil when neither says (no site, unknown front, or that column empty).
  public var resolvedSite: SiteID? {
    if let site { return site }
    guard let front, let kind = SiteKind(front: front) else { return nil }
    switch kind {
    case .yard: return yard
    case .vessel: return vessel
    case .platform: return platform
    case .intercom: return intercom
    }
  }
}
