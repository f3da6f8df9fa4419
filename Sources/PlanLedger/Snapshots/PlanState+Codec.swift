import LedgerStore

/// A folded state as JSON and back, exactly: what a snapshot stores.
///
/// Each ``Versioned`` value is written with its stamp (`effective`, `seq`) and, for event
/// payloads, the event's own `data`, decoded back by the event's own decoder, so a state
/// read from a snapshot is equal to the state it was written from.
extension PlanState {
  /// The state as a JSON object.
  var snapshotJSON: JSONValue {
    var members: [String: JSONValue] = [
      "workstreams": .array(
        workstreams.keys.sorted().compactMap { workstreams[$0].map(Codec.event) }
      ),
      "priorities": .array(priorities.keys.sorted().compactMap { priorities[$0].map(Codec.event) }),
      "recommendations": .array(
        recommendations.keys.sorted().compactMap { recommendations[$0].map(Codec.event) }
      ),
      "actions": .array(actions.keys.sorted().compactMap { actions[$0].map(Codec.action) }),
      "partial_actions": .array(
        partialActions.keys.sorted().compactMap { key in
          partialActions[key].map { Codec.action($0, number: key) }
        }
      ),
      "people": .array(people.keys.sorted().compactMap { people[$0].map(Codec.event) }),
      "roles": .array(
        roles.keys.sorted().compactMap { key in
          roles[key].map { held in
            .object(
              JSONObject([
                "person": .string(key.person.rawValue), "role": .string(key.role.name),
                "scope": .string(key.role.scope), "held": .bool(held.value),
                "stamp": Codec.stamp(held.stamp),
              ])
            )
          }
        }
      ),
      "meetings": .array(meetings.keys.sorted().compactMap { meetings[$0].map(Codec.event) }),
      "decisions": .array(
        decisions.keys.sorted().compactMap { seq in
          decisions[seq].map { Codec.event(Versioned($0.decision, at: $0.stamp)) }
        }
      ),
      "visits": .array(visits.keys.sorted().compactMap { visits[$0].map(Codec.event) }),
      "findings": .array(
        findings.keys.sorted().compactMap { seq in
          findings[seq].map { Codec.event(Versioned($0.finding, at: $0.stamp)) }
        }
      ),
      "inspections": .array(
        inspections.keys.sorted().compactMap { inspections[$0].map(Codec.event) }
      ),
      "facts": .array(facts.keys.sorted().compactMap { facts[$0].map(Codec.event) }),
      "measures": .array(measures.keys.sorted().compactMap { measures[$0].map(Codec.measure) }),
      "partial_measures": .array(
        partialMeasures.keys.sorted().compactMap { key in
          partialMeasures[key].map { Codec.measure($0, id: key) }
        }
      ),
      "applied": .integer(applied),
      "retracted_by": Codec.pairs(retractedBy),
      "corrected_by": Codec.pairs(correctedBy),
    ]
    if let plan { members["plan"] = Codec.event(plan) }
    if let policy { members["policy"] = Codec.event(policy) }
    if let firstPlanDate { members["first_plan_date"] = .string(firstPlanDate.description) }
    return .object(JSONObject(members))
  }

