import LedgerStore
public import PlanLedger

/// Builds a ledger from a folder of transcription tables (the Croydon ledger's form):
/// every table row becomes one event (two for a role with an end), each with its source.
///
/// Tables, all optional but `people.csv` and `documents.csv` (names and columns as in
/// `EventLog/transcription/README.md`): `documents`, `people`, `plan`, `workstreams`,
/// `priorities`, `recommendations`, `actions` (a tracker), `roles`, `inspections`,
/// `meetings`, `decisions`, `visits`, `findings`, `measures`, `targets`,
/// `measure-values`, `facts`. Rows without an effective-date column take effect on the
/// date of their source document (from `documents.csv`). Consistency between tables is
/// checked too: each priority's SRO and recommendations must match `roles` and
/// `recommendations`, each workstream's priorities must match `priorities`.
public struct TranscriptionImport: Sendable {
  /// The tables' texts by file name (`people.csv`).
  public let files: [String: String]
  /// Who records the events.
  public let actor: PersonID

  /// The table files in the order they are imported.
  public static let order = [
    "documents.csv", "people.csv", "plan.csv", "workstreams.csv", "priorities.csv",
    "recommendations.csv", "actions.csv", "roles.csv", "inspections.csv", "meetings.csv",
    "decisions.csv", "visits.csv", "findings.csv", "measures.csv", "targets.csv",
    "measure-values.csv", "facts.csv",
  ]

  /// Makes an import.
  ///
  /// - Parameters:
  ///   - files: The tables' texts by file name.
  ///   - actor: Who records the events (registered in `people.csv` or already).
  public init(files: [String: String], actor: PersonID) {
    self.files = files
    self.actor = actor
  }

  /// Every submission of the tables, in import order.
  ///
  /// - Returns: The batch.
  /// - Throws: ``ImportError`` naming the file, row and column of the first problem.
  public func batch() throws -> ImportBatch {
    var batch = ImportBatch()
    let documents = try documentDates()
    for name in Self.order where name != "documents.csv" {
      guard let text = files[name] else { continue }
      let table = try CSVTable(text: text, file: name)
      try add(table, documents: documents, into: &batch)
    }
    for name in files.keys.sorted() where !Self.order.contains(name) {
      throw ImportError(
        file: name,
        row: nil,
        column: nil,
        line: nil,
        reason: "is not a transcription table (expected: \(Self.order.joined(separator: ", ")))"
      )
    }
    try checkConsistency()
    return batch
  }

  private func documentDates() throws -> [String: (CalendarDate, String)] {
    guard let text = files["documents.csv"] else {
      throw ImportError(
        file: "documents.csv",
        row: nil,
        column: nil,
        line: nil,
        reason: "is missing: it gives each source document's date"
      )
    }
    let table = try CSVTable(text: text, file: "documents.csv")
    try table.require(["document", "date"])
    var dates: [String: (CalendarDate, String)] = [:]
    for row in table.rows {
      guard let date = try row.date("date") else { throw row.error("date", "the cell is empty") }
      dates[try row.required("document")] = (date, row.text("date_words"))
    }
    return dates
  }

