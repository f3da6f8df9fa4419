/// The seqs an append gave its events, in order, held as runs of consecutive seqs.
///
/// A batch of new events takes consecutive seqs, so a million-event append is one run of
/// a few bytes, not a million integers; an `id` already in the log (or earlier in the
/// batch) names its original seq and starts a new run. It is a random-access collection
/// of the seqs, and compares with an array literal: `receipt.seqs == [4, 4, 3]`.
public struct AppendedSeqs: RandomAccessCollection, Hashable, Sendable,
  ExpressibleByArrayLiteral
{
  /// The runs, each longest possible: two runs never join end to start.
  private var runs: [ClosedRange<Int>] = []
  /// How many seqs come before each run.
  private var before: [Int] = []
  /// How many seqs there are.
  public private(set) var count = 0

  /// No seqs.
  public init() {}

  /// The seqs of a literal.
  ///
  /// - Parameter elements: The seqs.
  public init(arrayLiteral elements: Int...) {
    for seq in elements { append(seq) }
  }

  /// The seqs of a sequence.
  ///
  /// - Parameter seqs: The seqs, in order.
  public init(_ seqs: some Sequence<Int>) {
    for seq in seqs { append(seq) }
  }

  /// Appends a seq.
  ///
  /// - Parameter seq: The seq.
  public mutating func append(_ seq: Int) {
    if let last = runs.last, last.upperBound < Int.max, last.upperBound + 1 == seq {
      runs[runs.count - 1] = last.lowerBound...seq
    } else {
      runs.append(seq...seq)
      before.append(count)
    }
    count += 1
  }

  /// The first position.
  public var startIndex: Int { 0 }

  /// The position after the last.
  public var endIndex: Int { count }

  /// The seq at a position.
  ///
  /// - Parameter position: A position from 0 to `count - 1`.
  public subscript(position: Int) -> Int {
    precondition(position >= 0 && position < count, "position \(position) is not in 0..<\(count)")
    // The last run that starts at or before `position`.
    var low = 0
    var high = runs.count
    while high - low > 1 {
      let middle = (low + high) / 2
      if before[middle] <= position { low = middle } else { high = middle }
    }
    return runs[low].lowerBound + (position - before[low])
  }
}
