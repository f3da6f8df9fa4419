public import LedgerStore
public import PlanLedger

/// A measure's values over time as a line, with its target as a dashed line, axes
/// labelled, and the trend in words as the chart's description.
public struct MeasureChart: Hashable, Sendable {
  /// The measure's latest value, change, trend and target.
  public let trend: Narrative.MeasureTrend
  /// Every value, oldest period first.
  public let values: [Narrative.MeasureValue]

  /// Makes the chart of a measure as it stood on a date, or `nil` when it has no value.
  ///
  /// - Parameters:
  ///   - measure: The measure's state.
  ///   - date: The date whose target applies.
  public init?(measure: MeasureState, on date: CalendarDate) {
    guard let trend = NarrativeBuilder.trend(measure, on: date) else { return nil }
    self.trend = trend
    values = measure.values.keys.sorted().compactMap { period in
      measure.values[period].map {
        Narrative.MeasureValue(period: period, value: $0.value.value, seq: $0.stamp.seq)
      }
    }
  }

  /// What the chart shows: the measure and the span of its values.
  public var title: String {
    let span =
      values.count > 1
      ? ", \(NarrativeWords.shortMonth(values[0].period)) to "
        + NarrativeWords.shortMonth(trend.latest.period)
      : ", \(NarrativeWords.shortMonth(trend.latest.period))"
    return "\(trend.measure.rawValue): \(trend.title)\(span)"
  }

  /// The chart in words: latest value, change, direction and target.
  public var summary: String {
    Narrative.trendWords(trend).plainText + " The table after the chart gives every value."
  }

  /// The chart as an `<svg>` element.
  ///
  /// - Parameter id: The element's `id`.
  /// - Returns: The SVG.
  public func svg(id: String) -> String {
    var canvas = SVGCanvas(width: 560, height: 260)
    let (left, right, top, bottom) = (56.0, 470.0, 24.0, 214.0)
    let numbers = values.map(\.value.doubleValue)
    let target = trend.target?.value.doubleValue
    var low = (numbers + (target.map { [$0] } ?? [])).min() ?? 0
    let high = (numbers + (target.map { [$0] } ?? [])).max() ?? 1
    if low >= 0 && low <= (high - low) { low = 0 }
    let ticks = ChartNumber.ticks(from: low, to: high, count: 4)
    let (floor, ceiling) = (ticks.first ?? 0, ticks.last ?? 1)
    func y(_ value: Double) -> Double {
      bottom - (value - floor) / (ceiling - floor) * (bottom - top)
    }
    let months = values.map { $0.period.year * 12 + $0.period.month }
    let (firstMonth, lastMonth) = (months.first ?? 0, months.last ?? 0)
    func x(_ month: Int) -> Double {
      lastMonth == firstMonth
        ? (left + right) / 2
        : left + Double(month - firstMonth) / Double(lastMonth - firstMonth) * (right - left)
    }
    let unit = trend.unit.isEmpty || trend.unit == "count" ? "" : " (\(trend.unit))"
    canvas.text("Value" + unit, x: 4, y: 14, fill: ReportPalette.secondaryText)
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
    canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: ReportPalette.text)
    if let target, let value = trend.target?.value {
      canvas.line(
        x1: left,
        y1: y(target),
        x2: right,
        y2: y(target),
        stroke: ReportPalette.target,
        width: 1.5,
        dashed: true
      )
      canvas.text(
        "Target " + NarrativeWords.value(value.text, unit: trend.unit),
        x: right + 6,
        y: y(target) + 4,
        fill: ReportPalette.target,
        size: 11
      )
    }
    let points = zip(months, numbers).map { (x: x($0.0), y: y($0.1)) }
    if points.count > 1 {
      canvas.polyline(points, stroke: ReportPalette.series, width: 2)
    }
    for (point, value) in zip(points, values) {
      canvas.circle(
        x: point.x,
        y: point.y,
        radius: 4,
        fill: ReportPalette.series,
        title: NarrativeWords.shortMonth(value.period) + ": "
          + NarrativeWords.value(value.value.text, unit: trend.unit)
      )
    }
    // Label the last period, and the earlier ones where they fit.
    var labelled: [Int] = []
    let lastPosition = x(months.last ?? 0)
    for index in values.indices.dropLast() {
      let position = x(months[index])
      let previous = labelled.last.map { x(months[$0]) } ?? -1_000
      if position - previous >= 64 && lastPosition - position >= 64 { labelled.append(index) }
    }
    if !values.isEmpty { labelled.append(values.count - 1) }
    for index in labelled {
      canvas.text(
        NarrativeWords.shortMonth(values[index].period),
        x: x(months[index]),
        y: bottom + 18,
        anchor: .middle,
        fill: ReportPalette.secondaryText,
        size: 11
      )
    }
    canvas.text(
      "Latest: " + NarrativeWords.value(trend.latest.value.text, unit: trend.unit),
      x: left,
      y: bottom + 40,
      bold: true
    )
    return canvas.document(id: id, title: title, description: summary)
  }
}
