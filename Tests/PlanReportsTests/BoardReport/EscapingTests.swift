import Foundation
import LedgerStore
import PlanLedger
import PlanReports
import Testing

/// Recorded text is data, never markup: notes, quotes, names and titles holding HTML render
/// as text in the report, its attributes and its SVG, and in every narrative format.
@Suite struct EscapingTests {
  static let script = "<script>alert(1)</script>"
  static let image = "\"><img src=x onerror=alert(1)>"
  static let svgBreakout = "</title></svg><script>alert(2)</script>'"

  /// The small plan with hostile text in every recorded field a report prints.
  static func record(_ fixture: ReportFixture) throws {
    try fixture.record(.person("PS", "Pat Shaw"), on: "2018-01-02")
    try fixture.record(
      [
        .person("EM", image), .person("CH", script), .role("PS", Role.programmeOffice),
        .role("EM", Role.leadOfficer),
        .role("EM", Role.sro, scope: "priority 1"),
        .planCreated(PlanCreated(title: script, organisation: image, period: "", version: image)),
        .workstreamDefined(WorkstreamDefined(name: script)),
        .priorityDefined(
          PriorityDefined(number: PriorityNumber("1"), title: image, workstream: script)
        ),
        try .addAction("1.1", priority: "1", leads: ["EM"], byWhen: "Mar 18", text: script),
        try .addAction("1.2", priority: "1", leads: ["EM"], byWhen: "Dec 18", text: image),
        .recommendationRecorded(
          RecommendationRecorded(
            body: script,
            number: "1",
            text: image,
            priorities: [PriorityNumber("1")]
          )
        ),
        .measureDefined(
          MeasureDefined(
            measure: MeasureID("M1"),
            title: svgBreakout,
            unit: script,
            better: .higher
          )
        ),
        .measureTargetSet(
          MeasureTargetSet(measure: MeasureID("M1"), value: try decimal("5"), from: nil, to: nil)
        ),
      ],
      on: "2018-01-02",
      source: image
    )
    try fixture.record(.meeting("2018-02-15", board: image), on: "2018-02-15")
    let decision = try fixture.record(
      .decision("2018-02-15", .acceptCompletion, script, actions: ["1.1"], board: image),
      on: "2018-02-15"
    )
    try fixture.record(
      .status("1.1", .complete, note: script),
      on: "2018-02-15",
      authority: decision
    )
    try fixture.record(
      .status("1.2", .atRisk, note: image + "\u{1B}[31mred\r\nline"),
      on: "2018-02-16"
    )
    try fixture.record(try .revise("1.2", to: "2019-02", reason: script), on: "2018-02-17")
    try fixture.record(.reassign("1.2", to: ["PS"], reason: image), on: "2018-02-18")
    try fixture.record(
      .visit("1", start: "2018-02-01", letter: "2018-02-19"),
      on: "2018-02-19",
      source: script
    )
    try fixture.record(
      [.finding("1", .weakness, image, priorities: ["1"]), .finding("1", .progress, svgBreakout)],
      on: "2018-02-19",
      source: script
    )
    try fixture.record(
      [try .measure("M1", "2018-01", "4"), try .measure("M1", "2018-02", "6")],
      on: "2018-02-20",
      source: svgBreakout
    )
    try fixture.record(.meeting("2018-03-15", board: script), on: "2018-03-15")
  }

  /// The tags the report is allowed to contain; any other tag was injected.
  static let allowedTags: Set<String> = [
    "!doctype", "html", "head", "meta", "title", "style", "body", "a", "header", "main", "nav",
    "ol", "ul", "li", "section", "h1", "h2", "h3", "h4", "p", "span", "strong", "sup", "div",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "figure", "figcaption",
    "svg", "desc", "rect", "line", "polyline", "circle", "text", "code", "dl", "dt", "dd",
    "footer", "br",
  ]

