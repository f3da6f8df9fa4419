import LedgerStore
import PlanLedger

/// `planledger policy`: shows the rules in force, or records new ones.
struct PolicyCommand: Subcommand {
  static let name = "policy"
  static let abstract = "Show the policy rules in force, or record new ones."
  static let discussion =
    "Without options, prints the rules in force today (a new ledger allows any registered "
    + "person to record anything). --set FILE records the rules in a JSON file such as "
    + "{\"rules\": [{\"roles\": [\"lead officer\"], \"types\": [\"action.status_changed\"], "
    + "\"own_actions\": true}], \"complete_needs_authority\": true}. --governance records the "
    + "plan's governance "
    + "(lead officers report on the actions they lead; decisions and findings only by the "
    + "programme office or board secretary; completion needs a board decision); "
    + "--permissive records the default. The rules are events, so every change is audited."
  static let usageLine =
    "[--set <file> | --governance | --permissive --actor <id>] [--format text|json]"
  static let options: [OptionSpec] =
    [
      OptionSpec("set", value: "file", help: "Record the rules in this JSON file."),
      OptionSpec("governance", help: "Record the plan's governance rules."),
      OptionSpec("permissive", help: "Record the permissive default rules."),
      OptionSpec("format", value: "format", help: "text or json.", default: "text"),
    ] + RecordingEnvelope.options

  enum Mode {
    case show(json: Bool)
    case record(Submission, expectedSize: Int?)
  }

  let mode: Mode
  let rulesFile: String?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    let chosen = ["set", "governance", "permissive"].filter { arguments.has($0) }
    if chosen.count > 1 { throw .conflictingOptions("--" + chosen[0], "--" + chosen[1]) }
    rulesFile = arguments.value("set")
    guard let choice = chosen.first else {
      let json = try arguments.choice("format", from: ["text", "json"], default: "text") == "json"
      mode = .show(json: json)
      return
    }
    let envelope = try RecordingEnvelope(arguments, environment: environment)
    let rules: PolicyRuleSet =
      choice == "governance" ? .governance : choice == "permissive" ? .permissive : .permissive
    mode = .record(envelope.submission(.policyRuleSet(rules)), expectedSize: envelope.expectedSize)
  }

  func run(context: CommandContext) throws {
    let book: PlanBook
    if case .record = mode {
      book = try context.openBook(forWriting: true)
    } else {
      book = try context.openBook()
    }
    switch mode {
    case .show(let json):
      let view = try book.view(TimeSlice(asOf: book.today))
      let rules = view.state.rules
      if json {
        context.print(JSONValue.object(PlanEvent.policyRuleSet(rules).data).canonicalText)
        return
      }
      let origin =
        view.state.policy.map {
          "recorded at seq \($0.stamp.seq), in force from \($0.stamp.effective)"
        }
        ?? "the default of a new ledger"
      context.print("Policy in force on \(view.date) (\(origin)):")
      for (number, rule) in rules.rules.enumerated() {
        context.print("  \(number + 1). \(rule.words)")
      }
      context.print(
        rules.completeNeedsAuthority
          ? "  Marking an action complete needs --authority: a board decision that concerns it."
          : "  Marking an action complete needs no authority."
      )
    case .record(var submission, let expectedSize):
      if let rulesFile {
        let bytes = try context.environment.readFile(rulesFile)
        guard case .object(let object)? = try? JSONValue(parsing: bytes) else {
          throw UsageError.invalidValue(
            option: "--set",
            value: rulesFile,
            expected: "a JSON object"
          )
        }
        submission.event = try Submission(
          draft: EventDraft(type: "policy.rule_set", stream: "policy", actor: "-", data: object)
        ).event
      }
      let receipt = try book.record([submission], expectedSize: expectedSize)
      context.print(AppendCommand.describe(receipt))
    }
  }
}
