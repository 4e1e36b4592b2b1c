/// The days a family may produce: [start, end], both included. A missing bound is
/// open (the source system only blocks a day when the date exists).
public struct DateWindow: Hashable, Sendable, CustomStringConvertible {
  public var start: LocalDate?
  public var end: LocalDate?

  public init(start: LocalDate?, end: LocalDate?) {
    self.start = start
    self.end = end
  }

  public func contains(_ date: LocalDate) -> Bool {
    if let start, date < start { return false }
    if let end, date > end { return false }
    return true
  }

  /// `2026-10-01..2026-10-31`, with `…` for an open bound.
  public var description: String {
    "\(start.map(String.init(describing:)) ?? "…")..\(end.map(String.init(describing:)) ?? "…")"
  }
}

/// An initial OT and all its reprogrammings (SPEC §4.1), keyed by the initial OT.
public struct WorkOrderFamily: Hashable, Sendable {
  /// The initial OT.
  public let key: OTCode
  /// The initial OT first, then its reprogrammings in input order.
  public let members: [OTCode]
  /// [earliest start, latest end] over the members (all of them, active or not);
  /// members without a date leave that bound to the others.
  public let window: DateWindow
}

/// What is wrong in a work_orders file. The OT named cannot be placed in a family
/// (except `initialWithParent` and `startAfterEnd`, which are placed but suspect):
/// its production is then rejected as of an unknown work order.
public enum WorkOrderFinding: Hashable, Sendable, CustomStringConvertible {
  /// The same OT on several rows; the first is kept.
  case duplicate(OTCode, line: Int, firstLine: Int)
  /// `parent_ot` names an OT that is not in the file.
  case unknownParent(OTCode, parent: OTCode, line: Int)
  /// Parent links that lead back to where they started: the OTs of the loop, in link
  /// order, starting from the smallest code.
  case parentCycle([OTCode])
  /// A reprogramming with no parent (directly or at the top of its chain).
  case reprogrammingWithoutParent(OTCode, line: Int)
  /// Kind `initial` but a parent is given; the parent is followed, as the source
  /// system does (`ot_principal or id`).
  case initialWithParent(OTCode, parent: OTCode, line: Int)
  /// The end date is before the start date.
  case startAfterEnd(OTCode, start: LocalDate, end: LocalDate, line: Int)

  /// The OT the finding is about (the smallest of a cycle).
  public var ot: OTCode {
    switch self {
    case .duplicate(let ot, _, _), .unknownParent(let ot, _, _),
      .reprogrammingWithoutParent(let ot, _), .initialWithParent(let ot, _, _),
      .startAfterEnd(let ot, _, _, _):
      return ot
    case .parentCycle(let path): return path.first ?? OTCode("")
    }
  }

  public var description: String {
    switch self {
    case .duplicate(let ot, _, let first):
      return "work order \(ot) is already defined on line \(first)"
    case .unknownParent(let ot, let parent, _):
      return "work order \(ot) names parent \(parent), which is not a work order"
    case .parentCycle(let path):
      let loop = (path + path.prefix(1)).map(\.raw).joined(separator: " → ")
      return "parent links form a cycle: \(loop)"
    case .reprogrammingWithoutParent(let ot, _):
      return "reprogramming \(ot) has no initial work order above it (parent_ot is empty)"
    case .initialWithParent(let ot, let parent, _):
      return "work order \(ot) is initial but names parent \(parent); it is placed in the family of \(parent)"
    case .startAfterEnd(let ot, let start, let end, _):
      return "work order \(ot) ends (\(end)) before it starts (\(start))"
    }
  }
}

/// The work orders of a contract grouped into families (SPEC §4.1).
///
/// Every OT is placed by following `parent_ot` up to an OT without a parent, which
/// must be initial: that OT is the family key. The walk is iterative (a chain of
/// any length is fine) and finds loops.
public struct WorkOrderFamilies: Sendable {
  private var orders: [OTCode: WorkOrder] = [:]
  private var familyOf: [OTCode: OTCode] = [:]
  private var byKey: [OTCode: WorkOrderFamily] = [:]
  /// Problems found: row checks (duplicates, dates, initial with parent) in input
  /// order, then placement problems in input order, then cycles.
  public private(set) var findings: [WorkOrderFinding] = []

