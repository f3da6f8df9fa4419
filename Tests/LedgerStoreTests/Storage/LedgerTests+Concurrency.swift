import Dispatch
import Foundation
import LedgerStore
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension LedgerTests {
  /// The `planledger` binary built beside the test bundle, if there is one.
  static var planledgerBinary: URL? {
    let candidates = [
      Bundle.main.bundleURL.appending(path: "planledger"),
      Bundle.main.bundleURL.deletingLastPathComponent().appending(path: "planledger"),
      URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: ".build/debug/planledger"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  /// Checks a ledger that `writers` each appended `count` events to, with ids `writer-i`
  /// in that writer's stream (or in `facts`, for events appended through the command line,
  /// after `before` events that registered the writers): every event exactly once, each
  /// writer's in order, seqs 1…total, and a valid chain.
  static func expectEveryAppendOnce(
    _ path: String,
    writers: [String],
    count: Int,
    before: Int = 0
  ) throws {
    let ledger = try Ledger.open(at: path, configuration: LedgerFixture.configuration())
    #expect(ledger.warnings == [])
    #expect(ledger.size == writers.count * count + before)
    var seen: [String: [Int]] = [:]
    var seqs: [Int] = []
    try ledger.forEachLine { line in
      let fields = try EventLineFields(line.bytes)
      seqs.append(fields.seq)
      guard fields.seq > before else { return true }
      let id = fields.clientID ?? "?"
      let writer = String(id.prefix { $0 != "-" })
      seen[writer, default: []].append(Int(id.drop { $0 != "-" }.dropFirst()) ?? 0)
      #expect(fields.stream == (before > 0 ? "facts" : "s/" + writer))
      return true
    }
    #expect(seqs == Array(1...(writers.count * count + before)))
    for writer in writers {
      #expect(seen[writer] == Array(1...count), "\(writer)")
    }
    let report = try Verifier(path: path).verify()
    #expect(report.problems == [])
    #expect(report.events == writers.count * count + before)
    #expect(report.computedHead == ledger.head)
  }

  @Test(.enabled(if: planledgerBinary != nil, "needs the planledger binary"))
  func twoProcessesAppendingAtOnceLoseAndDuplicateNothing() throws {
    let binary = try #require(Self.planledgerBinary)
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 0)
      // The command line checks plan events: the writers are registered first, and append
      // `fact.recorded` events, which any registered person may record.
      _ = try ledger.append(
        ["p1", "p2"].map { writer in
          EventDraft(
            type: "person.registered",
            stream: "person/" + writer,
            effective: CalendarDate(year: 2018, month: 1, day: 1),
            actor: "p1",
            data: ["person": .string(writer), "name": .string("Writer " + writer)]
          )
        }
      )
      let loop = #"""
        i=1
        while [ "$i" -le 500 ]; do
          "$0" append --ledger "$1" --actor "$2" --type fact.recorded --stream facts \
            --effective 2018-01-02 --id "$2-$i" \
            --data "{\"kind\":\"note\",\"text\":\"$2 $i\"}" > /dev/null || exit 1
          i=$((i + 1))
        done
        """#
      let processes = try ["p1", "p2"].map { writer -> Process in
        let process = Process()
        process.executableURL = URL(filePath: "/bin/sh")
        process.arguments = ["-c", loop, binary.path, path, writer]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
      }
      for process in processes {
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
      }
      try Self.expectEveryAppendOnce(path, writers: ["p1", "p2"], count: 500, before: 2)
    }
  }

  @Test func twoInstancesAppendingFromTwoThreadsLoseAndDuplicateNothing() throws {
    try withTemporaryDirectory { directory in
      let (path, _) = try LedgerFixture.makeLedger(in: directory, count: 0)
      let failures = Mutex<[String]>([])
      let group = DispatchGroup()
      for writer in ["t1", "t2"] {
        // A separate instance per thread: a separate open file, so a separate lock.
        let ledger = try Ledger.open(at: path, configuration: LedgerFixture.configuration())
        DispatchQueue.global().async(group: group) {
          do {
            for number in 1...100 {
              _ = try ledger.append([
                EventDraft(
                  id: "\(writer)-\(number)",
                  type: "test.concurrent",
                  stream: "s/\(writer)",
                  actor: writer
                )
              ])
            }
          } catch {
            failures.withLock { $0.append("\(writer): \(error)") }
          }
        }
      }
      group.wait()
      #expect(failures.withLock { $0 } == [])
      try Self.expectEveryAppendOnce(path, writers: ["t1", "t2"], count: 100)
    }
  }

  /// Whether another open file description can take the ledger's lock right now.
  static func lockIsFree(_ path: String) -> Bool {
    let probe = Glibc.open(path + "/ledger.lock", O_RDWR)
    guard probe >= 0 else { return false }
    defer { Glibc.close(probe) }
    guard flock(probe, LOCK_EX | LOCK_NB) == 0 else { return false }
    flock(probe, LOCK_UN)
    return true
  }

  @Test func anExclusiveBodyKeepsTheLockThroughRefreshesAndAppends() throws {
    try withTemporaryDirectory { directory in
      let (path, ledger) = try LedgerFixture.makeLedger(in: directory, count: 3)
      // Another instance appends, so this one's index is behind and `refresh` catches up
      // under the lock: that nested step must not release the body's lock.
      let other = try Ledger.open(at: path, configuration: LedgerFixture.configuration())
      _ = try other.append([LedgerFixture.draft(4)])
      #expect(Self.lockIsFree(path))
      let receipt = try ledger.exclusively {
        #expect(!Self.lockIsFree(path))
        try ledger.refresh()
        #expect(ledger.size == 4)
        #expect(!Self.lockIsFree(path))
        let receipt = try ledger.append(
          [LedgerFixture.draft(5)],
          expecting: AppendExpectation(size: 4)
        )
        #expect(!Self.lockIsFree(path))
        // Nested: runs at once and leaves the lock to the outer body.
        try ledger.exclusively { #expect(!Self.lockIsFree(path)) }
        #expect(!Self.lockIsFree(path))
        return receipt
      }
      #expect(receipt.head.size == 5)
      #expect(Self.lockIsFree(path))
      let report = try Verifier(path: path).verify()
      #expect(report.problems == [])
    }
  }
}
