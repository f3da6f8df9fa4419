public import LedgerStore
public import PlanLedger

/// The plan's status counts at the end of each month: the data of a stacked status chart,
/// for the whole plan or one priority.
public struct StatusTimeline: Hashable, Sendable {
  /// One month's counts.
  public struct Point: Hashable, Sendable {
    /// The month.
    public let month: DueDate
    /// The date counted: the month's last day, or the timeline's last date.
    public let date: CalendarDate
    /// The counts on that date.
    public let summary: PlanView.Summary
  }

  /// The priority counted, or `nil` for the whole plan.
  public let priority: PriorityNumber?
  /// One point per month, oldest first.
  public let points: [Point]

  /// Counts the plan at each month end from its first action's month to `date`, at most
  /// `months` months: one lean pass over the log.
  ///
  /// - Parameters:
  ///   - chronicle: The ledger's records.
  ///   - date: The last date (its month's point counts this date, not the month's end).
  ///   - months: The most months to show, counting back from `date`'s month.
  ///   - priority: Count one priority's actions only, or the whole plan.
  /// - Throws: An I/O error or `RecordError`.
  public init(
    chronicle: PlanChronicle,
    through date: CalendarDate,
    months: Int = 24,
    priority: PriorityNumber? = nil
  ) throws {
    let calendar = Self.months(through: date, count: months)
    var first = FirstAction(priority: priority)
    let views = try chronicle.read(asOf: calendar.map(\.date), visiting: { first.note($0) })
    self.init(priority: priority, through: date, months: calendar, views: views, first: first)
  }

  /// Counts the plan on the months of ``months(through:count:)`` from views read in a pass
  /// that also noted the first action.
  ///
  /// - Parameters:
  ///   - priority: The priority counted, or `nil` for the whole plan.
  ///   - date: The last date.
  ///   - calendar: The months, as ``months(through:count:)`` gave them.
  ///   - views: The plan on each month's date.
  ///   - first: The first action added, noted in the pass that read `views`.
  init(
    priority: PriorityNumber?,
    through date: CalendarDate,
    months calendar: [Month],
    views: [PlanView],
    first: FirstAction
  ) {
    self.priority = priority
    guard let first = first.date, first <= date else {
      points = []
      return
    }
    let (firstYear, firstMonth, _) = first.components
    let firstIndex = firstYear * 12 + firstMonth - 1
    points = zip(calendar, views).compactMap { month, view in
      guard month.index >= firstIndex else { return nil }
      let counted = priority.map { view.filtered(priority: $0) } ?? view
      return Point(month: month.label, date: month.date, summary: counted.summary)
    }
  }

  /// A month a timeline may show: its label, its number (year × 12 + month − 1) and the
  /// date counted.
  typealias Month = (label: DueDate, index: Int, date: CalendarDate)

  /// The last `count` months up to `date`'s (at least one), each with the date counted: its
  /// last day, or `date` for `date`'s own month.
  ///
  /// A timeline shows those from its first action's month on; the first action is found in
  /// the same pass that reads the plan on these dates.
  static func months(through date: CalendarDate, count: Int) -> [Month] {
    let (endYear, endMonth, _) = date.components
    let last = endYear * 12 + endMonth - 1
    var months: [Month] = []
    for index in (last - max(count, 1) + 1)...last {
      let (year, month) = (index / 12, index % 12 + 1)
      guard let label = DueDate(year: year, month: month) else { continue }
      months.append((label, index, index == last ? date : label.deadline))
    }
    return months
  }

  /// The earliest effective date of an `action.added` counted, noted as a pass goes by.
  struct FirstAction {
    /// The priority counted, or `nil` for the whole plan.
    let priority: PriorityNumber?
    /// The earliest effective date seen.
    private(set) var date: CalendarDate?

    /// Starts with nothing seen.
    init(priority: PriorityNumber?) {
      self.priority = priority
    }

    /// Notes a record, if it adds an action counted.
    mutating func note(_ record: PlanRecord) {
      guard case .actionAdded(let added) = record.event,
        priority.map({ added.priority == $0 }) ?? true
      else { return }
      if date.map({ record.effective < $0 }) ?? true { date = record.effective }
    }
  }
}
