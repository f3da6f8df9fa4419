import LedgerStore
import Testing

@Suite struct SHA256Tests {
  /// A message and its digest from FIPS 180-4's examples or the CAVP byte-oriented vectors.
  struct Vector: Sendable, CustomTestStringConvertible {
    let name: String
    let message: [UInt8]
    let digest: String

    var testDescription: String { name }
  }

  /// The kernels this CPU runs: portable, and SHA-NI when present.
  static let kernels = SHA256.Kernel.availableKernels

  /// The byte-oriented test vectors.
  ///
  /// NIST's example messages for FIPS 180-4 ("SHA256.pdf": "abc" and the 448-bit message;
  /// the 896-bit message of the SHA-2 examples), the first entries of CAVP's
  /// SHA256ShortMsg.rsp (the empty message is its `Len = 0`), and vectors #1 to #10 of
  /// "SHA2_Additional.pdf", which sit on both sides of the padding boundaries.
  static let vectors = [
    Vector(
      name: "empty string",
      message: [],
      digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    ),
    Vector(
      name: "abc",
      message: Array("abc".utf8),
      digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    ),
    Vector(
      name: "448-bit message",
      message: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
      digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    Vector(
      name: "896-bit message",
      message: Array(
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
          + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8
      ),
      digest: "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
    Vector(
      name: "CAVP Len=8",
      message: [0xd3],
      digest: "28969cdfa74a12c82f3bad960b0b000aca2ac329deea5c2328ebc6f2ba9802c1"
    ),
    Vector(
      name: "CAVP Len=16",
      message: [0x11, 0xaf],
      digest: "5ca7133fa735326081558ac312c620eeca9970d1e70a4b95533d956f072d1f98"
    ),
    Vector(
      name: "CAVP Len=24",
      message: [0xb4, 0x19, 0x0e],
      digest: "dff2e73091f6c05e528896c4c831b9448653dc2ff043528f6769437bc7b975c2"
    ),
    Vector(
      name: "CAVP Len=32",
      message: [0x74, 0xba, 0x25, 0x21],
      digest: "b16aa56be3880d18cd41e68384cf1ec8c17680c45a02b1575dc1518923ae8b0e"
    ),
    Vector(
      name: "Additional #1, 0xbd",
      message: [0xbd],
      digest: "68325720aabd7c82f30f554b313d0570c95accbb7dc4b5aae11204c08ffe732b"
    ),
    Vector(
      name: "Additional #2, 0xc98c8e55",
      message: [0xc9, 0x8c, 0x8e, 0x55],
      digest: "7abc22c0ae5af26ce93dbb94433a0e0b2e119d014f8e7f65bd56c61ccccd9504"
    ),
    Vector(
      name: "Additional #3, 55 zero bytes",
      message: [UInt8](repeating: 0, count: 55),
      digest: "02779466cdec163811d078815c633f21901413081449002f24aa3e80f0b88ef7"
    ),
    Vector(
      name: "Additional #4, 56 zero bytes",
      message: [UInt8](repeating: 0, count: 56),
      digest: "d4817aa5497628e7c77e6b606107042bbba3130888c5f47a375e6179be789fbb"
    ),
    Vector(
      name: "Additional #5, 57 zero bytes",
      message: [UInt8](repeating: 0, count: 57),
      digest: "65a16cb7861335d5ace3c60718b5052e44660726da4cd13bb745381b235a1785"
    ),
    Vector(
      name: "Additional #6, 64 zero bytes",
      message: [UInt8](repeating: 0, count: 64),
      digest: "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b"
    ),
    Vector(
      name: "Additional #7, 1000 zero bytes",
      message: [UInt8](repeating: 0, count: 1000),
      digest: "541b3e9daa09b20bf85fa273e5cbd3e80185aa4ec298e765db87742b70138a53"
    ),
    Vector(
      name: "Additional #8, 1000 'A'",
      message: [UInt8](repeating: UInt8(ascii: "A"), count: 1000),
      digest: "c2e686823489ced2017f6059b8b239318b6364f6dcd835d0a519105a1eadd6e4"
    ),
    Vector(
      name: "Additional #9, 1005 'U'",
      message: [UInt8](repeating: UInt8(ascii: "U"), count: 1005),
      digest: "f4d62ddec0f3dd90ea1380fa16a5ff8dc4c54b21740650f24afc4120903552b0"
    ),
    Vector(
      name: "Additional #10, one million zero bytes",
      message: [UInt8](repeating: 0, count: 1_000_000),
      digest: "d29751f2649b32ff572b5e0a9f541ea660a50f94ff0beedfb0b692b924cc8025"
    ),
  ]

  /// FIPS 180-4 example: one million repetitions of "a".
  static let millionADigest = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

  /// Bytes `(167 * i + 13) mod 256`; every message of the split tests is a prefix of these.
  static let pattern = (0..<300).map { UInt8(truncatingIfNeeded: 167 * $0 + 13) }

  /// Hashes `message` fed in the given pieces, with the given kernel.
  static func digest(
    of message: [UInt8],
    splitAt cuts: [Int],
    kernel: SHA256.Kernel
  ) -> SHA256Digest {
    var hasher = SHA256(kernel: kernel)
    var start = 0
    for cut in cuts + [message.count] {
      message[start..<cut].withUnsafeBytes { hasher.update($0) }
      start = cut
    }
    return hasher.finalize()
  }

  /// Hashes `message` in one call with the given kernel.
  static func digest(of message: [UInt8], kernel: SHA256.Kernel) -> SHA256Digest {
    digest(of: message, splitAt: [], kernel: kernel)
  }

  @Test(arguments: kernels, vectors)
  func vectorInOneCall(kernel: SHA256.Kernel, vector: Vector) {
    #expect(Self.digest(of: vector.message, kernel: kernel).hex == vector.digest)
  }

  @Test(arguments: kernels, vectors)
  func vectorByteByByte(kernel: SHA256.Kernel, vector: Vector) {
    var hasher = SHA256(kernel: kernel)
    for byte in vector.message {
      hasher.update(CollectionOfOne(byte))
    }
    #expect(hasher.finalize().hex == vector.digest)
  }

  @Test(arguments: kernels, vectors)
  func vectorAsNonContiguousSequence(kernel: SHA256.Kernel, vector: Vector) {
    var hasher = SHA256(kernel: kernel)
    hasher.update(ByteStream(vector.message))
    #expect(hasher.finalize().hex == vector.digest)
  }

  @Test(arguments: vectors)
  func staticHashMatchesVector(vector: Vector) {
    #expect(SHA256.hash(vector.message).hex == vector.digest)
    #expect(SHA256.hash(ByteStream(vector.message)).hex == vector.digest)
    vector.message.withUnsafeBytes { buffer in
      #expect(SHA256.hash(buffer).hex == vector.digest)
    }
  }

  @Test(arguments: kernels, [1, 63, 64, 65, 1000, 4096, 1_000_000])
  func oneMillionAInChunks(kernel: SHA256.Kernel, chunkSize: Int) {
    let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: chunkSize)
    var hasher = SHA256(kernel: kernel)
    var remaining = 1_000_000
    chunk.withUnsafeBytes { buffer in
      while remaining > 0 {
        let count = min(chunkSize, remaining)
        hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        remaining -= count
      }
    }
    #expect(hasher.finalize().hex == Self.millionADigest)
  }

  @Test(arguments: kernels)
  func oneMillionAInMixedChunks(kernel: SHA256.Kernel) {
    let sizes = [1, 63, 64, 65, 1000, 0, 127, 129, 4099]
    var hasher = SHA256(kernel: kernel)
    var remaining = 1_000_000
    var index = 0
    while remaining > 0 {
      let count = min(sizes[index % sizes.count], remaining)
      hasher.update(repeatElement(UInt8(ascii: "a"), count: count))
      remaining -= count
      index += 1
    }
    #expect(hasher.finalize().hex == Self.millionADigest)
  }

  /// The digests of every prefix of ``pattern`` agree with another implementation.
  ///
  /// The expected value, the digest of the 301 digests of lengths 0 ... 300 in order, was
  /// computed by OpenSSL through Python's hashlib: a cross-check of every padding case.
  @Test(arguments: kernels)
  func everyLengthMatchesAnIndependentImplementation(kernel: SHA256.Kernel) {
    var all = SHA256()
    for length in 0...300 {
      Self.digest(of: Array(Self.pattern[0..<length]), kernel: kernel).withUnsafeBytes {
        all.update($0)
      }
    }
    #expect(
      all.finalize().hex == "27fec5f2f3539e1e99cce5b9021123c85bcdca277bdf34c13ec2f84920d17eff"
    )
  }

