public import LedgerStore

/// Why the ledger refuses a valid-looking request: exit status 3, and nothing written; or,
/// for ``malformed(_:)``, why a value is refused on its face: a usage error, exit status 2.
///
/// `description` is one line naming the problem and, where there is one, the fix. It
/// holds identifiers and dates only, never recorded free text.
public enum Refusal: Error, Hashable, Sendable, CustomStringConvertible {
  case unknownAction(ActionID, nearest: [ActionID])
  case unknownPerson(PersonID, nearest: [PersonID])
  case unknownPriority(PriorityNumber, nearest: [PriorityNumber])
  case unknownMeasure(MeasureID, nearest: [MeasureID])
  case unknownMeeting(board: String, date: CalendarDate, nearest: [CalendarDate])
  case unknownVisit(String, nearest: [String])
  case unknownWorkstream(String, nearest: [String])
  case unknownRecommendation(String, nearest: [String])
  case notAStatus(String)
  case notADecisionKind(String)
  case notAFindingKind(String)
  case unchanged(action: ActionID, status: Status, date: CalendarDate)
  case unchangedLead(action: ActionID)
  case unchangedDue(action: ActionID, milestone: Int, due: DueDate)
  case noSuchMilestone(action: ActionID, milestone: Int, count: Int)
  case milestoneNotDated(action: ActionID, milestone: Int)
  case beforePlan(date: CalendarDate, planDate: CalendarDate?)
  case beforeAction(action: ActionID, date: CalendarDate, added: CalendarDate)
  case afterToday(date: CalendarDate, today: CalendarDate)
  case unregisteredActor(PersonID, nearest: [PersonID])
  case noSuchSeq(Int, size: Int)
  case notCorrectable(seq: Int, type: String)
  case alreadyRetracted(seq: Int, by: Int)
  case meetingNotHeld(board: String, date: CalendarDate)
  case visitNotRecorded(String)
  case decisionBeforeMeeting(date: CalendarDate, meeting: CalendarDate)
  case meetingNotYetHeld(date: CalendarDate, meeting: CalendarDate)
  case visitNotYetStarted(visit: String, start: CalendarDate, date: CalendarDate)
  case valueTooFarAhead(measure: MeasureID, period: DueDate, date: CalendarDate)
  case duplicate(kind: String, key: String)
  case roleAlreadyHeld(person: PersonID, role: Role, date: CalendarDate)
  case notYetDefined(kind: String, key: String, date: CalendarDate, defined: CalendarDate)
  case correctionMovesStream(seq: Int, from: String, to: String)
  case actionWithdrawn(ActionID)
  case roleNotHeld(person: PersonID, role: Role, date: CalendarDate)
  case policy(rule: String)
  case completionNeedsAuthority(action: ActionID)
  case authorityNotADecision(action: ActionID, seq: Int)
  case authorityNotInLedger(seq: Int, size: Int)
  case authorityRetracted(seq: Int, by: Int)
  case notAnAuthority(seq: Int, type: String?)
  case malformed(MalformedValue)
  case wrongStream(type: String, stream: String, expected: String)
  case invalidData(type: String, reason: String)
  case notAPlanEvent(String)
  case notADecimal(String)
  case noPlan

