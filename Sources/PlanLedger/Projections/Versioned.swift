public import LedgerStore

/// Where an event stands in valid-time order: by effective date, then seq.
public struct Stamp: Hashable, Comparable, Sendable {
  /// The effective date.
  public let effective: CalendarDate
  /// The seq.
  public let seq: Int

  /// Makes a stamp.
  public init(effective: CalendarDate, seq: Int) {
    self.effective = effective
    self.seq = seq
  }

  /// Orders by effective date, then seq.
  public static func < (lhs: Stamp, rhs: Stamp) -> Bool {
    (lhs.effective, lhs.seq) < (rhs.effective, rhs.seq)
  }

  /// The stamp in eight bytes, ordered as stamps are (a key for `ExternalSort`): the
  /// effective day, offset to be positive, in the top 24 bits (four-digit years need 23),
  /// the seq in the low 40 (a ledger of a trillion events).
  public var packed: UInt64 {
    UInt64(effective.dayNumber + (1 << 23)) << 40 | UInt64(seq)
  }

  /// The stamp packed in ``packed``.
  ///
  /// - Parameter packed: A packed stamp.
  public init(packed: UInt64) {
    self.init(
      effective: CalendarDate(dayNumber: Int(packed >> 40) - (1 << 23)),
      seq: Self.seq(packed: packed)
    )
  }

  /// The seq of a packed stamp.
  ///
  /// - Parameter packed: A packed stamp.
  /// - Returns: Its seq.
  public static func seq(packed: UInt64) -> Int {
    Int(packed & ((1 << 40) - 1))
  }
}

/// A value with the stamp of the event that set it; a later stamp wins.
///
/// Every part of the plan's state is such a value (or a set of events), so folding events
/// in any order gives the same state as folding them in valid-time order. That is what
/// lets a back-dated event apply on top of a snapshot.
public struct Versioned<Value: Hashable & Sendable>: Hashable, Sendable {
  /// The current value.
  public private(set) var value: Value
  /// The stamp of the event that set it.
  public private(set) var stamp: Stamp

  /// Starts with a value set by an event.
  public init(_ value: Value, at stamp: Stamp) {
    self.value = value
    self.stamp = stamp
  }

  /// Takes `value` if `stamp` is later than the current one.
  ///
  /// - Parameters:
  ///   - value: The candidate value.
  ///   - stamp: The stamp of the event offering it.
  public mutating func offer(_ value: Value, at stamp: Stamp) {
    if stamp > self.stamp {
      self.value = value
      self.stamp = stamp
    }
  }
}
