import Foundation

/// Runs `body` with a new, empty directory of its own, and removes the directory after.
///
/// Tests run in parallel and never write inside the repository: each gets a directory
/// under the system's temporary directory with a unique name.
func withTemporaryDirectory<Result>(_ body: (URL) throws -> Result) throws -> Result {
  let directory = FileManager.default.temporaryDirectory
    .appending(path: "PlanLedgerTests-\(UUID().uuidString)", directoryHint: .isDirectory)
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }
  return try body(directory)
}

/// The bytes of every `*.jsonl` file and of the checkpoint in a ledger directory, by name:
/// what must not change when a submission is refused.
func ledgerFileBytes(_ path: String) throws -> [String: Data] {
  var files: [String: Data] = [:]
  for name in try FileManager.default.contentsOfDirectory(atPath: path)
  where name.hasSuffix(".jsonl") || name == "checkpoint" {
    files[name] = try Data(contentsOf: URL(filePath: path).appending(path: name))
  }
  return files
}
