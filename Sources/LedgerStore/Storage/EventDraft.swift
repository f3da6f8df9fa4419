/// An event to append: everything but the members the ledger sets itself.
///
/// The ledger sets `v`, `seq`, `recorded` and `prev`; `effective` defaults to the UTC
/// date of `recorded`. The engine checks only the envelope (names, dates, that `data`,
/// `authority` and `source` are objects); what `data` means is the domain's business.
public struct EventDraft: Hashable, Sendable {
  /// An optional client-chosen identifier that makes the append idempotent.
  public var id: String?
  /// The event type, such as `action.status_changed`.
  public var type: String
  /// The entity the event is about, such as `action/7.3`.
  public var stream: String
  /// The date the change took effect in the world; `nil` for the recording date.
  public var effective: CalendarDate?
  /// The registered person who records it.
  public var actor: String
  /// What authorised it, such as `{"seq": 812}`.
  public var authority: JSONObject?
  /// Where it comes from: `{"document": …, "locator": …}`.
  public var source: JSONObject?
  /// The type's payload.
  public var data: JSONObject

  /// Makes a draft.
  ///
  /// - Parameters:
  ///   - id: An optional client identifier.
  ///   - type: The event type.
  ///   - stream: The entity it is about.
  ///   - effective: The valid-time date, or `nil` for the recording date.
  ///   - actor: Who records it.
  ///   - authority: What authorised it.
  ///   - source: Its provenance.
  ///   - data: Its payload.
  public init(
    id: String? = nil,
    type: String,
    stream: String,
    effective: CalendarDate? = nil,
    actor: String,
    authority: JSONObject? = nil,
    source: JSONObject? = nil,
    data: JSONObject = [:]
  ) {
    self.id = id
    self.type = type
    self.stream = stream
    self.effective = effective
    self.actor = actor
    self.authority = authority
    self.source = source
    self.data = data
  }

  /// Reads a draft from a JSON object, as `append --batch` gives it.
  ///
  /// - Parameter object: An object with `type`, `stream`, `actor`, and optionally `id`,
  ///   `effective`, `authority`, `source` and `data`; `v`, `seq`, `recorded` and `prev`
  ///   are refused, because the ledger sets them.
  /// - Throws: A description of the first problem.
  public init(json object: JSONObject) throws(EventEnvelopeError) {
    for (key, _) in object {
      switch key {
      case "id", "type", "stream", "effective", "actor", "authority", "source", "data":
        continue
      case "v", "seq", "recorded", "prev":
        throw .setByLedger(member: key)
      default:
        throw .unknownMember(key)
      }
    }
    func string(_ key: String, required: Bool) throws(EventEnvelopeError) -> String? {
      guard let value = object[key] else {
        if required { throw .missingMember(key) }
        return nil
      }
      guard case .string(let text) = value else {
        throw .wrongType(member: key, expected: "a string")
      }
      return text
    }
    func nestedObject(_ key: String) throws(EventEnvelopeError) -> JSONObject? {
      guard let value = object[key] else { return nil }
      guard case .object(let nested) = value else {
        throw .wrongType(member: key, expected: "an object")
      }
      return nested
    }
    var effective: CalendarDate?
    if let text = try string("effective", required: false) {
      guard let date = CalendarDate(text) else { throw .badDate(member: "effective", text) }
      effective = date
    }
    self.init(
      id: try string("id", required: false),
      type: try string("type", required: true) ?? "",
      stream: try string("stream", required: true) ?? "",
      effective: effective,
      actor: try string("actor", required: true) ?? "",
      authority: try nestedObject("authority"),
      source: try nestedObject("source"),
      data: try nestedObject("data") ?? [:]
    )
  }

  /// Checks the envelope: names are non-empty single-line text of a sensible length and
  /// the type is lower-case dotted words.
  ///
  /// - Throws: The first problem found.
  public func validate() throws(EventEnvelopeError) {
    try Self.checkName(type, member: "type", limit: 100)
    guard type.utf8.allSatisfy(Self.isTypeCharacter),
      type.utf8.first.map({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) == true
    else { throw .badType(type) }
    try Self.checkName(stream, member: "stream", limit: 200)
    try Self.checkName(actor, member: "actor", limit: 100)
    if let id { try Self.checkName(id, member: "id", limit: 200) }
  }

  private static func isTypeCharacter(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
      || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
  }

  private static func checkName(
    _ text: String,
    member: String,
    limit: Int
  )
    throws(EventEnvelopeError)
  {
    guard !text.isEmpty else { throw .empty(member: member) }
    guard text.utf8.count <= limit else { throw .tooLong(member: member, limit: limit) }
    var text = text
    let hasControl = text.withUTF8 { bytes in bytes.contains { $0 < 0x20 || $0 == 0x7F } }
    guard !hasControl else { throw .controlCharacter(member: member) }
  }
}

/// What is wrong with the envelope of an event to append.
public enum EventEnvelopeError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A member the ledger sets itself was given.
  case setByLedger(member: String)
  /// A member the format does not have.
  case unknownMember(String)
  /// A required member is missing.
  case missingMember(String)
  /// A member has the wrong JSON type.
  case wrongType(member: String, expected: String)
  /// A date member is not `YYYY-MM-DD`.
  case badDate(member: String, String)
  /// A name is empty.
  case empty(member: String)
  /// A name is too long.
  case tooLong(member: String, limit: Int)
  /// A name contains a control character.
  case controlCharacter(member: String)
  /// The type is not lower-case dotted words.
  case badType(String)
  /// The event's line would exceed the 1 MiB limit.
  case lineTooLong(length: Int)

  /// The message for the user.
  public var description: String {
    switch self {
    case .setByLedger(let member):
      return "\"\(member)\" is set by the ledger; leave it out"
    case .unknownMember(let member):
      return
        "unknown member \"\(member)\"; an event has id, type, stream, effective, actor, "
        + "authority, source and data"
    case .missingMember(let member):
      return "missing \"\(member)\""
    case .wrongType(let member, let expected):
      return "\"\(member)\" must be \(expected)"
    case .badDate(let member, let text):
      return "\"\(member)\" is \"\(text)\", not a date; write it as YYYY-MM-DD"
    case .empty(let member):
      return "\"\(member)\" is empty"
    case .tooLong(let member, let limit):
      return "\"\(member)\" is longer than \(limit) bytes"
    case .controlCharacter(let member):
      return "\"\(member)\" contains a control character"
    case .badType(let type):
      return
        "type \"\(type)\" is not lower-case dotted words such as \"action.status_changed\""
    case .lineTooLong(let length):
      return "the event is \(length) bytes long; a line may hold at most 1 MiB (1048576 bytes)"
    }
  }
}
