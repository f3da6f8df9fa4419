import Foundation
import LedgerStore
import Testing

/// The external sort: the same entries, in the same order, however many runs it spills
/// and however many rounds it merges them in.
@Suite struct ExternalSortTests {
  /// Entries with few distinct keys (so ties are common) and payloads of 0 to 40 bytes,
  /// one in two hundred far larger than a run cursor's 32 KiB buffer.
  static func entries(_ count: Int, seed: UInt64) -> [(key: UInt64, payload: [UInt8])] {
    var state = seed
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 17
    }
    return (0..<count).map { index in
      let length = index % 200 == 199 ? 40_000 + Int(next() % 1000) : Int(next() % 41)
      return (next() % 500, (0..<length).map { _ in UInt8(truncatingIfNeeded: next()) })
    }
  }

  /// What the sort must give: by key, equal keys in the order added.
  static func expected(_ entries: [(key: UInt64, payload: [UInt8])]) -> [(UInt64, [UInt8])] {
    entries.enumerated()
      .sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
      .map { ($0.element.key, $0.element.payload) }
  }

  static func read(_ sorted: ExternalSort.Sorted) throws -> [(UInt64, [UInt8])] {
    var result: [(UInt64, [UInt8])] = []
    // Sorted is not a Sequence: its forEach is how it is read, and it throws.
    // swift-format-ignore: ReplaceForEachWithForLoop
    try sorted.forEach { key, payload in result.append((key, Array(payload))) }
    return result
  }

  static func sort(
    _ entries: [(key: UInt64, payload: [UInt8])],
    in directory: String?,
    runBytes: Int,
    fanIn: Int
  ) throws -> ExternalSort.Sorted {
    var sort = ExternalSort(scratchDirectory: directory, runBytes: runBytes, fanIn: fanIn)
    for entry in entries { try sort.add(entry.key, payload: entry.payload) }
    return try sort.sorted()
  }

  @Test(
    "spilled and merged in any number of rounds, entries come out in key order, ties in the order added",
    arguments: [(64, 2), (600, 3), (5000, 64), (1 << 30, 64)]
  )
  func sortsStablyWhateverItSpills(runBytes: Int, fanIn: Int) throws {
    let entries = Self.entries(1500, seed: UInt64(runBytes))
    try withTemporaryDirectory { directory in
      let sorted = try Self.sort(entries, in: directory.path, runBytes: runBytes, fanIn: fanIn)
      let expected = Self.expected(entries)
      let first = try Self.read(sorted)
      #expect(sorted.count == 1500)
      #expect(first.map(\.0) == expected.map(\.0))
      #expect(first.map(\.1) == expected.map(\.1))
      // Read again: the same entries.
      let second = try Self.read(sorted)
      #expect(second.map(\.0) == first.map(\.0) && second.map(\.1) == first.map(\.1))
      // Nothing is left in the scratch directory: the file has no name.
      #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
  }

  @Test("without a scratch directory every entry stays in memory and sorts the same")
  func sortsInMemory() throws {
    let entries = Self.entries(2000, seed: 7)
    let sorted = try Self.sort(entries, in: nil, runBytes: 64, fanIn: 2)
    let expected = Self.expected(entries)
    let result = try Self.read(sorted)
    #expect(result.map(\.0) == expected.map(\.0))
    #expect(result.map(\.1) == expected.map(\.1))
  }

  @Test("an empty sort yields nothing, spilled or not")
  func emptySort() throws {
    try withTemporaryDirectory { directory in
      for scratch in [nil, directory.path] {
        let sorted = try ExternalSort(scratchDirectory: scratch, runBytes: 1).sorted()
        #expect(sorted.count == 0)
        #expect(try Self.read(sorted).isEmpty)
      }
    }
  }

  @Test("a scratch directory that cannot hold files is refused with the fix")
  func missingScratchDirectory() throws {
    var sort = ExternalSort(scratchDirectory: "/nonexistent/scratch", runBytes: 1)
    #expect(
      throws: LedgerStoreError.scratchUnavailable(directory: "/nonexistent/scratch", errno: ENOENT)
    ) {
      try sort.add(1)
    }
    #expect(
      LedgerStoreError.scratchUnavailable(directory: "/nonexistent/scratch", errno: ENOENT)
        .description
        == "cannot use \"/nonexistent/scratch\" for scratch files: no such file or directory; "
        + "set TMPDIR to a writable directory with free space"
    )
  }
}
