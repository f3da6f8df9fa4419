import Foundation
import LedgerStore
import PlanLedger

struct FixedClock: LedgerClock {
  let instant: LedgerTimestamp
  func now() -> LedgerTimestamp { instant }
}

let arguments = CommandLine.arguments
let count = arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000
let directory = arguments.count > 2 ? arguments[2] : NSTemporaryDirectory() + "planledger-bench-\(UUID().uuidString)"
let clock = FixedClock(instant: LedgerTimestamp(millisecondsSinceEpoch: 1_764_000_000_000))
let configuration = LedgerConfiguration(clock: clock)
var plan = SyntheticPlan(events: count)
let setup = plan.setup()
let start = Date()
let ledger = try Ledger.create(at: directory, configuration: configuration)
_ = try ledger.append(setup)
var produced = 0
let receipt = try ledger.append { () -> EventDraft? in
  guard produced < count - setup.count else { return nil }
  produced += 1
  return plan.event(produced)
}
let appendTime = Date().timeIntervalSince(start)
print("appended \(receipt.head.size) events in \(appendTime) s: \(Double(receipt.head.size) / appendTime) events/s")
let replayStart = Date()
let state = try Replay(ledger: ledger).state(TimeSlice(asOf: CalendarDate("2019-06-30")))
let replayTime = Date().timeIntervalSince(replayStart)
print("replay: \(replayTime) s, \(state.applied) applied, \(Double(receipt.head.size) / replayTime) events/s")
print(directory)
