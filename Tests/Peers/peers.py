"""The peer benchmark: the same synthetic ledger through PlanLedger and through the tools a
user would pick instead (SQLite, the Python eventsourcing library on SQLite, jq), one table.

Run through run.sh, which installs the peers and builds PlanLedger; this file only measures:

    python3 peers.py --events 100000 --bin .build-peers/release --scratch /work/scratch/peers

PlanLedger's own figures come from its benchmark (`planledger-benchmark N --keep DIR`), whose
Markdown rows are parsed, not re-measured; this script measures what that benchmark does
not: the `planledger` command's whole-process time and peak memory for the as-of query with
and without a snapshot, the snapshot command and verify. Every peer gets the same events:
`planledger export` of the benchmark's ledger.

Timings are wall-clock on a shared 2-core machine: a step that takes under SHORT seconds is
run three times and the best time is kept (peak memory: the largest of the runs).
"""

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHORT = 30.0
COMMANDS = []  # every command run, in order, for the report
PROBLEMS = []  # mismatches and failures, printed loudly at the end


def log(message):
    print(message, file=sys.stderr, flush=True)


class Run:
    def __init__(self, seconds, peak_kb, stdout, status, timed_out=False, stderr=""):
        self.seconds = seconds
        self.peak_kb = peak_kb
        self.stdout = stdout
        self.stderr = stderr
        self.status = status
        self.timed_out = timed_out

    def json(self):
        return json.loads(self.stdout.strip().splitlines()[-1])


