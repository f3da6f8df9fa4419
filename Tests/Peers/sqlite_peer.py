"""The SQLite peer: an append-only table of the exported events, through Python's sqlite3
module (which is SQLite itself, the same library as the sqlite3 command).

    python3 sqlite_peer.py load EVENTS.jsonl DB --journal wal|delete
    python3 sqlite_peer.py durable EVENTS.jsonl DB COUNT --journal wal|delete
    python3 sqlite_peer.py bare EVENTS.jsonl FILE COUNT

Each prints one JSON object on stdout: what it did and the seconds its timed part took.
Parsing the input lines is not timed (PlanLedger's benchmark appends drafts it already
holds in memory); the timed part is the inserts and the commit.

The as-of queries and `PRAGMA integrity_check` run through the sqlite3 command (see
peers.py), so that their whole-process time and memory are SQLite's own.
"""

import argparse
import json
import os
import sqlite3
import sys
import time

SCHEMA = (
    "CREATE TABLE events (seq INTEGER PRIMARY KEY, type TEXT NOT NULL, stream TEXT NOT NULL,"
    " effective TEXT NOT NULL, recorded TEXT NOT NULL, body TEXT NOT NULL)"
)
INSERT = "INSERT INTO events (seq, type, stream, effective, recorded, body) VALUES (?, ?, ?, ?, ?, ?)"


def rows(path, limit=None):
    """The export's lines as table rows, parsed before any timing starts."""
    result = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if limit is not None and len(result) >= limit:
                break
            body = line.rstrip("\n")
            event = json.loads(body)
            result.append(
                (event["seq"], event["type"], event["stream"], event["effective"], event["recorded"], body)
            )
    return result


def connect(path, journal):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    connection = sqlite3.connect(path, isolation_level=None)
    mode = connection.execute(f"PRAGMA journal_mode={journal}").fetchone()[0]
    connection.execute("PRAGMA synchronous=FULL")
    synchronous = connection.execute("PRAGMA synchronous").fetchone()[0]
    connection.execute(SCHEMA)
    return connection, {"journal_mode": mode, "synchronous": synchronous}


def streamed(path, counter):
    """The export's lines as table rows, parsed as the insert asks for them."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            body = line.rstrip("\n")
            event = json.loads(body)
            counter[0] += 1
            yield (event["seq"], event["type"], event["stream"], event["effective"], event["recorded"], body)


def load(arguments):
    """Batched append: every line in one transaction (parsed beforehand, or with --stream
    as the insert reads them, so that the input is never all in memory)."""
    counter = [0]
    data = streamed(arguments.events, counter) if arguments.stream else rows(arguments.events)
    connection, settings = connect(arguments.db, arguments.journal)
    start = time.perf_counter()
    connection.execute("BEGIN")
    connection.executemany(INSERT, data)
    connection.execute("COMMIT")
    seconds = time.perf_counter() - start
    connection.close()
    events = counter[0] if arguments.stream else len(data)
    return {"events": events, "seconds": seconds, "streamed": arguments.stream, **settings}


def durable(arguments):
    """Durable single appends: one insert per transaction, each commit synced."""
    data = rows(arguments.events, arguments.count)
    connection, settings = connect(arguments.db, arguments.journal)
    start = time.perf_counter()
    for row in data:
        connection.execute("BEGIN")
        connection.execute(INSERT, row)
        connection.execute("COMMIT")
    seconds = time.perf_counter() - start
    connection.close()
    return {"appends": len(data), "seconds": seconds, **settings}


def bare(arguments):
    """The bare loop beside it: the same lines, one write and one fsync each."""
    lines = []
    with open(arguments.events, "rb") as handle:
        for line in handle:
            if len(lines) >= arguments.count:
                break
            lines.append(line)
    if os.path.exists(arguments.file):
        os.remove(arguments.file)
    descriptor = os.open(arguments.file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    start = time.perf_counter()
    for line in lines:
        os.write(descriptor, line)
        os.fsync(descriptor)
    seconds = time.perf_counter() - start
    os.close(descriptor)
    os.remove(arguments.file)
    return {"appends": len(lines), "seconds": seconds}


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("load")
    command.add_argument("events")
    command.add_argument("db")
    command.add_argument("--journal", default="wal")
    command.add_argument("--stream", action="store_true")
    command = commands.add_parser("durable")
    command.add_argument("events")
    command.add_argument("db")
    command.add_argument("count", type=int)
    command.add_argument("--journal", default="wal")
    command = commands.add_parser("bare")
    command.add_argument("events")
    command.add_argument("file")
    command.add_argument("count", type=int)
    arguments = parser.parse_args()
    result = {"load": load, "durable": durable, "bare": bare}[arguments.command](arguments)
    result["sqlite"] = sqlite3.sqlite_version
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
