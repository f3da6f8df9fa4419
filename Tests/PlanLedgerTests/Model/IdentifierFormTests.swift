import PlanLedger
import Testing

@Suite struct IdentifierFormTests {
  /// Every form the plan and the shipped ledger use, and the forms a test uses, is accepted.
  @Test(
    arguments: [
      (IdentifierForm.action, ["1.1", "7.13", "10.17", "11.4", "77.1"]),
      (.priority, ["1", "7", "11"]),
      (.measure, ["M1.9", "M7.6", "M11.3", "C22", "N22", "O1", "Q1", "M2-10"]),
      (.visit, ["5", "7", "2019-10"]),
      (.recommendation, ["1", "12", "113", "12a"]),
      (.person, ["PS", "JHB", "PLM", "ann", "ann-ß", "XY"]),
    ]
  )
  func acceptsThePlansIdentifiers(form: IdentifierForm, identifiers: [String]) {
    for identifier in identifiers {
      #expect(form.accepts(identifier), "\(form) \(identifier)")
    }
  }

  @Test(
    arguments: [
      (
        IdentifierForm.action,
        ["", " ", "1..1", "1 1", "7", "7.", ".3", "7.3.1", " 7.3", "7.x", "٧.٣"]
      ),
      (.priority, ["", "7.1", "7a", " 7", "-7"]),
      (.measure, ["", "M 1", "M1..9", ".M1", "M1.", "M1/2", "M1_2"]),
      (.visit, ["", "7 ", "7/8", "-7"]),
      (.recommendation, ["", "12/1", "Rec 12"]),
      (.person, ["", " ", "J E", "JE,JF", "JE;JF", "J\u{7}"]),
    ]
  )
  func refusesOtherForms(form: IdentifierForm, identifiers: [String]) {
    for identifier in identifiers {
      #expect(!form.accepts(identifier), "\(form) \(identifier)")
    }
  }
}
