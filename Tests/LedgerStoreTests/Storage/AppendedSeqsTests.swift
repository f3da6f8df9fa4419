import LedgerStore
import Testing

/// An append's seqs held as runs: the same seqs, positions and equality as an array.
@Suite struct AppendedSeqsTests {
  @Test func runsHoldTheSeqsInOrder() {
    var state: UInt64 = 2017
    for length in [0, 1, 2, 7, 300] {
      var expected: [Int] = []
      var next = 1
      for _ in 0..<length {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        // Mostly the next seq, now and then an earlier one (an id already recorded).
        if state >> 60 == 0, next > 1 {
          expected.append(1 + Int(state >> 33) % (next - 1))
        } else {
          expected.append(next)
          next += 1
        }
      }
      let seqs = AppendedSeqs(expected)
      #expect(Array(seqs) == expected)
      #expect(seqs.count == expected.count)
      #expect(expected.indices.allSatisfy { seqs[$0] == expected[$0] })
      #expect(seqs == AppendedSeqs(expected))
      #expect(seqs.hashValue == AppendedSeqs(expected).hashValue)
    }
  }

  @Test func literalsAndRepeats() {
    #expect(AppendedSeqs([4, 4, 3, 5, 4]) == [4, 4, 3, 5, 4])
    #expect(Array(AppendedSeqs([4, 4, 3, 5, 4])) == [4, 4, 3, 5, 4])
    #expect(AppendedSeqs(1...1_000_000).count == 1_000_000)
    #expect(AppendedSeqs(1...1_000_000)[999_999] == 1_000_000)
    #expect(AppendedSeqs([1, 2, 3]) != [1, 2, 4])
    #expect(AppendedSeqs() == [])
  }
}
