public import LedgerStore

/// What a milestone in an action's "By when" means.
public enum MilestoneKind: String, Hashable, Sendable, CaseIterable {
  /// A deadline: `Dec 17`.
  case deadline
  /// A review point: `Review Jan 18`.
  case review
  /// An implementation date: `Implement Apr 18`.
  case implement
  /// Continuing work from a date: `Ongoing from Nov 17`.
  case ongoingFrom = "ongoing_from"
  /// Continuing work with no date: `Ongoing`.
  case ongoing

  /// Whether it has a date the action is due by: a deadline, a review or an implementation.
  ///
  /// Ongoing work (`Ongoing`, `Ongoing from Nov 17`) only starts, and never falls due.
  public var fallsDue: Bool {
    switch self {
    case .deadline, .review, .implement: true
    case .ongoingFrom, .ongoing: false
    }
  }

  /// Whether it is a checkpoint on the way to a later milestone rather than a commitment to
  /// deliver: a review (`Review Jan 18` of "Review Jan 18 / Implement Apr 18").
  ///
  /// A checkpoint is the date an action is next due by until it passes, but passing it
  /// does not make the action past a due date, unless it is the action's last milestone.
  public var isCheckpoint: Bool {
    self == .review
  }
}

/// One milestone of an action's "By when": its words, its kind and its date.
public struct Milestone: Hashable, Sendable {
  /// The milestone exactly as the plan writes it, such as `Review Jan 18`.
  public var label: String
  /// What it means.
  public var kind: MilestoneKind
  /// When it falls due (or starts, for ongoing work); `nil` for undated ongoing work.
  public var due: DueDate?

  /// Makes a milestone.
  ///
  /// - Parameters:
  ///   - label: The words as written.
  ///   - kind: What it means.
  ///   - due: Its date, if any.
  public init(label: String, kind: MilestoneKind, due: DueDate?) {
    self.label = label
    self.kind = kind
    self.due = due
  }

  /// The milestone as stored: `{"due":"2018-01","kind":"review","label":"Review Jan 18"}`.
  public var json: JSONValue {
    var members: [String: JSONValue] = ["label": .string(label), "kind": .string(kind.rawValue)]
    if let due { members["due"] = .string(due.description) }
    return .object(JSONObject(members))
  }

  /// Reads a stored milestone, or `nil`.
  ///
  /// - Parameter json: The stored object.
  public init?(json: JSONValue) {
    guard let label = json["label"]?.stringValue,
      let kind = json["kind"]?.stringValue.flatMap(MilestoneKind.init(rawValue:))
    else { return nil }
    var due: DueDate?
    if let text = json["due"]?.stringValue {
      guard let parsed = DueDate(text) else { return nil }
      due = parsed
    }
    self.init(label: label, kind: kind, due: due)
  }
}

