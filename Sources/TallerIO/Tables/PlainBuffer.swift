/// A growable buffer of plain values (no references, so nothing to
/// deinitialize), managed by hand: appending touches no reference count and no
/// uniqueness check. Its owner frees it (`free()`). Used where a loop runs once
/// per field or per record: libcsv's field callback, the read-ahead batches.
struct PlainBuffer<T> {
  private(set) var base: UnsafeMutablePointer<T>
  var count = 0
  private(set) var capacity: Int

  init(capacity: Int) {
    self.capacity = capacity
    base = .allocate(capacity: capacity)
  }

  /// Room for `n` more values (doubling).
  @inline(__always)
  mutating func reserve(_ n: Int) {
    guard count + n > capacity else { return }
    var grown = max(capacity * 2, 64)
    while grown < count + n { grown *= 2 }
    let fresh = UnsafeMutablePointer<T>.allocate(capacity: grown)
    fresh.moveInitialize(from: base, count: count)
    base.deallocate()
    base = fresh
    capacity = grown
  }

  @inline(__always)
  mutating func append(_ value: T) {
    reserve(1)
    (base + count).initialize(to: value)
    count += 1
  }

  @inline(__always)
  mutating func append(_ start: UnsafePointer<T>, _ n: Int) {
    reserve(n)
    (base + count).initialize(from: start, count: n)
    count += n
  }

  @inline(__always)
  mutating func append(_ values: UnsafeBufferPointer<T>) {
    if let start = values.baseAddress { append(start, values.count) }
  }

  /// The values, valid until the next append or `free()`.
  var values: UnsafeBufferPointer<T> { UnsafeBufferPointer(start: base, count: count) }

  func free() { base.deallocate() }
}
