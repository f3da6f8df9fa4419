/// Why a proof could not be made.
public enum MerkleProofError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The tree size asked for is larger than the ledger.
  case sizeOutOfRange(size: Int, available: Int)
  /// The leaf index is not in the tree of that size.
  case indexOutOfRange(index: Int, size: Int)
  /// The earlier size of a consistency proof is not in `1…second`.
  case firstSizeOutOfRange(first: Int, second: Int)

  /// The message for the user.
  public var description: String {
    switch self {
    case .sizeOutOfRange(let size, let available):
      return "tree size \(size) is out of range; the ledger holds \(available) events"
    case .indexOutOfRange(let index, let size):
      return "seq \(index + 1) is not in the tree of size \(size); choose a seq from 1 to \(size)"
    case .firstSizeOutOfRange(let first, let second):
      return
        "earlier tree size \(first) is out of range; choose a size from 1 to \(second)"
    }
  }
}
