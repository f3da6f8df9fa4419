import LedgerStore
import PlanLedger
import PlanReports

/// The formats every reading command offers.
enum ReadingFormat: String {
  case table, json, csv

  static let option = OptionSpec(
    "format",
    value: "format",
    help: "table, json or csv.",
    default: "table"
  )

  init(_ arguments: ParsedArguments) throws(UsageError) {
    self =
      ReadingFormat(
        rawValue: try arguments.choice("format", from: ["table", "json", "csv"], default: "table")
      ) ?? .table
  }
}

/// The time options of `state`, `boards` and `people`.
struct SliceOptions {
  static let options: [OptionSpec] = [
    OptionSpec(
      "as-of",
      value: "date",
      help: "The plan as it stood on this date.",
      default: "today"
    ),
    OptionSpec(
      "as-known-at",
      value: "time",
      help: "Only what was recorded by then (RFC 3339, or a date meaning its end)."
    ),
    OptionSpec(
      "board",
      value: "date",
      help: "The board view: as of the board's date, as known at the end of it."
    ),
    explainOption,
  ]

  static let explainOption = OptionSpec(
    "explain",
    help: "Say which snapshot answered, and how many events were replayed."
  )

  let slice: TimeSlice

  init(_ arguments: ParsedArguments) throws(UsageError) {
    if let board = try arguments.date("board") {
      if arguments.has("as-of") { throw .conflictingOptions("--board", "--as-of") }
      if arguments.has("as-known-at") { throw .conflictingOptions("--board", "--as-known-at") }
      slice = .board(board)
    } else {
      slice = TimeSlice(
        asOf: try arguments.date("as-of"),
        knownAt: try arguments.timestamp("as-known-at")
      )
    }
  }

  /// The slice with today as the default as-of date.
  func resolved(today: CalendarDate) -> TimeSlice {
    var slice = self.slice
    if slice.asOf == nil { slice.asOf = slice.knownAt?.date ?? today }
    return slice
  }
}

/// `planledger state`.
struct StateCommand: Subcommand {
  static let name = "state"
  static let abstract = "Show each action's status, lead and due dates as they stood on a date."
  static let discussion =
    "--as-of D is the plan as it stood on D in the light of everything recorded since; "
    + "add --as-known-at T to see only what had been recorded by T; --board D is what a board "
    + "meeting on D could have seen. --format csv gives the plan's tracker columns. Due is "
    + "the date of the next milestone not yet passed on the date (the last once all have). "
    + "Overdue is computed apart from the rating: yes when a deadline or implementation "
    + "milestone's month has ended and the action is not complete, naming the one passed "
    + "first and counting days from the end of its month; ongoing work, and a review "
    + "before a later milestone, never make an action overdue."
  static let usageLine =
    "[--as-of <date>] [--as-known-at <time>] [--board <date>] [--priority <n>] "
    + "[--format table|json|csv]"
  static let options: [OptionSpec] =
    SliceOptions.options + [
      OptionSpec("priority", value: "n", help: "Only the actions of this priority."),
      ReadingFormat.option,
    ]

  let slice: SliceOptions
  let priority: PriorityNumber?
  let format: ReadingFormat
  let explain: Bool

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    slice = try SliceOptions(arguments)
    explain = arguments.has("explain")
    priority = arguments.value("priority").map(PriorityNumber.init(rawValue:))
    format = try ReadingFormat(arguments)
  }

  func run(context: CommandContext) throws {
    let book = try context.openBook()
    var view = try context.view(book, slice.resolved(today: book.today), explain: explain)
    if let knownAt = view.slice.knownAt, view.head.size == 0, book.ledger.size > 0,
      let line = try? book.ledger.line(seq: 1),
      let first = line.withUnsafeBytes({ try? EventLineFields($0) })?.recorded
    {
      // An empty board view of a ledger kept afterwards is not "the board had no plan".
      context.warn(
        "nothing had been recorded by \(knownAt) (the first event was recorded \(first)), so "
          + "the plan as known then is empty; --as-of \(view.date) without --board or "
          + "--as-known-at gives it in the light of everything recorded since"
      )
    }
    if let priority {
      guard view.state.priorities[priority] != nil else {
        throw Refusal.unknownPriority(
          priority,
          nearest: NearestSpelling.nearest(
            priority.rawValue,
            among: view.state.priorities.keys.map(\.rawValue)
          ).map(PriorityNumber.init(rawValue:))
        )
      }
      view = view.filtered(priority: priority)
    }
    switch format {
    case .json: context.print(view.json.canonicalText)
    case .csv: context.output.write(PlanGrids.tracker(view, notes: try notes(view, book)).csv)
    case .table: context.output.write(PlanGrids.state(view).table())
    }
  }

  private func notes(_ view: PlanView, _ book: PlanBook) throws -> [ActionID: String] {
    var notes: [ActionID: String] = [:]
    for row in view.actions {
      guard let seq = row.noteSeq else { continue }
      switch try book.record(seq: seq).event {
      case .actionStatusChanged(let change): notes[row.number] = change.note
      case .actionProgressNoted(let note): notes[row.number] = note.note
      default: continue
      }
    }
    return notes
  }
}

