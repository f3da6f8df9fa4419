public import LedgerStore

/// One stored plan event with its envelope: when, by whom, on whose authority, from where.
public struct PlanRecord: Hashable, Sendable {
  /// Its position in the log.
  public let seq: Int
  /// When the ledger recorded it (transaction time).
  public let recorded: LedgerTimestamp
  /// When it took effect in the world (valid time).
  public let effective: CalendarDate
  /// Who recorded it.
  public let actor: PersonID
  /// The entity it is about.
  public let stream: String
  /// The client id, if any.
  public let id: String?
  /// What authorised it, such as `{"seq": 812}`.
  public let authority: JSONObject?
  /// Where it comes from: `{"document": …, "locator": …}`.
  public let source: JSONObject?
  /// The event.
  public let event: PlanEvent

  /// Makes a record.
  public init(
    seq: Int,
    recorded: LedgerTimestamp,
    effective: CalendarDate,
    actor: PersonID,
    stream: String,
    id: String? = nil,
    authority: JSONObject? = nil,
    source: JSONObject? = nil,
    event: PlanEvent
  ) {
    self.seq = seq
    self.recorded = recorded
    self.effective = effective
    self.actor = actor
    self.stream = stream
    self.id = id
    self.authority = authority
    self.source = source
    self.event = event
  }

  /// The seq named by `authority`, if it names one.
  public var authoritySeq: Int? {
    authority?["seq"]?.integerValue
  }

  /// The record with its event replaced, keeping the envelope (for corrections).
  func replacing(event: PlanEvent) -> PlanRecord {
    PlanRecord(
      seq: seq,
      recorded: recorded,
      effective: effective,
      actor: actor,
      stream: stream,
      id: id,
      authority: authority,
      source: source,
      event: event
    )
  }

  /// Whether `self` comes before `other` in valid-time order: by effective date, then seq.
  public func precedesInValidTime(_ other: PlanRecord) -> Bool {
    (effective, seq) < (other.effective, other.seq)
  }
}

/// Why a stored line is not a plan event this program understands.
public enum RecordError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The line is not a well-formed event.
  case line(seq: Int, EventLineError)
  /// The type is not a plan event type.
  case unknownType(seq: Int, String)
  /// The `data` does not fit the type.
  case payload(seq: Int, PayloadError)

  /// The message for the user.
  public var description: String {
    switch self {
    case .line(let seq, let error): "seq \(seq): \(error)"
    case .unknownType(let seq, let type): "seq \(seq): \"\(type)\" is not a plan event type"
    case .payload(let seq, let error): "seq \(seq): \(error)"
    }
  }
}

/// Decodes stored lines into records, reusing its buffers from line to line.
///
/// Not `Sendable`: each thread makes its own.
public final class RecordDecoder {
  private let table = MemberTable()
  /// The members a lean status change leaves unread.
  private static let statusText = ["note", "evidence"]
  /// The member a lean date revision or reassignment leaves unread.
  private static let reasonText = ["reason"]

  /// Makes a decoder.
  public init() {}

  /// Decodes one stored line.
  ///
  /// - Parameter line: The line.
  /// - Returns: The record.
  /// - Throws: ``RecordError``.
  public func record(_ line: EventLine) throws(RecordError) -> PlanRecord {
    let fields: EventLineFields
    do {
      fields = try EventLineFields(line.bytes)
    } catch {
      throw .line(seq: line.seq, error)
    }
    return try record(fields, seq: line.seq)
  }

  /// Decodes a line whose members are already located.
  ///
  /// - Parameters:
  ///   - fields: The line's members.
  ///   - seq: Its seq.
  ///   - envelope: Whether to decode `id`, `authority`, `source`, and the notes, evidence
  ///     and reasons of status changes, date revisions and reassignments; folds need none
  ///     of them, and they are most of a busy log's bytes.
  /// - Returns: The record.
  /// - Throws: ``RecordError``.
  func record(
    _ fields: EventLineFields,
    seq: Int,
    envelope: Bool = true
  ) throws(RecordError) -> PlanRecord {
    guard let type = PlanEventType(utf8: fields.rawContents(fields.typeRange)) else {
      throw .unknownType(seq: seq, fields.type)
    }
    let event: PlanEvent
    do {
      // A fold needs no notes, evidence or reasons of the busiest types: leave them unread.
      let skipped: [String]
      switch type {
      case .actionStatusChanged where !envelope: skipped = Self.statusText
      case .actionDueRevised where !envelope, .actionLeadReassigned where !envelope:
        skipped = Self.reasonText
      default: skipped = []
      }
      let payload = try Payload(
        line: fields.bytes,
        range: fields.dataRange,
        table: table,
        skipping: skipped
      )
      event = try PlanEvent(type: type, payload: payload)
    } catch {
      throw .payload(seq: seq, error)
    }
    func object(_ range: Range<Int>?) -> JSONObject? {
      guard envelope, let range,
        case .object(let object)? = try? JSONValue(
          parsing: UnsafeRawBufferPointer(rebasing: fields.bytes[range])
        )
      else { return nil }
      return object
    }
    return PlanRecord(
      seq: seq,
      recorded: fields.recorded ?? LedgerTimestamp(millisecondsSinceEpoch: 0),
      effective: fields.effective ?? CalendarDate(dayNumber: 0),
      actor: PersonID(fields.actor),
      stream: fields.stream,
      id: envelope ? fields.clientID : nil,
      authority: object(fields.authorityRange),
      source: object(fields.sourceRange),
      event: event
    )
  }
}

@available(*, unavailable)
extension RecordDecoder: Sendable {}
