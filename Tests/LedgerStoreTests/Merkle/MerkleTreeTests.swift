import LedgerStore
import Testing

@Suite struct MerkleTreeTests {
  /// The leaves of the Certificate Transparency test vectors (RFC 6962, the reference
  /// implementation's `merkle_tree_test.cc`), as bytes.
  static let vectorLeaves: [[UInt8]] = [
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
  ].map(vectorBytes(hex:))

  /// Decodes lowercase hexadecimal text; the vectors only hold valid digits.
  static func vectorBytes(hex: String) -> [UInt8] {
    let digits = Array(hex.utf8).map { UInt8(($0 & 0x0F) + ($0 >= 0x61 ? 9 : 0)) }
    return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
  }

  /// The leaf hashes of ``vectorLeaves``.
  static let vectorLeafHashes = vectorLeaves.map { SHA256.leafHash($0) }

  /// The roots of the trees of the first 0…8 vector leaves.
  static let vectorRoots = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
  ]

  /// A published inclusion path.
  struct InclusionVector: Sendable, CustomTestStringConvertible {
    let index: Int
    let size: Int
    let path: [String]
    var testDescription: String { "leaf \(index) in size \(size)" }
  }

  /// A published consistency path.
  struct ConsistencyVector: Sendable, CustomTestStringConvertible {
    let first: Int
    let second: Int
    let path: [String]
    var testDescription: String { "\(first) → \(second)" }
  }

  static let inclusionVectors = [
    InclusionVector(
      index: 0,
      size: 8,
      path: [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
      ]
    ),
    InclusionVector(
      index: 5,
      size: 8,
      path: [
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      ]
    ),
  ]

  static let consistencyVectors = [
    ConsistencyVector(
      first: 2,
      second: 8,
      path: [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
      ]
    ),
    ConsistencyVector(
      first: 6,
      second: 8,
      path: [
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      ]
    ),
    ConsistencyVector(
      first: 2,
      second: 5,
      path: [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      ]
    ),
    ConsistencyVector(
      first: 1,
      second: 8,
      path: [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
      ]
    ),
  ]

  /// 64 distinct leaf hashes for the exhaustive tests.
  static let leaves64 = (0..<64).map { SHA256.leafHash([UInt8(truncatingIfNeeded: $0), 0x5A]) }

  // MARK: Published vectors

  @Test(arguments: 0...8)
  func treeHeadMatchesThePublishedRoot(size: Int) throws {
    let head = try MerkleTree.head(size: size, in: Self.vectorLeafHashes)
    #expect(head.size == size)
    #expect(head.root.hex == Self.vectorRoots[size])
    #expect(
      try MerkleTree.hash(of: 0..<size, in: Self.vectorLeafHashes).hex == Self.vectorRoots[size]
    )
  }

  @Test(arguments: inclusionVectors)
  func inclusionProofMatchesThePublishedPath(vector: InclusionVector) throws {
    let path = try MerkleTree.inclusionProof(
      index: vector.index,
      size: vector.size,
      in: Self.vectorLeafHashes
    )
    #expect(path.map(\.hex) == vector.path)
    let root = try #require(SHA256Digest(hex: Self.vectorRoots[vector.size]))
    #expect(
      MerkleTree.verifyInclusion(
        leafHash: Self.vectorLeafHashes[vector.index],
        index: vector.index,
        size: vector.size,
        path: try vector.path.map { try #require(SHA256Digest(hex: $0)) },
        root: root
      )
    )
  }

  @Test(arguments: consistencyVectors)
  func consistencyProofMatchesThePublishedPath(vector: ConsistencyVector) throws {
    let path = try MerkleTree.consistencyProof(
      first: vector.first,
      second: vector.second,
      in: Self.vectorLeafHashes
    )
    #expect(path.map(\.hex) == vector.path)
    #expect(
      MerkleTree.verifyConsistency(
        first: vector.first,
        second: vector.second,
        firstRoot: try #require(SHA256Digest(hex: Self.vectorRoots[vector.first])),
        secondRoot: try #require(SHA256Digest(hex: Self.vectorRoots[vector.second])),
        path: try vector.path.map { try #require(SHA256Digest(hex: $0)) }
      )
    )
  }

  @Test func equalSizesAreConsistentWithAnEmptyPathOnly() throws {
    let root = try MerkleTree.hash(of: 0..<8, in: Self.vectorLeafHashes)
    #expect(try MerkleTree.consistencyProof(first: 8, second: 8, in: Self.vectorLeafHashes) == [])
    #expect(
      MerkleTree.verifyConsistency(first: 8, second: 8, firstRoot: root, secondRoot: root, path: [])
    )
    #expect(
      !MerkleTree.verifyConsistency(
        first: 8,
        second: 8,
        firstRoot: root,
        secondRoot: root,
        path: [root]
      )
    )
    let other = try MerkleTree.hash(of: 0..<7, in: Self.vectorLeafHashes)
    #expect(
      !MerkleTree.verifyConsistency(
        first: 8,
        second: 8,
        firstRoot: root,
        secondRoot: other,
        path: []
      )
    )
  }

  // MARK: Out of range

  @Test func proofsRefuseSizesAndIndicesOutOfRange() {
    let leaves = Self.vectorLeafHashes
    #expect(throws: MerkleProofError.sizeOutOfRange(size: 9, available: 8)) {
      try MerkleTree.head(size: 9, in: leaves)
    }
    #expect(throws: MerkleProofError.sizeOutOfRange(size: -1, available: 8)) {
      try MerkleTree.head(size: -1, in: leaves)
    }
    #expect(throws: MerkleProofError.indexOutOfRange(index: 8, size: 8)) {
      try MerkleTree.inclusionProof(index: 8, size: 8, in: leaves)
    }
    #expect(throws: MerkleProofError.indexOutOfRange(index: -1, size: 8)) {
      try MerkleTree.inclusionProof(index: -1, size: 8, in: leaves)
    }
    #expect(throws: MerkleProofError.sizeOutOfRange(size: 9, available: 8)) {
      try MerkleTree.inclusionProof(index: 0, size: 9, in: leaves)
    }
    #expect(throws: MerkleProofError.firstSizeOutOfRange(first: 0, second: 8)) {
      try MerkleTree.consistencyProof(first: 0, second: 8, in: leaves)
    }
    #expect(throws: MerkleProofError.firstSizeOutOfRange(first: 6, second: 5)) {
      try MerkleTree.consistencyProof(first: 6, second: 5, in: leaves)
    }
    #expect(throws: MerkleProofError.sizeOutOfRange(size: 9, available: 8)) {
      try MerkleTree.consistencyProof(first: 1, second: 9, in: leaves)
    }
  }

  @Test func verificationRefusesImpossibleIndicesAndSizes() throws {
    let leaves = Self.vectorLeafHashes
    let root = try MerkleTree.hash(of: 0..<8, in: leaves)
    let path = try MerkleTree.inclusionProof(index: 0, size: 8, in: leaves)
    for (index, size) in [(-1, 8), (8, 8), (0, 0), (0, -8), (Int.max, 8), (Int.min, 8)] {
      #expect(
        !MerkleTree.verifyInclusion(
          leafHash: leaves[0],
          index: index,
          size: size,
          path: path,
          root: root
        ),
        "index \(index), size \(size)"
      )
    }
    let consistency = try MerkleTree.consistencyProof(first: 6, second: 8, in: leaves)
    let firstRoot = try MerkleTree.hash(of: 0..<6, in: leaves)
    for (first, second) in [(0, 8), (-6, 8), (9, 8), (6, 0), (Int.min, 8), (6, Int.max)] {
      #expect(
        !MerkleTree.verifyConsistency(
          first: first,
          second: second,
          firstRoot: firstRoot,
          secondRoot: root,
          path: consistency
        ),
        "\(first) → \(second)"
      )
    }
  }

  // MARK: Exhaustive up to 64 leaves

  @Test(arguments: 1...64)
  func everyLeafOfATreeProvesIncluded(size: Int) throws {
    let leaves = Self.leaves64
    let root = ReferenceMerkle.root(leaves[0..<size])
    #expect(try MerkleTree.hash(of: 0..<size, in: leaves) == root)
    for index in 0..<size {
      let path = try MerkleTree.inclusionProof(index: index, size: size, in: leaves)
      #expect(path == ReferenceMerkle.path(index, leaves[0..<size]), "leaf \(index) of \(size)")
      #expect(
        MerkleTree.verifyInclusion(
          leafHash: leaves[index],
          index: index,
          size: size,
          path: path,
          root: root
        ),
        "leaf \(index) of \(size)"
      )
    }
  }

  @Test(arguments: 1...64)
  func everyEarlierSizeProvesConsistent(second: Int) throws {
    let leaves = Self.leaves64
    let secondRoot = ReferenceMerkle.root(leaves[0..<second])
    for first in 1...second {
      let path = try MerkleTree.consistencyProof(first: first, second: second, in: leaves)
      #expect(
        path == ReferenceMerkle.consistency(first, leaves[0..<second]),
        "\(first) → \(second)"
      )
      #expect(
        MerkleTree.verifyConsistency(
          first: first,
          second: second,
          firstRoot: ReferenceMerkle.root(leaves[0..<first]),
          secondRoot: secondRoot,
          path: path
        ),
        "\(first) → \(second)"
      )
    }
  }

  // MARK: Tampering

  /// The sizes whose proofs get every bit of every hash flipped; the others get one bit per
  /// byte (the bit cycles with the byte), which keeps the debug run short.
  static let everyBitSizes: Set<Int> = [1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 17, 31, 32, 33, 63, 64]

  /// The bit flips to try on a 32-byte hash for a tree of `size` leaves: (byte, mask).
  static func flips(size: Int) -> [(Int, UInt8)] {
    if everyBitSizes.contains(size) {
      return (0..<32).flatMap { byte in (0..<8).map { (byte, UInt8(1) << $0) } }
    }
    return (0..<32).map { ($0, UInt8(1) << ($0 % 8)) }
  }

  @Test(arguments: 1...64)
  func flippingABitOfAnInclusionProofFailsIt(size: Int) throws {
    let leaves = Self.leaves64
    let root = ReferenceMerkle.root(leaves[0..<size])
    let flips = Self.flips(size: size)
    var checked = 0
    for index in 0..<size {
      let path = try MerkleTree.inclusionProof(index: index, size: size, in: leaves)
      /// Whether the proof of `index` in `size` checks with these parts.
      func holds(_ leaf: SHA256Digest, _ path: [SHA256Digest], _ root: SHA256Digest) -> Bool {
        checked += 1
        return MerkleTree.verifyInclusion(
          leafHash: leaf,
          index: index,
          size: size,
          path: path,
          root: root
        )
      }
      for (byte, mask) in flips {
        #expect(!holds(leaves[index].flipping(byte, mask), path, root), "leaf \(index)/\(size)")
        #expect(!holds(leaves[index], path, root.flipping(byte, mask)), "root \(index)/\(size)")
        for element in path.indices {
          var changed = path
          changed[element] = changed[element].flipping(byte, mask)
          #expect(!holds(leaves[index], changed, root), "path[\(element)] \(index)/\(size)")
        }
      }
    }
    #expect(checked > 0)
  }

  @Test(arguments: 1...64)
  func flippingABitOfAConsistencyProofFailsIt(second: Int) throws {
    let leaves = Self.leaves64
    let secondRoot = ReferenceMerkle.root(leaves[0..<second])
    let flips = Self.flips(size: second)
    for first in 1..<second {
      let firstRoot = ReferenceMerkle.root(leaves[0..<first])
      let path = try MerkleTree.consistencyProof(first: first, second: second, in: leaves)
      /// Whether the proof from `first` to `second` checks with these parts.
      func holds(
        _ firstRoot: SHA256Digest,
        _ secondRoot: SHA256Digest,
        _ path: [SHA256Digest]
      )
        -> Bool
      {
        MerkleTree.verifyConsistency(
          first: first,
          second: second,
          firstRoot: firstRoot,
          secondRoot: secondRoot,
          path: path
        )
      }
      for (byte, mask) in flips {
        #expect(!holds(firstRoot.flipping(byte, mask), secondRoot, path), "\(first) → \(second)")
        #expect(!holds(firstRoot, secondRoot.flipping(byte, mask), path), "\(first) → \(second)")
        for element in path.indices {
          var changed = path
          changed[element] = changed[element].flipping(byte, mask)
          #expect(!holds(firstRoot, secondRoot, changed), "path[\(element)] \(first) → \(second)")
        }
      }
    }
  }

  @Test(arguments: 1...64)
  func changingTheIndexFailsAnInclusionProof(size: Int) throws {
    let leaves = Self.leaves64
    let root = ReferenceMerkle.root(leaves[0..<size])
    for index in 0..<size {
      let path = try MerkleTree.inclusionProof(index: index, size: size, in: leaves)
      let others = [index - 1, index + 1, index - 2, index + 2, 0, size - 1, size, -1, index ^ 1]
      for other in Set(others) where other != index {
        #expect(
          !MerkleTree.verifyInclusion(
            leafHash: leaves[index],
            index: other,
            size: size,
            path: path,
            root: root
          ),
          "leaf \(index) claimed as \(other) in \(size)"
        )
      }
    }
  }

  /// A changed tree size fails exactly when the leaf's path has another shape in that tree.
  ///
  /// RFC 9162 binds the path to a (size, root) pair the verifier already trusts, so the same
  /// leaf, path and root also check against a size whose path has the same shape (leaf 0 of
  /// 3 and of 4, for example): the test holds the engine to the recursive definition.
  @Test(arguments: 1...64)
  func changingTheSizeOfAnInclusionProofFailsUnlessThePathHasTheSameShape(size: Int) throws {
    let leaves = Self.leaves64
    let root = ReferenceMerkle.root(leaves[0..<size])
    for index in 0..<size {
      let path = try MerkleTree.inclusionProof(index: index, size: size, in: leaves)
      let others = [size - 1, size + 1, size - 2, size + 2, 2 * size, size / 2, 1, 0, -size]
      for other in Set(others) where other != size {
        let holds = MerkleTree.verifyInclusion(
          leafHash: leaves[index],
          index: index,
          size: other,
          path: path,
          root: root
        )
        let expected = ReferenceMerkle.verifyInclusion(
          leafHash: leaves[index],
          index: index,
          size: other,
          path: path,
          root: root
        )
        #expect(holds == expected, "leaf \(index) of \(size) claimed in \(other)")
        if holds {
          #expect(Self.inclusionShape(index, size) == Self.inclusionShape(index, other))
        }
      }
    }
  }

  @Test func aSizeWithTheSameInclusionShapeStillChecksAndOneWithAnotherDoesNot() throws {
    let leaves = Self.leaves64
    let root3 = ReferenceMerkle.root(leaves[0..<3])
    let path = try MerkleTree.inclusionProof(index: 0, size: 3, in: leaves)
    #expect(
      MerkleTree.verifyInclusion(leafHash: leaves[0], index: 0, size: 4, path: path, root: root3)
    )
    #expect(
      !MerkleTree.verifyInclusion(leafHash: leaves[0], index: 0, size: 5, path: path, root: root3)
    )
    #expect(
      !MerkleTree.verifyInclusion(leafHash: leaves[0], index: 0, size: 2, path: path, root: root3)
    )
  }

  @Test(arguments: 1...64)
  func changingASizeOfAConsistencyProofFailsUnlessThePathHasTheSameShape(second: Int) throws {
    let leaves = Self.leaves64
    let secondRoot = ReferenceMerkle.root(leaves[0..<second])
    for first in 1...second {
      let firstRoot = ReferenceMerkle.root(leaves[0..<first])
      let path = try MerkleTree.consistencyProof(first: first, second: second, in: leaves)
      let firsts = [first - 1, first + 1, first - 2, first + 2, 2 * first, first / 2, second, 0]
      let seconds = [second - 1, second + 1, second + 2, 2 * second, first, 0]
      let claims =
        firsts.filter { $0 != first }.map { ($0, second) }
        + seconds.filter { $0 != second }.map { (first, $0) }
      for (claimedFirst, claimedSecond) in claims {
        let holds = MerkleTree.verifyConsistency(
          first: claimedFirst,
          second: claimedSecond,
          firstRoot: firstRoot,
          secondRoot: secondRoot,
          path: path
        )
        let expected = ReferenceMerkle.verifyConsistency(
          first: claimedFirst,
          second: claimedSecond,
          firstRoot: firstRoot,
          secondRoot: secondRoot,
          path: path
        )
        #expect(
          holds == expected,
          "\(first) → \(second) claimed as \(claimedFirst) → \(claimedSecond)"
        )
        if claimedFirst == first && first == second {
          #expect(!holds, "an empty path proves nothing about a larger tree")
        }
      }
    }
  }

  @Test(arguments: 1...64)
  func truncatedOrExtendedPathsFail(size: Int) throws {
    let leaves = Self.leaves64
    let root = ReferenceMerkle.root(leaves[0..<size])
    let extra = SHA256.hash([UInt8]("extra".utf8))
    for index in 0..<size {
      let path = try MerkleTree.inclusionProof(index: index, size: size, in: leaves)
      var variants = [path + [extra], [extra] + path, path + [root], path + [leaves[index]]]
      if !path.isEmpty {
        variants += [Array(path.dropLast()), Array(path.dropFirst()), path + [path[0]]]
      }
      for variant in variants {
        #expect(
          !MerkleTree.verifyInclusion(
            leafHash: leaves[index],
            index: index,
            size: size,
            path: variant,
            root: root
          ),
          "leaf \(index) of \(size), path of \(variant.count)"
        )
      }
    }
    for first in 1...size {
      let firstRoot = ReferenceMerkle.root(leaves[0..<first])
      let path = try MerkleTree.consistencyProof(first: first, second: size, in: leaves)
      var variants = [path + [extra], [extra] + path, path + [root], [firstRoot] + path]
      if !path.isEmpty {
        variants += [Array(path.dropLast()), Array(path.dropFirst()), path + [path[0]]]
      }
      for variant in variants {
        #expect(
          !MerkleTree.verifyConsistency(
            first: first,
            second: size,
            firstRoot: firstRoot,
            secondRoot: root,
            path: variant
          ),
          "\(first) → \(size), path of \(variant.count)"
        )
      }
    }
  }

  // MARK: Helpers

  /// Which way each level of `PATH(index, D[size])` turns, from the top: `true` where the
  /// leaf is in the left subtree.
  static func inclusionShape(_ index: Int, _ size: Int) -> [Bool] {
    var shape: [Bool] = []
    var (m, n) = (index, size)
    while n > 1 {
      let k = ReferenceMerkle.split(n)
      shape.append(m < k)
      if m < k { n = k } else { (m, n) = (m - k, n - k) }
    }
    return shape
  }
}

extension SHA256Digest {
  /// The digest with the bits of `mask` flipped in byte `byte`.
  func flipping(_ byte: Int, _ mask: UInt8) -> SHA256Digest {
    var bytes = self.bytes
    bytes[byte] ^= mask
    return SHA256Digest(bytes: bytes)
  }
}
