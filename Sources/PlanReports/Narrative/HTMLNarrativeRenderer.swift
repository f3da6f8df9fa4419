/// Renders a narrative as an HTML fragment: sections with headings, each statement followed
/// by links to the records it rests on (`#seq-12`), and the list of those records with
/// matching `id`s.
///
/// All recorded text is escaped with ``HTMLText``. The fragment has no `<html>` or
/// `<body>`: embed it in a page (``BoardReport`` does) or wrap it yourself.
public struct HTMLNarrativeRenderer: NarrativeRenderer {
  /// The level of the narrative's title heading; sections are one level below.
  public var titleLevel: Int
  /// Whether to print the title and subtitle.
  public var includesTitle: Bool
  /// Whether to print the list of sources, whose items carry the `seq-N` ids the
  /// citations link to (leave it out when the page lists them elsewhere).
  public var includesSources: Bool
  /// Whether to print the tree head and how to verify it.
  public var includesFooter: Bool
  /// Prefixed to every section `id`, so several fragments can share a page.
  public var idPrefix: String

  /// Makes a renderer.
  ///
  /// - Parameters:
  ///   - titleLevel: The title's heading level (sections one below).
  ///   - includesTitle: Whether to print the title.
  ///   - includesSources: Whether to print the sources with their `seq-N` ids.
  ///   - includesFooter: Whether to print the tree head.
  ///   - idPrefix: A prefix for section ids.
  public init(
    titleLevel: Int = 1,
    includesTitle: Bool = true,
    includesSources: Bool = true,
    includesFooter: Bool = true,
    idPrefix: String = "narrative-"
  ) {
    self.titleLevel = titleLevel
    self.includesTitle = includesTitle
    self.includesSources = includesSources
    self.includesFooter = includesFooter
    self.idPrefix = idPrefix
  }

  /// The narrative as an HTML fragment.
  ///
  /// - Parameter narrative: The narrative.
  /// - Returns: The HTML, ending in a newline.
  public func render(_ narrative: Narrative) -> String {
    var out = ""
    render(narrative) { out += $0 }
    return out
  }

  /// The narrative as an HTML fragment, passed to `write` section by section and item by
  /// item.
  ///
  /// - Parameters:
  ///   - narrative: The narrative.
  ///   - write: Receives each piece, in order.
  public func render(_ narrative: Narrative, into write: (String) -> Void) {
    write("<div class=\"narrative\">\n")
    if includesTitle {
      write(heading(titleLevel, id: idPrefix + "title", narrative.title))
      write("<p class=\"subtitle\">" + Self.statement(narrative.subtitle) + "</p>\n")
    }
    narrative.forEachSection { section in
      self.section(section, level: titleLevel + 1, into: write)
    }
    if includesSources {
      write("<section class=\"sources\" aria-labelledby=\"\(idPrefix)sources\">\n")
      write(heading(titleLevel + 1, id: idPrefix + "sources", "Sources"))
      Self.sourceList(narrative.sources, into: write)
      write("</section>\n")
    }
    if includesFooter {
      write("<p class=\"verification\">" + HTMLText.escape(narrative.verification) + "</p>\n")
    }
    write("</div>\n")
  }

  func heading(_ level: Int, id: String, _ text: String) -> String {
    let tag = "h\(min(max(level, 1), 6))"
    return "<\(tag) id=\"\(HTMLText.escape(id))\">" + HTMLText.escape(text) + "</\(tag)>\n"
  }

  func section(_ section: NarrativeSection, level: Int, into write: (String) -> Void) {
    let id = idPrefix + section.id
    write(
      "<section aria-labelledby=\"\(HTMLText.escape(id))\">\n"
        + heading(level, id: id, section.title)
    )
    for block in section.blocks {
      switch block {
      case .paragraph(let statements):
        write("<p>" + statements.map(Self.statement).joined() + "</p>\n")
      case .list(let items):
        write("<ul>\n")
        for item in items { write("<li>" + Self.statement(item) + "</li>\n") }
        write("</ul>\n")
      }
    }
    for subsection in section.subsections {
      self.section(subsection, level: level + 1, into: write)
    }
    write("</section>\n")
  }

  /// A statement's words, escaped, with links to the records it rests on.
  static func statement(_ statement: NarrativeStatement) -> String {
    var out = ""
    for span in statement.spans {
      switch span {
      case .text(let text): out += HTMLText.escapeLines(text)
      case .quote(let text):
        out += "<span class=\"quote\">\u{201C}" + HTMLText.escapeLines(text) + "\u{201D}</span>"
      case .strong(let text): out += "<strong>" + HTMLText.escapeLines(text) + "</strong>"
      }
    }
    return out + citations(statement.seqs)
  }

  /// Links to seqs, runs of consecutive seqs as `80–95`.
  public static func citations(_ seqs: [Int]) -> String {
    guard !seqs.isEmpty else { return "" }
    let runs = SeqRuns.runs(seqs).map { run in
      switch run.last - run.first {
      case 0: link(run.first)
      case 1: link(run.first) + ", " + link(run.last)
      default: link(run.first) + "\u{2013}" + link(run.last)
      }
    }
    return "<sup class=\"cite\">[" + runs.joined(separator: ", ") + "]</sup>"
  }

  /// A link to one seq's source entry.
  public static func link(_ seq: Int) -> String {
    "<a href=\"#seq-\(seq)\" aria-label=\"record \(seq)\">\(seq)</a>"
  }

  /// The list of sources, each item with the `id` its citations link to.
  ///
  /// - Parameter notes: The source notes.
  /// - Returns: The HTML list.
  public static func sourceList(_ notes: [Narrative.SourceNote]) -> String {
    var out = ""
    sourceList(notes) { out += $0 }
    return out
  }

  /// The list of sources, passed to `write` item by item.
  static func sourceList(_ notes: [Narrative.SourceNote], into write: (String) -> Void) {
    guard !notes.isEmpty else {
      write("<p>No record is cited.</p>\n")
      return
    }
    write("<ol class=\"source-list\">\n")
    for note in notes {
      write(
        "<li id=\"seq-\(note.seq)\" value=\"\(note.seq)\"><span class=\"seq\">seq \(note.seq)</span> "
          + HTMLText.escape(Narrative.words(for: note)) + "</li>\n"
      )
    }
    write("</ol>\n")
  }
}
