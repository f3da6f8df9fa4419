import LedgerStore
import PlanLedger

/// Turns a ``Narrative`` into text in one format.
///
/// Every renderer prints the same sections, statements and seqs; only the markup differs.
/// Renderers never read the clock or the environment, so the same narrative always gives
/// the same bytes.
public protocol NarrativeRenderer: Sendable {
  /// The narrative in the renderer's format.
  ///
  /// - Parameter narrative: The narrative.
  /// - Returns: The text, ending in a newline.
  func render(_ narrative: Narrative) -> String

  /// The narrative in the renderer's format, passed to `write` piece by piece as it is
  /// made.
  ///
  /// The pieces, joined, are the text ``render(_:)`` returns. A command that writes them
  /// out as they come never holds the text of a long narrative whole.
  ///
  /// - Parameters:
  ///   - narrative: The narrative.
  ///   - write: Receives each piece, in order.
  func render(_ narrative: Narrative, into write: (String) -> Void)
}

extension NarrativeRenderer {
  /// Passes the whole text of ``render(_:)`` to `write` at once, for a renderer that does
  /// not write as it goes.
  ///
  /// - Parameters:
  ///   - narrative: The narrative.
  ///   - write: Receives the text.
  public func render(_ narrative: Narrative, into write: (String) -> Void) {
    write(render(narrative))
  }
}

/// The formats `planledger narrative` offers.
public enum NarrativeFormat: String, Hashable, Sendable, CaseIterable {
  /// Markdown with footnotes.
  case markdown
  /// Plain text, wrapped at 78 columns.
  case text
  /// An HTML fragment linking each citation to its source.
  case html

  /// The renderer for the format.
  public var renderer: any NarrativeRenderer {
    switch self {
    case .markdown: MarkdownNarrativeRenderer()
    case .text: TextNarrativeRenderer()
    case .html: HTMLNarrativeRenderer()
    }
  }
}

extension Narrative {
  /// How to check the tree head the narrative was generated from, in words.
  public var verification: String {
    "Generated from the ledger at tree size \(head.size), root \(head.root.hex). To check it, "
      + "run 'planledger verify' on the ledger, then 'planledger head --size \(head.size)': "
      + "the root it prints must be the one above."
  }

  /// A source note in words: `plan.created, effective 2017-11-01; source: plan.txt, p. 3`.
  static func words(for note: SourceNote) -> String {
    var text = "\(note.type.rawValue), effective \(note.effective)"
    if let document = note.document {
      text += "; source: " + document
      if let locator = note.locator, !locator.isEmpty { text += ", " + locator }
    } else {
      text += "; no source recorded"
    }
    if let correction = note.correctedBy { text += "; corrected by seq \(correction)" }
    return text
  }
}
