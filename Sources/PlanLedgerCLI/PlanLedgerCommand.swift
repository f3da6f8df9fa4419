import LedgerStore
import PlanLedger

/// The `planledger` command: finds the subcommand, parses its arguments, runs it, and maps
/// what it throws to one `error:` line and an exit status.
enum PlanLedgerCommand {
  static let version = "1.0.0"

  /// Every subcommand, in the order help lists them.
  static let subcommands: [any Subcommand.Type] = [
    StateCommand.self,
    HistoryCommand.self,
    AuditCommand.self,
    DiffCommand.self,
    NarrativeCommand.self, ReportCommand.self,
    BoardsCommand.self,
    PeopleCommand.self,
    MeasuresCommand.self,
    StatusCommand.self,
    NoteCommand.self,
    ReviseDueCommand.self,
    ReassignCommand.self,
    AmendCommand.self,
    WithdrawCommand.self,
    AddActionCommand.self,
    MeetingCommand.self,
    DecideCommand.self,
    VisitCommand.self,
    FindingCommand.self,
    DefineMeasureCommand.self,
    SetTargetCommand.self,
    MeasureCommand.self,
    CorrectCommand.self,
    RetractCommand.self,
    RegisterCommand.self,
    AssignRoleCommand.self,
    EndRoleCommand.self,
    CreatePlanCommand.self,
    AddWorkstreamCommand.self,
    AddPriorityCommand.self,
    AddRecommendationCommand.self,
    PolicyCommand.self,
    ImportTrackerCommand.self,
    ImportTablesCommand.self,
    SnapshotCommand.self,
    InitCommand.self,
    AppendCommand.self,
    ExportCommand.self,
    VerifyCommand.self,
    HeadCommand.self,
    ProveCommand.self,
    CheckProofCommand.self,
  ]

  static let abstract =
    "Keep the tamper-evident history of an improvement plan and read it back as at any date."

  /// Runs a command line with collected output, for tests.
  ///
  /// - Parameters:
  ///   - arguments: The words after `planledger`.
  ///   - environment: What the command may read from the world.
  ///   - output: Receives standard output.
  ///   - errors: Receives standard error.
  /// - Returns: The exit status.
  static func run(
    _ arguments: [String],
    environment: ToolEnvironment,
    output: inout String,
    errors: inout String
  ) -> ExitStatus {
    let out = OutputSink()
    let err = OutputSink()
    let status = run(arguments, environment: environment, output: out, errors: err)
    output = out.text
    errors = err.text
    return status
  }

  /// Runs a command line.
  static func run(
    _ arguments: [String],
    environment: ToolEnvironment,
    output: OutputSink,
    errors: OutputSink
  ) -> ExitStatus {
    defer {
      output.flush()
      errors.flush()
    }
    guard let first = arguments.first else {
      output.write(rootHelp)
      return .success
    }
    switch first {
    case "-h", "--help":
      output.write(rootHelp)
      return .success
    case "--version":
      output.write(version + "\n")
      return .success
    case "help":
      guard arguments.count > 1 else {
        output.write(rootHelp)
        return .success
      }
      guard let command = subcommand(named: arguments[1]) else {
        return fail(
          UsageError.unknownSubcommand(arguments[1], nearest: nearestSubcommands(arguments[1])),
          command: nil,
          errors: errors
        )
      }
      output.write(HelpFormatter.help(for: command))
      return .success
    default:
      break
    }
    guard let command = subcommand(named: first) else {
      let error =
        first.hasPrefix("-")
        ? UsageError.unknownOption(first, nearest: [])
        : UsageError.unknownSubcommand(first, nearest: nearestSubcommands(first))
      return fail(error, command: nil, errors: errors)
    }
    let words = Array(arguments.dropFirst())
    do {
      let parsed = try ParsedArguments(
        words,
        options: command.allOptions,
        arguments: command.arguments
      )
      if parsed.has("help") {
        output.write(HelpFormatter.help(for: command))
        return .success
      }
      let ledgerPath =
        parsed.value("ledger") ?? environment.variables["PLANLEDGER_LEDGER"] ?? "EventLog"
      let instance = try command.init(parsed, environment: environment)
      let context = CommandContext(
        environment: environment,
        ledgerPath: ledgerPath,
        snapshotsPath: parsed.value("snapshots") ?? environment.variables["PLANLEDGER_SNAPSHOTS"]
          ?? Self.defaultSnapshots(besides: ledgerPath),
        output: output,
        errors: errors
      )
      try instance.run(context: context)
      return .success
    } catch {
      return fail(error, command: command, errors: errors)
    }
  }

  private static func fail(
    _ error: any Error,
    command: (any Subcommand.Type)?,
    errors: OutputSink
  ) -> ExitStatus {
    let status = ExitStatus(for: error)
    if let error = error as? SilentFailure {
      return error.status
    }
    errors.write("error: \(error)\n")
    if status == .usage {
      if let command {
        errors.write("Usage: \(HelpFormatter.usage(for: command))\n")
        errors.write("Run 'planledger \(command.name) --help' for details.\n")
      } else {
        errors.write("Run 'planledger --help' for the list of subcommands.\n")
      }
    }
    return status
  }

  /// `Snapshots` in the directory that holds the ledger directory.
  static func defaultSnapshots(besides ledger: String) -> String {
    var path = ledger
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    guard let slash = path.lastIndex(of: "/") else { return "Snapshots" }
    let parent = path[..<slash]
    return parent.isEmpty ? "/Snapshots" : parent + "/Snapshots"
  }

  private static func subcommand(named name: String) -> (any Subcommand.Type)? {
    subcommands.first { $0.name == name }
  }

  private static func nearestSubcommands(_ word: String) -> [String] {
    NearestSpelling.nearest(word, among: subcommands.map { $0.name })
  }

  static var rootHelp: String {
    var text = HelpFormatter.wrap("OVERVIEW: \(abstract)", indent: 0) + "\n\n"
    text += "USAGE: planledger <subcommand> [options]\n\n"
    text += "OPTIONS:\n"
    text += HelpFormatter.entry("--version", "Show the version.")
    text += HelpFormatter.entry("-h, --help", "Show this help.")
    text += "\nSUBCOMMANDS:\n"
    for command in subcommands {
      text += HelpFormatter.entry(command.name, command.abstract)
    }
    text += "\n  See 'planledger help <subcommand>' for detailed help.\n"
    return text
  }
}

/// A failure whose diagnostics the command has already printed (such as `verify`'s
/// list of problems); only the status remains.
struct SilentFailure: Error {
  let status: ExitStatus
}
