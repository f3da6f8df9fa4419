import PlanLedger

extension BoardReport {
  /// The report's CSS, its colours taken from ``ReportPalette``, with a print stylesheet.
  static var styleSheet: String {
    let text = ReportPalette.text.css
    let secondary = ReportPalette.secondaryText.css
    let link = ReportPalette.link.css
    let panel = ReportPalette.panel.css
    let rule = ReportPalette.rule.css
    let weakness = ReportPalette.weaknessPanel.css
    var css = """
      *, *::before, *::after { box-sizing: border-box; }
      html { color-scheme: light; }
      body { margin: 0; background: #ffffff; color: \(text); font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 16px; line-height: 1.5; }
      a { color: \(link); }
      a:focus-visible, main:focus-visible, [tabindex]:focus-visible { outline: 3px solid \(link); outline-offset: 2px; }
      .skip-link { position: absolute; left: 1rem; top: -4rem; z-index: 10; background: \(text); color: #ffffff; padding: 0.5rem 1rem; }
      .skip-link:focus { top: 1rem; color: #ffffff; }
      .report-header { background: \(panel); border-bottom: 1px solid \(rule); padding: 1.5rem 2rem 1rem; }
      .report-header > * { max-width: 72rem; margin-left: auto; margin-right: auto; }
      .eyebrow { margin: 0 auto; color: \(secondary); font-weight: 600; }
      .lede { font-size: 1.15rem; margin: 0.25rem auto 0.75rem; }
      h1 { font-size: 2rem; line-height: 1.2; margin: 0.25rem auto; }
      h2 { font-size: 1.5rem; line-height: 1.25; margin: 2.5rem 0 0.75rem; padding-top: 0.75rem; border-top: 3px solid \(text); }
      h3 { font-size: 1.2rem; line-height: 1.3; margin: 1.75rem 0 0.5rem; }
      h4 { font-size: 1.05rem; margin: 1.25rem 0 0.5rem; }
      main { display: block; max-width: 72rem; margin: 0 auto; padding: 0.5rem 2rem 3rem; }
      nav.contents ol { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; padding: 0; margin: 0.5rem auto 0; list-style: none; }
      .notice { background: \(weakness); border-left: 6px solid \(ReportPalette.fill(.atRisk).css); padding: 0.5rem 0.75rem; }
      .table-wrap { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; font-size: 0.9rem; }
      caption { caption-side: top; text-align: left; font-weight: 700; padding: 0.25rem 0 0.5rem; }
      th, td { border: 1px solid \(rule); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
      thead th, tfoot th, tfoot td { background: \(panel); }
      tbody th { font-weight: 600; }
      .number { text-align: right; font-variant-numeric: tabular-nums; }
      tr.weakness > th, tr.weakness > td { background: \(weakness); }
      tr.weakness > th { border-left: 6px solid \(ReportPalette.fill(.atRisk).css); }
      .status { display: inline-block; padding: 0.05rem 0.45rem; border-radius: 0.25rem; color: \(ReportPalette.onStatus.css); font-weight: 700; font-size: 0.85rem; white-space: nowrap; }
      .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: 0.75rem; list-style: none; padding: 0; margin: 1rem 0; }
      .tile { border: 1px solid \(rule); border-radius: 0.25rem; padding: 0.6rem 0.75rem; display: flex; flex-direction: column; gap: 0.2rem; }
      .tile .status { align-self: flex-start; }
      .tile .count { font-size: 2rem; font-weight: 700; line-height: 1.1; }
      .tile .change, .tile .label { color: \(secondary); font-size: 0.9rem; }
      .tile .label { font-weight: 700; color: \(text); }
      figure { margin: 1rem 0 0.5rem; }
      figcaption { color: \(secondary); font-size: 0.9rem; }
      svg.chart { display: block; width: 100%; max-width: 720px; height: auto; }
      .measures { display: grid; grid-template-columns: repeat(auto-fit, minmax(28rem, 1fr)); gap: 0 2rem; }
      .measure h3 { font-size: 1.05rem; }
      .measure svg.chart { max-width: 560px; }
      sup.cite { font-size: 0.7em; line-height: 0; white-space: nowrap; }
      .quote { font-style: normal; }
      .narrative section { max-width: 60rem; }
      .hash, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
      .hash { word-break: break-all; }
      code { white-space: nowrap; }
      dl.tree-head { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
      dl.tree-head dt { font-weight: 700; }
      dl.tree-head dd { margin: 0; }
      ol.source-list { font-size: 0.85rem; padding-left: 0; list-style: none; }
      ol.source-list li { margin: 0.15rem 0; }
      ol.source-list li:target { background: \(weakness); }
      .source-list .seq { font-weight: 700; }
      .report-footer { border-top: 1px solid \(rule); background: \(panel); color: \(text); padding: 1rem 2rem; }
      .report-footer p { max-width: 72rem; margin: 0 auto; }

      """
    for status in Status.allCases {
      let name = String(status.rawValue.map { $0 == "_" ? "-" : $0 })
      css += ".status-\(name) { background: \(ReportPalette.fill(status).css); }\n"
      css += ".tile-\(name) { border-top: 6px solid \(ReportPalette.fill(status).css); }\n"
    }
    css += """
      @media print {
        @page { margin: 15mm; }
        body { font-size: 10pt; }
        .skip-link, nav.contents { display: none; }
        .report-header, .report-footer { background: none; padding: 0 0 0.5rem; }
        main { max-width: none; padding: 0; }
        a { color: inherit; text-decoration: none; }
        h2 { break-after: avoid; }
        h3, h4, caption { break-after: avoid; }
        table { font-size: 8.5pt; }
        thead { display: table-header-group; }
        tr, figure, .tile { break-inside: avoid; }
        .status, .tile, tr.weakness > td, tr.weakness > th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        .measures { display: block; }
        .table-wrap { overflow: visible; }
      }

      """
    return css
  }
}
