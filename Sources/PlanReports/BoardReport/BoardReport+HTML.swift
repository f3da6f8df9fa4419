import LedgerStore
import PlanLedger

extension BoardReport {
  /// The report as one self-contained HTML page (UTF-8): inline CSS and SVG, no scripts,
  /// no external assets.
  ///
  /// Written for WCAG 2.2 AA: `lang="en-GB"`, a skip link, headings in order (one `h1`,
  /// then `h2`, `h3`, `h4` without gaps), tables with captions and header scopes, every
  /// status written as a word (its colour only adds to it), colours from
  /// ``ReportPalette``, every chart an image with a title and description and a data
  /// table beside it, and a print stylesheet. Every piece of recorded text is escaped.
  public var html: String {
    var out = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    out += "<meta name=\"generator\" content=\"PlanLedger\">\n"
    out += "<title>" + HTMLText.escape(pageTitle) + "</title>\n"
    out += "<style>\n" + BoardReport.styleSheet + "</style>\n</head>\n<body>\n"
    out += "<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n"
    out += header
    out += "<main id=\"main\" tabindex=\"-1\">\n"
    out += summarySection + statusSection + changesSection + exceptionsSection
    out += decisionsSection + findingsSection + measuresSection + narrativeSection
    out += provenanceSection
    out += "</main>\n" + footer + "</body>\n</html>\n"
    return out
  }

  var planTitle: String { narrative.plan?.title ?? "Improvement plan" }

  var heading: String {
    meetings.isEmpty
      ? "Plan report as of \(NarrativeWords.date(date))"
      : "Board report: \(NarrativeWords.date(date))"
  }

  var pageTitle: String { heading + " \u{2014} " + planTitle }

  /// The sections in order, for the contents list.
  static let contents: [(id: String, title: String)] = [
    ("summary", "Summary"), ("status", "Status by priority"),
    ("changes", "Change since the previous board"), ("exceptions", "Exceptions"),
    ("decisions", "Board decisions"), ("findings", "Monitoring findings"),
    ("measures", "Measures against targets"), ("narrative", "Narrative"),
    ("provenance", "Provenance"),
  ]

  static func open(_ id: String, _ title: String) -> String {
    "<section id=\"\(id)\" aria-labelledby=\"\(id)-heading\">\n"
      + "<h2 id=\"\(id)-heading\">" + HTMLText.escape(title) + "</h2>\n"
  }

  static func title(of id: String) -> String {
    contents.first { $0.id == id }?.title ?? id
  }

  static func paragraph(_ text: String, className: String? = nil) -> String {
    (className.map { "<p class=\"\($0)\">" } ?? "<p>") + HTMLText.escapeLines(text) + "</p>\n"
  }

  static func badge(_ status: Status) -> String {
    "<span class=\"status status-\(status.rawValue.replacingUnderscores)\">\(status.words)</span>"
  }

  static func records(_ seqs: [Int]) -> HTMLTable.Cell {
    .markup(
      SeqRuns.runs(seqs).map { run in
        run.first == run.last
          ? HTMLNarrativeRenderer.link(run.first)
          : HTMLNarrativeRenderer.link(run.first)
            + (run.last - run.first == 1 ? ", " : "\u{2013}") + HTMLNarrativeRenderer.link(run.last)
      }.joined(separator: ", ")
    )
  }

  static func leads(_ people: [Narrative.Person]) -> String {
    people.isEmpty ? "No lead" : people.map(\.label).joined(separator: "; ")
  }

  // MARK: Header and footer

