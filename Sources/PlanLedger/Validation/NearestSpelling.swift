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
    return Array(result.sorted(by: NumberOrder.precedes).prefix(2))
  }

  /// The edit distance between two words, counting a swap of two neighbouring
  /// characters as one edit (optimal string alignment): `7.31` is one edit from `7.13`.
  package static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased())
    let b = Array(b.lowercased())
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
        if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
          table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
        }
      }
    }
    return table[a.count][b.count]
  }
}
