#if canImport(Glibc)
import CLedgerSystem
import Glibc
#endif

/// Sorts entries (a 64-bit key and a few bytes of payload) by key in bounded memory,
/// spilling sorted runs to a nameless scratch file when they outgrow a budget.
///
/// A pass over the log that must visit records in another order than the log's (valid
/// time rather than seq, or seq again after valid time) adds one entry per record; the
/// entries are kept in memory up to ``runBytes``, then sorted and written out as a run,
/// and ``sorted()`` merges the runs (at most ``fanIn`` at a time, merging in rounds when
/// there are more). Memory is then about ``runBytes`` plus a 32 KiB buffer per run merged,
/// whatever the number of entries. Entries with equal keys come out in the order they
/// were added.
///
/// With no scratch directory nothing is spilled and every entry stays in memory; with
/// one, a sort whose entries fit in one run never touches the disk either. The scratch
/// file has no name (Linux `O_TMPFILE`) and vanishes when the last ``Sorted`` that reads
/// it is released, or when the process ends, however it ends.
public struct ExternalSort: Sendable {
  /// The memory budget of the run being gathered, by default.
  public static let defaultRunBytes = 4 << 20

  /// Where runs may be spilled; `nil` keeps everything in memory.
  public let scratchDirectory: String?
  /// The bytes of entries (and their share of the sort's index) gathered before a run is
  /// sorted and spilled.
  public let runBytes: Int
  /// The most runs merged at once.
  public let fanIn: Int
  /// How many entries have been added.
  public private(set) var count = 0

  /// The entries gathered since the last spill: key, payload length (four bytes, little
  /// endian), payload.
  private var bytes: [UInt8] = []
  /// The key and the offset in `bytes` of each entry gathered.
  private var index: [Slot] = []
  private var file: ScratchFile?
  /// The runs spilled so far, oldest first.
  private var runs: [Run] = []
  private var fileEnd = 0

  /// A gathered entry: where it is, by key and then by when it was added.
  struct Slot: Comparable, Sendable {
    let key: UInt64
    let offset: Int

    static func < (left: Slot, right: Slot) -> Bool {
      (left.key, left.offset) < (right.key, right.offset)
    }
  }

  /// One sorted run in the scratch file.
  struct Run: Sendable {
    let offset: Int
    let length: Int
  }

  /// The bytes an entry's header takes: its key and its payload's length.
  static let headerBytes = 12

  /// Starts a sort.
  ///
  /// - Parameters:
  ///   - scratchDirectory: A directory for the scratch file, or `nil` to hold every entry
  ///     in memory.
  ///   - runBytes: The memory budget of a run.
  ///   - fanIn: The most runs merged at once (at least 2).
  public init(
    scratchDirectory: String?,
    runBytes: Int = ExternalSort.defaultRunBytes,
    fanIn: Int = 64
  ) {
    self.scratchDirectory = scratchDirectory
    self.runBytes = max(runBytes, 1)
    self.fanIn = max(fanIn, 2)
  }

  /// Adds an entry with no payload.
  ///
  /// - Parameter key: The key it sorts by.
  /// - Throws: ``LedgerStoreError/scratchUnavailable(directory:errno:)`` when a run
  ///   cannot be spilled.
  public mutating func add(_ key: UInt64) throws {
    try add(key, payload: UnsafeRawBufferPointer(start: nil, count: 0))
  }

  /// Adds an entry.
  ///
  /// - Parameters:
  ///   - key: The key it sorts by.
  ///   - payload: Bytes that travel with it (under 4 GiB).
  /// - Throws: ``LedgerStoreError/scratchUnavailable(directory:errno:)`` when a run
  ///   cannot be spilled.
  public mutating func add(_ key: UInt64, payload: UnsafeRawBufferPointer) throws {
    index.append(Slot(key: key, offset: bytes.count))
    Self.appendHeader(key: key, length: payload.count, to: &bytes)
    bytes.append(contentsOf: payload)
    count += 1
    if bytes.count + index.count * MemoryLayout<Slot>.stride >= runBytes,
      scratchDirectory != nil
    {
      try spill()
    }
  }

