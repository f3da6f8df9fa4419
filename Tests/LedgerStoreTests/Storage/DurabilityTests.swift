import Foundation
import LedgerStore
import Testing

/// How appends are made durable: the single flush where it can serve, two syncs otherwise,
/// the same bytes either way.
@Suite struct DurabilityTests {
  /// Whether `path` lies on ext2, ext3 or ext4, the file systems that overwrite in place:
  /// the type of the longest mount point in `/proc/mounts` that holds it.
  static func overwritesInPlace(_ path: String) -> Bool {
    guard let mounts = try? String(contentsOfFile: "/proc/mounts", encoding: .utf8) else {
      return false
    }
    let resolved = URL(filePath: path).resolvingSymlinksInPath().path(percentEncoded: false)
    var best: (point: String, type: String)?
    for line in mounts.split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard fields.count >= 3 else { continue }
      let point = String(fields[1]).replacingOccurrences(of: "\\040", with: " ")
      let holds =
        point == "/" || resolved == point || resolved.hasPrefix(point + "/")
      if holds, point.count >= (best?.point.count ?? -1) {
        best = (point, String(fields[2]))
      }
    }
    return ["ext2", "ext3", "ext4"].contains(best?.type ?? "")
  }

  /// A ledger of `count` events written in boot "boot-A", with its configuration.
  static func bootALedger(
    in directory: URL,
    count: Int
  ) throws -> (path: String, ledger: Ledger, configuration: LedgerConfiguration) {
    let configuration = LedgerFixture.configuration(bootID: "boot-A")
    let (path, ledger) = try LedgerFixture.makeLedger(
      in: directory,
      count: count,
      configuration: configuration
    )
    return (path, ledger, configuration)
  }

  @Test func theSingleFlushServesOnlyWithABootIDOnAFileSystemThatOverwritesInPlace() throws {
    try withTemporaryDirectory { directory in
      let inPlace = Self.overwritesInPlace(directory.path(percentEncoded: false))
      let cases: [(String?, LedgerConfiguration.Durability, LedgerConfiguration.Durability)] = [
        ("boot-A", .singleFlush, inPlace ? .singleFlush : .syncEachFile),
        (nil, .singleFlush, .syncEachFile),
        ("boot-A", .syncEachFile, .syncEachFile),
      ]
      for (number, (bootID, configured, expected)) in cases.enumerated() {
        let (_, ledger) = try LedgerFixture.makeLedger(
          in: directory,
          name: "ledger-\(number)",
          count: 3,
          configuration: LedgerFixture.configuration(bootID: bootID, durability: configured)
        )
        #expect(ledger.durability == expected, "boot \(bootID ?? "nil"), \(configured)")
      }
    }
  }

  @Test func bothWaysWriteTheSameLogCheckpointAndIndex() throws {
    try withTemporaryDirectory { directory in
      var snapshots: [[String: [UInt8]]] = []
      for durability in [LedgerConfiguration.Durability.singleFlush, .syncEachFile] {
        let (path, ledger) = try LedgerFixture.makeLedger(
          in: directory,
          name: "\(durability)",
          count: 0,
          configuration: LedgerFixture.configuration(bootID: "boot-A", durability: durability)
        )
        // Single appends, with and without client ids, then a batch.
        for number in 1...40 {
          var draft = LedgerFixture.draft(number)
          if number % 3 == 0 { draft.id = "client-\(number)" }
          _ = try ledger.append([draft])
        }
        _ = try ledger.append((41...60).map(LedgerFixture.draft))
        #expect(try Verifier(path: path).verify().isValid)
        snapshots.append(try LedgerFixture.snapshot(of: path, excluding: ["ledger.lock"]))
      }
      #expect(snapshots[0] == snapshots[1])
      #expect(snapshots[0]["0001.jsonl"]?.isEmpty == false)
    }
  }

  @Test func singleFlushAppendsReopenWithoutWarningsAndKeepTheirClientIDs() throws {
    try withTemporaryDirectory { directory in
      let (path, ledger, configuration) = try Self.bootALedger(in: directory, count: 0)
      var seqs: [String: Int] = [:]
      for number in 1...30 {
        var draft = LedgerFixture.draft(number)
        if number % 2 == 0 { draft.id = "client-\(number)" }
        let receipt = try ledger.append([draft])
        if let id = draft.id { seqs[id] = receipt.seqs[0] }
      }
      #expect(seqs.count == 15)
      let reopened = try Ledger.open(at: path, configuration: configuration)
      #expect(reopened.warnings == [])
      #expect(reopened.head == ledger.head)
      for (id, seq) in seqs {
        let again = try reopened.append([EventDraft(id: id, type: "t", stream: "s", actor: "a")])
        #expect(again.seqs == [seq])
        #expect(again.appended == 0)
      }
      #expect(reopened.size == 30)
    }
  }

  @Test func appendsSeeAnotherInstancesCommitsThroughTheCheckpointCache() throws {
    try withTemporaryDirectory { directory in
      let (path, first, configuration) = try Self.bootALedger(in: directory, count: 2)
      let second = try Ledger.open(at: path, configuration: configuration)
      for number in 3...12 {
        let writer = number % 3 == 0 ? second : first
        let receipt = try writer.append(
          [LedgerFixture.draft(number)],
          expecting: AppendExpectation(size: number - 1)
        )
        #expect(receipt.seqs == [number])
      }
      #expect(try Verifier(path: path).verify().isValid)
      #expect(try Ledger.open(at: path, configuration: configuration).size == 12)
    }
  }

  @Test func checkpointSlotsAreCanonicalJSONWithTheirCheck() throws {
    try withTemporaryDirectory { directory in
      let boot = "boot \"ä\" \\ \u{1}"
      let (path, ledger) = try LedgerFixture.makeLedger(
        in: directory,
        count: 0,
        configuration: LedgerFixture.configuration(bootID: boot)
      )
      _ = try ledger.append([LedgerFixture.draft(1)])
      _ = try ledger.append([LedgerFixture.draft(2)])
      let file = try LedgerFixture.bytes(path + "/checkpoint")
      #expect(file.count == 2048)
      for start in [0, 1024] {
        let slot = Array(file[start..<(start + 1024)])
        #expect(slot.last == UInt8(ascii: "\n"))
        let text = Array(slot.dropLast().reversed().drop { $0 == UInt8(ascii: " ") }.reversed())
        let value = try JSONValue(parsing: text)
        #expect(value.canonicalBytes == text)
        guard case .object(let members) = value else {
          Issue.record("a slot is not an object")
          continue
        }
        #expect(members["boot"] == .string(boot))
        let unchecked = JSONObject(
          Dictionary(uniqueKeysWithValues: members.filter { $0.key != "check" }.map { $0 })
        )
        let check = SHA256.hash(JSONValue.object(unchecked).canonicalBytes)
        #expect(members["check"] == .string(check.hex))
      }
    }
  }

  @Test func theIndexStateIsPaddedSoAppendsRewriteItInPlace() throws {
    try withTemporaryDirectory { directory in
      let (path, ledger, _) = try Self.bootALedger(in: directory, count: 0)
      for number in 1...20 {
        _ = try ledger.append([LedgerFixture.draft(number)])
        let state = try LedgerFixture.bytes(path + "/index/state")
        #expect(state.count == 4096, "after append \(number)")
        let text = Array(state.reversed().drop { $0 == UInt8(ascii: " ") }.reversed())
        let value = try JSONValue(parsing: text)
        #expect(value.canonicalBytes == text)
        #expect(value["size"]?.integerValue == number)
        #expect(value["root"] == .string(ledger.head.root.hex))
      }
    }
  }
}
