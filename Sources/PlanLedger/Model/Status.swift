/// An action's progress rating, in the plan's own words.
///
/// Stored as `not_rated`, `on_track`, `at_risk`, `overdue` or `complete`; read from the
/// plan's spellings too (`"On track"`, `on-track`, `On Track`).
public enum Status: String, Hashable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
  /// Not rated yet (the plan's RAG column is empty).
  case notRated = "not_rated"
  /// On track.
  case onTrack = "on_track"
  /// At risk.
  case atRisk = "at_risk"
  /// Overdue (as rated by the lead officer).
  case overdue
  /// Complete.
  case complete

  /// Reads a status in any of the plan's spellings, or `nil`.
  ///
  /// - Parameter text: Such as `On track`, `on_track`, `on-track`, `Not rated`.
  public init?(words text: String) {
    let normalised = String(
      text.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 }
    ).trimmingUnderscores
    guard let status = Status(rawValue: normalised) else { return nil }
    self = status
  }

  /// The plan's word for it: `On track`.
  public var words: String {
    switch self {
    case .notRated: "Not rated"
    case .onTrack: "On track"
    case .atRisk: "At risk"
    case .overdue: "Overdue"
    case .complete: "Complete"
    }
  }

  /// The word.
  public var description: String { words }

  /// The order reports list statuses in: complete, on track, at risk, overdue, not rated.
  public var reportOrder: Int {
    switch self {
    case .complete: 0
    case .onTrack: 1
    case .atRisk: 2
    case .overdue: 3
    case .notRated: 4
    }
  }

  /// Orders statuses by ``reportOrder``.
  public static func < (lhs: Status, rhs: Status) -> Bool {
    lhs.reportOrder < rhs.reportOrder
  }

  /// Every spelling accepted, for help and error messages.
  public static var spellings: String {
    allCases.map(\.rawValue).joined(separator: ", ")
  }
}

extension String {
  fileprivate var trimmingUnderscores: String {
    var text = Substring(self)
    while text.first == "_" { text = text.dropFirst() }
    while text.last == "_" { text = text.dropLast() }
    return String(text)
  }
}
