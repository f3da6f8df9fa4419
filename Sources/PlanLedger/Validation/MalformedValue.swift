public import LedgerStore

/// A value of a submission that is malformed on its face, whatever the ledger holds: a
/// usage error (exit status 2), where the other refusals are the ledger saying no (3).
///
/// It is found before anything is looked up, so the same value is refused the same way on
/// an empty ledger and a full one, and through every door (recording commands, raw
/// `append`, batch files; an import names the row and column instead). `description` is
/// one line naming the problem and the fix; it holds identifiers, dates and member names
/// only, never recorded free text.
public enum MalformedValue: Hashable, Sendable, CustomStringConvertible {
  /// An identifier an event defines that is blank or not of its form.
  case identifier(IdentifierForm, String)
  /// A text an event needs (a member of the event's type) that is empty or only spaces.
  case blank(type: String, member: String)
  /// An identifier named twice in one list (a member of the event's data).
  case repeated(member: String, value: String)
  /// A reassignment that names no new lead.
  case noNewLead(action: ActionID)
  /// Two dates of one thing in the wrong order: the `later` one (an end, a letter) falls
  /// before the `earlier` one (a start, an end). `what` names the thing.
  case datesOutOfOrder(
    what: String,
    earlier: String,
    earlierDate: CalendarDate,
    later: String,
    laterDate: CalendarDate
  )
  /// An `authority` object with no `seq`.
  case authorityWithoutSeq
  /// An `authority` whose `seq` is not a whole number of at least 1.
  case authoritySeqNotASeq
  /// An `authority` object with a member other than `seq`.
  case authorityMember(String)
  /// A policy rule's type that no event can have: neither an event type, nor a family of
  /// them (`board.*`), nor `*`.
  case noSuchEventType(String)

  /// What an authority names, in messages.
  static let theDecision = "the seq of the board decision that authorised it"

  /// The message for the user.
  public var description: String {
    switch self {
    case .identifier(let form, let value) where value.allSatisfy(\.isWhitespace):
      return "the \(form.words) is blank; give one such as \(form.example)"
    case .identifier(let form, let value):
      return
        "\"\(value)\" is not \(Refusal.article(form.words)) \(form.words) such as "
        + "\(form.example) (\(form.rule))"
    case .blank(let type, let member):
      return "\"\(member)\" is blank; \(Refusal.article(type)) \"\(type)\" event needs one"
    case .repeated(let member, let value):
      return "\"\(value)\" is named twice in \"\(member)\"; name each once"
    case .noNewLead(let action):
      return
        "reassigning action \(action) needs at least one new lead; an action keeps its lead "
        + "until another is named"
    case .datesOutOfOrder(let what, let earlier, let earlierDate, let later, let laterDate):
      return "the \(later) of \(what) (\(laterDate)) is before its \(earlier) (\(earlierDate))"
    case .authorityWithoutSeq:
      return "the authority has no \"seq\"; give {\"seq\": N}, N \(Self.theDecision)"
    case .authoritySeqNotASeq:
      return
        "the authority's \"seq\" is not a whole number of at least 1; give \(Self.theDecision)"
    case .authorityMember(let name):
      return "the authority has a member \"\(name)\"; it holds only \"seq\", \(Self.theDecision)"
    case .noSuchEventType(let type):
      return
        "a policy rule names \"\(type)\", which no event can be; name an event type such as "
        + "action.status_changed, a family such as board.*, or *"
    }
  }
}
