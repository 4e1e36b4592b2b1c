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
          guard try csv.next(appendingTo: &batch) else { break }
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
        if !hand(batch) { return }
        batch = RecordBatch()
        batch.bytes.reserveCapacity(1 << 18)
      }
    }
    _ = hand(batch)
    condition.lock()
    failure = failed
    finished = true
    condition.broadcast()
    condition.unlock()
  }

  /// Queues a batch, waiting while `depth` are already queued; false when stopped.
  private func hand(_ batch: RecordBatch) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while ready.count >= depth && !stopped { condition.wait() }
    if stopped { return false }
    if batch.count > 0 { ready.append(batch) }
    condition.broadcast()
    return true
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
      current = ready.removeFirst()
      condition.broadcast()
      condition.unlock()
      index = 0
    }
    let firstField = index == 0 ? 0 : current.recordEnds[index - 1]
    let lastField = current.recordEnds[index]
    let start = index == 0 ? 0 : current.byteEnds[index - 1]
    let end = current.byteEnds[index]
    record.line = current.lines[index]
    current.bytes.withUnsafeBufferPointer { b in
      record.bytes.replaceSubrange(0..<record.bytes.count, with: UnsafeBufferPointer(rebasing: b[start..<end]))
    }
    current.fieldEnds.withUnsafeBufferPointer { f in
      record.ends.replaceSubrange(
        0..<record.ends.count, with: UnsafeBufferPointer(rebasing: f[firstField..<lastField]))
    }
    index += 1
    return true
  }
}

/// Records back to back in flat buffers: how ReadAhead hands them over.
struct RecordBatch {
  /// Record r's bytes are `bytes[byteEnds[r - 1] ..< byteEnds[r]]`.
  var bytes: [UInt8] = []
  var byteEnds: [Int] = []
  /// The end of every field of every record, counted from the record's first
  /// byte (as in `Record.ends`): record r's are `fieldEnds[recordEnds[r - 1] ..< recordEnds[r]]`.
  var fieldEnds: [Int] = []
  var recordEnds: [Int] = []
  var lines: [Int] = []
  var count: Int { lines.count }

  /// Appends a record: its field bytes and the end of each field in them.
  @inline(__always)
  mutating func append(bytes record: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>, line: Int) {
    bytes.append(contentsOf: record)
    byteEnds.append(bytes.count)
    fieldEnds.append(contentsOf: ends)
    recordEnds.append(fieldEnds.count)
    lines.append(line)
  }
}

/// Moves a non-Sendable reader to the thread that alone uses it from then on.
struct UncheckedBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