  @Test(arguments: kernels)
  func everySplitPointGivesTheSameDigest(kernel: SHA256.Kernel) {
    for length in 0...300 {
      let message = Array(Self.pattern[0..<length])
      let whole = Self.digest(of: message, kernel: kernel)
      #expect(whole == Self.digest(of: message, kernel: .portable), "length \(length)")
      for cut in 0...length {
        let split = Self.digest(of: message, splitAt: [cut], kernel: kernel)
        #expect(split == whole, "length \(length), cut \(cut)")
      }
    }
  }

  @Test(arguments: kernels, [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 129, 191, 192, 193])
  func everyPairOfSplitPointsGivesTheSameDigest(kernel: SHA256.Kernel, length: Int) {
    let message = Array(Self.pattern[0..<length])
    let whole = Self.digest(of: message, kernel: .portable)
    for first in 0...length {
      for second in first...length {
        let split = Self.digest(of: message, splitAt: [first, second], kernel: kernel)
        #expect(split == whole, "cuts \(first), \(second)")
      }
    }
  }

  @Test(arguments: kernels)
  func randomSplitsGiveTheSameDigest(kernel: SHA256.Kernel) {
    var random = SplitMix64(seed: 0x5348_4132_3536)
    for length in 0...300 {
      let message = Array(Self.pattern[0..<length])
      let whole = Self.digest(of: message, kernel: .portable)
      for _ in 0..<8 {
        let cuts = (0..<Int(random.next() % 6)).map { _ in Int(random.next() % UInt64(length + 1)) }
        let split = Self.digest(of: message, splitAt: cuts.sorted(), kernel: kernel)
        #expect(split == whole, "length \(length), cuts \(cuts.sorted())")
      }
    }
  }

