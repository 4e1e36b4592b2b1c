import TallerIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Progress on standard error for long work: only when it is a terminal, and only
/// after two seconds (or at once with `--progress`); never in pipes or cron mail.
public final class Progress {
  private let enabled: Bool
  private let label: String
  private let start: Double
  private var last: Double = 0
  private var shown = false
  private var immediate: Bool

  public init(_ label: String, requested: Bool = false) {
    self.label = label
    enabled = isatty(2) == 1
    immediate = requested
    start = Progress.now()
  }

  static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  /// Call often; prints at most twice a second.
  @inline(__always) public func update(_ count: Int) {
    guard enabled, count & 0x3FFF == 0 else { return }
    let t = Progress.now()
    guard immediate || t - start > 2, t - last > 0.5 else { return }
    last = t
    shown = true
    let text = "\r\(label): \(count) rows"
    _ = text.withCString { Glibc.write(2, $0, strlen($0)) }
  }

  /// Clears the progress line.
  public func done() {
    guard shown else { return }
    let text = "\r\u{1B}[K"
    _ = text.withCString { Glibc.write(2, $0, strlen($0)) }
  }
}
