import LedgerStore
import PlanLedger
import PlanReports

/// `planledger narrative`.
struct NarrativeCommand: Subcommand {
  static let name = "narrative"
  static let abstract = "Write the progress narrative between two dates or two boards."
  static let discussion =
    "Covers what took effect after the start, up to and including the end, each end read "
    + "as of its date in the light of everything recorded. Without dates: between the last "
    + "two boards, or the whole history when fewer than two are recorded; with only an end: "
    + "since the board before it. With --as-known-at T, only what had been recorded by T: "
    + "the narrative as it could have been written then. Every statement cites the seqs it "
    + "rests on, and the footer gives the tree head to verify with 'planledger verify' and "
    + "'planledger head --size N'."
  static let usageLine =
    "[--from <date> | --since-board <date>] [--to <date> | --board <date>] "
    + "[--as-known-at <time>] [--format markdown|text|html]"
  static let options: [OptionSpec] = [
    OptionSpec("from", value: "date", help: "Start after this date."),
    OptionSpec("since-board", value: "date", help: "Start after the board meeting on this date."),
    OptionSpec("to", value: "date", help: "End on this date.", default: "today"),
    OptionSpec("board", value: "date", help: "End at the board meeting on this date."),
    .asKnownAt,
    OptionSpec(
      "format",
      value: "format",
      help: "markdown, text or html.",
      default: "markdown"
    ),
  ]

  let from: NarrativePeriod.Bound?
  let to: NarrativePeriod.Bound?
  let knownAt: LedgerTimestamp?
  let format: NarrativeFormat

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    if arguments.has("from") && arguments.has("since-board") {
      throw .conflictingOptions("--from", "--since-board")
    }
    if arguments.has("to") && arguments.has("board") {
      throw .conflictingOptions("--to", "--board")
    }
    if let date = try arguments.date("from") {
      from = .date(date)
    } else {
      from = try arguments.date("since-board").map { .board($0) }
    }
    if let date = try arguments.date("to") {
      to = .date(date)
    } else {
      to = try arguments.date("board").map { .board($0) }
    }
    if let from, let to, to.day < from.day {
      let option = arguments.has("to") ? "--to" : "--board"
      throw .invalidValue(option: option, value: to.day.description, expected: "after the start")
    }
    knownAt = try arguments.timestamp("as-known-at")
    format =
      NarrativeFormat(
        rawValue: try arguments.choice(
          "format",
          from: NarrativeFormat.allCases.map(\.rawValue),
          default: "markdown"
        )
      ) ?? .markdown
  }

  func run(context: CommandContext) throws {
    let book = try context.openBook()
    let chronicle = try PlanChronicle(book: book, knownAt: knownAt)
    let period = try NarrativePeriod.resolve(from: from, to: to, in: chronicle, today: book.today)
    if period.end < period.start {
      throw UsageError.invalidValue(
        option: from.map { if case .board = $0 { "--since-board" } else { "--from" } } ?? "--to",
        value: period.start.description,
        expected: "before the end (\(period.end))"
      )
    }
    let narrative = try Narrative(chronicle: chronicle, period: period)
    // Written as rendered: the text of a long period is never held whole.
    format.renderer.render(narrative) { context.output.write($0) }
  }
}

/// `planledger report`.
struct ReportCommand: Subcommand {
  static let name = "report"
  static let abstract = "Write the board report: one self-contained, accessible HTML file."
  static let discussion =
    "The plan as of the board's date: status by priority (table and chart), the change "
    + "since the previous board, exceptions, decisions, findings, measure trends against "
    + "targets, the narrative since the previous board, and the provenance (tree head, "
    + "seqs, source documents). No external assets: the CSS and the SVG charts are inline, "
    + "with a print stylesheet. A date with no recorded meeting gives the plan as of that "
    + "date, and says so. With --as-known-at T, only what had been recorded by T: the "
    + "papers as they could have been written then (the board's own day is --as-known-at D)."
  static let usageLine = "--board <date> [--as-known-at <time>] --out <file.html>"
  static let options: [OptionSpec] = [
    OptionSpec("board", value: "date", help: "The board's date."),
    .asKnownAt,
    OptionSpec("out", value: "file", help: "The HTML file to write (- for standard output)."),
  ]

  let board: CalendarDate
  let knownAt: LedgerTimestamp?
  let out: String

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    guard let board = try arguments.date("board") else { throw .missingOption(option: "--board") }
    self.board = board
    knownAt = try arguments.timestamp("as-known-at")
    out = try arguments.required("out")
  }

  func run(context: CommandContext) throws {
    let book = try context.openBook()
    let chronicle = try PlanChronicle(book: book, knownAt: knownAt)
    let report = try BoardReport(chronicle: chronicle, board: board)
    let html = report.html
    if out == "-" {
      context.output.write(html)
    } else {
      try context.environment.writeFile(out, Array(html.utf8))
      context.print(
        "wrote \(out): board report as of \(board), tree size \(report.head.size), "
          + "root \(report.head.root)"
      )
    }
  }
}
