import PlanLedger
import Testing

@Suite struct SlugTests {
  @Test(
    arguments: [
      ("Croydon Children's Improvement Board", "croydon-childrens-improvement-board"),
      ("Croydon Children\u{2019}s Improvement Board", "croydon-childrens-improvement-board"),
      ("Improvement Board", "improvement-board"),
      ("  DfE   Commissioner!! ", "dfe-commissioner"),
      ("Ofsted", "ofsted"),
      ("Board 2019", "board-2019"),
      ("", "unnamed"),
      ("!!!", "unnamed"),
    ]
  )
  func makesLowerCaseHyphenatedKeys(text: String, slug: String) {
    #expect(Slug.make(text) == slug)
  }
}
