import LedgerStore

/// RFC 9162 §2.1 written out recursively, straight from the definitions, as a second
/// opinion for the engine's iterative and bit-twiddling implementations.
enum ReferenceMerkle {
  /// The largest power of two smaller than `n` (`n` ≥ 2).
  static func split(_ n: Int) -> Int {
    var k = 1
    while k * 2 < n { k *= 2 }
    return k
  }

  /// `MTH(D[n])` of the given leaf hashes.
  ///
  /// - Parameter leaves: Leaf hashes.
  /// - Returns: The tree hash; SHA-256 of nothing for no leaves.
  static func root(_ leaves: ArraySlice<SHA256Digest>) -> SHA256Digest {
    switch leaves.count {
    case 0:
      return SHA256.hash([UInt8]())
    case 1:
      return leaves[leaves.startIndex]
    default:
      let k = split(leaves.count)
      let middle = leaves.startIndex + k
      return SHA256.nodeHash(root(leaves[..<middle]), root(leaves[middle...]))
    }
  }

  /// `PATH(m, D[n])`.
  ///
  /// - Parameters:
  ///   - m: The leaf index.
  ///   - leaves: The tree's leaf hashes.
  /// - Returns: The audit path, bottom first.
  static func path(_ m: Int, _ leaves: ArraySlice<SHA256Digest>) -> [SHA256Digest] {
    guard leaves.count > 1 else { return [] }
    let k = split(leaves.count)
    let middle = leaves.startIndex + k
    if m < k {
      return path(m, leaves[..<middle]) + [root(leaves[middle...])]
    }
    return path(m - k, leaves[middle...]) + [root(leaves[..<middle])]
  }

  /// `PROOF(m, D[n])`.
  ///
  /// - Parameters:
  ///   - m: The earlier size.
  ///   - leaves: The later tree's leaf hashes.
  /// - Returns: The consistency path.
  static func consistency(_ m: Int, _ leaves: ArraySlice<SHA256Digest>) -> [SHA256Digest] {
    subproof(m, leaves, true)
  }

  /// `SUBPROOF(m, D[n], b)`.
  private static func subproof(
    _ m: Int,
    _ leaves: ArraySlice<SHA256Digest>,
    _ isWholeOldTree: Bool
  ) -> [SHA256Digest] {
    if m == leaves.count {
      return isWholeOldTree ? [] : [root(leaves)]
    }
    let k = split(leaves.count)
    let middle = leaves.startIndex + k
    if m <= k {
      return subproof(m, leaves[..<middle], isWholeOldTree) + [root(leaves[middle...])]
    }
    return subproof(m - k, leaves[middle...], false) + [root(leaves[..<middle])]
  }

  /// Whether an inclusion proof holds, by rebuilding the root along the shape that
  /// `PATH(index, D[size])` has, consuming the path from the top.
  ///
  /// - Parameters:
  ///   - leafHash: The leaf hash.
  ///   - index: The leaf index.
  ///   - size: The tree size.
  ///   - path: The audit path.
  ///   - root: The claimed root.
  /// - Returns: Whether the path has the right length and rebuilds `root`.
  static func verifyInclusion(
    leafHash: SHA256Digest,
    index: Int,
    size: Int,
    path: [SHA256Digest],
    root: SHA256Digest
  ) -> Bool {
    guard index >= 0, index < size else { return false }
    var remaining = path[...]
    /// The root of the subtree of `n` leaves holding leaf `m`, or `nil` if the path is short.
    func rebuild(_ m: Int, _ n: Int) -> SHA256Digest? {
      if n == 1 { return leafHash }
      let k = split(n)
      guard let sibling = remaining.popLast() else { return nil }
      if m < k {
        return rebuild(m, k).map { SHA256.nodeHash($0, sibling) }
      }
      return rebuild(m - k, n - k).map { SHA256.nodeHash(sibling, $0) }
    }
    guard let rebuilt = rebuild(index, size) else { return false }
    return remaining.isEmpty && rebuilt == root
  }

  /// Whether a consistency proof holds, by rebuilding both roots along the shape that
  /// `PROOF(first, D[second])` has, consuming the path from the top.
  ///
  /// - Parameters:
  ///   - first: The earlier size.
  ///   - second: The later size.
  ///   - firstRoot: The earlier root.
  ///   - secondRoot: The later root.
  ///   - path: The consistency path.
  /// - Returns: Whether the path has the right length and rebuilds both roots.
  static func verifyConsistency(
    first: Int,
    second: Int,
    firstRoot: SHA256Digest,
    secondRoot: SHA256Digest,
    path: [SHA256Digest]
  ) -> Bool {
    guard first >= 1, first <= second else { return false }
    var remaining = path[...]
    /// The old and new roots of the subtree of `n` leaves whose first `m` are old, or `nil`
    /// if the path is short.
    func rebuild(_ m: Int, _ n: Int, _ isWholeOldTree: Bool) -> (SHA256Digest, SHA256Digest)? {
      if m == n {
        if isWholeOldTree { return (firstRoot, firstRoot) }
        guard let node = remaining.popLast() else { return nil }
        return (node, node)
      }
      let k = split(n)
      guard let sibling = remaining.popLast() else { return nil }
      if m <= k {
        return rebuild(m, k, isWholeOldTree).map { ($0.0, SHA256.nodeHash($0.1, sibling)) }
      }
      return rebuild(m - k, n - k, false).map {
        (SHA256.nodeHash(sibling, $0.0), SHA256.nodeHash(sibling, $0.1))
      }
    }
    guard let (old, new) = rebuild(first, second, true) else { return false }
    return remaining.isEmpty && old == firstRoot && new == secondRoot
  }
}
