import LedgerStore

#if canImport(Glibc)
import Glibc
#endif

extension ToolEnvironment {
  /// The real world: the process environment, the system clock, the boot id, files.
  static var system: ToolEnvironment {
    ToolEnvironment(
      variables: processEnvironment(),
      clock: SystemClock(),
      bootID: (try? LedgerFiles.read("/proc/sys/kernel/random/boot_id"))
        .map { String(decoding: $0, as: UTF8.self).filter { !$0.isWhitespace } }
        .flatMap { $0.isEmpty ? nil : $0 },
      readFile: { path in
        path == "-" ? try LedgerFiles.readStandardInput() : try LedgerFiles.read(path)
      },
      listDirectory: { path in try LedgerFiles.names(in: path) },
      writeFile: { path, bytes in try LedgerFiles.write(bytes, to: path) }
    )
  }
}

/// The process's environment variables (the first of a name that appears twice).
private func processEnvironment() -> [String: String] {
  var variables: [String: String] = [:]
  var entry = environ
  while let pointer = entry.pointee {
    let text = String(cString: pointer)
    if let equals = text.firstIndex(of: "=") {
      let name = String(text[..<equals])
      if variables[name] == nil { variables[name] = String(text[text.index(after: equals)...]) }
    }
    entry += 1
  }
  return variables
}

/// The system clock, read only here, in the command line.
struct SystemClock: LedgerClock {
  func now() -> LedgerTimestamp {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return LedgerTimestamp(millisecondsSinceEpoch: time.tv_sec * 1000 + time.tv_nsec / 1_000_000)
  }
}
