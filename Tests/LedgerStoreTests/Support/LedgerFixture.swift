import Foundation
import LedgerStore

/// Builders and file helpers shared by the storage and verification tests.
enum LedgerFixture {
  /// 2024-03-01T10:00:00.000Z, the instant the fixed clocks stop at.
  static let start = LedgerTimestamp(millisecondsSinceEpoch: 1_709_287_200_000)

  /// The name of the first segment file.
  static let firstSegment = "0001.jsonl"

  /// A configuration with a fixed clock (or the one given) and no boot id.
  ///
  /// - Parameters:
  ///   - clock: The clock; a clock stopped at ``start`` when `nil`.
  ///   - bootID: The boot id.
  ///   - segmentLimit: The segment size limit.
  ///   - durability: How appends are made durable.
  /// - Returns: The configuration.
  static func configuration(
    clock: (any LedgerClock)? = nil,
    bootID: String? = nil,
    segmentLimit: Int = 64 << 20,
    durability: LedgerConfiguration.Durability = .singleFlush
  ) -> LedgerConfiguration {
    LedgerConfiguration(
      clock: clock ?? FixedClock(start),
      bootID: bootID,
      lockTimeoutMilliseconds: 20_000,
      segmentLimit: segmentLimit,
      durability: durability
    )
  }

  /// A draft whose content depends on `number`: streams, ids, nested data and non-ASCII
  /// text vary, so lines differ in length and content.
  ///
  /// - Parameter number: Which draft; the same number always gives the same draft.
  /// - Returns: The draft.
  static func draft(_ number: Int) -> EventDraft {
    var data: JSONObject = [
      "n": .integer(number),
      "note": .string(number % 3 == 0 ? "Größe \(number) – “quoted” \\ tab\t" : "event \(number)"),
    ]
    if number % 4 == 1 {
      data["nested"] = ["list": [1, -2, true, nil, "x"], "empty": [:]]
    }
    return EventDraft(
      type: number % 2 == 0 ? "test.event_recorded" : "test.other_event",
      stream: "stream/\(number % 5)",
      actor: "tester",
      authority: number % 7 == 3 ? ["seq": .integer(max(1, number - 1))] : nil,
      source: number % 11 == 5 ? ["document": "minutes", "locator": .string("p. \(number)")] : nil,
      data: data
    )
  }

  /// Drafts `1...count`.
  ///
  /// - Parameter count: How many.
  /// - Returns: The drafts.
  static func drafts(_ count: Int) -> [EventDraft] {
    count == 0 ? [] : (1...count).map(draft)
  }

  /// Creates a ledger in `directory/name` holding `count` events (`draft(1)…draft(count)`),
  /// appended in one batch.
  ///
  /// - Parameters:
  ///   - directory: Where to make it.
  ///   - name: The ledger directory's name.
  ///   - count: How many events.
  ///   - configuration: The configuration.
  /// - Returns: The ledger's path and the open ledger.
  /// - Throws: What creating or appending throws.
  static func makeLedger(
    in directory: URL,
    name: String = "ledger",
    count: Int,
    configuration: LedgerConfiguration = configuration()
  ) throws -> (path: String, ledger: Ledger) {
    let path = directory.appending(path: name).path(percentEncoded: false)
    let ledger = try Ledger.create(at: path, configuration: configuration)
    if count > 0 {
      _ = try ledger.append(drafts(count))
    }
    return (path, ledger)
  }

  /// The bytes of every regular file under `path`, by relative path.
  ///
  /// - Parameters:
  ///   - path: A directory.
  ///   - excluding: Relative paths (files or folders) to leave out.
  /// - Returns: The files' bytes.
  /// - Throws: A read error.
  static func snapshot(of path: String, excluding: Set<String> = []) throws -> [String: [UInt8]] {
    var files: [String: [UInt8]] = [:]
    let root = URL(filePath: path, directoryHint: .isDirectory)
    guard let enumerator = FileManager.default.enumerator(atPath: path) else { return files }
    while let relative = enumerator.nextObject() as? String {
      if excluding.contains(where: { relative == $0 || relative.hasPrefix($0 + "/") }) {
        continue
      }
      let url = root.appending(path: relative)
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(
        atPath: url.path(percentEncoded: false),
        isDirectory: &isDirectory
      ),
        !isDirectory.boolValue
      {
        files[relative] = Array(try Data(contentsOf: url))
      }
    }
    return files
  }

  /// Reads a whole file.
  ///
  /// - Parameter path: The file.
  /// - Returns: Its bytes.
  /// - Throws: A read error.
  static func bytes(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(filePath: path)))
  }

  /// Replaces a whole file.
  ///
  /// - Parameters:
  ///   - bytes: The new contents.
  ///   - path: The file.
  /// - Throws: A write error.
  static func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(filePath: path))
  }

  /// Adds bytes at the end of a file.
  ///
  /// - Parameters:
  ///   - bytes: What to add.
  ///   - path: The file.
  /// - Throws: A write error.
  static func appendBytes(_ bytes: [UInt8], to path: String) throws {
    let handle = try FileHandle(forWritingTo: URL(filePath: path))
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(bytes))
  }

  /// Copies a directory tree to a new path.
  ///
  /// - Parameters:
  ///   - source: The directory to copy.
  ///   - destination: A path that does not exist yet.
  /// - Throws: A copy error.
  static func copyDirectory(_ source: String, to destination: String) throws {
    try FileManager.default.copyItem(atPath: source, toPath: destination)
  }

  /// The lines of a segment file, each with its newline.
  ///
  /// - Parameter path: The segment file.
  /// - Returns: The lines, each ending in `\n` (a last line without one is kept as is).
  /// - Throws: A read error.
  static func lines(ofFile path: String) throws -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var current: [UInt8] = []
    for byte in try bytes(path) {
      current.append(byte)
      if byte == UInt8(ascii: "\n") {
        lines.append(current)
        current = []
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }

  /// All lines the ledger serves, without newlines, in order.
  ///
  /// - Parameter ledger: The ledger.
  /// - Returns: The lines.
  /// - Throws: A read error.
  static func allLines(_ ledger: Ledger) throws -> [[UInt8]] {
    var lines: [[UInt8]] = []
    try ledger.forEachLine { line in
      lines.append(Array(line.bytes))
      return true
    }
    return lines
  }

  /// The names of the files in `directory/quarantine`, sorted.
  ///
  /// - Parameter path: The ledger directory.
  /// - Returns: The quarantine file names (none when there is no quarantine folder).
  static func quarantined(in path: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: path + "/quarantine")) ?? []).sorted()
  }
}