  /// Reads a state written by ``snapshotJSON``.
  ///
  /// - Parameter json: The object.
  /// - Throws: ``Codec/Failure`` when it does not read back.
  init(snapshotJSON json: JSONValue) throws {
    self.init()
    func list(_ key: String) throws -> [JSONValue] {
      guard let value = json[key] else { return [] }
      guard let array = value.arrayValue else { throw Codec.Failure(member: key) }
      return array
    }
    if let value = json["plan"] {
      plan = try Codec.versioned(value, .planCreated) {
        if case .planCreated(let e) = $0 { e } else { nil }
      }
    }
    for value in try list("workstreams") {
      let item = try Codec.versioned(value, .workstreamDefined) {
        if case .workstreamDefined(let e) = $0 { e } else { nil }
      }
      workstreams[item.value.name] = item
    }
    for value in try list("priorities") {
      let item = try Codec.versioned(value, .priorityDefined) {
        if case .priorityDefined(let e) = $0 { e } else { nil }
      }
      priorities[item.value.number] = item
    }
    for value in try list("recommendations") {
      let item = try Codec.versioned(value, .recommendationRecorded) {
        if case .recommendationRecorded(let e) = $0 { e } else { nil }
      }
      recommendations[item.value.key] = item
    }
    for value in try list("actions") {
      let (number, action) = try Codec.readAction(value)
      actions[number] = action
    }
    for value in try list("partial_actions") {
      let (number, action) = try Codec.readAction(value)
      partialActions[number] = action
    }
    for value in try list("people") {
      let item = try Codec.versioned(value, .personRegistered) {
        if case .personRegistered(let e) = $0 { e } else { nil }
      }
      people[item.value.person] = item
    }
    for value in try list("roles") {
      guard let person = value["person"]?.stringValue, let role = value["role"]?.stringValue,
        let scope = value["scope"]?.stringValue, let held = value["held"]?.boolValue
      else { throw Codec.Failure(member: "roles") }
      roles[RoleKey(person: PersonID(person), role: Role(role, scope: scope))] = Versioned(
        held,
        at: try Codec.readStamp(value["stamp"])
      )
    }
    for value in try list("meetings") {
      let item = try Codec.versioned(value, .boardMeetingHeld) {
        if case .boardMeetingHeld(let e) = $0 { e } else { nil }
      }
      meetings[MeetingKey(board: item.value.board, date: item.value.date)] = item
    }
    for value in try list("decisions") {
      let item = try Codec.versioned(value, .boardDecisionRecorded) {
        if case .boardDecisionRecorded(let e) = $0 { e } else { nil }
      }
      decisions[item.stamp.seq] = DecisionState(
        decision: item.value,
        stamp: item.stamp,
        authorityOf: []
      )
    }
    for value in try list("visits") {
      let item = try Codec.versioned(value, .monitoringVisitRecorded) {
        if case .monitoringVisitRecorded(let e) = $0 { e } else { nil }
      }
      visits[item.value.visit] = item
    }
    for value in try list("findings") {
      let item = try Codec.versioned(value, .monitoringFindingRecorded) {
        if case .monitoringFindingRecorded(let e) = $0 { e } else { nil }
      }
      findings[item.stamp.seq] = FindingState(finding: item.value, stamp: item.stamp)
    }
    for value in try list("inspections") {
      let item = try Codec.versioned(value, .inspectionRecorded) {
        if case .inspectionRecorded(let e) = $0 { e } else { nil }
      }
      inspections[item.stamp.seq] = item
    }
    for value in try list("facts") {
      let item = try Codec.versioned(value, .factRecorded) {
        if case .factRecorded(let e) = $0 { e } else { nil }
      }
      facts[item.stamp.seq] = item
    }
    for value in try list("measures") {
      let (id, measure) = try Codec.readMeasure(value)
      measures[id] = measure
    }
    for value in try list("partial_measures") {
      let (id, measure) = try Codec.readMeasure(value)
      partialMeasures[id] = measure
    }
    if let value = json["policy"] {
      policy = try Codec.versioned(value, .policyRuleSet) {
        if case .policyRuleSet(let e) = $0 { e } else { nil }
      }
    }
    guard let applied = json["applied"]?.integerValue else {
      throw Codec.Failure(member: "applied")
    }
    self.applied = applied
    if let text = json["first_plan_date"]?.stringValue {
      guard let date = CalendarDate(text) else { throw Codec.Failure(member: "first_plan_date") }
      firstPlanDate = date
    }
    retractedBy = try Codec.readPairs(json["retracted_by"])
    correctedBy = try Codec.readPairs(json["corrected_by"])
  }
}

/// The pieces of the snapshot encoding.
enum Codec {
  struct Failure: Error, CustomStringConvertible {
    let member: String
    var description: String { "the snapshot's \"\(member)\" does not read back" }
  }

  static func stamp(_ stamp: Stamp) -> JSONValue {
    ["effective": .string(stamp.effective.description), "seq": .integer(stamp.seq)]
  }

  static func readStamp(_ json: JSONValue?) throws -> Stamp {
    guard let text = json?["effective"]?.stringValue, let effective = CalendarDate(text),
      let seq = json?["seq"]?.integerValue
    else { throw Failure(member: "stamp") }
    return Stamp(effective: effective, seq: seq)
  }

