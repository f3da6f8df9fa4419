import LedgerStore
import PlanLedger

/// Typed values from option text, each refusing with a usage error that names the option.
extension ParsedArguments {
  /// A date option (`YYYY-MM-DD`).
  func date(_ name: String) throws(UsageError) -> CalendarDate? {
    guard let text = value(name) else { return nil }
    guard let date = CalendarDate(text) else {
      throw .invalidValue(option: "--" + name, value: text, expected: "a date YYYY-MM-DD")
    }
    return date
  }

  /// A time option that bounds what was recorded, such as `--as-known-at`.
  ///
  /// Any RFC 3339 date-time (with `Z` or an offset, and any fraction, dropped past the
  /// millisecond), or a date meaning the end of that day: see
  /// `LedgerTimestamp.latest(notAfter:)`.
  func timestamp(_ name: String) throws(UsageError) -> LedgerTimestamp? {
    guard let text = value(name) else { return nil }
    guard let timestamp = LedgerTimestamp.latest(notAfter: text) else {
      throw .invalidValue(
        option: "--" + name,
        value: text,
        expected: "an RFC 3339 time such as 2018-03-14T18:00:00Z or 2018-03-14T19:00:00+01:00, "
          + "or a date YYYY-MM-DD"
      )
    }
    return timestamp
  }

  /// An option that names something (an actor, a type, a stream, a client id): refused
  /// when empty or blank, which names nothing.
  func name(_ option: String) throws(UsageError) -> String? {
    guard let text = value(option) else { return nil }
    guard !text.allSatisfy(\.isWhitespace) else {
      throw .invalidValue(option: "--" + option, value: text, expected: "a name (it is empty)")
    }
    return text
  }

  /// A list option: values separated by commas or semicolons, or the option repeated.
  func list(_ name: String) -> [String] {
    var values: [String] = []
    for text in all(name) {
      for piece in text.split(whereSeparator: { $0 == "," || $0 == ";" }) {
        let trimmed = String(piece).trimmingCharacters()
        if !trimmed.isEmpty { values.append(trimmed) }
      }
    }
    return values
  }

  /// A JSON object option.
  func object(_ name: String) throws(UsageError) -> JSONObject? {
    guard let text = value(name) else { return nil }
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

  /// A positional argument by index.
  func positional(_ index: Int) -> String {
    index < positionals.count ? positionals[index] : ""
  }
}

extension String {
  func trimmingCharacters() -> String {
    var text = Substring(self)
    while text.first?.isWhitespace == true { text = text.dropFirst() }
    while text.last?.isWhitespace == true { text = text.dropLast() }
    return String(text)
  }
}

/// The envelope options every recording command takes.
struct RecordingEnvelope: Sendable {
  static let options: [OptionSpec] = [
    OptionSpec("actor", value: "id", help: "Who records it (or set PLANLEDGER_ACTOR)."),
    OptionSpec(
      "effective",
      value: "date",
      help: "When it took effect in the world, as YYYY-MM-DD.",
      default: "today"
    ),
    OptionSpec(
      "document",
      value: "name",
      help: "The source document it comes from (provenance)."
    ),
    OptionSpec("locator", value: "text", help: "Where in the document (section, table, row)."),
    OptionSpec("source", value: "json", help: "Provenance as a JSON object, instead."),
    OptionSpec("id", value: "id", help: "A client id that makes the recording idempotent."),
    OptionSpec("expect-size", value: "n", help: "Refuse unless the ledger holds n events."),
  ]

  let actor: PersonID
  let effective: CalendarDate?
  let source: JSONObject?
  let id: String?
  let expectedSize: Int?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    guard let actor = try arguments.name("actor") ?? environment.variables["PLANLEDGER_ACTOR"]
    else { throw .missingOption(option: "--actor (or PLANLEDGER_ACTOR)") }
    self.actor = PersonID(actor)
    effective = try arguments.date("effective")
    if arguments.has("source") && (arguments.has("document") || arguments.has("locator")) {
      throw .conflictingOptions("--source", "--document/--locator")
    }
    if let source = try arguments.object("source") {
      self.source = source
    } else if let document = arguments.value("document") {
      var members: [String: JSONValue] = ["document": .string(document)]
      if let locator = arguments.value("locator") { members["locator"] = .string(locator) }
      self.source = JSONObject(members)
    } else {
      if arguments.has("locator") { throw .missingOption(option: "--document") }
      source = nil
    }
    id = try arguments.name("id")
    expectedSize = try arguments.integer("expect-size", in: 0...Int.max)
  }

  func submission(_ event: PlanEvent, authority: Int? = nil) -> Submission {
    Submission(
      event,
      actor: actor,
      effective: effective,
      authority: authority,
      source: source,
      id: id
    )
  }
}

/// A subcommand that records one plan event.
protocol RecordingCommand: Subcommand {
  static var eventOptions: [OptionSpec] { get }
  var submission: Submission { get }
  var expectedSize: Int? { get }
}

extension RecordingCommand {
  static var options: [OptionSpec] { eventOptions + RecordingEnvelope.options }

  func run(context: CommandContext) throws {
    let book = try context.openBook(forWriting: true)
    let receipt = try book.record([submission], expectedSize: expectedSize)
    context.print(AppendCommand.describe(receipt))
  }
}

extension CommandContext {
  /// Opens the ledger as a plan book with the environment's clock and the snapshots.
  ///
  /// - Parameter forWriting: Whether the command is to append (see ``openLedger(forWriting:)``).
  /// - Returns: The plan book.
  /// - Throws: What ``openLedger(forWriting:)`` throws.
  func openBook(forWriting: Bool = false) throws -> PlanBook {
    PlanBook(
      ledger: try openLedger(forWriting: forWriting),
      clock: environment.clock,
      snapshots: SnapshotStore(directory: snapshotsPath)
    )
  }

  /// The view of a slice, printing which snapshot answered it when asked (`--explain`)
  /// and a warning for each snapshot that was ignored.
  func view(_ book: PlanBook, _ slice: TimeSlice, explain: Bool) throws -> PlanView {
    let (view, use) = try book.explainedView(slice)
    for line in use.ignored { warn(line) }
    if explain { errors.write("note: \(use)\n") }
    return view
  }
}
