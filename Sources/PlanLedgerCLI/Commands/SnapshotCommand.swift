import LedgerStore
import PlanLedger

/// `planledger snapshot`: writes, lists or prunes snapshots.
struct SnapshotCommand: Subcommand {
  static let name = "snapshot"
  static let abstract = "Save the plan as of dates, so views of those dates answer at once."
  static let discussion =
    "Each snapshot is the folded plan as of a date, bound to the tree head it was built "
    + "from and sealed with its own hash, in the snapshots directory (default Snapshots "
    + "beside the ledger). Reading commands use the best fitting snapshot automatically "
    + "(--explain says which); one that no longer fits, or does not check, is ignored with "
    + "a warning and the answer comes from replay. Snapshots are only an accelerator: they "
    + "never change an answer. --prune removes those that can no longer serve."
  static let usageLine =
    "[--as-of <date>]... [--boards] [--monthly] [--prune] [--list] [--snapshots <dir>]"
  static let options: [OptionSpec] = [
    OptionSpec("as-of", value: "date", help: "A date to snapshot (repeatable).", repeatable: true),
    OptionSpec("boards", help: "Snapshot every board meeting's date."),
    OptionSpec("monthly", help: "Snapshot the last day of every month the plan spans."),
    OptionSpec("prune", help: "Remove snapshots that can no longer serve."),
    OptionSpec("list", help: "List the snapshots and whether each can serve."),
  ]

  let dates: [CalendarDate]
  let boards: Bool
  let monthly: Bool
  let prune: Bool
  let list: Bool

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    var dates: [CalendarDate] = []
    for text in arguments.all("as-of") {
      guard let date = CalendarDate(text) else {
        throw .invalidValue(option: "--as-of", value: text, expected: "a date YYYY-MM-DD")
      }
      dates.append(date)
    }
    self.dates = dates
    boards = arguments.has("boards")
    monthly = arguments.has("monthly")
    prune = arguments.has("prune")
    list = arguments.has("list")
    if dates.isEmpty && !boards && !monthly && !prune && !list {
      throw .missingOption(option: "--as-of, --boards, --monthly, --prune or --list")
    }
  }

  func run(context: CommandContext) throws {
    let book = try context.openBook()
    guard let store = book.snapshots else { return }
    if prune || list {
      for (entry, problem) in try book.auditSnapshots() {
        if let problem {
          if prune {
            try store.remove(entry)
            context.print("removed \(entry.name): \(problem)")
          } else {
            context.print("\(entry.name)  cannot serve: \(problem)")
          }
        } else if list {
          context.print("\(entry.name)  serves views as of \(entry.asOf) (tree size \(entry.size))")
        }
      }
    }
    var wanted = dates
    if boards || monthly {
      let state = try book.view(TimeSlice()).state
      if boards { wanted += state.meetings.keys.map(\.date) }
      if monthly { wanted += try monthEnds(book) }
    }
    guard !wanted.isEmpty else { return }
    let snapshots = try book.buildSnapshots(asOf: wanted)
    for snapshot in snapshots {
      let name = try store.write(snapshot)
      context.print("wrote \(store.directory)/\(name)")
    }
  }

  /// The last day of every month from the earliest effective date to the latest.
  private func monthEnds(_ book: PlanBook) throws -> [CalendarDate] {
    var earliest: CalendarDate?
    var latest: CalendarDate?
    try book.ledger.forEachLine { line in
      if let date = try EventLineFields(line.bytes).effective {
        earliest = min(earliest ?? date, date)
        latest = max(latest ?? date, date)
      }
      return true
    }
    guard let first = earliest, let last = latest else { return [] }
    var ends: [CalendarDate] = []
    var (year, month, _) = first.components
    while true {
      guard let start = CalendarDate(year: year, month: month, day: 1) else { break }
      if start > last { break }
      month += 1
      if month > 12 {
        month = 1
        year += 1
      }
      if let next = CalendarDate(year: year, month: month, day: 1) {
        ends.append(next.adding(days: -1))
      }
    }
    return ends
  }
}
