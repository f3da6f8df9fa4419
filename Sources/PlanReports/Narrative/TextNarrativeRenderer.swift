/// Renders a narrative as plain text wrapped at 78 columns, each statement followed by the
/// seqs it rests on in brackets (`[34]`, `[80–95, 290]`), and a list of sources at the end.
///
/// Control characters in recorded text are replaced, so a note can never move a
/// terminal's cursor or change its colours.
public struct TextNarrativeRenderer: NarrativeRenderer {
  /// The widest a line may be.
  public static let width = 78

  /// Makes a renderer.
  public init() {}

  /// The narrative as plain text.
  ///
  /// - Parameter narrative: The narrative.
  /// - Returns: The text, ending in a newline.
  public func render(_ narrative: Narrative) -> String {
    let title = RecordedText.cleaned(narrative.title).replacingNewlines
    var out = title + "\n" + String(repeating: "=", count: min(title.count, Self.width)) + "\n\n"
    out += Self.wrap(Self.statement(narrative.subtitle), indent: "") + "\n"
    for section in narrative.sections {
      out += "\n" + Self.section(section, level: 1)
    }
    out += "\nSources\n-------\n\n"
    if narrative.sources.isEmpty { out += "No record is cited.\n" }
    for note in narrative.sources {
      let words = RecordedText.cleaned(Narrative.words(for: note)).replacingNewlines
      out += Self.wrap("[\(note.seq)] " + words, indent: "", hanging: "      ")
    }
    out += "\n" + Self.wrap(narrative.verification, indent: "")
    return out
  }

  static func section(_ section: NarrativeSection, level: Int) -> String {
    let title = RecordedText.cleaned(section.title).replacingNewlines
    var out = title + "\n"
    if level <= 2 {
      out += String(repeating: level == 1 ? "-" : "~", count: min(title.count, width)) + "\n"
    }
    for block in section.blocks {
      out += "\n"
      switch block {
      case .paragraph(let statements):
        out += wrap(statements.map(statement).joined(), indent: "")
      case .list(let items):
        for item in items { out += wrap(statement(item), indent: "  - ", hanging: "    ") }
      }
    }
    for subsection in section.subsections {
      out += "\n" + self.section(subsection, level: level + 1)
    }
    return out
  }

  /// A statement's words with its seqs in brackets.
  static func statement(_ statement: NarrativeStatement) -> String {
    var text = statement.plainText
    if !statement.seqs.isEmpty {
      let runs = SeqRuns.runs(statement.seqs).map { run in
        switch run.last - run.first {
        case 0: "\(run.first)"
        case 1: "\(run.first), \(run.last)"
        default: "\(run.first)\u{2013}\(run.last)"
        }
      }
      text += " [" + runs.joined(separator: ", ") + "]"
    }
    return RecordedText.cleaned(text)
  }

  /// Words wrapped at ``width``: the first line after `indent`, the rest after `hanging`
  /// (or `indent`); line breaks in the text are kept.
  static func wrap(_ text: String, indent: String, hanging: String? = nil) -> String {
    let later = hanging ?? String(repeating: " ", count: indent.count)
    var out = ""
    var prefix = indent
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = prefix
      var empty = true
      for word in paragraph.split(separator: " ") {
        if !empty && line.count + 1 + word.count > width {
          out += line.trimmingTrailingSpaces + "\n"
          line = later
          empty = true
        }
        line += (empty ? "" : " ") + word
        empty = false
      }
      out += line.trimmingTrailingSpaces + "\n"
      prefix = later
    }
    return out
  }
}

extension String {
  /// The text without spaces at its end.
  fileprivate var trimmingTrailingSpaces: String {
    var text = Substring(self)
    while text.last == " " { text = text.dropLast() }
    return String(text)
  }

  /// The text on one line.
  fileprivate var replacingNewlines: String {
    split(separator: "\n").joined(separator: " ")
  }
}
