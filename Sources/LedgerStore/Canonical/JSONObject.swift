/// A JSON object: members with distinct names, kept in RFC 8785 canonical order.
///
/// Members are sorted by the UTF-16 code units of their names, the order canonical form writes
/// them in, whatever order they were given or parsed in. Names are distinct and looked up by
/// exact Unicode scalars, so `"é"` (U+00E9) and `"e\u{301}"` name two different members,
/// although Swift's `String` calls them equal.
///
/// ```swift
/// var data: JSONObject = ["to": "on_track", "action": "7.3"]
/// data.map(\.key)  // ["action", "to"]
/// data["note"] = "reviewed at the board"
/// ```
public struct JSONObject: Hashable, Sendable {
  /// The members, sorted by name in UTF-16 code unit order, with no two names equal.
  private var members: [Element]

  /// Creates an empty object.
  public init() {
    members = []
  }

  /// Creates an object with the members of a dictionary.
  ///
  /// A `Dictionary` keys by Swift's canonical equivalence, so it cannot hold both `"é"` and
  /// `"e\u{301}"`; use a dictionary literal for such names.
  ///
  /// - Parameter dictionary: The members.
  public init(_ dictionary: [String: JSONValue]) {
    members = dictionary.map { (key: $0.key, value: $0.value) }
    members.sort { ExactText.precedes($0.key, $1.key) }
  }

  /// Creates an object from members written in code; no two names may be the same.
  ///
  /// - Parameter members: The members, in any order.
  init(members: some Sequence<(String, JSONValue)>) {
    self.members = members.map { (key: $0.0, value: $0.1) }
    self.members.sort { ExactText.precedes($0.key, $1.key) }
    for index in self.members.indices.dropFirst() {
      precondition(
        !ExactText.equal(self.members[index - 1].key, self.members[index].key),
        "duplicate JSON member name in code"
      )
    }
  }

  /// Wraps members that are already sorted and distinct, as the parser produces them.
  ///
  /// - Parameter sortedMembers: Members in UTF-16 code unit order of their names, no two names
  ///   equal.
  init(sortedMembers: [Element]) {
    members = sortedMembers
  }

  /// The value of the member named `key`, or `nil` when there is none; setting `nil` removes
  /// the member.
  ///
  /// - Parameter key: The member name, matched by exact Unicode scalars.
  public subscript(key: String) -> JSONValue? {
    get {
      let (index, isFound) = search(for: key)
      // Not `isFound ? … : nil`: that `nil` would be a `JSONValue` literal, that is `.null`.
      guard isFound else {
        return JSONValue?.none
      }
      return members[index].value
    }
    set {
      let (index, isFound) = search(for: key)
      switch (newValue, isFound) {
      case (let value?, true):
        members[index].value = value
      case (let value?, false):
        members.insert((key: key, value: value), at: index)
      case (nil, true):
        members.remove(at: index)
      case (nil, false):
        break
      }
    }
  }

  /// Binary search for a member name.
  ///
  /// - Parameter key: The name to find.
  /// - Returns: The member's index when found, otherwise the index where it would go.
  private func search(for key: String) -> (index: Int, isFound: Bool) {
    var low = 0
    var high = members.count
    while low < high {
      let middle = (low + high) / 2
      let order = ExactText.compare(members[middle].key, key)
      if order == 0 {
        return (middle, true)
      }
      if order < 0 {
        low = middle + 1
      } else {
        high = middle
      }
    }
    return (low, false)
  }

  /// Whether two objects have the same members, comparing names and strings by their exact
  /// Unicode scalars.
  ///
  /// - Parameters:
  ///   - lhs: One object.
  ///   - rhs: The other object.
  /// - Returns: `true` when both have the same canonical form.
  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    lhs.members.count == rhs.members.count
      && zip(lhs.members, rhs.members).allSatisfy {
        ExactText.equal($0.key, $1.key) && $0.value == $1.value
      }
  }

  /// Feeds the members to a hasher, names and strings by their exact Unicode scalars.
  ///
  /// - Parameter hasher: The hasher to feed.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(members.count)
    for member in members {
      ExactText.hash(member.key, into: &hasher)
      hasher.combine(member.value)
    }
  }
}

extension JSONObject: RandomAccessCollection {
  /// A member: its name and its value.
  public typealias Element = (key: String, value: JSONValue)

  /// The position of the first member, always 0.
  public var startIndex: Int {
    0
  }

  /// The number of members.
  public var endIndex: Int {
    members.count
  }

  /// The member at a position, counting in canonical order.
  ///
  /// - Parameter position: A valid index.
  public subscript(position: Int) -> Element {
    members[position]
  }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
  /// Creates an object from members written in code; no two names may be the same.
  ///
  /// - Parameter elements: The members, in any order.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self.init(members: elements)
  }
}
