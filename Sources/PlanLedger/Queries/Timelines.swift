import LedgerStore

/// Every value histories and audits show, as a timeline per key in valid-time order.
///
/// Built in one pass over the records (corrected, retractions left out), it answers
/// "what was this before that record?" by binary search, so a history or an audit can
/// walk the log in any order and hold only these timelines: memory grows with the number
/// of changes to statuses, leads, dates, roles and measure values, not with everything
/// the log holds.
struct Timelines: Sendable {
  /// One key's values over valid time: each stamp packed in eight bytes
  /// (``Stamp/packed``) beside its value, in two arrays, so a one-byte status costs nine
  /// bytes rather than twenty-four.
  struct Timeline<Value: Sendable>: Sendable {
    private(set) var stamps: [UInt64] = []
    private(set) var values: [Value] = []

    mutating func append(_ stamp: Stamp, _ value: Value) {
      stamps.append(stamp.packed)
      values.append(value)
    }

    /// The timeline in valid-time order, each array exactly as long as it needs to be.
    func sorted() -> Timeline {
      let order = stamps.indices.sorted { stamps[$0] < stamps[$1] }
      var result = Timeline()
      result.stamps = order.map { stamps[$0] }
      result.values = order.map { values[$0] }
      return result
    }

    /// The value held just before `stamp` (the timeline sorted).
    func value(before stamp: Stamp) -> Value? {
      let key = stamp.packed
      var low = 0
      var high = stamps.count
      while low < high {
        let middle = (low + high) / 2
        if stamps[middle] < key { low = middle + 1 } else { high = middle }
      }
      return low == 0 ? nil : values[low - 1]
    }
  }

  struct DueKey: Hashable, Sendable {
    let action: ActionID
    let milestone: Int
  }

  struct TextKey: Hashable, Sendable {
    let action: ActionID
    let field: String
  }

  struct ValueKey: Hashable, Sendable {
    let measure: MeasureID
    let period: DueDate
  }

  private(set) var statuses: [ActionID: Timeline<Status>] = [:]
  private(set) var leads: [ActionID: Timeline<[PersonID]>] = [:]
  private(set) var dues: [DueKey: Timeline<DueDate?>] = [:]
  private(set) var texts: [TextKey: Timeline<JSONValue>] = [:]
  private(set) var roles: [RoleKey: Timeline<Bool>] = [:]
  private(set) var values: [ValueKey: Timeline<DecimalNumber>] = [:]
  /// The priority of each action.
  private(set) var priorities: [ActionID: PriorityNumber] = [:]
  /// The actions each board decision concerns, by seq.
  private(set) var decisions: [Int: [ActionID]] = [:]
  /// The seqs of the corrections of each corrected seq, in order.
  private(set) var correctedBy: [Int: [Int]] = [:]
  /// The seq of each retracted seq's retraction.
  private(set) var retractedBy: [Int: Int] = [:]
  /// The latest corrected data of each corrected seq.
  private(set) var corrections: [Int: JSONObject] = [:]
  /// The original data of each corrected or retracted seq (filled by ``noteOriginal(_:)``).
  private(set) var originals: [Int: JSONObject] = [:]
  /// The type of each corrected or retracted seq.
  private(set) var originalTypes: [Int: PlanEventType] = [:]
  private var sorted = true
  /// The distinct lists of leads seen, shared by every point that names one.
  private var leadLists: Set<[PersonID]> = []

  /// Notes a correction or retraction (first pass).
  mutating func noteSupersession(_ record: PlanRecord) {
    switch record.event {
    case .eventCorrected(let correction):
      correctedBy[correction.seq, default: []].append(record.seq)
      corrections[correction.seq] = correction.data
    case .eventRetracted(let retraction):
      retractedBy[retraction.seq] = min(retractedBy[retraction.seq] ?? .max, record.seq)
    default:
      break
    }
  }

  /// The record as it stands after its corrections.
  func current(_ record: PlanRecord) -> PlanRecord {
    guard let data = corrections[record.seq],
      let corrected = try? Replay.corrected(record, data: data)
    else { return record }
    return corrected
  }

