public import LedgerStore

/// `event.corrected`: an earlier event should have said something else.
///
/// The original
/// stays in the log; views known after the correction use the corrected data.
/// Stream: the corrected event's stream.
public struct EventCorrected: Hashable, Sendable {
  /// The seq of the event it supersedes.
  public var seq: Int
  /// The corrected `data`, whole.
  public var data: JSONObject
  /// Why.
  public var reason: String

  /// Makes the event.
  public init(seq: Int, data: JSONObject, reason: String) {
    self.seq = seq
    self.data = data
    self.reason = reason
  }

  init(_ payload: Payload) throws(PayloadError) {
    seq = try payload.integer("seq")
    guard case .object(let data)? = try payload.value("data") else {
      throw .wrongType("data", "an object")
    }
    self.data = data
    reason = try payload.string("reason")
  }

  var payloadData: JSONObject {
    ["seq": .integer(seq), "data": .object(data), "reason": .string(reason)]
  }
}

/// `event.retracted`: an earlier event should not have been recorded.
///
/// It stays in the
/// log; views known after the retraction leave it out.
///
/// Stream: the retracted event's.
public struct EventRetracted: Hashable, Sendable {
  /// The seq of the event it retracts.
  public var seq: Int
  /// Why.
  public var reason: String

  /// Makes the event.
  public init(seq: Int, reason: String) {
    self.seq = seq
    self.reason = reason
  }

  init(_ payload: Payload) throws(PayloadError) {
    seq = try payload.integer("seq")
    reason = try payload.string("reason")
  }

  var data: JSONObject { ["seq": .integer(seq), "reason": .string(reason)] }
}
