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
  /// recorded, root, segment, size, v), since this runs on every append. The check is
  /// SHA-256 of the same JSON without `check`, which is written once; the check then goes
  /// in after `boot`, the only member that sorts before it.
  var slotBytes: [UInt8] {
    var unchecked: [UInt8] = []
    unchecked.reserveCapacity(Self.slotSize)
    let split = writeUnchecked(into: &unchecked)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Self.slotSize)
    bytes += unchecked[..<split]
    CanonicalPieces.key("check", first: split == 0, into: &bytes)
    CanonicalPieces.hex(SHA256.hash(unchecked), into: &bytes)
    // `unchecked[split]` is the `{` or `,` before `end`.
    bytes.append(UInt8(ascii: ","))
    bytes += unchecked[(split + 1)...]
    precondition(bytes.count < Self.slotSize, "a checkpoint always fits its slot")
    bytes += Self.padding[..<(Self.slotSize - 1 - bytes.count)]
    bytes.append(UInt8(ascii: "\n"))
    return bytes
  }

  private static let padding = [UInt8](repeating: UInt8(ascii: " "), count: slotSize)

  /// Writes the canonical JSON without `check`; returns the offset where `check` belongs:
  /// that of the `{` or `,` that comes before `end`.
  private func writeUnchecked(into out: inout [UInt8]) -> Int {
    typealias Piece = CanonicalPieces
    let start = out.count
    if let boot {
      Piece.key("boot", first: true, into: &out)
      Piece.string(boot, into: &out)
    }
    let split = out.count - start
    Piece.key("end", first: boot == nil, into: &out)
    Piece.decimal(end, into: &out)
    Piece.key("generation", into: &out)
    Piece.decimal(generation, into: &out)
    Piece.key("last", into: &out)
    Piece.hex(last, into: &out)
    if let recorded {
      Piece.key("recorded", into: &out)
      Piece.timestamp(recorded, into: &out)
    }
    Piece.key("root", into: &out)
    Piece.hex(root, into: &out)
    Piece.key("segment", into: &out)
    Piece.string(segment, into: &out)
    Piece.key("size", into: &out)
    Piece.decimal(size, into: &out)
    Piece.closeWithVersion(into: &out)
    return split
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
