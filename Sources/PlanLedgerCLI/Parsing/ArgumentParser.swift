import PlanLedger

/// An option a subcommand accepts.
struct OptionSpec: Sendable {
  /// The long name without dashes, such as `ledger`.
  let name: String
  /// A short name without the dash, such as `h`.
  var short: Character?
  /// The value's name in help (`<dir>`), or `nil` for a flag.
  var valueName: String?
  /// One line of help.
  let help: String
  /// The default, shown as `(default: …)`.
  var defaultText: String?
  /// Whether the option may be given more than once.
  var repeatable = false
  /// Whether help lists it (the common `--ledger` and `--help` always are).
  var hidden = false

  init(
    _ name: String,
    short: Character? = nil,
    value valueName: String? = nil,
    help: String,
    default defaultText: String? = nil,
    repeatable: Bool = false
  ) {
    self.name = name
    self.short = short
    self.valueName = valueName
    self.help = help
    self.defaultText = defaultText
    self.repeatable = repeatable
  }

  var isFlag: Bool { valueName == nil }

  static let ledger = OptionSpec(
    "ledger",
    value: "dir",
    help: "The ledger directory (or set PLANLEDGER_LEDGER).",
    default: "EventLog"
  )
  static let snapshots = OptionSpec(
    "snapshots",
    value: "dir",
    help: "The snapshots directory (or set PLANLEDGER_SNAPSHOTS).",
    default: "Snapshots beside the ledger"
  )
  static let help = OptionSpec("help", short: "h", help: "Show this help.")
  /// `--as-known-at` of the narrative and the board report.
  static let asKnownAt = OptionSpec(
    "as-known-at",
    value: "time",
    help: "Read only what had been recorded by this time (a date means its end)."
  )
}

/// A positional argument a subcommand accepts.
struct ArgumentSpec: Sendable {
  let name: String
  let help: String
  var optional = false
  var repeatable = false
}

/// The words of a command line sorted into options and arguments, checked against the
/// subcommand's specs.
///
/// Accepts `--name value`, `--name=value`, `-h`, and `--` to end options. An unknown
/// option is refused with the nearest spellings.
///
/// The word after an option that takes a value is its value, even when it starts with a
/// dash (`--note "-5 on last month"`), unless it names one of the command's own options
/// (`--name`, `--name=…` or `-h`): then the value is missing, so `--document --dry-run`
/// is refused rather than recorded as a document called "--dry-run". Such a value is
/// given as `--document=--dry-run`.
struct ParsedArguments {
  private(set) var values: [String: [String]] = [:]
  private(set) var flags: Set<String> = []
  private(set) var positionals: [String] = []

  init(
    _ words: [String],
    options: [OptionSpec],
    arguments: [ArgumentSpec]
  ) throws(UsageError) {
    var index = 0
    var optionsEnded = false
    while index < words.count {
      let word = words[index]
      index += 1
      if optionsEnded || !word.hasPrefix("-") || word == "-" {
        positionals.append(word)
        continue
      }
      if word == "--" {
        optionsEnded = true
        continue
      }
      var name: String
      var inlineValue: String?
      if word.hasPrefix("--") {
        name = String(word.dropFirst(2))
        if let equals = name.firstIndex(of: "=") {
          inlineValue = String(name[name.index(after: equals)...])
          name = String(name[..<equals])
        }
      } else {
        let short = word.dropFirst()
        guard short.count == 1, let spec = options.first(where: { $0.short == short.first }) else {
          throw .unknownOption(word, nearest: Self.nearest(word, options))
        }
        name = spec.name
      }
      guard let spec = options.first(where: { $0.name == name }) else {
        throw .unknownOption(word, nearest: Self.nearest(word, options))
      }
      if spec.isFlag {
        if inlineValue != nil { throw .unexpectedValue(option: "--" + name) }
        flags.insert(name)
        continue
      }
      let value: String
      if let inlineValue {
        value = inlineValue
      } else {
        guard index < words.count, !Self.namesAnOption(words[index], options) else {
          throw .missingValue(option: "--" + name, valueName: spec.valueName ?? "value")
        }
        value = words[index]
        index += 1
      }
      if !spec.repeatable && values[name] != nil { throw .repeatedOption("--" + name) }
      values[name, default: []].append(value)
    }
    if flags.contains("help") { return }
    let required = arguments.filter { !$0.optional }.count
    if positionals.count < required {
      throw .missingArgument(name: arguments[positionals.count].name)
    }
    if !(arguments.last?.repeatable ?? false) && positionals.count > arguments.count {
      throw .unexpectedArgument(positionals[arguments.count])
    }
  }

  func value(_ name: String) -> String? {
    values[name]?.last
  }

  func all(_ name: String) -> [String] {
    values[name] ?? []
  }

  func has(_ name: String) -> Bool {
    flags.contains(name) || values[name] != nil
  }

  /// The value of an option that must be given.
  func required(_ name: String) throws(UsageError) -> String {
    guard let value = value(name) else { throw .missingOption(option: "--" + name) }
    return value
  }

  /// An integer option, checked against a range.
  func integer(
    _ name: String,
    in range: ClosedRange<Int> = 0...Int.max
  ) throws(UsageError)
    -> Int?
  {
    guard let text = value(name) else { return nil }
    guard let number = Int(text), range.contains(number) else {
      let expected =
        range.upperBound == Int.max
        ? "a whole number of at least \(range.lowerBound)"
        : "a whole number from \(range.lowerBound) to \(range.upperBound)"
      throw .invalidValue(option: "--" + name, value: text, expected: expected)
    }
    return number
  }

  /// One of a fixed set of words.
  func choice(
    _ name: String,
    from choices: [String],
    default fallback: String
  ) throws(UsageError)
    -> String
  {
    guard let text = value(name) else { return fallback }
    guard choices.contains(text) else {
      throw .invalidValue(
        option: "--" + name,
        value: text,
        expected: "one of " + choices.joined(separator: ", ")
      )
    }
    return text
  }

  /// Whether a word names one of the options, as `--name`, `--name=value` or `-h`, and so
  /// cannot be the value of the option before it.
  static func namesAnOption(_ word: String, _ options: [OptionSpec]) -> Bool {
    if word.hasPrefix("--") {
      let name = word.dropFirst(2).prefix { $0 != "=" }
      return options.contains { $0.name == name }
    }
    let short = word.dropFirst()
    return word.hasPrefix("-") && short.count == 1 && options.contains { $0.short == short.first }
  }

  static func nearest(_ word: String, _ options: [OptionSpec]) -> [String] {
    let bare = word.drop { $0 == "-" }
    return NearestSpelling.nearest(String(bare), among: options.map(\.name)).map { "--" + $0 }
  }
}
