/// Which of a site's two supervisors is on duty.
public enum GuardShift: String, Sendable, CaseIterable {
  case a = "A"
  case b = "B"
}

/// The supervisor rotation of a site: a row of the guards file (SPEC §3, §4.6).
public struct GuardRotation: Hashable, Sendable {
  public let site: SiteID
  public let supervisorA: String
  public let supervisorB: String
  /// The first day of a turn of supervisor A.
  public let aStartsOn: LocalDate
  /// Length of one turn in days (14 for a 14×14 rotation).
  public let days: Int
  public let line: Int

  /// A rotation, or nil when `days` is not positive.
  public init?(site: SiteID, supervisorA: String, supervisorB: String, aStartsOn: LocalDate, days: Int = 14, line: Int = 0) {
    guard days > 0 else { return nil }
    self.site = site
    self.supervisorA = supervisorA
    self.supervisorB = supervisorB
    self.aStartsOn = aStartsOn
    self.days = days
    self.line = line
  }

  /// A is on duty when ⌊(d − a_starts_on) ÷ days⌋ is even, B when it is odd.
  /// The division floors for days before `a_starts_on` too: with 14-day turns the
  /// day before the start is turn −1 (B), and 14 days before is turn −1 as well.
  public func shift(on date: LocalDate) -> GuardShift {
    let delta = date - aStartsOn
    // Swift's `/` truncates toward zero; floor it for negative deltas.
    let turn = delta >= 0 ? delta / days : -((-delta + days - 1) / days)
    return turn % 2 == 0 ? .a : .b
  }

  /// The name of the supervisor on duty on `date`.
  public func supervisor(on date: LocalDate) -> String {
    shift(on: date) == .a ? supervisorA : supervisorB
  }
}

/// The rotations of every site. A site given twice keeps its first rotation; the
/// later ones are listed in `duplicates`.
public struct GuardSchedule: Sendable {
  private var bySite: [SiteID: GuardRotation] = [:]
  public private(set) var duplicates: [GuardRotation] = []
  /// Each duplicate's position in the list given (which names its file when
  /// several were read).
  public private(set) var duplicateIndices: [Int] = []

  public init(_ rotations: [GuardRotation] = []) {
    for (i, r) in rotations.enumerated() {
      if bySite[r.site] == nil {
        bySite[r.site] = r
      } else {
        duplicates.append(r)
        duplicateIndices.append(i)
      }
    }
  }

  public func rotation(at site: SiteID) -> GuardRotation? { bySite[site] }

  /// The supervisor on duty at `site` on `date`; nil for a site without a rotation.
  public func supervisor(at site: SiteID, on date: LocalDate) -> String? {
    bySite[site]?.supervisor(on: date)
  }
}
