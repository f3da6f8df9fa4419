import CLedgerSystem
import Foundation
import LedgerStore
import PlanLedger

typealias Durability = LedgerConfiguration.Durability

#if canImport(Glibc)
import Glibc
#endif

struct BenchmarkOptions {
  var events = 1_000_000
  var keep: String?
  var durableAppends = 2000
  var appendOnly = false
  var durableOnly = false
  var replayOnly: String?

  init(_ arguments: [String]) {
    var index = 1
    while index < arguments.count {
      let word = arguments[index]
      if word == "--keep", index + 1 < arguments.count {
        keep = arguments[index + 1]
        index += 2
        continue
      }
      if word == "--durable", index + 1 < arguments.count {
        durableAppends = Int(arguments[index + 1]) ?? durableAppends
        index += 2
        continue
      }
      if word == "--append-only" { appendOnly = true }
      if word == "--durable-only" { durableOnly = true }
      if word == "--replay", index + 1 < arguments.count {
        replayOnly = arguments[index + 1]
        index += 2
        continue
      }
      if let number = Int(word.replacingOccurrences(of: "_", with: "")) { events = number }
      index += 1
    }
  }
}

/// A clock that moves one millisecond per reading, from a fixed start.
final class BenchClock: LedgerClock, @unchecked Sendable {
  // Only the benchmark's single thread reads it.
  private var next = 1_764_000_000_000

  func now() -> LedgerTimestamp {
    next += 1
    return LedgerTimestamp(millisecondsSinceEpoch: next)
  }
}

struct Row {
  let what: String
  let figure: String
  let note: String
}

struct Benchmark {
  let options: BenchmarkOptions
  var rows: [Row] = []

  init(options: BenchmarkOptions) {
    self.options = options
  }