  var header: String {
    var out = "<header class=\"report-header\">\n"
    if let plan = narrative.plan {
      let version = plan.version.isEmpty ? "" : ", version " + plan.version
      out += Self.paragraph(plan.organisation, className: "eyebrow")
      out += "<h1>" + HTMLText.escape(heading) + "</h1>\n"
      out += "<p class=\"lede\">" + HTMLText.escape(plan.title + version)
      out += HTMLNarrativeRenderer.citations([plan.seq]) + "</p>\n"
    } else {
      out += "<h1>" + HTMLText.escape(heading) + "</h1>\n"
    }
    var facts = "The plan as it stood on \(NarrativeWords.date(date)), in the light of "
    if let knownAt = view.slice.knownAt {
      facts += "what the ledger had recorded by \(knownAt), up to tree size \(head.size)."
    } else {
      facts += "everything recorded in the ledger up to tree size \(head.size)."
    }
    if let previousBoard {
      facts += " Changes are counted since the previous board, on "
      facts += NarrativeWords.date(previousBoard) + "."
    } else {
      facts += " No earlier board is recorded, so changes are counted from the start."
    }
    out += Self.paragraph(facts)
    if meetings.isEmpty {
      out += Self.paragraph(
        "No board meeting is recorded on \(NarrativeWords.date(date)): this is the plan as "
          + "of that date, not a board's papers.",
        className: "notice"
      )
    } else {
      for meeting in meetings {
        out += "<p>Meeting: " + HTMLText.escape(meeting.board)
        out += HTMLNarrativeRenderer.citations([meeting.seq]) + "</p>\n"
      }
    }
    out += "<nav class=\"contents\" aria-label=\"Contents\">\n<ol>\n"
    for entry in Self.contents {
      out += "<li><a href=\"#\(entry.id)\">" + HTMLText.escape(entry.title) + "</a></li>\n"
    }
    return out + "</ol>\n</nav>\n</header>\n"
  }

  var footer: String {
    "<footer class=\"report-footer\">\n<p>Generated by PlanLedger from tree head size "
      + "\(head.size), root <span class=\"hash\">\(head.root.hex)</span>. "
      + "Check it with <code>planledger verify</code> and "
      + "<code>planledger head --size \(head.size)</code>.</p>\n</footer>\n"
  }

  // MARK: Summary

  var summarySection: String {
    var out = Self.open("summary", Self.title(of: "summary"))
    let (start, end) = (narrative.headline.start, narrative.headline.end)
    let since =
      previousBoard.map { "since the board of " + NarrativeWords.date($0) } ?? "since the start"
    out += Self.paragraph(
      "\(NarrativeWords.count(end.total, "action")) on \(NarrativeWords.date(date)); "
        + "\(end.overdue) past their due date and not complete. Changes are \(since)."
    )
    out += "<ul class=\"tiles\">\n"
    for status in Status.allCases.sorted() {
      let (before, after) = (start.count(status), end.count(status))
      out += "<li class=\"tile tile-\(status.rawValue.replacingUnderscores)\">"
      out += Self.badge(status) + "<span class=\"count\">\(after)</span>"
      out +=
        "<span class=\"change\">" + NarrativeWords.change(from: before, to: after)
        + "</span></li>\n"
    }
    out += "<li class=\"tile tile-past-due\"><span class=\"label\">Past due date</span>"
    out += "<span class=\"count\">\(end.overdue)</span><span class=\"change\">"
    out += NarrativeWords.change(from: start.overdue, to: end.overdue) + "</span></li>\n</ul>\n"
    let exceptions = narrative.exceptions
    var items: [String] = [
      "\(narrative.completions.count) completed, \(narrative.newRisks.count) newly at risk, "
        + "\(narrative.newlyOverdue.count) newly overdue, "
        + "\(narrative.revisionTally.count) deadline revisions, "
        + "\(narrative.reassignmentTally.count) reassignments \(since).",
      "\(narrative.decisions.count) board decisions and "
        + "\(narrative.visits.flatMap { $0.weaknesses + $0.progress + $0.furtherProgress }.count) "
        + "monitoring findings (\(narrative.visits.flatMap(\.weaknesses).count) weaknesses) "
        + "\(since).",
      "Exceptions: \(exceptions.longOverdue.count) more than 90 days overdue, "
        + "\(exceptions.drifting.count) drifting, \(exceptions.stale.count) not updated for "
        + "over 60 days, \(exceptions.longAtRisk.count) at risk for three months or more, "
        + "\(exceptions.completionsWithoutDecision.count) completed without a board decision, "
        + "\(exceptions.recommendations.count) recommendations with no completed action.",
    ]
    items = items.map { "<li>" + HTMLText.escape($0) + "</li>\n" }
    return out + "<ul>\n" + items.joined() + "</ul>\n</section>\n"
  }

