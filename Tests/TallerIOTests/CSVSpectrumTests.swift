import Foundation
import Testing

@testable import TallerIO

/// The csv-spectrum suite (github.com/max-mapper/csv-spectrum, BSD-2-Clause): every
/// `csvs/NAME.csv` must read as `json/NAME.json`, an array of objects of strings.
struct CSVSpectrumTests {
  /// `<repo>/Tests/Data/csv-spectrum` (its README gives source and licence), found
  /// from this file's path so that it works in any clone.
  static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // <repo>/Tests/TallerIOTests
    .deletingLastPathComponent()  // <repo>/Tests
    .appendingPathComponent("Data/csv-spectrum")

  /// `location_coordinates` is left out: it is broken upstream (its JSON is one object
  /// and its phone number differs from the CSV; see Tests/Data/csv-spectrum/README.md).
  static let names = [
    "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "newlines",
    "newlines_crlf", "quotes_and_newlines", "simple", "simple_crlf", "utf8",
  ]

  /// A missing data folder fails the run; it is never a reason to skip.
  @Test func dataFolderIsPresent() throws {
    let csvs = Self.root.appendingPathComponent("csvs").path
    try #require(
      FileManager.default.fileExists(atPath: csvs),
      "csv-spectrum data missing: \(csvs) does not exist (it is part of the repository)")
  }

  @Test func everyCaseIsListed() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("csvs").path)
    let listed = Set(Self.names.map { "\($0).csv" } + ["location_coordinates.csv"])
    #expect(Set(files) == listed)
  }

  @Test(arguments: names)
  func readsAsItsJSON(_ name: String) throws {
    let bytes = [UInt8](try Data(contentsOf: Self.root.appendingPathComponent("csvs/\(name).csv")))
    // The *_crlf files are stored with their CR LF bytes (.gitattributes: -text), and
    // newlines_crlf.json expects "\r\n" inside the quoted field. A copy whose line ends
    // were converted to LF would test nothing of CR LF: fail it.
    if name.hasSuffix("_crlf") {
      let lineFeeds = bytes.indices.filter { bytes[$0] == 0x0A }
      #expect(
        !lineFeeds.isEmpty && lineFeeds.allSatisfy { $0 > 0 && bytes[$0 - 1] == 0x0D },
        "\(name).csv must end every line with CR LF")
    }
    let jsonData = try Data(contentsOf: Self.root.appendingPathComponent("json/\(name).json"))
    let expected = try #require(try JSONSerialization.jsonObject(with: jsonData) as? [[String: String]])

    let r = try CSVFixture.read(bytes, name: "\(name).csv")
    let got = r.rows.map { row in
      Dictionary(uniqueKeysWithValues: zip(r.header, row))
    }
    #expect(got == expected)
  }
}
