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
  ///   - secondPart: the second part of a file `base` reads only the first part of
  ///     (`SecondPart.split`), read at the same time on a thread of its own.
  init(_ base: RecordReader, batchSize: Int = 4096, depth: Int = 4, secondPart: SecondPart?) {
    name = base.name
    header = base.header
    headerLine = base.headerLine
    delimiter = base.delimiter
    let channel = ReadAheadChannel(depth: depth)
    self.channel = channel
    let handoff = ReaderHandoff(base)
    secondPart?.start(batchSize: batchSize)
    let thread = Thread {
      // The reader is referenced from this frame only: returning releases it.
      guard let base = handoff.take() else { return }
      ReadAhead.produce(base, into: channel, batchSize: batchSize, secondPart: secondPart)
    }
    thread.stackSize = 1 << 20
    thread.start()
  }

  public convenience init(_ base: RecordReader, batchSize: Int = 4096, depth: Int = 4) {
    self.init(base, batchSize: batchSize, depth: depth, secondPart: nil)
  }

  /// Reads the CSV file at `path`, which `base` has opened, on two threads when it
  /// is at least `options.splitBytes` long: `base` reads up to the first line break
  /// after the middle and a second reader reads on from there at the same time.
  /// The records, lines, warnings and errors are those of one reader; the second
  /// part's records are kept (memory of about half the file) until the first part
  /// is read, and are used only when the first part ends with a record exactly at
  /// the split, still decodes as it started, and the second part was read without
  /// a warning or an error. Otherwise they are dropped and `base` reads on past the
  /// split, as if it had never stopped (a quoted field over the split, a file that
  /// turns out to be Windows-1252, a malformed row after the middle).
  static func reading(_ base: CSVReader, path: String, options: ReadOptions) -> ReadAhead {
    ReadAhead(base, secondPart: SecondPart.split(base, path: path, options: options))
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
  private static func produce(
    _ base: RecordReader, into channel: ReadAheadChannel, batchSize: Int, secondPart: SecondPart?
  ) {
    var batch = RecordBatch()
    var failed: InputError?
    var second = secondPart
    // The second part stops with this thread, whichever way it leaves.
    defer { second?.cancel() }
    while true {
      let ended: Bool
      do {
        ended = try fill(batch, from: base, upTo: batchSize)
      } catch {
        failed = error
        break
      }
      if ended {
        guard let part = second, let csv = base as? CSVReader, csv.stoppedAtSplit else { break }
        second = nil
        let batches = part.wait()
        part.used = batches != nil && csv.decodesAsAtStart
        if let batches, part.used {
          if batch.count > 0 {
            guard let next = channel.hand(batch) else { return }
            batch = next
          }
          for b in batches {
            b.addToLines(csv.splitLines)
            guard channel.hand(b) != nil else { return }
          }
          break
        }
        csv.resumePastSplit()
        continue
      }
      guard let next = channel.hand(batch) else { return }
      batch = next
    }
    channel.finish(last: batch, failure: failed)
  }

  /// Appends records of `base` to `batch` until it holds `size`; true when the
  /// input ended first. (The batch is a `let` here: no reference counting per record.)
  fileprivate static func fill(_ batch: RecordBatch, from base: RecordReader, upTo size: Int) throws(InputError) -> Bool {
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

/// The second part of a CSV file read in two parts (`ReadAhead.reading`): its
/// reader runs on a thread of its own into batches kept here until the first part
/// is read.
final class SecondPart: @unchecked Sendable {
  private let reader: CSVReader
  private let done = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var cancelled = false
  /// Written by the part's thread before `done` is signalled, read after.
  private var batches: [RecordBatch] = []
  private var clean = true
  private let warned: WarningFlag
  /// Set by the first part's thread when it has decided, before it reads on: the
  /// part's records were used (tests look).
  var used: Bool {
    get {
      lock.lock()
      defer { lock.unlock() }
      return usedValue
    }
    set {
      lock.lock()
      usedValue = newValue
      lock.unlock()
    }
  }
  private var usedValue = false

  private init(_ reader: CSVReader, warned: WarningFlag) {
    self.reader = reader
    self.warned = warned
  }

  /// Sets `first` to stop at the first line break after the middle of the file and
  /// opens a reader for the rest; nil (and `first` reads the whole file) for a
  /// file under `options.splitBytes`, one without such a line break within 1 MiB
  /// of the middle, or one that cannot be opened again.
  static func split(_ first: CSVReader, path: String, options: ReadOptions) -> SecondPart? {
    // One descriptor: the middle is looked for with it, and the second reader reads
    // the rest through it (and closes it).
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    var handed = false
    defer { if !handed { _ = close(fd) } }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    let size = Int(info.st_size)
    guard size >= options.splitBytes, size >= 2 else { return nil }
    let middle = size / 2
    let look = min(1 << 20, size - middle)
    var bytes = [UInt8](repeating: 0, count: look)
    let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, look, off_t(middle)) }
    guard got > 0, let lf = bytes[..<got].firstIndex(of: 0x0A) else { return nil }
    let offset = middle + lf + 1
    guard offset < size, lseek(fd, off_t(offset), SEEK_SET) == off_t(offset), first.stop(at: offset) else { return nil }
    handed = true
    let warned = WarningFlag()
    guard
      let reader = try? CSVReader(
        fd: fd, name: first.name, after: first, options: options, warn: { _ in warned.set() })
    else {
      first.resumePastSplit()
      return nil
    }
    return SecondPart(reader, warned: warned)
  }

  /// Starts reading on a thread of its own.
  func start(batchSize: Int) {
    let thread = Thread { [self] in
      run(batchSize: batchSize)
      done.signal()
    }
    thread.stackSize = 1 << 20
    thread.start()
  }

  private func run(batchSize: Int) {
    var last: RecordBatch? = nil
    while !isCancelled {
      // Sized like the batch before: no growing (copying) of fresh memory.
      let batch = last.map { RecordBatch(sizedLike: $0) } ?? RecordBatch()
      last = batch
      let ended: Bool
      do {
        ended = try ReadAhead.fill(batch, from: reader, upTo: batchSize)
      } catch {
        clean = false
        return
      }
      if batch.count > 0 { batches.append(batch) }
      if ended { return }
    }
  }

  private var isCancelled: Bool {
    lock.lock()
    defer { lock.unlock() }
    return cancelled
  }

  /// Stops the part's thread at its next batch (it is not waited for).
  func cancel() {
    lock.lock()
    cancelled = true
    lock.unlock()
  }

  /// Waits for the part to be read: its batches, or nil when it cannot be used
  /// (an error or a warning in it).
  func wait() -> [RecordBatch]? {
    done.wait()
    guard clean && !warned.isSet else { return nil }
    defer { batches = [] }
    return batches
  }
}

