import LedgerStore
public import PlanLedger

/// A stacked column chart of status counts by month: one column per month end, a segment
/// per status (Complete at the bottom, Not rated at the top), a legend naming every status
/// in words, and a title and description for assistive technology.
public struct StatusTimelineChart: Hashable, Sendable {
  /// The data.
  public let timeline: StatusTimeline

  /// Makes a chart of a timeline.
  ///
  /// - Parameter timeline: The data.
  public init(_ timeline: StatusTimeline) {
    self.timeline = timeline
  }

  /// The statuses in stacking order, bottom first.
  public static let order: [Status] = Status.allCases.sorted()

  /// What the chart shows: `Status of the plan's actions at each month end, Nov 2017 to
  /// Dec 2019`.
  public var title: String {
    let whose = timeline.priority.map { "priority \($0)'s actions" } ?? "the plan's actions"
    guard let first = timeline.points.first, let last = timeline.points.last else {
      return "Status of \(whose) by month (no actions recorded)"
    }
    return "Status of \(whose) at each month end, \(NarrativeWords.shortMonth(first.month)) to "
      + NarrativeWords.shortMonth(last.month)
  }

  /// The chart in words: the first and last months' counts.
  public var summary: String {
    guard let first = timeline.points.first, let last = timeline.points.last else {
      return "No action is recorded, so there is nothing to chart."
    }
    var text =
      "On \(NarrativeWords.date(last.date)): "
      + NarrativeWords.count(last.summary.total, "action") + ", "
      + NarrativeWords.statusCounts(last.summary) + "."
    if timeline.points.count > 1 {
      text +=
        " On \(NarrativeWords.date(first.date)): "
        + NarrativeWords.count(first.summary.total, "action") + ", "
        + NarrativeWords.statusCounts(first.summary) + "."
    }
    return text + " The table after the chart gives every month's counts."
  }

  /// The chart as an `<svg>` element.
  ///
  /// - Parameter id: The element's `id` (its title and description get `id-title` and
  ///   `id-desc`).
  /// - Returns: The SVG.
  public func svg(id: String) -> String {
    var canvas = SVGCanvas(width: 720, height: 330)
    let (left, right, top, bottom) = (48.0, 704.0, 30.0, 250.0)
    let points = timeline.points
    let highest = points.map(\.summary.total).max() ?? 0
    let ticks = ChartNumber.ticks(from: 0, to: Double(max(highest, 1)), count: 5)
    let ceiling = ticks.last ?? 1
    func y(_ value: Double) -> Double { bottom - value / ceiling * (bottom - top) }
    canvas.text("Number of actions", x: 4, y: 14, fill: ReportPalette.secondaryText)
    for tick in ticks {
      canvas.line(x1: left, y1: y(tick), x2: right, y2: y(tick), stroke: ReportPalette.rule)
      canvas.text(
        ChartNumber.format(tick),
        x: left - 6,
        y: y(tick) + 4,
        anchor: .end,
        fill: ReportPalette.secondaryText
      )
    }
    let slot = (right - left) / Double(max(points.count, 1))
    let barWidth = min(slot * 0.7, 40)
    let every = max(1, Int((Double(points.count) * 52 / (right - left)).rounded(.up)))
    for (index, point) in points.enumerated() {
      let x = left + slot * Double(index) + (slot - barWidth) / 2
      var base = 0.0
      for status in Self.order {
        let count = Double(point.summary.count(status))
        guard count > 0 else { continue }
        canvas.rect(
          x: x,
          y: y(base + count),
          width: barWidth,
          height: y(base) - y(base + count),
          fill: ReportPalette.fill(status),
          title:
            "\(NarrativeWords.shortMonth(point.month)): \(Int(count)) \(status.words.lowercased())"
        )
        base += count
      }
      if (points.count - 1 - index) % every == 0 {
        canvas.text(
          point.month.words,
          x: left + slot * (Double(index) + 0.5),
          y: bottom + 18,
          anchor: .middle,
          fill: ReportPalette.secondaryText
        )
      }
    }
    canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: ReportPalette.text)
    Self.legend(&canvas, y: bottom + 54, left: left)
    return canvas.document(id: id, title: title, description: summary)
  }

  /// The status legend: a swatch and the status's word for each.
  static func legend(_ canvas: inout SVGCanvas, y: Double, left: Double) {
    var x = left
    for status in order {
      canvas.rect(x: x, y: y - 11, width: 14, height: 14, fill: ReportPalette.fill(status))
      canvas.text(status.words, x: x + 20, y: y)
      x += 24 + Double(status.words.count) * 7.5 + 18
    }
  }
}
