#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The file operations snapshots need.
enum SnapshotFiles {
  static func names(in directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
  }

  static func read(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  static func write(_ bytes: [UInt8], to directory: String, name: String) throws {
    try FileManager.default.createDirectory(
      atPath: directory,
      withIntermediateDirectories: true
    )
    try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + name), options: .atomic)
  }

  static func remove(_ path: String) throws {
    try FileManager.default.removeItem(atPath: path)
  }
}
