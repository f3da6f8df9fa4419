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
      "\(Counted.phrase(summary.total, "action")): "
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
          row.overdue ? "yes, \(row.daysOverdue) days past \(overdueMilestone(row))" : "no",
          flags(row),
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
        "Days overdue", "Overdue milestone",
      ],
      rows: view.actions.map { row in
        [
          row.number.rawValue, row.priority.rawValue, row.issue, row.references, row.text,
          row.leadText, row.partners.joined(separator: "; "),
          row.milestones.map(byWhen).joined(separator: " / "),
          row.status == .notRated ? "" : row.status.words, notes[row.number] ?? "",
          row.due?.description ?? "", row.baselineDue?.description ?? "", String(row.revisions),
          String(row.slipDays), row.overdue ? "yes" : "no",
          row.overdue ? String(row.daysOverdue) : "", row.overdue ? overdueMilestone(row) : "",
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

  /// The milestone an overdue row is past the longest, in the plan's words with its number:
  /// `Nov 17 (milestone 2)`.
  public static func overdueMilestone(_ row: ActionRow) -> String {
    guard let index = row.overdueMilestone, let milestone = row.milestone(index) else {
      return ""
    }
    return "\(byWhen(milestone)) (milestone \(index))"
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
    Grid(
      headers: historyHeaders(audit: audit),
      rows: entries.map { historyRow($0, audit: audit) }
    )
  }

  /// The headings of ``history(_:audit:)``.
  public static func historyHeaders(audit: Bool) -> [String] {
    var headers = [
      "Seq", "Effective", "Recorded", "Actor", "Type", "Change", "Why", "Authority", "Source",
    ]
    headers.append("Corrected/retracted by")
    if audit { headers.append("Flags") }
    return headers
  }

  /// One row of ``history(_:audit:)``.
  public static func historyRow(_ entry: HistoryEntry, audit: Bool) -> [String] {
    let record = entry.record
    var row = [
      String(record.seq), record.effective.description, record.recorded.description,
      record.actor.rawValue, record.event.type.rawValue, entry.summary, entry.why,
      record.authoritySeq.map { "seq \($0)" } ?? "",
      sourceText(record.source),
      (entry.correctedBy.map { "corrected by \($0)" }
        + (entry.asRecordedText.map { ["first recorded as \($0)"] } ?? [])
        + (entry.retractedBy.map { ["retracted by \($0)"] } ?? [])).joined(separator: "; "),
    ]
    if audit { row.append(entry.flags.map(\.rawValue).joined(separator: ", ")) }
    return row
  }

  /// Calls its argument with each entry of a history or an audit, in order: one pass.
  public typealias EntryPass = ((HistoryEntry) throws -> Void) throws -> Void

  /// A history or an audit as a table, written line by line in two passes.
  ///
  /// One pass measures the columns and one prints, so a history of any length holds one
  /// entry at a time. The text is ``history(_:audit:)``'s table of the same entries.
  ///
  /// - Parameters:
  ///   - audit: Whether to add the audit's flags column.
  ///   - pass: Goes over the entries; called twice.
  ///   - write: Receives the text, piece by piece.
  /// - Throws: An I/O error, or what `write` throws.
  public static func historyTable(
    audit: Bool,
    _ pass: EntryPass,
    into write: @escaping (String) throws -> Void
  ) throws {
    var layout = TableLayout(headers: historyHeaders(audit: audit))
    try pass { layout.measure(historyRow($0, audit: audit)) }
    try write(layout.heading())
    try pass { try write(layout.row(historyRow($0, audit: audit))) }
    try write(layout.ending)
  }

  /// A history or an audit as CSV, written record by record in one pass: the text is
  /// ``history(_:audit:)``'s CSV of the same entries.
  ///
  /// - Parameters:
  ///   - audit: Whether to add the audit's flags column.
  ///   - pass: Goes over the entries.
  ///   - write: Receives the text, piece by piece.
  /// - Throws: An I/O error, or what `write` throws.
  public static func historyCSV(
    audit: Bool,
    _ pass: EntryPass,
    into write: @escaping (String) throws -> Void
  ) throws {
    try write(CSVWriter.record(historyHeaders(audit: audit)))
    try pass { try write(CSVWriter.record(historyRow($0, audit: audit))) }
  }

  /// A history or an audit as one canonical JSON array of the entries' JSON, written entry
  /// by entry in one pass, with a newline after it.
  ///
  /// - Parameters:
  ///   - pass: Goes over the entries.
  ///   - write: Receives the text, piece by piece.
  /// - Throws: An I/O error, or what `write` throws.
  public static func historyJSON(
    _ pass: EntryPass,
    into write: @escaping (String) throws -> Void
  ) throws {
    var first = true
    try write("[")
    try pass { entry in
      try write((first ? "" : ",") + entry.json.canonicalText)
      first = false
    }
    try write("]\n")
  }

  /// A source object in words: `document, locator`.
  public static func sourceText(_ source: JSONObject?) -> String {
    guard let source else { return "" }
    return [source["document"]?.stringValue, source["locator"]?.stringValue].compactMap { $0 }
      .joined(separator: ", ")
  }

  /// `diff`: what `diff --format json` holds, one row each: every changed action, then the
  /// period's board decisions, monitoring findings and role changes.
  public static func diff(_ diff: PlanDiff) -> Grid {
    var rows = diff.changes.map { change in
      let before = change.before
      var notes: [String] = []
      if change.added { notes.append("added") }
      if change.becameOverdue {
        notes.append("became overdue: past " + overdueMilestone(change.row))
      }
      if change.withdrawnNow { notes.append("withdrawn") }
      return [
        "action", change.row.number.rawValue,
        (before.map { $0.status.words + " → " } ?? "") + change.row.status.words,
        change.leadChanged
          ? (before?.leadText ?? "") + " → " + change.row.leadText : change.row.leadText,
        (before?.due.map { $0.description + " → " } ?? "") + (change.row.due?.description ?? ""),
        String(change.slipDays), notes.joined(separator: ", "),
      ]
    }
    // A record of the period that is not an action's change: its seq and what it says.
    func record(_ kind: String, _ seq: Int, lead: String = "", _ note: String) -> [String] {
      [kind, "seq \(seq)", "", lead, "", "", note]
    }
    rows += diff.decisions.map { record("decision", $0.seq, note($0.decision.decision)) }
    rows += diff.findings.map { record("finding", $0.seq, note($0.finding.finding)) }
    rows += diff.roleChanges.map { change in
      record(
        "role",
        change.stamp.seq,
        lead: change.person.rawValue,
        "\(change.words), effective \(change.stamp.effective)"
      )
    }
    let counts = [
      Counted.phrase(diff.changes.count, "action") + " changed",
      Counted.phrase(diff.decisions.count, "decision"),
      Counted.phrase(diff.findings.count, "finding"),
      Counted.phrase(diff.roleChanges.count, "role change"),
    ]
    return Grid(
      headers: ["Kind", "Ref", "Status", "Lead", "Due", "Slip (days)", "Note"],
      rows: rows,
      caption: "Changes from \(diff.start.date) to \(diff.end.date): "
        + counts.joined(separator: ", ")
    )
  }

  private static func note(_ decision: BoardDecisionRecorded) -> String {
    "\(decision.board), \(decision.meeting): \(decision.kind.words): \(decision.text)"
      + actionList(decision.actions)
  }

  private static func note(_ finding: MonitoringFindingRecorded) -> String {
    "visit \(finding.visit), \(finding.kind.rawValue): \(finding.quote)"
      + actionList(finding.actions)
  }

  private static func actionList(_ actions: [ActionID]) -> String {
    actions.isEmpty ? "" : " (actions " + actions.map(\.rawValue).joined(separator: ", ") + ")"
  }

  /// `boards`: meetings and their decisions.
  public static func boards(_ view: PlanView) -> Grid {
    var rows: [[String]] = []
    for (key, meeting) in view.state.meetings.sorted(by: { $0.key < $1.key }) {
      rows.append([
        key.date.description, meeting.value.board, "meeting",
        meeting.value.chair?.rawValue ?? "", String(meeting.stamp.seq),
        meeting.value.summary
          + (meeting.value.attendees.isEmpty
            ? ""
            : " (attending: " + meeting.value.attendees.map(\.rawValue).joined(separator: ", ")
              + ")"),
      ])
      for (seq, decision) in view.state.decisions.sorted(by: { $0.key < $1.key })
      where MeetingKey(board: decision.decision.board, date: decision.decision.meeting) == key {
        rows.append([
          key.date.description, decision.decision.board,
          "decision: " + decision.decision.kind.words, "",
          String(seq),
          decision.decision.text
            + (decision.decision.actions.isEmpty
              ? ""
              : " (actions " + decision.decision.actions.map(\.rawValue).joined(separator: ", ")
                + ")"),
        ])
      }
    }
    var grid = Grid(headers: ["Date", "Board", "Kind", "Chair", "Seq", "Text"], rows: rows)
    grid.integerColumns = ["Seq"]
    return grid
  }

  /// `people`: people and the roles they hold on a date (`PlanBook.people(in:)`).
  ///
  /// - Parameters:
  ///   - people: The people on the date.
  ///   - date: The date.
  /// - Returns: One row per person.
  public static func people(_ people: [PersonRow], on date: CalendarDate) -> Grid {
    Grid(
      headers: ["Id", "Name", "Title", "Organisation", "Roles on \(date)"],
      rows: people.map { person in
        [
          person.id.rawValue, person.name, person.title, person.organisation,
          person.roles.map(\.description).joined(separator: "; "),
        ]
      }
    )
  }
}

extension PlanGrids {
  /// `measures`: each measure's latest value, change, target and trend.
  public static func measures(_ view: PlanView) -> Grid {
    Grid(
      headers: ["Measure", "Priority", "Title", "Latest", "Period", "Change", "Target", "Trend"],
      rows: view.state.measures.keys.sorted().compactMap { id in
        guard let measure = view.state.measures[id], !measure.values.isEmpty else { return nil }
        let trend = MeasureTrend(measure, on: view.date)
        return [
          id.rawValue, measure.definition.value.priority?.rawValue ?? "",
          measure.definition.value.title, trend.latest.map { $0.value.text + unit(measure) } ?? "",
          trend.latest?.period.description ?? "", trend.change.map { signed($0) } ?? "",
          trend.target.map { $0.value.text + unit(measure) } ?? "", trend.direction.words,
        ]
      },
      caption: "Measures with values, as of \(view.date)"
    )
  }

  /// `measures --measure ID`: one measure's series.
  public static func series(_ measure: MeasureState, on date: CalendarDate) -> Grid {
    let definition = measure.definition.value
    let target = measure.target(on: date)
    var caption = "\(definition.measure): \(definition.title)"
    if let better = definition.better { caption += " (\(better.rawValue) is better)" }
    if let target { caption += "; target \(target.value.text)\(unit(measure))" }
    var grid = Grid(
      headers: ["Period", "Value", "Reported", "Seq", "Note"],
      rows: measure.values.keys.sorted().compactMap { period in
        guard let value = measure.values[period] else { return nil }
        return [
          period.description, value.value.value.text + unit(measure),
          value.stamp.effective.description, String(value.stamp.seq), value.value.note,
        ]
      },
      caption: caption
    )
    grid.integerColumns = ["Seq"]
    return grid
  }

  private static func unit(_ measure: MeasureState) -> String {
    let unit = measure.definition.value.unit
    return unit == "%" ? "%" : ""
  }

  private static func signed(_ value: DecimalNumber) -> String {
    value.text.hasPrefix("-") ? value.text : "+" + value.text
  }
}

/// A measure's latest value, its change since the value before, its target, and whether
/// it moved the good or the bad way.
public struct MeasureTrend: Sendable {
  /// Which way a measure moved.
  public enum Direction: Sendable {
    case better, worse, unchanged, unknown

    /// In words.
    public var words: String {
      switch self {
      case .better: "better"
      case .worse: "worse"
      case .unchanged: "no change"
      case .unknown: ""
      }
    }
  }

  /// The latest value.
  public let latest: MeasureRecorded?
  /// The value before it.
  public let previous: MeasureRecorded?
  /// The latest minus the previous.
  public let change: DecimalNumber?
  /// The target in force.
  public let target: MeasureTargetSet?
  /// The good or bad direction of the change.
  public let direction: Direction

  /// The trend of a measure on a date.
  ///
  /// - Parameters:
  ///   - measure: The measure.
  ///   - date: The date targets are taken on.
  public init(_ measure: MeasureState, on date: CalendarDate) {
    let series = measure.series
    latest = series.last
    previous = series.count >= 2 ? series[series.count - 2] : nil
    if let latest, let previous {
      change = latest.value.minus(previous.value)
    } else {
      change = nil
    }
    target = measure.target(on: date)
    guard let latest, let previous, let better = measure.definition.value.better else {
      direction =
        latest != nil && previous != nil && latest?.value == previous?.value ? .unchanged : .unknown
      return
    }
    if latest.value == previous.value {
      direction = .unchanged
    } else {
      let up = previous.value < latest.value
      direction = (up == (better == .higher)) ? .better : .worse
    }
  }
}
