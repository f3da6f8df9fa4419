import LedgerStore
import PlanLedger
import Testing

/// A year of monthly updates to the small plan, recorded through the plan book with the
/// clock set to each day, as a programme office would record them.
///
/// | month (2018) | what happens |
/// | --- | --- |
/// | Jan | plan on the 2nd; board on the 15th; 1.1, 1.2, 7.1, 7.3 on track |
/// | Feb | board; 7.1 at risk ("Recruitment campaign delayed") |
/// | Mar | board accepts 1.1 complete; 1.1 complete on its authority |
/// | Apr | board agrees 7.1's deadline moves to July; revised on its authority |
/// | May | board reassigns 1.2 from EM to DS; reassigned on its authority |
/// | Jun | board; 7.2 on track |
/// | Jul | board; 1.2 rated overdue; monitoring visit 1: two weaknesses, three progress |
/// | Aug | board; 7.1 slips to October with no decision; 1.2 complete with no decision |
/// | Sep | board agrees 7.2's implementation moves to December |
/// | Oct | board; 7.1 still at risk |
/// | Nov | board; 7.3 at risk |
/// | Dec | board accepts 7.1 complete |
///
/// M7.6 (vacancy rate, lower is better, target 10) is reported every month.
enum ScriptedYear {
  /// The board dates, the 15th of each month of 2018.
  static let boards: [String] = (1...12).map { (month: Int) -> String in
    let digits = month < 10 ? "0\(month)" : "\(month)"
    return "2018-\(digits)-15"
  }

  /// The vacancy rate reported at each board, for the month before.
  static let vacancies = ["22", "21", "19", "18", "20", "17", "16", "15", "15", "13", "12", "11"]

  /// Records the year.
  static func record(into fixture: ReportFixture) throws {
    try fixture.recordSmallPlan(on: "2018-01-02")
    for (index, board) in boards.enumerated() {
      try fixture.record(.meeting(board), on: board, by: "CH")
      let previousMonth = index == 0 ? "2017-12" : index < 10 ? "2018-0\(index)" : "2018-\(index)"
      try fixture.record(try .measure("M7.6", previousMonth, vacancies[index]), on: board)
      try month(index + 1, board: board, fixture)
    }
  }

  private static func month(_ month: Int, board: String, _ fixture: ReportFixture) throws {
    switch month {
    case 1:
      try fixture.record(
        [
          .status("1.1", .onTrack), .status("1.2", .onTrack), .status("7.1", .onTrack),
          .status("7.3", .onTrack),
        ],
        on: board,
        by: "EM"
      )
    case 2:
      try fixture.record(
        .status("7.1", .atRisk, note: "Recruitment campaign delayed"),
        on: board,
        by: "BP"
      )
    case 3:
      let decision = try fixture.record(
        .decision(
          board,
          .acceptCompletion,
          "Evidence of the practice model accepted.",
          actions: ["1.1"]
        ),
        on: board,
        by: "CH"
      )
      try fixture.record(
        .status("1.1", .complete, note: "Model agreed"),
        on: board,
        by: "EM",
        authority: decision
      )
    case 4:
      let decision = try fixture.record(
        .decision(
          board,
          .agreeRevisedDeadline,
          "Recruitment deadline moved to July.",
          actions: ["7.1"]
        ),
        on: board,
        by: "CH"
      )
      try fixture.record(
        try .revise("7.1", to: "2018-07", reason: "Campaign relaunched"),
        on: board,
        authority: decision
      )
    case 5:
      let decision = try fixture.record(
        .decision(board, .reassign, "Audit passes to Dan Stone.", actions: ["1.2"]),
        on: board,
        by: "CH"
      )
      try fixture.record(
        .reassign("1.2", to: ["DS"], reason: "EM on leave"),
        on: board,
        authority: decision
      )
    case 6:
      try fixture.record(.status("7.2", .onTrack), on: board, by: "DS")
    case 7:
      try fixture.record(.status("1.2", .overdue, note: "Audit late"), on: board, by: "DS")
      try fixture.record(
        .visit("1", start: "2018-07-02", letter: "2018-07-12"),
        on: "2018-07-12",
        by: "PS"
      )
      try fixture.record(
        [
          .finding(
            "1",
            .weakness,
            "Caseloads remain too high in the assessment teams.",
            priorities: ["7"]
          ),
          .finding(
            "1",
            .weakness,
            "Management oversight is not yet consistent.",
            priorities: ["1"]
          ),
          .finding("1", .progress, "Leaders know their services well."),
          .finding("1", .progress, "Staff morale is improving.", priorities: ["7"]),
          .finding("1", .progress, "Audits are more searching.", priorities: ["1"]),
        ],
        on: "2018-07-12"
      )
    case 8:
      try fixture.record(try .revise("7.1", to: "2018-10", reason: "Agency staff left"), on: board)
      try fixture.record(.status("1.2", .complete, note: "Audit done"), on: board, by: "DS")
    case 9:
      let decision = try fixture.record(
        .decision(
          board,
          .agreeRevisedDeadline,
          "Caseload target moved to December.",
          actions: ["7.2"]
        ),
        on: board,
        by: "CH"
      )
      try fixture.record(
        try .revise("7.2", milestone: 2, to: "2018-12", reason: "New team not yet in post"),
        on: board,
        authority: decision
      )
    case 11:
      try fixture.record(.status("7.3", .atRisk, note: "Trainer unavailable"), on: board, by: "DS")
    case 12:
      let decision = try fixture.record(
        .decision(board, .acceptCompletion, "Recruitment complete.", actions: ["7.1"]),
        on: board,
        by: "CH"
      )
      try fixture.record(.status("7.1", .complete), on: board, by: "BP", authority: decision)
    default:
      break
    }
  }
}
