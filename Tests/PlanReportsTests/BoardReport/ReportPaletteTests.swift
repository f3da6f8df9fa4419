import PlanLedger
import PlanReports
import Testing

/// The report's colours meet WCAG 2.2 AA, checked with the WCAG formula itself.
@Suite struct ReportPaletteTests {
  @Test(arguments: [
    (0x000000, 0xFFFFFF, 21.0),
    (0xFFFFFF, 0xFFFFFF, 1.0),
    (0x767676, 0xFFFFFF, 4.54),
    (0x777777, 0xFFFFFF, 4.48),
    (0xFF0000, 0xFFFFFF, 4.0),
  ])
  func contrastFollowsTheWCAGFormula(_ foreground: Int, _ background: Int, _ ratio: Double) {
    let computed = ReportColour(foreground).contrast(with: ReportColour(background))
    #expect(abs(computed - ratio) < 0.01, "\(computed)")
    #expect(ReportColour(background).contrast(with: ReportColour(foreground)) == computed)
  }

  @Test func relativeLuminanceUsesTheSRGBCurve() {
    #expect(ReportColour(0xFFFFFF).relativeLuminance == 1)
    #expect(ReportColour(0x000000).relativeLuminance == 0)
    // 0x80 = 128: (128/255 + 0.055)/1.055 raised to 2.4 is 0.2158605.
    #expect(abs(ReportColour(0x808080).relativeLuminance - 0.2158605) < 0.000001)
    // At or below 0.04045 the channel is divided by 12.92: 10/255/12.92.
    #expect(abs(ReportColour(0x0A0A0A).relativeLuminance - 10 / 255 / 12.92) < 0.0000001)
  }

  @Test func everyTextColourHasAContrastOfAtLeastFourAndAHalf() {
    for pair in ReportPalette.textPairs {
      let ratio = pair.text.contrast(with: pair.background)
      #expect(ratio >= 4.5, "\(pair.name): \(ratio)")
    }
  }

  @Test func everyStatusFillStandsOutFromThePage() {
    for status in Status.allCases {
      let ratio = ReportPalette.fill(status).contrast(with: ReportPalette.background)
      #expect(ratio >= 3, "\(status.words): \(ratio)")
    }
    #expect(ReportPalette.series.contrast(with: ReportPalette.background) >= 3)
    #expect(ReportPalette.target.contrast(with: ReportPalette.background) >= 3)
  }

  @Test func colourIsWrittenAsCSS() {
    #expect(ReportColour(0x1F4E99).css == "#1f4e99")
    #expect(ReportColour(red: 0, green: 10, blue: 255).css == "#000aff")
  }
}