/// `planledger history`.
struct HistoryCommand: Subcommand {
  static let name = "history"
  static let abstract = "Show who changed what, when, and on whose authority."
  static let usageLine =
    "(--action <n> | --priority <n> | --person <id> | --measure <id>) [--format table|json|csv]"
  static let options: [OptionSpec] = [
    OptionSpec("action", value: "n", help: "An action and the decisions and findings about it."),
    OptionSpec("priority", value: "n", help: "A priority, its actions and its SRO changes."),
    OptionSpec(
      "person",
      value: "id",
      help: "A person's roles, the actions they led, their records."
    ),
    OptionSpec("measure", value: "id", help: "A measure's definition, targets and values."),
    ReadingFormat.option,
  ]

  let subject: HistorySubject
  let format: ReadingFormat

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let given = ["action", "priority", "person", "measure"].filter { arguments.has($0) }
    guard let first = given.first else {
      throw .missingOption(option: "--action, --priority, --person or --measure")
    }
    if given.count > 1 { throw .conflictingOptions("--" + given[0], "--" + given[1]) }
    let value = arguments.value(first) ?? ""
    switch first {
    case "action": subject = .action(ActionID(value))
    case "priority": subject = .priority(PriorityNumber(value))
    case "person": subject = .person(PersonID(value))
    default: subject = .measure(MeasureID(value))
    }
    format = try ReadingFormat(arguments)
  }

  func run(context: CommandContext) throws {
    let book = try context.openBook()
    try checkSubject(book)
    // Written as read (the table in two passes), so a history never holds its entries.
    let passes = try History(book: book).passes(of: subject)
    try write(format, audit: false, { try passes.forEachEntry($0) }, context: context)
  }

  /// The refusal of a person the plan does not know, with the nearest spellings.
  static func unknownPerson(_ person: PersonID, in state: PlanState) -> Refusal {
    Refusal.unknownPerson(
      person,
      nearest: NearestSpelling.nearest(person.rawValue, among: state.people.keys.map(\.rawValue))
        .map(PersonID.init(rawValue:))
    )
  }

  private func checkSubject(_ book: PlanBook) throws {
    let state = try book.view(TimeSlice()).state
    switch subject {
    case .action(let action) where state.actions[action] == nil:
      throw Refusal.unknownAction(
        action,
        nearest: NearestSpelling.nearest(action.rawValue, among: state.actions.keys.map(\.rawValue))
          .map(ActionID.init(rawValue:))
      )
    case .priority(let priority) where state.priorities[priority] == nil:
      throw Refusal.unknownPriority(
        priority,
        nearest: NearestSpelling.nearest(
          priority.rawValue,
          among: state.priorities.keys.map(\.rawValue)
        ).map(PriorityNumber.init(rawValue:))
      )
    case .person(let person) where state.people[person] == nil:
      throw Self.unknownPerson(person, in: state)
    case .measure(let measure) where state.measures[measure] == nil:
      throw Refusal.unknownMeasure(
        measure,
        nearest: NearestSpelling.nearest(
          measure.rawValue,
          among: state.measures.keys.map(\.rawValue)
        )
        .map(MeasureID.init(rawValue:))
      )
    default:
      return
    }
  }
}

