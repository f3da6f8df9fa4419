import LedgerStore
import Testing

@Suite struct InclusionProofTests {
  /// The proof of leaf 5 in the tree of the 8 CT vector leaves.
  static func vectorProof() throws -> InclusionProof {
    let leaves = MerkleTreeTests.vectorLeafHashes
    return InclusionProof(
      leafHash: leaves[5],
      leafIndex: 5,
      path: try MerkleTree.inclusionProof(index: 5, size: 8, in: leaves),
      root: try MerkleTree.hash(of: 0..<8, in: leaves),
      treeSize: 8
    )
  }

  @Test func jsonHasTheDocumentedMembers() throws {
    let proof = try Self.vectorProof()
    #expect(
      proof.json.canonicalText
        == #"{"leaf_hash":"\#(proof.leafHash.hex)","leaf_index":5,"path":["#
        + #""bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b","#
        + #""ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0","#
        + #""d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],"#
        + #""root":"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328","#
        + #""tree_size":8}"#
    )
  }

  @Test func jsonRoundTripsAndStillChecks() throws {
    let proof = try Self.vectorProof()
    let read = try #require(InclusionProof(json: try JSONValue(parsing: proof.json.canonicalText)))
    #expect(read == proof)
    #expect(read.isValid)
  }

  @Test func readingRefusesAMissingOrMalformedMember() throws {
    let proof = try Self.vectorProof()
    guard case .object(let object) = proof.json else {
      Issue.record("a proof's JSON is an object")
      return
    }
    for member in ["leaf_hash", "leaf_index", "path", "root", "tree_size"] {
      var missing = object
      missing[member] = nil
      #expect(InclusionProof(json: .object(missing)) == nil, "without \(member)")
    }
    let malformed: [(String, JSONValue)] = [
      ("leaf_hash", "abc"),
      ("leaf_hash", .integer(1)),
      ("leaf_index", "5"),
      ("root", .string(String(repeating: "g", count: 64))),
      ("tree_size", .null),
      ("path", ["not a hash"]),
      ("path", [.integer(3)]),
      ("path", "bc1a"),
    ]
    for (member, value) in malformed {
      var changed = object
      changed[member] = value
      #expect(InclusionProof(json: .object(changed)) == nil, "\(member) = \(value)")
    }
  }

  @Test func aChangedMemberFailsTheProof() throws {
    let proof = try Self.vectorProof()
    let other = MerkleTreeTests.vectorLeafHashes[4]
    let changed = [
      InclusionProof(
        leafHash: other,
        leafIndex: 5,
        path: proof.path,
        root: proof.root,
        treeSize: 8
      ),
      InclusionProof(
        leafHash: proof.leafHash,
        leafIndex: 4,
        path: proof.path,
        root: proof.root,
        treeSize: 8
      ),
      InclusionProof(
        leafHash: proof.leafHash,
        leafIndex: 5,
        path: Array(proof.path.reversed()),
        root: proof.root,
        treeSize: 8
      ),
      InclusionProof(
        leafHash: proof.leafHash,
        leafIndex: 5,
        path: proof.path,
        root: other,
        treeSize: 8
      ),
      InclusionProof(
        leafHash: proof.leafHash,
        leafIndex: 5,
        path: proof.path,
        root: proof.root,
        treeSize: 9
      ),
    ]
    #expect(proof.isValid)
    for proof in changed {
      #expect(!proof.isValid)
    }
  }
}
