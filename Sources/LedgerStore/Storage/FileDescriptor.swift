#if canImport(Glibc)
import CLedgerSystem
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A thin, throwing wrapper over a POSIX file descriptor.
///
/// Every failure becomes ``LedgerStoreError/io(file:step:errno:)`` naming the file and
/// the step, so the user learns which file could not be read or written. The owner
/// closes it; the type has no identity of its own.
struct FileDescriptor: Sendable {
  let rawValue: Int32
  let path: String

  /// Opens a file.
  static func open(
    _ path: String,
    _ flags: Int32,
    permissions: mode_t = 0o644
  ) throws -> FileDescriptor {
    let fd = path.withCString { Glibc.open($0, flags | O_CLOEXEC, permissions) }
    guard fd >= 0 else {
      throw LedgerStoreError.io(
        file: path,
        step: flags & (O_WRONLY | O_RDWR) != 0 ? "open" : "read",
        errno: errno
      )
    }
    return FileDescriptor(rawValue: fd, path: path)
  }

  /// Opens a file, or returns `nil` when it does not exist.
  static func openIfPresent(
    _ path: String,
    _ flags: Int32
  ) throws
    -> FileDescriptor?
  {
    let fd = path.withCString { Glibc.open($0, flags | O_CLOEXEC, 0o644) }
    if fd < 0 {
      if errno == ENOENT { return nil }
      throw LedgerStoreError.io(file: path, step: "open", errno: errno)
    }
    return FileDescriptor(rawValue: fd, path: path)
  }

  func close() {
    _ = Glibc.close(rawValue)
  }

  /// Whether this is the file `name` in `directory`: whether ``path`` is
  /// `directory + "/" + name`, without building that string.
  func isFile(named name: String, in directory: String) -> Bool {
    // Compared as bytes in place: this runs on every append.
    var (path, directory, name) = (path, directory, name)
    return path.withUTF8 { path in
      directory.withUTF8 { directory in
        name.withUTF8 { name in
          guard path.count == directory.count + 1 + name.count,
            path[directory.count] == UInt8(ascii: "/"), let start = path.baseAddress
          else { return false }
          /// Whether the bytes at `bytes` are those of `expected`.
          func match(_ bytes: UnsafePointer<UInt8>, _ expected: UnsafeBufferPointer<UInt8>) -> Bool
          {
            guard let base = expected.baseAddress else { return true }
            return memcmp(bytes, base, expected.count) == 0
          }
          return match(start, directory) && match(start + directory.count + 1, name)
        }
      }
    }
  }

  /// The file's size in bytes.
  ///
  /// Asks for the size alone, leaving the file's times unread: see `ledger_file_size`.
  func size() throws -> Int {
    let size = ledger_file_size(rawValue)
    guard size >= 0 else {
      throw LedgerStoreError.io(file: path, step: "stat", errno: errno)
    }
    return Int(size)
  }

  /// The file's size in bytes and the time of its last change of content or status (its
  /// ctime, in nanoseconds since the epoch): see `ledger_file_size_and_change`.
  func sizeAndChange() throws -> (size: Int, changed: Int64) {
    var size: Int64 = 0
    var changed: Int64 = 0
    guard ledger_file_size_and_change(rawValue, &size, &changed) == 0 else {
      throw LedgerStoreError.io(file: path, step: "stat", errno: errno)
    }
    return (Int(size), changed)
  }

  /// Reads up to `buffer.count` bytes at `offset`; returns the number read (0 at the end).
  func read(
    into buffer: UnsafeMutableRawBufferPointer,
    at offset: Int
  ) throws
    -> Int
  {
    var total = 0
    while total < buffer.count {
      let result = pread(
        rawValue,
        buffer.baseAddress.map { $0 + total },
        buffer.count - total,
        off_t(offset + total)
      )
      if result < 0 {
        if errno == EINTR { continue }
        throw LedgerStoreError.io(file: path, step: "read", errno: errno)
      }
      if result == 0 { break }
      total += result
    }
    return total
  }

  /// Reads from the current position to the end (read(2), so a pipe as well as a file,
  /// and a file that reports no size, as those of /proc do).
  func readToEnd() throws -> [UInt8] {
    var bytes: [UInt8] = []
    var block = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = block.withUnsafeMutableBytes { Glibc.read(rawValue, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw LedgerStoreError.io(file: path, step: "read", errno: errno)
      }
      if count == 0 { return bytes }
      bytes += block[0..<count]
    }
  }