/// `planledger audit`.
struct AuditCommand: Subcommand {
  static let name = "audit"
  static let abstract = "List recorded changes with flags: back-dated, unauthorised, retracted."
  static let discussion =
    "Flags: back_dated (effective over 30 days before recorded), "
    + "completion_without_decision, actor_without_role (the recorder held no role covering "
    + "it on its date), retracted, retraction, corrected, correction. --from and --to "
    + "select by the date recorded."
  static let usageLine =
    "[--actor <id>] [--from <date>] [--to <date>] [--type <type>] [--flagged] "
    + "[--format table|json|csv]"
  static let options: [OptionSpec] = [
    OptionSpec("actor", value: "id", help: "Only what this person recorded."),
    OptionSpec("from", value: "date", help: "Recorded on or after this date."),
    OptionSpec("to", value: "date", help: "Recorded on or before this date."),
    OptionSpec("type", value: "type", help: "Only this type (or family, e.g. action.*)."),
    OptionSpec("flagged", help: "Only entries with a flag."),
    ReadingFormat.option,
  ]

  let filter: AuditFilter
  let format: ReadingFormat

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    filter = AuditFilter(
      actor: arguments.value("actor").map(PersonID.init(rawValue:)),
      from: try arguments.date("from"),
      to: try arguments.date("to"),
      types: arguments.list("type"),
      flaggedOnly: arguments.has("flagged")
    )
    format = try ReadingFormat(arguments)
  }

  func run(context: CommandContext) throws {
    let book = try context.openBook()
    let passes = try Audit(book: book).passes()
    if let actor = filter.actor {
      // Someone never registered who recorded nothing is a misspelling, not an empty audit.
      let state = try book.view(TimeSlice()).state
      if state.people[actor] == nil {
        var recorded = false
        let theirs = AuditFilter(actor: actor, from: nil, to: nil, types: [], flaggedOnly: false)
        try passes.forEachEntry(theirs) { _ in recorded = true }
        if !recorded { throw HistoryCommand.unknownPerson(actor, in: state) }
      }
    }
    // Written as read (the table in two passes), so an audit never holds its entries.
    try write(format, audit: true, { try passes.forEachEntry(filter, $0) }, context: context)
  }
}

/// `planledger diff`.
struct DiffCommand: Subcommand {
  static let name = "diff"
  static let abstract = "Show what changed in the plan between two dates."
  static let discussion =
    "Every action whose status, lead or due dates changed, that was added or withdrawn, or "
    + "that became overdue; then the board decisions, monitoring findings and role changes "
    + "(reassignments) that took effect after --from up to --to. Table, CSV and JSON hold "
    + "the same."
  static let usageLine = "--from <date> --to <date> [--format table|json|csv]"
  static let options: [OptionSpec] = [
    OptionSpec("from", value: "date", help: "The earlier date."),
    OptionSpec("to", value: "date", help: "The later date.", default: "today"),
    ReadingFormat.option,
    SliceOptions.explainOption,
  ]

  let from: CalendarDate
  let to: CalendarDate?
  let format: ReadingFormat
  let explain: Bool

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    explain = arguments.has("explain")
    guard let from = try arguments.date("from") else { throw .missingOption(option: "--from") }
    self.from = from
    to = try arguments.date("to")
    if let to, to < from {
      throw .invalidValue(option: "--to", value: to.description, expected: "on or after --from")
    }
    format = try ReadingFormat(arguments)
  }

  func run(context: CommandContext) throws {
    let book = try context.openBook()
    let diff = PlanDiff(
      start: try context.view(book, TimeSlice(asOf: from), explain: explain),
      end: try context.view(book, TimeSlice(asOf: to ?? book.today), explain: explain)
    )
    switch format {
    case .json: context.print(diff.json.canonicalText)
    case .csv: context.output.write(PlanGrids.diff(diff).csv)
    case .table: context.output.write(PlanGrids.diff(diff).table(maximumWidth: 100))
    }
  }
}

/// `planledger boards`.
struct BoardsCommand: Subcommand {
  static let name = "boards"
  static let abstract = "List board meetings and the decisions taken at each."
  static let usageLine = "[--as-of <date>] [--format table|json|csv]"
  static let options: [OptionSpec] = [
    SliceOptions.options[0], ReadingFormat.option, SliceOptions.explainOption,
  ]

