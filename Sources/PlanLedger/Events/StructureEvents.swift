public import LedgerStore

/// `plan.created`: the plan itself.
///
/// Stream `plan`.
public struct PlanCreated: Hashable, Sendable {
  /// The plan's title.
  public var title: String
  /// Whose plan it is.
  public var organisation: String
  /// The period it covers, as the plan gives it (`2017-2020`).
  public var period: String
  /// The version label (`v.6`).
  public var version: String

  /// Makes the event.
  public init(title: String, organisation: String, period: String, version: String) {
    self.title = title
    self.organisation = organisation
    self.period = period
    self.version = version
  }

  init(_ payload: Payload) throws(PayloadError) {
    title = try payload.string("title")
    organisation = try payload.string("organisation")
    period = try payload.optionalString("period") ?? ""
    version = try payload.optionalString("version") ?? ""
  }

  var data: JSONObject {
    var data = DataBuilder()
    data["title"] = title
    data["organisation"] = organisation
    data["period"] = period.isEmpty ? nil : period
    data["version"] = version.isEmpty ? nil : version
    return data.object
  }

  var stream: String { "plan" }
}

/// `plan.workstream_defined`: one of the plan's workstreams.
///
/// Stream `workstream/<name>`.
public struct WorkstreamDefined: Hashable, Sendable {
  /// The workstream's name, such as `Practice`.
  public var name: String

  /// Makes the event.
  public init(name: String) {
    self.name = name
  }

  init(_ payload: Payload) throws(PayloadError) {
    name = try payload.string("name")
  }

  var data: JSONObject { ["name": .string(name)] }
  var stream: String { "workstream/" + name }
}

/// `plan.priority_defined`: a priority, in a workstream.
///
/// Stream `priority/<number>`.
public struct PriorityDefined: Hashable, Sendable {
  /// The priority's number.
  public var number: PriorityNumber
  /// Its title.
  public var title: String
  /// The workstream it belongs to.
  public var workstream: String

  /// Makes the event.
  public init(number: PriorityNumber, title: String, workstream: String) {
    self.number = number
    self.title = title
    self.workstream = workstream
  }

  init(_ payload: Payload) throws(PayloadError) {
    number = PriorityNumber(try payload.string("number"))
    title = try payload.string("title")
    workstream = try payload.string("workstream")
  }

  var data: JSONObject {
    [
      "number": .string(number.rawValue), "title": .string(title),
      "workstream": .string(workstream),
    ]
  }
  var stream: String { "priority/" + number.rawValue }
}

/// `recommendation.recorded`: an inspectorate's (or reviewer's) recommendation and the
/// priorities it maps to.
///
/// Stream `recommendation/<body>/<number>`.
public struct RecommendationRecorded: Hashable, Sendable {
  /// Who made it: `Ofsted`, `DfE commissioner`.
  public var body: String
  /// Its number in their report.
  public var number: String
  /// Its text, verbatim (may be empty when the source only cites it).
  public var text: String
  /// The plan priorities it maps to.
  public var priorities: [PriorityNumber]

  /// Makes the event.
  public init(body: String, number: String, text: String, priorities: [PriorityNumber]) {
    self.body = body
    self.number = number
    self.text = text
    self.priorities = priorities
  }

  init(_ payload: Payload) throws(PayloadError) {
    body = try payload.string("body")
    number = try payload.string("number")
    text = try payload.optionalString("text") ?? ""
    priorities = try payload.strings("priorities").map(PriorityNumber.init(rawValue:))
  }

  var data: JSONObject {
    var data = DataBuilder()
    data["body"] = body
    data["number"] = number
    data["text"] = text.isEmpty ? nil : text
    data.set("priorities", list: priorities.map(\.rawValue))
    return data.object
  }

  /// The key that identifies it: `ofsted/12`.
  public var key: String { Slug.make(body) + "/" + number }
  var stream: String { "recommendation/" + key }
}

/// `inspection.recorded`: an inspection, review or similar assessment with its dates and
/// judgement.
///
/// Stream `inspection/<body>/<start>`.
public struct InspectionRecorded: Hashable, Sendable {
  /// Who inspected: `Ofsted`, `DfE commissioner`.
  public var body: String
  /// What it was: `full inspection`, `review`, `joint targeted area inspection`.
  public var kind: String
  /// When fieldwork started, if known.
  public var start: CalendarDate?
  /// When it ended, if known.
  public var end: CalendarDate?
  /// The overall judgement in the inspectorate's words, if any.
  public var judgement: String
  /// When the report was published, if known.
  public var published: CalendarDate?
  /// A short verbatim summary of what it found.
  public var summary: String

  /// Makes the event.
  public init(
    body: String,
    kind: String,
    start: CalendarDate?,
    end: CalendarDate?,
    judgement: String,
    published: CalendarDate?,
    summary: String
  ) {
    self.body = body
    self.kind = kind
    self.start = start
    self.end = end
    self.judgement = judgement
    self.published = published
    self.summary = summary
  }

  init(_ payload: Payload) throws(PayloadError) {
    body = try payload.optionalString("body") ?? ""
    kind = try payload.string("kind")
    start = try payload.optionalDate("start")
    end = try payload.optionalDate("end")
    judgement = try payload.optionalString("judgement") ?? ""
    published = try payload.optionalDate("published")
    summary = try payload.optionalString("summary") ?? ""
  }

  var data: JSONObject {
    var data = DataBuilder()
    data["body"] = body.isEmpty ? nil : body
    data["kind"] = kind
    data["start"] = start?.description
    data["end"] = end?.description
    data["judgement"] = judgement.isEmpty ? nil : judgement
    data["published"] = published?.description
    data["summary"] = summary.isEmpty ? nil : summary
    return data.object
  }

  var stream: String {
    "inspection/" + Slug.make(body.isEmpty ? kind : body) + "/"
      + ((start ?? published)?.description ?? "undated")
  }
}

/// `fact.recorded`: a dated fact from a source that fits no other event.
///
/// Stream `facts`.
public struct FactRecorded: Hashable, Sendable {
  /// A short lower-case word for what it is: `announcement`, `press release`.
  public var kind: String
  /// The fact, verbatim or in the source's words.
  public var text: String

  /// Makes the event.
  public init(kind: String, text: String) {
    self.kind = kind
    self.text = text
  }

  init(_ payload: Payload) throws(PayloadError) {
    kind = try payload.string("kind")
    text = try payload.string("text")
  }

  var data: JSONObject { ["kind": .string(kind), "text": .string(text)] }
  var stream: String { "facts" }
}

/// Lower-case, hyphenated keys for stream names: `Croydon Children's Improvement Board`
/// → `croydon-childrens-improvement-board`.
package enum Slug {
  package static func make(_ text: String) -> String {
    var slug = ""
    var pendingHyphen = false
    for scalar in text.lowercased().unicodeScalars {
      if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
        if pendingHyphen && !slug.isEmpty { slug.append("-") }
        pendingHyphen = false
        slug.unicodeScalars.append(scalar)
      } else if scalar == "'" || scalar == "\u{2019}" {
        continue
      } else {
        pendingHyphen = true
      }
    }
    return slug.isEmpty ? "unnamed" : slug
  }
}
