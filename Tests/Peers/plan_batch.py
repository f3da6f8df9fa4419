"""A large plan-valid batch for `planledger append --batch` (run on demand, not in CI).

The shipped Croydon ledger's events, as batch lines (without v, seq, recorded and prev),
then N status changes: each of the actions with a lead in turn, rated alternately on
track and at risk by its lead, on dates spread evenly from July 2019 to November 2026.
Every line passes the plan book's checks, so the batch measures what checking and
appending a long batch costs at the command line:

    swift build -c release
    python3 Tests/Peers/plan_batch.py 1000000 /tmp/batch.jsonl
    .build/release/planledger init --ledger /tmp/batch-ledger
    /usr/bin/time -f '%M KB %e s' .build/release/planledger append \\
        --ledger /tmp/batch-ledger --batch /tmp/batch.jsonl

Options: --planledger PATH (default .build/release/planledger), --ledger DIR (default
EventLog).
"""

import argparse
import datetime
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
REPOSITORY = os.path.dirname(os.path.dirname(HERE))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("changes", type=int, help="how many status changes to add")
    parser.add_argument("output", help="the batch file to write")
    parser.add_argument("--planledger", default=os.path.join(REPOSITORY, ".build/release/planledger"))
    parser.add_argument("--ledger", default=os.path.join(REPOSITORY, "EventLog"))
    args = parser.parse_args()

    exported = subprocess.run(
        [args.planledger, "export", "--ledger", args.ledger],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    actions = []
    first = datetime.date(2019, 7, 1)
    days = (datetime.date(2026, 11, 1) - first).days
    with open(args.output, "w", encoding="utf-8") as output:
        for line in exported:
            event = json.loads(line)
            for member in ("v", "seq", "recorded", "prev"):
                event.pop(member, None)
            output.write(json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n")
            data = event.get("data", {})
            if event["type"] == "action.added" and data.get("leads"):
                actions.append((data["action"], data["leads"][0]))
        for number in range(args.changes):
            action, lead = actions[number % len(actions)]
            rounds = number // len(actions)
            change = {
                "actor": lead,
                "data": {
                    "action": action,
                    "to": ("on_track", "at_risk")[rounds % 2],
                    "note": "Progress reviewed at the monthly check-in; evidence in the "
                    "performance pack for this period.",
                },
                "effective": (first + datetime.timedelta(days=number * days // args.changes)).isoformat(),
                "stream": "action/" + action,
                "type": "action.status_changed",
            }
            output.write(json.dumps(change, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