  // MARK: Status

  var statusSection: String {
    var out = Self.open("status", Self.title(of: "status"))
    var table = HTMLTable(
      caption: "Actions by status and priority on \(NarrativeWords.date(date))",
      columns: [HTMLTable.Column(title: "Priority"), HTMLTable.Column(title: "SRO")]
        + Status.allCases.sorted().map { HTMLTable.Column(title: $0.words, numeric: true) }
        + [
          HTMLTable.Column(title: "Total", numeric: true),
          HTMLTable.Column(title: "Past due date", numeric: true),
        ]
    )
    table.className = "status-table"
    for priority in narrative.priorities {
      let name = "\(priority.number). " + priority.title
      let sro =
        priority.sro.isEmpty ? "None recorded" : priority.sro.map(\.label).joined(separator: "; ")
      table.add(
        [.text(name), .text(sro)]
          + Status.allCases.sorted().map { .number(priority.end.count($0)) }
          + [.number(priority.end.total), .number(priority.end.overdue)]
      )
    }
    let total = narrative.headline.end
    table.footer =
      [.text("All priorities"), .text("")]
      + Status.allCases.sorted().map { .number(total.count($0)) }
      + [.number(total.total), .number(total.overdue)]
    out += table.html
    let chart = StatusByPriorityChart(view: view)
    out += "<figure>\n" + chart.svg(id: "chart-status-by-priority") + "\n"
    out += "<figcaption>" + HTMLText.escape(chart.title)
    out += ". The table above gives the counts.</figcaption>\n</figure>\n"
    out += "<h3 id=\"status-by-month\">Status by month</h3>\n"
    let timelineChart = StatusTimelineChart(timeline)
    out += "<figure>\n" + timelineChart.svg(id: "chart-status-by-month") + "\n"
    out += "<figcaption>" + HTMLText.escape(timelineChart.title)
    out += ". The table below gives every month's counts.</figcaption>\n</figure>\n"
    var months = HTMLTable(
      caption: "Actions by status at each month end (the last month on "
        + NarrativeWords.date(date) + ")",
      columns: [HTMLTable.Column(title: "Month")]
        + Status.allCases.sorted().map { HTMLTable.Column(title: $0.words, numeric: true) }
        + [HTMLTable.Column(title: "Total", numeric: true)]
    )
    for point in timeline.points {
      months.add(
        [.text(NarrativeWords.shortMonth(point.month))]
          + Status.allCases.sorted().map { .number(point.summary.count($0)) }
          + [.number(point.summary.total)]
      )
    }
    return out + months.html + "</section>\n"
  }

  // MARK: Changes

