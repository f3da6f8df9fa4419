import PlanLedger
import Testing

@Suite struct NearestSpellingTests {
  static let actions = ["1.1", "1.2", "7.3", "7.13", "10.1"]

  @Test
  func suggestsBothNumbersATypoCouldMean() {
    #expect(NearestSpelling.nearest("7.31", among: Self.actions) == ["7.3", "7.13"])
  }

  @Test func suggestsTheClosestWithinTheLimit() {
    #expect(NearestSpelling.nearest("BQ", among: ["BP", "DS", "EM"]) == ["BP"])
    #expect(NearestSpelling.nearest("Practise", among: ["Practice", "Platforms"]) == ["Practice"])
    #expect(
      NearestSpelling.nearest("ofsted/13", among: ["ofsted/12", "ofsted/2"]) == ["ofsted/12"]
    )
    #expect(NearestSpelling.nearest("7.4", among: Self.actions) == ["7.3"])
  }

  @Test func suggestsAtMostTwo() {
    #expect(NearestSpelling.nearest("7.1", among: ["7.4", "7.2", "7.3"]) == ["7.2", "7.3"])
  }

  @Test func fallsBackToWordsThatStartTheSame() {
    #expect(NearestSpelling.nearest("Plat", among: ["Platforms", "Practice"]) == ["Platforms"])
    #expect(NearestSpelling.nearest("Pl", among: ["Platforms", "Practice"]) == [])
  }

  @Test func suggestsNothingFarAway() {
    #expect(NearestSpelling.nearest("99.9", among: Self.actions) == [])
    #expect(NearestSpelling.nearest("ZZZZ", among: ["BP", "DS"]) == [])
    #expect(NearestSpelling.nearest("7.3", among: []) == [])
  }

  @Test func countsEditsIgnoringCase() {
    #expect(NearestSpelling.distance("kitten", "sitting") == 3)
    #expect(NearestSpelling.distance("BP", "bp") == 0)
    #expect(NearestSpelling.distance("", "abc") == 3)
    #expect(NearestSpelling.distance("7.31", "7.3") == 1)
  }
}
