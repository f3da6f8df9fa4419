import Foundation
import LedgerStore

extension ToolEnvironment {
  /// The real world: the process environment, the system clock, the boot id, files.
  static var system: ToolEnvironment {
    ToolEnvironment(
      variables: ProcessInfo.processInfo.environment,
      clock: SystemClock(),
      bootID: (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines),
      readStandardInput: { Array(FileHandle.standardInput.readDataToEndOfFile()) },
      readFile: { path in
        if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
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

/// The system clock, read only here, in the command line.
struct SystemClock: LedgerClock {
  func now() -> LedgerTimestamp {
    LedgerTimestamp(
      millisecondsSinceEpoch: Int((Date().timeIntervalSince1970 * 1000).rounded(.down))
    )
  }
}
