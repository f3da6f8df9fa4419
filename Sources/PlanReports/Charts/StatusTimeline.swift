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
  /// `months` months.
  ///
  /// - Parameters:
  ///   - chronicle: The ledger's records.
  ///   - date: The last date (its month's point counts this date, not the month's end).
  ///   - months: The most months to show, counting back from `date`'s month.
  ///   - priority: Count one priority's actions only, or the whole plan.
  public init(
    chronicle: PlanChronicle,
    through date: CalendarDate,
    months: Int = 24,
    priority: PriorityNumber? = nil
  ) {
    self.priority = priority
    let firstAction = chronicle.records.first {
      guard case .actionAdded(let added) = $0.event else { return false }
      return priority.map { added.priority == $0 } ?? true
    }
    guard let first = firstAction?.effective, first <= date else {
      points = []
      return
    }
    let (endYear, endMonth, _) = date.components
    let (firstYear, firstMonth, _) = first.components
    let last = endYear * 12 + endMonth - 1
    let start = max(firstYear * 12 + firstMonth - 1, last - max(months, 1) + 1)
    var dates: [CalendarDate] = []
    var labels: [DueDate] = []
    for index in start...last {
      let (year, month) = (index / 12, index % 12 + 1)
      guard let label = DueDate(year: year, month: month) else { continue }
      labels.append(label)
      dates.append(index == last ? date : label.deadline)
    }
    let views = chronicle.views(asOf: dates)
    points = zip(labels, zip(dates, views)).map { month, pair in
      let view = priority.map { pair.1.filtered(priority: $0) } ?? pair.1
      return Point(month: month, date: pair.0, summary: view.summary)
    }
  }
}
