import Foundation
import Testing

/// Compares output with a golden file in this target's `Golden/` folder; with
/// `RECORD_GOLDEN=1` in the environment, rewrites the file instead.
///
/// - Parameters:
///   - actual: The output.
///   - name: The golden file's name in `Golden/`.
///   - filePath: The calling file, to find the test target's folder.
///   - sourceLocation: Where to report a difference.
/// - Throws: A read or write error.
func expectGolden(
  _ actual: String,
  named name: String,
  filePath: String = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  var folder = URL(fileURLWithPath: filePath)
  while folder.lastPathComponent != "PlanLedgerCLITests" && folder.pathComponents.count > 1 {
    folder.deleteLastPathComponent()
  }
  let url = folder.appending(path: "Golden").appending(path: name)
  if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
    try Data(actual.utf8).write(to: url)
    return
  }
  let expected = try String(contentsOf: url, encoding: .utf8)
  if actual != expected {
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let line =
      zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(actualLines.count, expectedLines.count)
    Issue.record(
      "output differs from Golden/\(name) at line \(line + 1) (RECORD_GOLDEN=1 rewrites it)",
      sourceLocation: sourceLocation
    )
  }
}
