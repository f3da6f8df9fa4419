/// Suggestions for a mistyped word: the candidates within a small edit distance.
package enum NearestSpelling {
  /// The candidates closest to `word`, at most two, within distance 2 (or a prefix match).
  package static func nearest(_ word: String, among candidates: [String]) -> [String] {
    let scored = candidates.map { ($0, distance(word, $0)) }
    let best = scored.map(\.1).min() ?? Int.max
    var result =
      best <= max(1, min(2, word.count / 3)) ? scored.filter { $0.1 == best }.map(\.0) : []
    if result.isEmpty, word.count >= 3 {
      result = candidates.filter { $0.hasPrefix(word) }
    }
    return Array(result.sorted().prefix(2))
  }

  /// The Levenshtein distance between two words.
  package static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased())
    let b = Array(b.lowercased())
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for (i, ca) in a.enumerated() {
      var current = [i + 1]
      for (j, cb) in b.enumerated() {
        current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
      }
      previous = current
    }
    return previous[b.count]
  }
}