  /// The message for the user.
  public var description: String {
    switch self {
    case .unknownAction(let action, let nearest):
      return "unknown action \"\(action)\"" + Self.suggest(nearest.map(\.rawValue))
    case .unknownPerson(let person, let nearest):
      return
        "unknown person \"\(person)\"" + Self.suggest(nearest.map(\.rawValue))
        + (nearest.isEmpty ? "; register them first with 'planledger register'" : "")
    case .unknownPriority(let priority, let nearest):
      return "unknown priority \"\(priority)\"" + Self.suggest(nearest.map(\.rawValue))
    case .unknownMeasure(let measure, let nearest):
      return "unknown measure \"\(measure)\"" + Self.suggest(nearest.map(\.rawValue))
    case .unknownMeeting(let board, let date, let nearest):
      return
        "no meeting of \"\(board)\" on \(date) is recorded"
        + Self.suggest(nearest.map(\.description))
        + (nearest.isEmpty ? "; record it first with 'planledger meeting'" : "")
    case .unknownVisit(let visit, let nearest):
      return
        "unknown monitoring visit \"\(visit)\"" + Self.suggest(nearest)
        + (nearest.isEmpty ? "; record it first with 'planledger visit'" : "")
    case .unknownWorkstream(let name, let nearest):
      return "unknown workstream \"\(name)\"" + Self.suggest(nearest)
    case .unknownRecommendation(let key, let nearest):
      return "unknown recommendation \"\(key)\"" + Self.suggest(nearest)
    case .notAStatus(let word):
      return
        "\"\(word)\" is not a status; use not_rated, on_track, at_risk, overdue or complete"
    case .notADecisionKind(let word):
      return
        "\"\(word)\" is not a decision kind; use "
        + DecisionKind.allCases.map(\.rawValue).joined(separator: ", ")
    case .notAFindingKind(let word):
      return "\"\(word)\" is not a finding kind; use progress, strength or weakness"
    case .unchanged(let action, let status, let date):
      return
        "action \(action) is already \(status.rawValue) on \(date); to report progress "
        + "without a new rating, use 'planledger note \(action) --note …'"
    case .unchangedLead(let action):
      return "action \(action) already has that lead; nothing to record"
    case .unchangedDue(let action, let milestone, let due):
      return "milestone \(milestone) of action \(action) is already due \(due); nothing to record"
    case .noSuchMilestone(let action, let milestone, let count):
      return
        "action \(action) has no milestone \(milestone); "
        + (count == 0 ? "it has none" : "choose 1 to \(count)")
    case .milestoneNotDated(let action, let milestone):
      return "milestone \(milestone) of action \(action) is ongoing work with no due date"
    case .beforePlan(let date, let planDate):
      if let planDate {
        return "effective date \(date) is before the plan exists (created \(planDate))"
      }
      return "effective date \(date) is before the plan exists; create the plan first"
    case .beforeAction(let action, let date, let added):
      return "effective date \(date) is before action \(action) was added (\(added))"
    case .afterToday(let date, let today):
      return "effective date \(date) is after today (\(today)); record it when it happens"
    case .unregisteredActor(let person, let nearest):
      return
        "actor \"\(person)\" is not registered" + Self.suggest(nearest.map(\.rawValue))
        + (nearest.isEmpty ? "; register them first with 'planledger register'" : "")
    case .noSuchSeq(let seq, let size):
      return "seq \(seq) is not in the ledger; choose a seq from 1 to \(size)"
    case .notCorrectable(let seq, let type):
      return
        "seq \(seq) is \(Self.article(type)) \"\(type)\" event, "
        + "which cannot be corrected or retracted"
    case .alreadyRetracted(let seq, let by):
      return "seq \(seq) was already retracted by seq \(by)"
    case .meetingNotHeld(let board, let date):
      return
        "no meeting of \"\(board)\" on \(date) has been held; record the meeting first "
        + "with 'planledger meeting'"
    case .visitNotRecorded(let visit):
      return
        "monitoring visit \"\(visit)\" is not recorded; record it first with 'planledger visit'"
    case .decisionBeforeMeeting(let date, let meeting):
      return Self.takesEffect(date, before: "a decision of the meeting on \(meeting)")
    case .meetingNotYetHeld(let date, let meeting):
      return Self.takesEffect(date, before: "the meeting on \(meeting)")
    case .visitNotYetStarted(let visit, let start, let date):
      return Self.takesEffect(date, before: "monitoring visit \"\(visit)\" starting on \(start)")
    case .valueTooFarAhead(let measure, let period, let date):
      let value = "a value of measure \"\(measure)\" for \(period)"
      return "\(value) cannot take effect on \(date), more than a year before that month"
    case .duplicate(let kind, let key):
      return "\(kind) \"\(key)\" already exists"
    case .roleAlreadyHeld(let person, let role, let date):
      return "\(person) already holds the role \(role) on \(date); nothing to record"
    case .notYetDefined(let kind, let key, let date, let defined):
      return "\(kind) \"\(key)\" does not exist on \(date) (it was first recorded for \(defined))"
    case .correctionMovesStream(let seq, let from, let to):
      return
        "the correction of seq \(seq) would move it from stream \"\(from)\" to \"\(to)\"; "
        + "retract it and record the right event instead"
    case .actionWithdrawn(let action):
      return "action \(action) was withdrawn; nothing more can be recorded about it"
    case .roleNotHeld(let person, let role, let date):
      return "\(person) does not hold the role \(role) on \(date)"
    case .policy(let rule):
      return "refused by policy: \(rule); see 'planledger policy'"
    case .completionNeedsAuthority(let action):
      return
        "refused by policy: marking action \(action) complete needs --authority SEQ, "
        + "a board decision that concerns it"
    case .authorityNotADecision(let action, let seq):
      return
        "refused by policy: seq \(seq) is not a board decision that concerns action \(action)"
    case .authorityNotInLedger(let seq, let size) where size < 1:
      return "authority seq \(seq) is not in the ledger, which is empty; record the decision first"
    case .authorityNotInLedger(let seq, let size):
      return Self.authority(seq, "is not in the ledger") + ", from 1 to \(size)"
    case .authorityRetracted(let seq, let by):
      return Self.authority(seq, "was retracted by seq \(by)")
    case .notAnAuthority(let seq, let type?):
      return Self.authority(seq, "is \(Self.article(type)) \"\(type)\" event, not a board decision")
    case .notAnAuthority(let seq, nil):
      return Self.authority(seq, "is not a board decision")
    case .malformed(let value):
      return value.description
    case .wrongStream(let type, let stream, let expected):
      return
        "\(Self.article(type)) \"\(type)\" event belongs to stream \"\(expected)\", "
        + "not \"\(stream)\""
    case .invalidData(let type, let reason):
      return "\(type): \(reason)"
    case .notAPlanEvent(let type):
      return
        "\"\(type)\" is not a plan event type; see the event types in 'planledger help append'"
    case .notADecimal(let text):
      return "\"\(text)\" is not a decimal number such as 14.2"
    case .noPlan:
      return "no plan has been created; create it first with 'planledger create-plan'"
    }
  }

  /// Something that cannot take effect on a date before it happened: one wording for a
  /// decision and its meeting, a meeting and a visit.
  private static func takesEffect(_ date: CalendarDate, before what: String) -> String {
    "\(what) cannot take effect on \(date), before it"
  }

  /// A refused authority: what is wrong with its seq, and the fix.
  private static func authority(_ seq: Int, _ problem: String) -> String {
    "authority seq \(seq) \(problem); give \(MalformedValue.theDecision)"
  }

  /// "a" or "an" before a word.
  static func article(_ word: String) -> String {
    "aeiou".contains(word.first ?? "x") ? "an" : "a"
  }

  private static func suggest(_ nearest: [String]) -> String {
    nearest.isEmpty ? "" : " (did you mean \(nearest.joined(separator: " or "))?)"
  }
}
