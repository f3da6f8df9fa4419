import Foundation
import LedgerStore
import PlanLedger
import Testing

@testable import PlanLedgerCLI

/// `append --batch` reads each line again by position instead of holding the batch.
@Suite struct BatchFileTests {
  /// The submission of a batch line, as the first reading makes it.
  static func submission(_ line: String) throws -> Submission {
    guard case .object(let object) = try JSONValue(parsing: Array(line.utf8)) else {
      throw BatchFileTestError.notAnObject
    }
    return try Submission(draft: EventDraft(json: object))
  }

  enum BatchFileTestError: Error {
    case notAnObject
  }

  /// A batch that changes its file's last line when the append starts reading it again
  /// (the first time position 0 is asked for after the last position was).
  final class ChangingBatch: SubmissionBatch {
    let file: BatchFile
    let path: String
    let changed: String
    private var sawLast = false
    private var changedYet = false

    init(file: BatchFile, path: String, changed: String) {
      self.file = file
      self.path = path
      self.changed = changed
    }

    var count: Int { file.count }

    func submission(at ordinal: Int) throws -> Submission {
      if ordinal == count - 1 { sawLast = true }
      if ordinal == 0, sawLast, !changedYet {
        changedYet = true
        try writeFile(changed, to: path)
      }
      return try file.submission(at: ordinal)
    }
  }

  @Test func eachEventIsReadAgainByItsPositionSkippingBlankLines() throws {
    try withTemporaryDirectory { directory in
      let lines = ["a", "b", "c"].map { EngineCommandTests.factLine($0) }
      let path = directory + "/batch.jsonl"
      try writeFile(lines[0] + "\n\n  \n" + lines[1] + "\r\n" + lines[2], to: path)
      let batch = try BatchFile(path: path, scratchDirectory: directory)
      #expect(batch.count == 3)
      for (ordinal, line) in lines.enumerated().reversed() {
        #expect(try batch.submission(at: ordinal) == Self.submission(line))
      }
    }
  }

  @Test func standardInputIsKeptInAScratchFileAndReadAgainFromThere() throws {
    try withTemporaryDirectory { directory in
      let lines = (1...3).map { EngineCommandTests.factLine("stdin \($0)") }
      let path = directory + "/input.jsonl"
      try writeFile(lines.joined(separator: "\n") + "\n", to: path)
      let input = open(path, O_RDONLY)
      let saved = dup(STDIN_FILENO)
      #expect(input >= 0 && saved >= 0)
      dup2(input, STDIN_FILENO)
      let batch = Result { try BatchFile(path: "-", scratchDirectory: directory) }
      dup2(saved, STDIN_FILENO)
      close(saved)
      close(input)
      try FileManager.default.removeItem(atPath: path)
      let read = try batch.get()
      #expect(read.count == 3)
      for (ordinal, line) in lines.enumerated() {
        #expect(try read.submission(at: ordinal) == Self.submission(line))
      }
      // The scratch file has no name: nothing is left in the directory.
      #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }
  }

  @Test func standardInputWithNoScratchDirectoryIsRefusedBeforeAnythingIsRead() throws {
    try withTemporaryDirectory { directory in
      let ledger = EngineCommandTests.makeLedger(in: directory, count: 2)
      let before = try ledgerFiles(ledger)
      let missing = directory + "/missing"
      let run = planledger(
        ["append", "--ledger", ledger, "--batch", "-"],
        variables: ["TMPDIR": missing]
      )
      #expect(run.status == .ioFailure)
      #expect(run.output == "")
      #expect(
        run.errors
          == "error: cannot use \"\(missing)\" for scratch files: no such file or directory; "
          + "set TMPDIR to a writable directory with free space\n"
      )
      #expect(try ledgerFiles(ledger) == before)
    }
  }

  @Test func aLineChangedDuringTheAppendStopsItAndNothingIsWritten() throws {
    try withTemporaryDirectory { directory in
      let ledgerPath = EngineCommandTests.makeLedger(in: directory, count: 3)
      let lines = ["x1", "x2", "x3"].map { EngineCommandTests.factLine($0) }
      let path = directory + "/batch.jsonl"
      try writeFile(lines.joined(separator: "\n") + "\n", to: path)
      let changed = lines.dropLast() + [EngineCommandTests.factLine("y3")]
      let batch = ChangingBatch(
        file: try BatchFile(path: path, scratchDirectory: directory),
        path: path,
        changed: changed.joined(separator: "\n") + "\n"
      )
      let before = try ledgerFiles(ledgerPath)
      let environment = testEnvironment()
      let ledger = try Ledger.open(at: ledgerPath, configuration: environment.ledgerConfiguration)
      let book = PlanBook(ledger: ledger, clock: environment.clock)
      let error = try #require(throws: BatchFile.ChangedLine.self) {
        try book.record(batch: batch)
      }
      #expect(
        error.description
          == "\(path):3 changed while the batch was being appended, and nothing was written; "
          + "append the batch again once the file is complete"
      )
      #expect(ExitStatus(for: error) == .ioFailure)
      #expect(ledger.size == 3)
      #expect(try ledgerFiles(ledgerPath) == before)
    }
  }
}