  static func event<Value: Hashable & Sendable>(_ versioned: Versioned<Value>) -> JSONValue {
    let data: JSONObject
    switch versioned.value {
    case let value as PlanCreated: data = value.data
    case let value as WorkstreamDefined: data = value.data
    case let value as PriorityDefined: data = value.data
    case let value as RecommendationRecorded: data = value.data
    case let value as ActionAdded: data = value.data
    case let value as ActionProgressNoted: data = value.data
    case let value as PersonRegistered: data = value.data
    case let value as BoardMeetingHeld: data = value.data
    case let value as BoardDecisionRecorded: data = value.data
    case let value as MonitoringVisitRecorded: data = value.data
    case let value as MonitoringFindingRecorded: data = value.data
    case let value as InspectionRecorded: data = value.data
    case let value as FactRecorded: data = value.data
    case let value as MeasureDefined: data = value.data
    case let value as MeasureTargetSet: data = value.data
    case let value as MeasureRecorded: data = value.data
    case let value as PolicyRuleSet: data = value.data
    default: preconditionFailure("every versioned event type is listed")
    }
    return ["data": .object(data), "stamp": stamp(versioned.stamp)]
  }

  static func versioned<Value>(
    _ json: JSONValue,
    _ type: PlanEventType,
    _ extract: (PlanEvent) -> Value?
  ) throws -> Versioned<Value> {
    guard case .object(let data)? = json["data"],
      let event = try? PlanEvent(type: type, payload: Payload(data)),
      let value = extract(event)
    else { throw Failure(member: type.rawValue) }
    return Versioned(value, at: try readStamp(json["stamp"]))
  }

  static func value<Value>(
    _ versioned: Versioned<Value>?,
    _ encode: (Value) -> JSONValue
  )
    -> JSONValue
  {
    guard let versioned else { return .null }
    return ["value": encode(versioned.value), "stamp": stamp(versioned.stamp)]
  }

  static func readValue<Value>(
    _ json: JSONValue?,
    _ decode: (JSONValue) -> Value?
  ) throws -> Versioned<Value>? {
    guard let json, json != .null else { return nil }
    guard let raw = json["value"], let value = decode(raw) else {
      throw Failure(member: "value")
    }
    return Versioned(value, at: try readStamp(json["stamp"]))
  }

  static func strings(_ list: [String]) -> JSONValue {
    .array(list.map { .string($0) })
  }

  static func readStrings(_ json: JSONValue) -> [String]? {
    guard let array = json.arrayValue else { return nil }
    let strings = array.compactMap(\.stringValue)
    return strings.count == array.count ? strings : nil
  }

  static func pairs(_ map: [Int: Int]) -> JSONValue {
    .array(map.keys.sorted().map { .array([.integer($0), .integer(map[$0] ?? 0)]) })
  }

  static func readPairs(_ json: JSONValue?) throws -> [Int: Int] {
    guard let array = json?.arrayValue else { return [:] }
    var map: [Int: Int] = [:]
    for pair in array {
      guard let items = pair.arrayValue, items.count == 2, let key = items[0].integerValue,
        let value = items[1].integerValue
      else { throw Failure(member: "pairs") }
      map[key] = value
    }
    return map
  }

  static func action(_ state: ActionState) -> JSONValue {
    action(state, number: state.number)
  }

  static func action(_ state: ActionState, number: ActionID) -> JSONValue {
    var members: [String: JSONValue] = [
      "number": .string(number.rawValue),
      "amended_text": value(state.amendedText) { .string($0) },
      "amended_issue": value(state.amendedIssue) { .string($0) },
      "amended_references": value(state.amendedReferences) { .string($0) },
      "amended_partners": value(state.amendedPartners) { strings($0) },
      "reassigned": value(state.reassigned) { strings($0.map(\.rawValue)) },
      "rated": value(state.rated) { .string($0.rawValue) },
      "withdrawal": value(state.withdrawal) { .bool($0) },
      "revised_due": .array(
        state.revisedDue.keys.sorted().compactMap { index in
          state.revisedDue[index].map { due in
            [
              "milestone": .integer(index), "due": .string(due.value.description),
              "stamp": stamp(due.stamp),
            ]
          }
        }
      ),
      "revision_counts": pairs(state.revisionCounts),
      "decisions": .array(state.decisions.sorted().map { .integer($0) }),
      "findings": .array(state.findings.sorted().map { .integer($0) }),
    ]
    if let added = state.added { members["added"] = event(added) }
    if let note = state.progressNote { members["progress_note"] = event(note) }
    if let latest = state.latest { members["latest"] = stamp(latest) }
    return .object(JSONObject(members))
  }

