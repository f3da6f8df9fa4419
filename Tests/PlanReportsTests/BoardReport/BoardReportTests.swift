import Foundation
import LedgerStore
import PlanLedger
import PlanReports
import Testing

/// The board report's structure, checked on the scripted year's December board: what
/// WCAG 2.2 AA asks of headings, tables, charts, language and print, and that the page is
/// self-contained.
@Suite struct BoardReportTests {
  static func report(board: String = "2018-12-15") throws -> (BoardReport, String) {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try ScriptedYear.record(into: fixture)
      let report = try BoardReport(
        chronicle: try PlanChronicle(book: fixture.book),
        board: day(board)
      )
      return (report, report.html)
    }
  }

  /// Every element opening with `<name`, as the text from `<` to the next `>`.
  static func elements(_ name: String, in html: String) -> [Substring] {
    var found: [Substring] = []
    var rest = Substring(html)
    while let open = rest.range(of: "<" + name) {
      let after = rest[open.upperBound...]
      guard let next = after.first, next == " " || next == ">" else {
        rest = after
        continue
      }
      let end = after.firstIndex(of: ">") ?? after.endIndex
      found.append(rest[open.lowerBound..<end])
      rest = after[end...]
    }
    return found
  }

  static func attribute(_ name: String, of element: Substring) -> Substring? {
    guard let start = element.range(of: " \(name)=\"") else { return nil }
    return element[start.upperBound...].prefix { $0 != "\"" }
  }

  @Test func thePageDeclaresItsLanguageAndHasASkipLink() throws {
    let (_, html) = try Self.report()
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">\n"))
    #expect(html.contains("<meta charset=\"utf-8\">"))
    #expect(html.contains("<a class=\"skip-link\" href=\"#main\">Skip to main content</a>"))
    #expect(html.contains("<main id=\"main\""))
    #expect(
      html.contains(
        "<title>Board report: 15 December 2018 \u{2014} Children&#39;s Services Improvement Plan</title>"
      )
    )
  }

  @Test func headingsDescendOneLevelAtATime() throws {
    let (_, html) = try Self.report()
    var levels: [Int] = []
    var rest = Substring(html)
    while let open = rest.range(of: "<h") {
      let after = rest[open.upperBound...]
      if let digit = after.first?.wholeNumberValue, (1...6).contains(digit),
        after.dropFirst().first == " " || after.dropFirst().first == ">"
      {
        levels.append(digit)
      }
      rest = after
    }
    #expect(levels.first == 1)
    #expect(levels.filter { $0 == 1 }.count == 1)
    for (previous, next) in zip(levels, levels.dropFirst()) {
      #expect(next <= previous + 1, "h\(previous) is followed by h\(next)")
    }
    #expect(levels.contains(4))
  }

  @Test func everyTableHasACaptionAndScopedHeaders() throws {
    let (_, html) = try Self.report()
    let tables = html.components(separatedBy: "<table").dropFirst()
    #expect(tables.count >= 10)
    for table in tables {
      #expect(table.drop { $0 != ">" }.dropFirst().hasPrefix("\n<caption>"))
    }
    let headers = Self.elements("th", in: html)
    #expect(!headers.isEmpty)
    for header in headers {
      let scope = Self.attribute("scope", of: header)
      #expect(scope == "col" || scope == "row", "\(header)")
    }
  }

  @Test func everyChartIsAnImageWithATitleADescriptionAndADataTable() throws {
    let (report, html) = try Self.report()
    let charts = Self.elements("svg", in: html)
    #expect(charts.count == 2 + report.measures.filter { $0.values.count > 1 }.count)
    for chart in charts {
      #expect(Self.attribute("role", of: chart) == "img")
      let labels = try #require(Self.attribute("aria-labelledby", of: chart)).split(separator: " ")
      #expect(labels.count == 2)
      #expect(html.contains("<title id=\"\(labels[0])\">"))
      #expect(html.contains("<desc id=\"\(labels[1])\">"))
    }
    // Each chart sits beside its data table: right before or right after it.
    let figures = html.components(separatedBy: "<figure>").dropFirst()
    let before = html.components(separatedBy: "<figure>").dropLast()
    for (figure, preceding) in zip(figures, before) {
      let after = figure.components(separatedBy: "</figure>\n").dropFirst().first ?? ""
      #expect(
        after.hasPrefix("<div class=\"table-wrap\"><table")
          || preceding.hasSuffix("</table></div>\n")
      )
    }
  }

  @Test func statusIsAlwaysAWord() throws {
    let (_, html) = try Self.report()
    let badges = html.components(separatedBy: "<span class=\"status status-").dropFirst()
    #expect(!badges.isEmpty)
    for badge in badges {
      let word = badge.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
      #expect(Status.allCases.map(\.words).contains(String(word)), "badge \(word)")
    }
  }

  @Test func thePageIsSelfContainedAndPrintable() throws {
    let (_, html) = try Self.report()
    #expect(html.contains("@media print"))
    #expect(!html.contains("<script"))
    #expect(!html.contains("<link"))
    #expect(!html.contains(" src="))
    #expect(!html.contains("url("))
    #expect(!html.contains("@import"))
    let external = html.components(separatedBy: "http").dropFirst().filter {
      !$0.hasPrefix("://www.w3.org/2000/svg\"")
    }
    #expect(external.isEmpty)
  }

  @Test func idsAreUniqueAndEveryLinkLands() throws {
    let (_, html) = try Self.report()
    var ids: [Substring] = []
    var rest = Substring(html)
    while let start = rest.range(of: " id=\"") {
      let id = rest[start.upperBound...].prefix { $0 != "\"" }
      ids.append(id)
      rest = rest[id.endIndex...]
    }
    #expect(Set(ids).count == ids.count)
    for link in Self.elements("a", in: html) {
      guard let target = Self.attribute("href", of: link) else { continue }
      #expect(target.hasPrefix("#"))
      #expect(ids.contains(target.dropFirst()), "link to \(target)")
    }
  }

  @Test func theReportTellsTheBoardWhatChanged() throws {
    let (report, html) = try Self.report()
    #expect(report.previousBoard == day("2018-11-15"))
    #expect(report.meetings.count == 1)
    #expect(report.narrative.completions.map(\.action.action.rawValue) == ["7.1"])
    #expect(html.contains("<th scope=\"row\">1. Strengthen practice</th><td>Eve Moss (EM)</td>"))
    #expect(html.contains("<th scope=\"row\">7. A stable workforce</th><td>Beth Price (BP)</td>"))
    #expect(
      html.contains(
        "Generated by PlanLedger from tree head size \(report.head.size), root <span class=\"hash\">\(report.head.root.hex)</span>"
      )
    )
    #expect(report.timeline.points.count == 12)
    #expect(report.documents.map(\.document) == ["plan-v1.txt"])
  }

  @Test func aDateWithNoMeetingSaysSo() throws {
    let (report, html) = try Self.report(board: "2018-12-31")
    #expect(report.meetings.isEmpty)
    #expect(report.previousBoard == day("2018-12-15"))
    #expect(html.contains("<h1>Plan report as of 31 December 2018</h1>"))
    #expect(html.contains("No board meeting is recorded on 31 December 2018"))
  }
}
