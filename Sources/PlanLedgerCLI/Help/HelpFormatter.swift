/// Lays out help as swift-argument-parser does: upper-case headings, entries indented
/// 2, descriptions from column 27, wrapped at 80 columns.
enum HelpFormatter {
  static let width = 80
  static let descriptionColumn = 26

  static func help(for command: any Subcommand.Type) -> String {
    var text = wrap("OVERVIEW: \(command.abstract)", indent: 0) + "\n"
    if !command.discussion.isEmpty {
      text += "\n" + wrap(command.discussion, indent: 0) + "\n"
    }
    text += "\nUSAGE: \(usage(for: command))\n"
    if !command.arguments.isEmpty {
      text += "\nARGUMENTS:\n"
      for argument in command.arguments {
        text += entry("<\(argument.name)>", argument.help)
      }
    }
    text += "\nOPTIONS:\n"
    for option in command.allOptions {
      var label = option.short.map { "-\($0), " } ?? ""
      label += "--\(option.name)"
      if let value = option.valueName { label += " <\(value)>" }
      var description = option.help
      if let defaultText = option.defaultText { description += " (default: \(defaultText))" }
      text += entry(label, description)
    }
    return text
  }

  static func usage(for command: any Subcommand.Type) -> String {
    var parts = ["planledger", command.name]
    if !command.usageLine.isEmpty {
      parts.append(command.usageLine)
    }
    return parts.joined(separator: " ")
  }

  static func entry(_ label: String, _ description: String) -> String {
    let lead = "  " + label
    if lead.count >= descriptionColumn {
      return lead + "\n" + wrap(description, indent: descriptionColumn) + "\n"
    }
    let padded = lead + String(repeating: " ", count: descriptionColumn - lead.count)
    let wrapped = wrap(description, indent: descriptionColumn)
    return padded + wrapped.dropFirst(descriptionColumn) + "\n"
  }

  /// Wraps `text` at ``width`` columns, every line indented by `indent`.
  static func wrap(_ text: String, indent: Int) -> String {
    let margin = String(repeating: " ", count: indent)
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = margin
      for word in paragraph.split(separator: " ") {
        if line.count > indent && line.count + 1 + word.count > width {
          lines.append(line)
          line = margin
        }
        line += (line.count > indent ? " " : "") + word
      }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }
}
