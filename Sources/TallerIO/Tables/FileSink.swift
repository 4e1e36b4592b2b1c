#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

func systemMessage(_ code: Int32) -> String { String(cString: strerror(code)) }

/// Writes to a file descriptor, checking every write (a full disk or a closed
/// descriptor is an `OutputError`, exit 74; never silently lost as with `print`).
public final class DescriptorSink: ByteSink {
  public let fd: Int32
  public let target: String

  public init(fd: Int32, target: String) {
    self.fd = fd
    self.target = target
  }

  public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
    guard var p = bytes.baseAddress else { return }
    var left = bytes.count
    while left > 0 {
      let n = Glibc.write(fd, p, left)
      if n < 0 {
        if errno == EINTR { continue }
        throw OutputError(.io, target: target, systemMessage(errno))
      }
      p += n
      left -= n
    }
  }

  /// Forces written data to the device (`fsync`); pipes and terminals need none.
  public func sync() throws(OutputError) {
    if fsync(fd) != 0 && errno != EINVAL && errno != EROFS {
      throw OutputError(.io, target: target, systemMessage(errno))
    }
  }
}

/// Creates a new file from `template` (ending in `XXXXXX`) with `mkstemp`: the one
/// place temporary files are made (atomic outputs, spooled standard input and output).
/// - Returns: its descriptor, open for reading and writing, and its path.
public func makeTemporaryFile(_ template: String, for target: String) throws(OutputError) -> (fd: Int32, path: String) {
  var chars = Array(template.utf8CString)
  let fd = chars.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
  if fd < 0 { throw OutputError(.cannotCreate, target: target, systemMessage(errno)) }
  let path = chars.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
  return (fd, path)
}

/// The folder for temporary files: `$TMPDIR`, else `/tmp`.
public var temporaryDirectory: String {
  if let p = getenv("TMPDIR"), p.pointee != 0 { return String(cString: p) }
  return "/tmp"
}

/// A file written whole or not at all: bytes go to a temporary file in the same
/// directory, which is synced by `prepare()` and renamed over the target by
/// `publish()` (`commit()` does both). Until then an existing target is untouched;
/// `discard()` (or never committing) removes the temporary file.
public final class AtomicFile {
  public let path: String
  public let temporaryPath: String
  public let sink: DescriptorSink
  private var prepared = false
  private var done = false

  public init(path: String) throws(OutputError) {
    self.path = path
    let dir: String
    let base: String
    if let slash = path.lastIndex(of: "/") {
      dir = String(path[..<slash]).isEmpty ? "/" : String(path[..<slash])
      base = String(path[path.index(after: slash)...])
    } else {
      dir = "."
      base = path
    }
    if Inputs.isDirectory(path) { throw OutputError(.cannotCreate, target: path, systemMessage(EISDIR)) }
    let (fd, temporary) = try makeTemporaryFile("\(dir)/.\(base).tmp-XXXXXX", for: path)
    temporaryPath = temporary
    // mkstemp creates 0600; a finished output gets the usual 0666 & ~umask.
    let mask = umask(0)
    umask(mask)
    fchmod(fd, 0o666 & ~mask)
    sink = DescriptorSink(fd: fd, target: path)
  }

  /// Syncs and closes the temporary file: after this only the rename is left.
  public func prepare() throws(OutputError) {
    guard !prepared, !done else { return }
    prepared = true
    do {
      try sink.sync()
    } catch {
      discard()
      throw error
    }
    if close(sink.fd) != 0 {
      let e = errno
      done = true
      unlink(temporaryPath)
      throw OutputError(.io, target: path, systemMessage(e))
    }
  }

  /// Renames the prepared temporary file over the target.
  public func publish() throws(OutputError) {
    try prepare()
    guard !done else { return }
    done = true
    if rename(temporaryPath, path) != 0 {
      let e = errno
      unlink(temporaryPath)
      throw OutputError(.cannotCreate, target: path, systemMessage(e))
    }
  }

  /// Syncs and renames the temporary file over the target.
  public func commit() throws(OutputError) {
    try prepare()
    try publish()
  }

  /// Removes the temporary file; the target stays as it was.
  public func discard() {
    guard !done else { return }
    done = true
    if !prepared { close(sink.fd) }
    unlink(temporaryPath)
  }

  deinit { discard() }
}

/// Collects output in a buffer and hands it to a sink in large writes.
public final class BufferedSink: ByteSink {
  public let base: ByteSink
  private var buffer: [UInt8] = []
  private let capacity: Int

  public init(_ base: ByteSink, capacity: Int = 1 << 16) {
    self.base = base
    self.capacity = capacity
    buffer.reserveCapacity(capacity)
  }

  public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
    if buffer.count + bytes.count > capacity { try flush() }
    if bytes.count >= capacity {
      try base.write(bytes)
    } else {
      buffer.append(contentsOf: bytes)
    }
  }

  public func flush() throws(OutputError) {
    guard !buffer.isEmpty else { return }
    let result = buffer.withUnsafeBytes { raw in Result { () throws(OutputError) in try base.write(raw) } }
    buffer.removeAll(keepingCapacity: true)
    try result.get()
  }
}

/// Copies everything readable from `fd` to `sink` in 64 KiB chunks.
/// - Throws: `InputError(.io)` when reading fails, `OutputError` when writing does.
public func copyAll(from fd: Int32, name: String, to sink: ByteSink) throws {
  var buffer = [UInt8](repeating: 0, count: 1 << 16)
  while true {
    let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
    if n < 0 {
      if errno == EINTR { continue }
      throw InputError(.io, at: SourceLocation(file: name), systemMessage(errno))
    }
    if n == 0 { return }
    try buffer.withUnsafeBytes { raw in
      try Result { () throws(OutputError) in try sink.write(UnsafeRawBufferPointer(rebasing: raw[0..<n])) }.get()
    }
  }
}
