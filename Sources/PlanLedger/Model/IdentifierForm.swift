/// The documented form of each kind of identifier an event defines, checked when the
/// event is recorded.
///
/// The forms are those the plan and its sources use (`DOMAIN.md`): actions are numbered
/// `7.3`, priorities `7`, measures `M7.6` or `C22`, monitoring visits `7`, recommendations
/// `12`; a person is known by initials such as `PS`. Each is written without spaces, so a
/// stream name, a list on the command line (split at commas) and a suggestion all read it
/// back whole.
public enum IdentifierForm: Hashable, Sendable, CaseIterable {
  /// An action's number: a number, a dot and a number (`7.3`).
  case action
  /// A priority's number: a whole number (`7`).
  case priority
  /// A measure's identifier: letters and digits, joined by dots or hyphens (`M7.6`, `C22`).
  case measure
  /// A monitoring visit's number: letters and digits, joined by dots or hyphens (`7`).
  case visit
  /// A recommendation's number in its report: letters and digits, joined by dots or
  /// hyphens (`12`).
  case recommendation
  /// A person's identifier: no spaces, commas or semicolons (`PS`).
  case person

  /// What the identifier is called: `action number`.
  public var words: String {
    switch self {
    case .action: "action number"
    case .priority: "priority number"
    case .measure: "measure identifier"
    case .visit: "monitoring visit number"
    case .recommendation: "recommendation number"
    case .person: "person identifier"
    }
  }

  /// An identifier of the form, as the plan writes one.
  public var example: String {
    switch self {
    case .action: "7.3"
    case .priority, .visit: "7"
    case .measure: "M7.6"
    case .recommendation: "12"
    case .person: "PS"
    }
  }

  /// The form in words.
  public var rule: String {
    switch self {
    case .action: "a number, a dot and a number"
    case .priority: "a whole number"
    case .measure, .visit, .recommendation: "letters and digits, joined by dots or hyphens"
    case .person: "no spaces, commas or semicolons"
    }
  }

  /// Whether an identifier has the form.
  ///
  /// - Parameter text: The identifier, exactly as given.
  /// - Returns: `true` when it has the form.
  public func accepts(_ text: String) -> Bool {
    switch self {
    case .action:
      let parts = text.split(separator: ".", omittingEmptySubsequences: false)
      return parts.count == 2 && parts.allSatisfy { Self.isNumber($0) }
    case .priority:
      return Self.isNumber(Substring(text))
    case .measure, .visit, .recommendation:
      let parts = text.split(omittingEmptySubsequences: false) { $0 == "." || $0 == "-" }
      return parts.allSatisfy {
        !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
      }
    case .person:
      return !text.isEmpty
        && text.unicodeScalars.allSatisfy { scalar in
          !scalar.properties.isWhitespace && scalar.properties.generalCategory != .control
            && scalar != "," && scalar != ";"
        }
    }
  }

  /// Whether a piece is one or more ASCII digits.
  private static func isNumber(_ piece: Substring) -> Bool {
    !piece.isEmpty && piece.allSatisfy { $0.isASCII && $0.isNumber }
  }
}
