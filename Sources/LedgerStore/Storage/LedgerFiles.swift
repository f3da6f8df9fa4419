#if canImport(Glibc)
import Glibc
#endif

/// The few whole-file operations the layers above the engine need (snapshots, the command
/// line's reads and writes), on the engine's own POSIX wrapper, so no layer needs
/// Foundation.
///
/// Every failure is ``LedgerStoreError/io(file:step:errno:)`` with the system's own
/// reason: a missing file, a directory, a permission, a full disk.
public enum LedgerFiles: Sendable {
  /// A whole file's bytes.
  ///
  /// - Parameter path: The file.
  /// - Returns: Its bytes.
  /// - Throws: ``LedgerStoreError/io(file:step:errno:)``.
  public static func read(_ path: String) throws -> [UInt8] {
    let file = try FileDescriptor.open(path, O_RDONLY)
    defer { file.close() }
    return try file.readToEnd()
  }

  /// Standard input, to its end.
  ///
  /// - Returns: Its bytes.
  /// - Throws: ``LedgerStoreError/io(file:step:errno:)`` naming "standard input".
  public static func readStandardInput() throws -> [UInt8] {
    try FileDescriptor(rawValue: 0, path: "standard input").readToEnd()
  }

  /// The names in a directory (not `.` and `..`), sorted by their bytes.
  ///
  /// - Parameter path: The directory.
  /// - Returns: The names.
  /// - Throws: ``LedgerStoreError/io(file:step:errno:)``.
  public static func names(in path: String) throws -> [String] {
    try FileSystem.names(in: path)
  }

  /// Makes a directory and any missing parents (`mkdir -p`).
  ///
  /// - Parameter path: The directory.
  /// - Throws: ``LedgerStoreError/io(file:step:errno:)``.
  public static func makeDirectory(_ path: String) throws {
    try FileSystem.makeDirectory(path)
  }

  /// Writes a whole file atomically: a reader sees the old file or the new one, never a
  /// part (a temporary file beside it, named for this process, renamed over it).
  ///
  /// - Parameters:
  ///   - bytes: The new contents.
  ///   - path: The file.
  /// - Throws: ``LedgerStoreError/io(file:step:errno:)``.
  public static func write(_ bytes: [UInt8], to path: String) throws {
    let temporary = path + ".tmp-" + String(getpid())
    do {
      let file = try FileDescriptor.open(temporary, O_WRONLY | O_CREAT | O_TRUNC)
      defer { file.close() }
      try file.write(bytes, at: 0)
      try FileSystem.rename(temporary, path)
    } catch LedgerStoreError.io(_, _, let errno) {
      // Named for the file asked for: the temporary one is an implementation detail.
      try? FileSystem.remove(temporary)
      throw LedgerStoreError.io(file: path, step: "write", errno: errno)
    }
  }

  /// Removes a file; one already gone is not an error.
  ///
  /// - Parameter path: The file.
  /// - Throws: ``LedgerStoreError/io(file:step:errno:)``.
  public static func remove(_ path: String) throws {
    try FileSystem.remove(path)
  }
}
