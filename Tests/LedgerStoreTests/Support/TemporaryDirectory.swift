import Foundation

/// Runs `body` with a new, empty directory of its own, and removes the directory afterwards.
///
/// Every test that touches the disk uses one, so tests can run in parallel and never write
/// inside the repository.
///
/// - Parameter body: Receives the directory.
/// - Returns: What `body` returns.
/// - Throws: What creating the directory or `body` throws.
func withTemporaryDirectory<Result>(_ body: (URL) throws -> Result) throws -> Result {
  let directory = FileManager.default.temporaryDirectory
    .appending(path: "PlanLedgerTests-\(UUID().uuidString)", directoryHint: .isDirectory)
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }
  return try body(directory)
}
