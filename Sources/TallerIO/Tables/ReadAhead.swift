import Foundation

/// Reads records on a second thread while the caller works on the ones before.
///
/// A CSV pass is about half parsing (libcsv) and half whatever the command does
/// with each row; on a machine with two cores the two halves overlap. Records travel
/// in batches of flat buffers (no allocation per record), at most `depth` batches
/// ahead, so memory stays bounded. An error of the underlying reader is thrown at
/// the record where it happened, after every record before it.
///
/// The reading thread holds the underlying reader and the batches, never the
/// `ReadAhead`: a caller that leaves before the end (a command stopping at the first
/// bad row) calls `stop()` or just lets the `ReadAhead` go, and the thread stops at
/// its next batch, releases the reader (closing the file it opened) and exits. It
/// is not joined: a read(2) from a pipe may block until the writer goes on, and
/// nobody needs to wait for that.
public final class ReadAhead: RecordReader {
  public let name: String
  public let header: [String]
  public let headerLine: Int
  public let delimiter: UInt8

  /// What the two threads share.
  private let channel: ReadAheadChannel
  /// The batch being handed out and the next record in it (the caller's side only).
  private var current = RecordBatch()
  private var index = 0

  /// - Parameters:
  ///   - batchSize: records per batch.
  ///   - depth: batches read ahead at most.
  public init(_ base: RecordReader, batchSize: Int = 4096, depth: Int = 4) {
    name = base.name
    header = base.header
    headerLine = base.headerLine
    delimiter = base.delimiter
    let channel = ReadAheadChannel(depth: depth)
    self.channel = channel
    let handoff = ReaderHandoff(base)
    let thread = Thread {
      // The reader is referenced from this frame only: returning releases it.
      guard let base = handoff.take() else { return }
      ReadAhead.produce(base, into: channel, batchSize: batchSize)
    }
    thread.stackSize = 1 << 20
    thread.start()
  }

  deinit {
    channel.stop()
  }

  /// Stops reading ahead (a caller that leaves before the end): the thread lets the
  /// reader go and exits, and `next(into:)` returns false from then on. Letting the
  /// `ReadAhead` go does the same.
  public func stop() {
    channel.stop()
    index = current.count
  }

  /// The reading thread: fills batches until the input ends, fails or the caller
  /// stops.
  private static func produce(_ base: RecordReader, into channel: ReadAheadChannel, batchSize: Int) {
    var batch = RecordBatch()
    var failed: InputError?
    while true {
      let ended: Bool
      do {
        ended = try fill(batch, from: base, upTo: batchSize)
      } catch {
        failed = error
        break
      }
      if ended { break }
      guard let next = channel.hand(batch) else { return }
      batch = next
    }
    channel.finish(last: batch, failure: failed)
  }

  /// Appends records of `base` to `batch` until it holds `size`; true when the
  /// input ended first. (The batch is a `let` here: no reference counting per record.)
  private static func fill(_ batch: RecordBatch, from base: RecordReader, upTo size: Int) throws(InputError) -> Bool {
    if let csv = base as? CSVReader {
      while batch.count < size {
        guard try csv.next(appendingTo: batch) else { return true }
      }
      return false
    }
    let record = Record()
    while batch.count < size {
      guard try base.next(into: record) else { return true }
      record.bytes.withUnsafeBufferPointer { bytes in
        record.ends.withUnsafeBufferPointer { ends in
          batch.append(bytes: bytes, ends: ends, line: record.line)
        }
      }
    }
    return false
  }

  public func next(into record: Record) throws(InputError) -> Bool {
    if index >= current.count {
      switch channel.take(returning: current) {
      case .batch(let batch):
        current = batch
        index = 0
      case .end:
        return false
      case .failure(let error):
        throw error
      }
    }
    current.copy(index, to: record)
    index += 1
    return true
  }
}

/// The batches on their way from the reading thread to the caller, and the batches
/// on their way back for reuse. Every stored property is read and written under
/// `condition`'s lock, which is what makes it Sendable.
private final class ReadAheadChannel: @unchecked Sendable {
  enum Taken {
    case batch(RecordBatch)
    case end
    case failure(InputError)
  }

  private let condition = NSCondition()
  private var ready: [RecordBatch] = []
  /// Batches the caller has finished with, for the reader to fill again (no
  /// allocation, and no fresh pages to fault in, after the first few).
  private var spare: [RecordBatch] = []
  private var finished = false
  private var failure: InputError?
  private var stopped = false
  private let depth: Int

