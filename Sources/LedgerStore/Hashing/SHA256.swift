import CSHA256

/// Streaming SHA-256 (FIPS 180-4).
///
/// Feed the message in any number of `update(_:)` calls, then call ``finalize()`` once:
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update("abc".utf8)
/// let digest = hasher.finalize()  // ba7816bf…
/// ```
///
/// The state and the partial block live inline in the value: hashing never allocates. The
/// compression runs in C, with the SHA-NI instructions when the CPU has them (see
/// ``kernel``). The RFC 9162 `leafHash(_:)` and ``nodeHash(_:_:)`` of the ledger's Merkle
/// tree are one call each.
public struct SHA256: Sendable {
  /// A compression kernel, for tests that run the same vectors through each.
  package enum Kernel: Sendable, Hashable, CustomStringConvertible {
    /// The fastest kernel the CPU supports, as ``SHA256/kernel`` reports it.
    case automatic
    /// The plain C kernel, which runs everywhere.
    case portable
    /// The SHA-NI kernel; only valid when ``availableKernels`` lists it.
    case shaNI

    /// The concrete kernels this CPU can run: `portable`, then `shaNI` when present.
    package static var availableKernels: [Kernel] {
      csha256_has_shani() != 0 ? [.portable, .shaNI] : [.portable]
    }

    /// The kernel's name, as ``SHA256/kernel`` spells it.
    package var description: String {
      switch self {
      case .automatic: SHA256.kernel
      case .portable: "portable"
      case .shaNI: "sha-ni"
      }
    }
  }

  /// The eight 32-bit words of the hash value, H0 first.
  private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
  /// The bytes of an unfinished block, at the start of 64 bytes.
  private var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
  /// How many bytes of `block` are in use, 0 ..< 64.
  private var blockCount: Int
  /// How many message bytes have been fed so far.
  private var messageCount: UInt64
  /// The compression kernel to call.
  private let selectedKernel: Kernel
  /// Set by `finalize()`; any later use is a programmer error.
  private var isFinalized: Bool

  /// Starts a new hash with the fastest kernel this CPU supports.
  public init() {
    self.init(kernel: .automatic)
  }

  /// Starts a new hash with a chosen compression kernel.
  ///
  /// - Parameter kernel: The kernel; `.shaNI` requires a CPU with SHA-NI.
  package init(kernel: Kernel) {
    precondition(
      kernel != .shaNI || csha256_has_shani() != 0,
      "the SHA-NI kernel needs a CPU with the SHA extensions"
    )
    // FIPS 180-4 §5.3.3.
    self.state = (
      0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
      0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    self.block = (0, 0, 0, 0, 0, 0, 0, 0)
    self.blockCount = 0
    self.messageCount = 0
    self.selectedKernel = kernel
    self.isFinalized = false
  }

  /// Which compression kernel is in use: `"sha-ni"` or `"portable"`.
  public static var kernel: String {
    csha256_has_shani() != 0 ? "sha-ni" : "portable"
  }

  /// Feeds the next bytes of the message.
  ///
  /// - Parameter buffer: The bytes; they are read during the call only.
  public mutating func update(_ buffer: UnsafeRawBufferPointer) {
    precondition(!isFinalized, "SHA256 used after finalize()")
    guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
    messageCount &+= UInt64(buffer.count)
    var input = base.assumingMemoryBound(to: UInt8.self)
    var remaining = buffer.count

    if blockCount > 0 {
      let taken = min(64 - blockCount, remaining)
      let filled = blockCount
      Swift.withUnsafeMutableBytes(of: &block) { raw in
        raw.baseAddress?.advanced(by: filled).copyMemory(from: input, byteCount: taken)
      }
      blockCount += taken
      input += taken
      remaining -= taken
      guard blockCount == 64 else { return }
      compressBlock()
      blockCount = 0
    }

    let blocks = remaining / 64
    if blocks > 0 {
      compress(input, blocks: blocks)
      input += 64 * blocks
      remaining -= 64 * blocks
    }

    if remaining > 0 {
      Swift.withUnsafeMutableBytes(of: &block) { raw in
        raw.baseAddress?.copyMemory(from: input, byteCount: remaining)
      }
      blockCount = remaining
    }
  }

  /// Feeds the next bytes of the message.
  ///
  /// Contiguous collections such as `[UInt8]`, `Data`, `String.UTF8View` of a native string
  /// and their slices are read in place; other sequences a byte at a time.
  ///
  /// - Parameter bytes: The bytes.
  public mutating func update(_ bytes: some Sequence<UInt8>) {
    let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
      update(UnsafeRawBufferPointer(buffer))
    }
    guard done == nil else { return }

    precondition(!isFinalized, "SHA256 used after finalize()")
    var iterator = bytes.makeIterator()
    var exhausted = false
    while !exhausted {
      var count = blockCount
      Swift.withUnsafeMutableBytes(of: &block) { raw in
        while count < 64 {
          guard let byte = iterator.next() else {
            exhausted = true
            return
          }
          raw[count] = byte
          count += 1
        }
      }
      messageCount &+= UInt64(count - blockCount)
      if count == 64 {
        compressBlock()
        blockCount = 0
      } else {
        blockCount = count
      }
    }
  }