  public init(_ workOrders: [WorkOrder]) {
    var inputOrder: [OTCode] = []
    for wo in workOrders {
      if let first = orders[wo.ot] {
        findings.append(.duplicate(wo.ot, line: wo.line, firstLine: first.line))
        continue
      }
      orders[wo.ot] = wo
      inputOrder.append(wo.ot)
      if wo.kind == .initial, let parent = wo.parentOT {
        findings.append(.initialWithParent(wo.ot, parent: parent, line: wo.line))
      }
      if let s = wo.startDate, let e = wo.endDate, e < s {
        findings.append(.startAfterEnd(wo.ot, start: s, end: e, line: wo.line))
      }
    }

    // Resolve each OT's root. `resolved[ot]` is .some(root) or .some(nil) once known.
    var resolved: [OTCode: OTCode?] = [:]
    var cycles: [[OTCode]] = []
    for start in inputOrder where resolved[start] == nil {
      var path: [OTCode] = []
      var onPath: [OTCode: Int] = [:]
      var current = start
      var root: OTCode?
      while true {
        if let known = resolved[current] {
          root = known
          break
        }
        if let at = onPath[current] {
          cycles.append(Self.canonicalCycle(Array(path[at...])))
          root = nil
          break
        }
        onPath[current] = path.count
        path.append(current)
        guard let wo = orders[current] else { root = nil; break }  // unreachable: parents are checked below
        guard let parent = wo.parentOT else {
          if wo.kind == .reprogramming {
            findings.append(.reprogrammingWithoutParent(current, line: wo.line))
            root = nil
          } else {
            root = current
          }
          break
        }
        if orders[parent] == nil {
          findings.append(.unknownParent(current, parent: parent, line: wo.line))
          root = nil
          break
        }
        current = parent
      }
      for ot in path { resolved[ot] = .some(root) }
    }
    findings.append(contentsOf: cycles.map(WorkOrderFinding.parentCycle))

    var members: [OTCode: [OTCode]] = [:]
    for ot in inputOrder {
      guard let r = resolved[ot], let root = r else { continue }
      familyOf[ot] = root
      if ot != root { members[root, default: []].append(ot) }
    }
    for (ot, root) in familyOf where ot == root {
      let all = [root] + (members[root] ?? [])
      var start: LocalDate?
      var end: LocalDate?
      for m in all {
        guard let wo = orders[m] else { continue }
        if let s = wo.startDate { start = min(start ?? s, s) }
        if let e = wo.endDate { end = max(end ?? e, e) }
      }
      byKey[root] = WorkOrderFamily(key: root, members: all, window: DateWindow(start: start, end: end))
    }
  }

  /// The loop rotated to start at its smallest OT, so each loop is reported once.
  private static func canonicalCycle(_ loop: [OTCode]) -> [OTCode] {
    guard let smallest = loop.indices.min(by: { loop[$0] < loop[$1] }) else { return loop }
    return Array(loop[smallest...] + loop[..<smallest])
  }

  /// The work order with this code (the first row when it was repeated).
  public func workOrder(_ ot: OTCode) -> WorkOrder? { orders[ot] }

  /// The key (initial OT) of the family an OT belongs to; nil when the OT is unknown
  /// or could not be placed (see `findings`).
  public func familyKey(of ot: OTCode) -> OTCode? { familyOf[ot] }

  public func family(_ key: OTCode) -> WorkOrderFamily? { byKey[key] }

  /// The family an OT belongs to.
  public func family(of ot: OTCode) -> WorkOrderFamily? { familyOf[ot].flatMap { byKey[$0] } }

  /// Every family, by key.
  public var families: [WorkOrderFamily] { byKey.keys.sorted().compactMap { byKey[$0] } }
}

/// The families a run processes (`--family`): what splits a month by family so that
/// the runs over the parts, concatenated, give the run over the whole.
///
/// A row belongs to the part of its key: the family key of its OT, or, for an OT no
/// family holds (unknown or unplaceable), the OT itself, so that every row has
/// exactly one part and its rejection is reported by that part alone.
public struct FamilySelection: Sendable {
  public let keys: Set<OTCode>
  private let families: WorkOrderFamilies

  /// - Parameter keys: family keys (initial OTs); a reprogramming's code selects its
  ///   family; any other code selects the rows of that OT when no family holds it.
  public init(_ keys: [OTCode], of families: WorkOrderFamilies) {
    self.families = families
    self.keys = Set(keys.map { families.familyKey(of: $0) ?? $0 })
  }

  /// From option values: each a code or a comma-separated list of codes (trimmed;
  /// empty items ignored).
  public init(listed values: [String], of families: WorkOrderFamilies) {
    let codes = values.flatMap { $0.split(separator: ",") }.map { String($0).trimmingASCIISpaces() }
    self.init(codes.filter { !$0.isEmpty }.map(OTCode.init), of: families)
  }

  /// The part a row of this OT belongs to.
  public func key(of ot: OTCode) -> OTCode { families.familyKey(of: ot) ?? ot }

  public func contains(_ ot: OTCode) -> Bool { keys.contains(key(of: ot)) }

  /// The selected keys that are families (what a closing closes).
  public var familyKeys: Set<OTCode> { keys.filter { families.family($0) != nil } }
}