  private func add(
    _ table: CSVTable,
    documents: [String: (CalendarDate, String)],
    into batch: inout ImportBatch
  ) throws {
    func documentDate(_ row: RowReader) throws -> CalendarDate {
      let name = try row.required("document")
      guard let date = documents[name]?.0 else {
        throw row.error("document", "\"\(name)\" is not in documents.csv")
      }
      return date
    }
    func submit(
      _ row: RowReader,
      _ event: PlanEvent,
      effective: CalendarDate?,
      words: [String] = [],
      _ columns: [ImportBatch.Field: String],
      document: String = "document",
      locator: String = "locator"
    ) throws {
      var source = try row.source(words: words, document: document, locator: locator)
      if let name = source["document"]?.stringValue, let entry = documents[name],
        !entry.1.isEmpty, effective == entry.0, words.allSatisfy({ row.text($0).isEmpty })
      {
        source["date_words"] = .string(entry.1)
      }
      batch.append(
        Submission(event, actor: actor, effective: effective, source: source),
        row.origin(columns)
      )
    }

    switch table.file {
    case "people.csv":
      try table.require(["id", "name", "document", "locator"])
      for row in table.rows {
        let id = PersonID(try row.required("id"))
        let event = PlanEvent.personRegistered(
          PersonRegistered(
            person: id,
            name: try row.required("name"),
            title: row.text("title"),
            organisation: row.text("organisation")
          )
        )
        let effective = try row.date("effective") ?? documentDate(row)
        let count = batch.submissions.count
        try submit(
          row,
          event,
          effective: effective,
          words: ["date_words"],
          [.key: "id", .date: "effective"]
        )
        if id == actor && count > 0 {
          // The recorder registers first, so everyone after is registered by a registered person.
          let submission = batch.removeLastReturning()
          batch.insert(submission.0, submission.1, at: 0)
        }
      }
    case "plan.csv":
      try table.require(["title", "organisation", "effective", "document", "locator"])
      for row in table.rows {
        try submit(
          row,
          .planCreated(
            PlanCreated(
              title: try row.required("title"),
              organisation: try row.required("organisation"),
              period: row.text("period"),
              version: row.text("version")
            )
          ),
          effective: try row.date("effective") ?? documentDate(row),
          words: ["date_words"],
          [.date: "effective"]
        )
      }
    case "workstreams.csv":
      try table.require(["name", "document", "locator"])
      for row in table.rows {
        try submit(
          row,
          .workstreamDefined(WorkstreamDefined(name: try row.required("name"))),
          effective: try documentDate(row),
          [.key: "name", .date: "document"]
        )
      }
    case "priorities.csv":
      try table.require(["number", "title", "workstream", "document", "locator"])
      for row in table.rows {
        try submit(
          row,
          .priorityDefined(
            PriorityDefined(
              number: PriorityNumber(try row.required("number")),
              title: try row.required("title"),
              workstream: try row.required("workstream")
            )
          ),
          effective: try documentDate(row),
          [.key: "number", .workstream: "workstream", .date: "document"]
        )
      }
    case "recommendations.csv":
      try table.require(["body", "number", "document", "locator"])
      for row in table.rows {
        try submit(
          row,
          .recommendationRecorded(
            RecommendationRecorded(
              body: try row.required("body"),
              number: try row.required("number"),
              text: row.text("text"),
              priorities: row.list("priorities").map(PriorityNumber.init(rawValue:))
            )
          ),
          effective: try documentDate(row),
          [.key: "number", .priority: "priorities", .date: "document"]
        )
      }
    case "actions.csv":
      let tracker = TrackerImport(table: table, actor: actor, effective: nil, source: nil)
      let added =
        table.rows.first.map { row in
          documents[row.text("Document")]?.0
        } ?? nil
      try tracker.submissions(comparedWith: PlanState(), into: &batch, addedOn: added)
    case "roles.csv":
      try table.require(["person", "role", "from", "document", "locator"])
      for row in table.rows {
        let role = Role(try row.required("role"), scope: row.text("scope"))
        let person = PersonID(try row.required("person"))
        let from = try row.date("from")
        let to = try row.date("to")
        guard from != nil || to != nil else {
          throw row.error("from", "a role needs the date it started, its end, or both")
        }
        if let from {
          try submit(
            row,
            .roleAssigned(RoleAssigned(person: person, role: role)),
            effective: from,
            words: ["from_words"],
            [.person: "person", .role: "role", .key: "role", .date: "from"]
          )
        }
        if let to {
          try submit(
            row,
            .roleEnded(RoleEnded(person: person, role: role)),
            effective: to,
            words: ["to_words"],
            [.person: "person", .role: "role", .key: "role", .date: "to"],
            document: row.text("to_document").isEmpty ? "document" : "to_document",
            locator: row.text("to_locator").isEmpty ? "locator" : "to_locator"
          )
        }
      }
    case "inspections.csv":
      try table.require(["kind", "document", "locator"])
      for row in table.rows {
        let start = try row.date("start")
        let end = try row.date("end")
        let published = try row.date("published")
        guard let effective = start ?? published ?? end else {
          throw row.error("start", "an inspection needs a start, end or published date")
        }
        try submit(
          row,
          .inspectionRecorded(
            InspectionRecorded(
              body: row.text("body"),
              kind: try row.required("kind"),
              start: start,
              end: end,
              judgement: row.text("judgement"),
              published: published,
              summary: row.text("summary")
            )
          ),
          effective: effective,
          words: ["date_words", "published_words"],
          [.date: start != nil ? "start" : "published"]
        )
      }
    case "meetings.csv":
      try table.require(["board", "date", "document", "locator"])
      for row in table.rows {
        guard let date = try row.date("date") else { throw row.error("date", "the cell is empty") }
        try submit(
          row,
          .boardMeetingHeld(
            BoardMeetingHeld(
              board: try row.required("board"),
              date: date,
              chair: row.text("chair").isEmpty ? nil : PersonID(row.text("chair")),
              attendees: row.list("attendees").map(PersonID.init(rawValue:)),
              summary: row.text("summary")
            )
          ),
          effective: date,
          words: ["date_words"],
          [.key: "date", .person: "chair", .date: "date"]
        )
      }
    case "decisions.csv":
      try table.require(["board", "meeting_date", "kind", "text", "document", "locator"])
      for row in table.rows {
        guard let meeting = try row.date("meeting_date") else {
          throw row.error("meeting_date", "the cell is empty")
        }
        let word = try row.required("kind")
        guard let kind = DecisionKind(words: word) else {
          throw row.error("kind", "\"\(word)\" is not a decision kind")
        }
        try submit(
          row,
          .boardDecisionRecorded(
            BoardDecisionRecorded(
              board: try row.required("board"),
              meeting: meeting,
              kind: kind,
              text: try row.required("text"),
              actions: row.list("actions", separators: ";,").map(ActionID.init(rawValue:))
            )
          ),
          effective: meeting,
          [.meeting: "meeting_date", .action: "actions", .date: "meeting_date"]
        )
      }
    case "visits.csv":
      try table.require(["number", "start", "document", "locator"])
      for row in table.rows {
        guard let start = try row.date("start") else {
          throw row.error("start", "the cell is empty")
        }
        try submit(
          row,
          .monitoringVisitRecorded(
            MonitoringVisitRecorded(
              visit: try row.required("number"),
              start: start,
              end: try row.date("end") ?? start,
              inspectors: row.list("inspectors").map(PersonID.init(rawValue:)),
              areas: row.list("areas"),
              letter: try row.date("letter_date")
            )
          ),
          effective: start,
          words: ["date_words", "letter_words"],
          [.key: "number", .person: "inspectors", .date: "start"]
        )
      }
    case "findings.csv":
      try table.require(["visit", "kind", "quote", "document", "locator"])
      for row in table.rows {
        let word = try row.required("kind")
        guard let kind = FindingKind(rawValue: word) else {
          throw row.error("kind", "\"\(word)\" is not progress, strength or weakness")
        }
        try submit(
          row,
          .monitoringFindingRecorded(
            MonitoringFindingRecorded(
              visit: try row.required("visit"),
              kind: kind,
              quote: try row.required("quote"),
              priorities: row.list("priorities").map(PriorityNumber.init(rawValue:)),
              recommendations: row.list("recommendations"),
              actions: row.list("actions").map(ActionID.init(rawValue:))
            )
          ),
          effective: nil,
          [
            .visit: "visit", .priority: "priorities", .action: "actions",
            .recommendations: "recommendations", .date: "visit",
          ]
        )
      }
    case "measures.csv":
      try table.require(["id", "title", "kind", "document", "locator"])
      for row in table.rows {
        var better: Direction?
        if !row.text("better").isEmpty {
          guard let direction = Direction(rawValue: row.text("better")) else {
            throw row.error("better", "\"\(row.text("better"))\" is not higher or lower")
          }
          better = direction
        }
        try submit(
          row,
          .measureDefined(
            MeasureDefined(
              measure: MeasureID(try row.required("id")),
              title: try row.required("title"),
              kind: try row.required("kind"),
              unit: row.text("unit"),
              priority: row.text("priority").isEmpty ? nil : PriorityNumber(row.text("priority")),
              better: better
            )
          ),
          effective: try documentDate(row),
          [.key: "id", .priority: "priority", .date: "document"]
        )
      }
    case "targets.csv":
      try table.require(["measure", "value", "document", "locator"])
      for row in table.rows {
        let text = try row.required("value")
        guard let value = DecimalNumber(text) else {
          throw row.error("value", "\"\(text)\" is not a decimal number such as 14.2")
        }
        let from = try row.date("from")
        try submit(
          row,
          .measureTargetSet(
            MeasureTargetSet(
              measure: MeasureID(try row.required("measure")),
              value: value,
              from: from,
              to: try row.date("to")
            )
          ),
          effective: try from ?? documentDate(row),
          [.measure: "measure", .date: "from"]
        )
      }
    case "measure-values.csv":
      try table.require(["measure", "period", "value", "effective", "document", "locator"])
      for row in table.rows {
        let periodText = try row.required("period")
        guard periodText.count == 7, let period = DueDate(periodText) else {
          throw row.error("period", "\"\(periodText)\" is not a month YYYY-MM")
        }
        let text = try row.required("value")
        guard let value = DecimalNumber(text) else {
          throw row.error("value", "\"\(text)\" is not a decimal number such as 14.2")
        }
        try submit(
          row,
          .measureRecorded(
            MeasureRecorded(
              measure: MeasureID(try row.required("measure")),
              period: period,
              value: value,
              note: row.text("note")
            )
          ),
          effective: try row.date("effective") ?? documentDate(row),
          words: ["period_words", "date_words"],
          [.measure: "measure", .date: "effective"]
        )
      }
    case "facts.csv":
      try table.require(["effective", "kind", "text", "document", "locator"])
      for row in table.rows {
        guard let effective = try row.date("effective") else {
          throw row.error("effective", "the cell is empty")
        }
        try submit(
          row,
          .factRecorded(
            FactRecorded(kind: try row.required("kind"), text: try row.required("text"))
          ),
          effective: effective,
          words: ["date_words"],
          [.date: "effective"]
        )
      }
    default:
      break
    }
  }

