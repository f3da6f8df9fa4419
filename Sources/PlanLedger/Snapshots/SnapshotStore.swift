public import LedgerStore

/// The snapshots of a ledger in a directory (`Snapshots/` beside `EventLog/`), and how a
/// view is answered from the best that fits.
public struct SnapshotStore: Sendable {
  /// The directory.
  public let directory: String

  /// Makes a store over a directory (which need not exist yet).
  ///
  /// - Parameter directory: The snapshots directory.
  public init(directory: String) {
    self.directory = directory
  }

  /// A snapshot file of this directory.
  public struct Entry: Hashable, Sendable {
    /// The file name.
    public let name: String
    /// The ledger key in its name.
    public let ledger: String
    /// Its as-of date.
    public let asOf: CalendarDate
    /// Its tree size.
    public let size: Int
  }

  /// The snapshot files, parsed from their names (other files are left alone).
  ///
  /// - Returns: The entries, sorted by name.
  public func entries() -> [Entry] {
    guard let names = try? SnapshotFiles.names(in: directory) else { return [] }
    return names.compactMap { name in
      guard name.hasSuffix(".json") else { return nil }
      let parts = name.dropLast(5).split(separator: "_")
      guard parts.count == 3, let date = CalendarDate(parts[1]), let size = Int(parts[2]) else {
        return nil
      }
      return Entry(name: name, ledger: String(parts[0]), asOf: date, size: size)
    }
  }

  /// Writes a snapshot.
  ///
  /// - Parameter snapshot: The snapshot.
  /// - Returns: Its file name.
  /// - Throws: An I/O error.
  @discardableResult
  public func write(_ snapshot: Snapshot) throws -> String {
    try SnapshotFiles.write(snapshot.bytes, to: directory, name: snapshot.fileName)
    return snapshot.fileName
  }

  /// Reads and checks one snapshot file.
  ///
  /// - Parameter entry: The file.
  /// - Returns: The snapshot.
  /// - Throws: ``SnapshotProblem`` or an I/O error.
  public func load(_ entry: Entry) throws -> Snapshot {
    try Snapshot(bytes: try SnapshotFiles.read(directory + "/" + entry.name))
  }

  /// Removes a snapshot file.
  public func remove(_ entry: Entry) throws {
    try SnapshotFiles.remove(directory + "/" + entry.name)
  }
}
