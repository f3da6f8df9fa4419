import LedgerStore

/// The file operations snapshots need.
enum SnapshotFiles {
  static func names(in directory: String) throws -> [String] {
    try LedgerFiles.names(in: directory)
  }

  static func read(_ path: String) throws -> [UInt8] {
    try LedgerFiles.read(path)
  }

  static func write(_ bytes: [UInt8], to directory: String, name: String) throws {
    try LedgerFiles.makeDirectory(directory)
    try LedgerFiles.write(bytes, to: directory + "/" + name)
  }

  static func remove(_ path: String) throws {
    try LedgerFiles.remove(path)
  }
}
