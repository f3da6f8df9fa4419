import Foundation
import LedgerStore
import PlanLedger
import PlanReports
import Testing

/// The shipped Croydon ledger (`EventLog/`) against the tables it is built from
/// (`EventLog/transcription/`) and the documents they transcribe (`../shared/seeds/`).
@Suite struct CroydonTranscriptionTests {
  /// The repository's root: the nearest folder above this file that holds `Package.swift`.
  static let root: URL = {
    var folder = URL(fileURLWithPath: #filePath)
    while folder.pathComponents.count > 1 {
      folder.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: folder.appending(path: "Package.swift").path) {
        return folder
      }
    }
    return folder
  }()

  /// The plan document, `../shared/seeds/improvement-plan-v6-2017-11.txt` beside the
  /// repository.
  static let planDocument = root.deletingLastPathComponent()
    .appending(path: "shared/seeds/improvement-plan-v6-2017-11.txt")

  /// Whether the seed documents are there (they are beside the repository, not in it).
  static let seedsFound = FileManager.default.fileExists(atPath: planDocument.path)

  /// When the shipped ledger was recorded: every event's `recorded`, and the clock of the
  /// rebuild (the transcriber registers on 2026-11-25, which must not be after today).
  static let recorded = LedgerTimestamp("2026-11-25T01:23:23.128Z")

  /// A clock stopped at one instant.
  private struct StoppedClock: LedgerClock {
    let instant: LedgerTimestamp
    func now() -> LedgerTimestamp { instant }
  }

  /// The transcription tables by file name, as `planledger import-tables` reads them.
  static func tables() throws -> [String: String] {
    let folder = root.appending(path: "EventLog/transcription")
    var files: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
    where name.hasSuffix(".csv") {
      files[name] = try String(contentsOf: folder.appending(path: name), encoding: .utf8)
    }
    return files
  }

