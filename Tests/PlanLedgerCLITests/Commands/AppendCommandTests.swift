import Foundation
import LedgerStore
import Testing

@testable import PlanLedgerCLI

/// The raw door checks plan events as every other path does (the engine's properties are in
/// ``EngineCommandTests``).
@Suite struct AppendCommandTests {
  /// Appends a fact through the raw door to a ledger with ann registered.
  static func appendFact(
    _ ledger: String,
    stream: String = "facts",
    data: String = #"{"kind":"note","text":"x"}"#
  ) -> ToolRun {
    planledger(
      "append",
      "--ledger",
      ledger,
      "--actor",
      "ann",
      "--type",
      "fact.recorded",
      "--stream",
      stream,
      "--data",
      data
    )
  }

  @Test func theFirstEventMayRegisterOnlyItsOwnActor() throws {
    try withTemporaryDirectory { directory in
      let ledger = directory + "/ledger"
      #expect(planledger("init", "--ledger", ledger).status == .success)
      let files = try ledgerFiles(ledger)
      #expect(
        planledger(
          "append",
          "--ledger",
          ledger,
          "--actor",
          "ann",
          "--type",
          "person.registered",
          "--stream",
          "person/bob",
          "--data",
          #"{"person":"bob","name":"Bob"}"#
        )
          == ToolRun(
            errors: #"error: actor "ann" is not registered; register them first with "#
              + "'planledger register'\n",
            status: .refused
          )
      )
      #expect(
        Self.appendFact(ledger)
          == ToolRun(
            errors: #"error: actor "ann" is not registered; register them first with "#
              + "'planledger register'\n",
            status: .refused
          )
      )
      #expect(try ledgerFiles(ledger) == files)
    }
  }

  @Test func anActionEventNeedsTheActionToExist() throws {
    try withTemporaryDirectory { directory in
      let ledger = try EngineCommandTests.makePlanLedger(in: directory)
      let files = try ledgerFiles(ledger)
      #expect(
        planledger(
          "append",
          "--ledger",
          ledger,
          "--actor",
          "ann",
          "--type",
          "action.status_changed",
          "--stream",
          "action/1.11",
          "--data",
          #"{"action":"1.11","to":"at_risk"}"#
        )
          == ToolRun(
            errors: #"error: unknown action "1.11" (did you mean 1.1?)"# + "\n",
            status: .refused
          )
      )
      #expect(try ledgerFiles(ledger) == files)
    }
  }

  @Test
  func anEventGivenAnotherStreamIsRefused() throws {
    try withTemporaryDirectory { directory in
      let ledger = EngineCommandTests.makeLedger(in: directory, count: 1)
      let files = try ledgerFiles(ledger)
      #expect(
        Self.appendFact(ledger, stream: "fact")
          == ToolRun(
            errors: #"error: a "fact.recorded" event belongs to stream "facts", not "fact""#
              + "\n",
            status: .refused
          )
      )
      #expect(try ledgerFiles(ledger) == files)
    }
  }

  @Test func anEventGivenAnotherStreamWritesNothing() throws {
    try withTemporaryDirectory { directory in
      let ledger = EngineCommandTests.makeLedger(in: directory, count: 1)
      let files = try ledgerFiles(ledger)
      let run = Self.appendFact(ledger, stream: "fact")
      #expect(run.status == .refused)
      #expect(run.output == "")
      #expect(
        run.errors.lowercased()
          == #"error: a "fact.recorded" event belongs to stream "facts", not "fact""# + "\n"
      )
      #expect(try ledgerFiles(ledger) == files)
    }
  }

  @Test
  func dataMembersTheTypeDoesNotDefineAreRefused() throws {
    try withTemporaryDirectory { directory in
      let ledger = EngineCommandTests.makeLedger(in: directory, count: 1)
      let files = try ledgerFiles(ledger)
      let run = Self.appendFact(ledger, data: #"{"kind":"note","text":"x","extra":1}"#)
      #expect(run.status == .refused)
      #expect(run.output == "")
      #expect(run.errors.hasPrefix("error: fact.recorded: "))
      #expect(run.errors.contains(#""extra""#))
      #expect(try ledgerFiles(ledger) == files)
    }
  }

  @Test func whatIsRecordedIsTheDataAsGiven() throws {
    try withTemporaryDirectory { directory in
      let ledger = EngineCommandTests.makeLedger(in: directory, count: 1)
      let data = #"{"kind":"note","text":"Größe \"q\" \\ \u00e9"}"#
      #expect(Self.appendFact(ledger, data: data).status == .success)
      let line = planledger("export", "--ledger", ledger, "--from", "2").output
      #expect(line.hasPrefix(#"{"actor":"ann","data":{"kind":"note","text":"Größe \"q\" \\ é"},"#))
    }
  }
}