  @Test func automaticKernelIsTheFastestAvailable() {
    let expected = Self.kernels.contains(.shaNI) ? "sha-ni" : "portable"
    #expect(SHA256.kernel == expected)
    #expect(SHA256.Kernel.automatic.description == expected)
    let message = Array(Self.pattern)
    #expect(
      Self.digest(of: message, kernel: .automatic) == Self.digest(of: message, kernel: .portable)
    )
  }

  @Test func copyBeforeFinalizeContinuesIndependently() {
    var hasher = SHA256()
    hasher.update("abcdbcdecdefdefgefghfghighijhijk".utf8)
    var copy = hasher
    hasher.update("ijkljklmklmnlmnomnopnopq".utf8)
    copy.update("abc".utf8)
    #expect(
      hasher.finalize()
        == SHA256.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
    )
    #expect(copy.finalize() == SHA256.hash("abcdbcdecdefdefgefghfghighijhijkabc".utf8))
  }

  @Test func leafHashIsTheHashOfZeroThenTheBytes() {
    for length in 0...300 {
      let message = Array(Self.pattern[0..<length])
      let expected = SHA256.hash([0x00] + message)
      #expect(SHA256.leafHash(message) == expected, "length \(length)")
      #expect(SHA256.leafHash(ByteStream(message)) == expected, "length \(length)")
      message.withUnsafeBytes { buffer in
        #expect(SHA256.leafHash(buffer) == expected, "length \(length)")
      }
    }
  }

  /// The leaf hashes of every prefix of ``pattern`` agree with another implementation.
  ///
  /// The expected value, the digest of the 301 leaf hashes of lengths 0 ... 300 in order, was
  /// computed by OpenSSL through Python's hashlib.
  @Test func leafHashOfEveryLengthMatchesAnIndependentImplementation() {
    var all = SHA256()
    for length in 0...300 {
      SHA256.leafHash(Self.pattern[0..<length]).withUnsafeBytes { all.update($0) }
    }
    #expect(
      all.finalize().hex == "95f5400549505fbc8797889d8f5f2eba9a4631e5ea1c96bad7598ae16594dbd0"
    )
  }

  @Test func leafHashOfLongInput() {
    let message = [UInt8](repeating: 0x5a, count: 100_003)
    #expect(SHA256.leafHash(message) == SHA256.hash([0x00] + message))
    let empty = UnsafeRawBufferPointer(start: nil, count: 0)
    #expect(SHA256.leafHash(empty) == SHA256.hash([0x00]))
  }

  @Test func nodeHashIsTheHashOfOneThenBothChildren() throws {
    var left = SHA256.hash("left".utf8)
    var right = SHA256.hash("right".utf8)
    for _ in 0..<100 {
      let expected = SHA256.hash([0x01] + left.bytes + right.bytes)
      let node = SHA256.nodeHash(left, right)
      #expect(node == expected)
      #expect(node != SHA256.nodeHash(right, left))
      (left, right) = (right, node)
    }
    #expect(SHA256.nodeHash(.zero, .zero) == SHA256.hash([0x01] + [UInt8](repeating: 0, count: 64)))
  }

  /// Merkle tree roots agree with the reference test data.
  ///
  /// The leaves and roots are the RFC 6962 test data of certificate-transparency's
  /// merkle_tree_test, for the trees of the first one to eight leaves.
  @Test func merkleRootsMatchTheReferenceTestData() throws {
    let leaves: [[UInt8]] = [
      [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
      [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
      [
        0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67,
        0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
      ],
    ]
    let roots = [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]
    let hashes = leaves.map { SHA256.leafHash($0) }
    for size in 1...8 {
      #expect(Self.merkleRoot(hashes[0..<size]).hex == roots[size - 1], "size \(size)")
    }
  }

  /// RFC 9162 §2.1.1: split at the largest power of two smaller than the size.
  static func merkleRoot(_ leaves: ArraySlice<SHA256Digest>) -> SHA256Digest {
    guard leaves.count > 1 else { return leaves.first ?? SHA256.hash([]) }
    var split = 1
    while split * 2 < leaves.count { split *= 2 }
    let middle = leaves.startIndex + split
    return SHA256.nodeHash(merkleRoot(leaves[..<middle]), merkleRoot(leaves[middle...]))
  }

  @Test(arguments: vectors)
  func hexRoundTrips(vector: Vector) throws {
    let digest = try #require(SHA256Digest(hex: vector.digest))
    #expect(digest.hex == vector.digest)
    #expect(digest.description == vector.digest)
    #expect(SHA256Digest(hex: vector.digest.uppercased()) == digest)
    #expect(SHA256Digest(hex: "digest: \(vector.digest)".dropFirst(8)) == digest)
    #expect(SHA256Digest(bytes: digest.bytes) == digest)
    #expect(digest.bytes.count == 32)
    #expect(digest == SHA256.hash(vector.message))
  }

  @Test func hexIsLowercaseAndInByteOrder() {
    let digest = SHA256Digest(bytes: 0..<32)
    #expect(digest.hex == "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
    #expect(digest.bytes == Array(0..<32))
    digest.withUnsafeBytes { #expect(Array($0) == Array(0..<32)) }
    let mixed = "00010203040506070809" + "0A0b0C0d0E0F" + String(repeating: "ff", count: 16)
    #expect(SHA256Digest(hex: mixed)?.hex == mixed.lowercased())
  }

  @Test(
    arguments: [
      "",
      String(repeating: "a", count: 63),
      String(repeating: "a", count: 65),
      String(repeating: "a", count: 128),
      String(repeating: "a", count: 63) + "g",
      "g" + String(repeating: "a", count: 63),
      String(repeating: "a", count: 62) + " a",
      " " + String(repeating: "a", count: 64),
      String(repeating: "a", count: 64) + "\n",
      "0x" + String(repeating: "a", count: 62),
      "0x" + String(repeating: "a", count: 64),
      String(repeating: "a", count: 62) + "-1",
      String(repeating: "é", count: 32),
      String(repeating: "a", count: 62) + "٣٣",
    ]
  )
  func badHexIsRefused(text: String) {
    #expect(SHA256Digest(hex: text) == nil)
  }

  @Test func zeroIsThirtyTwoZeroBytes() {
    #expect(SHA256Digest.zero.bytes == [UInt8](repeating: 0, count: 32))
    #expect(SHA256Digest.zero.hex == String(repeating: "0", count: 64))
    #expect(SHA256Digest(hex: String(repeating: "0", count: 64)) == .zero)
  }

  @Test func digestsDifferingInAnyByteAreDistinct() {
    var digests: Set<SHA256Digest> = [.zero]
    for index in 0..<32 {
      var bytes = [UInt8](repeating: 0, count: 32)
      bytes[index] = 1
      digests.insert(SHA256Digest(bytes: bytes))
    }
    #expect(digests.count == 33)
    #expect(digests.contains(SHA256Digest(bytes: [UInt8](repeating: 0, count: 31) + [1])))
  }

  @Test func wrongByteCountStops() async {
    await #expect(processExitsWith: .failure) {
      _ = SHA256Digest(bytes: [UInt8](repeating: 0, count: 31))
    }
  }

  @Test func useAfterFinalizeStops() async {
    await #expect(processExitsWith: .failure) {
      var hasher = SHA256()
      _ = hasher.finalize()
      hasher.update([0x61])
    }
    await #expect(processExitsWith: .failure) {
      var hasher = SHA256()
      _ = hasher.finalize()
      _ = hasher.finalize()
    }
  }
}

/// A sequence with no contiguous storage, to exercise the byte-at-a-time path.
private struct ByteStream: Sequence {
  let bytes: [UInt8]

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  func makeIterator() -> IndexingIterator<[UInt8]> {
    bytes.makeIterator()
  }
}

/// SplitMix64, a small deterministic generator for reproducible random splits.
private struct SplitMix64 {
  var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
