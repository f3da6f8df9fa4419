#!/usr/bin/env python3
"""An independent checker for PlanLedger's public log format and proofs.

Written from RFC 8785 (JSON Canonicalization Scheme), RFC 9162 (Certificate
Transparency 2.0, sections 2.1.1 to 2.1.4) and the log format in DESIGN.md,
with the Python standard library only (json, hashlib).

    verify_ledger.py export FILE            check an export; print {"root":...,"size":N}
    verify_ledger.py inclusion PROOF LINE   check an inclusion proof for a line
    verify_ledger.py consistency PROOF      check a consistency proof

Exit status: 0 when everything checks, 1 when something does not, 2 on usage errors.
"""

import hashlib
import json
import sys

MAX_SAFE_INTEGER = 2**53 - 1
ZERO_HASH = "0" * 64
REQUIRED_MEMBERS = {"v", "seq", "type", "stream", "recorded", "effective", "actor", "data", "prev"}
OPTIONAL_MEMBERS = {"id", "authority", "source"}
STRING_MEMBERS = {"id", "type", "stream", "recorded", "effective", "actor", "prev"}
OBJECT_MEMBERS = {"authority", "source", "data"}


class Failure(Exception):
    """Something does not check; the message says what."""


# RFC 8785 for the log's subset of JSON: objects, arrays, strings, integers, true, false, null.

def _refuse_float(text):
    raise Failure("number %s is not an integer" % text)


def _refuse_constant(text):
    raise Failure("%s is not JSON" % text)


def _object_without_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise Failure("member %r appears twice" % key)
        result[key] = value
    return result


def parse(data):
    """Parses UTF-8 JSON text strictly: no duplicate names, integers only."""
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as error:
        raise Failure("not UTF-8: %s" % error)
    try:
        return json.loads(
            text,
            object_pairs_hook=_object_without_duplicates,
            parse_float=_refuse_float,
            parse_constant=_refuse_constant,
        )
    except ValueError as error:
        raise Failure("not JSON: %s" % error)


_SHORT_ESCAPES = {0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r",
                  0x22: '\\"', 0x5C: "\\\\"}


def _serialize_string(text):
    # RFC 8785 section 3.2.2.2: ECMAScript's JSON.stringify rules for strings.
    out = ['"']
    for char in text:
        code = ord(char)
        if code in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[code])
        elif code < 0x20:
            out.append("\\u%04x" % code)
        elif 0xD800 <= code <= 0xDFFF:
            raise Failure("a lone surrogate cannot be canonicalized")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _utf16_key(name):
    # Sorting UTF-16BE byte strings sorts by UTF-16 code units (RFC 8785 section 3.2.3).
    return name.encode("utf-16-be", errors="surrogatepass")


def canonicalize(value):
    """The RFC 8785 canonical text of a parsed value."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise Failure("integer %d is out of the range JSON numbers hold exactly" % value)
        return str(value)  # RFC 8785 section 3.2.2.3 for integers; -0 cannot occur in int
    if isinstance(value, str):
        return _serialize_string(value)
    if isinstance(value, list):
        return "[" + ",".join(canonicalize(item) for item in value) + "]"
    if isinstance(value, dict):
        names = sorted(value, key=_utf16_key)
        return "{" + ",".join(
            _serialize_string(name) + ":" + canonicalize(value[name]) for name in names
        ) + "}"
    raise Failure("unsupported value %r" % (value,))


# RFC 9162 section 2.1.1: the Merkle tree hash.

def sha256(data):
    return hashlib.sha256(data).digest()


def leaf_hash(line):
    return sha256(b"\x00" + line)


def node_hash(left, right):
    return sha256(b"\x01" + left + right)


def merkle_root(leaves):
    """MTH over leaf hashes, split at the largest power of two smaller than n."""
    if not leaves:
        return sha256(b"")
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node_hash(merkle_root(leaves[:k]), merkle_root(leaves[k:]))


def verify_inclusion(leaf, index, size, path, root):
    """RFC 9162 section 2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            r = node_hash(p, r)
            if fn % 2 == 0:
                while fn % 2 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first, second, first_root, second_root, path):
    """RFC 9162 section 2.1.4.2; equal sizes need an empty path and equal roots."""
    if first < 1 or first > second:
        return False
    if first == second:
        return not path and first_root == second_root
    if not path:
        return False
    if first & (first - 1) == 0:
        path = [first_root] + path
    fn, sn = first - 1, second - 1
    while fn % 2 == 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if fn % 2 == 0:
                while fn % 2 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_root and sr == second_root and sn == 0


# The log (DESIGN.md, "The log: a public format").