  let asOf: CalendarDate?
  let format: ReadingFormat
  let explain: Bool

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    asOf = try arguments.date("as-of")
    format = try ReadingFormat(arguments)
    explain = arguments.has("explain")
  }

  func run(context: CommandContext) throws {
    let book = try context.openBook()
    let view = try context.view(book, TimeSlice(asOf: asOf ?? book.today), explain: explain)
    let grid = PlanGrids.boards(view)
    switch format {
    case .json: context.print(grid.json.canonicalText)
    case .csv: context.output.write(grid.csv)
    case .table: context.output.write(grid.table(maximumWidth: 100))
    }
  }
}

/// `planledger people`.
struct PeopleCommand: Subcommand {
  static let name = "people"
  static let abstract = "List registered people and the roles they held on a date."
  static let discussion =
    "Lists everyone registered by the date and everyone holding a role on it, even when "
    + "their registration is dated later (a role held implies the person existed)."
  static let usageLine = "[--as-of <date>] [--format table|json|csv]"
  static let options: [OptionSpec] = [
    SliceOptions.options[0], ReadingFormat.option, SliceOptions.explainOption,
  ]

  let asOf: CalendarDate?
  let format: ReadingFormat
  let explain: Bool

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    asOf = try arguments.date("as-of")
    format = try ReadingFormat(arguments)
    explain = arguments.has("explain")
  }

  func run(context: CommandContext) throws {
    let book = try context.openBook()
    let view = try context.view(book, TimeSlice(asOf: asOf ?? book.today), explain: explain)
    let people = try book.people(in: view)
    let grid = PlanGrids.people(people, on: view.date)
    switch format {
    case .json: context.print(JSONValue.array(people.map(\.json)).canonicalText)
    case .csv: context.output.write(grid.csv)
    case .table: context.output.write(grid.table(maximumWidth: 60))
    }
  }
}

/// `planledger measures`.
struct MeasuresCommand: Subcommand {
  static let name = "measures"
  static let abstract = "Show measures: latest value, change, target and trend, or one series."
  static let usageLine = "[--measure <id>] [--as-of <date>] [--format table|json|csv]"
  static let options: [OptionSpec] = [
    OptionSpec("measure", value: "id", help: "Show this measure's whole series."),
    SliceOptions.options[0], ReadingFormat.option, SliceOptions.explainOption,
  ]

  let measure: MeasureID?
  let asOf: CalendarDate?
  let format: ReadingFormat
  let explain: Bool

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    measure = arguments.value("measure").map(MeasureID.init(rawValue:))
    asOf = try arguments.date("as-of")
    format = try ReadingFormat(arguments)
    explain = arguments.has("explain")
  }

  func run(context: CommandContext) throws {
    let book = try context.openBook()
    let view = try context.view(book, TimeSlice(asOf: asOf ?? book.today), explain: explain)
    let grid: Grid
    if let measure {
      guard let state = view.state.measures[measure] else {
        throw Refusal.unknownMeasure(
          measure,
          nearest: NearestSpelling.nearest(
            measure.rawValue,
            among: view.state.measures.keys.map(\.rawValue)
          )
          .map(MeasureID.init(rawValue:))
        )
      }
      grid = PlanGrids.series(state, on: view.date)
    } else {
      grid = PlanGrids.measures(view)
    }
    switch format {
    case .json: context.print(grid.json.canonicalText)
    case .csv: context.output.write(grid.csv)
    case .table: context.output.write(grid.table(maximumWidth: 60))
    }
  }
}

/// Writes a history or an audit in a reading format, entry by entry.
private func write(
  _ format: ReadingFormat,
  audit: Bool,
  _ pass: PlanGrids.EntryPass,
  context: CommandContext
) throws {
  let output = { (text: String) in context.output.write(text) }
  switch format {
  case .json: try PlanGrids.historyJSON(pass, into: output)
  case .csv: try PlanGrids.historyCSV(audit: audit, pass, into: output)
  case .table: try PlanGrids.historyTable(audit: audit, pass, into: output)
  }
}
