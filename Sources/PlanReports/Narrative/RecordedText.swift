/// Recorded text made safe to print in any format, before format-specific escaping.
///
/// Notes and quotes come from people and documents: a carriage return, a terminal escape
/// sequence or another control character must neither move the cursor of the person
/// reading plain text nor make HTML or XML invalid.
enum RecordedText {
  /// The text with line ends as `\n`, tabs as spaces, and any other control character
  /// (C0, DEL, C1) replaced by U+FFFD.
  static func cleaned(_ text: String) -> String {
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
      case 0x00...0x1F, 0x7F...0x9F:
        result.append("\u{FFFD}")
      default:
        result.append(scalar)
      }
    }
    return String(result)
  }
}

/// Seqs written compactly as runs: `[80, 81, 82, 90]` is `80–82` and `90`.
enum SeqRuns {
  /// The runs of consecutive seqs, each as its first and last.
  static func runs(_ seqs: [Int]) -> [(first: Int, last: Int)] {
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
