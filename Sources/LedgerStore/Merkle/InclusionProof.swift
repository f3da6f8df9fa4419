/// A proof that one event is in the ledger's tree of a given size (RFC 9162 §2.1.3).
///
/// Its JSON, as `planledger prove --seq` prints it, is
/// `{"leaf_hash":…,"leaf_index":N-1,"path":[…],"root":…,"tree_size":M}`.
public struct InclusionProof: Hashable, Sendable {
  /// The leaf hash of the event: `SHA-256(0x00 ‖ line)`.
  public let leafHash: SHA256Digest
  /// The zero-based leaf index: the event's seq minus one.
  public let leafIndex: Int
  /// The audit path.
  public let path: [SHA256Digest]
  /// The root of the tree the proof is against.
  public let root: SHA256Digest
  /// The size of that tree.
  public let treeSize: Int

  /// Makes a proof.
  ///
  /// - Parameters:
  ///   - leafHash: The event's leaf hash.
  ///   - leafIndex: The zero-based index.
  ///   - path: The audit path.
  ///   - root: The tree's root.
  ///   - treeSize: The tree's size.
  public init(
    leafHash: SHA256Digest,
    leafIndex: Int,
    path: [SHA256Digest],
    root: SHA256Digest,
    treeSize: Int
  ) {
    self.leafHash = leafHash
    self.leafIndex = leafIndex
    self.path = path
    self.root = root
    self.treeSize = treeSize
  }

  /// The proof as JSON.
  public var json: JSONValue {
    [
      "leaf_hash": .string(leafHash.hex),
      "leaf_index": .integer(leafIndex),
      "path": .array(path.map { .string($0.hex) }),
      "root": .string(root.hex),
      "tree_size": .integer(treeSize),
    ]
  }

  /// Reads a proof from its JSON.
  ///
  /// Returns `nil` when a member is missing or malformed.
  ///
  /// - Parameter json: The object `prove --seq` prints.
  public init?(json: JSONValue) {
    guard let leafHash = json["leaf_hash"]?.stringValue.flatMap(SHA256Digest.init(hex:)),
      let leafIndex = json["leaf_index"]?.integerValue,
      let root = json["root"]?.stringValue.flatMap(SHA256Digest.init(hex:)),
      let treeSize = json["tree_size"]?.integerValue,
      let path = SHA256Digest.list(json["path"])
    else { return nil }
    self.init(leafHash: leafHash, leafIndex: leafIndex, path: path, root: root, treeSize: treeSize)
  }

  /// Whether the proof checks (RFC 9162 §2.1.3.2).
  public var isValid: Bool {
    MerkleTree.verifyInclusion(
      leafHash: leafHash,
      index: leafIndex,
      size: treeSize,
      path: path,
      root: root
    )
  }
}

/// A proof that the ledger's tree of one size extends its tree of an earlier size
/// (RFC 9162 §2.1.4).
///
/// Its JSON, as `planledger prove --consistency` prints it, is
/// `{"first":OLD,"first_root":…,"path":[…],"second":M,"second_root":…}`.
public struct ConsistencyProof: Hashable, Sendable {
  /// The earlier size.
  public let first: Int
  /// The root of the earlier tree.
  public let firstRoot: SHA256Digest
  /// The consistency path.
  public let path: [SHA256Digest]
  /// The later size.
  public let second: Int
  /// The root of the later tree.
  public let secondRoot: SHA256Digest

  /// Makes a proof.
  ///
  /// - Parameters:
  ///   - first: The earlier size.
  ///   - firstRoot: The earlier root.
  ///   - path: The consistency path.
  ///   - second: The later size.
  ///   - secondRoot: The later root.
  public init(
    first: Int,
    firstRoot: SHA256Digest,
    path: [SHA256Digest],
    second: Int,
    secondRoot: SHA256Digest
  ) {
    self.first = first
    self.firstRoot = firstRoot
    self.path = path
    self.second = second
    self.secondRoot = secondRoot
  }

  /// The proof as JSON.
  public var json: JSONValue {
    [
      "first": .integer(first),
      "first_root": .string(firstRoot.hex),
      "path": .array(path.map { .string($0.hex) }),
      "second": .integer(second),
      "second_root": .string(secondRoot.hex),
    ]
  }

  /// Reads a proof from its JSON.
  ///
  /// Returns `nil` when a member is missing or malformed.
  ///
  /// - Parameter json: The object `prove --consistency` prints.
  public init?(json: JSONValue) {
    guard let first = json["first"]?.integerValue,
      let firstRoot = json["first_root"]?.stringValue.flatMap(SHA256Digest.init(hex:)),
      let second = json["second"]?.integerValue,
      let secondRoot = json["second_root"]?.stringValue.flatMap(SHA256Digest.init(hex:)),
      let path = SHA256Digest.list(json["path"])
    else { return nil }
    self.init(
      first: first,
      firstRoot: firstRoot,
      path: path,
      second: second,
      secondRoot: secondRoot
    )
  }

  /// Whether the proof checks (RFC 9162 §2.1.4.2).
  public var isValid: Bool {
    MerkleTree.verifyConsistency(
      first: first,
      second: second,
      firstRoot: firstRoot,
      secondRoot: secondRoot,
      path: path
    )
  }
}

extension SHA256Digest {
  /// Reads a JSON array of hex digests, or `nil` if any element is not one.
  static func list(_ value: JSONValue?) -> [SHA256Digest]? {
    guard let elements = value?.arrayValue else { return nil }
    let digests = elements.compactMap { $0.stringValue.flatMap(SHA256Digest.init(hex:)) }
    return digests.count == elements.count ? digests : nil
  }
}
