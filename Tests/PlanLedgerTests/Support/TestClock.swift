import LedgerStore
import PlanLedger
import Synchronization
import Testing

/// A clock the test sets by hand, shared by the ledger (`recorded`) and the plan book
/// ("today").
///
/// It never moves by itself, so every `recorded` stamp and every "today" in a test is
/// known in advance.
final class TestClock: LedgerClock {
  private let current: Mutex<LedgerTimestamp>

  /// Starts the clock at an instant.
  init(_ start: LedgerTimestamp) {
    current = Mutex(start)
  }

  /// Starts the clock at `text`: an RFC 3339 instant, or a date meaning 09:00 UTC that day.
  convenience init(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    self.init(instant(text, sourceLocation: sourceLocation))
  }

  func now() -> LedgerTimestamp {
    current.withLock { $0 }
  }

  /// Sets the clock to `text`: an RFC 3339 instant, or a date meaning 09:00 UTC that day.
  func set(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let time = instant(text, sourceLocation: sourceLocation)
    current.withLock { $0 = time }
  }
}

/// The calendar date written `YYYY-MM-DD`; records an issue for anything else.
func day(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> CalendarDate {
  guard let date = CalendarDate(text) else {
    Issue.record("\"\(text)\" is not a date YYYY-MM-DD", sourceLocation: sourceLocation)
    return CalendarDate(dayNumber: 0)
  }
  return date
}

/// The due date written `YYYY-MM` or `YYYY-MM-DD`.
func due(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> DueDate {
  try #require(DueDate(text), "\"\(text)\" is not a due date", sourceLocation: sourceLocation)
}

/// The instant written as RFC 3339 (`2018-01-10T09:00:00Z`), or a date `YYYY-MM-DD`
/// meaning 09:00 UTC that day.
func instant(
  _ text: String,
  sourceLocation: SourceLocation = #_sourceLocation
)
  -> LedgerTimestamp
{
  if let date = CalendarDate(text) {
    return LedgerTimestamp(
      millisecondsSinceEpoch: LedgerTimestamp(startOf: date)
        .millisecondsSinceEpoch + 9 * 3_600_000
    )
  }
  guard let time = LedgerTimestamp(text) else {
    Issue.record("\"\(text)\" is not an RFC 3339 instant", sourceLocation: sourceLocation)
    return LedgerTimestamp(millisecondsSinceEpoch: 0)
  }
  return time
}