  init(depth: Int) {
    self.depth = max(depth, 1)
  }

  /// The caller leaves: wakes the reader, which lets everything go.
  func stop() {
    condition.lock()
    stopped = true
    ready.removeAll()
    spare.removeAll()
    condition.broadcast()
    condition.unlock()
  }

  /// Reader side: queues a full batch, waiting while `depth` are already queued,
  /// and gives an empty one to fill next; nil when the caller has stopped.
  func hand(_ batch: RecordBatch) -> RecordBatch? {
    condition.lock()
    defer { condition.unlock() }
    while ready.count >= depth && !stopped { condition.wait() }
    if stopped { return nil }
    ready.append(batch)
    condition.broadcast()
    if let reused = spare.popLast() {
      reused.removeAll()
      return reused
    }
    return RecordBatch()
  }

  /// Reader side: the last batch (possibly empty) and the error that ended the
  /// input, if any.
  func finish(last batch: RecordBatch, failure: InputError?) {
    condition.lock()
    defer { condition.unlock() }
    while ready.count >= depth && !stopped { condition.wait() }
    if stopped { return }
    if batch.count > 0 { ready.append(batch) }
    self.failure = failure
    finished = true
    condition.broadcast()
  }

  /// Caller side: the next batch, waiting for the reader; `used` is the batch just
  /// handed out, kept for reuse.
  func take(returning used: RecordBatch) -> Taken {
    condition.lock()
    defer { condition.unlock() }
    while ready.isEmpty && !finished && !stopped { condition.wait() }
    if stopped { return .end }
    if ready.isEmpty { return failure.map { .failure($0) } ?? .end }
    if used.capacity > 0 { spare.append(used) }
    let next = ready.removeFirst()
    condition.broadcast()
    return .batch(next)
  }
}

/// Hands the reader to the thread that alone uses it from then on, without keeping
/// a reference of its own (so that the reader goes when that thread is done).
private final class ReaderHandoff: @unchecked Sendable {
  private var reader: RecordReader?
  init(_ reader: RecordReader) { self.reader = reader }
  /// Called once, by the reading thread, before any other use.
  func take() -> RecordReader? {
    defer { reader = nil }
    return reader
  }
}

/// Records back to back in flat buffers: how ReadAhead hands them over. Memory
/// is managed by hand, so that handing a record over touches no reference count.
final class RecordBatch {
  /// Record r's bytes are `bytes[ends[r - 1].byte ..< ends[r].byte]` and the
  /// ends of its fields (counted from its first byte, as in `Record.ends`) are
  /// `fieldEnds[ends[r - 1].field ..< ends[r].field]`.
  private var bytes = PlainBuffer<UInt8>(capacity: 0)
  private var fieldEnds = PlainBuffer<Int>(capacity: 0)
  private var ends = PlainBuffer<(byte: Int, field: Int, line: Int)>(capacity: 0)

  var count: Int { ends.count }
  /// Records it has room for (0: never filled).
  var capacity: Int { ends.capacity }

  deinit {
    bytes.free()
    fieldEnds.free()
    ends.free()
  }

  func removeAll() {
    bytes.count = 0
    fieldEnds.count = 0
    ends.count = 0
  }

  /// Appends a record: its field bytes and the end of each field in them.
  @inline(__always)
  func append(bytes record: UnsafeBufferPointer<UInt8>, ends fields: UnsafeBufferPointer<Int>, line: Int) {
    bytes.append(record)
    fieldEnds.append(fields)
    ends.append((bytes.count, fieldEnds.count, line))
  }

  /// Copies record r into `record`.
  @inline(__always)
  func copy(_ r: Int, to record: Record) {
    let end = ends.base[r]
    let byte = r == 0 ? 0 : ends.base[r - 1].byte
    let field = r == 0 ? 0 : ends.base[r - 1].field
    record.line = end.line
    record.bytes.replaceSubrange(
      0..<record.bytes.count, with: UnsafeBufferPointer(start: bytes.base + byte, count: end.byte - byte))
    record.ends.replaceSubrange(
      0..<record.ends.count,
      with: UnsafeBufferPointer(start: fieldEnds.base + field, count: end.field - field))
  }
}
