/// A run of words in a narrative statement.
///
/// Renderers escape every span for their format; a span never carries markup.
public enum NarrativeSpan: Hashable, Sendable {
  /// Plain words: the narrative's own, or recorded values such as names and numbers.
  case text(String)
  /// Recorded words quoted verbatim (a finding, a note, a decision), shown in quotation
  /// marks.
  case quote(String)
  /// Words to stand out, such as a finding's kind or a priority's name.
  case strong(String)
}

/// One sentence (or a few) of a narrative and the seqs of the records it rests on.
public struct NarrativeStatement: Hashable, Sendable {
  /// The words.
  public var spans: [NarrativeSpan]
  /// The seqs it rests on, in order, without repeats.
  public var seqs: [Int]

  /// Makes a statement.
  ///
  /// - Parameters:
  ///   - spans: The words.
  ///   - seqs: The seqs it rests on, in any order.
  public init(_ spans: [NarrativeSpan], seqs: [Int] = []) {
    self.spans = spans
    self.seqs = Array(Set(seqs.filter { $0 > 0 })).sorted()
  }

  /// The statement's words without markup, quotes in curly quotation marks.
  public var plainText: String {
    spans.map { span in
      switch span {
      case .text(let text), .strong(let text): text
      case .quote(let text): "\u{201C}" + text + "\u{201D}"
      }
    }.joined()
  }
}

/// A paragraph or a list in a narrative section.
public enum NarrativeBlock: Hashable, Sendable {
  /// Statements that run on as one paragraph.
  case paragraph([NarrativeStatement])
  /// A bulleted list, one statement per item.
  case list([NarrativeStatement])
}

/// A titled part of a narrative, with its own parts.
public struct NarrativeSection: Hashable, Sendable {
  /// A stable identifier, usable as an HTML `id` (`headline`, `findings-visit-7`).
  public var id: String
  /// The heading.
  public var title: String
  /// The paragraphs and lists.
  public var blocks: [NarrativeBlock]
  /// The parts below it.
  public var subsections: [NarrativeSection]

  /// Makes a section.
  ///
  /// - Parameters:
  ///   - id: A stable identifier.
  ///   - title: The heading.
  ///   - blocks: The paragraphs and lists.
  ///   - subsections: The parts below it.
  public init(
    id: String,
    title: String,
    blocks: [NarrativeBlock],
    subsections: [NarrativeSection] = []
  ) {
    self.id = id
    self.title = title
    self.blocks = blocks
    self.subsections = subsections
  }
}
