import LedgerStore
import PlanLedger
import Testing

@Suite struct RefusalTests {
  /// Every case with the exact message the user sees after `error: `.
  static func messages() throws -> [(Refusal, String)] {
    [
      (
        .unknownAction(ActionID("7.31"), nearest: [ActionID("7.3"), ActionID("7.13")]),
        "unknown action \"7.31\" (did you mean 7.3 or 7.13?)"
      ),
      (.unknownAction(ActionID("99.9"), nearest: []), "unknown action \"99.9\""),
      (
        .unknownPerson(PersonID("BQ"), nearest: [PersonID("BP")]),
        "unknown person \"BQ\" (did you mean BP?)"
      ),
      (
        .unknownPerson(PersonID("ZZ"), nearest: []),
        "unknown person \"ZZ\"; register them first with 'planledger register'"
      ),
      (
        .unknownPriority(PriorityNumber("77"), nearest: [PriorityNumber("7")]),
        "unknown priority \"77\" (did you mean 7?)"
      ),
      (.unknownPriority(PriorityNumber("77"), nearest: []), "unknown priority \"77\""),
      (
        .unknownMeasure(MeasureID("M7.7"), nearest: [MeasureID("M7.6")]),
        "unknown measure \"M7.7\" (did you mean M7.6?)"
      ),
      (
        .unknownMeeting(
          board: "Improvement Board",
          date: day("2018-01-26"),
          nearest: [day("2018-01-25")]
        ),
        "no meeting of \"Improvement Board\" on 2018-01-26 is recorded (did you mean 2018-01-25?)"
      ),
      (
        .unknownMeeting(board: "Improvement Board", date: day("2018-01-26"), nearest: []),
        "no meeting of \"Improvement Board\" on 2018-01-26 is recorded; record it first with 'planledger meeting'"
      ),
      (.unknownVisit("8", nearest: ["7"]), "unknown monitoring visit \"8\" (did you mean 7?)"),
      (
        .unknownVisit("8", nearest: []),
        "unknown monitoring visit \"8\"; record it first with 'planledger visit'"
      ),
      (
        .unknownWorkstream("Practise", nearest: ["Practice"]),
        "unknown workstream \"Practise\" (did you mean Practice?)"
      ),
      (
        .unknownRecommendation("ofsted/13", nearest: ["ofsted/12", "ofsted/3"]),
        "unknown recommendation \"ofsted/13\" (did you mean ofsted/12 or ofsted/3?)"
      ),
      (
        .notAStatus("green"),
        "\"green\" is not a status; use not_rated, on_track, at_risk, overdue or complete"
      ),
      (
        .notADecisionKind("agree"),
        "\"agree\" is not a decision kind; use accept_completion, agree_revised_deadline, escalate, reassign, "
          + "approve_plan, add_actions, retire_actions, note"
      ),
      (
        .notAFindingKind("good"),
        "\"good\" is not a finding kind; use progress, strength or weakness"
      ),
      (
        .unchanged(action: ActionID("7.3"), status: .onTrack, date: day("2018-02-01")),
        "action 7.3 is already on_track on 2018-02-01; to report progress without a new rating, "
          + "use 'planledger note 7.3 --note …'"
      ),
      (
        .unchangedLead(action: ActionID("7.3")),
        "action 7.3 already has that lead; nothing to record"
      ),
      (
        .unchangedDue(action: ActionID("7.3"), milestone: 1, due: try due("2017-12")),
        "milestone 1 of action 7.3 is already due 2017-12; nothing to record"
      ),
      (
        .noSuchMilestone(action: ActionID("7.3"), milestone: 3, count: 2),
        "action 7.3 has no milestone 3; choose 1 to 2"
      ),
      (
        .noSuchMilestone(action: ActionID("7.3"), milestone: 1, count: 0),
        "action 7.3 has no milestone 1; it has none"
      ),
      (
        .milestoneNotDated(action: ActionID("1.1"), milestone: 1),
        "milestone 1 of action 1.1 is ongoing work with no due date"
      ),
      (
        .beforePlan(date: day("2017-10-31"), planDate: day("2017-11-01")),
        "effective date 2017-10-31 is before the plan exists (created 2017-11-01)"
      ),
      (
        .beforePlan(date: day("2017-10-31"), planDate: nil),
        "effective date 2017-10-31 is before the plan exists; create the plan first"
      ),
      (
        .beforeAction(action: ActionID("7.20"), date: day("2018-01-10"), added: day("2018-01-15")),
        "effective date 2018-01-10 is before action 7.20 was added (2018-01-15)"
      ),
      (
        .afterToday(date: day("2018-02-02"), today: day("2018-02-01")),
        "effective date 2018-02-02 is after today (2018-02-01); record it when it happens"
      ),
      (
        .unregisteredActor(PersonID("BQ"), nearest: [PersonID("BP")]),
        "actor \"BQ\" is not registered (did you mean BP?)"
      ),
      (
        .unregisteredActor(PersonID("ZZ"), nearest: []),
        "actor \"ZZ\" is not registered; register them first with 'planledger register'"
      ),
      (.noSuchSeq(999, size: 24), "seq 999 is not in the ledger; choose a seq from 1 to 24"),
      (
        .notCorrectable(seq: 30, type: "policy.rule_set"),
        "seq 30 is a \"policy.rule_set\" event, which cannot be corrected or retracted"
      ),
      (.alreadyRetracted(seq: 25, by: 26), "seq 25 was already retracted by seq 26"),
      (
        .meetingNotHeld(board: "Improvement Board", date: day("2018-01-25")),
        "no meeting of \"Improvement Board\" on 2018-01-25 has been held; record the meeting first with "
          + "'planledger meeting'"
      ),
      (
        .visitNotRecorded("1"),
        "monitoring visit \"1\" is not recorded; record it first with 'planledger visit'"
      ),
      (
        .decisionBeforeMeeting(date: day("2018-01-24"), meeting: day("2018-01-25")),
        "a decision of the meeting on 2018-01-25 cannot take effect on 2018-01-24, before it"
      ),
      (.duplicate(kind: "action", key: "7.3"), "action \"7.3\" already exists"),
      (
        .actionWithdrawn(ActionID("7.3")),
        "action 7.3 was withdrawn; nothing more can be recorded about it"
      ),
      (
        .roleNotHeld(person: PersonID("BP"), role: Role("board chair"), date: day("2018-02-01")),
        "BP does not hold the role board chair on 2018-02-01"
      ),
      (
        .policy(rule: "no rule allows BP to record plan.created"),
        "refused by policy: no rule allows BP to record plan.created; see 'planledger policy'"
      ),
      (
        .completionNeedsAuthority(action: ActionID("7.3")),
        "refused by policy: marking action 7.3 complete needs --authority SEQ, a board decision that concerns it"
      ),
      (
        .authorityNotADecision(action: ActionID("7.3"), seq: 40),
        "refused by policy: seq 40 is not a board decision that concerns action 7.3"
      ),
      (
        .authorityNotInLedger(seq: 99999, size: 733),
        "authority seq 99999 is not in the ledger; give the seq of the board decision that "
          + "authorised it, from 1 to 733"
      ),
      (
        .authorityNotInLedger(seq: 1, size: 0),
        "authority seq 1 is not in the ledger, which is empty; record the decision first"
      ),
      (
        .authorityRetracted(seq: 26, by: 27),
        "authority seq 26 was retracted by seq 27; give the seq of the board decision "
          + "that authorised it"
      ),
      (
        .notAnAuthority(seq: 80, type: "action.added"),
        "authority seq 80 is an \"action.added\" event, not a board decision; give the seq of "
          + "the board decision that authorised it"
      ),
      (
        .notAnAuthority(seq: 80, type: nil),
        "authority seq 80 is not a board decision; give the seq of the board decision that "
          + "authorised it"
      ),
      (.malformed(.identifier(.action, "")), "the action number is blank; give one such as 7.3"),
      (
        .malformed(.identifier(.action, "1..1")),
        "\"1..1\" is not an action number such as 7.3 (a number, a dot and a number)"
      ),
      (
        .malformed(.identifier(.person, "J E")),
        "\"J E\" is not a person identifier such as PS (no spaces, commas or semicolons)"
      ),
      (
        .malformed(.blank(type: "action.withdrawn", member: "reason")),
        "\"reason\" is blank; an \"action.withdrawn\" event needs one"
      ),
      (
        .malformed(.repeated(member: "to", value: "JE")),
        "\"JE\" is named twice in \"to\"; name each once"
      ),
      (
        .malformed(.noNewLead(action: ActionID("1.2"))),
        "reassigning action 1.2 needs at least one new lead; an action keeps its lead until "
          + "another is named"
      ),
      (
        .malformed(
          .datesOutOfOrder(
            what: "monitoring visit \"9\"",
            earlier: "start",
            earlierDate: day("2020-01-10"),
            later: "end",
            laterDate: day("2020-01-01")
          )
        ),
        "the end of monitoring visit \"9\" (2020-01-01) is before its start (2020-01-10)"
      ),
      (
        .meetingNotYetHeld(date: day("2018-01-01"), meeting: day("2018-02-14")),
        "the meeting on 2018-02-14 cannot take effect on 2018-01-01, before it"
      ),
      (
        .visitNotYetStarted(visit: "9", start: day("2020-01-10"), date: day("2020-01-01")),
        "monitoring visit \"9\" starting on 2020-01-10 cannot take effect on 2020-01-01, before it"
      ),
      (
        .valueTooFarAhead(
          measure: MeasureID("M1.9"),
          period: try due("2099-01"),
          date: day("2018-02-01")
        ),
        "a value of measure \"M1.9\" for 2099-01 cannot take effect on 2018-02-01, more than a "
          + "year before that month"
      ),
      (
        .malformed(.authorityWithoutSeq),
        "the authority has no \"seq\"; give {\"seq\": N}, N the seq of the board decision "
          + "that authorised it"
      ),
      (
        .malformed(.authoritySeqNotASeq),
        "the authority's \"seq\" is not a whole number of at least 1; give the seq of the "
          + "board decision that authorised it"
      ),
      (
        .malformed(.authorityMember("note")),
        "the authority has a member \"note\"; it holds only \"seq\", the seq of the board "
          + "decision that authorised it"
      ),
      (
        .wrongStream(type: "action.status_changed", stream: "action/7.4", expected: "action/7.3"),
        "an \"action.status_changed\" event belongs to stream \"action/7.3\", not \"action/7.4\""
      ),
      (
        .invalidData(type: "action.amended", reason: "data has no \"action\""),
        "action.amended: data has no \"action\""
      ),
      (
        .notAPlanEvent("action.exploded"),
        "\"action.exploded\" is not a plan event type; see the event types in 'planledger help append'"
      ),
      (.notADecimal("14,2"), "\"14,2\" is not a decimal number such as 14.2"),
      (.noPlan, "no plan has been created; create it first with 'planledger create-plan'"),
    ]
  }

  @Test(arguments: try messages())
  func describesItselfOnOneLine(refusal: Refusal, message: String) {
    #expect(refusal.description == message)
    #expect(!message.contains("\n"))
    #expect(!message.hasSuffix("."))
  }
}
