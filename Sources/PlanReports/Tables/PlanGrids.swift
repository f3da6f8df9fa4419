public import LedgerStore
public import PlanLedger

/// The grids of the reading commands: one function per view.
public enum PlanGrids: Sendable {
  /// `state`: one row per action.
  public static func state(_ view: PlanView) -> Grid {
    let summary = view.summary
    var caption = "Plan on \(view.date)"
    if let knownAt = view.slice.knownAt { caption += ", as known at \(knownAt)" }
    caption += " — tree size \(view.head.size), root \(view.head.root)\n"
    caption +=
      "\(summary.total) actions: "
      + Status.allCases.sorted().map { "\(summary.count($0)) \($0.words.lowercased())" }
      .joined(separator: ", ")
      + "; \(summary.overdue) past a due date (computed), \(summary.drifting) drifting, "
      + "\(summary.stale) stale"
    return Grid(
      headers: [
        "No.", "Priority", "Status", "Since", "Lead", "Due", "Baseline", "Revisions",
        "Slip (days)", "Overdue", "Flags",
      ],
      rows: view.actions.map { row in
        [
          row.number.rawValue, row.priority.rawValue, row.status.words,
          row.statusSince.description, row.leadText, row.due?.description ?? "ongoing",
          row.baselineDue?.description ?? "ongoing", String(row.revisions), String(row.slipDays),
          row.overdue ? "yes, \(row.daysOverdue) days" : "no", flags(row),
        ]
      },
      caption: caption
    )
  }

  /// `state --format csv` with the plan's tracker columns.
  public static func tracker(_ view: PlanView, notes: [ActionID: String]) -> Grid {
    Grid(
      headers: [
        "No.", "Priority", "Issue", "Ofsted ref", "Action", "Lead", "Partners", "By when", "RAG",
        "Commentary", "Due", "Baseline due", "Revisions", "Slip (days)", "Overdue",
      ],
      rows: view.actions.map { row in
        [
          row.number.rawValue, row.priority.rawValue, row.issue, row.references, row.text,
          row.leadText, row.partners.joined(separator: "; "),
          row.milestones.map(byWhen).joined(separator: " / "),
          row.status == .notRated ? "" : row.status.words, notes[row.number] ?? "",
          row.due?.description ?? "", row.baselineDue?.description ?? "", String(row.revisions),
          String(row.slipDays), row.overdue ? "yes" : "no",
        ]
      }
    )
  }

  /// A milestone in the plan's words, with its current date.
  public static func byWhen(_ milestone: Milestone) -> String {
    guard let due = milestone.due else { return milestone.label }
    switch milestone.kind {
    case .deadline: return due.words
    case .review: return "Review \(due.words)"
    case .implement: return "Implement \(due.words)"
    case .ongoingFrom: return "Ongoing from \(due.words)"
    case .ongoing: return milestone.label
    }
  }

  /// The flags of a row, in words.
  public static func flags(_ row: ActionRow) -> String {
    var flags: [String] = []
    if row.withdrawn { flags.append("withdrawn") }
    if row.drifting { flags.append("drifting") }
    if row.stale { flags.append("stale") }
    if row.atRiskLong { flags.append("at risk 3+ months") }
    return flags.joined(separator: ", ")
  }

  /// `history` and `audit`: one row per change.
  public static func history(_ entries: [HistoryEntry], audit: Bool) -> Grid {
    var headers = ["Seq", "Effective", "Recorded", "Actor", "Type", "Change", "Authority", "Source"]
    headers.append("Corrected/retracted by")
    if audit { headers.append("Flags") }
    return Grid(
      headers: headers,
      rows: entries.map { entry in
        let record = entry.record
        var row = [
          String(record.seq), record.effective.description, record.recorded.description,
          record.actor.rawValue, record.event.type.rawValue, entry.summary,
          record.authoritySeq.map { "seq \($0)" } ?? "",
          sourceText(record.source),
          (entry.correctedBy.map { "corrected by \($0)" }
            + (entry.retractedBy.map { ["retracted by \($0)"] } ?? [])).joined(separator: "; "),
        ]
        if audit { row.append(entry.flags.map(\.rawValue).joined(separator: ", ")) }
        return row
      }
    )
  }

  /// A source object in words: `document, locator`.
  public static func sourceText(_ source: JSONObject?) -> String {
    guard let source else { return "" }
    return [source["document"]?.stringValue, source["locator"]?.stringValue].compactMap { $0 }
      .joined(separator: ", ")
  }

  /// `diff`: one row per changed action.
  public static func diff(_ diff: PlanDiff) -> Grid {
    Grid(
      headers: ["No.", "Status", "Lead", "Due", "Slip (days)", "Note"],
      rows: diff.changes.map { change in
        let before = change.before
        var notes: [String] = []
        if change.added { notes.append("added") }
        if change.becameOverdue { notes.append("became overdue") }
        if change.withdrawnNow { notes.append("withdrawn") }
        return [
          change.row.number.rawValue,
          (before.map { $0.status.words + " → " } ?? "") + change.row.status.words,
          change.leadChanged
            ? (before?.leadText ?? "") + " → " + change.row.leadText : change.row.leadText,
          (before?.due.map { $0.description + " → " } ?? "") + (change.row.due?.description ?? ""),
          String(change.slipDays), notes.joined(separator: ", "),
        ]
      },
      caption: "Changes from \(diff.start.date) to \(diff.end.date)"
    )
  }

  /// `boards`: meetings and their decisions.
  public static func boards(_ view: PlanView) -> Grid {
    var rows: [[String]] = []
    for (key, meeting) in view.state.meetings.sorted(by: { $0.key < $1.key }) {
      rows.append([
        key.date.description, meeting.value.board, "meeting", String(meeting.stamp.seq),
        meeting.value.summary,
      ])
      for (seq, decision) in view.state.decisions.sorted(by: { $0.key < $1.key })
      where MeetingKey(board: decision.decision.board, date: decision.decision.meeting) == key {
        rows.append([
          key.date.description, decision.decision.board, "decision: " + decision.decision.kind.words,
          String(seq),
          decision.decision.text
            + (decision.decision.actions.isEmpty
              ? "" : " (actions " + decision.decision.actions.map(\.rawValue).joined(separator: ", ") + ")"),
        ])
      }
    }
    return Grid(headers: ["Date", "Board", "Kind", "Seq", "Text"], rows: rows)
  }

  /// `people`: people and the roles they hold on the view's date.
  public static func people(_ view: PlanView) -> Grid {
    Grid(
      headers: ["Id", "Name", "Title", "Organisation", "Roles on \(view.date)"],
      rows: view.state.people.keys.sorted().compactMap { id in
        guard let person = view.state.people[id]?.value else { return nil }
        return [
          id.rawValue, person.name, person.title, person.organisation,
          view.roles(of: id).map(\.description).joined(separator: "; "),
        ]
      }
    )
  }
}
