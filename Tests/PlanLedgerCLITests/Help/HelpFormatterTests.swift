import Foundation
import LedgerStore
import PlanLedger
import Testing

@testable import PlanLedgerCLI

/// Help for the root and every subcommand: every spelling prints the same text on
/// standard output and exits 0, laid out as `STYLE.md` says.
@Suite struct HelpFormatterTests {
  @Test(arguments: PlanLedgerCommand.subcommands.map { $0.name })
  func everyHelpSpellingPrintsTheSameText(name: String) {
    let help = planledger(name, "--help")
    #expect(help.status == .success)
    #expect(help.errors == "")
    #expect(help.output.hasPrefix("OVERVIEW: "))
    #expect(help.output.contains("\nUSAGE: planledger \(name)"))
    #expect(planledger(name, "-h") == help)
    #expect(planledger("help", name) == help)
    if name != "check-proof" {
      #expect(planledger(name, "--ledger", "nowhere", "--help") == help)
    }
  }

  @Test(arguments: [[]] + PlanLedgerCommand.subcommands.map { [$0.name] })
  func everyHelpLineFitsInEightyColumns(command: [String]) {
    let help = planledger(command + ["--help"])
    // The usage line is not wrapped (append's and prove's are longer than 80 columns).
    for line in help.output.split(separator: "\n") where !line.hasPrefix("USAGE: ") {
      #expect(line.count <= 80, "\(command): \(line)")
    }
  }

  @Test func rootHelpIsTheSameForEverySpelling() {
    let help = planledger()
    #expect(help.status == .success)
    #expect(help.output.hasPrefix("OVERVIEW: "))
    #expect(help.output.hasSuffix("\n  See 'planledger help <subcommand>' for detailed help.\n"))
    #expect(planledger("--help") == help)
    #expect(planledger("-h") == help)
    #expect(planledger("help") == help)
  }

  @Test func headHelpIsLaidOutAsDocumented() {
    #expect(
      planledger("head", "--help").output == """
        OVERVIEW: Show the Merkle tree head (size and root) a board can minute.

        USAGE: planledger head [--size <n>] [--format text|json] [--ledger <dir>]

        OPTIONS:
          --size <n>              An earlier tree size. (default: the current size)
          --format <format>       text or json. (default: text)
          --ledger <dir>          The ledger directory (or set PLANLEDGER_LEDGER).
                                  (default: EventLog)
          --snapshots <dir>       The snapshots directory (or set PLANLEDGER_SNAPSHOTS).
                                  (default: Snapshots beside the ledger)
          -h, --help              Show this help.

        """
    )
  }

  @Test func helpForAnUnknownSubcommandIsAUsageError() {
    #expect(
      planledger("help", "hed")
        == ToolRun(
          errors: "error: unknown subcommand \"hed\" (did you mean head?)\n"
            + "Run 'planledger --help' for the list of subcommands.\n",
          status: .usage
        )
    )
  }

  @Test func rootHelpIsTheGoldenFile() throws {
    let help = planledger()
    #expect(help.status == .success)
    #expect(help.errors == "")
    try expectGolden(help.output, named: "root-help.txt")
  }

  @Test func rootHelpListsEverySubcommandOnce() {
    let help = planledger("help").output
    let listed = help.split(separator: "\n")
      .drop { $0 != "SUBCOMMANDS:" }.dropFirst()
      .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") && !$0.hasPrefix("  See ") }
      .compactMap { $0.split(separator: " ").first.map(String.init) }
    #expect(listed == PlanLedgerCommand.subcommands.map { $0.name })
    #expect(Set(listed).count == listed.count)
  }

  @Test func theReadmesCommandTableNamesEverySubcommand() throws {
    let readme = try Repository.text("README.md")
    guard let start = readme.range(of: "## Commands\n\n|"),
      let end = readme.range(of: "\n\n", range: start.upperBound..<readme.endIndex)
    else {
      Issue.record("the README has no command table")
      return
    }
    // Every `name` in a cell of the table that is not an option.
    var named: Set<String> = []
    for cell in readme[start.upperBound..<end.lowerBound].split(separator: "|") {
      for piece in cell.split(separator: "`").enumerated() where piece.offset % 2 == 1 {
        if !piece.element.hasPrefix("-") { named.insert(String(piece.element)) }
      }
    }
    #expect(named == Set(PlanLedgerCommand.subcommands.map { $0.name }))
  }

  @Test(arguments: PlanLedgerCommand.subcommands.map { $0.name })
  func everyHelpListsEachOfItsOptions(name: String) throws {
    let command = try #require(PlanLedgerCommand.subcommands.first { $0.name == name })
    let help = planledger("help", name).output
    for option in command.allOptions {
      #expect(help.contains("\n  --\(option.name)") || option.name == "help", "\(option.name)")
    }
    #expect(help.contains("\n  -h, --help              Show this help.\n"))
  }

  @Test
  func appendHelpListsEveryPlanEventType() {
    let help = planledger("help", "append").output
    for type in PlanEventType.allCases {
      #expect(help.contains(type.rawValue), "\(type.rawValue)")
    }
  }
}