  /// Adds a record's values (second pass); retracted records add nothing.
  mutating func add(_ original: PlanRecord) {
    if corrections[original.seq] != nil || retractedBy[original.seq] != nil {
      originals[original.seq] = original.event.data
      originalTypes[original.seq] = original.event.type
    }
    guard retractedBy[original.seq] == nil else { return }
    let record = current(original)
    let stamp = Stamp(effective: record.effective, seq: record.seq)
    sorted = false
    switch record.event {
    case .actionAdded(let added):
      priorities[added.action] = added.priority
      statuses[added.action, default: Timeline()].append(stamp, .notRated)
      leads[added.action, default: Timeline()].append(stamp, added.leads)
      for (index, milestone) in added.milestones.enumerated() {
        dues[DueKey(action: added.action, milestone: index + 1), default: Timeline()].append(
          stamp,
          milestone.due
        )
      }
      for (field, value) in [
        ("text", JSONValue.string(added.text)), ("issue", .string(added.issue)),
        ("references", .string(added.references)),
        ("partners", .array(added.partners.map { .string($0) })),
      ] {
        texts[TextKey(action: added.action, field: field), default: Timeline()].append(stamp, value)
      }
    case .actionStatusChanged(let change):
      statuses[change.action, default: Timeline()].append(stamp, change.to)
    case .actionDueRevised(let revision):
      dues[DueKey(action: revision.action, milestone: revision.milestone), default: Timeline()]
        .append(stamp, revision.to)
    case .actionLeadReassigned(let change):
      // Many changes name the same leads: each distinct list is stored once.
      let to = leadLists.insert(change.to).memberAfterInsert
      leads[change.action, default: Timeline()].append(stamp, to)
    case .actionAmended(let amendment):
      for (key, value) in amendment.data where key != "action" && key != "reason" {
        texts[TextKey(action: amendment.action, field: key), default: Timeline()].append(
          stamp,
          value
        )
      }
    case .roleAssigned(let assignment):
      roles[RoleKey(person: assignment.person, role: assignment.role), default: Timeline()].append(
        stamp,
        true
      )
    case .roleEnded(let ending):
      roles[RoleKey(person: ending.person, role: ending.role), default: Timeline()].append(
        stamp,
        false
      )
    case .measureRecorded(let value):
      values[ValueKey(measure: value.measure, period: value.period), default: Timeline()].append(
        stamp,
        value.value
      )
    case .boardDecisionRecorded(let decision):
      decisions[record.seq] = decision.actions
    default:
      break
    }
  }

  /// Sorts every timeline into valid-time order; call once after the last ``add(_:)``.
  mutating func seal() {
    guard !sorted else { return }
    // The keys are copied first: iterating the dictionary's own keys while assigning to it
    // would keep its storage shared, and so copy every timeline. Each sorted timeline is
    // a new array of exactly its length, and the old one, with its growth slack, is freed.
    func order<Key, Value>(_ map: inout [Key: Timeline<Value>]) {
      for key in Array(map.keys) {
        guard let timeline = map[key] else { continue }
        map[key] = timeline.sorted()
      }
    }
    order(&statuses)
    order(&leads)
    order(&dues)
    order(&texts)
    order(&roles)
    order(&values)
    sorted = true
  }

  /// The value a timeline held just before `stamp`.
  func value<Value>(_ timeline: Timeline<Value>?, before stamp: Stamp) -> Value? {
    timeline?.value(before: stamp)
  }

  /// The roles a person held just before `stamp`.
  func roles(of person: PersonID, before stamp: Stamp) -> [Role] {
    roles.compactMap { key, timeline in
      key.person == person && timeline.value(before: stamp) == true ? key.role : nil
    }
  }