/// Reads "By when" cells as councils write them.
///
/// Accepts `Dec 17`, `December 2017`, `2 Oct 17`, `Sep18`, `Review Jan 18`,
/// `Implement Apr 18`, `Ongoing from Nov 17`, `Ongoing`, a range such as `Jan-Apr 18`
/// (due at its end), words before a date (`test impact in March 18`), and several of
/// these separated by ` / `, `;`, a line break, or simply one after another
/// (`Review Jan 18 Implement Apr 18`).
public enum ByWhen: Sendable {
  /// Why a "By when" cell could not be read.
  public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The part that could not be read.
    public let part: String
    /// The message for the user.
    public var description: String {
      "\"\(part)\" is not a date such as \"Dec 17\", \"Review Jan 18\" or \"Ongoing from Nov 17\""
    }
  }

  /// The milestones of a cell, in order.
  ///
  /// - Parameter text: The cell.
  /// - Returns: One milestone per part; empty for an empty cell.
  /// - Throws: ``ParseError`` naming the part that is not a date.
  public static func milestones(_ text: String) throws(ParseError) -> [Milestone] {
    var result: [Milestone] = []
    for part in split(text) {
      result.append(try milestone(part))
    }
    return result
  }

  private static func split(_ text: String) -> [String] {
    var parts: [String] = []
    for piece in text.split(whereSeparator: { "/;\n".contains($0) }) {
      let words = piece.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
        .map(String.init)
      guard !words.isEmpty else { continue }
      // Start a new milestone at each keyword, or after a complete date.
      var current: [String] = []
      var index = 0
      while index < words.count {
        let word = words[index]
        let lower = word.lowercased()
        let startsKeyword = lower == "review" || lower == "implement" || lower == "ongoing"
        if startsKeyword && !current.isEmpty && endsWithDate(current) {
          parts.append(current.joined(separator: " "))
          current = []
        }
        current.append(word)
        index += 1
        // "Dec 17 Dec 17": a second date right after a complete date starts a new part.
        if endsWithDate(current), index < words.count,
          MonthNames.number(words[index]) != nil || Int(words[index]) != nil,
          !current.contains(where: { $0.lowercased() == "from" }) || current.count > 2
        {
          let rest = Array(words[index...])
          if date(rest) != nil || date(Array(rest.prefix(2))) != nil
            || date(Array(rest.prefix(3))) != nil
          {
            parts.append(current.joined(separator: " "))
            current = []
          }
        }
      }
      if !current.isEmpty { parts.append(current.joined(separator: " ")) }
    }
    return parts
  }

  private static func endsWithDate(_ words: [String]) -> Bool {
    for length in 1...min(3, words.count) where date(Array(words.suffix(length))) != nil {
      return true
    }
    return false
  }

  private static func milestone(_ part: String) throws(ParseError) -> Milestone {
    let words = part.split(separator: " ").map(String.init)
    let lower = words.map { $0.lowercased() }
    if lower == ["ongoing"] {
      return Milestone(label: part, kind: .ongoing, due: nil)
    }
    var kind = MilestoneKind.deadline
    var rest = words[...]
    if lower.first == "ongoing" {
      kind = .ongoingFrom
      rest = rest.dropFirst()
      if rest.first?.lowercased() == "from" { rest = rest.dropFirst() }
    } else if lower.first == "review" {
      kind = .review
      rest = rest.dropFirst()
    } else if lower.first == "implement" {
      kind = .implement
      rest = rest.dropFirst()
    }
    // The date is at the end; any words before it are part of the label.
    for length in stride(from: min(3, rest.count), through: 1, by: -1) {
      if let due = date(Array(rest.suffix(length))) {
        return Milestone(label: part, kind: kind, due: due)
      }
    }
    throw ParseError(part: part)
  }

  /// Reads `Dec 17`, `December 2017`, `2 Oct 17`, `Sep18`, `Jan-Apr 18`, `2017-12`.
  static func date(_ words: [String]) -> DueDate? {
    switch words.count {
    case 1:
      let word = words[0]
      if let due = DueDate(word) { return due }
      // "Sep18", "Apr18"
      let letters = String(word.prefix { $0.isLetter })
      let digits = String(word.dropFirst(letters.count))
      guard !letters.isEmpty, let month = MonthNames.number(letters), let year = year(digits)
      else { return nil }
      return DueDate(year: year, month: month)
    case 2:
      // "Jan-Apr 18": a range falls due at its end.
      var monthWord = words[0]
      if let dash = monthWord.lastIndex(of: "-") {
        let first = String(monthWord[..<dash])
        guard MonthNames.number(first) != nil else { return nil }
        monthWord = String(monthWord[monthWord.index(after: dash)...])
      }
      guard let month = MonthNames.number(monthWord), let year = year(words[1]) else {
        return nil
      }
      return DueDate(year: year, month: month)
    case 3:
      guard let day = Int(words[0]), let month = MonthNames.number(words[1]),
        let year = year(words[2])
      else { return nil }
      return DueDate(year: year, month: month, day: day)
    default:
      return nil
    }
  }

  private static func year(_ text: String) -> Int? {
    guard text.allSatisfy(\.isNumber), let number = Int(text) else { return nil }
    switch text.count {
    case 2: return 2000 + number
    case 4: return number
    default: return nil
    }
  }
}
