/// Recorded text made safe to print in any format, before format-specific escaping.
///
/// Notes and quotes come from people and documents: a carriage return, a terminal escape
/// sequence or another control character must neither move the cursor of the person
/// reading plain text nor make HTML or XML invalid, and a bidirectional override must not
/// make a reader see the words of a record in another order than they were recorded.
enum RecordedText {
  /// The text with line ends as `\n`, tabs as spaces, and any other control character
  /// (C0, DEL, C1) and every bidirectional embedding, override and isolate (U+202A to
  /// U+202E, U+2066 to U+2069) replaced by U+FFFD.
  static func cleaned(_ text: String) -> String {
    if isClean(text) { return text }
    var result = String.UnicodeScalarView()
    var previousWasReturn = false
    for scalar in text.unicodeScalars {
      defer { previousWasReturn = scalar == "\r" }
      switch scalar.value {
      case 0x0A:
        if !previousWasReturn { result.append(scalar) }
      case 0x0D:
        result.append("\n")
      case 0x09:
        result.append(" ")
      case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069:
        result.append("\u{FFFD}")
      default:
        result.append(scalar)
      }
    }
    return String(result)
  }

  /// Whether ``cleaned(_:)`` would leave the text as it is: no control character but line
  /// feeds (C0 and DEL are single bytes; C1 characters are `C2 80` to `C2 9F` in UTF-8)
  /// and no bidirectional control (`E2 80 AA` to `E2 80 AE`, `E2 81 A6` to `E2 81 A9`).
  static func isClean(_ text: String) -> Bool {
    var previous: UInt8 = 0
    var beforePrevious: UInt8 = 0
    for byte in text.utf8 {
      switch byte {
      case 0x0A: break
      case 0x00..<0x20, 0x7F: return false
      case 0x80..<0xA0 where previous == 0xC2: return false
      case 0xAA...0xAE where previous == 0x80 && beforePrevious == 0xE2: return false
      case 0xA6...0xA9 where previous == 0x81 && beforePrevious == 0xE2: return false
      default: break
      }
      beforePrevious = previous
      previous = byte
    }
    return true
  }

  /// Whether every character of the text is one Unicode scalar that is either ASCII or a
  /// letter or punctuation mark of a few common blocks, none of which joins the
  /// characters around it: then a character-by-character escape can go byte by byte
  /// instead, copying the bytes of non-ASCII characters as they are.
  ///
  /// The blocks: Latin-1 Supplement, Latin Extended-A and -B, IPA Extensions, Spacing
  /// Modifier Letters (U+00A0 to U+02FF), General Punctuation but the zero-width
  /// (non-)joiner (U+2000 to U+206F), Currency Symbols (U+20A0 to U+20CF). CR LF, the one
  /// ASCII pair that makes one character, is gone once the text is cleaned.
  static func isByteWise(_ cleanedText: String) -> Bool {
    cleanedText.unicodeScalars.allSatisfy { scalar in
      switch scalar.value {
      case 0x00...0x7F, 0xA0...0x2FF, 0x20A0...0x20CF: true
      case 0x200C, 0x200D: false
      case 0x2000...0x206F: true
      default: false
      }
    }
  }
}

/// Seqs written compactly as runs: `[80, 81, 82, 90]` is `80–82` and `90`.
public enum SeqRuns: Sendable {
  /// The runs of consecutive seqs, each as its first and last.
  ///
  /// - Parameter seqs: Seqs in any order, repeats allowed.
  /// - Returns: The runs, in order.
  public static func runs(_ seqs: [Int]) -> [(first: Int, last: Int)] {
    var runs: [(first: Int, last: Int)] = []
    for seq in Array(Set(seqs)).sorted() {
      if let last = runs.last, last.last + 1 == seq {
        runs[runs.count - 1].last = seq
      } else {
        runs.append((seq, seq))
      }
    }
    return runs
  }
}
