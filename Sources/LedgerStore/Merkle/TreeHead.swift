/// The head of the ledger's Merkle tree: how many events it covers and its root hash.
///
/// A tree head is the short digest a board can print in its minutes. Anyone holding
/// an earlier head can later ask for a consistency proof that today's ledger extends
/// it without rewriting it.
public struct TreeHead: Hashable, Sendable {
  /// The number of events (leaves) the tree covers.
  public let size: Int

  /// The RFC 9162 Merkle tree hash over the leaf hashes of events `1…size`.
  public let root: SHA256Digest

  /// Makes a tree head.
  ///
  /// - Parameters:
  ///   - size: The number of events the tree covers.
  ///   - root: The Merkle tree hash over those events.
  public init(size: Int, root: SHA256Digest) {
    self.size = size
    self.root = root
  }

  /// The head as the public format writes it: `{"root":"<hex>","size":N}`.
  public var json: JSONValue {
    ["root": .string(root.hex), "size": .integer(size)]
  }
}