  /// What a record changed: the value before, the value after, and a short summary.
  func change(_ original: PlanRecord) -> (JSONValue, JSONValue, String) {
    let record = current(original)
    let stamp = Stamp(effective: record.effective, seq: record.seq)
    switch record.event {
    case .actionAdded(let added):
      let lead = added.leads.map(\.rawValue).joined(separator: "; ")
      return (
        .null, .object(added.data),
        "action \(added.action) added" + (lead.isEmpty ? " with no lead" : ", lead \(lead)")
      )
    case .actionStatusChanged(let change):
      let before = value(statuses[change.action], before: stamp) ?? .notRated
      return (
        .string(before.rawValue), .string(change.to.rawValue),
        "status \(before.rawValue) → \(change.to.rawValue)"
      )
    case .actionDueRevised(let revision):
      let key = DueKey(action: revision.action, milestone: revision.milestone)
      let before = value(dues[key], before: stamp) ?? nil
      return (
        before.map { .string($0.description) } ?? .null, .string(revision.to.description),
        "milestone \(revision.milestone) due \(before?.description ?? "none") → \(revision.to)"
      )
    case .actionLeadReassigned(let change):
      let before = value(leads[change.action], before: stamp) ?? []
      let from = before.map(\.rawValue).joined(separator: "; ")
      let to = change.to.map(\.rawValue).joined(separator: "; ")
      return (
        .array(before.map { .string($0.rawValue) }), .array(change.to.map { .string($0.rawValue) }),
        "lead \(from.isEmpty ? "none" : from) → \(to.isEmpty ? "none" : to)"
      )
    case .actionAmended(let amendment):
      var before: [String: JSONValue] = [:]
      var after: [String: JSONValue] = [:]
      for (key, changed) in amendment.data where key != "action" && key != "reason" {
        before[key] =
          value(texts[TextKey(action: amendment.action, field: key)], before: stamp) ?? .null
        after[key] = changed
      }
      return (
        .object(JSONObject(before)), .object(JSONObject(after)),
        "action \(amendment.action) amended: " + after.keys.sorted().joined(separator: ", ")
      )
    case .actionWithdrawn(let withdrawal):
      return (.string("active"), .string("withdrawn"), "action \(withdrawal.action) withdrawn")
    case .roleAssigned(let assignment):
      let key = RoleKey(person: assignment.person, role: assignment.role)
      let before = value(roles[key], before: stamp) ?? false
      return (.bool(before), .bool(true), "\(assignment.person) became \(assignment.role)")
    case .roleEnded(let ending):
      let key = RoleKey(person: ending.person, role: ending.role)
      let before = value(roles[key], before: stamp) ?? false
      return (.bool(before), .bool(false), "\(ending.person) ceased to be \(ending.role)")
    case .measureRecorded(let recorded):
      let key = ValueKey(measure: recorded.measure, period: recorded.period)
      let before = value(values[key], before: stamp)
      return (
        before.map { .string($0.text) } ?? .null, .string(recorded.value.text),
        "\(recorded.measure) for \(recorded.period) = \(recorded.value)"
          + (before.map { " (was \($0))" } ?? "")
      )
    case .eventCorrected(let correction):
      return (
        originals[correction.seq].map { .object($0) } ?? .null, .object(correction.data),
        "corrects seq \(correction.seq)"
      )
    case .eventRetracted(let retraction):
      return (
        originals[retraction.seq].map { .object($0) } ?? .null, .null,
        "retracts seq \(retraction.seq)"
      )
    case .boardDecisionRecorded(let decision):
      return (.null, .object(decision.data), "board decision (\(decision.kind.words))")
    case .monitoringFindingRecorded(let finding):
      return (
        .null, .object(finding.data), "finding of visit \(finding.visit) (\(finding.kind.rawValue))"
      )
    case .planCreated, .workstreamDefined, .priorityDefined, .recommendationRecorded,
      .personRegistered, .boardMeetingHeld, .monitoringVisitRecorded, .inspectionRecorded,
      .measureDefined, .measureTargetSet, .factRecorded, .policyRuleSet:
      return (.null, .object(record.event.data), record.event.type.rawValue)
    }
  }

  /// The history entry of a record.
  func entry(_ record: PlanRecord) -> HistoryEntry {
    let (before, after, summary) = change(record)
    return HistoryEntry(
      record: record,
      before: before,
      after: after,
      summary: summary,
      correctedBy: correctedBy[record.seq] ?? [],
      retractedBy: retractedBy[record.seq]
    )
  }
}
