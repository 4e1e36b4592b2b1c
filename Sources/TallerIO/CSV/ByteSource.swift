#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finds line breaks in a byte window: LF, CR LF, or a lone CR (old Mac files).
///
/// Remembers how far it has searched, so that a window with no LF at all (a CR-only
/// file) or no CR at all (the usual LF file) is searched once, not once per line.
struct LineBreakFinder {
  private var knownLF = -1
  private var noLFBefore = 0
  private var knownCR = -1
  private var noCRBefore = 0

  /// Forgets what was searched (the window's bytes moved).
  mutating func reset() { self = LineBreakFinder() }

  private static func search(
    _ base: UnsafePointer<UInt8>, _ byte: UInt8, from: Int, to end: Int
  ) -> Int? {
    guard from < end, let hit = memchr(base + from, Int32(byte), end - from) else { return nil }
    return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
  }

  /// Index of the last byte of the first line break in `base[start..<end]` (the LF of
  /// a CR LF), or nil when the window holds no complete break yet. A CR as the last
  /// byte of the window counts only at end of input (an LF may follow it).
  mutating func find(_ base: UnsafePointer<UInt8>, start: Int, end: Int, eof: Bool) -> Int? {
    var lf: Int? = nil
    if knownLF >= start && knownLF < end {
      lf = knownLF
    } else if let hit = Self.search(base, 0x0A, from: max(start, noLFBefore), to: end) {
      knownLF = hit
      lf = hit
    } else {
      noLFBefore = end
    }
    var cr: Int? = nil
    if knownCR >= start && knownCR < end {
      cr = knownCR
    } else if let hit = Self.search(base, 0x0D, from: max(start, noCRBefore), to: end) {
      knownCR = hit
      cr = hit
    } else {
      noCRBefore = end
    }
    if let cr, cr < (lf ?? end) {
      if cr + 1 < end { return base[cr + 1] == 0x0A ? cr + 1 : cr }
      return eof ? cr : nil
    }
    return lf
  }
}

/// One piece of input for libcsv: a whole physical line with its line break, or a
/// piece of a line longer than the buffer (`endsLine` false).
struct Segment {
  var base: UnsafePointer<UInt8>
  var count: Int
  var endsLine: Bool
}

/// An open input and the buffer it is read into; closes the descriptor (when it
/// opened it) and frees the buffer when the reader goes away.
final class InputHandle {
  let fd: Int32
  let closeWhenDone: Bool
  let capacity: Int
  let buffer: UnsafeMutablePointer<UInt8>
  /// Bytes already read from `fd` by someone else (a format sniffer peeking at
  /// standard input); they come first.
  let prefix: [UInt8]

  init(fd: Int32, closeWhenDone: Bool, capacity: Int, prefix: [UInt8] = []) {
    self.fd = fd
    self.closeWhenDone = closeWhenDone
    self.capacity = max(capacity, 16, prefix.count + 16)
    self.prefix = prefix
    buffer = .allocate(capacity: self.capacity)
  }

  deinit {
    buffer.deallocate()
    if closeWhenDone { _ = close(fd) }
  }
}

/// The input read with read(2) in chunks into one fixed buffer; memory stays at the
/// buffer's size whatever the size of the input.
///
/// A plain struct of integers and pointers (the buffer belongs to an `InputHandle`),
/// so the reader can work on a local copy in its loop without reference counting
/// or exclusivity checks.
struct ByteWindow {
  let fd: Int32
  let capacity: Int
  let buffer: UnsafeMutablePointer<UInt8>
  /// The unread bytes are `buffer[start..<end]`.
  var start = 0
  private(set) var end = 0
  private(set) var eof = false
  private var breaks = LineBreakFinder()
  /// Bytes read from `fd` so far.
  private(set) var consumed = 0
  /// Reading stops at this many bytes from `fd` (a reader that parses only the
  /// first part of a file; see `CSVReader.stop(at:)`) until it is raised.
  var limit = Int.max

  /// Every byte up to `limit` has been read and handed out.
  var drainedToLimit: Bool { consumed >= limit && start == end }

  init(_ handle: InputHandle) {
    fd = handle.fd
    capacity = handle.capacity
    buffer = handle.buffer
    if !handle.prefix.isEmpty {
      handle.prefix.withUnsafeBufferPointer { p in
        buffer.update(from: p.baseAddress!, count: p.count)
      }
      end = handle.prefix.count
    }
  }

  /// Reads once into the free space after `end`; sets `eof` when there is no more.
  mutating func readMore(name: String) throws(InputError) {
    precondition(end < capacity && consumed < limit)
    while true {
      let n = read(fd, buffer + end, min(capacity - end, limit - consumed))
      if n > 0 { end += n; consumed += n; return }
      if n == 0 { eof = true; return }
      if errno == EINTR { continue }
      throw InputError(.io, at: SourceLocation(file: name), String(cString: strerror(errno)))
    }
  }

  /// Reads until the buffer is full or the input ends (what sniffing looks at).
  mutating func fill(name: String) throws(InputError) {
    while !eof && end < capacity && consumed < limit { try readMore(name: name) }
  }

  /// The next segment to parse, or nil at end of input or at `limit`. The
  /// segment's bytes stay valid until the next call.
  mutating func nextSegment(name: String) throws(InputError) -> Segment? {
    while true {
      if consumed >= limit && !eof && breaks.find(buffer, start: start, end: end, eof: false) == nil { return nil }
      if start < end {
        if let b = breaks.find(buffer, start: start, end: end, eof: eof) {
          defer { start = b + 1 }
          return Segment(base: buffer + start, count: b + 1 - start, endsLine: true)
        }
        if eof {
          defer { start = end }
          return Segment(base: buffer + start, count: end - start, endsLine: false)
        }
        if start > 0 {
          // Move the incomplete line to the front and read after it.
          let n = end - start
          memmove(buffer, buffer + start, n)
          start = 0
          end = n
          breaks.reset()
        } else if end == capacity {
          // A line longer than the buffer: hand libcsv what there is, keeping back a
          // final CR whose LF may come with the next read.
          let n = buffer[end - 1] == 0x0D ? end - 1 : end
          defer { start = n }
          return Segment(base: buffer, count: n, endsLine: false)
        }
      } else if eof {
        return nil
      } else {
        start = 0
        end = 0
        breaks.reset()
      }
      try readMore(name: name)
    }
  }
}
