/// Counts written with their noun, for messages and reports.
public enum Counted: Sendable {
  /// A count with its noun: `1 action`, `3 actions`.
  ///
  /// - Parameters:
  ///   - count: The number.
  ///   - singular: The noun for one.
  ///   - plural: The noun for others (`singular` + `s` when `nil`).
  /// - Returns: The words.
  public static func phrase(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(count) " + (count == 1 ? singular : plural ?? singular + "s")
  }
}
