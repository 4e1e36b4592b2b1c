#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Opens any table input: CSV, JSON or NDJSON, from a file or standard input.
public enum TableInput {
  /// Opens `source` for reading records.
  ///
  /// CSV is parsed on a second thread, ahead of the caller (`ReadAhead`): `warn` may
  /// be called from that thread.
  ///
  /// The format is `options.format`, else the file's extension, else the content
  /// (`[` or `{` first → JSON, anything else → CSV). With a schema, the CSV reader
  /// finds the header (below title rows) and the delimiter by the columns it names.
  /// - Parameter name: the name used in messages (defaults to the source's).
  public static func open(
    _ source: InputSource, name: String? = nil, options: ReadOptions, schema: Schema?,
    warn: @escaping (Warning) -> Void
  ) throws(InputError) -> RecordReader {
    let display = name ?? source.name
    let score: (([String]) -> Int)? = schema.map { s in { s.score($0) } }
    var format = options.format ?? source.extensionFormat
    switch source {
    case .file(let path):
      if format == nil { format = try sniff(path: path, name: display) }
      switch format ?? .csv {
      case .csv:
        let reader = try CSVReader(path: path, name: display, options: options, headerScore: score, warn: warn)
        return ReadAhead.reading(reader, path: path, options: options)
      case .json:
        return try JSONRecordReader(bytes: readAll(path: path, name: display), name: display, layout: .json)
      case .ndjson:
        return try JSONRecordReader(bytes: readAll(path: path, name: display), name: display, layout: .ndjson)
      }
    case .standardInput:
      // Peek at the first bytes to choose; CSV then streams on from them.
      let prefix = try readPrefix(fd: 0, name: display)
      if format == nil { format = looksLikeJSON(prefix) ? .json : .csv }
      switch format ?? .csv {
      case .csv:
        return ReadAhead(
          try CSVReader(fd: 0, name: display, prefix: prefix, options: options, headerScore: score, warn: warn))
      case .json, .ndjson:
        var bytes = prefix
        try readRest(fd: 0, into: &bytes, name: display)
        return try JSONRecordReader(bytes: bytes, name: display, layout: format == .ndjson ? .ndjson : .auto)
      }
    }
  }

  static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
    var i = 0
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    return i < bytes.count && (bytes[i] == UInt8(ascii: "[") || bytes[i] == UInt8(ascii: "{"))
  }

  static func sniff(path: String, name: String) throws(InputError) -> ReadOptions.Format {
    let fd = Glibc.open(path, O_RDONLY)
    guard fd >= 0 else { throw InputError(.cannotOpen, at: SourceLocation(file: name), systemMessage(errno)) }
    defer { close(fd) }
    return looksLikeJSON(try readPrefix(fd: fd, name: name)) ? .json : .csv
  }

  /// Up to 64 KiB from the start of a descriptor.
  static func readPrefix(fd: Int32, name: String) throws(InputError) -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var filled = 0
    while filled < buffer.count {
      let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
      if n < 0 {
        if errno == EINTR { continue }
        throw InputError(.io, at: SourceLocation(file: name), systemMessage(errno))
      }
      if n == 0 { break }
      filled += n
    }
    buffer.removeSubrange(filled...)
    return buffer
  }

  static func readRest(fd: Int32, into bytes: inout [UInt8], name: String) throws(InputError) {
    let sink = MemorySink(bytes)
    bytes = []
    do {
      try copyAll(from: fd, name: name, to: sink)
    } catch let error as InputError {
      throw error
    } catch {
      preconditionFailure("writing to memory cannot fail: \(error)")
    }
    bytes = sink.take()
  }

  static func readAll(path: String, name: String) throws(InputError) -> [UInt8] {
    let fd = Glibc.open(path, O_RDONLY)
    guard fd >= 0 else { throw InputError(.cannotOpen, at: SourceLocation(file: name), systemMessage(errno)) }
    defer { close(fd) }
    var bytes: [UInt8] = []
    try readRest(fd: fd, into: &bytes, name: name)
    return bytes
  }
}
