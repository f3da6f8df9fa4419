import Foundation
import LedgerStore
import Testing

/// The whole-file operations the layers above the engine use instead of Foundation: each
/// failure names the file and the system's own reason.
@Suite struct LedgerFilesTests {
  @Test func writesAtomicallyReadsBackAndLists() throws {
    try withTemporaryDirectory { directory in
      let folder = directory.path + "/a/b"
      try LedgerFiles.makeDirectory(folder)
      try LedgerFiles.makeDirectory(folder)  // already there: not an error
      let big = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
      try LedgerFiles.write(big, to: folder + "/z.json")
      try LedgerFiles.write(Array("old".utf8), to: folder + "/B.json")
      try LedgerFiles.write(Array("new".utf8), to: folder + "/B.json")
      #expect(try LedgerFiles.read(folder + "/z.json") == big)
      #expect(try LedgerFiles.read(folder + "/B.json") == Array("new".utf8))
      // Sorted by bytes, no temporary file left behind.
      #expect(try LedgerFiles.names(in: folder) == ["B.json", "z.json"])
      try LedgerFiles.remove(folder + "/B.json")
      try LedgerFiles.remove(folder + "/B.json")  // already gone: not an error
      #expect(try LedgerFiles.names(in: folder) == ["z.json"])
    }
  }

  @Test func readsFilesThatReportNoSize() throws {
    // /proc files report a size of 0; the boot id is read from one.
    let bootID = try LedgerFiles.read("/proc/sys/kernel/random/boot_id")
    #expect(bootID.count == 37)
  }

  @Test func failuresNameTheFileAndTheReason() throws {
    try withTemporaryDirectory { directory in
      let missing = directory.path + "/missing.jsonl"
      #expect(throws: LedgerStoreError.io(file: missing, step: "read", errno: ENOENT)) {
        try LedgerFiles.read(missing)
      }
      #expect(throws: LedgerStoreError.io(file: directory.path, step: "read", errno: EISDIR)) {
        try LedgerFiles.read(directory.path)
      }
      #expect(
        LedgerStoreError.io(file: directory.path, step: "read", errno: EISDIR).description
          == "cannot read \"\(directory.path)\": is a directory"
      )
      let into = directory.path + "/no/such/folder/file.json"
      #expect(throws: LedgerStoreError.io(file: into, step: "write", errno: ENOENT)) {
        try LedgerFiles.write([1], to: into)
      }
      try LedgerFiles.write([], to: missing)
      #expect(throws: LedgerStoreError.io(file: missing, step: "list", errno: ENOTDIR)) {
        _ = try LedgerFiles.names(in: missing)
      }
    }
  }
}