  var changesSection: String {
    var out = Self.open("changes", Self.title(of: "changes"))
    let since =
      previousBoard.map { "the previous board, on " + NarrativeWords.date($0) }
      ?? "the start of the recorded history"
    let changes = PlanDiff(start: narrative.start, end: narrative.end).changes
    out += Self.paragraph(
      NarrativeWords.count(changes.count, "action") + " changed between \(since), and "
        + NarrativeWords.date(date) + "."
    )
    var table = HTMLTable(
      caption: "Actions that changed since \(since)",
      columns: [
        "Action", "Priority", "Lead", "Status then", "Status now", "Due then", "Due now",
        "What changed", "Records",
      ]
      .map { HTMLTable.Column(title: $0) }
    )
    for change in changes {
      let row = change.row
      var what: [String] = []
      if change.added { what.append("added") }
      if change.statusChanged && !change.added {
        what.append("status " + (change.before?.status.words ?? "-") + " to " + row.status.words)
      }
      if change.leadChanged { what.append("lead changed") }
      if change.slipDays > 0 {
        what.append("due date \(NarrativeWords.days(change.slipDays)) later")
      }
      if change.slipDays < 0 {
        what.append("due date \(NarrativeWords.days(-change.slipDays)) earlier")
      }
      if change.slipDays == 0 && change.before.map({ $0.revisions != row.revisions }) == true {
        what.append("due date revised")
      }
      if change.becameOverdue {
        what.append(
          "became overdue: \(NarrativeWords.days(row.daysOverdue)) past "
            + PlanGrids.overdueMilestone(row)
        )
      }
      if change.withdrawnNow { what.append("withdrawn") }
      table.add([
        .text(row.number.rawValue),
        .text(row.priority.rawValue),
        .text(
          row.leads.isEmpty
            ? "No lead" : row.leads.map { view.name(of: $0) }.joined(separator: "; ")
        ),
        .markup(change.before.map { Self.badge($0.status) } ?? "Not in plan"),
        .markup(Self.badge(row.status)),
        .text(change.before?.due.map(NarrativeWords.shortMonth) ?? "-"),
        .text(row.due.map(NarrativeWords.shortMonth) ?? "Ongoing"),
        .text(what.joined(separator: "; ")),
        Self.records(Self.seqs(of: change, in: narrative)),
      ])
    }
    out += table.html
    out += "<h3 id=\"changes-revisions\">Deadline revisions and reassignments</h3>\n"
    var revisions = HTMLTable(
      caption: "Deadline revisions since \(since)" + Self.abridgement(narrative.revisionTally),
      columns: ["Action", "Milestone", "From", "To", "Days", "Reason", "Board decision", "Records"]
        .map { HTMLTable.Column(title: $0, numeric: $0 == "Days") }
    )
    for revision in narrative.revisions {
      revisions.add([
        .text(revision.action.action.rawValue),
        .text("\(revision.milestone)" + (revision.label.isEmpty ? "" : " (\(revision.label))")),
        .text(revision.from.map(NarrativeWords.due) ?? "-"),
        .text(NarrativeWords.due(revision.to)),
        .number(revision.days),
        .text(revision.reason),
        .text(Self.decisionWords(revision.decision)),
        Self.records(revision.seqs),
      ])
    }
    out += revisions.html
    var reassignments = HTMLTable(
      caption: "Reassignments since \(since)" + Self.abridgement(narrative.reassignmentTally),
      columns: ["Action", "From", "To", "Date", "Reason", "Board decision", "Records"]
        .map { HTMLTable.Column(title: $0) }
    )
    for change in narrative.reassignments {
      reassignments.add([
        .text(change.action.action.rawValue),
        .text(Self.leads(change.from)),
        .text(Self.leads(change.to)),
        .text(NarrativeWords.date(change.effective)),
        .text(change.reason),
        .text(Self.decisionWords(change.decision)),
        Self.records(change.seqs),
      ])
    }
    return out + reassignments.html + "</section>\n"
  }

  /// What a caption adds when a table lists only the most recent of its changes.
  static func abridgement(_ tally: Narrative.ChangeTally) -> String {
    guard tally.isAbridged else { return "" }
    return ": the \(tally.listed) most recent of \(tally.count) ('planledger history "
      + "--action NUMBER' lists every change to an action)"
  }

  static func decisionWords(_ decision: Narrative.DecisionLink?) -> String {
    guard let decision else { return "None recorded" }
    return decision.kind.words.prefix(1).uppercased() + decision.kind.words.dropFirst()
      + ", board of " + NarrativeWords.date(decision.meeting)
  }

  // MARK: Exceptions

  /// The date an exception is next due by: `Jun 2018`, or `Ongoing`.
  static func due(_ item: Narrative.ExceptionAction) -> String {
    item.due.map(NarrativeWords.shortMonth) ?? "Ongoing"
  }

