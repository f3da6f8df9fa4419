public import LedgerStore

/// What a monitoring finding says.
public enum FindingKind: String, Hashable, Sendable, CaseIterable {
  /// Progress seen since the last visit.
  case progress
  /// Something done well.
  case strength
  /// Something still not good enough.
  case weakness
}

/// `monitoring.visit_recorded`: an inspectorate monitoring visit.
///
/// Stream `visit/<number>`.
public struct MonitoringVisitRecorded: Hashable, Sendable {
  /// The visit's number (the 7th monitoring visit is `7`).
  public var visit: String
  /// The first day of the visit.
  public var start: CalendarDate
  /// The last day of the visit.
  public var end: CalendarDate
  /// The inspectors.
  public var inspectors: [PersonID]
  /// The areas it covered.
  public var areas: [String]
  /// When the letter of findings was published, if known.
  public var letter: CalendarDate?

  /// Makes the event.
  public init(
    visit: String,
    start: CalendarDate,
    end: CalendarDate,
    inspectors: [PersonID] = [],
    areas: [String] = [],
    letter: CalendarDate? = nil
  ) {
    self.visit = visit
    self.start = start
    self.end = end
    self.inspectors = inspectors
    self.areas = areas
    self.letter = letter
  }

  init(_ payload: Payload) throws(PayloadError) {
    visit = try payload.string("visit")
    start = try payload.date("start")
    end = try payload.optionalDate("end") ?? start
    inspectors = try payload.strings("inspectors").map(PersonID.init(rawValue:))
    areas = try payload.strings("areas")
    letter = try payload.optionalDate("letter")
  }

  var data: JSONObject {
    var data = DataBuilder()
    data["visit"] = visit
    data["start"] = start.description
    data["end"] = end.description
    data.set("inspectors", list: inspectors.map(\.rawValue))
    data.set("areas", list: areas)
    data["letter"] = letter?.description
    return data.object
  }

  var stream: String { "visit/" + visit }
}

/// `monitoring.finding_recorded`: one judgement from a visit's letter, quoted verbatim.
///
/// Stream `visit/<number>`.
public struct MonitoringFindingRecorded: Hashable, Sendable {
  /// The visit.
  public var visit: String
  /// Progress, strength or weakness.
  public var kind: FindingKind
  /// The passage, verbatim.
  public var quote: String
  /// The priorities it concerns.
  public var priorities: [PriorityNumber]
  /// The recommendations it concerns (`ofsted/12`).
  public var recommendations: [String]
  /// The actions it concerns.
  public var actions: [ActionID]

  /// Makes the event.
  public init(
    visit: String,
    kind: FindingKind,
    quote: String,
    priorities: [PriorityNumber] = [],
    recommendations: [String] = [],
    actions: [ActionID] = []
  ) {
    self.visit = visit
    self.kind = kind
    self.quote = quote
    self.priorities = priorities
    self.recommendations = recommendations
    self.actions = actions
  }

  init(_ payload: Payload) throws(PayloadError) {
    visit = try payload.string("visit")
    let word = try payload.string("kind")
    guard let kind = FindingKind(rawValue: word) else {
      throw .invalid("kind", "is \"\(word)\", not progress, strength or weakness")
    }
    self.kind = kind
    quote = try payload.string("quote")
    priorities = try payload.strings("priorities").map(PriorityNumber.init(rawValue:))
    recommendations = try payload.strings("recommendations")
    actions = try payload.strings("actions").map(ActionID.init(rawValue:))
  }

  var data: JSONObject {
    var data = DataBuilder()
    data["visit"] = visit
    data["kind"] = kind.rawValue
    data["quote"] = quote
    data.set("priorities", list: priorities.map(\.rawValue))
    data.set("recommendations", list: recommendations)
    data.set("actions", list: actions.map(\.rawValue))
    return data.object
  }

  var stream: String { "visit/" + visit }
}
