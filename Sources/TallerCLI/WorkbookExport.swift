import Foundation
import TallerCore
import TallerIO

/// Writing tables into a workbook: the engine of `export-xlsx`, shared with commands
/// that write their own workbooks.
public enum WorkbookExport {
  /// A sheet name from a file name: `exceptions-2026-10.csv` → `exceptions-2026-10`.
  public static func sheetName(for source: InputSource) -> String {
    guard case .file(let path) = source else { return "Hoja1" }
    var base = path.split(separator: "/").last.map(String.init) ?? path
    if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = String(base[..<dot]) }
    return base
  }

  /// `2026-01-01`, `2026-01-01T08:00:00Z` or `2026-01-01 08:00` as Unix seconds (UTC).
  public static func parseTimestamp(_ text: String) -> Int? {
    guard let date = try? LocalDate.parse(String(text.prefix(10))), text.count >= 10,
      text.prefix(4).allSatisfy(\.isNumber)
    else { return nil }
    var seconds = 0
    let rest = text.dropFirst(10)
    if !rest.isEmpty {
      let time = rest.dropFirst().prefix(8).split(separator: ":").compactMap { Int($0) }
      guard rest.first == "T" || rest.first == " ", (2...3).contains(time.count),
        time[0] < 24, time[1] < 60, time.count == 2 || time[2] < 60
      else { return nil }
      seconds = time[0] * 3600 + time[1] * 60 + (time.count == 3 ? time[2] : 0)
    }
    return date.dayNumber * 86400 + seconds
  }

  /// `--created`, else `SOURCE_DATE_EPOCH`, else nil (now).
  public static func creationTime(flag: String?) throws -> Int? {
    if let flag { return parseTimestamp(flag) }
    if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty {
      guard let seconds = Int(epoch), seconds >= 0 else {
        throw UsageError("SOURCE_DATE_EPOCH must be a number of seconds, found \"\(epoch)\"")
      }
      return seconds
    }
    return nil
  }

  /// Writes each table as a typed sheet: a first pass profiles every column, a
  /// second writes the cells. Standard input is spooled to a temporary file first.
  public static func write(
    tables: [(name: String, source: InputSource)], to output: String?, workbook: WorkbookOptions,
    read: ReadOptions, reporter: Reporter
  ) throws {
    if output == nil || output == "-" {
      if isatty(1) == 1 {
        throw UsageError("a workbook is binary: give -o FILE or redirect standard output to a file or a pipe")
      }
    }
    var spools: [String] = []
    defer { for s in spools { unlink(s) } }
    // Each table with the name its messages use (a spooled standard input is "<stdin>").
    var sources: [(name: String, source: InputSource, display: String)] = []
    for t in tables {
      if t.source == .standardInput {
        let path = try spoolStandardInput()
        spools.append(path)
        sources.append((t.name, .file(path), t.source.name))
      } else {
        sources.append((t.name, t.source, t.source.name))
      }
    }

    let target = (output == nil || output == "-") ? nil : output
    let file: AtomicFile
    if let target {
      file = try AtomicFile(path: target)
    } else {
      let dir = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
      file = try AtomicFile(path: "\(dir)/taller-export-\(getpid()).xlsx")
    }
    var options = workbook
    if options.tmpdir == nil, let target, let slash = target.lastIndex(of: "/") {
      options.tmpdir = String(target[..<slash]).isEmpty ? "/" : String(target[..<slash])
    }
    do {
      let writer = try WorkbookWriter(path: file.temporaryPath, options: options)
      for t in sources {
        let name = t.display
        let profiles = try profile(t.source, name: name, read: read, reporter: reporter)
        let sheet = try writer.addTable(name: t.name, header: profiles.header, places: profiles.columns.map(\.places))
        let reader = (try TableInput.open(t.source, name: name, options: read, schema: nil) { _ in })
        let record = Record()
        let progress = Progress("export-xlsx \(t.name)")
        var n = 0
        while try reader.next(into: record) {
          try sheet.append(record, profiles: profiles.columns)
          n += 1
          progress.update(n)
        }
        progress.done()
      }
      try writer.close()
      if target != nil {
        try file.commit()
      } else {
        // Open, then remove the temporary file before copying: if the reader of the
        // pipe goes away (SIGPIPE ends us mid-copy), nothing is left behind.
        let fd = open(file.temporaryPath, O_RDONLY)
        guard fd >= 0 else { throw OutputError(.io, target: file.temporaryPath, String(cString: strerror(errno))) }
        defer { close(fd) }
        file.discard()
        try copyToStandardOutput(fd)
      }
    } catch {
      file.discard()
      throw error
    }
  }

  static func profile(_ source: InputSource, name: String, read: ReadOptions, reporter: Reporter) throws -> (
    header: [String], columns: [ColumnProfile]
  ) {
    let reader = (try TableInput.open(source, name: name, options: read, schema: nil) { reporter.warn($0) })
    return (reader.header, try ColumnProfile.profiles(of: reader, options: read))
  }

  static func spoolStandardInput() throws -> String {
    let dir = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    var template = Array("\(dir)/taller-stdin-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw OutputError(.cannotCreate, target: dir, String(cString: strerror(errno))) }
    let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    defer { close(fd) }
    do {
      try copyAll(from: 0, name: "<stdin>", to: DescriptorSink(fd: fd, target: path))
    } catch {
      unlink(path)
      throw error
    }
    return path
  }

  static func copyToStandardOutput(_ fd: Int32) throws {
    try copyAll(from: fd, name: "<workbook>", to: DescriptorSink(fd: 1, target: "<stdout>"))
  }
}
