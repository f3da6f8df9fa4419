import LedgerStore
import PlanLedger
import PlanReports

/// `planledger append`: the engine's door, one event or a batch.
struct AppendCommand: Subcommand {
  static let name = "append"
  static let abstract = "Append one event, or a batch of events atomically."
  static let discussion =
    "With --batch FILE (- for standard input), each line is an event as JSON without v, "
    + "seq, recorded and prev, which the ledger sets: all are appended or none. An --id "
    + "already in the ledger appends nothing and prints the original seq. Every event is "
    + "checked as the recording commands check theirs: its type must be a plan event type, "
    + "its data that type's members, its actor registered.\n\nPlan event types: "
    + PlanEventType.allCases.map(\.rawValue).joined(separator: ", ") + "."
  static let usageLine =
    "--actor <id> --type <type> --stream <stream> [--effective <date>] [--data <json>] "
    + "[--source <json>] [--authority <json>] [--id <id>] [--expect-size <n>] | --batch <file>"
  static let options: [OptionSpec] = [
    OptionSpec("actor", value: "id", help: "Who records it (or set PLANLEDGER_ACTOR)."),
    OptionSpec("type", value: "type", help: "The event type, e.g. action.status_changed."),
    OptionSpec("stream", value: "stream", help: "The entity it is about, e.g. action/7.3."),
    OptionSpec(
      "effective",
      value: "date",
      help: "When it took effect, as YYYY-MM-DD.",
      default: "today"
    ),
    OptionSpec("data", value: "json", help: "The payload, a JSON object.", default: "{}"),
    OptionSpec("source", value: "json", help: "Provenance, a JSON object."),
    OptionSpec(
      "authority",
      value: "json",
      help: "What authorised it: {\"seq\": N}, N the seq of a board decision."
    ),
    OptionSpec("id", value: "id", help: "A client id that makes the append idempotent."),
    OptionSpec("expect-size", value: "n", help: "Refuse unless the ledger holds n events."),
    OptionSpec("batch", value: "file", help: "Append the events of a JSON Lines file."),
  ]

  enum Input {
    case single(EventDraft)
    case batch(path: String)
  }

  let input: Input
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    expectedSize = try arguments.integer("expect-size", in: 0...Int.max)
    if let path = arguments.value("batch") {
      for single in ["actor", "type", "stream", "effective", "data", "source", "authority", "id"]
      where arguments.has(single) {
        throw .conflictingOptions("--batch", "--" + single)
      }
      input = .batch(path: path)
      return
    }
    let actor = try arguments.name("actor") ?? environment.variables["PLANLEDGER_ACTOR"]
    guard let actor else { throw .missingOption(option: "--actor") }
    var effective: CalendarDate?
    if let text = arguments.value("effective") {
      guard let date = CalendarDate(text) else {
        throw .invalidValue(option: "--effective", value: text, expected: "a date YYYY-MM-DD")
      }
      effective = date
    }
    input = .single(
      EventDraft(
        id: try arguments.name("id"),
        type: try Self.named(arguments, "type"),
        stream: try Self.named(arguments, "stream"),
        effective: effective,
        actor: actor,
        authority: try Self.object(arguments, "authority"),
        source: try Self.object(arguments, "source"),
        data: try Self.object(arguments, "data") ?? [:]
      )
    )
  }

  private static func object(
    _ arguments: ParsedArguments,
    _ name: String
  ) throws(UsageError)
    -> JSONObject?
  {
    guard let text = arguments.value(name) else { return nil }
    let value: JSONValue
    do {
      value = try JSONValue(parsing: text)
    } catch {
      throw .invalidValue(option: "--" + name, value: text, expected: "valid JSON (\(error))")
    }
    guard case .object(let object) = value else {
      throw .invalidValue(option: "--" + name, value: text, expected: "a JSON object")
    }
    return object
  }

  func run(context: CommandContext) throws {
    let book = try context.openBook(forWriting: true)
    // The raw door checks plan events like every other path, under the same lock.
    let receipt: AppendReceipt
    switch input {
    case .single(let draft):
      let submission = try BatchFile.submission(draft, ordinal: 0, count: 1)
      receipt = try book.record([submission], expectedSize: expectedSize)
    case .batch(let path):
      let batch = try BatchFile(
        path: path,
        scratchDirectory: context.environment.ledgerConfiguration.scratchDirectory ?? "/tmp"
      )
      receipt = try book.record(batch: batch, expectedSize: expectedSize)
    }
    context.print(Self.describe(receipt))
  }

  /// Seqs as runs: `3–5, 9`.
  static func ranges(_ seqs: [Int]) -> String {
    SeqRuns.runs(seqs).map { $0.first == $0.last ? "\($0.first)" : "\($0.first)–\($0.last)" }
      .joined(separator: ", ")
  }

  /// A required option that names something (see `ParsedArguments.name(_:)`).
  static func named(_ arguments: ParsedArguments, _ option: String) throws(UsageError) -> String {
    guard let text = try arguments.name(option) else { throw .missingOption(option: "--" + option) }
    return text
  }

  static func describe(_ receipt: AppendReceipt) -> String {
    let seqs = receipt.seqs
    let which: String
    if seqs.count == 1 {
      which =
        receipt.appended == 1 ? "appended seq \(seqs[0])" : "already recorded as seq \(seqs[0])"
    } else {
      // The new events are the last `appended` seqs of the head; any other seq of the
      // receipt is an id already recorded.
      let new = (receipt.head.size - receipt.appended + 1)..<(receipt.head.size + 1)
      let known = Set(seqs.filter { !new.contains($0) }).sorted()
      var parts = [
        "appended \(receipt.appended) of \(Counted.phrase(seqs.count, "event"))"
          + (new.isEmpty ? "" : " (seq \(Self.ranges(Array(new))))")
      ]
      if !known.isEmpty {
        parts.append(
          "\(seqs.count - receipt.appended) already recorded (seq \(Self.ranges(known)))"
        )
      }
      which = parts.joined(separator: "; ")
    }
    return "\(which); head size \(receipt.head.size), root \(receipt.head.root)"
  }
}
