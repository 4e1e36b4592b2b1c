import Foundation
import Testing

/// Every command answers `--help` with an example and the exit statuses, `--version`
/// with taller's version, and a bad option with status 64 (usage).
struct HelpTests {
  /// The executables Package.swift declares.
  static let commands: [String] = {
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Package.swift")
    let text = (try? String(contentsOf: package, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").compactMap { line -> String? in
      guard let r = line.range(of: ".executable(name: \"") else { return nil }
      return String(line[r.upperBound...].prefix { $0 != "\"" })
    }
  }()

  @Test func everyCommandIsListed() {
    #expect(Self.commands.count >= 5)
  }

  @Test(arguments: commands)
  func helpShowsAnExampleAndTheExitStatuses(_ command: String) throws {
    let r = try runShell("\(command) --help", in: URL(fileURLWithPath: NSTemporaryDirectory()))
    let help = String(decoding: r.stdout, as: UTF8.self)
    #expect(r.status == 0)
    #expect(help.contains("USAGE: \(command)"))
    // An example pipeline: a line of the discussion that runs the command itself.
    #expect(help.split(separator: "\n").contains { $0.hasPrefix("  \(command) ") || $0.contains("| \(command)") })
    #expect(help.contains("Exit status: 0"))  // the statuses, shared or the command's own
  }

  @Test(arguments: commands)
  func versionAndUsageErrors(_ command: String) throws {
    let dir = URL(fileURLWithPath: NSTemporaryDirectory())
    let v = try runShell("\(command) --version", in: dir)
    #expect(v.status == 0)
    #expect(String(decoding: v.stdout, as: UTF8.self) == "0.1.0-dev\n")
    let bad = try runShell("\(command) --no-such-option", in: dir)
    #expect(bad.status == 64)
  }
}
