import PlanLedger
import Testing

@Suite struct NumberOrderTests {
  @Test(
    arguments: [
      ("7.3", "7.13"), ("7.13", "10.1"), ("7.3", "10.1"), ("9.1", "10.1"), ("M2.9", "M2.10"),
      ("7", "7.1"), ("1.1", "1.2"), ("M2.10", "M10.1"),
    ]
  )
  func ordersEmbeddedNumbersNumerically(earlier: String, later: String) {
    #expect(NumberOrder.precedes(earlier, later))
    #expect(!NumberOrder.precedes(later, earlier))
  }

  @Test func isIrreflexive() {
    #expect(!NumberOrder.precedes("7.3", "7.3"))
  }

  @Test func sortsActionsAsThePlanDoes() {
    let numbers = ["10.1", "7.13", "7.3", "9.1", "1.1", "7.2"].map(ActionID.init(rawValue:))
    #expect(numbers.sorted().map(\.rawValue) == ["1.1", "7.2", "7.3", "7.13", "9.1", "10.1"])
  }

  @Test func sortsMeasuresAndPriorities() {
    let measures = ["M2.10", "M2.9", "M10.1", "M2.1"].map(MeasureID.init(rawValue:))
    #expect(measures.sorted().map(\.rawValue) == ["M2.1", "M2.9", "M2.10", "M10.1"])
    let priorities = ["11", "2", "10", "1"].map(PriorityNumber.init(rawValue:))
    #expect(priorities.sorted().map(\.rawValue) == ["1", "2", "10", "11"])
  }
}

@Suite struct ActionIDTests {
  @Test func knowsItsPriority() {
    #expect(ActionID("7.13").priorityPart == "7")
    #expect(ActionID("10.1").priorityPart == "10")
    #expect(ActionID("12").priorityPart == "12")
  }
}
