public import LedgerStore

extension PlanView {
  /// The view as `planledger state --format json` prints it.
  ///
  /// `{"actions":[…],"as_of":…,"head":{"root":…,"size":…},"known_at":…,"priorities":[…],
  /// "summary":{…}}`; each action has at least `number`, `priority`, `status`, `lead`,
  /// `due`, `baseline_due`, `revisions` and `overdue`.
  ///
  /// `due` is the date of the milestone the action is next due by on the view's date
  /// (`due_milestone`, 1-based), or of its final one once every date has passed;
  /// `final_due` is the date of its final milestone. `overdue` is true when a milestone's
  /// date has passed and the action is neither complete nor withdrawn; `overdue_milestone`
  /// names the one passed longest ago, and `days_overdue` counts from its date.
  public var json: JSONValue {
    var members: [String: JSONValue] = [
      "as_of": slice.asOf.map { .string($0.description) } ?? .null,
      "known_at": slice.knownAt.map { .string($0.description) } ?? .null,
      "date": .string(date.description),
      "head": head.json,
      "summary": summary.json,
      "actions": .array(actions.map(\.json)),
      "priorities": .array(
        byPriority.map { priority, summary in
          var object: [String: JSONValue] = [
            "priority": .string(priority.rawValue),
            "title": state.priorities[priority].map { .string($0.value.title) } ?? .null,
            "workstream": state.priorities[priority].map { .string($0.value.workstream) } ?? .null,
            "sro": .array(sro(of: priority).map { .string($0.rawValue) }),
          ]
          object["summary"] = summary.json
          return .object(JSONObject(object))
        }
      ),
    ]
    if let plan = state.plan?.value {
      members["plan"] = .object(plan.data)
    }
    return .object(JSONObject(members))
  }
}

extension PlanView.Summary {
  /// `{"actions":N,"at_risk":…,"complete":…,"drifting":…,…}`.
  public var json: JSONValue {
    var members: [String: JSONValue] = [
      "actions": .integer(total),
      "overdue_computed": .integer(overdue),
      "drifting": .integer(drifting),
      "stale": .integer(stale),
      "at_risk_3_months": .integer(atRiskLong),
      "withdrawn": .integer(withdrawn),
    ]
    for status in Status.allCases {
      members[status.rawValue] = .integer(count(status))
    }
    return .object(JSONObject(members))
  }
}

extension ActionRow {
  /// One action as `state --format json` prints it.
  public var json: JSONValue {
    .object(
      JSONObject([
        "number": .string(number.rawValue),
        "priority": .string(priority.rawValue),
        "issue": .string(issue),
        "status": .string(status.rawValue),
        "status_since": .string(statusSince.description),
        "status_seq": statusSeq.map { .integer($0) } ?? .null,
        "days_at_status": .integer(daysAtStatus),
        "lead": leads.isEmpty ? .null : .string(leadText),
        "leads": .array(leads.map { .string($0.rawValue) }),
        "due": due.map { .string($0.description) } ?? .null,
        "due_milestone": dueMilestone.map { .integer($0) } ?? .null,
        "baseline_due": baselineDue.map { .string($0.description) } ?? .null,
        "final_due": finalDue.map { .string($0.description) } ?? .null,
        "milestones": .array(
          zip(milestones, baseline).map { current, base in
            var object =
              current.json.objectValue.map {
                Dictionary(uniqueKeysWithValues: $0.map { ($0.key, $0.value) })
              } ?? [:]
            object["baseline_due"] = base.due.map { .string($0.description) } ?? .null
            return .object(JSONObject(object))
          }
        ),
        "revisions": .integer(revisions),
        "slip_days": .integer(slipDays),
        "overdue": .bool(overdue),
        "overdue_milestone": overdueMilestone.map { .integer($0) } ?? .null,
        "days_overdue": .integer(daysOverdue),
        "last_update": .string(lastUpdate.description),
        "drifting": .bool(drifting),
        "stale": .bool(stale),
        "at_risk_3_months": .bool(atRiskLong),
        "withdrawn": .bool(withdrawn),
        "decisions": .array(decisions.map { .integer($0) }),
        "findings": .array(findings.map { .integer($0) }),
      ])
    )
  }
}
