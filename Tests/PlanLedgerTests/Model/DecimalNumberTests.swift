import PlanLedger
import Testing

@Suite struct DecimalNumberTests {
  @Test(arguments: ["14.2", "14", "-3", "0.05", "-0.5", "100000", "007.10"])
  func keepsTheTextAsWritten(text: String) throws {
    #expect(try #require(DecimalNumber(text)).text == text)
    #expect(try #require(DecimalNumber(text)).description == text)
  }

  @Test(
    arguments: [
      "", "-", "1e3", "14,2", ".5", "5.", "+5", "1.2.3", " 14", "14 ", "--1", "0x10", "١٤",
      "12345678901234567890123456789012345678901",
    ]
  )
  func refusesWhatIsNotADecimal(text: String) {
    #expect(DecimalNumber(text) == nil)
  }

  @Test func comparesByValue() throws {
    let fourteen = try #require(DecimalNumber("14"))
    let fourteenPointZero = try #require(DecimalNumber("14.0"))
    #expect(fourteen == fourteenPointZero)
    #expect(Set([fourteen, fourteenPointZero]).count == 1)
    #expect(try #require(DecimalNumber("14.2")) != fourteen)
    #expect(try #require(DecimalNumber("9.5")) < fourteen)
    #expect(try #require(DecimalNumber("-1")) < #require(DecimalNumber("0.5")))
    #expect(try #require(DecimalNumber("7.13")) < #require(DecimalNumber("7.3")))
  }

  @Test(
    arguments: [
      ("14.2", "3.15", "11.05"),
      ("3", "14.2", "-11.2"),
      ("0.5", "0.75", "-0.25"),
      ("14", "14.0", "0.0"),
      ("70", "50", "20"),
      ("-2.5", "-2.5", "0.0"),
    ]
  )
  func subtractsExactly(lhs: String, rhs: String, difference: String) throws {
    let result = try #require(DecimalNumber(lhs)).minus(try #require(DecimalNumber(rhs)))
    #expect(result.text == difference)
  }

  @Test func convertsToDoubleForCharts() throws {
    #expect(try #require(DecimalNumber("14.25")).doubleValue == 14.25)
    #expect(try #require(DecimalNumber("-3")).doubleValue == -3)
  }

  @Test
  func comparesAndSubtractsLargeValuesWithoutTrapping() throws {
    let large = try #require(DecimalNumber("99999999999999999"))
    let small = try #require(DecimalNumber("0.01"))
    #expect(small < large)
    #expect(large != small)
    #expect(large.minus(small).text == "99999999999999998.99")
  }
}
