/// A SHA-256 digest: 32 bytes.
///
/// The bytes are stored inline, so making, copying and comparing digests never allocates.
/// Its text form, ``hex``, is 64 lowercase hexadecimal digits, as the log writes `prev` and
/// tree roots.
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
  /// The 32 bytes in order, four at a time; the words are raw memory, not numbers.
  var storage: (UInt64, UInt64, UInt64, UInt64)

  /// The digest of 32 zero bytes, which the log uses as the `prev` of its first line.
  public static let zero = SHA256Digest(storage: (0, 0, 0, 0))

  private init(storage: (UInt64, UInt64, UInt64, UInt64)) {
    self.storage = storage
  }

  /// Makes a digest from its 32 bytes.
  ///
  /// - Parameter bytes: Exactly 32 bytes, in order; any other count is a programmer error.
  public init(bytes: some Collection<UInt8>) {
    precondition(bytes.count == 32, "a SHA-256 digest has 32 bytes, not \(bytes.count)")
    self.storage = (0, 0, 0, 0)
    Swift.withUnsafeMutableBytes(of: &storage) { raw in
      raw.copyBytes(from: bytes)
    }
  }

  /// Reads a digest from 64 hexadecimal digits.
  ///
  /// Lowercase and uppercase digits are both accepted; anything else, including surrounding
  /// spaces, a `0x` prefix or a different length, is refused.
  ///
  /// - Parameter hex: The digits, two per byte, most significant first.
  public init?(hex: some StringProtocol) {
    var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    let parsed = Swift.withUnsafeMutableBytes(of: &storage) { raw in
      var index = 0
      var high: UInt8?
      for unit in hex.utf8 {
        guard index < 32, let value = Self.hexValue(unit) else { return false }
        if let first = high {
          raw[index] = first << 4 | value
          index += 1
          high = nil
        } else {
          high = value
        }
      }
      return index == 32 && high == nil
    }
    guard parsed else { return nil }
    self.storage = storage
  }

  /// The digest as 64 lowercase hexadecimal digits.
  public var hex: String {
    String(unsafeUninitializedCapacity: 64) { text in
      withUnsafeBytes { raw in
        for (index, byte) in raw.enumerated() {
          text[2 * index] = Self.hexDigit(byte >> 4)
          text[2 * index + 1] = Self.hexDigit(byte & 0x0f)
        }
      }
      return 64
    }
  }

  /// Appends the 64 lowercase hexadecimal digits to a byte buffer.
  ///
  /// - Parameter output: The buffer.
  public func writeHex(into output: inout [UInt8]) {
    // Filled in place, then appended at once: one capacity check, not 64.
    var text: (SIMD32<UInt8>, SIMD32<UInt8>) = (.zero, .zero)
    withUnsafeBytes { raw in
      Swift.withUnsafeMutableBytes(of: &text) { digits in
        for (index, byte) in raw.enumerated() {
          digits[2 * index] = Self.hexDigit(byte >> 4)
          digits[2 * index + 1] = Self.hexDigit(byte & 0x0f)
        }
        output.append(contentsOf: UnsafeRawBufferPointer(digits))
      }
    }
  }

  /// The digest as 64 lowercase hexadecimal digits, the same as ``hex``.
  public var description: String { hex }

  /// The 32 bytes of the digest, in order.
  public var bytes: [UInt8] {
    withUnsafeBytes { Array($0) }
  }

  /// Calls a closure with the 32 bytes of the digest.
  ///
  /// - Parameter body: A closure that reads the bytes; the buffer is valid only during the
  ///   call.
  /// - Returns: What `body` returns.
  /// - Throws: What `body` throws.
  public func withUnsafeBytes<Result>(
    _ body: (UnsafeRawBufferPointer) throws -> Result
  ) rethrows -> Result {
    try Swift.withUnsafeBytes(of: storage, body)
  }

  /// Calls a closure that writes the 32 bytes of the digest.
  ///
  /// - Parameter body: A closure that writes the bytes through the given pointer.
  /// - Returns: What `body` returns.
  mutating func withUnsafeMutableBytes<Result>(
    _ body: (UnsafeMutableRawBufferPointer) -> Result
  ) -> Result {
    Swift.withUnsafeMutableBytes(of: &storage, body)
  }

  /// Returns whether two digests have the same 32 bytes.
  ///
  /// - Parameters:
  ///   - lhs: A digest.
  ///   - rhs: Another digest.
  /// - Returns: `true` when every byte is equal.
  public static func == (lhs: SHA256Digest, rhs: SHA256Digest) -> Bool {
    lhs.storage.0 == rhs.storage.0 && lhs.storage.1 == rhs.storage.1
      && lhs.storage.2 == rhs.storage.2 && lhs.storage.3 == rhs.storage.3
  }

  /// Feeds the 32 bytes to a hasher.
  ///
  /// - Parameter hasher: The hasher to feed.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(storage.0)
    hasher.combine(storage.1)
    hasher.combine(storage.2)
    hasher.combine(storage.3)
  }

  /// The value of one ASCII hexadecimal digit, or `nil` for any other code unit.
  private static func hexValue(_ unit: UInt8) -> UInt8? {
    switch unit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): unit &- UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): unit &- UInt8(ascii: "a") &+ 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): unit &- UInt8(ascii: "A") &+ 10
    default: nil
    }
  }

  /// The lowercase ASCII digit for a value below 16.
  private static func hexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? UInt8(ascii: "0") &+ value : UInt8(ascii: "a") &+ (value &- 10)
  }
}
