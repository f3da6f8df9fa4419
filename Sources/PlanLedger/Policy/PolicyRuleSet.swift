import LedgerStore

/// One rule: which roles may record which event types, optionally only for the actions
/// they lead.
public struct PolicyRule: Hashable, Sendable {
  /// The roles allowed (`lead officer`, `programme office`); `*` is any registered person.
  public var roles: [String]
  /// The event types allowed: exact (`action.status_changed`), a family (`board.*`), or `*`.
  public var types: [String]
  /// Whether a lead officer may record only for the actions they lead on the event's date.
  public var ownActionsOnly: Bool

  /// Makes a rule.
  ///
  /// - Parameters:
  ///   - roles: The roles allowed, or `["*"]`.
  ///   - types: The event types allowed.
  ///   - ownActionsOnly: Whether only for actions the actor leads.
  public init(roles: [String], types: [String], ownActionsOnly: Bool = false) {
    self.roles = roles.map { $0.lowercased() }
    self.types = types
    self.ownActionsOnly = ownActionsOnly
  }

  /// Whether the rule covers an event type.
  ///
  /// A rule that allows `action.status_changed` also allows `action.progress_noted`: a lead
  /// who may rate an action may report on it without a new rating, also under rule sets
  /// recorded before that type existed.
  public func covers(_ type: String) -> Bool {
    if type == PlanEventType.actionProgressNoted.rawValue
      && covers(PlanEventType.actionStatusChanged.rawValue)
    {
      return true
    }
    return types.contains { pattern in
      pattern == "*" || pattern == type
        || (pattern.hasSuffix(".*") && type.hasPrefix(String(pattern.dropLast())))
    }
  }

  var json: JSONValue {
    var members: [String: JSONValue] = [
      "roles": .array(roles.map { .string($0) }),
      "types": .array(types.map { .string($0) }),
    ]
    if ownActionsOnly { members["own_actions"] = true }
    return .object(JSONObject(members))
  }

  /// The rule in words, for `planledger policy` and refusals.
  public var words: String {
    let who = roles == ["*"] ? "any registered person" : roles.joined(separator: " or ")
    let what = types == ["*"] ? "any event" : types.joined(separator: ", ")
    return "\(who) may record \(what)" + (ownActionsOnly ? " for the actions they lead" : "")
  }
}

/// `policy.rule_set`: the rules in force from its effective date.
///
/// Stream `policy`.
///
/// Recorded in the ledger itself, so every change of the rules is audited too.
public struct PolicyRuleSet: Hashable, Sendable {
  /// The rules; an event is allowed when any rule allows it.
  public var rules: [PolicyRule]
  /// Whether marking an action complete needs an `authority`: a board decision that
  /// concerns that action.
  public var completeNeedsAuthority: Bool

  /// Makes a rule set.
  ///
  /// - Parameters:
  ///   - rules: The rules.
  ///   - completeNeedsAuthority: Whether completion needs a board decision.
  public init(rules: [PolicyRule], completeNeedsAuthority: Bool = false) {
    self.rules = rules
    self.completeNeedsAuthority = completeNeedsAuthority
  }

  /// The rules of a new ledger: any registered person may record anything, so a
  /// first-time user is not blocked.
  public static let permissive = PolicyRuleSet(rules: [PolicyRule(roles: ["*"], types: ["*"])])

  /// The rules the plan's governance describes: lead officers report on their own actions;
  /// decisions and findings only by the programme office or the board secretary; the
  /// programme office may record anything; completion needs a board decision.
  public static let governance = PolicyRuleSet(
    rules: [
      PolicyRule(
        roles: [Role.leadOfficer],
        types: ["action.status_changed", "action.due_revised"],
        ownActionsOnly: true
      ),
      PolicyRule(
        roles: [Role.programmeOffice, Role.boardSecretary],
        types: ["board.*", "monitoring.*", "measure.recorded"]
      ),
      PolicyRule(roles: [Role.programmeOffice], types: ["*"]),
    ],
    completeNeedsAuthority: true
  )

  init(_ payload: Payload) throws(PayloadError) {
    guard case .array(let elements)? = try payload.value("rules") else {
      throw .wrongType("rules", "a list of rules")
    }
    var rules: [PolicyRule] = []
    for element in elements {
      guard let roles = element["roles"]?.arrayValue?.compactMap(\.stringValue),
        let types = element["types"]?.arrayValue?.compactMap(\.stringValue),
        !roles.isEmpty, !types.isEmpty
      else {
        throw .wrongType("rules", "a list of {roles, types, own_actions} objects")
      }
      rules.append(
        PolicyRule(
          roles: roles,
          types: types,
          ownActionsOnly: element["own_actions"]?.boolValue ?? false
        )
      )
    }
    self.rules = rules
    completeNeedsAuthority = try payload.optionalBool("complete_needs_authority") ?? false
  }

  var data: JSONObject {
    var members: [String: JSONValue] = ["rules": .array(rules.map(\.json))]
    if completeNeedsAuthority { members["complete_needs_authority"] = true }
    return JSONObject(members)
  }

  var stream: String { "policy" }
}
