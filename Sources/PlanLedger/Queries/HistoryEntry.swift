public import LedgerStore

/// One change in a history or audit: what changed from what to what, by whom, when, on
/// whose authority, from which source, and what corrected or retracted it.
public struct HistoryEntry: Hashable, Sendable {
  /// The record.
  public let record: PlanRecord
  /// The value before the change (`null` when there was none).
  public let before: JSONValue
  /// The value after the change (`null` for a retraction).
  public let after: JSONValue
  /// A short description: `status on_track → complete`.
  public let summary: String
  /// Seqs of the corrections of this record.
  public let correctedBy: [Int]
  /// The seq of its retraction, if retracted.
  public let retractedBy: Int?
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
      "authority": record.authority.map { .object($0) } ?? .null,
      "source": record.source.map { .object($0) } ?? .null,
      "corrected_by": .array(correctedBy.map { .integer($0) }),
      "retracted_by": retractedBy.map { .integer($0) } ?? .null,
    ]
    members["flags"] = .array(flags.map { .string($0.rawValue) })
    return .object(JSONObject(members))
  }
}
