// swift-tools-version:6.2
import PackageDescription

let package = Package(
  name: "PlanLedger",
  products: [
    .executable(name: "planledger", targets: ["PlanLedgerCLI"]),
    .executable(name: "planledger-benchmark", targets: ["PlanLedgerBenchmark"]),
    .library(name: "LedgerStore", targets: ["LedgerStore"]),
    .library(name: "PlanLedger", targets: ["PlanLedger"]),
    .library(name: "PlanReports", targets: ["PlanReports"]),
  ],
  targets: [
    .target(name: "CSHA256"),
    .target(name: "CLedgerSystem"),
    .target(name: "LedgerStore", dependencies: ["CSHA256", "CLedgerSystem"]),
    .target(name: "PlanLedger", dependencies: ["LedgerStore"]),
    .target(name: "PlanReports", dependencies: ["PlanLedger", "LedgerStore"]),
    .executableTarget(
      name: "PlanLedgerCLI",
      dependencies: ["PlanReports", "PlanLedger", "LedgerStore"],
      // A release build carries its Swift runtime: each command starts without loading
      // and binding a dozen shared libraries, in about 4 MB less memory. (Debug builds and
      // the test bundles, which load the runtime for the test libraries, stay dynamic.)
      linkerSettings: [
        .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))
      ]
    ),
    .executableTarget(
      name: "PlanLedgerBenchmark",
      dependencies: ["PlanLedger", "LedgerStore", "CLedgerSystem"]
    ),
    .testTarget(name: "LedgerStoreTests", dependencies: ["LedgerStore"]),
    .testTarget(name: "PlanLedgerTests", dependencies: ["PlanLedger", "LedgerStore"]),
    .testTarget(
      name: "PlanReportsTests",
      dependencies: ["PlanReports", "PlanLedger", "LedgerStore"],
      exclude: ["Golden"]
    ),
    .testTarget(
      name: "PlanLedgerCLITests",
      dependencies: ["PlanLedgerCLI", "PlanLedger", "LedgerStore"],
      exclude: ["Golden"]
    ),
  ],
  swiftLanguageModes: [.v6]
)

for target in package.targets where !["CSHA256", "CLedgerSystem"].contains(target.name) {
  target.swiftSettings =
    (target.swiftSettings ?? []) + [
      .enableUpcomingFeature("ExistentialAny"),
      .enableUpcomingFeature("InternalImportsByDefault"),
      .enableUpcomingFeature("MemberImportVisibility"),
      .treatWarning("ExplicitSendable", as: .error),
    ]
}
