extension PlanState {
  /// Combines the state of another part of the log (or a snapshot's tail) with this one.
  ///
  /// Every member is a ``Versioned`` value (the later stamp wins), a count (they add) or a
  /// set of events (they unite), so `a.merge(b)` is the fold of the events of both, in any
  /// order. Replay uses it to fold the two halves of a log on two cores.
  ///
  /// - Parameter other: The state of other events (disjoint from this one's).
  public mutating func merge(_ other: PlanState) {
    func later<Value>(_ slot: inout Versioned<Value>?, _ value: Versioned<Value>?) {
      guard let value else { return }
      if slot == nil {
        slot = value
      } else {
        slot?.offer(value.value, at: value.stamp)
      }
    }
    func union<Key, Value>(_ mine: inout [Key: Versioned<Value>], _ theirs: [Key: Versioned<Value>])
    {
      mine.merge(theirs) { $0.stamp > $1.stamp ? $0 : $1 }
    }
    later(&plan, other.plan)
    union(&workstreams, other.workstreams)
    union(&priorities, other.priorities)
    union(&recommendations, other.recommendations)
    union(&people, other.people)
    union(&roles, other.roles)
    union(&meetings, other.meetings)
    union(&visits, other.visits)
    union(&inspections, other.inspections)
    union(&facts, other.facts)
    decisions.merge(other.decisions) { first, _ in first }
    findings.merge(other.findings) { first, _ in first }
    later(&policy, other.policy)
    applied += other.applied
    if let date = other.firstPlanDate { firstPlanDate = min(firstPlanDate ?? date, date) }
    retractedBy.merge(other.retractedBy) { min($0, $1) }
    correctedBy.merge(other.correctedBy) { max($0, $1) }

    for (number, theirs) in other.actions.merging(
      other.partialActions,
      uniquingKeysWith: { a, b in
        var merged = a
        merged.merge(b)
        return merged
      }
    ) {
      var mine =
        actions.removeValue(forKey: number) ?? partialActions.removeValue(forKey: number)
        ?? ActionState()
      mine.merge(theirs)
      if mine.isDefined { actions[number] = mine } else { partialActions[number] = mine }
    }
    for (id, theirs) in other.measures.merging(
      other.partialMeasures,
      uniquingKeysWith: { a, b in
        var merged = a
        merged.merge(b)
        return merged
      }
    ) {
      var mine =
        measures.removeValue(forKey: id) ?? partialMeasures.removeValue(forKey: id)
        ?? MeasureState()
      mine.merge(theirs)
      if mine.isDefined { measures[id] = mine } else { partialMeasures[id] = mine }
    }
  }
}
