import Foundation

/// Reads records on a second thread while the caller works on the ones before.
///
/// A CSV pass is about half parsing (libcsv) and half whatever the command does
/// with each row; on a machine with two cores the two halves overlap. Records travel
/// in batches of flat buffers (no allocation per record), at most `depth` batches
/// ahead, so memory stays bounded. An error of the underlying reader is thrown at
/// the record where it happened, after every record before it.
public final class ReadAhead: RecordReader, @unchecked Sendable {
  public let name: String
  public let header: [String]
  public let headerLine: Int
  public let delimiter: UInt8

  private let condition = NSCondition()
  private var ready: [RecordBatch] = []
  /// Batches the caller has finished with, for the reader to fill again (no
  /// allocation, and no fresh pages to fault in, after the first few).
  private var spare: [RecordBatch] = []
  private var finished = false
  private var failure: InputError?
  private var stopped = false
  private let depth: Int

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
    self.depth = depth
    let box = UncheckedBox(base)
    let thread = Thread { [self] in self.produce(box.value, batchSize: batchSize) }
    thread.stackSize = 1 << 20
    thread.start()
  }

  /// Stops reading ahead (a caller that leaves before the end).
  public func stop() {
    condition.lock()
    stopped = true
    condition.broadcast()
    condition.unlock()
  }

  private func produce(_ base: RecordReader, batchSize: Int) {
    let record = Record()
    let csv = base as? CSVReader
    var batch = RecordBatch()
    var failed: InputError?
    while true {
      do {
        if let csv {
          guard try csv.next(appendingTo: batch) else { break }
        } else {
          guard try base.next(into: record) else { break }
          record.bytes.withUnsafeBufferPointer { bytes in
            record.ends.withUnsafeBufferPointer { ends in
              batch.append(bytes: bytes, ends: ends, line: record.line)
            }
          }
        }
      } catch {
        failed = error
        break
      }
      if batch.count >= batchSize {
        guard let next = hand(batch) else { return }
        batch = next
      }
    }
    _ = hand(batch)
    condition.lock()
    failure = failed
    finished = true
    condition.broadcast()
    condition.unlock()
  }

  /// Queues a batch, waiting while `depth` are already queued, and gives an
  /// empty one to fill next; nil when stopped.
  private func hand(_ batch: RecordBatch) -> RecordBatch? {
    condition.lock()
    defer { condition.unlock() }
    while ready.count >= depth && !stopped { condition.wait() }
    if stopped { return nil }
    guard batch.count > 0 else { return batch }
    ready.append(batch)
    condition.broadcast()
    if let reused = spare.popLast() {
      reused.removeAll()
      return reused
    }
    return RecordBatch()
  }

  public func next(into record: Record) throws(InputError) -> Bool {
    if index >= current.count {
      condition.lock()
      while ready.isEmpty && !finished { condition.wait() }
      if ready.isEmpty {
        let f = failure
        condition.unlock()
        if let f { throw f }
        return false
      }
      if current.capacity > 0 { spare.append(current) }
      current = ready.removeFirst()
      condition.broadcast()
      condition.unlock()
      index = 0
    }
    current.copy(index, to: record)
    index += 1
    return true
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

/// Moves a non-Sendable reader to the thread that alone uses it from then on.
struct UncheckedBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
