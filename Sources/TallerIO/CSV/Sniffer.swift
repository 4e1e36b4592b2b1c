import CCSV

/// Chooses the delimiter and the header row from the start of a CSV input.
enum Sniffer {
  struct Row {
    var line: Int
    var fields: [String]
  }

  struct Candidate {
    var delimiter: UInt8
    var rows: [Row]
    /// libcsv rejected the prefix under this delimiter before `rows` were complete.
    var failed: Bool
  }

  /// `headerLine` is 0 when the prefix holds no complete row (the first row is taken).
  static func sniff(
    _ prefix: UnsafeBufferPointer<UInt8>, complete: Bool, options: ReadOptions,
    headerScore: (([String]) -> Int)?
  ) -> (delimiter: UInt8, headerLine: Int) {
    let delimiters = options.delimiter.map { [$0] } ?? CSVReader.candidateDelimiters
    let candidates = delimiters.map {
      rows(of: prefix, complete: complete, delimiter: $0, encoding: options.encoding)
    }
    if let headerScore, let best = bestScored(candidates, headerScore) { return best }
    return widest(candidates)
  }

  /// The row and delimiter with the highest positive score: ties go to the earlier
  /// line, then to more fields, then to the earlier candidate.
  static func bestScored(
    _ candidates: [Candidate], _ score: ([String]) -> Int
  ) -> (delimiter: UInt8, headerLine: Int)? {
    var best: (score: Int, line: Int, width: Int, delimiter: UInt8)? = nil
    for candidate in candidates {
      for row in candidate.rows {
        let s = score(row.fields)
        guard s > 0 else { continue }
        if let b = best {
          let better =
            s > b.score || (s == b.score && (row.line < b.line || (row.line == b.line && row.fields.count > b.width)))
          if !better { continue }
        }
        best = (s, row.line, row.fields.count, candidate.delimiter)
      }
    }
    return best.map { ($0.delimiter, $0.line) }
  }

  /// The delimiter that splits the first row into the most fields, among those that
  /// split every following row into as many (when one of them gives two or more).
  static func widest(_ candidates: [Candidate]) -> (delimiter: UInt8, headerLine: Int) {
    let usable = candidates.filter { !$0.rows.isEmpty }
    guard !usable.isEmpty else { return (candidates.first?.delimiter ?? 0x2C, 0) }
    func width(_ c: Candidate) -> Int { c.rows[0].fields.count }
    func pick(_ list: [Candidate]) -> Candidate? {
      var best: Candidate? = nil
      for c in list {
        if let b = best, width(c) <= width(b) { continue }
        best = c
      }
      return best
    }
    let consistent = usable.filter { c in
      !c.failed && c.rows.dropFirst().allSatisfy { $0.fields.count == width(c) }
    }
    let chosen: Candidate
    if let c = pick(consistent), width(c) >= 2 {
      chosen = c
    } else {
      chosen = pick(usable) ?? usable[0]
    }
    return (chosen.delimiter, chosen.rows[0].line)
  }

  /// The first `CSVReader.sniffRows` rows of `prefix` under `delimiter`, their fields
  /// trimmed as header names are. A row cut off by the end of the prefix is left out
  /// unless the prefix is the whole input.
  static func rows(
    of prefix: UnsafeBufferPointer<UInt8>, complete: Bool, delimiter: UInt8,
    encoding: ReadOptions.Encoding
  ) -> Candidate {
    var candidate = Candidate(delimiter: delimiter, rows: [], failed: false)
    guard let base = prefix.baseAddress, let parser = LibcsvParser(delimiter: delimiter) else {
      candidate.failed = true
      return candidate
    }
    let collector = SniffCollector(encoding: encoding)
    let context = Unmanaged.passUnretained(collector).toOpaque()
    var finder = LineBreakFinder()
    var position = 0
    var line = 1
    let n = prefix.count
    while collector.rows.count < CSVReader.sniffRows {
      if position >= n {
        if complete && csv_fini(parser.p, sniffField, sniffRowEnd, context) != 0 { candidate.failed = true }
        break
      }
      let end: Int
      if let b = finder.find(base, start: position, end: n, eof: complete) {
        end = b + 1
      } else if complete {
        end = n
      } else {
        break  // an incomplete last line
      }
      if parser.state == LibcsvState.rowNotBegun { collector.line = line }
      let used = csv_parse(parser.p, base + position, end - position, sniffField, sniffRowEnd, context)
      if used != end - position {
        candidate.failed = true
        break
      }
      position = end
      line += 1
    }
    candidate.rows = Array(collector.rows.prefix(CSVReader.sniffRows))
    return candidate
  }
}

final class SniffCollector {
  var rows: [Sniffer.Row] = []
  var fields: [String] = []
  var line = 0
  let encoding: ReadOptions.Encoding

  init(encoding: ReadOptions.Encoding) { self.encoding = encoding }
}

private func sniffField(_ field: UnsafeMutableRawPointer?, _ count: Int, _ data: UnsafeMutableRawPointer?) {
  guard let data else { return }
  let c = Unmanaged<SniffCollector>.fromOpaque(data).takeUnretainedValue()
  let text = FieldText.string(
    field.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) }, count, encoding: c.encoding)
  c.fields.append(FieldText.trimmedHeader(text))
}

private func sniffRowEnd(_ terminator: Int32, _ data: UnsafeMutableRawPointer?) {
  guard let data else { return }
  let c = Unmanaged<SniffCollector>.fromOpaque(data).takeUnretainedValue()
  c.rows.append(Sniffer.Row(line: c.line, fields: c.fields))
  c.fields = []
}
