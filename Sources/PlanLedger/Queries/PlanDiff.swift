public import LedgerStore

/// What changed in the plan between two views: the input of the progress narrative.
public struct PlanDiff: Hashable, Sendable {
  /// The earlier view.
  public let start: PlanView
  /// The later view.
  public let end: PlanView

  /// One action's change between the two views.
  public struct ActionChange: Hashable, Sendable {
    /// The action at the end.
    public let row: ActionRow
    /// The action at the start, if it existed.
    public let before: ActionRow?

    /// Whether the status changed.
    public var statusChanged: Bool { before?.status != row.status }
    /// Whether the lead changed.
    public var leadChanged: Bool { before.map { $0.leads != row.leads } ?? false }
    /// Days its milestones' dates moved in the period, summed over the milestones (positive:
    /// later).
    ///
    /// Each milestone is compared with itself, so a due date that moves on to the next
    /// milestone as the earlier one passes is not a slip; only a revision is.
    public var slipDays: Int {
      guard let before else { return 0 }
      var total = 0
      for (old, new) in zip(before.milestones, row.milestones) {
        guard let old = old.due, let new = new.due else { continue }
        total += new.deadline.days(since: old.deadline)
      }
      return total
    }
    /// Whether it became overdue (computed) in the period.
    public var becameOverdue: Bool { row.overdue && !(before?.overdue ?? false) }
    /// Whether it was added in the period.
    public var added: Bool { before == nil }
    /// Whether it was withdrawn in the period.
    public var withdrawnNow: Bool { row.withdrawn && !(before?.withdrawn ?? false) }
  }

  /// Makes the diff of two views.
  ///
  /// - Parameters:
  ///   - start: The earlier view.
  ///   - end: The later view.
  public init(start: PlanView, end: PlanView) {
    self.start = start
    self.end = end
  }

  /// Every action that changed (status, lead, due date, added, withdrawn, newly overdue).
  public var changes: [ActionChange] {
    let old = Dictionary(uniqueKeysWithValues: start.actions.map { ($0.number, $0) })
    return end.actions.compactMap { row in
      let change = ActionChange(row: row, before: old[row.number])
      let changed =
        change.added || change.statusChanged || change.leadChanged || change.slipDays != 0
        || change.becameOverdue || change.withdrawnNow
        || (change.before.map { $0.revisions != row.revisions } ?? false)
      return changed ? change : nil
    }
  }

  /// Decisions taken in the period, by seq.
  public var decisions: [(seq: Int, decision: DecisionState)] {
    end.state.decisions.filter { start.state.decisions[$0.key] == nil }
      .sorted { $0.value.stamp < $1.value.stamp }.map { ($0.key, $0.value) }
  }

  /// Findings recorded in the period, by seq.
  public var findings: [(seq: Int, finding: FindingState)] {
    end.state.findings.filter { start.state.findings[$0.key] == nil }
      .sorted { $0.value.stamp < $1.value.stamp }.map { ($0.key, $0.value) }
  }

  /// A role taken up or given up between the two views: one half of a reassignment
  /// (`BP ceased to be sro of priority 7`, `EM became sro of priority 7`).
  public struct RoleChange: Hashable, Sendable {
    /// Who.
    public let person: PersonID
    /// Which role.
    public let role: Role
    /// Whether they hold it at the end (taken up) or not (given up).
    public let held: Bool
    /// The stamp of the record that changed it.
    public let stamp: Stamp

    /// The change in words: `EM became sro of priority 7`.
    public var words: String {
      "\(person) " + (held ? "became" : "ceased to be") + " \(role)"
    }
  }

  /// Roles taken up or given up in the period (a role both taken up and given up in it is
  /// left out), in the order they took effect.
  public var roleChanges: [RoleChange] {
    end.state.roles.compactMap { key, held -> RoleChange? in
      guard held.value != (start.state.roles[key]?.value ?? false) else { return nil }
      return RoleChange(person: key.person, role: key.role, held: held.value, stamp: held.stamp)
    }
    .sorted { ($0.stamp, $0.person, $0.role) < ($1.stamp, $1.person, $1.role) }
  }

  /// Meetings held in the period.
  public var meetings: [BoardMeetingHeld] {
    end.state.meetings.filter { start.state.meetings[$0.key] == nil }
      .map(\.value.value).sorted { $0.date < $1.date }
  }

  /// The diff as `planledger diff --format json` prints it: the changed actions, the seqs of
  /// the period's decisions and findings, and its role changes; `diff`'s table and CSV
  /// show the same.
  public var json: JSONValue {
    [
      "from": .string(start.date.description),
      "to": .string(end.date.description),
      "head": end.head.json,
      "summary_from": start.summary.json,
      "summary_to": end.summary.json,
      "actions": .array(
        changes.map { change in
          .object(
            JSONObject([
              "number": .string(change.row.number.rawValue),
              "added": .bool(change.added),
              "status_from": change.before.map { .string($0.status.rawValue) } ?? .null,
              "status_to": .string(change.row.status.rawValue),
              "lead_from": change.before.map { .string($0.leadText) } ?? .null,
              "lead_to": .string(change.row.leadText),
              "due_from": change.before?.due.map { .string($0.description) } ?? .null,
              "due_to": change.row.due.map { .string($0.description) } ?? .null,
              "slip_days": .integer(change.slipDays),
              "became_overdue": .bool(change.becameOverdue),
              "overdue_milestone": change.row.overdueMilestone.map { .integer($0) } ?? .null,
              "withdrawn": .bool(change.withdrawnNow),
            ])
          )
        }
      ),
      "decisions": .array(decisions.map { .integer($0.seq) }),
      "findings": .array(findings.map { .integer($0.seq) }),
      "roles": .array(
        roleChanges.map { change in
          .object(
            JSONObject([
              "person": .string(change.person.rawValue),
              "role": .string(change.role.description),
              "held": .bool(change.held),
              "effective": .string(change.stamp.effective.description),
              "seq": .integer(change.stamp.seq),
            ])
          )
        }
      ),
    ]
  }
}
