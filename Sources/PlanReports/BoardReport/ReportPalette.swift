public import PlanLedger

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An sRGB colour, with the WCAG 2.2 relative luminance and contrast ratio.
public struct ReportColour: Hashable, Sendable {
  /// Red, 0–255.
  public let red: Int
  /// Green, 0–255.
  public let green: Int
  /// Blue, 0–255.
  public let blue: Int

  /// Makes a colour from its components.
  ///
  /// - Parameters:
  ///   - red: Red, 0–255.
  ///   - green: Green, 0–255.
  ///   - blue: Blue, 0–255.
  public init(red: Int, green: Int, blue: Int) {
    self.red = red
    self.green = green
    self.blue = blue
  }

  /// Makes a colour from `0xRRGGBB`.
  ///
  /// - Parameter hex: The colour as a 24-bit number.
  public init(_ hex: Int) {
    self.init(red: (hex >> 16) & 0xFF, green: (hex >> 8) & 0xFF, blue: hex & 0xFF)
  }

  /// The colour as CSS: `#1f4e99`.
  public var css: String {
    let digits = Array("0123456789abcdef")
    return "#"
      + [red, green, blue].map { String(digits[$0 >> 4]) + String(digits[$0 & 0xF]) }.joined()
  }

  /// The relative luminance, WCAG 2.2: each sRGB channel linearised, then weighted
  /// 0.2126 R + 0.7152 G + 0.0722 B.
  public var relativeLuminance: Double {
    func linear(_ channel: Int) -> Double {
      let value = Double(channel) / 255
      return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
  }

  /// The contrast ratio with another colour, (L1 + 0.05) / (L2 + 0.05) with L1 the
  /// lighter: from 1 to 21.
  ///
  /// - Parameter other: The other colour.
  /// - Returns: The ratio.
  public func contrast(with other: ReportColour) -> Double {
    let (a, b) = (relativeLuminance, other.relativeLuminance)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)
  }
}

/// The board report's colours, chosen for WCAG 2.2 AA.
///
/// Every text colour has a contrast of at least 4.5:1 with the background it is drawn on,
/// and every status fill at least 4.5:1 with the white text written on it (so at least 3:1
/// with the white page, as graphics need). Colour is never the only signal: a status is
/// always written as a word.
///
/// | use | colour | on | ratio |
/// | --- | --- | --- | --- |
/// | body text | `#1a1a1a` | white | 17.4 |
/// | secondary text | `#4a4f55` | white | 8.3 |
/// | links | `#0b57a4` | white | 7.2 |
/// | table header text | `#1a1a1a` | `#f3f4f6` | 15.8 |
/// | Complete | white | `#1f4e99` | 8.1 |
/// | On track | white | `#2e6b30` | 6.4 |
/// | At risk | white | `#9c5700` | 5.6 |
/// | Overdue | white | `#b3261e` | 6.5 |
/// | Not rated | white | `#5f6368` | 6.1 |
public enum ReportPalette: Sendable {
  /// The page.
  public static let background = ReportColour(0xFFFFFF)
  /// Body text.
  public static let text = ReportColour(0x1A1A1A)
  /// Secondary text (captions, notes).
  public static let secondaryText = ReportColour(0x4A4F55)
  /// Links.
  public static let link = ReportColour(0x0B57A4)
  /// Table headers and panels.
  public static let panel = ReportColour(0xF3F4F6)
  /// Borders and chart grid lines (decoration only).
  public static let rule = ReportColour(0xC4C9CF)
  /// The background of a weakness finding.
  public static let weaknessPanel = ReportColour(0xFFF4E5)
  /// A measure's line in its chart.
  public static let series = ReportColour(0x1F4E99)
  /// A measure's target line.
  public static let target = ReportColour(0x1A1A1A)
  /// Text on a status fill.
  public static let onStatus = ReportColour(0xFFFFFF)

  /// A status's fill.
  ///
  /// - Parameter status: The status.
  /// - Returns: Its colour.
  public static func fill(_ status: Status) -> ReportColour {
    switch status {
    case .complete: ReportColour(0x1F4E99)
    case .onTrack: ReportColour(0x2E6B30)
    case .atRisk: ReportColour(0x9C5700)
    case .overdue: ReportColour(0xB3261E)
    case .notRated: ReportColour(0x5F6368)
    }
  }

  /// Every pair of text and background colours the report uses, named, for checking.
  public static var textPairs: [(name: String, text: ReportColour, background: ReportColour)] {
    [
      ("body text", text, background),
      ("secondary text", secondaryText, background),
      ("links", link, background),
      ("table headers", text, panel),
      ("secondary text on panels", secondaryText, panel),
      ("links on panels", link, panel),
      ("weakness findings", text, weaknessPanel),
      ("links on weakness findings", link, weaknessPanel),
      ("chart target label", target, background),
    ]
      + Status.allCases.sorted().map { ("\($0.words) badge", onStatus, fill($0)) }
  }
}
