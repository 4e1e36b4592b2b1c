// swift-tools-version:6.0
import PackageDescription

/// The hot loops (reading fields into records, writing cells) touch class storage
/// millions of times; in release builds the dynamic exclusivity checks on it cost
/// about 15% of a CSV pass (callgrind: swift_beginAccess). Debug builds and tests
/// keep them.
let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
  name: "taller",
  products: [
    .library(name: "TallerCore", targets: ["TallerCore"]),
    .executable(name: "close-month", targets: ["close-month"]),
    .executable(name: "convert-table", targets: ["convert-table"]),
    .executable(name: "export-xlsx", targets: ["export-xlsx"]),
    .executable(name: "explode-bom", targets: ["explode-bom"]),
    .executable(name: "import-annex", targets: ["import-annex"]),
    .executable(name: "post-documents", targets: ["post-documents"]),
    .executable(name: "repair-orders", targets: ["repair-orders"]),
    .executable(name: "schedule-mrp", targets: ["schedule-mrp"]),
    .executable(name: "track-operations", targets: ["track-operations"]),
    .executable(name: "validate-excess", targets: ["validate-excess"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
  ],
  targets: [
    // C libraries, each entering through a module map and a shim header.
    .systemLibrary(
      name: "CCSV", path: "Sources/CCSV",
      providers: [.apt(["libcsv-dev"])]),
    .systemLibrary(
      name: "CXLSXWriter", path: "Sources/CXLSXWriter", pkgConfig: "xlsxwriter",
      providers: [.apt(["libxlsxwriter-dev"])]),

    // Every business rule. Pure: no files, no C, no clock, no printing.
    .target(name: "TallerCore", swiftSettings: fast),
    // Tables in and out: CSV over libcsv, JSON/NDJSON, XLSX over libxlsxwriter.
    .target(name: "TallerIO", dependencies: ["TallerCore", "CCSV", "CXLSXWriter"], swiftSettings: fast),
    // Shared options, input/output resolution, atomic writes, diagnostics, exit codes.
    .target(
      name: "TallerCLI",
      dependencies: [
        "TallerCore", "TallerIO",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ], swiftSettings: fast),

    .executableTarget(name: "close-month", dependencies: ["TallerCLI"]),
    .executableTarget(name: "convert-table", dependencies: ["TallerCLI"]),
    .executableTarget(name: "export-xlsx", dependencies: ["TallerCLI"]),
    .executableTarget(name: "explode-bom", dependencies: ["TallerCLI"]),
    .executableTarget(name: "import-annex", dependencies: ["TallerCLI"]),
    .executableTarget(name: "post-documents", dependencies: ["TallerCLI"]),
    .executableTarget(name: "repair-orders", dependencies: ["TallerCLI"]),
    .executableTarget(name: "schedule-mrp", dependencies: ["TallerCLI"]),
    .executableTarget(name: "track-operations", dependencies: ["TallerCLI"]),
    .executableTarget(name: "validate-excess", dependencies: ["TallerCLI"]),

    .testTarget(name: "TallerCoreTests", dependencies: ["TallerCore"]),
    .testTarget(name: "TallerIOTests", dependencies: ["TallerIO", "TallerCore"]),
    .testTarget(
      name: "CommandTests", dependencies: ["TallerCLI"],
      exclude: ["Fixtures", "billing_check.py"]),
  ],
  swiftLanguageModes: [.v6]
)

// libFuzzer targets (Fuzz/), only when TALLER_FUZZ is set: `make fuzz` builds them
// in their own scratch path with `-sanitize=fuzzer,address`, which links libFuzzer
// (their `main` hands over to it). Without that flag they would not link, so the
// normal build and tests never see them.
if Context.environment["TALLER_FUZZ"] != nil {
  package.targets.append(.target(name: "CFuzzer", path: "Fuzz/CFuzzer"))
  package.targets.append(.target(name: "FuzzSupport", dependencies: ["CFuzzer"], path: "Fuzz/FuzzSupport"))
  for name in ["fuzz-csv", "fuzz-number", "fuzz-date", "fuzz-json"] {
    package.targets.append(
      .executableTarget(
        name: name, dependencies: ["FuzzSupport", "TallerCore", "TallerIO"], path: "Fuzz/\(name)"))
  }
}
