/// The right edge of a Merkle tree: the roots of its perfect subtrees, largest first.
///
/// A tree of `n` leaves decomposes into one perfect subtree per set bit of `n`
/// (RFC 9162's split at the largest power of two below the size, applied
/// repeatedly). Folding those roots from the right gives the tree hash, so the
/// frontier lets an append extend the tree and compute the new root in
/// O(log n) hashes, without reading any earlier leaf.
public struct MerkleFrontier: Hashable, Sendable {
  /// The number of leaves covered.
  public private(set) var size: Int

  /// The roots of the perfect subtrees, from the leftmost (largest) to the rightmost.
  public private(set) var peaks: [SHA256Digest]

  /// An empty frontier: a tree of no leaves.
  public init() {
    size = 0
    peaks = []
  }

  /// Rebuilds a frontier from stored peaks, or `nil` when the number of peaks does not
  /// match `size`.
  ///
  /// - Parameters:
  ///   - size: The number of leaves the peaks cover.
  ///   - peaks: One root per set bit of `size`, largest subtree first.
  public init?(size: Int, peaks: [SHA256Digest]) {
    guard size >= 0, size.nonzeroBitCount == peaks.count else { return nil }
    self.size = size
    self.peaks = peaks
  }

  /// Adds one leaf hash at the right edge of the tree.
  ///
  /// - Parameter leafHash: The RFC 9162 leaf hash of the new event.
  public mutating func append(_ leafHash: SHA256Digest) {
    var carry = leafHash
    var merged = size
    // Each trailing set bit of the old size is a perfect subtree of the same
    // height as `carry`, so they merge, exactly as in binary addition.
    while merged & 1 == 1 {
      carry = SHA256.nodeHash(peaks.removeLast(), carry)
      merged >>= 1
    }
    peaks.append(carry)
    size += 1
  }

  /// The RFC 9162 Merkle tree hash of the leaves covered.
  ///
  /// The hash of an empty tree is SHA-256 of the empty string.
  public var root: SHA256Digest {
    guard var hash = peaks.last else { return SHA256.hash([UInt8]()) }
    for peak in peaks.dropLast().reversed() {
      hash = SHA256.nodeHash(peak, hash)
    }
    return hash
  }

  /// The tree head of the leaves covered.
  public var head: TreeHead {
    TreeHead(size: size, root: root)
  }
}