  /// Adds an entry.
  ///
  /// - Parameters:
  ///   - key: The key it sorts by.
  ///   - payload: Bytes that travel with it.
  /// - Throws: ``LedgerStoreError/scratchUnavailable(directory:errno:)`` when a run
  ///   cannot be spilled.
  public mutating func add(_ key: UInt64, payload: [UInt8]) throws {
    try payload.withUnsafeBytes { try add(key, payload: $0) }
  }

  /// Ends the sort: the entries in key order, to read as often as wanted.
  ///
  /// - Returns: The sorted entries.
  /// - Throws: ``LedgerStoreError/scratchUnavailable(directory:errno:)`` when the runs
  ///   cannot be written or read.
  public consuming func sorted() throws -> Sorted {
    guard let file else {
      return Sorted(memory: sortedRun(), file: nil, runs: [], count: count)
    }
    if !index.isEmpty { try spill() }
    bytes = []
    index = []
    // Merge in rounds until one merge can read them all: each round merges consecutive
    // groups of runs, each group into one run in its place, so equal keys keep the order
    // they came in.
    while runs.count > fanIn {
      var round: [Run] = []
      for start in stride(from: 0, to: runs.count, by: fanIn) {
        let group = Array(runs[start..<min(start + fanIn, runs.count)])
        guard group.count > 1 else {
          round += group
          continue
        }
        var writer = RunWriter(file: file, offset: fileEnd)
        try Sorted(memory: [], file: file, runs: group, count: 0).forEachEntry { key, payload in
          try writer.append(key: key, payload: payload)
        }
        let run = try writer.finish()
        fileEnd = run.offset + run.length
        round.append(run)
      }
      runs = round
    }
    return Sorted(memory: [], file: file, runs: runs, count: count)
  }

  /// The gathered entries, sorted, as one run's bytes.
  private mutating func sortedRun() -> [UInt8] {
    var run: [UInt8] = []
    run.reserveCapacity(bytes.count)
    forEachGathered { key, payload in
      Self.appendHeader(key: key, length: payload.count, to: &run)
      run.append(contentsOf: payload)
    }
    return run
  }

  /// Sorts the gathered entries and calls `body` with each, in order.
  private mutating func forEachGathered(
    _ body: (UInt64, UnsafeRawBufferPointer) throws -> Void
  ) rethrows {
    index.sort()
    try bytes.withUnsafeBytes { source in
      for slot in index {
        let start = slot.offset + Self.headerBytes
        let length = Int(Self.length(in: source, at: slot.offset))
        try body(slot.key, UnsafeRawBufferPointer(rebasing: source[start..<start + length]))
      }
    }
  }

  /// Sorts the gathered entries and writes them to the scratch file as a run.
  private mutating func spill() throws {
    guard let scratchDirectory else { return }
    let file = try self.file ?? ScratchFile(directory: scratchDirectory)
    self.file = file
    var writer = RunWriter(file: file, offset: fileEnd)
    try forEachGathered { key, payload in try writer.append(key: key, payload: payload) }
    let run = try writer.finish()
    runs.append(run)
    fileEnd = run.offset + run.length
    bytes.removeAll(keepingCapacity: true)
    index.removeAll(keepingCapacity: true)
  }