/// Whether a warning came (from a reading thread).
private final class WarningFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false
  func set() {
    lock.lock()
    value = true
    lock.unlock()
  }
  var isSet: Bool {
    lock.lock()
    defer { lock.unlock() }
    return value
  }
}

/// Records back to back in flat buffers: how ReadAhead hands them over. Memory
/// is managed by hand, so that handing a record over touches no reference count.
final class RecordBatch {
  /// Record r's bytes are `bytes[ends[r - 1].byte ..< ends[r].byte]` and the
  /// ends of its fields (counted from its first byte, as in `Record.ends`) are
  /// `fieldEnds[ends[r - 1].field ..< ends[r].field]`.
  private var bytes: PlainBuffer<UInt8>
  private var fieldEnds: PlainBuffer<Int>
  private var ends: PlainBuffer<(byte: Int, field: Int, line: Int)>

  var count: Int { ends.count }
  /// Records it has room for (0: never filled).
  var capacity: Int { ends.capacity }

  init() {
    bytes = PlainBuffer(capacity: 0)
    fieldEnds = PlainBuffer(capacity: 0)
    ends = PlainBuffer(capacity: 0)
  }

  /// An empty batch with room for a little more than `other` holds.
  init(sizedLike other: RecordBatch) {
    bytes = PlainBuffer(capacity: other.bytes.count + other.bytes.count / 8 + 64)
    fieldEnds = PlainBuffer(capacity: other.fieldEnds.count + other.fieldEnds.count / 8 + 64)
    ends = PlainBuffer(capacity: other.ends.count + 1)
  }

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

  /// Adds `n` to every record's line (a second part's lines counted from its start).
  func addToLines(_ n: Int) {
    for r in 0..<ends.count { ends.base[r].line += n }
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
