/// The durable record of the committed log: its tree head and where it ends.
///
/// The checkpoint file beside the log holds two fixed-size slots written in turn, so a
/// crash while one is being written leaves the other intact. Each slot is the canonical
/// JSON of a checkpoint padded with spaces to ``slotSize`` bytes, and carries a `check`
/// member: SHA-256 of the canonical JSON of the other members. A slot whose check fails
/// is ignored. The slot with the higher `generation` is the current checkpoint.
///
/// The checkpoint is the commit point of an append: lines after `end` are not part of
/// the log. It also protects the last line, which no later `prev` covers, through
/// `last`, the leaf hash of the last event.
struct Checkpoint: Hashable, Sendable {
  /// The size of one slot in bytes, including its final newline.
  static let slotSize = 1024

  /// Increases by one with every write.
  var generation: Int
  /// The number of committed events.
  var size: Int
  /// The Merkle root of the committed events.
  var root: SHA256Digest
  /// The leaf hash of the last committed event (64 zeros when empty).
  var last: SHA256Digest
  /// The `recorded` of the last committed event, if any.
  var recorded: LedgerTimestamp?
  /// The segment file the log ends in.
  var segment: String
  /// The byte offset in `segment` where the committed log ends.
  var end: Int
  /// The boot the checkpoint was written in, when the caller knows it.
  var boot: String?

  /// The tree head this checkpoint records.
  var head: TreeHead {
    TreeHead(size: size, root: root)
  }

  /// The slot's bytes: canonical JSON with its check, padded to ``slotSize``.
  ///
  /// Written member by member in canonical order (boot, check, end, generation, last,
  /// recorded, root, segment, size, v), since this runs on every append; the check is
  /// SHA-256 of the same JSON without `check`.
  var slotBytes: [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Self.slotSize)
    writeCanonical(check: nil, into: &bytes)
    let check = SHA256.hash(bytes)
    bytes.removeAll(keepingCapacity: true)
    writeCanonical(check: check, into: &bytes)
    precondition(bytes.count < Self.slotSize, "a checkpoint always fits its slot")
    bytes += repeatElement(UInt8(ascii: " "), count: Self.slotSize - 1 - bytes.count)
    bytes.append(UInt8(ascii: "\n"))
    return bytes
  }

  private func writeCanonical(check: SHA256Digest?, into out: inout [UInt8]) {
    var members: [(name: StaticString, value: CanonicalPieces.Value)] = []
    if let boot { members.append(("boot", .string(boot))) }
    if let check { members.append(("check", .hex(check))) }
    members += [("end", .decimal(end)), ("generation", .decimal(generation)), ("last", .hex(last))]
    if let recorded { members.append(("recorded", .timestamp(recorded))) }
    members += [
      ("root", .hex(root)), ("segment", .string(segment)), ("size", .decimal(size)),
      ("v", .decimal(1)),
    ]
    CanonicalPieces.object(members, into: &out)
  }

  /// Reads one slot, or `nil` when it is empty, damaged or does not check.
  init?(slot: some Collection<UInt8>) {
    guard slot.count == Self.slotSize, slot.contains(where: { $0 != 0 }),
      let value = try? JSONValue(parsing: slot),
      case .object(let object) = value,
      object["v"]?.integerValue == 1,
      let check = object["check"]?.stringValue.flatMap(SHA256Digest.init(hex:))
    else { return nil }
    let checked = JSONObject(
      Dictionary(
        uniqueKeysWithValues: object.filter { $0.key != "check" }.map { ($0.key, $0.value) }
      )
    )
    guard SHA256.hash(JSONValue.object(checked).canonicalBytes) == check,
      let generation = object["generation"]?.integerValue,
      let size = object["size"]?.integerValue,
      let root = object["root"]?.stringValue.flatMap(SHA256Digest.init(hex:)),
      let last = object["last"]?.stringValue.flatMap(SHA256Digest.init(hex:)),
      let segment = object["segment"]?.stringValue,
      let end = object["end"]?.integerValue
    else { return nil }
    self.generation = generation
    self.size = size
    self.root = root
    self.last = last
    self.segment = segment
    self.end = end
    self.recorded = object["recorded"]?.stringValue.flatMap(LedgerTimestamp.init)
    self.boot = object["boot"]?.stringValue
  }

  init(
    generation: Int,
    size: Int,
    root: SHA256Digest,
    last: SHA256Digest,
    recorded: LedgerTimestamp?,
    segment: String,
    end: Int,
    boot: String?
  ) {
    self.generation = generation
    self.size = size
    self.root = root
    self.last = last
    self.recorded = recorded
    self.segment = segment
    self.end = end
    self.boot = boot
  }

  /// The slot this checkpoint is written to: generations alternate between the two.
  var slotOffset: Int {
    (generation % 2) * Self.slotSize
  }

  /// Reads both slots of a checkpoint file.
  ///
  /// - Returns: The current checkpoint and the previous one, when they check.
  static func read(from bytes: [UInt8]) -> (current: Checkpoint, previous: Checkpoint?)? {
    let slots = [0, 1].compactMap { index -> Checkpoint? in
      let start = index * slotSize
      guard bytes.count >= start + slotSize else { return nil }
      return Checkpoint(slot: bytes[start..<(start + slotSize)])
    }
    let ordered = slots.sorted { $0.generation > $1.generation }
    guard let current = ordered.first else { return nil }
    return (current, ordered.dropFirst().first)
  }
}
