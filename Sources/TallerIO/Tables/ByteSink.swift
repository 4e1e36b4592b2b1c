/// Where output bytes go: standard output, an atomic file, or memory (tests).
///
/// Writers (CSV, JSON) buffer and hand whole chunks to a sink; a sink reports
/// every failed write as an `OutputError`, never silently (Swift's `print` would).
public protocol ByteSink: AnyObject {
  func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError)
}

extension ByteSink {
  public func write(_ bytes: [UInt8]) throws(OutputError) {
    let result = bytes.withUnsafeBytes { raw in
      Result { () throws(OutputError) in try write(raw) }
    }
    try result.get()
  }
  public func write(_ text: String) throws(OutputError) { try write(Array(text.utf8)) }
}

/// Output cannot be created (exit 73) or writing failed (exit 74).
public struct OutputError: Error, Sendable, CustomStringConvertible {
  public enum Kind: Sendable { case cannotCreate, io, refused }
  public var kind: Kind
  public var target: String
  public var message: String

  public init(_ kind: Kind, target: String, _ message: String) {
    self.kind = kind
    self.target = target
    self.message = message
  }

  public var description: String { "\(target): \(message)" }
}

/// Collects bytes in memory (tests, and tables that must be complete before writing).
public final class MemorySink: ByteSink {
  public private(set) var bytes: [UInt8] = []
  public init() {}
  /// A sink whose bytes start with `initial`.
  public init(_ initial: [UInt8]) { bytes = initial }
  /// Hands the bytes over and leaves the sink empty (no copy).
  public func take() -> [UInt8] {
    defer { bytes = [] }
    return bytes
  }
  public func write(_ chunk: UnsafeRawBufferPointer) throws(OutputError) { bytes.append(contentsOf: chunk) }
  public var string: String { String(decoding: bytes, as: UTF8.self) }
}
