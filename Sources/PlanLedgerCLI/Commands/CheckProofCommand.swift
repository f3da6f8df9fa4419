import LedgerStore

/// `planledger check-proof`: verifies a proof offline, with no ledger.
struct CheckProofCommand: Subcommand {
  static let name = "check-proof"
  static let abstract = "Check an inclusion or consistency proof offline."
  static let discussion =
    "Reads a proof printed by 'planledger prove' and checks it by RFC 9162 alone. For an "
    + "inclusion proof, --line FILE gives the event's line (as 'export' prints it) and the "
    + "proof's leaf_hash must be its leaf hash; without it the proof's leaf_hash is used. "
    + "Exits 0 when the proof checks, 1 when it does not."
  static let usageLine = "<file> [--line <file>] [--root <hex>]"
  static let arguments = [ArgumentSpec(name: "file", help: "The proof (- for standard input).")]
  static let usesLedger = false
  static let options: [OptionSpec] = [
    OptionSpec("line", value: "file", help: "The event line the inclusion proof is for."),
    OptionSpec("root", value: "hex", help: "The root you trust (e.g. from board minutes)."),
  ]

  let file: String
  let lineFile: String?
  let trustedRoot: SHA256Digest?

  init(_ arguments: ParsedArguments, environment: ToolEnvironment) throws(UsageError) {
    file = arguments.positionals[0]
    lineFile = arguments.value("line")
    if let text = arguments.value("root") {
      guard let root = SHA256Digest(hex: text) else {
        throw .invalidValue(option: "--root", value: text, expected: "64 hexadecimal digits")
      }
      trustedRoot = root
    } else {
      trustedRoot = nil
    }
  }

  func run(context: CommandContext) throws {
    let bytes = try context.environment.readFile(file)
    let json: JSONValue
    do {
      json = try JSONValue(parsing: bytes)
    } catch {
      throw IntegrityFailure(description: "\(file) is not a proof: \(error)")
    }
    if let proof = InclusionProof(json: json) {
      if let lineFile {
        var line = try context.environment.readFile(lineFile)
        if line.last == 0x0A { line.removeLast() }
        let leaf = line.withUnsafeBytes { SHA256.leafHash($0) }
        guard leaf == proof.leafHash else {
          throw IntegrityFailure(
            description: "the line's leaf hash is \(leaf), not the proof's \(proof.leafHash)"
          )
        }
      }
      guard proof.treeSize >= 1, (0..<proof.treeSize).contains(proof.leafIndex) else {
        throw IntegrityFailure(
          description:
            "the proof's leaf_index \(proof.leafIndex) is not a leaf of a tree of size "
            + "\(proof.treeSize) (leaf_index is seq - 1, from 0 to tree_size - 1); it does not "
            + "check"
        )
      }
      try checkRoot(proof.root)
      guard proof.isValid else {
        throw IntegrityFailure(
          description:
            "the inclusion proof of seq \(proof.leafIndex + 1) in the tree of size "
            + "\(proof.treeSize) does not check"
        )
      }
      context.print(
        "ok: seq \(proof.leafIndex + 1) is in the tree of size \(proof.treeSize), root \(proof.root)"
      )
    } else if let proof = ConsistencyProof(json: json) {
      if lineFile != nil {
        throw UsageError.invalidValue(
          option: "--line",
          value: lineFile ?? "",
          expected: "for a consistency proof (--line goes with an inclusion proof; leave it out)"
        )
      }
      guard proof.first >= 1, proof.first <= proof.second else {
        throw IntegrityFailure(
          description:
            "the proof's sizes \(proof.first) and \(proof.second) are not an earlier tree and a "
            + "later one (1 ≤ first ≤ second); it does not check"
        )
      }
      try checkRoot(proof.secondRoot)
      guard proof.isValid else {
        throw IntegrityFailure(
          description:
            "the consistency proof from size \(proof.first) to \(proof.second) does not check"
        )
      }
      context.print(
        "ok: the tree of size \(proof.second) (root \(proof.secondRoot)) extends the tree of "
          + "size \(proof.first) (root \(proof.firstRoot))"
      )
    } else {
      throw IntegrityFailure(
        description:
          "\(file) is neither an inclusion nor a consistency proof; give the JSON that "
          + "'planledger prove --seq N --format json' or 'planledger prove --consistency N "
          + "--format json' prints"
      )
    }
  }

  private func checkRoot(_ root: SHA256Digest) throws {
    if let trustedRoot, trustedRoot != root {
      throw IntegrityFailure(
        description: "the proof's root \(root) is not the trusted \(trustedRoot)"
      )
    }
  }
}
