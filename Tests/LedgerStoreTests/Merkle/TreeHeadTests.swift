import LedgerStore
import Testing

@Suite struct TreeHeadTests {
  @Test func jsonIsRootThenSize() throws {
    let root = try #require(
      SHA256Digest(hex: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")
    )
    #expect(
      TreeHead(size: 8, root: root).json.canonicalText
        == #"{"root":"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328","size":8}"#
    )
  }
}
