public import LedgerStore
public import PlanLedger

/// A council's action tracker saved as CSV: one row per action, in the plan's columns.
///
/// Columns (other spellings through a header mapping): `No.`, `Priority`, `Issue`,
/// `Ofsted ref`, `Action`, `Lead`, `Partners`, `By when`, `RAG`, `Commentary`, and
/// optionally `Document` and `Locator` for provenance. Importing compares each row with
/// the plan as it stands and records only what changed: new actions, new ratings (with
/// the commentary as the note), revised dates, new leads, amended wording. So importing a
/// later copy of the same tracker records the month's changes and nothing else.
public struct TrackerImport: Sendable {
  /// The columns a tracker must have.
  public static let requiredColumns = ["No.", "Priority", "Action", "Lead", "By when"]

  /// The table.
  public let table: CSVTable
  /// Who records the changes.
  public let actor: PersonID
  /// When the changes took effect (`nil`: today, or the document's date for new actions).
  public let effective: CalendarDate?
  /// The provenance of rows without Document and Locator cells.
  public let source: JSONObject?

  /// Makes an import.
  ///
  /// - Parameters:
  ///   - table: The tracker.
  ///   - actor: Who records.
  ///   - effective: When the changes took effect.
  ///   - source: Provenance for rows that give none.
  public init(table: CSVTable, actor: PersonID, effective: CalendarDate?, source: JSONObject?) {
    self.table = table
    self.actor = actor
    self.effective = effective
    self.source = source
  }

  /// The submissions that bring the plan in line with the tracker.
  ///
  /// - Parameters:
  ///   - state: The plan as it stands now.
  ///   - batch: The batch to add to.
  ///   - addedOn: The effective date for new actions when no other is given.
  /// - Throws: ``ImportError`` for a cell that does not read.
  public func submissions(
    comparedWith state: PlanState,
    into batch: inout ImportBatch,
    addedOn: CalendarDate? = nil
  ) throws {
    try table.require(Self.requiredColumns)
    var seen: [String: Int] = [:]
    for row in table.rows {
      let number = try row.required("No.")
      if let first = seen[number] {
        throw row.error("No.", "action \(number) is repeated (first in row \(first))")
      }
      seen[number] = row.row
      let action = ActionID(number)
      let origin = row.origin([
        .key: "No.", .action: "No.", .person: "Lead", .priority: "Priority", .date: "By when",
        .data: "Action",
      ])
      let rowSource = try provenance(row)
      let milestones: [Milestone]
      do {
        milestones = try ByWhen.milestones(row.text("By when"))
      } catch {
        throw row.error("By when", error.description)
      }
      let leads = row.list("Lead", separators: ";/,").map(PersonID.init(rawValue:))
      let partners = row.list("Partners", separators: ";")
      let status = try rating(row)
      let note = row.text("Commentary")
      guard let existing = state.actions[action] else {
        let added = ActionAdded(
          action: action,
          priority: PriorityNumber(try row.required("Priority")),
          issue: row.text("Issue"),
          references: row.text("Ofsted ref"),
          text: try row.required("Action"),
          leads: leads,
          partners: partners,
          milestones: milestones
        )
        batch.append(
          Submission(
            .actionAdded(added),
            actor: actor,
            effective: effective ?? addedOn,
            source: rowSource
          ),
          origin
        )
        if let status, status != .notRated {
          batch.append(
            Submission(
              .actionStatusChanged(ActionStatusChanged(action: action, to: status, note: note)),
              actor: actor,
              effective: effective,
              source: rowSource
            ),
            row.origin([.action: "RAG", .data: "RAG", .date: "RAG"])
          )
        }
        continue
      }
      try changes(
        row,
        action,
        existing,
        leads,
        partners,
        milestones,
        status,
        note,
        rowSource,
        &batch
      )
    }
  }

  private func changes(
    _ row: RowReader,
    _ action: ActionID,
    _ existing: ActionState,
    _ leads: [PersonID],
    _ partners: [String],
    _ milestones: [Milestone],
    _ status: Status?,
    _ note: String,
    _ rowSource: JSONObject?,
    _ batch: inout ImportBatch
  ) throws {
    func submit(_ event: PlanEvent, _ column: String) {
      batch.append(
        Submission(event, actor: actor, effective: effective, source: rowSource),
        row.origin([.action: column, .person: column, .data: column, .date: column, .key: "No."])
      )
    }
    if let status, status != existing.status.value {
      submit(
        .actionStatusChanged(ActionStatusChanged(action: action, to: status, note: note)),
        "RAG"
      )
    }
    if leads != existing.leads.value {
      submit(
        .actionLeadReassigned(
          ActionLeadReassigned(action: action, to: leads, reason: "changed in the tracker")
        ),
        "Lead"
      )
    }
    let current = existing.milestones
    if milestones.count != current.count {
      throw row.error(
        "By when",
        "action \(action) has \(current.count) milestones in the plan but \(milestones.count) "
          + "here; revise dates one milestone at a time, or amend the action"
      )
    }
    for (index, pair) in zip(milestones, current).enumerated() where pair.0.due != pair.1.due {
      guard let due = pair.0.due else {
        throw row.error("By when", "milestone \(index + 1) of action \(action) has no date here")
      }
      submit(
        .actionDueRevised(
          ActionDueRevised(
            action: action,
            milestone: index + 1,
            to: due,
            reason: "revised in the tracker"
          )
        ),
        "By when"
      )
    }
    let text = row.text("Action")
    let issue = row.text("Issue")
    let references = row.text("Ofsted ref")
    let amendment = ActionAmended(
      action: action,
      text: !text.isEmpty && text != existing.text.value ? text : nil,
      issue: table.has("Issue") && issue != existing.issue.value ? issue : nil,
      references: table.has("Ofsted ref") && references != existing.references.value
        ? references : nil,
      partners: table.has("Partners") && partners != existing.partners.value ? partners : nil,
      reason: "changed in the tracker"
    )
    if amendment.text != nil || amendment.issue != nil || amendment.references != nil
      || amendment.partners != nil
    {
      submit(.actionAmended(amendment), "Action")
    }
  }

  private func rating(_ row: RowReader) throws -> Status? {
    let word = row.text("RAG")
    if word.isEmpty { return nil }
    guard let status = Status(words: word) ?? Self.colour(word) else {
      throw row.error(
        "RAG",
        "\"\(word)\" is not a rating; use Complete, On track, At risk, Overdue or leave it empty"
      )
    }
    return status
  }

  /// Trackers sometimes carry the colour instead of the word.
  private static func colour(_ word: String) -> Status? {
    switch word.lowercased() {
    case "green": .onTrack
    case "amber": .atRisk
    case "red": .overdue
    case "blue": .complete
    default: nil
    }
  }

  private func provenance(_ row: RowReader) throws -> JSONObject? {
    guard table.has("Document"), !row.text("Document").isEmpty else { return source }
    return try row.source(document: "Document", locator: "Locator")
  }
}