  static func appendHeader(key: UInt64, length: Int, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: key.littleEndian) { bytes.append(contentsOf: $0) }
    withUnsafeBytes(of: UInt32(length).littleEndian) { bytes.append(contentsOf: $0) }
  }

  static func key(in buffer: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
    UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
  }

  static func length(in buffer: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
    UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self))
  }

  /// Sorted entries: read them with ``forEachEntry(_:)``, as often as wanted.
  public final class Sorted: Sendable {
    /// The entries, when they never left memory.
    private let memory: [UInt8]
    private let file: ScratchFile?
    private let runs: [Run]
    /// How many entries there are.
    public let count: Int

    init(memory: [UInt8], file: ScratchFile?, runs: [Run], count: Int) {
      self.memory = memory
      self.file = file
      self.runs = runs
      self.count = count
    }

    /// Calls `body` with each entry in key order (equal keys in the order added).
    ///
    /// - Parameter body: Receives the key and the payload, which is valid only during
    ///   the call.
    /// - Throws: ``LedgerStoreError/scratchUnavailable(directory:errno:)`` when the
    ///   scratch file cannot be read, or what `body` throws.
    public func forEachEntry(_ body: (UInt64, UnsafeRawBufferPointer) throws -> Void) throws {
      guard let file else {
        try memory.withUnsafeBytes { run in
          var offset = 0
          while offset < run.count {
            let length = Int(ExternalSort.length(in: run, at: offset))
            let start = offset + ExternalSort.headerBytes
            try body(
              ExternalSort.key(in: run, at: offset),
              UnsafeRawBufferPointer(rebasing: run[start..<start + length])
            )
            offset = start + length
          }
        }
        return
      }
      var cursors = runs.map { RunCursor(file: file, run: $0) }
      // A binary heap of the cursors not yet at their end, least key (then oldest run)
      // first.
      var heap: [Int] = []
      for position in cursors.indices {
        guard try cursors[position].load() else { continue }
        heap.append(position)
        Self.siftUp(&heap, from: heap.count - 1, cursors)
      }
      while let top = heap.first {
        try cursors[top].withEntry(body)
        if try cursors[top].advance() {
          Self.siftDown(&heap, from: 0, cursors)
        } else {
          heap[0] = heap[heap.count - 1]
          heap.removeLast()
          if !heap.isEmpty { Self.siftDown(&heap, from: 0, cursors) }
        }
      }
    }

    private static func precedes(_ left: Int, _ right: Int, _ cursors: [RunCursor]) -> Bool {
      (cursors[left].key, left) < (cursors[right].key, right)
    }

    private static func siftUp(_ heap: inout [Int], from start: Int, _ cursors: [RunCursor]) {
      var child = start
      while child > 0 {
        let parent = (child - 1) / 2
        guard precedes(heap[child], heap[parent], cursors) else { return }
        heap.swapAt(child, parent)
        child = parent
      }
    }

    private static func siftDown(_ heap: inout [Int], from start: Int, _ cursors: [RunCursor]) {
      var parent = start
      while true {
        var least = parent
        for child in [2 * parent + 1, 2 * parent + 2]
        where child < heap.count && precedes(heap[child], heap[least], cursors) {
          least = child
        }
        guard least != parent else { return }
        heap.swapAt(parent, least)
        parent = least
      }
    }
  }
}

/// A nameless file in a scratch directory, closed when released.
///
/// What a long sort spills to, and what `append --batch -` keeps standard input in.
/// Nothing is left behind, even when the process is killed (`O_TMPFILE`, or a file
/// unlinked as soon as it is made).
public final class ScratchFile: Sendable {
  let descriptor: FileDescriptor
  /// The scratch directory.
  public let directory: String

  /// Makes a nameless file in a directory.
  ///
  /// - Parameter directory: The scratch directory, such as `TMPDIR`.
  /// - Throws: ``LedgerStoreError/scratchUnavailable(directory:errno:)``.
  public init(directory: String) throws {
    let fd = directory.withCString { ledger_scratch_file($0) }
    guard fd >= 0 else {
      throw LedgerStoreError.scratchUnavailable(directory: directory, errno: errno)
    }
    descriptor = FileDescriptor(rawValue: fd, path: directory)
    self.directory = directory
  }

  deinit {
    descriptor.close()
  }

  /// Writes bytes at an offset.
  ///
  /// - Parameters:
  ///   - buffer: The bytes.
  ///   - offset: Where they go.
  /// - Throws: ``LedgerStoreError/scratchUnavailable(directory:errno:)``.
  public func write(_ buffer: UnsafeRawBufferPointer, at offset: Int) throws {
    do {
      try descriptor.write(buffer, at: offset)
    } catch LedgerStoreError.io(_, _, let errno) {
      throw LedgerStoreError.scratchUnavailable(directory: directory, errno: errno)
    }
  }