  /// Checks the cross-references between tables that the events do not carry.
  private func checkConsistency() throws {
    guard let prioritiesText = files["priorities.csv"] else { return }
    let priorities = try CSVTable(text: prioritiesText, file: "priorities.csv")
    var sros: [String: Set<String>] = [:]
    if let text = files["roles.csv"] {
      let roles = try CSVTable(text: text, file: "roles.csv")
      for row in roles.rows where Role(row.text("role")).key == Role.sro {
        sros[row.text("scope"), default: []].insert(row.text("person"))
      }
    }
    var mapped: [String: Set<String>] = [:]
    if let text = files["recommendations.csv"] {
      let recommendations = try CSVTable(text: text, file: "recommendations.csv")
      for row in recommendations.rows where row.text("body") == "Ofsted" {
        for priority in row.list("priorities") {
          mapped[priority, default: []].insert(row.text("number"))
        }
      }
    }
    var workstreamOf: [String: String] = [:]
    for row in priorities.rows {
      let number = row.text("number")
      workstreamOf[number] = row.text("workstream")
      if priorities.has("sro") && !row.text("sro").isEmpty {
        let listed = Set(row.list("sro"))
        if listed != sros["priority \(number)"] ?? [] {
          throw row.error(
            "sro",
            "does not match the sro rows of roles.csv for priority \(number)"
          )
        }
      }
      if priorities.has("recommendations") && files["recommendations.csv"] != nil {
        let listed = Set(row.list("recommendations"))
        if listed != mapped[number] ?? [] {
          throw row.error(
            "recommendations",
            "does not match the priorities column of recommendations.csv for priority \(number)"
          )
        }
      }
    }
    if let text = files["workstreams.csv"] {
      let workstreams = try CSVTable(text: text, file: "workstreams.csv")
      for row in workstreams.rows where workstreams.has("priorities") {
        let listed = Set(row.list("priorities"))
        let actual = Set(workstreamOf.filter { $0.value == row.text("name") }.keys)
        if listed != actual {
          throw row.error("priorities", "does not match the workstream column of priorities.csv")
        }
      }
    }
  }
}