  /// The date of the milestone an exception has been past the longest: `Nov 2017`, with
  /// the milestone's number when the action has several.
  static func pastDue(_ item: Narrative.ExceptionAction) -> String {
    guard let past = item.pastDue else { return due(item) }
    let milestone = item.milestoneCount > 1 ? item.pastMilestone.map { " (milestone \($0))" } : nil
    return NarrativeWords.shortMonth(past) + (milestone ?? "")
  }

  var exceptionsSection: String {
    var out = Self.open("exceptions", Self.title(of: "exceptions"))
    out += Self.paragraph("As the plan stood on \(NarrativeWords.date(date)).")
    let exceptions = narrative.exceptions
    let parts:
      [(
        id: String, title: String, items: [Narrative.ExceptionAction], detail: String,
        value: (Narrative.ExceptionAction) -> HTMLTable.Cell,
        due: (Narrative.ExceptionAction) -> String
      )] = [
        (
          "exceptions-long-overdue", "More than 90 days past the due date", exceptions.longOverdue,
          "Days past due", { .number($0.daysOverdue) }, Self.pastDue
        ),
        (
          "exceptions-drifting", "Drifting deadlines", exceptions.drifting,
          "Revisions, days slipped", { .text("\($0.revisions), \($0.slipDays)") }, Self.due
        ),
        (
          "exceptions-stale", "Not updated for over 60 days", exceptions.stale, "Last update",
          { .text(NarrativeWords.date($0.lastUpdate)) }, Self.due
        ),
        (
          "exceptions-long-at-risk", "At risk for three months or more", exceptions.longAtRisk,
          "Days at risk", { .number($0.daysAtStatus) }, Self.due
        ),
        (
          "exceptions-unbacked", "Completed without a board decision",
          exceptions.completionsWithoutDecision, "Complete for (days)",
          { .number($0.daysAtStatus) }, Self.due
        ),
      ]
    for part in parts {
      out +=
        "<h3 id=\"\(part.id)\">" + HTMLText.escape("\(part.title) (\(part.items.count))")
        + "</h3>\n"
      var table = HTMLTable(
        caption: "\(part.title) on \(NarrativeWords.date(date))",
        columns: ["Action", "Priority", "Lead", "Status", "Due", part.detail, "Records"].map {
          HTMLTable.Column(title: $0, numeric: $0 == part.detail && $0.hasPrefix("Days"))
        }
      )
      for item in part.items {
        table.add([
          .text(item.action.action.rawValue),
          .text(item.action.priority.rawValue),
          .text(Self.leads(item.action.leads)),
          .markup(Self.badge(item.status)),
          .text(part.due(item)),
          part.value(item),
          Self.records(item.seqs),
        ])
      }
      out += table.html
    }
    let title = "Recommendations with no completed action"
    out +=
      "<h3 id=\"exceptions-recommendations\">"
      + HTMLText.escape("\(title) (\(exceptions.recommendations.count))") + "</h3>\n"
    var table = HTMLTable(
      caption: "\(title) on \(NarrativeWords.date(date))",
      columns: ["Recommendation", "Text", "Priorities", "Cited by actions", "Record"].map {
        HTMLTable.Column(title: $0)
      }
    )
    for gap in exceptions.recommendations {
      table.add([
        .text("\(gap.body) \(gap.number)"),
        .text(gap.text.isEmpty ? "(not quoted in the plan)" : gap.text),
        .text(gap.priorities.map(\.rawValue).joined(separator: ", ")),
        .text(gap.actions.isEmpty ? "None" : gap.actions.map(\.rawValue).joined(separator: ", ")),
        Self.records([gap.seq]),
      ])
    }
    return out + table.html + "</section>\n"
  }

  // MARK: Decisions

