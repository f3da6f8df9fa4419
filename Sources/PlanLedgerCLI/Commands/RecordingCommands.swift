import LedgerStore
import PlanLedger

/// `planledger register`.
struct RegisterCommand: RecordingCommand {
  static let name = "register"
  static let abstract = "Register a person who may hold roles and record events."
  static let usageLine = "<id> --name <name> [--title <title>] [--organisation <org>] --actor <id>"
  static let arguments = [ArgumentSpec(name: "id", help: "Their identifier, such as PS.")]
  static let discussion =
    "The first person of a new ledger registers themselves (--actor is their own id)."
  static let eventOptions: [OptionSpec] = [
    OptionSpec("name", value: "name", help: "Their name."),
    OptionSpec("title", value: "title", help: "Their job title."),
    OptionSpec("organisation", value: "org", help: "Their organisation."),
  ]
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    submission = envelope.submission(
      .personRegistered(
        PersonRegistered(
          person: PersonID(arguments.positional(0)),
          name: try arguments.required("name"),
          title: arguments.value("title") ?? "",
          organisation: arguments.value("organisation") ?? ""
        )
      )
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger assign-role` and `planledger end-role`.
struct AssignRoleCommand: RecordingCommand {
  static let name = "assign-role"
  static let abstract = "Record that a person takes on a role (SRO, lead officer, chair…)."
  static let usageLine = "<person> <role> [--scope <scope>] --actor <id>"
  static let arguments = [
    ArgumentSpec(name: "person", help: "Who."),
    ArgumentSpec(
      name: "role",
      help: "The role: sro, lead officer, board chair, programme office, board secretary…"
    ),
  ]
  static let eventOptions: [OptionSpec] = [
    OptionSpec("scope", value: "scope", help: "What it is of, such as \"priority 7\".")
  ]
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    submission = envelope.submission(
      .roleAssigned(
        RoleAssigned(
          person: PersonID(arguments.positional(0)),
          role: Role(arguments.positional(1), scope: arguments.value("scope") ?? "")
        )
      )
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger end-role`.
struct EndRoleCommand: RecordingCommand {
  static let name = "end-role"
  static let abstract = "Record that a person leaves a role."
  static let usageLine = "<person> <role> [--scope <scope>] --actor <id>"
  static let arguments = AssignRoleCommand.arguments
  static let eventOptions = AssignRoleCommand.eventOptions
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    submission = envelope.submission(
      .roleEnded(
        RoleEnded(
          person: PersonID(arguments.positional(0)),
          role: Role(arguments.positional(1), scope: arguments.value("scope") ?? "")
        )
      )
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger create-plan`.
struct CreatePlanCommand: RecordingCommand {
  static let name = "create-plan"
  static let abstract = "Record the improvement plan itself (title, organisation, period)."
  static let usageLine =
    "--title <title> --organisation <org> [--period <period>] [--version <label>] --actor <id>"
  static let eventOptions: [OptionSpec] = [
    OptionSpec("title", value: "title", help: "The plan's title."),
    OptionSpec("organisation", value: "org", help: "Whose plan it is."),
    OptionSpec("period", value: "period", help: "The period it covers, such as 2017-2020."),
    OptionSpec("version", value: "label", help: "The version label, such as v.6."),
  ]
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    submission = envelope.submission(
      .planCreated(
        PlanCreated(
          title: try arguments.required("title"),
          organisation: try arguments.required("organisation"),
          period: arguments.value("period") ?? "",
          version: arguments.value("version") ?? ""
        )
      )
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger add-workstream`.
struct AddWorkstreamCommand: RecordingCommand {
  static let name = "add-workstream"
  static let abstract = "Record one of the plan's workstreams."
  static let usageLine = "<name> --actor <id>"
  static let arguments = [ArgumentSpec(name: "name", help: "The workstream, such as Practice.")]
  static let eventOptions: [OptionSpec] = []
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    submission = envelope.submission(
      .workstreamDefined(WorkstreamDefined(name: arguments.positional(0)))
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger add-priority`.
struct AddPriorityCommand: RecordingCommand {
  static let name = "add-priority"
  static let abstract = "Record a priority of the plan, in a workstream."
  static let usageLine = "<number> --title <title> --workstream <name> --actor <id>"
  static let arguments = [ArgumentSpec(name: "number", help: "The priority's number.")]
  static let eventOptions: [OptionSpec] = [
    OptionSpec("title", value: "title", help: "The priority's title."),
    OptionSpec("workstream", value: "name", help: "The workstream it belongs to."),
  ]
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    submission = envelope.submission(
      .priorityDefined(
        PriorityDefined(
          number: PriorityNumber(arguments.positional(0)),
          title: try arguments.required("title"),
          workstream: try arguments.required("workstream")
        )
      )
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger add-recommendation`.
struct AddRecommendationCommand: RecordingCommand {
  static let name = "add-recommendation"
  static let abstract = "Record an inspectorate recommendation and the priorities it maps to."
  static let usageLine =
    "<number> --text <text> [--body <body>] [--priorities <n,n>] --actor <id>"
  static let arguments = [ArgumentSpec(name: "number", help: "Its number in the report.")]
  static let eventOptions: [OptionSpec] = [
    OptionSpec("text", value: "text", help: "Its text, verbatim."),
    OptionSpec("body", value: "body", help: "Who made it.", default: "Ofsted"),
    OptionSpec("priorities", value: "n,n", help: "The priorities it maps to."),
  ]
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    submission = envelope.submission(
      .recommendationRecorded(
        RecommendationRecorded(
          body: arguments.value("body") ?? "Ofsted",
          number: arguments.positional(0),
          text: try arguments.required("text"),
          priorities: arguments.list("priorities").map(PriorityNumber.init(rawValue:))
        )
      )
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger add-action`.
struct AddActionCommand: RecordingCommand {
  static let name = "add-action"
  static let abstract = "Add a numbered action with its lead, partners and milestones."
  static let usageLine =
    "<number> --priority <n> --text <text> [--lead <id>] [--by-when <when>] [--issue <text>] "
    + "[--references <refs>] [--partners <list>] --actor <id>"
  static let arguments = [ArgumentSpec(name: "number", help: "The action's number, such as 7.3.")]
  static let eventOptions: [OptionSpec] = [
    OptionSpec("priority", value: "n", help: "The priority it belongs to."),
    OptionSpec("text", value: "text", help: "The action text."),
    OptionSpec("lead", value: "id", help: "The lead officer(s), comma separated."),
    OptionSpec(
      "by-when",
      value: "when",
      help: "Milestones as the plan writes them: \"Dec 17\", \"Review Jan 18 / Implement Apr 18\"."
    ),
    OptionSpec("issue", value: "text", help: "The issue heading."),
    OptionSpec("references", value: "refs", help: "Inspectorate references, such as \"Rec 12\"."),
    OptionSpec("partners", value: "list", help: "Partner involvement, separated by ; or ,."),
  ]
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    let milestones: [Milestone]
    do {
      milestones = try ByWhen.milestones(arguments.value("by-when") ?? "")
    } catch {
      throw .invalidValue(
        option: "--by-when",
        value: arguments.value("by-when") ?? "",
        expected: "dates such as \"Dec 17\" or \"Review Jan 18 / Implement Apr 18\""
      )
    }
    submission = envelope.submission(
      .actionAdded(
        ActionAdded(
          action: ActionID(arguments.positional(0)),
          priority: PriorityNumber(try arguments.required("priority")),
          issue: arguments.value("issue") ?? "",
          references: arguments.value("references") ?? "",
          text: try arguments.required("text"),
          leads: arguments.list("lead").map(PersonID.init(rawValue:)),
          partners: arguments.list("partners"),
          milestones: milestones
        )
      )
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger status`.
struct StatusCommand: RecordingCommand {
  /// The options of a lead's report on an action, with or without a new rating (`status`,
  /// `note`).
  static let reportOptions: [OptionSpec] = [
    OptionSpec("note", value: "text", help: "The lead's commentary."),
    OptionSpec("evidence", value: "link", help: "Evidence (repeatable).", repeatable: true),
    OptionSpec("authority", value: "seq", help: "The board decision that authorised it."),
  ]

  static let name = "status"
  static let abstract = "Record an action's new progress rating (RAG)."
  static let usageLine =
    "<action> <status> --actor <id> [--effective <date>] [--note <text>] [--authority <seq>]"
  static let arguments = [
    ArgumentSpec(name: "action", help: "The action, such as 7.3."),
    ArgumentSpec(
      name: "status",
      help: "not_rated, on_track, at_risk, overdue or complete (\"On track\" works too)."
    ),
  ]
  static let eventOptions = StatusCommand.reportOptions
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    let word = arguments.positional(1)
    guard let status = Status(words: word) else {
      throw .invalidValue(
        option: "<status>",
        value: word,
        expected: "a status: not_rated, on_track, at_risk, overdue or complete"
      )
    }
    submission = envelope.submission(
      .actionStatusChanged(
        ActionStatusChanged(
          action: ActionID(arguments.positional(0)),
          to: status,
          note: arguments.value("note") ?? "",
          evidence: arguments.all("evidence")
        )
      ),
      authority: try arguments.integer("authority", in: 1...Int.max)
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger note`.
struct NoteCommand: RecordingCommand {
  static let name = "note"
  static let abstract = "Record a lead's progress note on an action, keeping its rating."
  static let usageLine =
    "<action> --note <text> --actor <id> [--effective <date>] [--evidence <link>] [--authority <seq>]"
  static let arguments = [ArgumentSpec(name: "action", help: "The action, such as 7.3.")]
  static let eventOptions = StatusCommand.reportOptions
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    submission = envelope.submission(
      .actionProgressNoted(
        ActionProgressNoted(
          action: ActionID(arguments.positional(0)),
          note: try arguments.required("note"),
          evidence: arguments.all("evidence")
        )
      ),
      authority: try arguments.integer("authority", in: 1...Int.max)
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger revise-due`.
struct ReviseDueCommand: RecordingCommand {
  static let name = "revise-due"
  static let abstract = "Move a milestone's due date, with the reason."
  static let usageLine =
    "<action> --to <when> --reason <text> [--milestone <n>] [--authority <seq>] --actor <id>"
  static let arguments = [ArgumentSpec(name: "action", help: "The action.")]
  static let eventOptions: [OptionSpec] = [
    OptionSpec(
      "milestone",
      value: "n",
      help: "The milestone, numbered from 1 in By when order.",
      default: "1"
    ),
    OptionSpec("to", value: "when", help: "The new date: Jun 18, 2018-06 or 2018-06-30."),
    OptionSpec("reason", value: "text", help: "Why it moved."),
    OptionSpec("authority", value: "seq", help: "The board decision that agreed it."),
  ]
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    let text = try arguments.required("to")
    guard let due = (try? ByWhen.milestones(text))?.first?.due,
      (try? ByWhen.milestones(text))?.count == 1
    else {
      throw .invalidValue(option: "--to", value: text, expected: "a date such as Jun 18 or 2018-06")
    }
    submission = envelope.submission(
      .actionDueRevised(
        ActionDueRevised(
          action: ActionID(arguments.positional(0)),
          milestone: try arguments.integer("milestone", in: 1...Int.max) ?? 1,
          to: due,
          reason: try arguments.required("reason")
        )
      ),
      authority: try arguments.integer("authority", in: 1...Int.max)
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger reassign`.
struct ReassignCommand: RecordingCommand {
  static let name = "reassign"
  static let abstract = "Give an action new lead officer(s)."
  static let usageLine = "<action> --to <id> [--reason <text>] [--authority <seq>] --actor <id>"
  static let arguments = [ArgumentSpec(name: "action", help: "The action.")]
  static let eventOptions: [OptionSpec] = [
    OptionSpec("to", value: "id", help: "The new lead(s), comma separated."),
    OptionSpec("reason", value: "text", help: "Why."),
    OptionSpec("authority", value: "seq", help: "The board decision that agreed it."),
  ]
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    _ = try arguments.required("to")
    submission = envelope.submission(
      .actionLeadReassigned(
        ActionLeadReassigned(
          action: ActionID(arguments.positional(0)),
          to: arguments.list("to").map(PersonID.init(rawValue:)),
          reason: arguments.value("reason") ?? ""
        )
      ),
      authority: try arguments.integer("authority", in: 1...Int.max)
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger amend`.
struct AmendCommand: RecordingCommand {
  static let name = "amend"
  static let abstract = "Change an action's text, issue, references or partners."
  static let usageLine =
    "<action> [--text <text>] [--issue <text>] [--references <refs>] [--partners <list>] "
    + "--reason <text> --actor <id>"
  static let arguments = [ArgumentSpec(name: "action", help: "The action.")]
  static let eventOptions: [OptionSpec] = [
    OptionSpec("text", value: "text", help: "The new action text."),
    OptionSpec("issue", value: "text", help: "The new issue heading."),
    OptionSpec("references", value: "refs", help: "The new references."),
    OptionSpec("partners", value: "list", help: "The new partners."),
    OptionSpec("reason", value: "text", help: "Why."),
  ]
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    submission = envelope.submission(
      .actionAmended(
        ActionAmended(
          action: ActionID(arguments.positional(0)),
          text: arguments.value("text"),
          issue: arguments.value("issue"),
          references: arguments.value("references"),
          partners: arguments.has("partners") ? arguments.list("partners") : nil,
          reason: try arguments.required("reason")
        )
      )
    )
    expectedSize = envelope.expectedSize
  }
}

/// `planledger withdraw`.
struct WithdrawCommand: RecordingCommand {
  static let name = "withdraw"
  static let abstract = "Retire an action from the plan."
  static let usageLine = "<action> --reason <text> [--authority <seq>] --actor <id>"
  static let arguments = [ArgumentSpec(name: "action", help: "The action.")]
  static let eventOptions: [OptionSpec] = [
    OptionSpec("reason", value: "text", help: "Why."),
    OptionSpec("authority", value: "seq", help: "The board decision that agreed it."),
  ]
  let submission: Submission
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    submission = envelope.submission(
      .actionWithdrawn(
        ActionWithdrawn(
          action: ActionID(arguments.positional(0)),
          reason: try arguments.required("reason")
        )
      ),
      authority: try arguments.integer("authority", in: 1...Int.max)
    )
    expectedSize = envelope.expectedSize
  }
}