  func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try body()
    return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }

  func rate(_ count: Double, _ seconds: Double) -> String {
    let perSecond = count / seconds
    if perSecond >= 1_000_000 { return String(format: "%.2f M", perSecond / 1_000_000) }
    if perSecond >= 1000 { return String(format: "%.0f k", perSecond / 1000) }
    return String(format: "%.0f", perSecond)
  }

  func milliseconds(_ seconds: Double) -> String {
    String(format: "%.1f ms", seconds * 1000)
  }

  mutating func record(_ what: String, _ figure: String, _ note: String = "") {
    rows.append(Row(what: what, figure: figure, note: note))
    FileHandle.standardError.write(Data("  \(what): \(figure) \(note)\n".utf8))
  }

  mutating func run() throws {
    if let path = options.replayOnly {
      // Replay an existing ledger only: for profiling the fold.
      let ledger = try Ledger.open(
        at: path,
        configuration: LedgerConfiguration(clock: BenchClock())
      )
      let date = CalendarDate(year: 2019, month: 6, day: 30) ?? SyntheticPlan.start
      for _ in 0..<3 {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let before =
          Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
          + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        let (state, seconds) = try time { try Replay(ledger: ledger).state(TimeSlice(asOf: date)) }
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let after =
          Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
          + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        print(
          String(
            format: "replay: %.3f s wall, %.3f s CPU, %d applied",
            seconds,
            after - before,
            state.applied
          )
        )
      }
      return
    }
    let root =
      options.keep
      ?? NSTemporaryDirectory() + "planledger-bench-\(ProcessInfo.processInfo.processIdentifier)"
    let ledgerPath = root + "/EventLog"
    try? FileManager.default.removeItem(atPath: root)
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    defer { if options.keep == nil { try? FileManager.default.removeItem(atPath: root) } }
    let clock = BenchClock()
    if options.durableOnly {
      try durableAppends(root: root, clock: clock)
      print(table(count: 0))
      return
    }
    let configuration = LedgerConfiguration(clock: clock)
    let count = options.events

    // Batched append: the whole synthetic plan in one streaming, atomic append.
    var plan = SyntheticPlan(events: count)
    let setup = plan.setup()
    let ledger = try Ledger.create(at: ledgerPath, configuration: configuration)
    var produced = setup.count
    var setupIterator = setup.makeIterator()
    let (receipt, appendSeconds) = try time {
      try ledger.append { () -> EventDraft? in
        if let draft = setupIterator.next() { return draft }
        guard produced < count else { return nil }
        produced += 1
        return plan.pooledEvent(produced)
      }
    }
    let bytes = try logBytes(ledgerPath)
    record(
      "batched append (\(count) events, one atomic append)",
      "\(rate(Double(receipt.head.size), appendSeconds)) events/s",
      String(
        format: "%.0f MB/s, %.1f s, %.0f bytes/event",
        Double(bytes) / appendSeconds / 1e6,
        appendSeconds,
        Double(bytes) / Double(max(count, 1))
      )
    )

    if options.appendOnly { return }
    try durableAppends(root: root, clock: clock)

    // Verify from the files alone.
    let (report, verifySeconds) = try time { try Verifier(path: ledgerPath).verify() }
    guard report.isValid else {
      throw BenchError("verify failed: \(report.problems.first.map { "\($0)" } ?? "")")
    }
    record(
      "verify (canonical form, chain, Merkle root)",
      "\(rate(Double(report.events), verifySeconds)) events/s",
      String(format: "%.0f MB/s, %.2f s", Double(report.bytes) / verifySeconds / 1e6, verifySeconds)
    )

    // Merkle root and proofs, in process and from a cold process.
    let reopened = try Ledger.open(at: ledgerPath, configuration: configuration)
    // With a size, the root is computed over the leaf index (nil answers the checkpoint's).
    let (_, rootSeconds) = try time { try reopened.head(size: count) }
    record("Merkle root of \(count) events (in process)", milliseconds(rootSeconds))
    let middle = count / 2
    let (proof, proofSeconds) = try time { try reopened.inclusionProof(seq: middle, size: nil) }
    guard proof.isValid else { throw BenchError("inclusion proof does not check") }
    record("inclusion proof of seq \(middle) (in process)", milliseconds(proofSeconds))
    let (consistency, consistencySeconds) = try time {
      try reopened.consistencyProof(first: middle + 1, second: nil)
    }
    guard consistency.isValid else { throw BenchError("consistency proof does not check") }
    record(
      "consistency proof \(middle + 1) → \(count) (in process)",
      milliseconds(consistencySeconds)
    )

    try hashing(root: root)

    // Replay and snapshots, in process.
    let date = CalendarDate(year: 2019, month: 6, day: 30) ?? SyntheticPlan.start
    let book = PlanBook(
      ledger: reopened,
      clock: clock,
      snapshots: SnapshotStore(directory: root + "/Snapshots")
    )
    let (replayed, replaySeconds) = try time {
      try Replay(ledger: reopened).state(TimeSlice(asOf: date))
    }
    record(
      "state --as-of \(date) by full replay (in process)",
      String(format: "%.2f s", replaySeconds),
      "\(rate(Double(count), replaySeconds)) events/s, \(replayed.actions.count) actions"
    )
    let (snapshots, snapshotBuild) = try time { try book.buildSnapshots(asOf: [date]) }
    for snapshot in snapshots { try book.snapshots?.write(snapshot) }
    record("snapshot build for one date", String(format: "%.2f s", snapshotBuild))
    var fromSnapshot = PlanState()
    var fastest = Double.infinity
    for _ in 0..<5 {
      let ((state, use), seconds) = try time { try book.state(TimeSlice(asOf: date)) }
      guard use.snapshot != nil else { throw BenchError("the snapshot did not serve") }
      fromSnapshot = state
      fastest = min(fastest, seconds)
    }
    guard fromSnapshot == replayed else { throw BenchError("snapshot and replay disagree") }
    record("state --as-of \(date) from a snapshot (in process)", milliseconds(fastest), "best of 5")

    try commands(root: root, ledgerPath: ledgerPath, date: date, middle: middle)

    print(table(count: count))
  }

  mutating func durableAppends(root: String, clock: BenchClock) throws {
    let appends = options.durableAppends
    var plan = SyntheticPlan(events: appends)
    let setup = plan.setup()
    let drafts = (0..<appends).map { plan.event($0 + 1) }
    let modes: [LedgerConfiguration.Durability] = [.singleFlush, .syncEachFile]
    let ledgers = try modes.enumerated().map { number, durability in
      let configuration = LedgerConfiguration(
        clock: clock,
        bootID: "benchmark",
        durability: durability
      )
      let ledger = try Ledger.create(at: root + "/durable-\(number)", configuration: configuration)
      _ = try ledger.append(setup)
      return ledger
    }
    // The bare loop writes the same bytes, one write and one fsync each.
    let barePath = root + "/bare.jsonl"
    let descriptor = open(barePath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    defer { close(descriptor) }
    // The floor of the single-flush protocol: the same lines and a two-slot checkpoint file
    // written with the same system calls as a single-flush append, without the lock, the
    // index, hashing or JSON.
    let floorLog = open(root + "/floor.jsonl", O_WRONLY | O_CREAT | O_APPEND, 0o644)
    let floorCheckpoint = open(root + "/floor.checkpoint", O_RDWR | O_CREAT, 0o644)
    let slot = [UInt8](repeating: UInt8(ascii: " "), count: 1024)
    for offset in [0, 1024] {
      _ = slot.withUnsafeBytes { pwrite(floorCheckpoint, $0.baseAddress, 1024, off_t(offset)) }
    }
    fsync(floorCheckpoint)
    defer {
      close(floorLog)
      close(floorCheckpoint)
    }
    // Interleaved in rounds, so that a shared disk's changing load falls on all of them
    // alike: a round of bare writes, of the floor, then of appends in each mode.
    let rounds = max(1, min(20, appends / 50))
    var bareSeconds = 0.0
    var floorSeconds = 0.0
    var floorWritten = 0
    var seconds = Array(repeating: 0.0, count: modes.count)
    var done = 0
    for round in 0..<rounds {
      let next = appends * (round + 1) / rounds
      let chunk = drafts[done..<next]
      for (number, ledger) in ledgers.enumerated() {
        let (_, elapsed) = try time {
          for draft in chunk { _ = try ledger.append([draft]) }
        }
        seconds[number] += elapsed
      }
      let lines = try chunk.indices.map { index -> [UInt8] in
        var line = try ledgers[0].line(seq: setup.count + index + 1)
        line.append(0x0A)
        return line
      }
      let (_, elapsed) = time {
        for line in lines {
          _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
          fsync(descriptor)
        }
      }
      bareSeconds += elapsed
      let (_, floorElapsed) = time {
        for line in lines {
          let offset = (floorWritten % 2) * 1024
          floorWritten += 1
          _ = line.withUnsafeBytes { write(floorLog, $0.baseAddress, $0.count) }
          _ = slot.withUnsafeBytes { pwrite(floorCheckpoint, $0.baseAddress, 1024, off_t(offset)) }
          _ = ledger_start_write_out(floorLog, 0, 0)
          _ = ledger_write_out(floorCheckpoint, Int64(offset), 1024)
          _ = ledger_data_sync(floorLog)
        }
      }
      floorSeconds += floorElapsed
      done = next
    }
    let bare = Double(appends) / bareSeconds
    record(
      "bare write+fsync loop, same lines, same disk",
      "\(rate(Double(appends), bareSeconds)) appends/s",
      "interleaved with the appends below in \(rounds) rounds"
    )
    record(
      "floor of the single flush: same lines, checkpoint written out, one fdatasync",
      "\(rate(Double(appends), floorSeconds)) appends/s",
      String(
        format: "%.2f× the bare loop; no lock, index, hashing or JSON",
        (Double(appends) / floorSeconds) / bare
      )
    )
    for (number, durability) in modes.enumerated() {
      let name =
        durability == .singleFlush ? "one flush (default)" : "fsync log, then checkpoint"
      record(
        "durable single appends (\(appends)), \(name)",
        "\(rate(Double(appends), seconds[number])) appends/s",
        String(format: "%.2f× the bare loop", (Double(appends) / seconds[number]) / bare)
      )
    }
  }

  mutating func hashing(root: String) throws {
    let size = 256 << 20
    var buffer = [UInt8](repeating: 0, count: size)
    for index in stride(from: 0, to: size, by: 4096) {
      buffer[index] = UInt8(truncatingIfNeeded: index >> 12)
    }
    let (digest, seconds) = buffer.withUnsafeBytes { raw in time { SHA256.hash(raw) } }
    let path = root + "/hash.bin"
    _ = FileManager.default.createFile(atPath: path, contents: Data(buffer))
    var note = "kernel \(SHA256.kernel)"
    if let (output, shaSeconds) = try? runCapturing("/usr/bin/sha256sum", [path]) {
      let agrees = output.hasPrefix(digest.hex) ? "same digest" : "DIGEST DIFFERS"
      note += String(
        format: "; sha256sum on the same bytes: %.0f MB/s (%@)",
        Double(size) / shaSeconds / 1e6,
        agrees
      )
    }
    record("SHA-256", String(format: "%.0f MB/s", Double(size) / seconds / 1e6), note)
  }

  mutating func commands(root: String, ledgerPath: String, date: CalendarDate, middle: Int) throws {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("planledger").path
    guard FileManager.default.isExecutableFile(atPath: binary) else {
      record("command-line measurements", "skipped", "no planledger binary beside the benchmark")
      return
    }
    let ledger = ["--ledger", ledgerPath, "--snapshots", root + "/Snapshots"]
    // Name, arguments, and how many runs (the best is kept): once for the long ones.
    let commands: [(String, [String], Int)] = [
      ("planledger head", ["head"], 3),
      ("planledger prove --seq \(middle)", ["prove", "--seq", String(middle)], 3),
      (
        "planledger prove --consistency \(middle + 1)",
        ["prove", "--consistency", String(middle + 1)], 3
      ),
      (
        "planledger state --as-of \(date) (snapshot)",
        ["state", "--as-of", date.description, "--format", "json"], 3
      ),
      (
        "planledger state --as-of 2018-02-14 (full replay)",
        ["state", "--as-of", "2018-02-14", "--format", "json"], 3
      ),
      ("planledger verify", ["verify"], 1),
      ("planledger export", ["export"], 1),
      ("planledger history --action 1.1", ["history", "--action", "1.1", "--format", "json"], 3),
      (
        "planledger narrative, the month to \(date)",
        ["narrative", "--from", date.adding(days: -30).description, "--to", date.description], 1
      ),
      (
        "planledger narrative, the whole history",
        ["narrative", "--from", "2017-10-31", "--to", "2020-10-31"], 1
      ),
      (
        "planledger report --board \(date)",
        ["report", "--board", date.description, "--out", root + "/report.html"], 1
      ),
      (
        "planledger history --person PO (every event)",
        ["history", "--person", "PO", "--format", "csv"], 1
      ),
      ("planledger audit (every event)", ["audit", "--format", "csv"], 1),
    ]
    var peak = 0
    for (name, arguments, runs) in commands {
      var best = Double.infinity
      var memory = 0
      for _ in 0..<runs {
        let run = try Spawn.run(binary, arguments + ledger)
        guard run.status == 0 else { throw BenchError("\(name) exited \(run.status)") }
        best = min(best, run.seconds)
        memory = max(memory, run.maxRSSKilobytes)
      }
      peak = max(peak, memory)
      record("\(name): whole process", milliseconds(best), "peak memory \(memory / 1024) MB")
    }
    record("peak memory of any command above", "\(peak / 1024) MB")
  }

  func table(count: Int) -> String {
    var text = "| measurement (\(count) events, release build) | result | note |\n"
    text += "| --- | --- | --- |\n"
    for row in rows {
      text += "| \(row.what) | \(row.figure) | \(row.note) |\n"
    }
    return text
  }

  func logBytes(_ path: String) throws -> Int {
    try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".jsonl") }
      .reduce(0) { total, name in
        total
          + ((try? FileManager.default.attributesOfItem(atPath: path + "/" + name)[.size] as? Int)
            ?? 0)
      }
  }

  func runCapturing(_ executable: String, _ arguments: [String]) throws -> (String, Double) {
    guard FileManager.default.isExecutableFile(atPath: executable) else {
      throw BenchError("missing")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    let start = DispatchTime.now().uptimeNanoseconds
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return (String(decoding: data, as: UTF8.self), seconds)
  }
}