  var decisionsSection: String {
    let out = Self.open("decisions", Self.title(of: "decisions"))
    var table = HTMLTable(
      caption: "Board decisions since "
        + (previousBoard.map { "the board of " + NarrativeWords.date($0) } ?? "the start"),
      columns: ["Meeting", "Board", "Kind", "Decision", "Actions", "Record"].map {
        HTMLTable.Column(title: $0)
      }
    )
    for decision in narrative.decisions {
      table.add([
        .text(NarrativeWords.date(decision.meeting)),
        .text(decision.board),
        .text(decision.kind.words),
        .text(decision.text),
        .text(decision.actions.map(\.rawValue).joined(separator: ", ")),
        Self.records([decision.seq]),
      ])
    }
    return out + table.html + "</section>\n"
  }

  // MARK: Findings

  var findingsSection: String {
    var out = Self.open("findings", Self.title(of: "findings"))
    if narrative.visits.isEmpty {
      out += Self.paragraph(
        "No monitoring finding was published "
          + (previousBoard.map { "since the board of " + NarrativeWords.date($0) } ?? "to this date")
          + "."
      )
    } else {
      out += Self.paragraph(
        "Every finding published in the period, quoted verbatim: weaknesses first, highlighted."
      )
    }
    for visit in narrative.visits {
      let all = visit.weaknesses + visit.progress + visit.furtherProgress
      let positive = all.count - visit.weaknesses.count
      let title = "Monitoring visit \(visit.visit)"
      out +=
        "<h3 id=\"findings-visit-\(Slug.make(visit.visit))\">" + HTMLText.escape(title) + "</h3>\n"
      var when: [String] = []
      if let start = visit.startDate { when.append("Visit " + NarrativeWords.date(start)) }
      if let letter = visit.letter { when.append("letter " + NarrativeWords.date(letter)) }
      out += Self.paragraph(
        (when.isEmpty ? "" : when.joined(separator: "; ") + ". ")
          + NarrativeWords.count(visit.weaknesses.count, "weakness", "weaknesses") + ", "
          + NarrativeWords.count(positive, "finding") + " of progress or strength."
      )
      var table = HTMLTable(
        caption: "Findings of monitoring visit \(visit.visit), weaknesses first",
        columns: ["Kind", "Finding (verbatim)", "About", "Source", "Record"].map {
          HTMLTable.Column(title: $0)
        }
      )
      for finding in all {
        var about: [String] = finding.priorities.map { "Priority \($0)" }
        about += finding.actions.map { "Action \($0)" }
        let kind =
          switch finding.kind {
          case .weakness: "Weakness"
          case .progress: "Progress"
          case .strength: "Strength"
          }
        table.add(
          [
            .text(kind),
            .markup(
              "<span class=\"quote\">\u{201C}" + HTMLText.escapeLines(finding.quote)
                + "\u{201D}</span>"
            ),
            .text(about.joined(separator: ", ")),
            .text(finding.document ?? "Not recorded"),
            Self.records([finding.seq]),
          ],
          className: finding.kind == .weakness ? "weakness" : nil
        )
      }
      out += table.html
    }
    return out + "</section>\n"
  }

  // MARK: Measures