  /// Finishes the hash and returns the digest of all bytes fed.
  ///
  /// After this call the value must not be reused: calling `update(_:)` or `finalize()`
  /// again on it, or on a copy made after this call, is a programmer error and stops the
  /// program. To hash something else, start a new ``SHA256``; to hash a common prefix once,
  /// copy the value before finishing it.
  ///
  /// - Returns: The digest.
  public mutating func finalize() -> SHA256Digest {
    precondition(!isFinalized, "SHA256 finalized twice")
    isFinalized = true
    let bitCount = messageCount &<< 3
    let used = blockCount
    // FIPS 180-4 §5.1.1: a one bit, zeros, then the length in bits as 64 big-endian bits.
    let blocks = Swift.withUnsafeMutableBytes(of: &block) { raw in
      raw[used] = 0x80
      for index in (used + 1)..<64 {
        raw[index] = 0
      }
      guard used >= 56 else { return 1 }
      return 2
    }
    if blocks == 2 {
      compressBlock()
      block = (0, 0, 0, 0, 0, 0, 0, 0)
    }
    block.7 = bitCount.bigEndian
    compressBlock()

    var digest = SHA256Digest.zero
    digest.withUnsafeMutableBytes { out in
      Swift.withUnsafeBytes(of: state) { words in
        for index in 0..<8 {
          let word = words.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self)
          out.storeBytes(of: word.bigEndian, toByteOffset: 4 * index, as: UInt32.self)
        }
      }
    }
    return digest
  }

  /// Returns the SHA-256 digest of some bytes.
  ///
  /// - Parameter buffer: The message.
  /// - Returns: The digest.
  public static func hash(_ buffer: UnsafeRawBufferPointer) -> SHA256Digest {
    var hasher = SHA256()
    hasher.update(buffer)
    return hasher.finalize()
  }

  /// Returns the SHA-256 digest of some bytes.
  ///
  /// - Parameter bytes: The message.
  /// - Returns: The digest.
  public static func hash(_ bytes: some Sequence<UInt8>) -> SHA256Digest {
    var hasher = SHA256()
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// Returns the RFC 9162 leaf hash of some bytes: SHA-256 of `0x00` followed by them.
  ///
  /// This is an event's hash: the one `prev` links to and the Merkle tree is built on.
  ///
  /// - Parameter buffer: The leaf's bytes (for an event, its line without the newline).
  /// - Returns: The leaf hash.
  public static func leafHash(_ buffer: UnsafeRawBufferPointer) -> SHA256Digest {
    var digest = SHA256Digest.zero
    digest.withUnsafeMutableBytes { out in
      csha256_leaf_hash(
        buffer.baseAddress?.assumingMemoryBound(to: UInt8.self),
        buffer.count,
        out.baseAddress?.assumingMemoryBound(to: UInt8.self)
      )
    }
    return digest
  }

  /// Returns the RFC 9162 leaf hash of some bytes: SHA-256 of `0x00` followed by them.
  ///
  /// - Parameter bytes: The leaf's bytes (for an event, its line without the newline).
  /// - Returns: The leaf hash.
  public static func leafHash(_ bytes: some Sequence<UInt8>) -> SHA256Digest {
    if let digest = bytes.withContiguousStorageIfAvailable({
      leafHash(UnsafeRawBufferPointer($0))
    }) {
      return digest
    }
    var hasher = SHA256()
    hasher.update(CollectionOfOne(0x00))
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// Returns the RFC 9162 node hash of two subtrees: SHA-256 of `0x01`, `left`, `right`.
  ///
  /// - Parameters:
  ///   - left: The hash of the left subtree.
  ///   - right: The hash of the right subtree.
  /// - Returns: The node hash.
  public static func nodeHash(_ left: SHA256Digest, _ right: SHA256Digest) -> SHA256Digest {
    var digest = SHA256Digest.zero
    digest.withUnsafeMutableBytes { out in
      left.withUnsafeBytes { leftBytes in
        right.withUnsafeBytes { rightBytes in
          csha256_node_hash(
            leftBytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
            rightBytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
            out.baseAddress?.assumingMemoryBound(to: UInt8.self)
          )
        }
      }
    }
    return digest
  }

  /// Compresses the full partial block into the state.
  private mutating func compressBlock() {
    let kernel = selectedKernel
    Swift.withUnsafeMutablePointer(to: &state) { statePointer in
      Swift.withUnsafeBytes(of: &block) { raw in
        guard let data = raw.baseAddress else { return }
        Self.compress(
          statePointer,
          data.assumingMemoryBound(to: UInt8.self),
          blocks: 1,
          kernel: kernel
        )
      }
    }
  }

  /// Compresses whole blocks read in place into the state.
  private mutating func compress(_ data: UnsafePointer<UInt8>, blocks: Int) {
    let kernel = selectedKernel
    Swift.withUnsafeMutablePointer(to: &state) { statePointer in
      Self.compress(statePointer, data, blocks: blocks, kernel: kernel)
    }
  }

  /// Calls the chosen C kernel on `blocks` 64-byte blocks.
  private static func compress(
    _ state: UnsafeMutablePointer<(UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)>,
    _ data: UnsafePointer<UInt8>,
    blocks: Int,
    kernel: Kernel
  ) {
    // A homogeneous tuple is laid out as its elements in order, and its memory is bound to
    // the element type too.
    let words = UnsafeMutableRawPointer(state).assumingMemoryBound(to: UInt32.self)
    switch kernel {
    case .automatic: csha256_compress(words, data, blocks)
    case .portable: csha256_compress_portable(words, data, blocks)
    case .shaNI: csha256_compress_shani(words, data, blocks)
    }
  }
}
