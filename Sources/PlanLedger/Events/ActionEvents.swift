import LedgerStore

/// `action.added`: a numbered action with its lead, partners and milestones.
///
/// Stream `action/<number>`.
public struct ActionAdded: Hashable, Sendable {
  /// The action's number, such as `7.3`.
  public var action: ActionID
  /// The priority it belongs to.
  public var priority: PriorityNumber
  /// The issue heading, such as `Model, standards and tools`.
  public var issue: String
  /// Inspectorate references, such as `Rec 12, Para 32` (as written).
  public var references: String
  /// The action text, bullet lists kept (one paragraph or bullet per line).
  public var text: String
  /// The lead officer(s); empty when the plan names none.
  public var leads: [PersonID]
  /// Partner involvement, as written (`CSCB`, `Police`, `N/A`).
  public var partners: [String]
  /// The milestones of "By when", in order.
  public var milestones: [Milestone]

  /// Makes the event.
  public init(
    action: ActionID,
    priority: PriorityNumber,
    issue: String,
    references: String,
    text: String,
    leads: [PersonID],
    partners: [String],
    milestones: [Milestone]
  ) {
    self.action = action
    self.priority = priority
    self.issue = issue
    self.references = references
    self.text = text
    self.leads = leads
    self.partners = partners
    self.milestones = milestones
  }

  init(_ payload: Payload) throws(PayloadError) {
    action = ActionID(try payload.string("action"))
    priority = PriorityNumber(try payload.string("priority"))
    issue = try payload.optionalString("issue") ?? ""
    references = try payload.optionalString("references") ?? ""
    text = try payload.string("text")
    leads = try payload.strings("leads").map(PersonID.init(rawValue:))
    partners = try payload.strings("partners")
    var milestones: [Milestone] = []
    if let value = try payload.value("milestones") {
      guard case .array(let elements) = value else {
        throw .wrongType("milestones", "a list of milestones")
      }
      for element in elements {
        guard let milestone = Milestone(json: element) else {
          throw .wrongType("milestones", "a list of {label, kind, due} objects")
        }
        milestones.append(milestone)
      }
    }
    self.milestones = milestones
  }

  var data: JSONObject {
    var data = DataBuilder()
    data["action"] = action.rawValue
    data["priority"] = priority.rawValue
    data["issue"] = issue.isEmpty ? nil : issue
    data["references"] = references.isEmpty ? nil : references
    data["text"] = text
    data.set("leads", list: leads.map(\.rawValue))
    data.set("partners", list: partners)
    data.set("milestones", milestones.isEmpty ? nil : .array(milestones.map(\.json)))
    return data.object
  }

  var stream: String { "action/" + action.rawValue }
}

/// `action.status_changed`: a new progress rating, with a note and evidence.
///
/// Stream `action/<number>`.
public struct ActionStatusChanged: Hashable, Sendable {
  /// The action.
  public var action: ActionID
  /// The new status.
  public var to: Status
  /// The lead's commentary.
  public var note: String
  /// Links or references to evidence.
  public var evidence: [String]

  /// Makes the event.
  public init(action: ActionID, to: Status, note: String = "", evidence: [String] = []) {
    self.action = action
    self.to = to
    self.note = note
    self.evidence = evidence
  }

  init(_ payload: Payload) throws(PayloadError) {
    action = ActionID(try payload.string("action"))
    let word = try payload.string("to")
    guard let status = Status(rawValue: word) else {
      throw .invalid("to", "is \"\(word)\", not one of \(Status.spellings)")
    }
    to = status
    note = try payload.optionalString("note") ?? ""
    evidence = try payload.strings("evidence")
  }

  var data: JSONObject {
    var data = DataBuilder()
    data["action"] = action.rawValue
    data["to"] = to.rawValue
    data["note"] = note.isEmpty ? nil : note
    data.set("evidence", list: evidence)
    return data.object
  }

  var stream: String { "action/" + action.rawValue }
}

/// `action.progress_noted`: the lead's progress report on an action, without a new rating.
///
/// Stream `action/<number>`. The action's status, and the date it took effect, stay as
/// they were; the note becomes the action's latest commentary and the report counts as
/// its latest update.
public struct ActionProgressNoted: Hashable, Sendable {
  /// The action.
  public var action: ActionID
  /// The lead's commentary; never blank.
  public var note: String
  /// Links or references to evidence.
  public var evidence: [String]

  /// Makes the event.
  ///
  /// - Parameters:
  ///   - action: The action.
  ///   - note: The lead's commentary.
  ///   - evidence: Links or references to evidence.
  public init(action: ActionID, note: String, evidence: [String] = []) {
    self.action = action
    self.note = note
    self.evidence = evidence
  }

  init(_ payload: Payload) throws(PayloadError) {
    action = ActionID(try payload.string("action"))
    note = try payload.string("note")
    evidence = try payload.strings("evidence")
  }

