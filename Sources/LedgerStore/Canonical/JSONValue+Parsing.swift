extension JSONValue {
  /// Parses JSON text in the log's subset, refusing everything outside it.
  ///
  /// Accepts objects, arrays, strings, integers in ``integerRange``, `true`, `false` and
  /// `null`, with spaces, tabs, line feeds and carriage returns between tokens and around the
  /// value. Refuses fractions and exponents (even `1E0`), leading zeros, duplicate member names
  /// (by exact code units), invalid UTF-8, unpaired surrogate escapes, invalid escapes, raw
  /// control characters in strings, anything after the value, nesting deeper than
  /// ``maximumDepth``, input longer than ``maximumLength`` and a byte order mark. Members end up
  /// in canonical order whatever order they were written in.
  ///
  /// - Parameter buffer: UTF-8 JSON text.
  /// - Throws: ``JSONError`` for the first problem, with its byte offset.
  public init(parsing buffer: UnsafeRawBufferPointer) throws(JSONError) {
    var parser = try Parser(buffer)
    try parser.reader.skipWhitespace()
    self = try parser.parseValue(depth: 0)
    try parser.reader.skipWhitespace()
    if !parser.reader.isAtEnd {
      throw .trailingCharacters(offset: parser.reader.position)
    }
  }

  /// Parses JSON text in the log's subset, refusing everything outside it.
  ///
  /// See ``init(parsing:)-(UnsafeRawBufferPointer)`` for what is accepted.
  ///
  /// - Parameter bytes: UTF-8 JSON text.
  /// - Throws: ``JSONError`` for the first problem, with its byte offset.
  public init(parsing bytes: some Collection<UInt8>) throws(JSONError) {
    let parsed = bytes.withContiguousStorageIfAvailable { bytes in
      Result { () throws(JSONError) in try JSONValue(parsing: UnsafeRawBufferPointer(bytes)) }
    }
    if let parsed {
      self = try parsed.get()
    } else {
      let result = Array(bytes).withUnsafeBytes { bytes in
        Result { () throws(JSONError) in try JSONValue(parsing: bytes) }
      }
      self = try result.get()
    }
  }

  /// Parses JSON text in the log's subset, refusing everything outside it.
  ///
  /// See ``init(parsing:)-(UnsafeRawBufferPointer)`` for what is accepted. Offsets in errors
  /// count the text's UTF-8 bytes.
  ///
  /// - Parameter text: JSON text.
  /// - Throws: ``JSONError`` for the first problem, with its byte offset.
  public init(parsing text: String) throws(JSONError) {
    var text = text
    let result = text.withUTF8 { bytes in
      Result { () throws(JSONError) in try JSONValue(parsing: UnsafeRawBufferPointer(bytes)) }
    }
    self = try result.get()
  }
}

/// Builds a ``JSONValue`` from the tokens a ``JSONReader`` checks.
private struct Parser {
  var reader: JSONReader

  init(_ buffer: UnsafeRawBufferPointer) throws(JSONError) {
    reader = try JSONReader(buffer, canonical: false)
  }

  mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
    switch try reader.peek() {
    case UInt8(ascii: "{"):
      return .object(try parseObject(depth: depth + 1))
    case UInt8(ascii: "["):
      return .array(try parseArray(depth: depth + 1))
    case UInt8(ascii: "\""):
      return .string(reader.decodeString(try reader.readString()))
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return .integer(try reader.readInteger())
    case UInt8(ascii: "t"):
      try reader.readLiteral("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try reader.readLiteral("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try reader.readLiteral("null")
      return .null
    default:
      throw .unexpectedCharacter(offset: reader.position)
    }
  }

  mutating func parseArray(depth: Int) throws(JSONError) -> [JSONValue] {
    try reader.checkDepth(depth)
    reader.position += 1
    try reader.skipWhitespace()
    var elements: [JSONValue] = []
    if try reader.peek() == UInt8(ascii: "]") {
      reader.position += 1
      return elements
    }
    while true {
      elements.append(try parseValue(depth: depth))
      try reader.skipWhitespace()
      switch try reader.peek() {
      case UInt8(ascii: ","):
        reader.position += 1
        try reader.skipWhitespace()
      case UInt8(ascii: "]"):
        reader.position += 1
        return elements
      default:
        throw .unexpectedCharacter(offset: reader.position)
      }
    }
  }

  /// Parses an object, refusing a duplicate name as soon as it is read, so that the error is
  /// the first problem in the text.
  ///
  /// Members usually arrive sorted (the log is canonical), so each name is compared with the
  /// one before; only an object out of order pays for a set of the names seen.
  mutating func parseObject(depth: Int) throws(JSONError) -> JSONObject {
    try reader.checkDepth(depth)
    reader.position += 1
    try reader.skipWhitespace()
    var members: [JSONObject.Element] = []
    if try reader.peek() == UInt8(ascii: "}") {
      reader.position += 1
      return JSONObject(sortedMembers: members)
    }
    var seen: Set<ExactString>?
    while true {
      guard try reader.peek() == UInt8(ascii: "\"") else {
        throw .unexpectedCharacter(offset: reader.position)
      }
      let nameOffset = reader.position
      let name = reader.decodeString(try reader.readString())
      if seen == nil, let previous = members.last {
        let order = ExactText.compare(previous.key, name)
        if order == 0 {
          throw .duplicateMember(name: name, offset: nameOffset)
        }
        if order > 0 {
          seen = Set(members.lazy.map { ExactString(string: $0.key) })
        }
      }
      if let isNew = seen?.insert(ExactString(string: name)).inserted, !isNew {
        throw .duplicateMember(name: name, offset: nameOffset)
      }
      try reader.consume(UInt8(ascii: ":"))
      try reader.skipWhitespace()
      members.append((key: name, value: try parseValue(depth: depth)))
      try reader.skipWhitespace()
      switch try reader.peek() {
      case UInt8(ascii: ","):
        reader.position += 1
        try reader.skipWhitespace()
      case UInt8(ascii: "}"):
        reader.position += 1
        if seen != nil {
          members.sort { ExactText.precedes($0.key, $1.key) }
        }
        return JSONObject(sortedMembers: members)
      default:
        throw .unexpectedCharacter(offset: reader.position)
      }
    }
  }
}
