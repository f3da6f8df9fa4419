import LedgerStore
import PlanLedger
import PlanReports

/// `planledger import-tables`: builds events from a folder of transcription tables.
struct ImportTablesCommand: Subcommand {
  static let name = "import-tables"
  static let abstract = "Import a folder of transcription tables (how the Croydon ledger is built)."
  static let discussion =
    "Reads documents.csv, people.csv, plan.csv … facts.csv (see EventLog/transcription/"
    + "README.md), checks every row exactly as any other recording is checked, and appends "
    + "all the events in one atomic append, or none: a row that does not validate stops the "
    + "import with its file, row and column. To rebuild the Croydon ledger: planledger "
    + "import-tables EventLog/transcription --actor PLM --init --ledger /tmp/croydon"
  static let usageLine = "<dir> --actor <id> [--init] [--dry-run] [--ledger <dir>]"
  static let arguments = [ArgumentSpec(name: "dir", help: "The folder of tables.")]
  static let options: [OptionSpec] = [
    OptionSpec("actor", value: "id", help: "Who records the events (or set PLANLEDGER_ACTOR)."),
    OptionSpec("init", help: "Create the ledger first if it does not exist."),
    OptionSpec("dry-run", help: "Check every row and list what would be recorded; write nothing."),
  ]

  let directory: String
  let actor: PersonID
  let create: Bool
  let dryRun: Bool

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    directory = arguments.positional(0)
    guard let actor = arguments.value("actor") ?? environment.variables["PLANLEDGER_ACTOR"] else {
      throw .missingOption(option: "--actor (or PLANLEDGER_ACTOR)")
    }
    self.actor = PersonID(actor)
    create = arguments.has("init")
    dryRun = arguments.has("dry-run")
  }

  func run(context: CommandContext) throws {
    var files: [String: String] = [:]
    for name in try context.environment.listDirectory(directory) where name.hasSuffix(".csv") {
      let bytes = try context.environment.readFile(directory + "/" + name)
      files[name] = String(decoding: bytes, as: UTF8.self)
    }
    let batch = try TranscriptionImport(files: files, actor: actor).batch()
    var created = false
    if create && !dryRun {
      let configuration = context.environment.ledgerConfiguration
      if (try? Ledger.open(at: context.ledgerPath, configuration: configuration)) == nil {
        _ = try Ledger.create(at: context.ledgerPath, configuration: configuration)
        created = true
      }
    }
    let result: (receipt: AppendReceipt?, drafts: [EventDraft])
    do {
      let book = try context.openBook(forWriting: !dryRun)
      result = try ImportRunner.run(batch, into: book, dryRun: dryRun)
    } catch {
      // A refused import leaves no ledger it made behind: a retry with --init starts clean.
      if created { try? Ledger.removeEmpty(at: context.ledgerPath) }
      throw error
    }
    if let receipt = result.receipt {
      context.print(
        "imported \(Counted.phrase(receipt.appended, "event")) "
          + "from \(Counted.phrase(files.count, "table")); "
          + "head size \(receipt.head.size), root \(receipt.head.root)"
      )
    } else {
      for draft in result.drafts {
        context.print("\(draft.effective?.description ?? "today")  \(draft.type)  \(draft.stream)")
      }
      context.print(
        "dry run: \(Counted.phrase(result.drafts.count, "event")) would be recorded; "
          + "nothing written"
      )
    }
  }
}

/// `planledger import-tracker`: records what changed in a council's tracker spreadsheet.
struct ImportTrackerCommand: Subcommand {
  static let name = "import-tracker"
  static let abstract = "Import a council's action tracker saved as CSV; records only what changed."
  static let discussion =
    "Columns: No., Priority, Issue, Ofsted ref, Action, Lead, Partners, By when, RAG, "
    + "Commentary (Document and Locator optional); --map \"Owner=Lead\" for other spellings. "
    + "New actions are added; for existing ones a new RAG, lead, date or wording is recorded. "
    + "Dates as councils write them: Dec 17, Ongoing from Jan 18, Review Jan 18 Implement "
    + "Apr 18. All rows or none; errors name the row and column."
  static let usageLine =
    "<file> --actor <id> [--effective <date>] [--map <from=to>]... [--dry-run] "
    + "[--document <name> --locator <text>]"
  static let arguments = [
    ArgumentSpec(name: "file", help: "The tracker CSV (- for standard input).")
  ]
  static let options: [OptionSpec] = [
    OptionSpec("actor", value: "id", help: "Who records (or set PLANLEDGER_ACTOR)."),
    OptionSpec("effective", value: "date", help: "When the changes took effect.", default: "today"),
    OptionSpec(
      "map",
      value: "from=to",
      help: "Read column <from> as <to> (repeatable).",
      repeatable: true
    ),
    OptionSpec("dry-run", help: "List what would be recorded; write nothing."),
    OptionSpec("document", value: "name", help: "Provenance for rows without a Document cell."),
    OptionSpec("locator", value: "text", help: "Where in the document."),
  ]

  let file: String
  let actor: PersonID
  let effective: CalendarDate?
  let mapping: [String: String]
  let dryRun: Bool
  let source: JSONObject?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    file = arguments.positional(0)
    guard let actor = arguments.value("actor") ?? environment.variables["PLANLEDGER_ACTOR"] else {
      throw .missingOption(option: "--actor (or PLANLEDGER_ACTOR)")
    }
    self.actor = PersonID(actor)
    effective = try arguments.date("effective")
    var mapping: [String: String] = [:]
    for pair in arguments.all("map") {
      let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw .invalidValue(option: "--map", value: pair, expected: "a pair such as Owner=Lead")
      }
      mapping[parts[0]] = parts[1]
    }
    self.mapping = mapping
    dryRun = arguments.has("dry-run")
    if let document = arguments.value("document") {
      var members: [String: JSONValue] = ["document": .string(document)]
      if let locator = arguments.value("locator") { members["locator"] = .string(locator) }
      source = JSONObject(members)
    } else {
      source = nil
    }
  }

  func run(context: CommandContext) throws {
    let text = String(decoding: try context.environment.readFile(file), as: UTF8.self)
    let name = file == "-" ? "standard input" : String(file.split(separator: "/").last ?? "")
    let table = try CSVTable(text: text, file: name, mapping: mapping)
    let book = try context.openBook(forWriting: !dryRun)
    let state = try book.view(TimeSlice()).state
    var batch = ImportBatch()
    try TrackerImport(table: table, actor: actor, effective: effective, source: source)
      .submissions(comparedWith: state, into: &batch)
    guard !batch.submissions.isEmpty else {
      context.print("the tracker matches the plan; nothing to record")
      return
    }
    let result = try ImportRunner.run(batch, into: book, dryRun: dryRun)
    if let receipt = result.receipt {
      context.print(AppendCommand.describe(receipt))
    } else {
      for draft in result.drafts {
        context.print(
          "\(draft.type)  \(draft.stream)  \(JSONValue.object(draft.data).canonicalText)"
        )
      }
      context.print(
        "dry run: \(Counted.phrase(result.drafts.count, "event")) would be recorded; "
          + "nothing written"
      )
    }
  }
}
