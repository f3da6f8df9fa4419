import LedgerStore
import Testing

@Suite struct MerkleFrontierTests {
  /// 200 distinct leaf hashes.
  static let leaves = (0..<200).map { SHA256.leafHash(Array("leaf \($0)".utf8)) }

  @Test func emptyFrontierHasTheRootOfNoLeaves() {
    let frontier = MerkleFrontier()
    #expect(frontier.size == 0)
    #expect(frontier.peaks == [])
    #expect(frontier.root.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(frontier.head == TreeHead(size: 0, root: frontier.root))
  }

  @Test func rootAfterEveryAppendEqualsTheTreeHash() throws {
    var frontier = MerkleFrontier()
    for size in 0...200 {
      let expected = ReferenceMerkle.root(Self.leaves[0..<size])
      #expect(frontier.size == size)
      #expect(frontier.root == expected, "size \(size)")
      #expect(try MerkleTree.hash(of: 0..<size, in: Self.leaves) == expected, "size \(size)")
      #expect(frontier.peaks.count == size.nonzeroBitCount, "size \(size)")
      if size < 200 { frontier.append(Self.leaves[size]) }
    }
  }

  @Test func peaksAreTheRootsOfThePerfectSubtreesLargestFirst() {
    var frontier = MerkleFrontier()
    for leaf in Self.leaves[0..<13] { frontier.append(leaf) }
    // 13 = 8 + 4 + 1
    #expect(
      frontier.peaks == [
        ReferenceMerkle.root(Self.leaves[0..<8]),
        ReferenceMerkle.root(Self.leaves[8..<12]),
        Self.leaves[12],
      ]
    )
  }

  @Test(arguments: [0, 1, 2, 3, 7, 8, 100, 127, 128, 199])
  func frontierRebuiltFromItsPeaksCarriesOn(size: Int) throws {
    var frontier = MerkleFrontier()
    for leaf in Self.leaves[0..<size] { frontier.append(leaf) }
    var rebuilt = try #require(MerkleFrontier(size: frontier.size, peaks: frontier.peaks))
    #expect(rebuilt == frontier)
    rebuilt.append(Self.leaves[size])
    #expect(rebuilt.root == ReferenceMerkle.root(Self.leaves[0...size]))
  }

  @Test func initWithPeaksRefusesAPeakCountThatDoesNotMatchTheSize() {
    let peak = Self.leaves[0]
    #expect(MerkleFrontier(size: 0, peaks: []) != nil)
    #expect(MerkleFrontier(size: 0, peaks: [peak]) == nil)
    #expect(MerkleFrontier(size: 1, peaks: []) == nil)
    #expect(MerkleFrontier(size: 1, peaks: [peak]) != nil)
    #expect(MerkleFrontier(size: 2, peaks: [peak, peak]) == nil)
    #expect(MerkleFrontier(size: 5, peaks: [peak]) == nil)
    #expect(MerkleFrontier(size: 5, peaks: [peak, peak]) != nil)
    #expect(MerkleFrontier(size: 5, peaks: [peak, peak, peak]) == nil)
    #expect(MerkleFrontier(size: 7, peaks: [peak, peak, peak]) != nil)
    #expect(MerkleFrontier(size: -1, peaks: []) == nil)
    #expect(MerkleFrontier(size: -1, peaks: [peak]) == nil)
    #expect(MerkleFrontier(size: Int.max, peaks: Array(repeating: peak, count: 63)) != nil)
    #expect(MerkleFrontier(size: Int.max, peaks: Array(repeating: peak, count: 62)) == nil)
  }
}
