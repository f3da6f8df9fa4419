public import LedgerStore

/// One change in a history or audit: what changed from what to what, by whom, when, why,
/// on whose authority, from which source, and what corrected or retracted it.
public struct HistoryEntry: Hashable, Sendable {
  /// The record.
  public let record: PlanRecord
  /// The value before the change (`null` when there was none).
  public let before: JSONValue
  /// The value after the change (`null` for a retraction), as corrected.
  public let after: JSONValue
  /// For a corrected record whose correction changed the value it set: the value as first
  /// recorded.
  public let asRecorded: JSONValue?
  /// A short description: `status on_track → complete`.
  public let summary: String
  /// Why, in the record's own words; empty when the record gives none.
  ///
  /// A status change's note, the reason given for a revised date, a reassignment, an
  /// amendment, a withdrawal, a correction or a retraction; a decision's text, a finding's
  /// quote, a meeting's or an inspection's summary, a fact's text, a measure value's note.
  public let why: String
  /// Seqs of the corrections of this record.
  public let correctedBy: [Int]
  /// The seq of its retraction, if retracted.
  public let retractedBy: Int?
  /// ``asRecorded`` in words: a status, a date, leads joined by "; ", or `nil` when the
  /// value is not one of those (an amendment's fields: see the correction's entry).
  public var asRecordedText: String? {
    switch asRecorded {
    case .string(let text)?: return text
    case .array?:
      let texts = asRecorded?.texts ?? []
      return texts.isEmpty ? "none" : texts.joined(separator: "; ")
    default: return nil
    }
  }

  /// Audit flags (empty in a history).
  public var flags: [AuditFlag] = []

  /// The entry as `history --format json` prints it.
  public var json: JSONValue {
    var members: [String: JSONValue] = [
      "seq": .integer(record.seq),
      "type": .string(record.event.type.rawValue),
      "stream": .string(record.stream),
      "recorded": .string(record.recorded.description),
      "effective": .string(record.effective.description),
      "actor": .string(record.actor.rawValue),
      "before": before,
      "after": after,
      "summary": .string(summary),
      "why": .string(why),
      "authority": record.authority.map { .object($0) } ?? .null,
      "source": record.source.map { .object($0) } ?? .null,
      "corrected_by": .array(correctedBy.map { .integer($0) }),
      "retracted_by": retractedBy.map { .integer($0) } ?? .null,
    ]
    if let asRecorded { members["after_as_recorded"] = asRecorded }
    members["flags"] = .array(flags.map { .string($0.rawValue) })
    return .object(JSONObject(members))
  }
}
