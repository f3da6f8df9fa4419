/// A command line that cannot be run as written: exit status 2.
enum UsageError: Error, Hashable, Sendable, CustomStringConvertible {
  case unknownSubcommand(String, nearest: [String])
  case unknownOption(String, nearest: [String])
  /// An option with no value: at the end of the words, or before another of the command's
  /// options.
  case missingValue(option: String, valueName: String)
  case missingOption(option: String)
  case missingArgument(name: String)
  case unexpectedArgument(String)
  case repeatedOption(String)
  case invalidValue(option: String, value: String, expected: String)
  case conflictingOptions(String, String)
  case unexpectedValue(option: String)

  var description: String {
    switch self {
    case .unknownSubcommand(let word, let nearest):
      return "unknown subcommand \(Self.quoted(word))" + Self.suggestion(nearest)
    case .unknownOption(let word, let nearest):
      return "unknown option \(Self.quoted(word))" + Self.suggestion(nearest)
    case .missingValue(let option, let valueName):
      return "\(option) needs a value (to give one that starts with a dash, write "
        + "\(option)=<\(valueName)>)"
    case .missingOption(let option):
      return "missing \(option)"
    case .missingArgument(let name):
      return "missing <\(name)>"
    case .unexpectedArgument(let word):
      return "unexpected argument \(Self.quoted(word))"
    case .repeatedOption(let option):
      return "\(option) is given more than once"
    case .invalidValue(let option, let value, let expected):
      return "\(option) \(Self.quoted(value)) is not \(expected)"
    case .conflictingOptions(let first, let second):
      return "\(first) and \(second) cannot be used together"
    case .unexpectedValue(let option):
      return "\(option) takes no value"
    }
  }

  /// What the user typed, in quotes, as an error repeats it: whole when short, else its
  /// start and its length, so that a 5,000-digit number or a page of JSON stays a one-line
  /// error.
  static func quoted(_ text: String) -> String {
    guard text.count > 120 else { return "\"\(text)\"" }
    return "\"\(text.prefix(60))…\" (\(text.count) characters)"
  }

  private static func suggestion(_ nearest: [String]) -> String {
    nearest.isEmpty ? "" : " (did you mean \(nearest.joined(separator: " or "))?)"
  }
}
