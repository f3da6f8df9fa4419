import LedgerStore
import Testing

@Suite struct ConsistencyProofTests {
  /// The proof that the tree of the 8 CT vector leaves extends the tree of the first 6.
  static func vectorProof() throws -> ConsistencyProof {
    let leaves = MerkleTreeTests.vectorLeafHashes
    return ConsistencyProof(
      first: 6,
      firstRoot: try MerkleTree.hash(of: 0..<6, in: leaves),
      path: try MerkleTree.consistencyProof(first: 6, second: 8, in: leaves),
      second: 8,
      secondRoot: try MerkleTree.hash(of: 0..<8, in: leaves)
    )
  }

  @Test func jsonHasTheDocumentedMembers() throws {
    let proof = try Self.vectorProof()
    #expect(
      proof.json.canonicalText
        == #"{"first":6,"#
        + #""first_root":"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef","#
        + #""path":["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a","#
        + #""ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0","#
        + #""d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"],"second":8,"#
        + #""second_root":"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"}"#
    )
  }

  @Test func jsonRoundTripsAndStillChecks() throws {
    let proof = try Self.vectorProof()
    let read = try #require(
      ConsistencyProof(json: try JSONValue(parsing: proof.json.canonicalText))
    )
    #expect(read == proof)
    #expect(read.isValid)
  }

  @Test func readingRefusesAMissingOrMalformedMember() throws {
    let proof = try Self.vectorProof()
    guard case .object(let object) = proof.json else {
      Issue.record("a proof's JSON is an object")
      return
    }
    for member in ["first", "first_root", "path", "second", "second_root"] {
      var missing = object
      missing[member] = nil
      #expect(ConsistencyProof(json: .object(missing)) == nil, "without \(member)")
    }
    let malformed: [(String, JSONValue)] = [
      ("first", "6"),
      ("first_root", .integer(0)),
      ("second", .bool(true)),
      ("second_root", .string(String(repeating: "0", count: 63))),
      ("path", ["0ebc"]),
      ("path", .null),
    ]
    for (member, value) in malformed {
      var changed = object
      changed[member] = value
      #expect(ConsistencyProof(json: .object(changed)) == nil, "\(member) = \(value)")
    }
  }

  @Test func anInclusionProofIsNotReadAsAConsistencyProofNorTheOtherWay() throws {
    let inclusion = try InclusionProofTests.vectorProof()
    let consistency = try Self.vectorProof()
    #expect(ConsistencyProof(json: inclusion.json) == nil)
    #expect(InclusionProof(json: consistency.json) == nil)
  }

  @Test func aChangedMemberFailsTheProof() throws {
    let proof = try Self.vectorProof()
    let other = try MerkleTree.hash(of: 0..<5, in: MerkleTreeTests.vectorLeafHashes)
    let changed = [
      ConsistencyProof(
        first: 5,
        firstRoot: proof.firstRoot,
        path: proof.path,
        second: 8,
        secondRoot: proof.secondRoot
      ),
      ConsistencyProof(
        first: 6,
        firstRoot: other,
        path: proof.path,
        second: 8,
        secondRoot: proof.secondRoot
      ),
      ConsistencyProof(
        first: 6,
        firstRoot: proof.firstRoot,
        path: Array(proof.path.dropFirst()),
        second: 8,
        secondRoot: proof.secondRoot
      ),
      ConsistencyProof(
        first: 6,
        firstRoot: proof.firstRoot,
        path: proof.path,
        second: 8,
        secondRoot: other
      ),
      ConsistencyProof(
        first: 6,
        firstRoot: proof.firstRoot,
        path: proof.path,
        second: 9,
        secondRoot: proof.secondRoot
      ),
    ]
    #expect(proof.isValid)
    for proof in changed {
      #expect(!proof.isValid)
    }
  }
}
