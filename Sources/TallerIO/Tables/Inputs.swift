#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One input as the user named it: a file, or standard input (`-`).
public enum InputSource: Sendable, Hashable {
  case standardInput
  case file(String)

  /// The name used in messages.
  public var name: String {
    switch self {
    case .standardInput: return "<stdin>"
    case .file(let p): return p
    }
  }

  /// The size in bytes of a file (nil for standard input, or when it cannot be
  /// told): what a reader reserves room by.
  public var byteCount: Int? {
    guard case .file(let path) = self else { return nil }
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : nil
  }

  var extensionFormat: ReadOptions.Format? {
    guard case .file(let p) = self else { return nil }
    let lower = p.lowercased()
    if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") { return .ndjson }
    if lower.hasSuffix(".json") { return .json }
    if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".txt") { return .csv }
    return nil
  }
}

public enum Inputs {
  /// The extensions a directory argument contributes, sorted by name (SPEC §2).
  static let tableExtensions = [".csv", ".json", ".ndjson"]

  /// Expands what the user wrote: `-` is standard input; a pattern with `*`, `?` or
  /// `[` is a glob (sorted; matching nothing is an error); a directory stands for
  /// its `*.csv`, `*.json` and `*.ndjson` files sorted by name; anything else is a
  /// file that must exist.
  public static func resolve(_ arguments: [String]) throws(InputError) -> [InputSource] {
    var out: [InputSource] = []
    for arg in arguments {
      if arg == "-" {
        out.append(.standardInput)
      } else if arg.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) && !exists(arg) {
        let matches = glob(arg)
        if matches.isEmpty {
          throw InputError(.cannotOpen, at: SourceLocation(file: arg), "no file matches this pattern")
        }
        for m in matches {
          if isDirectory(m) { out += try directory(m) } else { out.append(.file(m)) }
        }
      } else if isDirectory(arg) {
        out += try directory(arg)
      } else if exists(arg) {
        out.append(.file(arg))
      } else {
        throw InputError(.cannotOpen, at: SourceLocation(file: arg), systemMessage(ENOENT))
      }
    }
    return out
  }

  static func exists(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0
  }

  static func isDirectory(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
  }

  static func glob(_ pattern: String) -> [String] {
    var g = glob_t()
    defer { globfree(&g) }
    guard Glibc.glob(pattern, 0, nil, &g) == 0 else { return [] }
    var paths: [String] = []
    for i in 0..<Int(g.gl_pathc) {
      if let p = g.gl_pathv[i] { paths.append(String(cString: p)) }
    }
    return paths.sorted()
  }

  static func directory(_ path: String) throws(InputError) -> [InputSource] {
    guard let dir = opendir(path) else {
      throw InputError(.cannotOpen, at: SourceLocation(file: path), systemMessage(errno))
    }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      if name.hasPrefix(".") { continue }
      let lower = name.lowercased()
      if tableExtensions.contains(where: { lower.hasSuffix($0) }) { names.append(name) }
    }
    let base = path.hasSuffix("/") ? path : path + "/"
    return names.sorted().map { .file(base + $0) }
  }
}
