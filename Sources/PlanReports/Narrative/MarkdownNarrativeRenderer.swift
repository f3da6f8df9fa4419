/// Renders a narrative as CommonMark with footnotes: each seq a statement rests on is a
/// footnote `[^12]`, and the footnotes give each seq's type, effective date and source.
///
/// Recorded text is escaped so it can never become markup: a note holding `*`, `[`, `<`
/// or a line starting `#` prints as those characters. Runs of consecutive seqs print as
/// `[^80]–[^95]`, each seq in the run still listed among the footnotes.
public struct MarkdownNarrativeRenderer: NarrativeRenderer {
  /// Makes a renderer.
  public init() {}

  /// The narrative as Markdown.
  ///
  /// - Parameter narrative: The narrative.
  /// - Returns: The Markdown, ending in a newline.
  public func render(_ narrative: Narrative) -> String {
    var out = ""
    render(narrative) { out += $0 }
    return out
  }

  /// The narrative as Markdown, passed to `write` section by section and item by item.
  ///
  /// - Parameters:
  ///   - narrative: The narrative.
  ///   - write: Receives each piece, in order.
  public func render(_ narrative: Narrative, into write: (String) -> Void) {
    write("# " + Self.escape(narrative.title, lineStart: false) + "\n\n")
    write(Self.statement(narrative.subtitle, indent: 0) + "\n")
    narrative.forEachSection { section in
      write("\n")
      Self.section(section, level: 2, into: write)
    }
    write("\n## Sources\n\n")
    if narrative.sources.isEmpty { write("No record is cited.\n") }
    for note in narrative.sources {
      let words = Narrative.words(for: note).split(whereSeparator: \.isNewline).joined(
        separator: " "
      )
      write("[^\(note.seq)]: seq \(note.seq): " + Self.escape(words) + "\n")
    }
    write("\n---\n\n" + Self.escape(narrative.verification) + "\n")
  }

  static func section(_ section: NarrativeSection, level: Int, into write: (String) -> Void) {
    write(
      String(repeating: "#", count: min(level, 6)) + " " + escape(section.title, lineStart: false)
        + "\n"
    )
    for block in section.blocks {
      write("\n")
      switch block {
      case .paragraph(let statements):
        write(statements.map { statement($0, indent: 0) }.joined() + "\n")
      case .list(let items):
        for item in items { write("- " + statement(item, indent: 2) + "\n") }
      }
    }
    for subsection in section.subsections {
      write("\n")
      self.section(subsection, level: level + 1, into: write)
    }
  }

  /// A statement's words, escaped, with its footnote references after it.
  static func statement(_ statement: NarrativeStatement, indent: Int) -> String {
    var text = ""
    for span in statement.spans {
      let lineStart = text.isEmpty
      switch span {
      case .text(let words):
        text += escape(words, indent: indent, lineStart: lineStart)
      case .quote(let words):
        text += "\u{201C}" + escape(words, indent: indent, lineStart: false) + "\u{201D}"
      case .strong(let words):
        text += "**" + escape(words, indent: indent, lineStart: false) + "**"
      }
    }
    return text + references(statement.seqs)
  }

  /// Footnote references, runs of consecutive seqs as `[^80]–[^95]`.
  static func references(_ seqs: [Int]) -> String {
    SeqRuns.runs(seqs).map { run in
      switch run.last - run.first {
      case 0: "[^\(run.first)]"
      case 1: "[^\(run.first)][^\(run.last)]"
      default: "[^\(run.first)]\u{2013}[^\(run.last)]"
      }
    }.joined()
  }

  /// Recorded or generated text escaped for CommonMark: every character that could start
  /// markup gets a backslash, line breaks become hard breaks indented to stay in their
  /// list item, and a line that would start a heading, list or quote is neutralised.
  ///
  /// - Parameters:
  ///   - text: The text.
  ///   - indent: The indentation of the list item it is in (0 outside lists).
  ///   - lineStart: Whether the text starts a line (its later lines always do).
  /// - Returns: The escaped text.
  static func escape(_ text: String, indent: Int = 0, lineStart: Bool = true) -> String {
    let cleaned = RecordedText.cleaned(text)
    if RecordedText.isByteWise(cleaned) {
      return escapeBytes(cleaned, indent: indent, lineStart: lineStart)
    }
    let lines = cleaned.split(separator: "\n", omittingEmptySubsequences: false)
    return lines.enumerated().map { index, line in
      var out = ""
      var atStart = index > 0 || lineStart
      var digits = 0
      for character in line {
        if atStart && character == " " && index > 0 {
          // Continuation lines lose leading spaces in CommonMark anyway.
          continue
        }
        if atStart, "#-+=>".contains(character) {
          out += "\\" + String(character)
          atStart = false
          continue
        }
        if atStart, character.isASCII, character.isNumber {
          digits += 1
          out.append(character)
          continue
        }
        if atStart && digits > 0 && (character == "." || character == ")") {
          out += "\\" + String(character)
          atStart = false
          continue
        }
        atStart = false
        if "\\`*_[]<>&|~".contains(character) {
          out += "\\" + String(character)
        } else {
          out.append(character)
        }
      }
      return out
    }.joined(separator: "\\\n" + String(repeating: " ", count: indent))
  }

  /// ``escape(_:indent:lineStart:)`` byte by byte, for cleaned text whose characters are
  /// single scalars that join nothing (see `RecordedText.isByteWise(_:)`): the same rules,
  /// since the rules only ever name ASCII characters, and the bytes of any other character
  /// are copied as they are.
  private static func escapeBytes(_ text: String, indent: Int, lineStart: Bool) -> String {
    let backslash = UInt8(ascii: "\\")
    let lineBreak = Array("\\\n".utf8) + Array(repeating: UInt8(ascii: " "), count: indent)
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + 8)
    var continuation = false
    var atStart = lineStart
    var digits = 0
    for byte in text.utf8 {
      if byte == UInt8(ascii: "\n") {
        out += lineBreak
        continuation = true
        atStart = true
        digits = 0
        continue
      }
      if atStart && byte == UInt8(ascii: " ") && continuation { continue }
      if atStart && Self.lineStartMarkers.contains(byte) {
        out += [backslash, byte]
        atStart = false
        continue
      }
      if atStart && byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        digits += 1
        out.append(byte)
        continue
      }
      if atStart && digits > 0 && (byte == UInt8(ascii: ".") || byte == UInt8(ascii: ")")) {
        out += [backslash, byte]
        atStart = false
        continue
      }
      atStart = false
      if Self.markup.contains(byte) { out.append(backslash) }
      out.append(byte)
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Characters that make markup at the start of a line: headings, lists, quotes.
  private static let lineStartMarkers = Set("#-+=>".utf8)
  /// Characters that make markup anywhere.
  private static let markup = Set("\\`*_[]<>&|~".utf8)
}
