public import LedgerStore
public import PlanLedger

/// A horizontal stacked bar per priority: its actions by status on one date, each bar as
/// long as the priority has actions, with the count in each segment and the total after
/// the bar, and a legend naming every status in words.
public struct StatusByPriorityChart: Hashable, Sendable {
  /// The date counted.
  public let date: CalendarDate
  /// One row per priority.
  public let rows: [Row]

  /// One priority's counts.
  public struct Row: Hashable, Sendable {
    /// The priority.
    public let priority: PriorityNumber
    /// Its counts.
    public let summary: PlanView.Summary
  }

  /// Makes the chart of a view.
  ///
  /// - Parameter view: The plan on a date.
  public init(view: PlanView) {
    date = view.date
    rows = view.byPriority.map { Row(priority: $0.priority, summary: $0.summary) }
  }

  /// What the chart shows.
  public var title: String {
    "Status of actions by priority on \(NarrativeWords.date(date))"
  }

  /// The chart in words.
  public var summary: String {
    guard !rows.isEmpty else { return "No action is recorded, so there is nothing to chart." }
    let parts = rows.map { row in
      "priority \(row.priority): \(row.summary.total) (" + NarrativeWords.statusCounts(row.summary)
        + ")"
    }
    return "Actions by status for each priority: " + parts.joined(separator: "; ")
      + ". The table before the chart gives the same counts."
  }

  /// The chart as an `<svg>` element.
  ///
  /// - Parameter id: The element's `id`.
  /// - Returns: The SVG.
  public func svg(id: String) -> String {
    let rowHeight = 30.0
    let height = Int(16 + rowHeight * Double(rows.count) + 44)
    var canvas = SVGCanvas(width: 720, height: height)
    let (left, right, top) = (96.0, 660.0, 16.0)
    let highest = Double(max(rows.map(\.summary.total).max() ?? 0, 1))
    for (index, row) in rows.enumerated() {
      let y = top + rowHeight * Double(index)
      canvas.text("Priority \(row.priority)", x: left - 8, y: y + 16, anchor: .end)
      var x = left
      for status in StatusTimelineChart.order {
        let count = row.summary.count(status)
        guard count > 0 else { continue }
        let width = Double(count) / highest * (right - left)
        canvas.rect(
          x: x,
          y: y + 2,
          width: width,
          height: rowHeight - 10,
          fill: ReportPalette.fill(status),
          title: "Priority \(row.priority): \(count) \(status.words.lowercased())"
        )
        if width >= 24 {
          canvas.text(
            String(count),
            x: x + width / 2,
            y: y + 16,
            anchor: .middle,
            fill: ReportPalette.onStatus,
            size: 11
          )
        }
        x += width
      }
      canvas.text(String(row.summary.total), x: x + 6, y: y + 16, fill: ReportPalette.secondaryText)
    }
    StatusTimelineChart.legend(&canvas, y: Double(height) - 14, left: left)
    return canvas.document(id: id, title: title, description: summary)
  }
}
