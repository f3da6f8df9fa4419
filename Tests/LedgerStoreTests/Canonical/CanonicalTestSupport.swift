import LedgerStore

/// Validates bytes as canonical JSON.
func validateCanonical(_ bytes: [UInt8]) throws(JSONError) {
  let result = bytes.withUnsafeBytes { bytes in
    Result { () throws(JSONError) in try CanonicalJSON.validate(bytes) }
  }
  try result.get()
}

/// Validates text as canonical JSON.
func validateCanonical(_ text: String) throws(JSONError) {
  try validateCanonical(Array(text.utf8))
}

/// The bytes of `text` with `inserted` put in at `offset`, to build invalid UTF-8 and the like.
func jsonBytes(_ text: String, inserting inserted: [UInt8], at offset: Int) -> [UInt8] {
  var bytes = Array(text.utf8)
  bytes.insert(contentsOf: inserted, at: offset)
  return bytes
}
