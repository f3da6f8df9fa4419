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
    func emit(_ line: ArraySlice<UInt8>) throws {
      lineNumber += 1
      var line = line
      if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
      try line.withUnsafeBytes { try body($0, lineNumber) }
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
      buffer.removeSubrange(buffer.startIndex..<start)
    }
    if !buffer.isEmpty { try emit(buffer[...]) }
  }
}