  var data: JSONObject {
    var data = DataBuilder()
    data["action"] = action.rawValue
    data["note"] = note
    data.set("evidence", list: evidence)
    return data.object
  }

  var stream: String { "action/" + action.rawValue }
}

/// `action.due_revised`: a milestone's due date moved.
///
/// Stream `action/<number>`.
public struct ActionDueRevised: Hashable, Sendable {
  /// The action.
  public var action: ActionID
  /// The milestone, numbered from 1 in "By when" order.
  public var milestone: Int
  /// The new due date.
  public var to: DueDate
  /// Why.
  public var reason: String

  /// Makes the event.
  public init(action: ActionID, milestone: Int, to: DueDate, reason: String) {
    self.action = action
    self.milestone = milestone
    self.to = to
    self.reason = reason
  }

  init(_ payload: Payload) throws(PayloadError) {
    action = ActionID(try payload.string("action"))
    milestone = try payload.integer("milestone")
    let text = try payload.string("to")
    guard let due = DueDate(text) else { throw .wrongType("to", "a date YYYY-MM or YYYY-MM-DD") }
    to = due
    reason = try payload.optionalString("reason") ?? ""
  }

  var data: JSONObject {
    var data = DataBuilder()
    data["action"] = action.rawValue
    data.set("milestone", .integer(milestone))
    data["to"] = to.description
    data["reason"] = reason.isEmpty ? nil : reason
    return data.object
  }

  var stream: String { "action/" + action.rawValue }
}

/// `action.lead_reassigned`: the action has new lead officer(s).
///
/// Stream `action/<number>`.
public struct ActionLeadReassigned: Hashable, Sendable {
  /// The action.
  public var action: ActionID
  /// The new lead(s): at least one when recorded now; an older event may hold none.
  public var to: [PersonID]
  /// Why.
  public var reason: String

  /// Makes the event.
  public init(action: ActionID, to: [PersonID], reason: String) {
    self.action = action
    self.to = to
    self.reason = reason
  }

  init(_ payload: Payload) throws(PayloadError) {
    action = ActionID(try payload.string("action"))
    to = try payload.strings("to").map(PersonID.init(rawValue:))
    reason = try payload.optionalString("reason") ?? ""
  }

  var data: JSONObject {
    var data = DataBuilder()
    data["action"] = action.rawValue
    data.set("to", list: to.map(\.rawValue), keepEmpty: true)
    data["reason"] = reason.isEmpty ? nil : reason
    return data.object
  }

  var stream: String { "action/" + action.rawValue }
}

/// `action.amended`: the action's wording, issue, references or partners changed.
///
/// Stream `action/<number>`.
public struct ActionAmended: Hashable, Sendable {
  /// The action.
  public var action: ActionID
  /// The new text, if it changed.
  public var text: String?
  /// The new issue heading, if it changed.
  public var issue: String?
  /// The new references, if they changed.
  public var references: String?
  /// The new partners, if they changed.
  public var partners: [String]?
  /// Why.
  public var reason: String

  /// Makes the event.
  public init(
    action: ActionID,
    text: String? = nil,
    issue: String? = nil,
    references: String? = nil,
    partners: [String]? = nil,
    reason: String
  ) {
    self.action = action
    self.text = text
    self.issue = issue
    self.references = references
    self.partners = partners
    self.reason = reason
  }

  init(_ payload: Payload) throws(PayloadError) {
    action = ActionID(try payload.string("action"))
    text = try payload.optionalString("text")
    issue = try payload.optionalString("issue")
    references = try payload.optionalString("references")
    partners = payload.has("partners") ? try payload.strings("partners") : nil
    reason = try payload.optionalString("reason") ?? ""
  }

  var data: JSONObject {
    var data = DataBuilder()
    data["action"] = action.rawValue
    data["text"] = text
    data["issue"] = issue
    data["references"] = references
    if let partners { data.set("partners", list: partners, keepEmpty: true) }
    data["reason"] = reason.isEmpty ? nil : reason
    return data.object
  }

  var stream: String { "action/" + action.rawValue }
}

/// `action.withdrawn`: the action is retired from the plan.
///
/// Stream `action/<number>`.
public struct ActionWithdrawn: Hashable, Sendable {
  /// The action.
  public var action: ActionID
  /// Why.
  public var reason: String

  /// Makes the event.
  public init(action: ActionID, reason: String) {
    self.action = action
    self.reason = reason
  }

  init(_ payload: Payload) throws(PayloadError) {
    action = ActionID(try payload.string("action"))
    reason = try payload.optionalString("reason") ?? ""
  }

  var data: JSONObject {
    var data = DataBuilder()
    data["action"] = action.rawValue
    data["reason"] = reason.isEmpty ? nil : reason
    return data.object
  }

  var stream: String { "action/" + action.rawValue }
}