struct BenchError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// Runs a program and reports its wall time and peak memory (from `wait4`'s rusage).
enum Spawn {
  struct Result {
    let status: Int32
    let seconds: Double
    let maxRSSKilobytes: Int
  }

  /// Runs through `/usr/bin/time` when it is there: a child started straight from this
  /// (large) process would report this process's memory high-water mark as its own.
  static func run(_ executable: String, _ arguments: [String]) throws -> Result {
    let timer = "/usr/bin/time"
    let report = NSTemporaryDirectory() + "planledger-bench-rss-\(getpid())"
    let useTimer = FileManager.default.isExecutableFile(atPath: timer)
    let command =
      useTimer
      ? [timer, "-f", "%M", "-o", report, executable] + arguments : [executable] + arguments
    let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
    guard spawned == 0 else { throw BenchError("cannot start \(executable): \(spawned)") }
    var status: Int32 = 0
    var usage = rusage()
    _ = wait4(pid, &status, 0, &usage)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    var memory = Int(usage.ru_maxrss)
    if useTimer, let text = try? String(contentsOfFile: report, encoding: .utf8),
      let kilobytes = Int(text.split(separator: "\n").last.map(String.init) ?? "")
    {
      memory = kilobytes
    }
    try? FileManager.default.removeItem(atPath: report)
    return Result(status: exitStatus, seconds: seconds, maxRSSKilobytes: memory)
  }
}
