public import LedgerStore

/// The kinds of decision an improvement board takes.
public enum DecisionKind: String, Hashable, Sendable, CaseIterable {
  /// Accept evidence that an action is complete.
  case acceptCompletion = "accept_completion"
  /// Agree a revised deadline.
  case agreeRevisedDeadline = "agree_revised_deadline"
  /// Escalate a concern.
  case escalate
  /// Reassign a lead.
  case reassign
  /// Approve a plan or a new version of it.
  case approvePlan = "approve_plan"
  /// Add actions to the plan.
  case addActions = "add_actions"
  /// Retire actions from the plan.
  case retireActions = "retire_actions"
  /// Note something without deciding.
  case note

  /// Reads `accept completion`, `accept-completion` or `accept_completion`.
  ///
  /// - Parameter words: The kind in words.
  public init?(words: String) {
    let normalised = String(words.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
    self.init(rawValue: normalised)
  }

  /// The kind in words: `accept completion`.
  public var words: String { rawValue.replacingUnderscores }
}

/// `board.meeting_held`: a board met.
///
/// Stream `board/<board>`.
public struct BoardMeetingHeld: Hashable, Sendable {
  /// The board's name.
  public var board: String
  /// The meeting's date.
  public var date: CalendarDate
  /// Who chaired, if recorded.
  public var chair: PersonID?
  /// Who attended, if recorded.
  public var attendees: [PersonID]
  /// What the meeting did, in the source's words.
  public var summary: String

  /// Makes the event.
  public init(
    board: String,
    date: CalendarDate,
    chair: PersonID? = nil,
    attendees: [PersonID] = [],
    summary: String = ""
  ) {
    self.board = board
    self.date = date
    self.chair = chair
    self.attendees = attendees
    self.summary = summary
  }

  init(_ payload: Payload) throws(PayloadError) {
    board = try payload.string("board")
    date = try payload.date("date")
    chair = try payload.optionalString("chair").map(PersonID.init(rawValue:))
    attendees = try payload.strings("attendees").map(PersonID.init(rawValue:))
    summary = try payload.optionalString("summary") ?? ""
  }

  var data: JSONObject {
    var data = DataBuilder()
    data["board"] = board
    data["date"] = date.description
    data["chair"] = chair?.rawValue
    data.set("attendees", list: attendees.map(\.rawValue))
    data["summary"] = summary.isEmpty ? nil : summary
    return data.object
  }

  var stream: String { "board/" + Slug.make(board) }
}

/// `board.decision_recorded`: a decision a board took at a meeting.
///
/// Stream `board/<board>`.
public struct BoardDecisionRecorded: Hashable, Sendable {
  /// The board's name.
  public var board: String
  /// The date of the meeting that took it.
  public var meeting: CalendarDate
  /// What kind of decision.
  public var kind: DecisionKind
  /// The decision, in the minutes' words.
  public var text: String
  /// The actions it concerns.
  public var actions: [ActionID]

  /// Makes the event.
  public init(
    board: String,
    meeting: CalendarDate,
    kind: DecisionKind,
    text: String,
    actions: [ActionID]
  ) {
    self.board = board
    self.meeting = meeting
    self.kind = kind
    self.text = text
    self.actions = actions
  }

  init(_ payload: Payload) throws(PayloadError) {
    board = try payload.string("board")
    meeting = try payload.date("meeting")
    let word = try payload.string("kind")
    guard let kind = DecisionKind(rawValue: word) else {
      throw .invalid("kind", "is \"\(word)\", not a decision kind")
    }
    self.kind = kind
    text = try payload.string("text")
    actions = try payload.strings("actions").map(ActionID.init(rawValue:))
  }

  var data: JSONObject {
    var data = DataBuilder()
    data["board"] = board
    data["meeting"] = meeting.description
    data["kind"] = kind.rawValue
    data["text"] = text
    data.set("actions", list: actions.map(\.rawValue))
    return data.object
  }

  var stream: String { "board/" + Slug.make(board) }
}

extension String {
  var replacingUnderscores: String {
    String(map { $0 == "_" ? " " : $0 })
  }
}