  static func readAction(_ json: JSONValue) throws -> (ActionID, ActionState) {
    guard let number = json["number"]?.stringValue else { throw Failure(member: "number") }
    var state = ActionState()
    if let added = json["added"] {
      state.added = try versioned(added, .actionAdded) {
        if case .actionAdded(let e) = $0 { e } else { nil }
      }
    }
    state.amendedText = try readValue(json["amended_text"]) { $0.stringValue }
    state.amendedIssue = try readValue(json["amended_issue"]) { $0.stringValue }
    state.amendedReferences = try readValue(json["amended_references"]) { $0.stringValue }
    state.amendedPartners = try readValue(json["amended_partners"]) { readStrings($0) }
    state.reassigned = try readValue(json["reassigned"]) {
      readStrings($0)?.map(PersonID.init(rawValue:))
    }
    state.rated = try readValue(json["rated"]) { $0.stringValue.flatMap(Status.init(rawValue:)) }
    state.withdrawal = try readValue(json["withdrawal"]) { $0.boolValue }
    // Absent in snapshots written before `action.progress_noted` existed: no note then.
    if let note = json["progress_note"] {
      state.progressNote = try versioned(note, .actionProgressNoted) {
        if case .actionProgressNoted(let e) = $0 { e } else { nil }
      }
    }
    for item in json["revised_due"]?.arrayValue ?? [] {
      guard let index = item["milestone"]?.integerValue,
        let due = item["due"]?.stringValue.flatMap(DueDate.init)
      else { throw Failure(member: "revised_due") }
      state.revisedDue[index] = Versioned(due, at: try readStamp(item["stamp"]))
    }
    state.revisionCounts = try readPairs(json["revision_counts"])
    if let latest = json["latest"] { state.latest = try readStamp(latest) }
    state.decisions = Set((json["decisions"]?.arrayValue ?? []).compactMap(\.integerValue))
    state.findings = Set((json["findings"]?.arrayValue ?? []).compactMap(\.integerValue))
    return (ActionID(number), state)
  }

  static func measure(_ state: MeasureState) -> JSONValue {
    measure(state, id: state.definition.value.measure)
  }

  static func measure(_ state: MeasureState, id: MeasureID) -> JSONValue {
    var members: [String: JSONValue] = [
      "id": .string(id.rawValue),
      "targets": .array(state.targets.keys.sorted().compactMap { state.targets[$0].map(event) }),
      "values": .array(state.values.keys.sorted().compactMap { state.values[$0].map(event) }),
    ]
    if let defined = state.defined { members["defined"] = event(defined) }
    return .object(JSONObject(members))
  }

  static func readMeasure(_ json: JSONValue) throws -> (MeasureID, MeasureState) {
    guard let id = json["id"]?.stringValue else { throw Failure(member: "id") }
    var state = MeasureState()
    if let defined = json["defined"] {
      state.defined = try versioned(defined, .measureDefined) {
        if case .measureDefined(let e) = $0 { e } else { nil }
      }
    }
    for value in json["targets"]?.arrayValue ?? [] {
      let target = try versioned(value, .measureTargetSet) {
        if case .measureTargetSet(let e) = $0 { e } else { nil }
      }
      state.targets[target.stamp.seq] = target
    }
    for value in json["values"]?.arrayValue ?? [] {
      let recorded = try versioned(value, .measureRecorded) {
        if case .measureRecorded(let e) = $0 { e } else { nil }
      }
      state.values[recorded.value.period] = recorded
    }
    return (MeasureID(id), state)
  }
}
