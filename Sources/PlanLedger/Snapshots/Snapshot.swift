public import LedgerStore

/// A folded state saved to disk: the plan as of a date, by the first `size` events.
///
/// Bound to the ledger it was built from by the leaf hash of its first event (which
/// ledger) and of its last (which prefix: the hash chain makes the last leaf commit to
/// every event before it), and sealed with its own hash. Only an accelerator: a query
/// answered from a snapshot equals the same query by full replay.
public struct Snapshot: Sendable {
  /// The as-of date of the state.
  public let asOf: CalendarDate
  /// The tree size it was built from.
  public let size: Int
  /// The Merkle root of those events.
  public let root: SHA256Digest
  /// The leaf hash of event 1: which ledger.
  public let first: SHA256Digest
  /// The leaf hash of event `size`: which prefix of it.
  public let last: SHA256Digest
  /// The `recorded` of event `size`: the snapshot serves views known at or after it.
  public let recorded: LedgerTimestamp
  /// The folded state.
  public let state: PlanState

  /// The format version of snapshot files.
  public static let version = 1

  /// The file name: `<ledger>_<as-of>_<size>.json`, where `<ledger>` is the first 12 hex
  /// digits of event 1's leaf hash.
  public var fileName: String {
    Self.ledgerKey(first) + "_" + asOf.description + "_" + String(size) + ".json"
  }

  static func ledgerKey(_ first: SHA256Digest) -> String {
    String(first.hex.prefix(12))
  }

  /// The snapshot as stored: canonical JSON with a `hash` member over the rest.
  var bytes: [UInt8] {
    var members: [String: JSONValue] = [
      "v": .integer(Self.version),
      "as_of": .string(asOf.description),
      "tree": [
        "size": .integer(size), "root": .string(root.hex), "first": .string(first.hex),
        "last": .string(last.hex), "recorded": .string(recorded.description),
      ],
      "state": state.snapshotJSON,
    ]
    let hash = SHA256.hash(JSONValue.object(JSONObject(members)).canonicalBytes)
    members["hash"] = .string(hash.hex)
    return JSONValue.object(JSONObject(members)).canonicalBytes
  }

  init(
    asOf: CalendarDate,
    size: Int,
    root: SHA256Digest,
    first: SHA256Digest,
    last: SHA256Digest,
    recorded: LedgerTimestamp,
    state: PlanState
  ) {
    self.asOf = asOf
    self.size = size
    self.root = root
    self.first = first
    self.last = last
    self.recorded = recorded
    self.state = state
  }

  /// Reads a stored snapshot, checking its hash.
  ///
  /// - Parameter bytes: The file's bytes.
  /// - Throws: ``SnapshotProblem`` when it does not parse, is of a newer version, or its
  ///   hash does not check.
  init(bytes: [UInt8]) throws(SnapshotProblem) {
    guard case .object(let object)? = try? JSONValue(parsing: bytes) else {
      throw .unreadable
    }
    guard let version = object["v"]?.integerValue else { throw .unreadable }
    guard version <= Self.version else { throw .newerVersion(version) }
    guard let hash = object["hash"]?.stringValue.flatMap(SHA256Digest.init(hex:)) else {
      throw .unreadable
    }
    let rest = JSONObject(
      Dictionary(
        uniqueKeysWithValues: object.filter { $0.key != "hash" }.map { ($0.key, $0.value) }
      )
    )
    guard SHA256.hash(JSONValue.object(rest).canonicalBytes) == hash else { throw .hashMismatch }
    let tree = object["tree"]
    guard let asOf = object["as_of"]?.stringValue.flatMap(CalendarDate.init),
      let size = tree?["size"]?.integerValue,
      let root = tree?["root"]?.stringValue.flatMap(SHA256Digest.init(hex:)),
      let first = tree?["first"]?.stringValue.flatMap(SHA256Digest.init(hex:)),
      let last = tree?["last"]?.stringValue.flatMap(SHA256Digest.init(hex:)),
      let recorded = tree?["recorded"]?.stringValue.flatMap(LedgerTimestamp.init),
      let stateJSON = object["state"],
      let state = try? PlanState(snapshotJSON: stateJSON)
    else { throw .unreadable }
    self.init(
      asOf: asOf,
      size: size,
      root: root,
      first: first,
      last: last,
      recorded: recorded,
      state: state
    )
  }
}

/// Why a snapshot cannot serve.
public enum SnapshotProblem: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file does not parse as a snapshot.
  case unreadable
  /// Written by a newer planledger.
  case newerVersion(Int)
  /// Its own hash does not check: it was changed after it was written.
  case hashMismatch
  /// Its last event is not the ledger's event at that seq: the ledger was rebuilt or
  /// changed.
  case bindingMismatch(seq: Int)
  /// It is for more events than the ledger holds.
  case beyondLedger(size: Int, ledgerSize: Int)
  /// A later correction or retraction supersedes an event it folded.
  case superseded(by: Int, seq: Int)

  /// The message for the user.
  public var description: String {
    switch self {
    case .unreadable:
      return "it does not read as a snapshot"
    case .newerVersion(let version):
      return "it is snapshot format \(version); this planledger reads version 1"
    case .hashMismatch:
      return "its hash does not check (it was changed after it was written)"
    case .bindingMismatch(let seq):
      return "its event \(seq) is not the ledger's event \(seq) (the ledger was rebuilt or changed)"
    case .beyondLedger(let size, let ledgerSize):
      return "it covers \(size) events but the ledger holds \(ledgerSize)"
    case .superseded(let by, let seq):
      return "seq \(by) corrects or retracts seq \(seq), which it folded"
    }
  }
}