def run(command, timeout, stdout_path=None, stdin_path=None, record=True):
    """Runs a command under /usr/bin/time: wall seconds, peak resident memory (KB), stdout."""
    if record:
        shown = shlex.join(command)
        if stdin_path:
            shown += " < " + shlex.quote(stdin_path)
        if stdout_path:
            shown += " > " + shlex.quote(stdout_path)
        if shown not in COMMANDS:
            COMMANDS.append(shown)
    memory_file = os.path.join(ARGS.scratch, "time.out")
    full = ["/usr/bin/time", "-f", "%M", "-o", memory_file] + command
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    stdout = open(stdout_path, "wb") if stdout_path else subprocess.PIPE
    start = time.perf_counter()
    try:
        process = subprocess.run(full, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return Run(time.perf_counter() - start, 0, "", -1, timed_out=True)
    finally:
        if stdin_path:
            stdin.close()
        if stdout_path:
            stdout.close()
    seconds = time.perf_counter() - start
    peak = 0
    try:
        with open(memory_file, encoding="utf-8") as handle:
            lines = [line for line in handle.read().splitlines() if line.strip()]
        peak = int(lines[-1])
    except (OSError, ValueError, IndexError):
        pass
    text = process.stdout.decode("utf-8", "replace") if process.stdout is not None else ""
    if process.returncode != 0:
        problem = f"{shlex.join(command)} exited {process.returncode}: {process.stderr.decode()[-2000:]}"
        PROBLEMS.append(problem)
        log("FAILED: " + problem)
    return Run(seconds, peak, text, process.returncode, stderr=process.stderr.decode("utf-8", "replace"))


def best(command, timeout, runs=3, inner=None, **options):
    """Runs once, and twice more when short; the best time and the largest peak memory.

    `inner` reads an in-process time from a run's output (the helper's JSON), kept as
    `best.inner`."""
    results = []
    for index in range(runs):
        result = run(command, timeout, **options)
        results.append(result)
        if result.timed_out or result.status != 0:
            break
        if result.seconds >= SHORT:
            break
    good = [result for result in results if result.status == 0]
    if not good:
        return results[-1]
    chosen = min(good, key=lambda result: result.seconds)
    chosen.peak_kb = max(result.peak_kb for result in good)
    chosen.runs = len(good)
    if inner:
        chosen.inner = min(inner(result) for result in good)
        chosen.inner_result = min(good, key=inner).json()
    return chosen


# ---------------------------------------------------------------------------------------
# PlanLedger's benchmark table

def parse_benchmark(text):
    rows = {}
    for line in text.splitlines():
        if not line.startswith("| ") or line.startswith("| ---") or line.startswith("| measurement"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        if len(cells) >= 2:
            rows[cells[0]] = (cells[1], cells[2] if len(cells) > 2 else "")
    return rows


def find_row(rows, prefix):
    for name, value in rows.items():
        if name.startswith(prefix):
            return name, value
    PROBLEMS.append(f"planledger-benchmark printed no row starting {prefix!r}")
    return None, None


def per_second(figure):
    """'123 k events/s' or '1.23 M appends/s' or '456 appends/s' -> a number."""
    match = re.match(r"([\d.]+)\s*([kM]?)\s", figure + " ")
    if not match:
        return None
    return float(match.group(1)) * {"": 1, "k": 1e3, "M": 1e6}[match.group(2)]


def seconds_of(figure):
    match = re.match(r"([\d.]+)\s*(ms|s)\b", figure)
    if not match:
        return None
    return float(match.group(1)) / (1000 if match.group(2) == "ms" else 1)


# ---------------------------------------------------------------------------------------
# The as-of question, asked of each peer

SCAN_SQL = """-- As of {date} by scan: one pass over the table, no index (NOT INDEXED).
-- Per action stream: the status change with the greatest (effective, seq) among those with
-- effective <= {date} (SQLite takes the bare column `body` from the row where MAX is hit);
-- actions with none are not_rated.
SELECT substr(stream, 8) AS action,
       CASE WHEN stamp IS NULL THEN 'not_rated' ELSE json_extract(body, '$.data.to') END AS status
FROM (
  SELECT stream, body,
         MAX(CASE WHEN type = 'action.status_changed' AND effective <= '{date}'
                  THEN effective || printf('%012d', seq) END) AS stamp
  FROM events NOT INDEXED
  WHERE stream >= 'action/' AND stream < 'action0'
  GROUP BY stream
)
ORDER BY action;
"""

INDEX_SQL = """-- Built once, like a snapshot: a covering seek for "latest status change of a stream".
CREATE INDEX IF NOT EXISTS events_status ON events(type, stream, effective, seq);
"""

SEEK_SQL = """-- As of {date} by index: the action list, then one index seek per action.
SELECT substr(a.stream, 8) AS action,
       COALESCE((SELECT json_extract(e.body, '$.data.to') FROM events e
                 WHERE e.type = 'action.status_changed' AND e.stream = a.stream
                   AND e.effective <= '{date}'
                 ORDER BY e.effective DESC, e.seq DESC LIMIT 1), 'not_rated') AS status
FROM events a
WHERE a.type = 'action.added'
ORDER BY action;
"""

JQ_PROGRAM = """# As of $d over the JSON Lines, streaming: per action stream, the status change with the
# greatest [effective, seq] among those with effective <= $d; not_rated where there is none.
reduce inputs as $e ({};
  if ($e.stream | startswith("action/")) then
    if $e.type == "action.status_changed" and $e.effective <= $d then
      (.[$e.stream] // {k: ["", 0], to: "not_rated"}) as $c
      | if [$e.effective, $e.seq] > $c.k
        then .[$e.stream] = {k: [$e.effective, $e.seq], to: $e.data.to}
        else . end
    elif .[$e.stream] == null then .[$e.stream] = {k: ["", 0], to: "not_rated"}
    else . end
  else . end)
| with_entries({key: (.key | ltrimstr("action/")), value: .value.to})
"""


def planledger_answer(text):
    """`planledger state --format json` -> {action number: status}."""
    state = json.loads(text)
    actions = state["actions"] if isinstance(state, dict) else state
    answer = {}
    for action in actions:
        number = action.get("number") or action.get("action") or action.get("id")
        answer[str(number)] = action["status"]
    return answer


def sqlite_answer(text):
    answer = {}
    for line in text.splitlines():
        if "|" in line:
            action, status = line.split("|", 1)
            answer[action] = status
    return answer


def compare(name, answer, reference):
    if answer == reference:
        return True
    missing = sorted(set(reference) - set(answer))
    extra = sorted(set(answer) - set(reference))
    differ = sorted(key for key in set(answer) & set(reference) if answer[key] != reference[key])
    problem = (
        f"MISMATCH: {name} disagrees with PlanLedger: {len(differ)} statuses differ "
        f"(e.g. {[(key, answer[key], reference[key]) for key in differ[:3]]}), "
        f"missing {missing[:5]}, extra {extra[:5]}"
    )
    PROBLEMS.append(problem)
    log("!" * 80 + "\n" + problem + "\n" + "!" * 80)
    return False


# ---------------------------------------------------------------------------------------
# Formatting

def rate_text(value, unit):
    if value is None:
        return "n/a"
    if value >= 1e6:
        return f"{value / 1e6:.2f} M {unit}/s"
    if value >= 1e4:
        return f"{value / 1e3:.0f} k {unit}/s"
    if value >= 1e3:
        return f"{value / 1e3:.1f} k {unit}/s"
    return f"{value:.0f} {unit}/s"


def time_text(seconds):
    if seconds is None:
        return "n/a"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def memory_text(kilobytes):
    if not kilobytes:
        return "n/a"
    return f"{kilobytes / 1024:.0f} MB" if kilobytes >= 10 * 1024 else f"{kilobytes / 1024:.1f} MB"


def ratio_text(factor, better, worse):
    """`factor` > 1 means PlanLedger is better by that factor."""
    if factor is None or factor <= 0:
        return "—"
    if factor >= 1:
        return f"{factor:.1f}× {better}" if factor < 100 else f"{factor:.0f}× {better}"
    inverse = 1 / factor
    return f"{inverse:.1f}× {worse}" if inverse < 100 else f"{inverse:.0f}× {worse}"


class Cell:
    """One figure: its text, and the number the ratio uses (rate, seconds or KB)."""

    def __init__(self, text, value=None, kind=None):
        self.text = text
        self.value = value
        self.kind = kind  # "rate" (higher is better), "time", "memory" (lower is better)


NONE = Cell("—")


def rate_cell(value, unit, extra=""):
    return Cell(rate_text(value, unit) + extra, value, "rate")


def time_cell(seconds, extra=""):
    return Cell(time_text(seconds) + extra, seconds, "time")


def memory_cell(kilobytes, extra=""):
    return Cell(memory_text(kilobytes) + extra, kilobytes, "memory")


def timed_out_cell(limit):
    return Cell(f"timed out (> {limit:.0f} s)")


def ratio(ours, theirs):
    if ours.value is None or theirs.value is None or ours.kind != theirs.kind or not theirs.value:
        return "—"
    if ours.kind == "rate":
        return ratio_text(ours.value / theirs.value, "faster", "slower")
    if ours.kind == "time":
        return ratio_text(theirs.value / ours.value, "faster", "slower")
    return ratio_text(theirs.value / ours.value, "less memory", "more memory")


# ---------------------------------------------------------------------------------------


def succeeded(result):
    return result is not None and result.status == 0 and not result.timed_out and bool(result.stdout.strip())


def sqlite_best_journal(loads):
    good = [journal for journal, result in loads.items() if result.status == 0 and not result.timed_out]
    return max(good, key=lambda journal: loads[journal].inner_result["events"] / loads[journal].inner, default="wal")


def version(command):
    try:
        output = subprocess.run(command, capture_output=True, text=True, timeout=60)
        return (output.stdout or output.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "unavailable"


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--bin", required=True, help="the release build's folder")
    parser.add_argument("--scratch", required=True)
    parser.add_argument("--date", default="2019-06-30")
    parser.add_argument("--durable", type=int, default=2000, help="single appends per durable run")
    parser.add_argument("--timebox", type=float, default=1200, help="seconds for any one peer step")
    parser.add_argument("--repository", default=os.path.dirname(os.path.dirname(HERE)))
    ARGS = parser.parse_args()
    count, date, limit = ARGS.events, ARGS.date, ARGS.timebox
    python = sys.executable
    root = os.path.join(ARGS.scratch, f"run-{count}")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    ARGS.scratch = root
    began = time.perf_counter()
    planledger = os.path.join(ARGS.bin, "planledger")
    benchmark = os.path.join(ARGS.bin, "planledger-benchmark")
    sqlite_peer = os.path.join(HERE, "sqlite_peer.py")
    es_peer = os.path.join(HERE, "es_peer.py")

    # ---- PlanLedger's benchmark: the synthetic ledger and its own figures.
    keep = os.path.join(root, "planledger")
    log(f"== planledger-benchmark {count} --keep {keep} (its own table)")
    bench_run = run([benchmark, str(count), "--durable", str(ARGS.durable), "--keep", keep], None, record=True)
    bench_text = bench_run.stdout
    with open(os.path.join(root, "planledger-benchmark.md"), "w", encoding="utf-8") as handle:
        handle.write(bench_text)
    with open(os.path.join(root, "planledger-benchmark.log"), "w", encoding="utf-8") as handle:
        handle.write(bench_run.stderr)
    rows = parse_benchmark(bench_text)
    ledger = os.path.join(keep, "EventLog")

    _, batched = find_row(rows, "batched append")
    pl_batched = per_second(batched[0]) if batched else None
    pl_batched_memory = None
    pl_append_runs = [batched[0]] if batched else []
    source = os.path.join(ARGS.repository, "Sources", "PlanLedgerBenchmark", "Benchmark.swift")
    append_only = os.path.exists(source) and '"--append-only"' in open(source, encoding="utf-8").read()
    if append_only:
        # The append alone, twice more: best of three, and its own peak memory.
        log("== planledger-benchmark --append-only (batched append alone, for best of 3 and memory)")
        for _ in range(2):
            again = run([benchmark, str(count), "--append-only", "--keep", os.path.join(root, "pl-append")], limit)
            # --append-only prints no table: its progress line on stderr has the figure.
            match = re.search(r"batched append \([^)]*\): ([\d.]+ [kM]? ?events/s)", again.stderr)
            if match and per_second(match.group(1)):
                pl_batched = max(pl_batched or 0, per_second(match.group(1)))
                pl_append_runs.append(match.group(1))
            else:
                PROBLEMS.append("planledger-benchmark --append-only printed no batched append figure")
            pl_batched_memory = max(pl_batched_memory or 0, again.peak_kb)
        shutil.rmtree(os.path.join(root, "pl-append"), ignore_errors=True)
    _, bare_row = find_row(rows, "bare write+fsync loop")
    _, durable_row = find_row(rows, "durable single appends")
    durable_name = next((name for name in rows if name.startswith("durable single appends")), "")
    _, verify_row = find_row(rows, "verify (")
    _, replay_row = find_row(rows, f"state --as-of {date} by full replay")
    _, snap_row = find_row(rows, f"state --as-of {date} from a snapshot")
    _, snap_build_row = find_row(rows, "snapshot build")

    # ---- The same events for every peer.
    events = os.path.join(root, "events.jsonl")
    log("== planledger export")
    run([planledger, "export", "--ledger", ledger], limit, stdout_path=events)
    with open(events, "rb") as handle:
        lines = sum(1 for _ in handle)
    size = os.path.getsize(events)
    segments = sorted(name for name in os.listdir(ledger) if name.endswith(".jsonl"))
    segment_bytes = sum(os.path.getsize(os.path.join(ledger, name)) for name in segments)
    if lines != count or size != segment_bytes:
        PROBLEMS.append(f"export has {lines} lines and {size} bytes; expected {count} and {segment_bytes}")

    # ---- PlanLedger's command, whole process.
    empty = os.path.join(root, "no-snapshots")
    snapshots = os.path.join(root, "pl-snapshots")
    os.makedirs(empty)
    state = [planledger, "state", "--as-of", date, "--ledger", ledger, "--format", "json"]
    log("== planledger state (full replay, no snapshot)")
    pl_replay = best(state + ["--snapshots", empty], limit)
    reference = planledger_answer(pl_replay.stdout)
    log("== planledger snapshot / state from the snapshot")
    pl_snapshot_build = run([planledger, "snapshot", "--as-of", date, "--ledger", ledger, "--snapshots", snapshots], limit)
    pl_snapshot = best(state + ["--snapshots", snapshots], limit)
    compare("planledger state from a snapshot", planledger_answer(pl_snapshot.stdout), reference)
    # Not timed: that the first was answered by full replay and the second from the snapshot.
    explained = []
    for folder in (empty, snapshots):
        note = run(state + ["--snapshots", folder, "--explain"], limit, record=False).stderr.strip()
        explained.append(note.splitlines()[-1] if note else "(no note)")
    if "full replay" not in explained[0] or "from snapshot" not in explained[1]:
        PROBLEMS.append(f"planledger --explain does not confirm replay / snapshot: {explained}")
    log("== planledger verify")
    pl_verify = best([planledger, "verify", "--ledger", ledger], limit)

    # ---- SQLite.
    sqlite_db = os.path.join(root, "sqlite.db")
    in_process = lambda result: result.json()["seconds"]
    log("== SQLite: batched append (WAL, then rollback journal)")
    sqlite_load = {}
    for journal in ("delete", "wal"):
        sqlite_load[journal] = best(
            [python, sqlite_peer, "load", events, sqlite_db, "--journal", journal], limit, inner=in_process
        )
    # The same load streaming its input (parsed inside the transaction): for peak memory
    # without the pre-parsed list.
    sqlite_stream = best(
        [python, sqlite_peer, "load", events, sqlite_db, "--journal", sqlite_best_journal(sqlite_load), "--stream"],
        limit,
        inner=in_process,
    )
    log("== durable single appends, each run between two bare write+fsync loops: PlanLedger, SQLite WAL, eventsourcing (twice), SQLite rollback journal")
    bare_file = os.path.join(root, "bare.jsonl")
    bare_command = [python, sqlite_peer, "bare", events, bare_file, str(ARGS.durable)]
    durable_commands = {
        "wal": [python, sqlite_peer, "durable", events, os.path.join(root, "durable.db"), str(ARGS.durable), "--journal", "wal"],
        "delete": [python, sqlite_peer, "durable", events, os.path.join(root, "durable.db"), str(ARGS.durable), "--journal", "delete"],
        "es": [python, es_peer, "durable", events, os.path.join(root, "es-durable.db"), str(ARGS.durable)],
        # PlanLedger's durable appends, from its benchmark on a small ledger (the durable
        # ledgers are fresh ones either way): its rows are parsed, as above.
        "planledger": [benchmark, "1000", "--durable", str(ARGS.durable), "--keep", os.path.join(root, "pl-durable")],
    }
    durable_runs = {key: [] for key in durable_commands}  # (rate, bare loop before, bare loop after)
    bare_rates = []

    pl_durable_rows = []

    def appends_per_second(result):
        if not succeeded(result):
            return None
        if result.stdout.startswith("| measurement"):
            durable_rows = parse_benchmark(result.stdout)
            pl_durable_rows.append(durable_rows)
            name, value = find_row(durable_rows, "durable single appends")
            return per_second(value[0]) if value else None
        data = result.json()
        return data["appends"] / data["seconds"]

    before = appends_per_second(run(bare_command, limit))
    bare_rates.append(before)
    for key in ("planledger", "wal", "es", "planledger", "wal", "es", "delete"):
        rate = appends_per_second(run(durable_commands[key], limit))
        after = appends_per_second(run(bare_command, limit))
        bare_rates.append(after)
        if rate and before and after:
            durable_runs[key].append((rate, before, after))
        before = after
    es_db = os.path.join(root, "eventsourcing.db")

    scan_path = os.path.join(root, "asof-scan.sql")
    index_path = os.path.join(root, "index.sql")
    seek_path = os.path.join(root, "asof-index.sql")
    for path, text in ((scan_path, SCAN_SQL), (index_path, INDEX_SQL), (seek_path, SEEK_SQL)):
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text.format(date=date))
    log("== SQLite: as of by scan, index build, as of by index, integrity_check")
    sqlite_scan = best(["sqlite3", sqlite_db], limit, stdin_path=scan_path)
    compare("SQLite as-of by scan", sqlite_answer(sqlite_scan.stdout), reference)
    sqlite_index = run(["sqlite3", sqlite_db], limit, stdin_path=index_path)
    plan = run(["sqlite3", sqlite_db, "EXPLAIN QUERY PLAN " + SEEK_SQL.format(date=date).split("\n", 1)[1]], limit, record=False)
    sqlite_seek = best(["sqlite3", sqlite_db], limit, stdin_path=seek_path)
    compare("SQLite as-of by index", sqlite_answer(sqlite_seek.stdout), reference)
    sqlite_check = best(["sqlite3", sqlite_db, "PRAGMA integrity_check"], limit)
    if sqlite_check.stdout.strip() != "ok":
        PROBLEMS.append(f"SQLite integrity_check: {sqlite_check.stdout.strip()[:200]}")

    # ---- eventsourcing.
    log("== eventsourcing: batched append (one save), replay, snapshots, replay from snapshots")
    es_load = best([python, es_peer, "load", events, es_db], limit, inner=in_process)
    es_replay = best([python, es_peer, "replay", es_db, date], limit, inner=in_process)
    if es_replay.status == 0:
        compare("eventsourcing replay", es_replay.json()["answer"], reference)
    es_snapshot_build = run([python, es_peer, "snapshot", es_db, date], limit)
    es_snapshot = best([python, es_peer, "replay", es_db, date, "--snapshots"], limit, inner=in_process)
    if es_snapshot.status == 0:
        compare("eventsourcing replay from snapshots", es_snapshot.json()["answer"], reference)

    # ---- jq.
    jq_path = os.path.join(root, "asof.jq")
    with open(jq_path, "w", encoding="utf-8") as handle:
        handle.write(JQ_PROGRAM)
    log("== jq: as of by streaming the JSON Lines")
    jq_run = best(["jq", "-n", "-c", "--arg", "d", date, "-f", jq_path, events], limit)
    if jq_run.status == 0 and not jq_run.timed_out:
        compare("jq", json.loads(jq_run.stdout), reference)

    # ---- The table.
    def ok(result):
        return result is not None and result.status == 0 and not result.timed_out

    def seconds_cell(result, extra=""):
        if result.timed_out:
            return timed_out_cell(limit)
        return time_cell(result.seconds, extra) if ok(result) else Cell("failed")

    def peak_cell(result):
        if result.timed_out:
            return timed_out_cell(limit)
        return memory_cell(result.peak_kb) if ok(result) else Cell("failed")

    def load_rate(result):
        if result.timed_out:
            return timed_out_cell(limit)
        if not ok(result):
            return Cell("failed")
        data = result.inner_result
        return rate_cell(data["events"] / data["seconds"], "events")

    bare_rates = [value for value in bare_rates if value]
    bare_text = "–".join(rate_text(value, "").replace(" /s", "/s") for value in (min(bare_rates), max(bare_rates))) if bare_rates else "n/a"
    sqlite_best_load = sqlite_best_journal(sqlite_load)
    sqlite_load_cell = load_rate(sqlite_load[sqlite_best_load])
    sqlite_load_cell.text += f" ({'WAL' if sqlite_best_load == 'wal' else 'rollback journal'})"

    def median(values):
        ordered = sorted(values)
        middle = len(ordered) // 2
        return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2

    def durable_cell(key, label):
        """The median of the runs' rates relative to the bare loops measured just before and after each."""
        if not durable_runs[key]:
            return Cell("failed")
        relatives = [rate / max(before, after) for rate, before, after in durable_runs[key]]
        runs = ", ".join(
            f"{rate_text(rate, 'appends')} = {rate / max(before, after):.2f}× ({rate_text(max(before, after), '')})"
            for rate, before, after in durable_runs[key]
        )
        text = f"{median(relatives):.2f}× the bare loop{label}; runs: {runs}"
        return Cell(text.replace(" /s", "/s"), median(relatives), "rate")

    sqlite_durable_cell = durable_cell("wal", " (WAL, synchronous=FULL)")
    # PlanLedger's relative figure is its benchmark's own (two decimals, against the bare
    # loop it runs right after, in the same process); its raw rates are printed to one or
    # two significant figures.
    pl_durable_cell = Cell("failed")
    pl_relative = []
    for durable_rows in [rows] + pl_durable_rows:
        _, value = find_row(durable_rows, "durable single appends")
        _, bare_value = find_row(durable_rows, "bare write+fsync loop")
        match = re.match(r"([\d.]+)×", value[1]) if value else None
        if match:
            pl_relative.append((float(match.group(1)), value[0], bare_value[0] if bare_value else "n/a"))
    if pl_relative:
        relative = median([item[0] for item in pl_relative])
        runs = ", ".join(f"{rate} = {value:.2f}× ({bare})" for value, rate, bare in pl_relative)
        pl_durable_cell = Cell(f"{relative:.2f}× the bare loop (one flush); runs: {runs}", relative, "rate")
    es_durable_cell = durable_cell("es", " (WAL, synchronous=FULL)")

    table = []
    table.append(
        (
            f"batched append ({count:,} events, one transaction / atomic append)",
            rate_cell(pl_batched, "events"),
            sqlite_load_cell,
            load_rate(es_load),
            NONE,
        )
    )
    table.append(
        (
            f"durable single append ({ARGS.durable:,}, each synced): median of the runs' rates relative to a bare write+fsync loop of the same lines (loop's rate in brackets)",
            pl_durable_cell,
            sqlite_durable_cell,
            es_durable_cell,
            NONE,
        )
    )
    table.append(
        (
            f"full replay to the state as of {date} (whole process)",
            seconds_cell(pl_replay),
            seconds_cell(sqlite_scan, " (scan)"),
            seconds_cell(es_replay),
            seconds_cell(jq_run),
        )
    )
    table.append(
        (
            f"as of {date} with snapshots or indexes (whole process)",
            seconds_cell(pl_snapshot, " (snapshot)"),
            seconds_cell(sqlite_seek, " (index)"),
            seconds_cell(es_snapshot, " (snapshots)"),
            NONE,
        )
    )
    table.append(
        (
            "… building that snapshot or index (whole process)",
            seconds_cell(pl_snapshot_build),
            seconds_cell(sqlite_index),
            seconds_cell(es_snapshot_build),
            NONE,
        )
    )
    table.append(
        (
            "verification (whole process)",
            seconds_cell(pl_verify, " (canonical form, hash chain, Merkle root)"),
            seconds_cell(sqlite_check, " (integrity_check: pages, not a chain)"),
            NONE,
            NONE,
        )
    )
    table.append(
        (
            "peak memory: batched append",
            memory_cell(pl_batched_memory) if pl_batched_memory else Cell("not measured"),
            peak_cell(sqlite_stream),
            peak_cell(es_load),
            NONE,
        )
    )
    table.append(("peak memory: full replay as of the date", peak_cell(pl_replay), peak_cell(sqlite_scan), peak_cell(es_replay), peak_cell(jq_run)))
    table.append(("peak memory: as of with snapshots or indexes", peak_cell(pl_snapshot), peak_cell(sqlite_seek), peak_cell(es_snapshot), NONE))
    table.append(("peak memory: verification", peak_cell(pl_verify), peak_cell(sqlite_check), NONE, NONE))

    out = []
    out.append(f"## PlanLedger and its peers: {count:,} events ({size / count:.0f} bytes each, {size / 1e6:.1f} MB)\n")
    out.append("| operation | PlanLedger | SQLite | eventsourcing (SQLite) | jq | PlanLedger vs SQLite | vs eventsourcing | vs jq |")
    out.append("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, ours, sqlite, es, jq in table:
        out.append(
            f"| {name} | {ours.text} | {sqlite.text} | {es.text} | {jq.text} | "
            f"{ratio(ours, sqlite)} | {ratio(ours, es)} | {ratio(ours, jq)} |"
        )

    # Notes: in-process figures, settings, answers.
    notes = []
    if batched:
        notes.append(f"PlanLedger batched append: engine-level `Ledger.append` of the synthetic drafts (benchmark row: {batched[0]}, {batched[1]})"
                     + (f"; best of the full benchmark and two `--append-only` runs ({', '.join(pl_append_runs)}), whose peak memory is the one shown." if append_only else "; one run."))
    notes.append("PlanLedger `--explain` (not timed): " + " / ".join(explained) + ".")
    if sqlite_load[sqlite_best_load].status == 0:
        parts = []
        for journal, result in sqlite_load.items():
            if ok(result):
                data = result.inner_result
                parts.append(f"{journal}: {rate_text(data['events'] / data['seconds'], 'events')} ({data['seconds']:.2f} s in process, {result.peak_kb / 1024:.0f} MB peak)")
        stream_text = ""
        if ok(sqlite_stream):
            data = sqlite_stream.inner_result
            stream_text = (f" The peak memory shown is of the same load streaming its input (json.loads inside the transaction: "
                           f"{rate_text(data['events'] / data['seconds'], 'events')}, {sqlite_stream.peak_kb / 1024:.0f} MB); "
                           f"with the pre-parsed list it is {sqlite_load[sqlite_best_load].peak_kb / 1024:.0f} MB.")
        notes.append("SQLite batched append, executemany of pre-parsed rows (parsing not timed) in one transaction, synchronous=FULL: " + "; ".join(parts)
                     + "." + stream_text)
    if ok(es_load):
        data = es_load.inner_result
        notes.append(f"eventsourcing batched append: {data['aggregates']} aggregates, all {data['events']:,} events in one `save` ({data['seconds']:.2f} s in process); its peak memory includes the parsed input and every pending event object.")
    if durable_name:
        inner = []
        for durable_rows in [rows] + pl_durable_rows:
            name, value = find_row(durable_rows, "durable single appends")
            _, other = find_row(durable_rows, "durable single appends (" + str(ARGS.durable) + "), fsync")
            _, bare_value = find_row(durable_rows, "bare write+fsync loop")
            if value and other and bare_value:
                inner.append(f"{value[0]} ({value[1]}; fsync-each mode {other[0]}, its bare loop {bare_value[0]})")
        notes.append(f"Durable single appends: PlanLedger's figure is the benchmark row \"{durable_name}\", relative to the bare loop the benchmark runs right after it; its runs (the first from the full benchmark): "
                     + "; ".join(inner)
                     + f". Each contender's durable run (PlanLedger's from `planledger-benchmark 1000 --durable {ARGS.durable}`, twice; SQLite WAL and eventsourcing twice) ran between two runs of a bare loop "
                     + f"(the same lines, Python os.write+os.fsync), which ranged over {bare_text}: on this shared disk the fsync rate swings several-fold within a minute, so the table shows the median of each contender's runs, each "
                     + "relative to the faster of the two loops beside it (PlanLedger: to its benchmark's own loop, as its rates are printed to one or two significant figures), and the ratios compare those relative figures, not raw rates. SQLite with a rollback journal (synchronous=FULL): "
                     + ("; ".join(f"{rate_text(rate, 'appends')} = {rate / max(b, a):.2f}× the bare loop" for rate, b, a in durable_runs["delete"]) or "failed") + ".")
    if replay_row:
        notes.append(f"PlanLedger in process (its benchmark): full replay {replay_row[0]} ({replay_row[1]}); from a snapshot {snap_row[0] if snap_row else 'n/a'}; snapshot build {snap_build_row[0] if snap_build_row else 'n/a'}; verify {verify_row[0] if verify_row else 'n/a'} ({verify_row[1] if verify_row else ''}).")
    if ok(es_replay) and ok(es_snapshot):
        notes.append(f"eventsourcing in process (after interpreter start and import): replay {time_text(es_replay.inner)}, from snapshots {time_text(es_snapshot.inner)}; settings {json.dumps({key: es_replay.inner_result[key] for key in ('journal_mode', 'synchronous')})}.")
    notes.append("Not like for like: PlanLedger's as-of answer is the whole plan state (every field of all 150 actions, flags, people, "
                 "measures), rendered as JSON; the peers compute only the one column asked (status per action). "
                 "SQLite's integrity_check checks the b-tree pages, not the content: an edited row passes; PlanLedger's verify "
                 "recomputes every line's canonical form, the SHA-256 chain and the Merkle root against the checkpoint. "
                 "eventsourcing has no valid-time axis: the date is applied in the Action aggregate's mutator (a status change counts "
                 "if effective <= the date, latest by (effective, seq)), so its snapshots (the library's own, taken with "
                 "take_snapshot) are bound to that date; the action ids come from a side file written at load. "
                 "A PlanLedger durable append writes the line, then its checkpoint, and syncs both; SQLite in WAL mode with "
                 "synchronous=FULL fsyncs the WAL once per commit.")
    notes.append("Whole process = wall time of one cold start of the command (warm page cache), best of "
                 f"3 when under {SHORT:.0f} s; peak memory = /usr/bin/time %M (maximum resident set), the largest of the runs.")
    notes.append("SQLite query plan for the index query: " + " / ".join(line.strip() for line in plan.stdout.splitlines() if line.strip()))
    statuses = {}
    for status in reference.values():
        statuses[status] = statuses.get(status, 0) + 1
    checked = ["planledger state from a snapshot", "SQLite scan", "SQLite index", "eventsourcing replay", "eventsourcing from snapshots", "jq"]
    mismatches = [problem for problem in PROBLEMS if problem.startswith("MISMATCH")]
    if mismatches:
        notes.append("**ANSWERS DIFFER: " + " ".join(mismatches) + "**")
    else:
        notes.append(f"Answers: every peer's status of all {len(reference)} actions as of {date} equals PlanLedger's full replay "
                     f"({', '.join(f'{key} {value}' for key, value in sorted(statuses.items()))}); checked: {', '.join(checked)}.")
    out.append("")
    for note in notes:
        out.append("- " + note)

    versions = [
        ("PlanLedger", version(["git", "-C", ARGS.repository, "describe", "--always", "--dirty"]) + " (release build)"),
        ("swift", version(["swift", "--version"])),
        ("sqlite3 --version", version(["sqlite3", "--version"])),
        ("Python sqlite3 module", version([python, "-c", "import sqlite3; print(sqlite3.sqlite_version)"])),
        ("eventsourcing", version([python, "-c", "import importlib.metadata as m; print(m.version('eventsourcing'))"])),
        ("python", version([python, "--version"])),
        ("jq --version", version(["jq", "--version"])),
        ("machine", f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, shared; {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"),
    ]
    out.append("")
    out.append("Versions: " + "; ".join(f"{name}: {value}" for name, value in versions))
    out.append("")
    out.append("Commands run (working files under " + root + "):")
    out.append("```")
    out.extend(COMMANDS)
    out.append("```")
    out.append(f"SQL and jq programs: {scan_path}, {index_path}, {seek_path}, {jq_path}; PlanLedger's own table: {os.path.join(root, 'planledger-benchmark.md')}.")
    out.append(f"Total time: {time.perf_counter() - began:.0f} s.")
    if PROBLEMS:
        out.append("")
        out.append("PROBLEMS:")
        out.extend("- " + problem for problem in PROBLEMS)
    text = "\n".join(out) + "\n"
    with open(os.path.join(root, "peers.md"), "w", encoding="utf-8") as handle:
        handle.write(text)
    print(text)
    print("=== PlanLedger's own benchmark table ===")
    print(bench_text)
    sys.exit(1 if PROBLEMS else 0)


if __name__ == "__main__":
    main()
