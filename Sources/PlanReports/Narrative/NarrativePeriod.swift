public import LedgerStore
import PlanLedger

/// The two ends of a narrative: the plan as it stood at `start` and at `end`, and what took
/// effect after `start` up to and including `end`.
///
/// Both ends read the plan as of their date in the light of everything in the ledger (the
/// `--as-of` reading of `planledger state`), so a late report or a correction recorded after
/// a board still counts. An end may be a board meeting, which the narrative names.
public struct NarrativePeriod: Hashable, Sendable {
  /// The last day before the period; the plan's starting point is as of this date.
  public let start: CalendarDate
  /// The last day of the period.
  public let end: CalendarDate
  /// Whether the period starts before the first record (the whole history).
  public let fromBeginning: Bool
  /// Whether `start` was chosen as a board meeting's date.
  public let startsAtBoard: Bool
  /// Whether `end` was chosen as a board meeting's date.
  public let endsAtBoard: Bool

  /// Makes a period.
  ///
  /// - Parameters:
  ///   - start: The last day before the period.
  ///   - end: The last day of the period.
  ///   - fromBeginning: Whether the period is the whole history up to `end`.
  ///   - startsAtBoard: Whether `start` is a board meeting's date.
  ///   - endsAtBoard: Whether `end` is a board meeting's date.
  public init(
    start: CalendarDate,
    end: CalendarDate,
    fromBeginning: Bool = false,
    startsAtBoard: Bool = false,
    endsAtBoard: Bool = false
  ) {
    self.start = start
    self.end = end
    self.fromBeginning = fromBeginning
    self.startsAtBoard = startsAtBoard
    self.endsAtBoard = endsAtBoard
  }

  /// Whether something that took effect on `date` took effect in the period: after
  /// ``start``, up to and including ``end``.
  ///
  /// - Parameter date: An effective date.
  /// - Returns: Whether it is in the period.
  public func contains(_ date: CalendarDate) -> Bool {
    date > start && date <= end
  }

  /// One end of a period as a user asks for it.
  public enum Bound: Hashable, Sendable {
    /// A date.
    case date(CalendarDate)
    /// The date of a recorded board meeting (refused if none is recorded on it).
    case board(CalendarDate)

    /// The bound's date.
    public var day: CalendarDate {
      switch self {
      case .date(let date), .board(let date): date
      }
    }
  }

  /// Resolves the ends a user gave, filling in the defaults.
  ///
  /// With neither end, the period runs between the last two boards held by `today` or,
  /// with fewer than two, is the whole history up to `today`. With only an end, it starts
  /// at the last board before that end (or the beginning); with only a start, it ends
  /// `today`.
  ///
  /// - Parameters:
  ///   - from: The start asked for, if any.
  ///   - to: The end asked for, if any.
  ///   - chronicle: The ledger's records (read in one pass that decodes only the meetings,
  ///     for the meetings held and the start of the history).
  ///   - today: The date the command line passes in (the library never reads the clock).
  /// - Returns: The period.
  /// - Throws: `Refusal.unknownMeeting` when a `.board` bound names
  ///   a date with no recorded meeting; an I/O error or `RecordError` from reading.
  public static func resolve(
    from: Bound?,
    to: Bound?,
    in chronicle: PlanChronicle,
    today: CalendarDate
  ) throws -> NarrativePeriod {
    let survey = try chronicle.survey(through: max(today, to?.day ?? today))
    let meetings = survey.meetings
    let boardDates = Array(Set(meetings.keys.map(\.date))).sorted()
    for bound in [from, to] {
      guard case .board(let date)? = bound, !boardDates.contains(date) else { continue }
      let nearest = boardDates.sorted {
        (abs($0.days(since: date)), $0) < (abs($1.days(since: date)), $1)
      }
      let board =
        meetings.values.min {
          abs($0.value.date.days(since: date)) < abs($1.value.date.days(since: date))
        }?
        .value.board ?? "the board"
      throw Refusal.unknownMeeting(board: board, date: date, nearest: Array(nearest.prefix(2)))
    }
    let beginning = survey.firstDate.map { $0.adding(days: -1) }
    if from == nil && to == nil {
      let held = boardDates.filter { $0 <= today }
      if held.count >= 2 {
        return NarrativePeriod(
          start: held[held.count - 2],
          end: held[held.count - 1],
          startsAtBoard: true,
          endsAtBoard: true
        )
      }
      return NarrativePeriod(
        start: min(beginning ?? today, today),
        end: today,
        fromBeginning: true
      )
    }
    let end = to?.day ?? today
    let endsAtBoard = to.map { if case .board = $0 { true } else { false } } ?? false
    if let from {
      let startsAtBoard = if case .board = from { true } else { false }
      return NarrativePeriod(
        start: from.day,
        end: end,
        startsAtBoard: startsAtBoard,
        endsAtBoard: endsAtBoard
      )
    }
    if let previous = boardDates.last(where: { $0 < end }) {
      return NarrativePeriod(
        start: previous,
        end: end,
        startsAtBoard: true,
        endsAtBoard: endsAtBoard
      )
    }
    return NarrativePeriod(
      start: min(beginning ?? end, end),
      end: end,
      fromBeginning: true,
      endsAtBoard: endsAtBoard
    )
  }
}
