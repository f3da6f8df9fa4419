import LedgerStore
import Synchronization

/// A clock that always says the same instant.
struct FixedClock: LedgerClock {
  /// The instant it always returns.
  let instant: LedgerTimestamp

  /// Makes a clock stopped at `instant`.
  ///
  /// - Parameter instant: The instant it returns.
  init(_ instant: LedgerTimestamp) {
    self.instant = instant
  }

  /// The fixed instant.
  func now() -> LedgerTimestamp { instant }
}

/// A clock that returns the instants of a script in turn, then the last one forever.
///
/// A test hands it a sequence that goes backwards to check that `recorded` never does.
final class ScriptedClock: LedgerClock {
  /// The instants still to return, the next first.
  private let remaining: Mutex<[LedgerTimestamp]>

  /// Makes a clock that plays `instants` in order.
  ///
  /// - Parameter instants: At least one instant.
  init(_ instants: [LedgerTimestamp]) {
    precondition(!instants.isEmpty, "a scripted clock needs an instant")
    remaining = Mutex(instants)
  }

  /// The next instant of the script.
  func now() -> LedgerTimestamp {
    remaining.withLock { instants in
      instants.count > 1 ? instants.removeFirst() : instants[0]
    }
  }
}

/// A clock that moves on by a fixed step every time it is read.
final class SteppingClock: LedgerClock {
  /// The next instant, in milliseconds since the epoch.
  private let next: Mutex<Int>
  /// How far it moves per reading, in milliseconds.
  private let step: Int

  /// Makes a clock that starts at `start` and moves on by `step` milliseconds per reading.
  ///
  /// - Parameters:
  ///   - start: The first instant.
  ///   - step: Milliseconds between readings.
  init(start: LedgerTimestamp, step: Int = 1_000) {
    next = Mutex(start.millisecondsSinceEpoch)
    self.step = step
  }

  /// The next instant.
  func now() -> LedgerTimestamp {
    next.withLock { value in
      defer { value += step }
      return LedgerTimestamp(millisecondsSinceEpoch: value)
    }
  }
}
