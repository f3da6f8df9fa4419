#if canImport(Glibc)
import Glibc
#endif

/// One line of the log, as stored, while it is being read.
///
/// `bytes` excludes the final newline and is valid only inside the callback that
/// receives it: copy what you keep.
public struct EventLine {
  /// The position in the log: 1 for the first event.
  public let seq: Int
  /// The segment file the line is in.
  public let file: String
  /// The byte offset of the line's first byte in `file`.
  public let byteOffset: Int
  /// The line's bytes without the newline.
  public let bytes: UnsafeRawBufferPointer
}

/// Borrows the reader's buffer, so it cannot cross concurrency domains.
@available(*, unavailable)
extension EventLine: Sendable {}

/// Reads lines from segment files in large blocks, splitting on newlines with `memchr`.
///
/// Memory is one block plus one line at most, whatever the size of the log.
struct SegmentReader {
  /// The size of one read; lines longer than this are carried across reads.
  static let blockSize = 1 << 20
  /// The size of the first read.
  ///
  /// Reads double from here to ``blockSize``, so that a reader after one line (a lookup by
  /// seq, a check of a position) reads a few pages, not a megabyte, and a long read still
  /// goes a megabyte at a time after seven reads.
  static let firstReadSize = 16 << 10

  /// Where to stop reading.
  struct Extent {
    /// The segment files, in log order, up to and including the last one to read.
    var segments: [String]
    /// The byte offset in the last segment where reading stops.
    var end: Int
  }

  let directory: String

  /// Whether the whole line at `start` is the event `seq`: how a reader checks a position
  /// the derived index gave it before trusting it.
  ///
  /// - Parameters:
  ///   - seq: The seq expected there.
  ///   - start: The segment index and byte offset of the line.
  ///   - extent: The segments and the end offset in the last.
  /// - Returns: Whether a whole event line with that `seq` starts there.
  /// - Throws: ``LedgerStoreError/io(file:step:errno:)`` when a segment cannot be read.
  func hasLine(
    ofSeq seq: Int,
    at start: (segment: Int, offset: Int, seq: Int),
    extent: Extent
  ) throws -> Bool {
    guard start.segment < extent.segments.count else { return false }
    var found = false
    let tail = try forEachLine(extent: extent, from: start) { line in
      found = (try? EventLineFields(line.bytes))?.seq == seq
      return false
    }
    return found && tail == nil
  }

  /// Calls `body` for each whole line from `start` to the extent's end.
  ///
  /// - Parameters:
  ///   - extent: The segments and the end offset in the last.
  ///   - start: The segment index, byte offset and seq of the first line to read.
  ///   - body: Receives each line; returns `false` to stop.
  /// - Returns: Where a trailing partial line starts, if the last segment ends in one.
  /// - Throws: An I/O error, or what `body` throws.
  @discardableResult
  func forEachLine(
    extent: Extent,
    from start: (segment: Int, offset: Int, seq: Int) = (0, 0, 1),
    _ body: (EventLine) throws -> Bool
  ) throws -> (file: String, offset: Int)? {
    var seq = start.seq
    var readSize = Self.firstReadSize
    let buffer = UnsafeMutableRawBufferPointer.allocate(
      byteCount: Self.blockSize + JSONValue.maximumLength + 2,
      alignment: 16
    )
    defer { buffer.deallocate() }
    for segmentIndex in start.segment..<extent.segments.count {
      let name = extent.segments[segmentIndex]
      let file = try FileDescriptor.open(directory + "/" + name, O_RDONLY)
      defer { file.close() }
      let isLast = segmentIndex == extent.segments.count - 1
      let stop = isLast ? extent.end : try file.size()
      var fileOffset = segmentIndex == start.segment ? start.offset : 0
      var carried = 0  // bytes of an unfinished line at the start of `buffer`
      var lineStart = fileOffset  // file offset of buffer[0]
      while fileOffset < stop {
        let room = buffer.count - carried
        guard room > 0 else {
          // A line longer than the format allows: let the caller see it and refuse it.
          let line = EventLine(
            seq: seq,
            file: name,
            byteOffset: lineStart,
            bytes: UnsafeRawBufferPointer(rebasing: buffer[0..<carried])
          )
          _ = try body(line)
          return (name, lineStart)
        }
        let wanted = min(readSize, room, stop - fileOffset)
        let read = try file.read(
          into: UnsafeMutableRawBufferPointer(rebasing: buffer[carried..<(carried + wanted)]),
          at: fileOffset
        )
        if read == 0 { break }
        readSize = min(2 * readSize, Self.blockSize)
        fileOffset += read
        let filled = carried + read
        var cursor = 0
        guard let base = buffer.baseAddress else { return nil }
        while cursor < filled,
          let newline = memchr(base + cursor, Int32(UInt8(ascii: "\n")), filled - cursor)
        {
          let end = base.distance(to: newline)
          let line = EventLine(
            seq: seq,
            file: name,
            byteOffset: lineStart + cursor,
            bytes: UnsafeRawBufferPointer(rebasing: buffer[cursor..<end])
          )
          if !(try body(line)) { return nil }
          seq += 1
          cursor = end + 1
        }
        carried = filled - cursor
        if carried > 0 && cursor > 0 {
          base.copyMemory(from: base + cursor, byteCount: carried)
        }
        lineStart += cursor
      }
      if carried > 0 { return (name, lineStart) }
    }
    return nil
  }
}
