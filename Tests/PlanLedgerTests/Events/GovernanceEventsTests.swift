import PlanLedger
import Testing

@Suite struct DecisionKindTests {
  @Test(
    arguments: [
      ("accept completion", DecisionKind.acceptCompletion),
      ("Accept-Completion", .acceptCompletion),
      ("accept_completion", .acceptCompletion),
      ("agree revised deadline", .agreeRevisedDeadline),
      ("Escalate", .escalate),
      ("retire actions", .retireActions),
      ("note", .note),
    ]
  )
  func readsTheKindInWords(words: String, kind: DecisionKind) {
    #expect(DecisionKind(words: words) == kind)
  }

  @Test func refusesOtherWords() {
    #expect(DecisionKind(words: "accept") == nil)
    #expect(DecisionKind(words: "") == nil)
  }

  @Test func writesTheKindInWords() {
    #expect(
      DecisionKind.allCases.map(\.words) == [
        "accept completion", "agree revised deadline", "escalate", "reassign", "approve plan",
        "add actions", "retire actions", "note",
      ]
    )
  }
}
