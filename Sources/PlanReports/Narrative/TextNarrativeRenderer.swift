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
    var out = ""
    render(narrative) { out += $0 }
    return out
  }

  /// The narrative as plain text, passed to `write` section by section and item by item.
  ///
  /// - Parameters:
  ///   - narrative: The narrative.
  ///   - write: Receives each piece, in order.
  public func render(_ narrative: Narrative, into write: (String) -> Void) {
    let title = RecordedText.cleaned(narrative.title).replacingNewlines
    write(title + "\n" + String(repeating: "=", count: min(title.count, Self.width)) + "\n\n")
    write(Self.wrap(Self.statement(narrative.subtitle), indent: "") + "\n")
    narrative.forEachSection { section in
      write("\n")
      Self.section(section, level: 1, into: write)
    }
    write("\nSources\n-------\n\n")
    if narrative.sources.isEmpty { write("No record is cited.\n") }
    for note in narrative.sources {
      let words = RecordedText.cleaned(Narrative.words(for: note)).replacingNewlines
      write(Self.wrap("[\(note.seq)] " + words, indent: "", hanging: "      "))
    }
    write("\n" + Self.wrap(narrative.verification, indent: ""))
  }

  static func section(_ section: NarrativeSection, level: Int, into write: (String) -> Void) {
    let title = RecordedText.cleaned(section.title).replacingNewlines
    var heading = title + "\n"
    if level <= 2 {
      heading += String(repeating: level == 1 ? "-" : "~", count: min(title.count, width)) + "\n"
    }
    write(heading)
    for block in section.blocks {
      write("\n")
      switch block {
      case .paragraph(let statements):
        write(wrap(statements.map(statement).joined(), indent: ""))
      case .list(let items):
        for item in items { write(wrap(statement(item), indent: "  - ", hanging: "    ")) }
      }
    }
    for subsection in section.subsections {
      write("\n")
      self.section(subsection, level: level + 1, into: write)
    }
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
