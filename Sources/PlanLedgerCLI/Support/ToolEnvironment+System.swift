import LedgerStore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#endif

extension ToolEnvironment {
  /// The real world: the process environment, the system clock, the boot id, files.
  static var system: ToolEnvironment {
    ToolEnvironment(
      variables: ProcessInfo.processInfo.environment,
      clock: SystemClock(),
      bootID: (try? Data(contentsOf: URL(fileURLWithPath: "/proc/sys/kernel/random/boot_id")))
        .map { String(decoding: $0, as: UTF8.self).filter { !$0.isWhitespace } }
        .flatMap { $0.isEmpty ? nil : $0 },
      readFile: { path in
        if path == "-" { return try standardInputToEnd() }
        do {
          return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
          throw LedgerStoreError.io(file: path, step: "read", errno: ENOENT)
        }
      },
      listDirectory: { path in
        do {
          return try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
          throw LedgerStoreError.io(file: path, step: "list", errno: ENOENT)
        }
      },
      writeFile: { path, bytes in
        do {
          try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
          throw LedgerStoreError.io(file: path, step: "write", errno: EACCES)
        }
      }
    )
  }
}

/// Standard input to its end.
private func standardInputToEnd() throws -> [UInt8] {
  var bytes: [UInt8] = []
  var block = [UInt8](repeating: 0, count: 1 << 16)
  while true {
    let count = block.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
    if count < 0 {
      if errno == EINTR { continue }
      throw LedgerStoreError.io(file: "standard input", step: "read", errno: errno)
    }
    if count == 0 { return bytes }
    bytes += block[0..<count]
  }
}

/// The system clock, read only here, in the command line.
struct SystemClock: LedgerClock {
  func now() -> LedgerTimestamp {
    LedgerTimestamp(
      millisecondsSinceEpoch: Int((Date().timeIntervalSince1970 * 1000).rounded(.down))
    )
  }
}