  /// The event lines of a ledger directory, from its `*.jsonl` files in lexical order.
  static func lines(of directory: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path)
      .filter { $0.hasSuffix(".jsonl") }.sorted()
      .flatMap { name in
        try String(contentsOf: directory.appending(path: name), encoding: .utf8)
          .split(separator: "\n").map(String.init)
      }
  }

  /// The shipped ledger's events as JSON objects, in seq order.
  static func shippedEvents() throws -> [JSONObject] {
    try lines(of: root.appending(path: "EventLog")).map { line in
      try #require(try JSONValue(parsing: line).objectValue)
    }
  }

  /// Runs `body` with a new, empty directory of its own, and removes it afterwards.
  static func withTemporaryDirectory<Result>(_ body: (URL) throws -> Result) throws -> Result {
    let directory = FileManager.default.temporaryDirectory
      .appending(
        path: "CroydonTranscriptionTests-\(UUID().uuidString)",
        directoryHint: .isDirectory
      )
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
  }

  /// Creates an empty ledger in `directory/ledger` and opens it as a plan book with the
  /// clock stopped at ``recorded``.
  static func emptyBook(in directory: URL) throws -> PlanBook {
    let clock = StoppedClock(instant: try #require(recorded))
    let ledger = try Ledger.create(
      at: directory.appending(path: "ledger").path,
      configuration: LedgerConfiguration(clock: clock)
    )
    return PlanBook(ledger: ledger, clock: clock)
  }

  /// The canonical text of an event without `recorded` and `prev`.
  static func withoutTransactionMembers(_ event: JSONObject) -> String {
    var event = event
    event["recorded"] = nil
    event["prev"] = nil
    return JSONValue.object(event).canonicalText
  }

  @Test func rebuildingFromTheTablesGivesTheShippedEvents() throws {
    try Self.withTemporaryDirectory { directory in
      let batch = try TranscriptionImport(files: try Self.tables(), actor: PersonID("PLM")).batch()
      let book = try Self.emptyBook(in: directory)
      let result = try ImportRunner.run(batch, into: book, dryRun: false)
      let shipped = try Self.shippedEvents()
      #expect(result.receipt?.appended == shipped.count)
      let rebuilt = try Self.lines(of: directory.appending(path: "ledger")).map { line in
        try #require(try JSONValue(parsing: line).objectValue)
      }
      #expect(rebuilt.count == shipped.count)
      for (seq, (new, old)) in zip(rebuilt, shipped).enumerated() {
        let rebuiltText = Self.withoutTransactionMembers(new)
        let shippedText = Self.withoutTransactionMembers(old)
        #expect(rebuiltText == shippedText, "seq \(seq + 1)")
        if rebuiltText != shippedText { break }  // one difference says enough
      }
    }
  }

  @Test func everyEventNamesItsDocumentAndThePlaceInIt() throws {
    let documents = try CSVTable(
      text: try Self.tables()["documents.csv"] ?? "",
      file: "documents.csv"
    )
    let names = Set(documents.records.map { documents.cell($0, "document") })
    #expect(names.count == 5)
    for event in try Self.shippedEvents() {
      let seq = event["seq"]?.integerValue ?? 0
      let source = event["source"]?.objectValue
      let document = source?["document"]?.stringValue ?? ""
      let locator = source?["locator"]?.stringValue ?? ""
      #expect(!locator.isEmpty, "seq \(seq) has no locator")
      // The transcriber's own registration and role come from the transcription's README.
      let isTranscriber = event["stream"]?.stringValue == "person/PLM"
      #expect(
        names.contains(document) || (isTranscriber && document == "README.md"),
        "seq \(seq): document \"\(document)\""
      )
    }
  }

  /// The `data` of every `action.added` event of the shipped ledger.
  static func actions() throws -> [JSONObject] {
    try shippedEvents().filter { $0["type"]?.stringValue == "action.added" }
      .compactMap { $0["data"]?.objectValue }
  }

  @Test func eachPriorityHasTheActionsOfPlanVersionSix() throws {
    var counts: [String: Int] = [:]
    for action in try Self.actions() {
      counts[action["priority"]?.stringValue ?? "", default: 0] += 1
    }
    let expected = [11, 11, 22, 8, 14, 12, 13, 13, 7, 17, 4]
    #expect((1...11).map { counts["\($0)"] ?? 0 } == expected)
    #expect(counts.values.reduce(0, +) == 132)
    #expect(expected.reduce(0, +) == 132)
  }

  /// A text's words: split at whitespace, bullet glyphs dropped.
  static func words(_ text: String) -> [String] {
    text.split(whereSeparator: \.isWhitespace).map(String.init).filter { $0 != "•" }
  }

  /// The plan document's words, with words broken at a line-end hyphen joined again
  /// ("co-" and "ordinate" make "co-ordinate").
  static func documentWords(_ text: String) -> [String] {
    var words: [String] = []
    for word in Self.words(text) {
      if let last = words.last, last.count > 1, last.hasSuffix("-"),
        last.dropLast().allSatisfy(\.isLowercase), word.first?.isLowercase == true
      {
        words[words.count - 1] = last + word
      } else {
        words.append(word)
      }
    }
    return words
  }

  /// Finds `text` in `document` word for word, with words of `noise` in between.
  ///
  /// The document may interleave words that are not the text's: the cells of the action's
  /// own table row (lead, partners, by when, references) and page footers, which the PDF's
  /// text extraction put in the middle of some actions.
  ///
  /// - Parameters:
  ///   - text: The action's words.
  ///   - document: The document's words.
  ///   - noise: The words that may come between the text's.
  /// - Returns: The interleaved runs, or `nil` if the text is not there.
  static func find(_ text: [String], in document: [String], noise: Set<String>) -> [String]? {
    guard let first = text.first else { return [] }
    for start in document.indices where document[start] == first {
      var (textIndex, index, skipped) = (0, start, [String]())
      while textIndex < text.count, index < document.count {
        if document[index] == text[textIndex] {
          textIndex += 1
          index += 1
          continue
        }
        var next = index
        while next < document.count, document[next] != text[textIndex],
          noise.contains(Self.bare(document[next])) || document[next].allSatisfy(\.isNumber)
        {
          next += 1
        }
        guard next > index, next < document.count, document[next] == text[textIndex] else { break }
        skipped.append(document[index..<next].joined(separator: " "))
        index = next
      }
      if textIndex == text.count { return skipped }
    }
    return nil
  }

  /// A word without the punctuation around it.
  static func bare(_ word: String) -> String {
    word.trimmingCharacters(in: CharacterSet(charactersIn: "[](),;:."))
  }

  /// The words a page footer of the plan adds: "Page 44 of 58 Draft Children’s
  /// Improvement Plan (v.6) November 2017".
  static let footer: Set = [
    "Page", "of", "Draft", "Children’s", "Improvement", "Plan", "v.6", "November",
  ]

  /// The actions whose text the document's extraction interleaves with other cells of
  /// their row or with a page footer (checked word for word around them).
  static let interleaved: Set = [
    "1.3", "2.1", "3.2", "6.3", "6.7", "7.3", "7.7", "8.11", "10.1", "10.8", "11.2",
  ]

  @Test(
    .enabled(if: seedsFound, "the seed documents are not beside the repository (../shared/seeds)")
  )
  func eachActionsTextIsThePlansWordForWord() throws {
    let document = Self.documentWords(try String(contentsOf: Self.planDocument, encoding: .utf8))
    let actions = try Self.actions()
    #expect(actions.count == 132)
    var found: Set<String> = []
    for action in actions {
      let number = action["action"]?.stringValue ?? ""
      let text = Self.words(action["text"]?.stringValue ?? "")
      var noise = Self.footer.union(["N/A"])
      for key in ["leads", "partners"] {
        for value in action[key]?.arrayValue ?? [] {
          noise.formUnion(Self.words(value.stringValue ?? "").map(Self.bare))
        }
      }
      for milestone in action["milestones"]?.arrayValue ?? [] {
        noise.formUnion(Self.words(milestone["label"]?.stringValue ?? "").map(Self.bare))
      }
      noise.formUnion(Self.words(action["references"]?.stringValue ?? "").map(Self.bare))
      guard let skipped = Self.find(text, in: document, noise: noise) else {
        Issue.record("the text of action \(number) is not in the plan document")
        continue
      }
      if !skipped.isEmpty { found.insert(number) }
    }
    #expect(found == Self.interleaved)
  }

  @Test(
    .enabled(if: seedsFound, "the seed documents are not beside the repository (../shared/seeds)")
  )
  func eachLeadIsInTheLeadOfficersTable() throws {
    let text = try String(contentsOf: Self.planDocument, encoding: .utf8)
    let table = try #require(text.range(of: "LEAD OFFICERS"))
    let end = text.range(of: "Appendix 1", range: table.upperBound..<text.endIndex)?.lowerBound
    // Rows such as "PS, Philip Segurola, Interim Director, …".
    let initials = Set(
      text[table.upperBound..<(end ?? text.endIndex)].split(separator: "\n").compactMap { row in
        row.split(separator: ",", maxSplits: 1).first.map(String.init)
          .flatMap { $0.count <= 3 && $0.allSatisfy(\.isUppercase) ? $0 : nil }
      }
    )
    #expect(initials.count == 21)
    // GM (Gill Manton) is in the table without initials; SH is in no table of the plan.
    let known = initials.union(["GM", "SH"])
    for action in try Self.actions() {
      for lead in action["leads"]?.arrayValue ?? [] {
        let id = lead.stringValue ?? ""
        #expect(known.contains(id), "action \(action["action"]?.stringValue ?? ""): lead \(id)")
      }
    }
  }

  /// Imports edited copies of the tables into an empty ledger; expects `error` and an
  /// empty ledger afterwards.
  static func expectImportError(
    _ error: String,
    editing file: String,
    _ edit: (String) -> String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    var files = try tables()
    let original = try #require(files[file])
    files[file] = edit(original)
    #expect(files[file] != original, "the edit changed nothing", sourceLocation: sourceLocation)
    try withTemporaryDirectory { directory in
      let book = try emptyBook(in: directory)
      let ledger = directory.appending(path: "ledger")
      let before = try lines(of: ledger)
      do {
        let batch = try TranscriptionImport(files: files, actor: PersonID("PLM")).batch()
        _ = try ImportRunner.run(batch, into: book, dryRun: false)
        Issue.record("the import did not fail", sourceLocation: sourceLocation)
      } catch let importError as ImportError {
        #expect(importError.description == error, sourceLocation: sourceLocation)
      }
      try book.ledger.refresh()
      #expect(book.ledger.size == 0, sourceLocation: sourceLocation)
      #expect(try lines(of: ledger) == before, sourceLocation: sourceLocation)
    }
  }

  @Test func anUnknownLeadNamesItsRowAndColumnAndImportsNothing() throws {
    try Self.expectImportError(
      #"actions.csv row 1 (line 2), column "Lead": unknown person "XQ"; register them "#
        + "first with 'planledger register'; nothing was imported",
      editing: "actions.csv"
    ) {
      $0.replacing(
        "in collaboration with staff.,PS,CSCB,",
        with: "in collaboration with staff.,XQ,CSCB,"
      )
    }
  }

  @Test func aDateThatDoesNotParseNamesItsRowAndColumnAndImportsNothing() throws {
    try Self.expectImportError(
      #"meetings.csv row 1 (line 2), column "date": "2017-02-30" is not a date YYYY-MM-DD; "#
        + "nothing was imported",
      editing: "meetings.csv"
    ) {
      $0.replacing("(after the JTAI),2017-02-01,", with: "(after the JTAI),2017-02-30,")
    }
  }

  @Test func aRepeatedActionNumberNamesItsRowAndColumnAndImportsNothing() throws {
    try Self.expectImportError(
      #"actions.csv row 2 (line 3), column "No.": action 1.1 is repeated (first in row 1); "#
        + "nothing was imported",
      editing: "actions.csv"
    ) {
      $0.replacing("\n1.2,1,", with: "\n1.1,1,")
    }
  }
}
