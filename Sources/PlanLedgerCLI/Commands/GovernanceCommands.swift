import LedgerStore
import PlanLedger

/// The board's name when none is given.
let defaultBoard = "Improvement Board"

/// `planledger meeting`.
struct MeetingCommand: RecordingCommand {
  static let name = "meeting"
  static let abstract = "Record that a board met."
  static let usageLine =
    "<date> [--board <name>] [--chair <id>] [--attendees <ids>] [--summary <text>] --actor <id>"
  static let arguments = [ArgumentSpec(name: "date", help: "The meeting's date, YYYY-MM-DD.")]
  static let discussion = "The meeting takes effect on its date unless --effective says otherwise."
  static let eventOptions: [OptionSpec] = [
    OptionSpec("board", value: "name", help: "The board.", default: defaultBoard),
    OptionSpec("chair", value: "id", help: "Who chaired."),
    OptionSpec("attendees", value: "ids", help: "Who attended, comma separated."),
    OptionSpec("summary", value: "text", help: "What the meeting did."),
  ]
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    let text = arguments.positional(0)
    guard let date = CalendarDate(text) else {
      throw .invalidValue(option: "<date>", value: text, expected: "a date YYYY-MM-DD")
    }
    submission = envelope.submission(
      .boardMeetingHeld(
        BoardMeetingHeld(
          board: arguments.value("board") ?? defaultBoard,
          date: date,
          chair: arguments.value("chair").map(PersonID.init(rawValue:)),
          attendees: arguments.list("attendees").map(PersonID.init(rawValue:)),
          summary: arguments.value("summary") ?? ""
        )
      )
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger decide`.
struct DecideCommand: RecordingCommand {
  static let name = "decide"
  static let abstract = "Record a decision a board took at a meeting."
  static let usageLine =
    "--meeting <date> --kind <kind> --text <text> [--actions <list>] [--board <name>] --actor <id>"
  static let eventOptions: [OptionSpec] = [
    OptionSpec("meeting", value: "date", help: "The date of the meeting that took it."),
    OptionSpec(
      "kind",
      value: "kind",
      help: "accept completion, agree revised deadline, escalate, reassign, approve plan, "
        + "add actions, retire actions or note."
    ),
    OptionSpec("text", value: "text", help: "The decision, in the minutes' words."),
    OptionSpec("actions", value: "list", help: "The actions it concerns, comma separated."),
    OptionSpec("board", value: "name", help: "The board.", default: defaultBoard),
  ]
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    guard let meeting = try arguments.date("meeting") else {
      throw .missingOption(option: "--meeting")
    }
    let word = try arguments.required("kind")
    guard let kind = DecisionKind(words: word) else {
      throw .invalidValue(
        option: "--kind",
        value: word,
        expected: "one of " + DecisionKind.allCases.map(\.words).joined(separator: ", ")
      )
    }
    submission = envelope.submission(
      .boardDecisionRecorded(
        BoardDecisionRecorded(
          board: arguments.value("board") ?? defaultBoard,
          meeting: meeting,
          kind: kind,
          text: try arguments.required("text"),
          actions: arguments.list("actions").map(ActionID.init(rawValue:))
        )
      )
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger visit`.
struct VisitCommand: RecordingCommand {
  static let name = "visit"
  static let abstract = "Record an inspectorate monitoring visit."
  static let usageLine =
    "<number> --start <date> [--end <date>] [--inspectors <ids>] [--areas <list>] "
    + "[--letter <date>] --actor <id>"
  static let arguments = [ArgumentSpec(name: "number", help: "The visit's number, such as 7.")]
  static let eventOptions: [OptionSpec] = [
    OptionSpec("start", value: "date", help: "The first day of the visit."),
    OptionSpec("end", value: "date", help: "The last day.", default: "the first day"),
    OptionSpec("inspectors", value: "ids", help: "The inspectors (registered), comma separated."),
    OptionSpec("areas", value: "list", help: "The areas covered, separated by ;."),
    OptionSpec("letter", value: "date", help: "When the letter of findings was published."),
  ]
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    guard let start = try arguments.date("start") else { throw .missingOption(option: "--start") }
    let areas = arguments.all("areas").flatMap { $0.split(separator: ";") }
      .map { String($0).trimmingCharacters() }.filter { !$0.isEmpty }
    submission = envelope.submission(
      .monitoringVisitRecorded(
        MonitoringVisitRecorded(
          visit: arguments.positional(0),
          start: start,
          end: try arguments.date("end") ?? start,
          inspectors: arguments.list("inspectors").map(PersonID.init(rawValue:)),
          areas: areas,
          letter: try arguments.date("letter")
        )
      )
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger finding`.
struct FindingCommand: RecordingCommand {
  static let name = "finding"
  static let abstract = "Record one finding of a monitoring visit, quoted verbatim."
  static let usageLine =
    "--visit <n> --kind progress|strength|weakness --quote <text> [--priorities <list>] "
    + "[--actions <list>] [--recommendations <list>] --actor <id>"
  static let eventOptions: [OptionSpec] = [
    OptionSpec("visit", value: "n", help: "The visit."),
    OptionSpec("kind", value: "kind", help: "progress, strength or weakness."),
    OptionSpec("quote", value: "text", help: "The passage, verbatim."),
    OptionSpec("priorities", value: "list", help: "The priorities it concerns."),
    OptionSpec("actions", value: "list", help: "The actions it concerns."),
    OptionSpec("recommendations", value: "list", help: "Recommendations, such as ofsted/12."),
  ]
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    let word = try arguments.required("kind")
    guard let kind = FindingKind(rawValue: word.lowercased()) else {
      throw .invalidValue(option: "--kind", value: word, expected: "progress, strength or weakness")
    }
    submission = envelope.submission(
      .monitoringFindingRecorded(
        MonitoringFindingRecorded(
          visit: try arguments.required("visit"),
          kind: kind,
          quote: try arguments.required("quote"),
          priorities: arguments.list("priorities").map(PriorityNumber.init(rawValue:)),
          recommendations: arguments.list("recommendations"),
          actions: arguments.list("actions").map(ActionID.init(rawValue:))
        )
      )
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger define-measure`.
struct DefineMeasureCommand: RecordingCommand {
  static let name = "define-measure"
  static let abstract = "Define a success measure."
  static let usageLine =
    "<id> --title <title> [--unit <unit>] [--priority <n>] [--better higher|lower] --actor <id>"
  static let arguments = [ArgumentSpec(name: "id", help: "Its identifier, such as M7.6.")]
  static let eventOptions: [OptionSpec] = [
    OptionSpec("title", value: "title", help: "Its title."),
    OptionSpec("unit", value: "unit", help: "Its unit: %, days, count…"),
    OptionSpec("priority", value: "n", help: "The priority it measures."),
    OptionSpec("better", value: "way", help: "higher or lower."),
    OptionSpec(
      "kind",
      value: "kind",
      help: "quantitative or qualitative.",
      default: "quantitative"
    ),
  ]
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    var better: Direction?
    if let word = arguments.value("better") {
      guard let direction = Direction(rawValue: word) else {
        throw .invalidValue(option: "--better", value: word, expected: "higher or lower")
      }
      better = direction
    }
    submission = envelope.submission(
      .measureDefined(
        MeasureDefined(
          measure: MeasureID(arguments.positional(0)),
          title: try arguments.required("title"),
          kind: try arguments.choice(
            "kind",
            from: ["quantitative", "qualitative"],
            default: "quantitative"
          ),
          unit: arguments.value("unit") ?? "",
          priority: arguments.value("priority").map(PriorityNumber.init(rawValue:)),
          better: better
        )
      )
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger set-target`.
struct SetTargetCommand: RecordingCommand {
  static let name = "set-target"
  static let abstract = "Set a target for a measure."
  static let usageLine = "<measure> <value> [--from <date>] [--to <date>] --actor <id>"
  static let arguments = [
    ArgumentSpec(name: "measure", help: "The measure."),
    ArgumentSpec(name: "value", help: "The target, a decimal such as 16 or 14.2."),
  ]
  static let eventOptions: [OptionSpec] = [
    OptionSpec("from", value: "date", help: "From when it applies."),
    OptionSpec("to", value: "date", help: "Until when it applies."),
  ]
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    let text = arguments.positional(1)
    guard let value = DecimalNumber(text) else {
      throw .invalidValue(option: "<value>", value: text, expected: "a decimal such as 16 or 14.2")
    }
    submission = envelope.submission(
      .measureTargetSet(
        MeasureTargetSet(
          measure: MeasureID(arguments.positional(0)),
          value: value,
          from: try arguments.date("from"),
          to: try arguments.date("to")
        )
      )
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger measure`.
struct MeasureCommand: RecordingCommand {
  static let name = "measure"
  static let abstract = "Record a measure's value for a month."
  static let usageLine = "<measure> <period> <value> [--note <text>] --actor <id>"
  static let arguments = [
    ArgumentSpec(name: "measure", help: "The measure, such as M7.6."),
    ArgumentSpec(name: "period", help: "The month the value refers to, YYYY-MM."),
    ArgumentSpec(name: "value", help: "The value, a decimal such as 14.2 (no % sign)."),
  ]
  static let eventOptions: [OptionSpec] = [
    OptionSpec("note", value: "text", help: "Context for the value.")
  ]
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    let periodText = arguments.positional(1)
    guard periodText.count == 7, let period = DueDate(periodText) else {
      throw .invalidValue(option: "<period>", value: periodText, expected: "a month YYYY-MM")
    }
    let valueText = arguments.positional(2)
    guard let value = DecimalNumber(valueText) else {
      throw .invalidValue(option: "<value>", value: valueText, expected: "a decimal such as 14.2")
    }
    submission = envelope.submission(
      .measureRecorded(
        MeasureRecorded(
          measure: MeasureID(arguments.positional(0)),
          period: period,
          value: value,
          note: arguments.value("note") ?? ""
        )
      )
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger correct`.
struct CorrectCommand: RecordingCommand {
  static let name = "correct"
  static let abstract = "Correct an earlier event: a new event that supersedes its data."
  static let discussion =
    "Nothing is edited: the original stays in the ledger. Views as known before the "
    + "correction still show the original; views after it show the corrected data, and "
    + "history shows both."
  static let usageLine = "<seq> --data <json> --reason <text> --actor <id>"
  static let arguments = [ArgumentSpec(name: "seq", help: "The event to correct.")]
  static let eventOptions: [OptionSpec] = [
    OptionSpec("data", value: "json", help: "The corrected data, whole, as a JSON object."),
    OptionSpec("reason", value: "text", help: "Why."),
  ]
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    let text = arguments.positional(0)
    guard let seq = Int(text), seq >= 1 else {
      throw .invalidValue(option: "<seq>", value: text, expected: "a seq (a whole number from 1)")
    }
    guard let data = try arguments.object("data") else { throw .missingOption(option: "--data") }
    submission = envelope.submission(
      .eventCorrected(
        EventCorrected(seq: seq, data: data, reason: try arguments.required("reason"))
      )
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger retract`.
struct RetractCommand: RecordingCommand {
  static let name = "retract"
  static let abstract = "Retract an earlier event that should not have been recorded."
  static let discussion =
    "Nothing is deleted: the event stays in the ledger, and views known after the "
    + "retraction leave it out."
  static let usageLine = "<seq> --reason <text> --actor <id>"
  static let arguments = [ArgumentSpec(name: "seq", help: "The event to retract.")]
  static let eventOptions: [OptionSpec] = [OptionSpec("reason", value: "text", help: "Why.")]
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    let text = arguments.positional(0)
    guard let seq = Int(text), seq >= 1 else {
      throw .invalidValue(option: "<seq>", value: text, expected: "a seq (a whole number from 1)")
    }
    submission = envelope.submission(
      .eventRetracted(EventRetracted(seq: seq, reason: try arguments.required("reason")))
    )
    expectedSize = envelope.expectedSize
  }
}
