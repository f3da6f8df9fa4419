"""The eventsourcing peer: the Python `eventsourcing` library with its SQLite persistence
(PERSISTENCE_MODULE=eventsourcing.sqlite), fed the exported events.

    python3 es_peer.py load EVENTS.jsonl DB
    python3 es_peer.py durable EVENTS.jsonl DB COUNT
    python3 es_peer.py replay DB DATE [--snapshots]
    python3 es_peer.py snapshot DB DATE

Every stream of the log is one aggregate: an `Action` per `action/*` stream, a generic
`Stream` for the others (people, plan, priorities, measures), so every event is stored, each
with the whole exported event as its payload. `Action` has a `StatusChanged` event; every
other type is a generic `Recorded` event whose mutator does nothing.

The library has no valid-time axis: it replays all of an aggregate's events in version
(recording) order. The as-of date is therefore applied in `Action`'s mutator: a status
change counts only if its `effective` is on or before the date, and the latest by
(effective, seq) wins. The date is a module setting (`AS_OF`), set before replay.

Snapshots: the library's own (`is_snapshotting_enabled`, `take_snapshot`). Because the
aggregate's state depends on the as-of date, a snapshot is bound to the date it was taken
for (it records it, and a query for another date refuses it), as PlanLedger's snapshot
command builds a snapshot for one date.

Each command prints one JSON object: what it did, the seconds its timed part took, and for
`replay` the answer (action number -> status).
"""

import argparse
import json
import os
import sys
import time
from uuid import NAMESPACE_URL, uuid5

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

AS_OF = ["9999-12-31"]
STATUS = "action.status_changed"


def identifier(stream):
    return uuid5(NAMESPACE_URL, "planledger:" + stream)


class Action(Aggregate):
    """One action: its status as of `AS_OF`, the latest by (effective, seq)."""

    @staticmethod
    def create_id(stream, first):
        return identifier(stream)

    @event("Added")
    def __init__(self, stream, first):
        self.stream = stream
        self.as_of = AS_OF[0]
        self.status = "not_rated"
        self.status_effective = ""
        self.status_seq = 0
        if first["type"] == STATUS:
            self._offer(first["data"]["to"], first["effective"], first["seq"])

    def _offer(self, to, effective, seq):
        if effective <= AS_OF[0] and (effective, seq) > (self.status_effective, self.status_seq):
            self.status = to
            self.status_effective = effective
            self.status_seq = seq

    @event("StatusChanged")
    def status_changed(self, to, effective, seq, body):
        self._offer(to, effective, seq)

    @event("Recorded")
    def recorded(self, body):
        pass


class Stream(Aggregate):
    """Any other stream: its events are stored and replayed, and change nothing here."""

    @staticmethod
    def create_id(stream, first):
        return identifier(stream)

    @event("Added")
    def __init__(self, stream, first):
        self.stream = stream

    @event("Recorded")
    def recorded(self, body):
        pass


class Plan(Application):
    name = "PlanPeer"


class SnapshottingPlan(Plan):
    is_snapshotting_enabled = True


def application(db, snapshots=False, fresh=False):
    if fresh:
        for suffix in ("", "-wal", "-shm", "-journal"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
    env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": db}
    return (SnapshottingPlan if snapshots else Plan)(env=env)


def read(path, limit=None):
    events = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if limit is not None and len(events) >= limit:
                break
            events.append(json.loads(line))
    return events


def apply(aggregates, item):
    """Triggers the event for one exported line on its stream's aggregate."""
    stream = item["stream"]
    aggregate = aggregates.get(stream)
    if aggregate is None:
        kind = Action if stream.startswith("action/") else Stream
        aggregate = kind(stream=stream, first=item)
        aggregates[stream] = aggregate
    elif item["type"] == STATUS and isinstance(aggregate, Action):
        aggregate.status_changed(to=item["data"]["to"], effective=item["effective"], seq=item["seq"], body=item)
    else:
        aggregate.recorded(body=item)
    return aggregate


def actions_file(db):
    return db + ".actions.json"


def load(arguments):
    """Batched append: every event triggered, then all saved in one `save` (one transaction)."""
    events = read(arguments.events)
    app = application(arguments.db, fresh=True)
    aggregates = {}
    start = time.perf_counter()
    pending = 0
    for item in events:
        apply(aggregates, item)
        pending += 1
        if arguments.batch and pending >= arguments.batch:
            app.save(*aggregates.values())
            pending = 0
    app.save(*aggregates.values())
    seconds = time.perf_counter() - start
    actions = sorted(stream for stream in aggregates if stream.startswith("action/"))
    with open(actions_file(arguments.db), "w", encoding="utf-8") as handle:
        json.dump(actions, handle)
    return {
        "events": len(events),
        "seconds": seconds,
        "aggregates": len(aggregates),
        "batch": arguments.batch or len(events),
    }


def durable(arguments):
    """Durable single appends: one `save` (one transaction, synced) per event."""
    events = read(arguments.events, arguments.count)
    app = application(arguments.db, fresh=True)
    aggregates = {}
    start = time.perf_counter()
    for item in events:
        app.save(apply(aggregates, item))
    seconds = time.perf_counter() - start
    return {"appends": len(events), "seconds": seconds}


def settings(app):
    """The SQLite settings the library's connections run with."""
    with app.factory.datastore.transaction(commit=False) as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
    return {"journal_mode": journal, "synchronous": synchronous}


def replay(arguments):
    """Every action aggregate reconstructed (from snapshots with --snapshots)."""
    AS_OF[0] = arguments.date
    with open(actions_file(arguments.db), encoding="utf-8") as handle:
        actions = json.load(handle)
    app = application(arguments.db, snapshots=arguments.snapshots)
    start = time.perf_counter()
    answer = {}
    for stream in actions:
        action = app.repository.get(identifier(stream))
        if action.as_of != arguments.date:
            raise SystemExit(f"the snapshot of {stream} is as of {action.as_of}, not {arguments.date}")
        answer[stream.removeprefix("action/")] = action.status
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "actions": len(answer), "answer": answer, **settings(app)}


def snapshot(arguments):
    """The library's snapshots of every action, taken as of the date."""
    AS_OF[0] = arguments.date
    with open(actions_file(arguments.db), encoding="utf-8") as handle:
        actions = json.load(handle)
    app = application(arguments.db, snapshots=True)
    start = time.perf_counter()
    for stream in actions:
        app.take_snapshot(identifier(stream))
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "snapshots": len(actions)}


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("load")
    command.add_argument("events")
    command.add_argument("db")
    command.add_argument("--batch", type=int, default=0, help="events per save (0: all in one)")
    command = commands.add_parser("durable")
    command.add_argument("events")
    command.add_argument("db")
    command.add_argument("count", type=int)
    command = commands.add_parser("replay")
    command.add_argument("db")
    command.add_argument("date")
    command.add_argument("--snapshots", action="store_true")
    command = commands.add_parser("snapshot")
    command.add_argument("db")
    command.add_argument("date")
    arguments = parser.parse_args()
    handler = {"load": load, "durable": durable, "replay": replay, "snapshot": snapshot}[arguments.command]
    json.dump(handler(arguments), sys.stdout)
    print()


if __name__ == "__main__":
    main()
