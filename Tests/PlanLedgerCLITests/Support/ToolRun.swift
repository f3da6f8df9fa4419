import Foundation
import LedgerStore
import Testing

@testable import PlanLedgerCLI

/// What one in-process run of `planledger` printed and returned.
struct ToolRun: Equatable {
  var output = ""
  var errors = ""
  var status = PlanLedgerCLI.ExitStatus.success
}

/// A clock stopped at one instant.
struct StoppedClock: LedgerClock {
  /// The instant it always says.
  let instant: LedgerTimestamp

  /// The stopped instant.
  func now() -> LedgerTimestamp { instant }
}

/// 2024-03-01T10:00:00.000Z, when the test tool's clock is stopped.
let toolNow = LedgerTimestamp(millisecondsSinceEpoch: 1_709_287_200_000)

/// A tool environment with a stopped clock, no boot id, and real files.
///
/// - Parameters:
///   - variables: The environment variables (none by default).
///   - instant: When the clock is stopped (``toolNow`` by default).
///   - standardInput: What standard input holds.
/// - Returns: The environment.
func testEnvironment(
  variables: [String: String] = [:],
  at instant: LedgerTimestamp = toolNow,
  standardInput: [UInt8] = []
) -> ToolEnvironment {
  ToolEnvironment(
    variables: variables,
    clock: StoppedClock(instant: instant),
    bootID: nil,
    readFile: { path in
      if path == "-" { return standardInput }
      guard let data = FileManager.default.contents(atPath: path) else {
        throw LedgerStoreError.io(file: path, step: "read", errno: ENOENT)
      }
      return Array(data)
    },
    listDirectory: { path in
      (try? FileManager.default.contentsOfDirectory(atPath: path).sorted()) ?? []
    },
    writeFile: { path, bytes in
      guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
        throw LedgerStoreError.io(file: path, step: "write", errno: EACCES)
      }
    }
  )
}

/// Runs `planledger` in-process with ``testEnvironment(variables:at:standardInput:)``.
///
/// - Parameter arguments: The words after `planledger`.
/// - Returns: What it printed and its status.
func planledger(_ arguments: String...) -> ToolRun {
  planledger(arguments)
}

/// Runs `planledger` in-process with ``testEnvironment(variables:at:standardInput:)``.
///
/// - Parameters:
///   - arguments: The words after `planledger`.
///   - variables: The environment variables.
///   - instant: What the clock says: `recorded` of anything appended, and today.
/// - Returns: What it printed and its status.
func planledger(
  _ arguments: [String],
  variables: [String: String] = [:],
  at instant: LedgerTimestamp = toolNow
) -> ToolRun {
  var run = ToolRun()
  run.status = PlanLedgerCommand.run(
    arguments,
    environment: testEnvironment(variables: variables, at: instant),
    output: &run.output,
    errors: &run.errors
  )
  return run
}

/// Runs `body` with a new, empty directory of its own, and removes it afterwards.
///
/// - Parameter body: Receives the directory's path.
/// - Returns: What `body` returns.
/// - Throws: What creating the directory or `body` throws.
func withTemporaryDirectory<Result>(_ body: (String) throws -> Result) throws -> Result {
  let directory = FileManager.default.temporaryDirectory
    .appending(path: "PlanLedgerCLITests-\(UUID().uuidString)", directoryHint: .isDirectory)
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }
  var path = directory.path(percentEncoded: false)
  if path.hasSuffix("/") { path.removeLast() }
  return try body(path)
}

/// The bytes of every file of a ledger directory except the derived index and the lock
/// file, by relative path: what a refused command must leave unchanged.
///
/// - Parameter path: The ledger directory.
/// - Returns: The files' bytes.
/// - Throws: A read error.
func ledgerFiles(_ path: String) throws -> [String: [UInt8]] {
  var files: [String: [UInt8]] = [:]
  guard let enumerator = FileManager.default.enumerator(atPath: path) else { return files }
  while let relative = enumerator.nextObject() as? String {
    if relative == "index" || relative.hasPrefix("index/") || relative == "ledger.lock" {
      continue
    }
    var isDirectory: ObjCBool = false
    let full = path + "/" + relative
    if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
      !isDirectory.boolValue
    {
      files[relative] = Array(try Data(contentsOf: URL(filePath: full)))
    }
  }
  return files
}

/// Reads a whole file.
///
/// - Parameter path: The file.
/// - Returns: Its bytes.
/// - Throws: A read error.
func fileBytes(_ path: String) throws -> [UInt8] {
  Array(try Data(contentsOf: URL(filePath: path)))
}

/// Writes a whole file.
///
/// - Parameters:
///   - bytes: The contents.
///   - path: The file.
/// - Throws: A write error.
func writeFile(_ bytes: [UInt8], to path: String) throws {
  try Data(bytes).write(to: URL(filePath: path))
}

/// Writes a whole file of text.
///
/// - Parameters:
///   - text: The contents.
///   - path: The file.
/// - Throws: A write error.
func writeFile(_ text: String, to path: String) throws {
  try writeFile(Array(text.utf8), to: path)
}