  /// Reads exactly `count` bytes at `offset`, or fewer at the end of the file.
  func read(count: Int, at offset: Int) throws -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    let read = try bytes.withUnsafeMutableBytes { buffer in
      try self.read(into: buffer, at: offset)
    }
    bytes.removeLast(count - read)
    return bytes
  }

  /// Writes all of `buffer` at `offset`.
  func write(_ buffer: UnsafeRawBufferPointer, at offset: Int) throws {
    var written = 0
    while written < buffer.count {
      let result = pwrite(
        rawValue,
        buffer.baseAddress.map { $0 + written },
        buffer.count - written,
        off_t(offset + written)
      )
      if result < 0 {
        if errno == EINTR { continue }
        throw LedgerStoreError.io(file: path, step: "write", errno: errno)
      }
      written += result
    }
  }

  /// Writes all of `bytes` at `offset`.
  func write(_ bytes: [UInt8], at offset: Int) throws {
    try bytes.withUnsafeBytes { buffer in
      try write(buffer, at: offset)
    }
  }

  /// Forces the file's data and metadata to stable storage.
  func sync() throws {
    guard fsync(rawValue) == 0 else {
      throw LedgerStoreError.io(file: path, step: "sync", errno: errno)
    }
  }

  /// Forces the file's data, and the metadata needed to read it back, to stable storage,
  /// then flushes the device's write cache (`fdatasync(2)`).
  func dataSync() throws {
    guard ledger_data_sync(rawValue) == 0 else {
      throw LedgerStoreError.io(file: path, step: "sync", errno: errno)
    }
  }

  /// Writes `length` bytes at `offset` (0: to the end) out to the device and waits until
  /// the device has them, without writing metadata or flushing the device's cache: the
  /// next device flush, by a sync of any file on the same device, makes them durable.
  func writeOut(offset: Int, length: Int) throws {
    guard ledger_write_out(rawValue, Int64(offset), Int64(length)) == 0 else {
      throw LedgerStoreError.io(file: path, step: "sync", errno: errno)
    }
  }

  /// Starts writing `length` bytes at `offset` (0: to the end) out to the device without
  /// waiting, so that a later ``writeOut(offset:length:)`` or sync overlaps with it.
  func startWriteOut(offset: Int, length: Int) throws {
    guard ledger_start_write_out(rawValue, Int64(offset), Int64(length)) == 0 else {
      throw LedgerStoreError.io(file: path, step: "sync", errno: errno)
    }
  }

  /// Whether the file system holding this file overwrites allocated blocks in place.
  ///
  /// Such an overwrite needs no metadata to be durable (ext2, ext3, ext4). `false` when
  /// the file system may copy blocks on write, or cannot tell.
  var overwritesInPlace: Bool {
    ledger_overwrites_in_place(rawValue) == 1
  }

  /// Cuts the file to `size` bytes.
  func truncate(to size: Int) throws {
    guard ftruncate(rawValue, off_t(size)) == 0 else {
      throw LedgerStoreError.io(file: path, step: "truncate", errno: errno)
    }
  }

  /// Takes the exclusive lock, waiting at most `timeoutMilliseconds`.
  ///
  /// - Returns: Whether the lock was taken.
  func lockExclusively(timeoutMilliseconds: Int) -> Bool {
    var waited = 0
    var pause = 1
    while true {
      if flock(rawValue, LOCK_EX | LOCK_NB) == 0 { return true }
      if errno != EWOULDBLOCK && errno != EINTR { return false }
      if waited >= timeoutMilliseconds { return false }
      usleep(useconds_t(pause * 1000))
      waited += pause
      pause = min(pause * 2, 50)
    }
  }

  func unlock() {
    _ = flock(rawValue, LOCK_UN)
  }
}

/// File-system operations on paths.
enum FileSystem {
  static func exists(_ path: String) -> Bool {
    access(path, F_OK) == 0
  }

  static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }

  /// Makes a directory and any missing parents (`mkdir -p`).
  static func makeDirectory(_ path: String) throws {
    if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
    if errno == ENOENT, let slash = path.lastIndex(of: "/"), slash > path.startIndex {
      try makeDirectory(String(path[..<slash]))
      if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
    }
    throw LedgerStoreError.io(file: path, step: "create directory", errno: errno)
  }

  /// Makes a directory's entries (new files, renames) durable.
  static func syncDirectory(_ path: String) throws {
    let directory = try FileDescriptor.open(path, O_RDONLY | O_DIRECTORY)
    defer { directory.close() }
    try directory.sync()
  }

  static func rename(_ from: String, _ to: String) throws {
    guard Glibc.rename(from, to) == 0 else {
      throw LedgerStoreError.io(file: to, step: "rename", errno: errno)
    }
  }

  static func remove(_ path: String) throws {
    guard unlink(path) == 0 || errno == ENOENT else {
      throw LedgerStoreError.io(file: path, step: "remove", errno: errno)
    }
  }

  /// Removes an empty directory; one already gone is not an error.
  static func removeDirectory(_ path: String) throws {
    guard rmdir(path) == 0 || errno == ENOENT else {
      throw LedgerStoreError.io(file: path, step: "remove", errno: errno)
    }
  }

  /// The names in a directory, sorted by their bytes.
  static func names(in path: String) throws -> [String] {
    guard let directory = opendir(path) else {
      throw LedgerStoreError.io(file: path, step: "list", errno: errno)
    }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// Reads a whole small file, or `nil` when it does not exist.
  static func contents(of path: String) throws -> [UInt8]? {
    guard let file = try FileDescriptor.openIfPresent(path, O_RDONLY) else { return nil }
    defer { file.close() }
    return try file.readToEnd()
  }

  /// Replaces a small file atomically: write a temporary file, sync it, rename it over.
  static func replace(_ path: String, with bytes: [UInt8], durably: Bool) throws {
    let temporary = path + ".tmp"
    let file = try FileDescriptor.open(temporary, O_WRONLY | O_CREAT | O_TRUNC)
    do {
      try file.write(bytes, at: 0)
      if durably { try file.sync() }
      file.close()
    } catch {
      file.close()
      throw error
    }
    try rename(temporary, path)
  }
}
