public import LedgerStore

/// A person as `planledger people` lists them on a view's date: who they are and the roles
/// they hold.
public struct PersonRow: Hashable, Sendable {
  /// Their identifier.
  public let id: PersonID
  /// Their name.
  public let name: String
  /// Their job title.
  public let title: String
  /// Their organisation.
  public let organisation: String
  /// The roles they hold on the view's date, sorted.
  public let roles: [Role]

  /// Makes a row from a registration.
  ///
  /// - Parameters:
  ///   - person: The registration.
  ///   - roles: The roles held on the date.
  public init(_ person: PersonRegistered, roles: [Role]) {
    id = person.person
    name = person.name
    title = person.title
    organisation = person.organisation
    self.roles = roles
  }

  /// The row as `people --format json` prints it:
  /// `{"id":…,"name":…,"organisation":…,"roles":[…],"title":…}`.
  public var json: JSONValue {
    .object(
      JSONObject([
        "id": .string(id.rawValue),
        "name": .string(name),
        "title": .string(title),
        "organisation": .string(organisation),
        "roles": .array(roles.map { .string($0.description) }),
      ])
    )
  }
}

extension PlanBook {
  /// Everyone registered by a view's date or holding a role on it, with the roles they
  /// hold, in identifier order.
  ///
  /// A role held on the date implies that the person existed then, even where the ledger
  /// dates their registration later: the Croydon transcription registers people on the
  /// plan's date, 1 November 2017, though the board's chair held her role from August
  /// 2017. Such a person's details come from their registration as recorded in the view's
  /// slice, whatever its effective date (read only when some role holder needs it).
  ///
  /// - Parameter view: The view.
  /// - Returns: One row per person.
  /// - Throws: An I/O error or ``RecordError`` from reading the registrations.
  public func people(in view: PlanView) throws -> [PersonRow] {
    let state = view.state
    let holders = Set(state.roles.filter(\.value.value).map(\.key.person))
    var registrations = state.people.mapValues(\.value)
    if !holders.isSubset(of: registrations.keys) {
      let known = try self.view(TimeSlice(knownAt: view.slice.knownAt)).state.people
      for person in holders where registrations[person] == nil {
        registrations[person] = known[person]?.value
      }
    }
    return registrations.keys.sorted().compactMap { id in
      registrations[id].map { PersonRow($0, roles: view.roles(of: id)) }
    }
  }
}