  /// Reads bytes from an offset.
  ///
  /// - Parameters:
  ///   - buffer: Where they go.
  ///   - offset: Where they are.
  /// - Returns: How many were read (fewer at the end of the file).
  /// - Throws: ``LedgerStoreError/scratchUnavailable(directory:errno:)``.
  public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
    do {
      return try descriptor.read(into: buffer, at: offset)
    } catch LedgerStoreError.io(_, _, let errno) {
      throw LedgerStoreError.scratchUnavailable(directory: directory, errno: errno)
    }
  }
}

/// Writes a run's entries to the scratch file through a buffer.
struct RunWriter {
  let file: ScratchFile
  let offset: Int
  private var written = 0
  private var buffer: [UInt8] = []

  static let bufferBytes = 256 << 10

  init(file: ScratchFile, offset: Int) {
    self.file = file
    self.offset = offset
    buffer.reserveCapacity(Self.bufferBytes)
  }

  mutating func append(key: UInt64, payload: UnsafeRawBufferPointer) throws {
    ExternalSort.appendHeader(key: key, length: payload.count, to: &buffer)
    buffer.append(contentsOf: payload)
    if buffer.count >= Self.bufferBytes { try flush() }
  }

  private mutating func flush() throws {
    try buffer.withUnsafeBytes { try file.write($0, at: offset + written) }
    written += buffer.count
    buffer.removeAll(keepingCapacity: true)
  }

  consuming func finish() throws -> ExternalSort.Run {
    try flush()
    return ExternalSort.Run(offset: offset, length: written)
  }
}

/// Reads one run of the scratch file, an entry at a time, through a 32 KiB buffer.
struct RunCursor {
  let file: ScratchFile
  /// Where the unread part of the run starts in the file, and where the run ends.
  private var next: Int
  private let end: Int
  private var buffer: [UInt8] = []
  /// The current entry's start in `buffer`.
  private var position = 0
  /// The current entry's key (valid after a `load` or `advance` that returned `true`).
  private(set) var key: UInt64 = 0

  static let bufferBytes = 32 << 10

  init(file: ScratchFile, run: ExternalSort.Run) {
    self.file = file
    next = run.offset
    end = run.offset + run.length
  }

  /// Reads the first entry; `false` when the run is empty.
  mutating func load() throws -> Bool {
    try ensure(ExternalSort.headerBytes) && loadEntry()
  }

  /// Moves to the next entry; `false` at the end of the run.
  mutating func advance() throws -> Bool {
    position += ExternalSort.headerBytes + entryLength
    return try ensure(ExternalSort.headerBytes) && loadEntry()
  }

  func withEntry(_ body: (UInt64, UnsafeRawBufferPointer) throws -> Void) throws {
    try buffer.withUnsafeBytes { bytes in
      let start = position + ExternalSort.headerBytes
      try body(key, UnsafeRawBufferPointer(rebasing: bytes[start..<start + entryLength]))
    }
  }

  private var entryLength: Int {
    buffer.withUnsafeBytes { Int(ExternalSort.length(in: $0, at: position)) }
  }

  private mutating func loadEntry() throws -> Bool {
    guard try ensure(ExternalSort.headerBytes + entryLength) else { return false }
    key = buffer.withUnsafeBytes { ExternalSort.key(in: $0, at: position) }
    return true
  }

  /// Makes sure `count` bytes from `position` are in the buffer, reading more of the run
  /// (keeping what is unread); `false` when the run ends first.
  private mutating func ensure(_ count: Int) throws -> Bool {
    let available = buffer.count - position
    if available >= count { return true }
    if next >= end { return false }
    buffer.removeFirst(position)
    position = 0
    let wanted = min(max(Self.bufferBytes, count) - buffer.count, end - next)
    let kept = buffer.count
    buffer.append(contentsOf: repeatElement(0, count: max(wanted, 0)))
    let read = try buffer.withUnsafeMutableBytes { bytes in
      try file.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[kept...]), at: next)
    }
    buffer.removeLast(max(wanted, 0) - read)
    // The run was written whole; a scratch file that ends before it was cut short.
    guard read > 0 else {
      throw LedgerStoreError.scratchUnavailable(directory: file.directory, errno: EIO)
    }
    next += read
    return buffer.count >= count
  }
}
