public import LedgerStore

/// Which way a measure should move.
public enum Direction: String, Hashable, Sendable {
  /// Higher is better.
  case higher
  /// Lower is better.
  case lower
}

/// `measure.defined`: a success measure.
///
/// Stream `measure/<id>`.
public struct MeasureDefined: Hashable, Sendable {
  /// Its identifier, such as `M7.6`.
  public var measure: MeasureID
  /// Its title, verbatim.
  public var title: String
  /// `quantitative` or `qualitative`.
  public var kind: String
  /// Its unit (`%`, `days`), or empty.
  public var unit: String
  /// The priority it measures, if any.
  public var priority: PriorityNumber?
  /// Which way is better, if plain.
  public var better: Direction?

  /// Makes the event.
  public init(
    measure: MeasureID,
    title: String,
    kind: String = "quantitative",
    unit: String = "",
    priority: PriorityNumber? = nil,
    better: Direction? = nil
  ) {
    self.measure = measure
    self.title = title
    self.kind = kind
    self.unit = unit
    self.priority = priority
    self.better = better
  }

  init(_ payload: Payload) throws(PayloadError) {
    measure = MeasureID(try payload.string("measure"))
    title = try payload.string("title")
    kind = try payload.optionalString("kind") ?? "quantitative"
    unit = try payload.optionalString("unit") ?? ""
    priority = try payload.optionalString("priority").map(PriorityNumber.init(rawValue:))
    if let word = try payload.optionalString("better") {
      guard let direction = Direction(rawValue: word) else {
        throw .invalid("better", "is \"\(word)\", not higher or lower")
      }
      better = direction
    } else {
      better = nil
    }
  }

  var data: JSONObject {
    var data = DataBuilder()
    data["measure"] = measure.rawValue
    data["title"] = title
    data["kind"] = kind
    data["unit"] = unit.isEmpty ? nil : unit
    data["priority"] = priority?.rawValue
    data["better"] = better?.rawValue
    return data.object
  }

  var stream: String { "measure/" + measure.rawValue }
}

/// `measure.target_set`: a target for a measure, over a period.
///
/// Stream `measure/<id>`.
public struct MeasureTargetSet: Hashable, Sendable {
  /// The measure.
  public var measure: MeasureID
  /// The target value.
  public var value: DecimalNumber
  /// From when, if stated.
  public var from: CalendarDate?
  /// Until when, if stated.
  public var to: CalendarDate?

  /// Makes the event.
  public init(measure: MeasureID, value: DecimalNumber, from: CalendarDate?, to: CalendarDate?) {
    self.measure = measure
    self.value = value
    self.from = from
    self.to = to
  }

  init(_ payload: Payload) throws(PayloadError) {
    measure = MeasureID(try payload.string("measure"))
    value = try payload.decimal("value")
    from = try payload.optionalDate("from")
    to = try payload.optionalDate("to")
  }

  var data: JSONObject {
    var data = DataBuilder()
    data["measure"] = measure.rawValue
    data["value"] = value.text
    data["from"] = from?.description
    data["to"] = to?.description
    return data.object
  }

  var stream: String { "measure/" + measure.rawValue }
}

/// `measure.recorded`: a measure's value for a period.
///
/// Stream `measure/<id>`.
public struct MeasureRecorded: Hashable, Sendable {
  /// The measure.
  public var measure: MeasureID
  /// The month the value refers to, `YYYY-MM`.
  public var period: DueDate
  /// The value.
  public var value: DecimalNumber
  /// Context, such as the source's words.
  public var note: String

  /// Makes the event.
  public init(measure: MeasureID, period: DueDate, value: DecimalNumber, note: String = "") {
    self.measure = measure
    self.period = period
    self.value = value
    self.note = note
  }

  init(_ payload: Payload) throws(PayloadError) {
    measure = MeasureID(try payload.string("measure"))
    let text = try payload.string("period")
    guard text.count == 7, let period = DueDate(text) else {
      throw .wrongType("period", "a month YYYY-MM")
    }
    self.period = period
    value = try payload.decimal("value")
    note = try payload.optionalString("note") ?? ""
  }

  var data: JSONObject {
    var data = DataBuilder()
    data["measure"] = measure.rawValue
    data["period"] = period.description
    data["value"] = value.text
    data["note"] = note.isEmpty ? nil : note
    return data.object
  }

  var stream: String { "measure/" + measure.rawValue }
}
