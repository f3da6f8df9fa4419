#if canImport(Glibc)
import Glibc
#endif

/// Reads a text file line by line in constant memory: for `append --batch` and imports.
public enum LineFileReader: Sendable {
  /// Calls `body` with each line of the file (without its `\n`, or `\r\n`), numbered from 1.
  ///
  /// - Parameters:
  ///   - path: The file, or `-` for standard input.
  ///   - body: Receives each line and its number; the bytes are valid only during the call.
  /// - Throws: ``LedgerStoreError/io(file:step:errno:)``, or what `body` throws.
  public static func forEachLine(
    path: String,
    _ body: (UnsafeRawBufferPointer, Int) throws -> Void
  ) throws {
    try forEachLine(path: path) { line, number, _ in try body(line, number) }
  }

  /// Calls `body` with each line of the file (without its `\n`, or `\r\n`), numbered from 1,
  /// and the byte offset where it starts: a file can then be read again by line.
  ///
  /// - Parameters:
  ///   - path: The file, or `-` for standard input.
  ///   - body: Receives each line, its number and its offset; the bytes are valid only
  ///     during the call.
  /// - Throws: ``LedgerStoreError/io(file:step:errno:)``, or what `body` throws.
  public static func forEachLine(
    path: String,
    _ body: (UnsafeRawBufferPointer, Int, Int) throws -> Void
  ) throws {
    let descriptor: Int32
    if path == "-" {
      descriptor = STDIN_FILENO
    } else {
      descriptor = open(path, O_RDONLY | O_CLOEXEC)
      guard descriptor >= 0 else {
        throw LedgerStoreError.io(file: path, step: "read", errno: errno)
      }
    }
    defer { if path != "-" { close(descriptor) } }
    var buffer: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    var lineNumber = 0
    // The offset in the file of the buffer's first byte.
    var consumed = 0
    func emit(_ line: ArraySlice<UInt8>) throws {
      lineNumber += 1
      let offset = consumed + line.startIndex
      var line = line
      if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
      try line.withUnsafeBytes { try body($0, lineNumber, offset) }
    }
    while true {
      let count = chunk.withUnsafeMutableBytes { raw in read(descriptor, raw.baseAddress, raw.count)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw LedgerStoreError.io(file: path, step: "read", errno: errno)
      }
      if count == 0 { break }
      buffer += chunk[0..<count]
      var start = buffer.startIndex
      while let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
        try emit(buffer[start..<newline])
        start = newline + 1
      }
      consumed += start - buffer.startIndex
      buffer.removeSubrange(buffer.startIndex..<start)
    }
    if !buffer.isEmpty { try emit(buffer[...]) }
  }
}

/// A file open for reading at offsets, closed when released: to read lines again at the
/// offsets ``LineFileReader`` gave for them.
public final class RandomAccessFile: Sendable {
  private let descriptor: FileDescriptor

  /// Opens a file for reading.
  ///
  /// - Parameter path: The file.
  /// - Throws: ``LedgerStoreError/io(file:step:errno:)``.
  public init(path: String) throws {
    descriptor = try FileDescriptor.open(path, O_RDONLY)
  }

  deinit {
    descriptor.close()
  }

  /// Reads bytes from an offset, until `buffer` is full or the file ends.
  ///
  /// - Parameters:
  ///   - buffer: Where they go.
  ///   - offset: Where they are.
  /// - Returns: How many were read.
  /// - Throws: ``LedgerStoreError/io(file:step:errno:)``.
  public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
    try descriptor.read(into: buffer, at: offset)
  }
}