def check_event(number, line):
    event = parse(line)
    if not isinstance(event, dict):
        raise Failure("line %d is not a JSON object" % number)
    if canonicalize(event).encode("utf-8") != line:
        raise Failure("line %d is not its own RFC 8785 canonical form" % number)
    names = set(event)
    if not REQUIRED_MEMBERS <= names:
        raise Failure("line %d lacks %s" % (number, sorted(REQUIRED_MEMBERS - names)))
    if not names <= REQUIRED_MEMBERS | OPTIONAL_MEMBERS:
        raise Failure("line %d has unknown members %s"
                      % (number, sorted(names - REQUIRED_MEMBERS - OPTIONAL_MEMBERS)))
    for name in STRING_MEMBERS & names:
        if not isinstance(event[name], str):
            raise Failure("line %d: %s is not a string" % (number, name))
    for name in OBJECT_MEMBERS & names:
        if not isinstance(event[name], dict):
            raise Failure("line %d: %s is not an object" % (number, name))
    if event["v"] != 1 or isinstance(event["v"], bool):
        raise Failure("line %d: v is not 1" % number)
    if event["seq"] != number or isinstance(event["seq"], bool):
        raise Failure("line %d: seq is %r" % (number, event["seq"]))
    return event


def check_export(data):
    """Checks every line and the prev chain; returns the leaf hashes."""
    if data and not data.endswith(b"\n"):
        raise Failure("the export does not end with a newline")
    lines = data.split(b"\n")[:-1] if data else []
    leaves = []
    previous = ZERO_HASH
    for number, line in enumerate(lines, start=1):
        event = check_event(number, line)
        if event["prev"] != previous:
            raise Failure("line %d: prev does not name the leaf hash of line %d"
                          % (number, number - 1))
        leaves.append(leaf_hash(line))
        previous = leaves[-1].hex()
    return leaves


def read_hash(value, what):
    if not isinstance(value, str) or len(value) != 64 or value.strip("0123456789abcdef"):
        raise Failure("%s is not 64 lowercase hexadecimal digits" % what)
    return bytes.fromhex(value)


def read_size(value, what):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Failure("%s is not a whole number" % what)
    return value


def read_proof(data, members):
    proof = parse(data)
    if not isinstance(proof, dict) or set(proof) != members:
        raise Failure("the proof does not have exactly the members %s" % sorted(members))
    path = proof["path"]
    if not isinstance(path, list):
        raise Failure("path is not an array")
    return proof, [read_hash(item, "a path element") for item in path]


def command_export(arguments):
    with open(arguments[0], "rb") as file:
        leaves = check_export(file.read())
    head = {"root": merkle_root(leaves).hex(), "size": len(leaves)}
    print(canonicalize(head))


def command_inclusion(arguments):
    with open(arguments[0], "rb") as file:
        proof, path = read_proof(file.read(),
                                 {"leaf_hash", "leaf_index", "path", "root", "tree_size"})
    with open(arguments[1], "rb") as file:
        line = file.read()
    if line.endswith(b"\n"):
        line = line[:-1]
    leaf = leaf_hash(line)
    if read_hash(proof["leaf_hash"], "leaf_hash") != leaf:
        raise Failure("the line's leaf hash is not the proof's leaf_hash")
    index = read_size(proof["leaf_index"], "leaf_index")
    size = read_size(proof["tree_size"], "tree_size")
    root = read_hash(proof["root"], "root")
    if not verify_inclusion(leaf, index, size, path, root):
        raise Failure("the inclusion proof does not check")
    print("ok: leaf %d is in the tree of size %d" % (index, size))


def command_consistency(arguments):
    with open(arguments[0], "rb") as file:
        proof, path = read_proof(file.read(),
                                 {"first", "first_root", "path", "second", "second_root"})
    first = read_size(proof["first"], "first")
    second = read_size(proof["second"], "second")
    if not verify_consistency(first, second, read_hash(proof["first_root"], "first_root"),
                              read_hash(proof["second_root"], "second_root"), path):
        raise Failure("the consistency proof does not check")
    print("ok: the tree of size %d extends the tree of size %d" % (second, first))


COMMANDS = {"export": (command_export, 1), "inclusion": (command_inclusion, 2),
            "consistency": (command_consistency, 1)}


def main(argv):
    if len(argv) < 2 or argv[1] not in COMMANDS or len(argv) - 2 != COMMANDS[argv[1]][1]:
        sys.stderr.write(__doc__)
        return 2
    command, _ = COMMANDS[argv[1]]
    try:
        command(argv[2:])
    except Failure as failure:
        sys.stderr.write("error: %s\n" % failure)
        return 1
    except OSError as error:
        sys.stderr.write("error: %s\n" % error)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
