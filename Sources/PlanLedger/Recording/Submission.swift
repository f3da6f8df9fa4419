public import LedgerStore

/// A plan event someone asks to record, with its envelope.
public struct Submission: Hashable, Sendable {
  /// The event.
  public var event: PlanEvent
  /// Who records it.
  public var actor: PersonID
  /// When it took effect; `nil` for today.
  public var effective: CalendarDate?
  /// The seq of the board decision that authorised it.
  public var authority: Int?
  /// The authority object as a raw append gives it; it is checked to be `{"seq": N}` and
  /// nothing else, and is what is written.
  public var authorityObject: JSONObject?
  /// Provenance: `{"document": …, "locator": …}`.
  public var source: JSONObject?
  /// A client id that makes the recording idempotent.
  public var id: String?
  /// The stream the submitter gave, for raw appends (checked against the event's own).
  public var stream: String?

  /// Makes a submission.
  ///
  /// - Parameters:
  ///   - event: The event.
  ///   - actor: Who records it.
  ///   - effective: When it took effect, or `nil` for today.
  ///   - authority: The seq that authorised it.
  ///   - source: Its provenance.
  ///   - id: A client id.
  public init(
    _ event: PlanEvent,
    actor: PersonID,
    effective: CalendarDate? = nil,
    authority: Int? = nil,
    source: JSONObject? = nil,
    id: String? = nil
  ) {
    self.event = event
    self.actor = actor
    self.effective = effective
    self.authority = authority
    self.source = source
    self.id = id
  }

  /// Reads a raw draft (from `append` or a batch file) as a plan event.
  ///
  /// - Parameter draft: The draft.
  /// - Throws: ``Refusal/notAPlanEvent(_:)`` or ``Refusal/invalidData(type:reason:)``.
  public init(draft: EventDraft) throws(Refusal) {
    guard let type = PlanEventType(rawValue: draft.type) else {
      throw .notAPlanEvent(draft.type)
    }
    do {
      event = try PlanEvent(type: type, payload: Payload(draft.data))
    } catch {
      throw .invalidData(type: draft.type, reason: error.description)
    }
    // What the type stores is all it reads (less empty values): anything else would be
    // dropped silently, so the ledger would hold other data than was given.
    let stored = event.data
    if let first = draft.data.first(where: { stored[$0.key] == nil && !Self.isEmpty($0.value) })?
      .key
    {
      throw .invalidData(
        type: draft.type,
        reason: "\"\(first)\" is not a member of its data; see 'planledger help append'"
      )
    }
    actor = PersonID(draft.actor)
    effective = draft.effective
    authorityObject = draft.authority
    authority = draft.authority?["seq"]?.integerValue
    source = draft.source
    id = draft.id
    stream = draft.stream
  }

  /// Whether a value says nothing: `null`, `""`, `[]` or `{}`.
  private static func isEmpty(_ value: JSONValue) -> Bool {
    switch value {
    case .null: true
    case .string(let text): text.isEmpty
    case .array(let elements): elements.isEmpty
    case .object(let members): members.isEmpty
    default: false
    }
  }
}