  var measuresSection: String {
    var out = Self.open("measures", Self.title(of: "measures"))
    let charted = measures.filter { $0.values.count > 1 }
    let single = measures.filter { $0.values.count <= 1 }
    out += Self.paragraph(
      NarrativeWords.count(measures.count, "measure") + " with a value on "
        + NarrativeWords.date(date) + ": " + NarrativeWords.count(charted.count, "is", "are")
        + " charted (two values or more); the rest are in the last table."
    )
    out += "<div class=\"measures\">\n"
    for chart in charted {
      let id = "measure-" + Slug.make(chart.trend.measure.rawValue)
      out += "<section class=\"measure\" aria-labelledby=\"\(id)-heading\">\n"
      out +=
        "<h3 id=\"\(id)-heading\">"
        + HTMLText.escape("\(chart.trend.measure.rawValue): \(chart.trend.title)") + "</h3>\n"
      out += "<p>" + HTMLNarrativeRenderer.statement(Narrative.trendWords(chart.trend)) + "</p>\n"
      out += "<figure>\n" + chart.svg(id: "chart-" + id) + "\n<figcaption>"
      out +=
        HTMLText.escape(chart.title)
        + ". The table below gives every value.</figcaption>\n</figure>\n"
      var table = HTMLTable(
        caption: "Values of \(chart.trend.measure.rawValue)",
        columns: [
          HTMLTable.Column(title: "Period"), HTMLTable.Column(title: "Value"),
          HTMLTable.Column(title: "Record"),
        ]
      )
      for value in chart.values {
        table.add([
          .text(NarrativeWords.shortMonth(value.period)),
          .text(NarrativeWords.value(value.value.text, unit: chart.trend.unit)),
          Self.records([value.seq]),
        ])
      }
      if let target = chart.trend.target {
        table.footer = [
          .text("Target"), .text(NarrativeWords.value(target.value.text, unit: chart.trend.unit)),
          Self.records([target.seq]),
        ]
      }
      out += table.html + "</section>\n"
    }
    out += "</div>\n"
    var table = HTMLTable(
      caption: "Measures with one value",
      columns: ["Measure", "Title", "Value", "Period", "Target", "Record"].map {
        HTMLTable.Column(title: $0)
      }
    )
    for chart in single {
      let trend = chart.trend
      table.add([
        .text(trend.measure.rawValue),
        .text(trend.title),
        .text(NarrativeWords.value(trend.latest.value.text, unit: trend.unit)),
        .text(NarrativeWords.shortMonth(trend.latest.period)),
        .text(trend.target.map { NarrativeWords.value($0.value.text, unit: trend.unit) } ?? "None"),
        Self.records(trend.seqs),
      ])
    }
    out += "<h3 id=\"measures-single\">Measures with one value</h3>\n" + table.html
    return out + "</section>\n"
  }

  // MARK: Narrative and provenance

  var narrativeSection: String {
    var out = Self.open("narrative", Self.title(of: "narrative"))
    out += "<p class=\"subtitle\">" + HTMLNarrativeRenderer.statement(narrative.subtitle) + "</p>\n"
    let renderer = HTMLNarrativeRenderer(
      titleLevel: 2,
      includesTitle: false,
      includesSources: false,
      includesFooter: false
    )
    return out + renderer.render(narrative) + "</section>\n"
  }

  var provenanceSection: String {
    var out = Self.open("provenance", Self.title(of: "provenance"))
    out += "<dl class=\"tree-head\">\n<dt>Tree size</dt><dd>\(head.size)</dd>\n"
    out += "<dt>Root</dt><dd><span class=\"hash\">\(head.root.hex)</span></dd>\n</dl>\n"
    out += "<p>Everything in this report was read from the ledger at this tree head. To check "
    out += "it, run <code>planledger verify</code> on the ledger, then "
    out += "<code>planledger head --size \(head.size)</code>: the root it prints must be the "
    out += "one above. Each record cited here can be proved to be in the ledger with "
    out += "<code>planledger prove --seq N --size \(head.size)</code>.</p>\n"
    out += "<h3 id=\"provenance-documents\">Source documents</h3>\n"
    var documents = HTMLTable(
      caption: "Documents the cited records come from",
      columns: [
        HTMLTable.Column(title: "Document"),
        HTMLTable.Column(title: "Records cited", numeric: true),
      ]
    )
    for entry in self.documents { documents.add([.text(entry.document), .number(entry.records)]) }
    out += documents.html
    out += "<h3 id=\"provenance-records\">Records cited</h3>\n"
    out += Self.paragraph(
      NarrativeWords.count(sources.count, "record") + " are cited in this report."
    )
    return out + HTMLNarrativeRenderer.sourceList(sources) + "</section>\n"
  }
}

extension String {
  /// The text with underscores as hyphens (`on_track` → `on-track`), for CSS classes.
  fileprivate var replacingUnderscores: String {
    String(map { $0 == "_" ? "-" : $0 })
  }
}
