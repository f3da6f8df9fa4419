/// Random access to a run of leaf hashes, read in order.
///
/// The ledger's source is a file of 32-byte leaf hashes read in fixed-size blocks,
/// so a proof over a million events never holds the whole tree in memory; tests use
/// an array.
public protocol LeafHashSource {
  /// The number of leaf hashes available.
  var count: Int { get }

  /// Calls `body` with each leaf hash in `range`, in order.
  ///
  /// - Parameters:
  ///   - range: Zero-based leaf indices, within `0..<count`.
  ///   - body: Receives each leaf hash.
  /// - Throws: The source's read error.
  func forEachLeafHash(in range: Range<Int>, _ body: (SHA256Digest) throws -> Void) throws
}

extension Array: LeafHashSource where Element == SHA256Digest {
  /// Calls `body` with each element in `range`, in order.
  ///
  /// - Parameters:
  ///   - range: Zero-based indices within the array.
  ///   - body: Receives each leaf hash.
  /// - Throws: What `body` throws.
  public func forEachLeafHash(in range: Range<Int>, _ body: (SHA256Digest) throws -> Void) throws {
    for hash in self[range] {
      try body(hash)
    }
  }
}
