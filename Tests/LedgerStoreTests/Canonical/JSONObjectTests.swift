import LedgerStore
import Testing

@Suite struct JSONObjectTests {
  @Test func keepsMembersSortedByUTF16CodeUnits() {
    let object: JSONObject = ["b": 1, "\u{FB33}": 2, "😀": 3, "a": 4, "B": 5, "": 6]
    #expect(object.map(\.key) == ["", "B", "a", "b", "😀", "\u{FB33}"])
  }

  @Test func sortsAMemberWhenItIsAdded() {
    var object: JSONObject = ["action": "7.3", "to": "on_track"]
    object["note"] = "reviewed"
    #expect(object.map(\.key) == ["action", "note", "to"])
    object["note"] = "amended"
    #expect(object["note"] == "amended")
    #expect(object.count == 3)
  }

  @Test func removesAMemberSetToNil() {
    var object: JSONObject = ["a": 1, "b": 2]
    object["a"] = nil
    object["missing"] = nil
    #expect(object == ["b": 2])
  }

  @Test func findsMembersByExactName() {
    let object: JSONObject = ["\u{E9}": 1, "e\u{301}": 2, "e": 3]
    #expect(object.count == 3)
    #expect(object["\u{E9}"] == 1)
    #expect(object["e\u{301}"] == 2)
    #expect(object["e"] == 3)
    #expect(object["E"] == nil)
  }

  @Test func answersNoValueRatherThanNullForAMissingMember() {
    let object: JSONObject = ["a": nil]
    #expect(object["a"] == .some(.null))
    #expect(object["b"] == JSONValue?.none)
    #expect(JSONValue.object(object)["b"] == JSONValue?.none)
  }

  @Test func tellsObjectsWithNamesInDifferentNormalizationsApart() {
    let composed: JSONObject = ["\u{E9}": 1]
    let decomposed: JSONObject = ["e\u{301}": 1]
    #expect(composed != decomposed)
    #expect(Set([composed, decomposed]).count == 2)
    #expect(composed == JSONObject(["\u{E9}": 1]))
  }

  @Test func createsAnObjectFromADictionary() {
    let object = JSONObject(["z": 1, "a": 2, "m": [3]])
    #expect(object.map(\.key) == ["a", "m", "z"])
    #expect(object == ["m": [3], "z": 1, "a": 2])
  }

  @Test func comparesMembersAndValues() {
    #expect(JSONObject(["a": 1]) != JSONObject(["a": 2]))
    #expect(JSONObject(["a": 1]) != JSONObject(["b": 1]))
    #expect(JSONObject(["a": 1]) != JSONObject(["a": 1, "b": 1]))
    #expect(JSONObject() == [:])
    #expect(JSONObject().isEmpty)
  }
}
