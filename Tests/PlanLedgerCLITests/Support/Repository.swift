import Foundation

/// Files of the repository these tests are part of, found from this file's path.
enum Repository {
  /// The repository's root folder (the one holding `Package.swift`).
  static let root: URL = {
    var folder = URL(fileURLWithPath: #filePath)
    while folder.pathComponents.count > 1 {
      folder.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: folder.appending(path: "Package.swift").path) {
        return folder
      }
    }
    return folder
  }()

  /// The text of a file in the repository.
  ///
  /// - Parameter path: The file's path from the root, such as `README.md`.
  /// - Returns: Its text.
  /// - Throws: A read error.
  static func text(_ path: String) throws -> String {
    try String(contentsOf: root.appending(path: path), encoding: .utf8)
  }

  /// The commands of the README's walkthrough ("Recording a plan's history"), each split
  /// into words as a POSIX shell would (quotes, backslash line continuations), without
  /// `planledger` and without comments.
  ///
  /// - Returns: The commands' words.
  /// - Throws: A read error.
  static func walkthrough() throws -> [[String]] {
    let readme = try text("README.md")
    guard let heading = readme.range(of: "## Recording a plan's history"),
      let open = readme.range(of: "```\n", range: heading.upperBound..<readme.endIndex),
      let close = readme.range(of: "```", range: open.upperBound..<readme.endIndex)
    else { return [] }
    let block = readme[open.upperBound..<close.lowerBound]
      .replacing("\\\n", with: " ")
    return block.split(separator: "\n").compactMap { line in
      let words = shellWords(String(line))
      guard words.first == "planledger" else { return nil }
      return Array(words.dropFirst())
    }
  }

  /// Splits a command line into words: single and double quotes group, `#` at the start of
  /// a word begins a comment.
  ///
  /// - Parameter line: The line.
  /// - Returns: Its words.
  static func shellWords(_ line: String) -> [String] {
    var words: [String] = []
    var word = ""
    var inWord = false
    var quote: Character?
    for character in line {
      if let open = quote {
        if character == open { quote = nil } else { word.append(character) }
        continue
      }
      switch character {
      case "'", "\"":
        quote = character
        inWord = true
      case " ", "\t":
        if inWord { words.append(word) }
        word = ""
        inWord = false
      case "#" where !inWord:
        return words
      default:
        word.append(character)
        inWord = true
      }
    }
    if inWord { words.append(word) }
    return words
  }
}
