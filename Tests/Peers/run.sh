#!/usr/bin/env bash
# The peer benchmark (run on demand, not in CI): the same synthetic ledger through PlanLedger
# (release build) and through what a user would pick instead — SQLite (an append-only table,
# as-of by scan and by index), the Python eventsourcing library on SQLite, and jq over the
# JSON Lines — printed as one Markdown table with PlanLedger's ratio to each.
#
#   Tests/Peers/run.sh                     # 100,000 events
#   Tests/Peers/run.sh --events 1000000    # the big run (about 20–30 minutes on 2 cores)
#
# Options: --events N, --scratch DIR (default /work/scratch/peers, or $PEERS_SCRATCH),
# --durable N (single appends per durable run, default 2000), --timebox S (seconds allowed
# for any one peer step, default 1200), --no-install (use what is installed).
#
# It installs its peers from the usual registries (Debian: sqlite3, jq, time, python3-venv;
# PyPI, into a virtual environment in the scratch folder: eventsourcing), builds PlanLedger
# with its own scratch path (.build-peers, so it does not block other builds), and leaves
# the table in SCRATCH/run-N/peers.md. Timings are wall-clock: on a shared machine, run it
# when the machine is quiet.
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1
cd "$(dirname "$0")/../.."
repository=$(pwd)

events=100000
scratch=${PEERS_SCRATCH:-/work/scratch/peers}
install=yes
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --events) events=$2; shift 2 ;;
    --scratch) scratch=$2; shift 2 ;;
    --durable | --timebox | --date) extra+=("$1" "$2"); shift 2 ;;
    --no-install) install=no; shift ;;
    -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "error: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
events=${events//_/}
mkdir -p "$scratch"
scratch=$(cd "$scratch" && pwd)

if [ "$install" = yes ]; then
  echo "== installing the peers: apt-get install -y sqlite3 jq time python3-venv; pip install eventsourcing" >&2
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
  $sudo apt-get update -qq >"$scratch/apt.log" 2>&1
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 jq time python3-venv >>"$scratch/apt.log" 2>&1
  if [ ! -x "$scratch/venv/bin/python" ]; then
    python3 -m venv "$scratch/venv"
  fi
  "$scratch/venv/bin/python" -m pip install -q --upgrade eventsourcing >"$scratch/pip.log" 2>&1
fi
python=python3
if [ -x "$scratch/venv/bin/python" ]; then python="$scratch/venv/bin/python"; fi

echo "== swift build -c release --scratch-path $repository/.build-peers" >&2
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  if swift build -c release --scratch-path "$repository/.build-peers" >"$scratch/build.log" 2>&1; then
    break
  fi
  if [ "$attempt" = 10 ]; then
    echo "error: the release build failed 10 times; see $scratch/build.log" >&2
    tail -20 "$scratch/build.log" >&2
    exit 4
  fi
  echo "   the build failed (someone editing Sources?); trying again in 60 s" >&2
  sleep 60
done
bin="$repository/.build-peers/release"

exec "$python" "$repository/Tests/Peers/peers.py" --events "$events" --bin "$bin" \
  --scratch "$scratch" --repository "$repository" ${extra[@]+"${extra[@]}"}
