import LedgerStore

/// `person.registered`: someone who may record events or hold roles.
///
/// Stream `person/<id>`.
public struct PersonRegistered: Hashable, Sendable {
  /// Their identifier (initials, such as `PS`).
  public var person: PersonID
  /// Their name.
  public var name: String
  /// Their job title.
  public var title: String
  /// Their organisation.
  public var organisation: String

  /// Makes the event.
  public init(person: PersonID, name: String, title: String = "", organisation: String = "") {
    self.person = person
    self.name = name
    self.title = title
    self.organisation = organisation
  }

  init(_ payload: Payload) throws(PayloadError) {
    person = PersonID(try payload.string("person"))
    name = try payload.string("name")
    title = try payload.optionalString("title") ?? ""
    organisation = try payload.optionalString("organisation") ?? ""
  }

  var data: JSONObject {
    var data = DataBuilder()
    data["person"] = person.rawValue
    data["name"] = name
    data["title"] = title.isEmpty ? nil : title
    data["organisation"] = organisation.isEmpty ? nil : organisation
    return data.object
  }

  var stream: String { "person/" + person.rawValue }
}

/// A role someone holds: its name and what it is of (`sro` of `priority 7`).
///
/// Names keep the source's wording and compare without regard to case, so
/// `Lead Officer` and `lead officer` are the same role.
public struct Role: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The role's name as written: `sro`, `lead officer`, `board chair`, `programme office`.
  public let name: String
  /// What it is of, such as `priority 7` or a board's name; empty for none.
  public let scope: String

  /// Makes a role.
  ///
  /// - Parameters:
  ///   - name: The role's name.
  ///   - scope: What it is of.
  public init(_ name: String, scope: String = "") {
    self.name = name
    self.scope = scope
  }

  /// The name in lower case, for comparing.
  public var key: String { name.lowercased() }

  /// `sro of priority 7`, or just the name.
  public var description: String {
    scope.isEmpty ? name : "\(name) of \(scope)"
  }

  /// Equal names (ignoring case) and equal scopes.
  public static func == (lhs: Role, rhs: Role) -> Bool {
    lhs.key == rhs.key && lhs.scope == rhs.scope
  }

  /// Hashes consistently with `==`.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(key)
    hasher.combine(scope)
  }

  /// Orders by name, then scope (numbers in numeric order).
  public static func < (lhs: Role, rhs: Role) -> Bool {
    lhs.key != rhs.key ? lhs.key < rhs.key : NumberOrder.precedes(lhs.scope, rhs.scope)
  }

  /// The roles the policy and the reports know by name.
  public static let sro = "sro"
  /// An action's lead officer.
  public static let leadOfficer = "lead officer"
  /// The programme office, which may record for everyone.
  public static let programmeOffice = "programme office"
  /// The board secretary, who records decisions.
  public static let boardSecretary = "board secretary"
  /// The board's chair.
  public static let boardChair = "board chair"
}

/// `role.assigned`: someone takes on a role.
///
/// Stream `person/<id>`.
public struct RoleAssigned: Hashable, Sendable {
  /// Who.
  public var person: PersonID
  /// Which role.
  public var role: Role

  /// Makes the event.
  public init(person: PersonID, role: Role) {
    self.person = person
    self.role = role
  }

  init(_ payload: Payload) throws(PayloadError) {
    person = PersonID(try payload.string("person"))
    role = Role(try payload.string("role"), scope: try payload.optionalString("scope") ?? "")
  }

  var data: JSONObject {
    var data = DataBuilder()
    data["person"] = person.rawValue
    data["role"] = role.name
    data["scope"] = role.scope.isEmpty ? nil : role.scope
    return data.object
  }

  var stream: String { "person/" + person.rawValue }
}

/// `role.ended`: someone leaves a role.
///
/// Stream `person/<id>`.
public struct RoleEnded: Hashable, Sendable {
  /// Who.
  public var person: PersonID
  /// Which role.
  public var role: Role

  /// Makes the event.
  public init(person: PersonID, role: Role) {
    self.person = person
    self.role = role
  }

  init(_ payload: Payload) throws(PayloadError) {
    let assigned = try RoleAssigned(payload)
    person = assigned.person
    role = assigned.role
  }

  var data: JSONObject { RoleAssigned(person: person, role: role).data }
  var stream: String { "person/" + person.rawValue }
}
