#if canImport(Glibc)
import Glibc
#endif

/// Where a command's results or diagnostics go: a file descriptor (buffered) or, in
/// tests, a string.
final class OutputSink {
  private let descriptor: Int32?
  private var buffer: [UInt8] = []
  /// What was written, when collecting.
  private(set) var text = ""

  /// A sink that collects text, for tests.
  init() {
    descriptor = nil
  }

  /// A sink that writes to a file descriptor, such as standard output.
  init(descriptor: Int32) {
    self.descriptor = descriptor
    buffer.reserveCapacity(1 << 16)
  }

  deinit {
    flush()
  }

  func write(_ string: String) {
    if descriptor == nil {
      text += string
    } else {
      buffer.append(contentsOf: string.utf8)
      if buffer.count >= 1 << 16 { flush() }
    }
  }

  func write(bytes: UnsafeRawBufferPointer) {
    if descriptor == nil {
      text += String(decoding: bytes, as: UTF8.self)
    } else {
      buffer.append(contentsOf: bytes)
      if buffer.count >= 1 << 16 { flush() }
    }
  }

  func flush() {
    guard let descriptor, !buffer.isEmpty else { return }
    buffer.withUnsafeBytes { raw in
      var written = 0
      while written < raw.count {
        let result = Glibc.write(
          descriptor,
          raw.baseAddress.map { $0 + written },
          raw.count - written
        )
        if result <= 0 {
          if result < 0 && errno == EINTR { continue }
          break
        }
        written += result
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }
}
