import Foundation
import Testing

@testable import LedgerStore

@Suite struct FileDescriptorTests {
  @Test func aDescriptorIsTheFileNamedInItsDirectoryAndNoOther() throws {
    let directory =
      FileManager.default.temporaryDirectory.path(percentEncoded: false)
      + "ledger-fd-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let file = try FileDescriptor.open(directory + "/0001.jsonl", O_RDWR | O_CREAT)
    defer { file.close() }
    #expect(file.isFile(named: "0001.jsonl", in: directory))
    #expect(!file.isFile(named: "0002.jsonl", in: directory))
    #expect(!file.isFile(named: "0001.json", in: directory))
    #expect(!file.isFile(named: "1.jsonl", in: directory + "/000"))
    #expect(!file.isFile(named: "0001.jsonl", in: directory + "x"))
    #expect(!file.isFile(named: "", in: directory + "/0001.jsonl"))
    #expect(!file.isFile(named: "/0001.jsonl", in: directory))
    #expect(!file.isFile(named: "0001.jsonl", in: String(directory.dropLast()) + "Z"))
  }
}
