import LedgerStore
import Testing

@Suite struct JSONValueTests {
  @Test func buildsEveryKindFromLiterals() {
    let value: JSONValue = [
      "n": nil, "b": true, "i": -3, "s": "x", "a": [1, "y"], "o": ["k": false],
    ]
    #expect(
      value
        == .object(
          JSONObject([
            "n": .null, "b": .bool(true), "i": .integer(-3), "s": .string("x"),
            "a": .array([.integer(1), .string("y")]), "o": .object(JSONObject(["k": .bool(false)])),
          ])
        )
    )
  }

  @Test func readsValuesThroughTheAccessors() {
    let value: JSONValue = ["seq": 12, "type": "action.created", "ok": true, "tags": ["a"]]
    #expect(value["seq"]?.integerValue == 12)
    #expect(value["type"]?.stringValue == "action.created")
    #expect(value["ok"]?.boolValue == true)
    #expect(value["tags"]?.arrayValue == ["a"])
    #expect(value.objectValue?.count == 4)
    #expect(value["missing"] == nil)
  }

  @Test func answersNilForTheWrongKind() {
    let value: JSONValue = "12"
    #expect(value.integerValue == nil)
    #expect(value.boolValue == nil)
    #expect(value.arrayValue == nil)
    #expect(value.objectValue == nil)
    #expect(value["a"] == nil)
    #expect(JSONValue.integer(1).stringValue == nil)
  }

  @Test func tellsStringsApartByExactScalarsNotByCanonicalEquivalence() {
    let composed = JSONValue.string("\u{E9}")
    let decomposed = JSONValue.string("e\u{301}")
    #expect("\u{E9}" == "e\u{301}")  // Swift's String equality, which JSON must not use
    #expect(composed != decomposed)
    #expect(Set([composed, decomposed]).count == 2)
    #expect(JSONValue.array([composed]) != JSONValue.array([decomposed]))
  }

  @Test func hashesEqualValuesAlike() {
    let text = #"{"a":[1,"\u00e9",{"b":null}],"c":true}"#
    let values = [
      try? JSONValue(parsing: text), try? JSONValue(parsing: text),
      ["a": [1, "\u{E9}", ["b": nil]], "c": true],
    ]
    #expect(Set(values).count == 1)
  }

  @Test func tellsKindsApart() {
    let values: [JSONValue] = [nil, false, 0, "", [], .object([:]), "0", "false", [nil]]
    #expect(Set(values).count == values.count)
  }
}
