/// RFC 9162 §2.1 Merkle tree hashes, inclusion proofs and consistency proofs.
///
/// Every function works over a ``LeafHashSource`` and hashes each leaf in the range
/// it needs once, holding only O(log n) hashes in memory.
public enum MerkleTree: Sendable {
  /// The Merkle tree hash of the leaves in `range` (RFC 9162 `MTH(D[range])`).
  ///
  /// - Parameters:
  ///   - range: The leaves to hash; an empty range gives the hash of the empty string.
  ///   - leaves: Where the leaf hashes come from.
  /// - Returns: The subtree's hash.
  /// - Throws: The source's read error.
  public static func hash(
    of range: Range<Int>,
    in leaves: some LeafHashSource
  ) throws -> SHA256Digest {
    var frontier = MerkleFrontier()
    try leaves.forEachLeafHash(in: range) { frontier.append($0) }
    return frontier.root
  }

  /// The root of the tree made of the first `size` leaves.
  ///
  /// - Parameters:
  ///   - size: The tree size, at most `leaves.count`.
  ///   - leaves: Where the leaf hashes come from.
  /// - Returns: The tree head.
  /// - Throws: ``MerkleProofError/sizeOutOfRange(size:available:)`` when `size` is
  ///   larger than the source; the source's read error.
  public static func head(size: Int, in leaves: some LeafHashSource) throws -> TreeHead {
    guard size >= 0, size <= leaves.count else {
      throw MerkleProofError.sizeOutOfRange(size: size, available: leaves.count)
    }
    return TreeHead(size: size, root: try hash(of: 0..<size, in: leaves))
  }

  /// The inclusion proof of leaf `index` in the tree of the first `size` leaves
  /// (RFC 9162 §2.1.3.1 `PATH(m, D[n])`).
  ///
  /// - Parameters:
  ///   - index: The zero-based leaf index (`seq - 1`).
  ///   - size: The tree size.
  ///   - leaves: Where the leaf hashes come from.
  /// - Returns: The audit path, from the leaf's sibling up to the root's child.
  /// - Throws: ``MerkleProofError`` when the index or size is out of range; the
  ///   source's read error.
  public static func inclusionProof(
    index: Int,
    size: Int,
    in leaves: some LeafHashSource
  ) throws -> [SHA256Digest] {
    guard size >= 0, size <= leaves.count else {
      throw MerkleProofError.sizeOutOfRange(size: size, available: leaves.count)
    }
    guard index >= 0, index < size else {
      throw MerkleProofError.indexOutOfRange(index: index, size: size)
    }
    var path: [SHA256Digest] = []
    try appendPath(index: index, range: 0..<size, leaves: leaves, to: &path)
    return path
  }

  /// The consistency proof between the trees of the first `first` and the first
  /// `second` leaves (RFC 9162 §2.1.4.1 `PROOF(m, D[n])`).
  ///
  /// - Parameters:
  ///   - first: The earlier tree size, `1…second`.
  ///   - second: The later tree size.
  ///   - leaves: Where the leaf hashes come from.
  /// - Returns: The consistency path; empty when the sizes are equal.
  /// - Throws: ``MerkleProofError`` when a size is out of range; the source's read error.
  public static func consistencyProof(
    first: Int,
    second: Int,
    in leaves: some LeafHashSource
  ) throws -> [SHA256Digest] {
    guard second >= 0, second <= leaves.count else {
      throw MerkleProofError.sizeOutOfRange(size: second, available: leaves.count)
    }
    guard first >= 1, first <= second else {
      throw MerkleProofError.firstSizeOutOfRange(first: first, second: second)
    }
    var path: [SHA256Digest] = []
    try appendSubproof(
      first: first,
      range: 0..<second,
      isWholeOldTree: true,
      leaves: leaves,
      to: &path
    )
    return path
  }

  /// The largest power of two strictly below `n` (`n` ≥ 2): RFC 9162's split point.
  static func split(_ n: Int) -> Int {
    precondition(n >= 2, "only a tree of two or more leaves is split")
    return 1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
  }

  private static func appendPath(
    index: Int,
    range: Range<Int>,
    leaves: some LeafHashSource,
    to path: inout [SHA256Digest]
  ) throws {
    guard range.count > 1 else { return }
    let k = split(range.count)
    let left = range.lowerBound..<(range.lowerBound + k)
    let right = (range.lowerBound + k)..<range.upperBound
    if index < k {
      try appendPath(index: index, range: left, leaves: leaves, to: &path)
      path.append(try hash(of: right, in: leaves))
    } else {
      try appendPath(index: index - k, range: right, leaves: leaves, to: &path)
      path.append(try hash(of: left, in: leaves))
    }
  }

  private static func appendSubproof(
    first m: Int,
    range: Range<Int>,
    isWholeOldTree: Bool,
    leaves: some LeafHashSource,
    to path: inout [SHA256Digest]
  ) throws {
    let n = range.count
    if m == n {
      if !isWholeOldTree {
        path.append(try hash(of: range, in: leaves))
      }
      return
    }
    let k = split(n)
    let left = range.lowerBound..<(range.lowerBound + k)
    let right = (range.lowerBound + k)..<range.upperBound
    if m <= k {
      try appendSubproof(
        first: m,
        range: left,
        isWholeOldTree: isWholeOldTree,
        leaves: leaves,
        to: &path
      )
      path.append(try hash(of: right, in: leaves))
    } else {
      try appendSubproof(
        first: m - k,
        range: right,
        isWholeOldTree: false,
        leaves: leaves,
        to: &path
      )
      path.append(try hash(of: left, in: leaves))
    }
  }
}