  /// The name of every tag in an HTML document, opening or closing.
  static func tags(in html: String) -> [String] {
    var names: [String] = []
    var rest = Substring(html)
    while let open = rest.firstIndex(of: "<") {
      rest = rest[rest.index(after: open)...]
      let name = rest.drop { $0 == "/" }.prefix { !" >/\n".contains($0) }
      names.append(name.lowercased())
    }
    return names
  }

  @Test func theBoardReportRendersRecordedHTMLAsText() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try Self.record(fixture)
      let report = try BoardReport(
        chronicle: try PlanChronicle(book: fixture.book),
        board: day("2018-03-15")
      )
      let html = report.html
      let injected = Set(Self.tags(in: html)).subtracting(Self.allowedTags)
      #expect(injected.isEmpty, "tags that are not the report's own: \(injected.sorted())")
      #expect(!html.lowercased().contains("<script"))
      #expect(!html.lowercased().contains("<img"))
      #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
      #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
      // In an SVG title and description, a closing tag stays text.
      #expect(html.contains("<title id=\"chart-measure-m1-title\">M1: &lt;/title&gt;&lt;/svg&gt;"))
      #expect(html.contains("&lt;/title&gt;&lt;/svg&gt;&lt;script&gt;alert(2)&lt;/script&gt;&#39;"))
      // Control characters never reach the page.
      #expect(!html.contains("\u{1B}"))
      #expect(!html.contains("\r"))
      // Every attribute value is quoted and holds no quote or angle bracket.
      for attribute in Self.attributes(in: html) {
        #expect(!attribute.contains("<") && !attribute.contains(">"), "attribute \(attribute)")
      }
    }
  }

  @Test func everyNarrativeFormatRendersRecordedTextAsText() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try Self.record(fixture)
      let narrative = try fixture.narrative(from: nil, to: nil, today: "2018-03-20")
      let fragment = HTMLNarrativeRenderer().render(narrative)
      #expect(Set(Self.tags(in: fragment)).isSubset(of: Self.allowedTags))
      #expect(fragment.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
      let markdown = MarkdownNarrativeRenderer().render(narrative)
      // Every angle bracket is backslash-escaped, so none can open an HTML tag.
      for (previous, character) in zip(markdown, markdown.dropFirst()) where character == "<" {
        #expect(previous == "\\")
      }
      #expect(markdown.contains("\\<script\\>alert(1)\\</script\\>"))
      #expect(markdown.contains("\"\\>\\<img src=x onerror=alert(1)\\>"))
      let text = TextNarrativeRenderer().render(narrative)
      #expect(text.contains(Self.script))
      for output in [fragment, markdown, text] {
        #expect(!output.contains("\u{1B}"))
        #expect(!output.contains("\r"))
      }
      #expect(text.contains("\u{FFFD}[31mred"))
    }
  }

  @Test(arguments: [
    ("<a href=\"x\">'&'</a>", "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"),
    ("plain", "plain"),
    ("tab\there\u{7}bell", "tab here\u{FFFD}bell"),
    // Bidirectional overrides and isolates cannot reorder what a reader sees.
    ("paid \u{202E}0001\u{202C} in full", "paid \u{FFFD}0001\u{FFFD} in full"),
    ("\u{2066}a\u{2067}b\u{2068}c\u{2069}", "\u{FFFD}a\u{FFFD}b\u{FFFD}c\u{FFFD}"),
    // Other general punctuation, marks included, is left as it is.
    ("a\u{2014}b\u{200E}c\u{2026}", "a\u{2014}b\u{200E}c\u{2026}"),
  ])
  func htmlEscapingCoversTextAndAttributes(_ text: String, _ escaped: String) {
    #expect(HTMLText.escape(text) == escaped)
  }

  /// The values of every attribute in the document.
  static func attributes(in html: String) -> [Substring] {
    var values: [Substring] = []
    var rest = Substring(html)
    while let equals = rest.range(of: "=\"") {
      let value = rest[equals.upperBound...].prefix { $0 != "\"" }
      values.append(value)
      rest = rest[value.endIndex...].dropFirst()
    }
    return values
  }
}
