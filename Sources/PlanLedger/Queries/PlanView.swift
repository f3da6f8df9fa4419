public import LedgerStore

/// The plan as it stood in one ``TimeSlice``: what `planledger state` shows.
public struct PlanView: Hashable, Sendable {
  /// The slice.
  public let slice: TimeSlice
  /// The date the view is of (the as-of date, or the date of the last event in the
  /// ledger when no as-of date is given).
  public let date: CalendarDate
  /// The tree head of the ledger it was computed from.
  public let head: TreeHead
  /// The folded state.
  public let state: PlanState
  /// Every action, in plan order.
  public internal(set) var actions: [ActionRow]

  /// Makes the view of a state.
  ///
  /// - Parameters:
  ///   - state: The folded state.
  ///   - slice: The slice it was folded for.
  ///   - date: The date the flags are computed on.
  ///   - head: The ledger's tree head.
  public init(state: PlanState, slice: TimeSlice, date: CalendarDate, head: TreeHead) {
    self.state = state
    self.slice = slice
    self.date = date
    self.head = head
    actions = state.actions.values.map { ActionRow($0, on: date) }.sorted { $0.number < $1.number }
  }

  /// Counts by status, and the flags, for a set of actions.
  public struct Summary: Hashable, Sendable {
    /// Actions counted (withdrawn ones left out).
    public var total = 0
    /// Count per status.
    public var byStatus: [Status: Int] = [:]
    /// Computed overdue (a due date passed, not complete).
    public var overdue = 0
    /// Drifting.
    public var drifting = 0
    /// Stale.
    public var stale = 0
    /// At risk for three months or more.
    public var atRiskLong = 0
    /// Withdrawn.
    public var withdrawn = 0

    init(_ rows: some Sequence<ActionRow>) {
      for row in rows {
        if row.withdrawn {
          withdrawn += 1
          continue
        }
        total += 1
        byStatus[row.status, default: 0] += 1
        if row.overdue { overdue += 1 }
        if row.drifting { drifting += 1 }
        if row.stale { stale += 1 }
        if row.atRiskLong { atRiskLong += 1 }
      }
    }

    /// The count for one status.
    public func count(_ status: Status) -> Int {
      byStatus[status] ?? 0
    }
  }

  /// The summary of the whole plan.
  public var summary: Summary { Summary(actions) }

  /// The summary of each priority, in order.
  public var byPriority: [(priority: PriorityNumber, summary: Summary)] {
    let groups = Dictionary(grouping: actions, by: \.priority)
    return groups.keys.sorted().map { ($0, Summary(groups[$0] ?? [])) }
  }

  /// The summary of each workstream, in the order their priorities come.
  public var byWorkstream: [(workstream: String, summary: Summary)] {
    var order: [String] = []
    var groups: [String: [ActionRow]] = [:]
    for row in actions {
      let workstream = state.priorities[row.priority]?.value.workstream ?? ""
      if groups[workstream] == nil { order.append(workstream) }
      groups[workstream, default: []].append(row)
    }
    return order.map { ($0, Summary(groups[$0] ?? [])) }
  }

  /// Who holds a role on the view's date.
  ///
  /// - Parameter role: The role.
  /// - Returns: The holders, sorted.
  public func holders(of role: Role) -> [PersonID] {
    state.roles.filter { $0.key.role == role && $0.value.value }.map(\.key.person).sorted()
  }

  /// The SRO of a priority on the view's date.
  public func sro(of priority: PriorityNumber) -> [PersonID] {
    holders(of: Role(Role.sro, scope: "priority \(priority.rawValue)"))
  }

  /// The roles a person holds on the view's date.
  public func roles(of person: PersonID) -> [Role] {
    state.roles.filter { $0.key.person == person && $0.value.value }.map(\.key.role).sorted()
  }

  /// A person's name, or their identifier if not registered.
  public func name(of person: PersonID) -> String {
    state.people[person]?.value.name ?? person.rawValue
  }
}

extension PlanView {
  /// The same view with only one priority's actions.
  ///
  /// - Parameter priority: The priority to keep.
  /// - Returns: The filtered view.
  public func filtered(priority: PriorityNumber) -> PlanView {
    var copy = self
    copy.actions = actions.filter { $0.priority == priority }
    return copy
  }
}
