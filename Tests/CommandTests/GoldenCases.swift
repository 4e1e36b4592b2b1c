import Foundation
import Testing

/// Golden command cases: a folder per case under `Fixtures/<command>/<case>/` with
///
/// - `cmd`: the command line, run by `/bin/sh` in a scratch copy of the folder with
///   the built executables first on PATH, standard input from /dev/null, TZ=UTC;
/// - the inputs it names;
/// - `expected.stdout`, `expected.stderr`, `expected.status`: compared byte for byte;
/// - `expected/`: optional files the command writes (compared by name);
/// - `README`: one line saying what the case shows (and, where values were worked
///   out by hand, the arithmetic).
///
/// `RECORD=1 swift test --filter CommandTests` rewrites the expected files from the
/// actual run and fails, so nothing is ever recorded silently: review the diff.
struct GoldenCase: CustomTestStringConvertible, Sendable {
  let command: String
  let name: String
  let directory: URL

  var testDescription: String { "\(command)/\(name)" }

  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static func all() -> [GoldenCase] {
    let fm = FileManager.default
    var cases: [GoldenCase] = []
    let commands = (try? fm.contentsOfDirectory(atPath: fixtures.path)) ?? []
    for command in commands.sorted() {
      let dir = fixtures.appendingPathComponent(command)
      let names = (try? fm.contentsOfDirectory(atPath: dir.path)) ?? []
      for name in names.sorted() {
        let caseDir = dir.appendingPathComponent(name)
        if fm.fileExists(atPath: caseDir.appendingPathComponent("cmd").path) {
          cases.append(GoldenCase(command: command, name: name, directory: caseDir))
        }
      }
    }
    return cases
  }
}

/// Where `swift build` put the executables: next to the test bundle, or $TALLER_BIN_DIR.
func executablesDirectory() -> URL {
  if let dir = ProcessInfo.processInfo.environment["TALLER_BIN_DIR"] {
    return URL(fileURLWithPath: dir)
  }
  var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
  while url.path != "/" {
    url.deleteLastPathComponent()
    if FileManager.default.fileExists(atPath: url.appendingPathComponent("export-xlsx").path) {
      return url
    }
  }
  // The package's default build folder.
  return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent(".build/debug")
}

struct RunResult {
  var stdout: Data
  var stderr: Data
  var status: Int32
}

/// Runs a shell command line in `directory` with the executables on PATH.
func runShell(_ commandLine: String, in directory: URL, stdin: URL? = nil) throws -> RunResult {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/sh")
  process.arguments = ["-c", commandLine]
  process.currentDirectoryURL = directory
  var env = ProcessInfo.processInfo.environment
  env["PATH"] = executablesDirectory().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
  env["TZ"] = "UTC"
  env["LC_ALL"] = "C.UTF-8"
  env.removeValue(forKey: "SOURCE_DATE_EPOCH")
  process.environment = env
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  process.standardInput = try FileHandle(forReadingFrom: stdin ?? URL(fileURLWithPath: "/dev/null"))
  try process.run()
  // Read both pipes concurrently so a chatty command cannot block on a full pipe.
  final class Box: @unchecked Sendable { var data = Data() }
  let errBox = Box()
  let group = DispatchGroup()
  group.enter()
  let errHandle = err.fileHandleForReading
  DispatchQueue.global().async {
    errBox.data = errHandle.readDataToEndOfFile()
    group.leave()
  }
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  group.wait()
  process.waitUntilExit()
  return RunResult(stdout: outData, stderr: errBox.data, status: process.terminationStatus)
}

/// A scratch copy of a folder, removed by the caller.
func scratchCopy(of directory: URL) throws -> URL {
  let tmp = FileManager.default.temporaryDirectory
    .appendingPathComponent("taller-case-\(UUID().uuidString)")
  try FileManager.default.copyItem(at: directory, to: tmp)
  return tmp
}

@Suite struct CommandCases {
  /// `GoldenCase.all()` finds nothing when `Fixtures/` is missing or holds no case,
  /// and the parameterized test below would then pass having run nothing: fail here.
  @Test func fixturesArePresent() throws {
    try #require(
      FileManager.default.fileExists(atPath: GoldenCase.fixtures.path),
      "golden cases missing: \(GoldenCase.fixtures.path) does not exist (it is part of the repository)")
    let cases = GoldenCase.all()
    try #require(!cases.isEmpty, "golden cases missing: no <command>/<case>/cmd under \(GoldenCase.fixtures.path)")
    // Every command folder holds at least one case, and every case folder a `cmd`
    // (a folder without one would be left out of the run without a word).
    let fm = FileManager.default
    for command in try fm.contentsOfDirectory(atPath: GoldenCase.fixtures.path) where !command.hasPrefix(".") {
      let dir = GoldenCase.fixtures.appendingPathComponent(command)
      #expect(cases.contains { $0.command == command }, "Fixtures/\(command) holds no case with a cmd file")
      for name in try fm.contentsOfDirectory(atPath: dir.path) where !name.hasPrefix(".") {
        #expect(
          cases.contains { $0.command == command && $0.name == name },
          "Fixtures/\(command)/\(name) has no cmd file, so it is not run")
      }
    }
  }

  @Test(arguments: GoldenCase.all())
  func golden(_ c: GoldenCase) throws {
    let fm = FileManager.default
    let work = try scratchCopy(of: c.directory)
    defer { try? fm.removeItem(at: work) }
    let cmd = try String(contentsOf: c.directory.appendingPathComponent("cmd"), encoding: .utf8)
    let result = try runShell(cmd.trimmingCharacters(in: .whitespacesAndNewlines), in: work)
    let statusText = Data("\(result.status)\n".utf8)

    var expectations: [(String, Data)] = [
      ("expected.stdout", result.stdout), ("expected.stderr", result.stderr), ("expected.status", statusText),
    ]
    let expectedDir = c.directory.appendingPathComponent("expected")
    if let files = try? fm.contentsOfDirectory(atPath: expectedDir.path) {
      for f in files.sorted() {
        let produced = (try? Data(contentsOf: work.appendingPathComponent(f))) ?? Data("<missing>".utf8)
        expectations.append(("expected/\(f)", produced))
      }
    }

    if ProcessInfo.processInfo.environment["RECORD"] == "1" {
      for (name, data) in expectations {
        try data.write(to: c.directory.appendingPathComponent(name))
      }
      Issue.record("recorded \(c.testDescription); review the diff and run again without RECORD=1")
      return
    }
    for (name, actual) in expectations {
      let expectedURL = c.directory.appendingPathComponent(name)
      guard let expected = try? Data(contentsOf: expectedURL) else {
        Issue.record("\(c.testDescription): \(name) is missing (RECORD=1 writes it; check it by hand)")
        continue
      }
      #expect(
        actual == expected,
        "\(c.testDescription): \(name) differs\n--- expected\n\(String(decoding: expected, as: UTF8.self))\n--- actual\n\(String(decoding: actual, as: UTF8.self))"
      )
    }
  }
}
