extension MerkleTree {
  /// Checks an inclusion proof (RFC 9162 §2.1.3.2).
  ///
  /// - Parameters:
  ///   - leafHash: The leaf hash of the event, `SHA-256(0x00 ‖ line)`.
  ///   - index: The zero-based leaf index (`seq - 1`).
  ///   - size: The tree size the proof is for.
  ///   - path: The audit path.
  ///   - root: The root of the tree of that size.
  /// - Returns: Whether the path proves the leaf is at `index` in that tree.
  public static func verifyInclusion(
    leafHash: SHA256Digest,
    index: Int,
    size: Int,
    path: [SHA256Digest],
    root: SHA256Digest
  ) -> Bool {
    guard index >= 0, index < size else { return false }
    var fn = index
    var sn = size - 1
    var r = leafHash
    for p in path {
      if sn == 0 { return false }
      if fn & 1 == 1 || fn == sn {
        r = SHA256.nodeHash(p, r)
        if fn & 1 == 0 {
          while fn & 1 == 0 && fn != 0 {
            fn >>= 1
            sn >>= 1
          }
        }
      } else {
        r = SHA256.nodeHash(r, p)
      }
      fn >>= 1
      sn >>= 1
    }
    return sn == 0 && r == root
  }

  /// Checks a consistency proof (RFC 9162 §2.1.4.2).
  ///
  /// Equal sizes are consistent exactly when the path is empty and the roots are equal.
  ///
  /// - Parameters:
  ///   - first: The earlier tree size (at least 1).
  ///   - second: The later tree size.
  ///   - firstRoot: The root of the earlier tree.
  ///   - secondRoot: The root of the later tree.
  ///   - path: The consistency path.
  /// - Returns: Whether the later tree extends the earlier one.
  public static func verifyConsistency(
    first: Int,
    second: Int,
    firstRoot: SHA256Digest,
    secondRoot: SHA256Digest,
    path: [SHA256Digest]
  ) -> Bool {
    guard first >= 1, first <= second else { return false }
    if first == second {
      return path.isEmpty && firstRoot == secondRoot
    }
    guard !path.isEmpty else { return false }
    var path = path[...]
    if first & (first - 1) == 0 {
      path = [firstRoot] + path
    }
    var fn = first - 1
    var sn = second - 1
    while fn & 1 == 1 {
      fn >>= 1
      sn >>= 1
    }
    guard let seed = path.first else { return false }
    var fr = seed
    var sr = seed
    for c in path.dropFirst() {
      if sn == 0 { return false }
      if fn & 1 == 1 || fn == sn {
        fr = SHA256.nodeHash(c, fr)
        sr = SHA256.nodeHash(c, sr)
        if fn & 1 == 0 {
          while fn & 1 == 0 && fn != 0 {
            fn >>= 1
            sn >>= 1
          }
        }
      } else {
        sr = SHA256.nodeHash(sr, c)
      }
      fn >>= 1
      sn >>= 1
    }
    return fr == firstRoot && sr == secondRoot && sn == 0
  }
}
