#!/usr/bin/env bash
# The browser test of the board report (issue 6, item 5).
#
# Builds planledger, rebuilds the shipped Croydon ledger from its transcription tables in a
# temporary directory, writes the board report for 18 December 2019 (twice, and checks the
# two files are byte-identical), renders it in headless Chromium, keeps a PNG screenshot,
# and checks the rendered DOM for the status table, the charts (SVG images with titles and
# descriptions) and the provenance footer with the ledger's tree head. Installs Chromium
# from the distribution's packages when it is missing.
#
# Usage: Tests/BrowserTest/run.sh   (SCRATCH_PATH=dir to build elsewhere than .build)
# Prints the screenshot's path; exits non-zero when a step or a check fails.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="${SCRATCH_PATH:-$root/.build}"
work="$(mktemp -d "${TMPDIR:-/tmp}/planledger-browser-test.XXXXXX")"
board=2019-12-18
failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

find_browser() {
  local name
  for name in chromium chromium-browser google-chrome-stable google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then
      command -v "$name"
      return 0
    fi
  done
  return 1
}

# 1. A browser, from the distribution's packages if need be.
if ! browser="$(find_browser)"; then
  echo "Chromium not found: installing it from the distribution's packages" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y chromium fonts-dejavu-core \
    || $sudo apt-get install -y chromium-browser fonts-dejavu-core
  browser="$(find_browser)" || { echo "error: no Chromium after installing it" >&2; exit 1; }
fi

# 2. The tool and the Croydon ledger.
swift build --package-path "$root" --scratch-path "$scratch" --product planledger
planledger="$(swift build --package-path "$root" --scratch-path "$scratch" --show-bin-path)/planledger"
"$planledger" import-tables "$root/EventLog/transcription" --actor PLM --init \
  --ledger "$work/croydon" >"$work/import.txt"
"$planledger" verify --ledger "$work/croydon" >"$work/verify.txt"
size="$("$planledger" head --ledger "$work/croydon" | awk '$1 == "size" { print $2 }')"
root_hash="$("$planledger" head --ledger "$work/croydon" | awk '$1 == "root" { print $2 }')"

# 3. The report, twice: the same ledger must give the same bytes.
"$planledger" report --board "$board" --out "$work/report.html" --ledger "$work/croydon"
"$planledger" report --board "$board" --out "$work/again.html" --ledger "$work/croydon" >/dev/null
cmp -s "$work/report.html" "$work/again.html" || fail "two runs wrote different reports"

# 4. Render it: a screenshot, and the DOM as the browser built it.
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run
  --disable-dev-shm-usage --force-device-scale-factor=1)
"$browser" "${flags[@]}" --window-size=1280,2400 --screenshot="$work/report.png" \
  "file://$work/report.html" >"$work/screenshot.log" 2>&1 \
  || fail "Chromium could not take the screenshot (see $work/screenshot.log)"
"$browser" "${flags[@]}" --dump-dom "file://$work/report.html" \
  >"$work/dom.html" 2>"$work/dom.log" \
  || fail "Chromium could not dump the DOM (see $work/dom.log)"

# 5. Checks.
if [ -s "$work/report.png" ] && [ "$(head -c 8 "$work/report.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; then
  [ "$(wc -c <"$work/report.png")" -gt 20000 ] || fail "the screenshot is suspiciously small"
else
  fail "no PNG screenshot"
fi
dom="$work/dom.html"
count() { { grep -o -- "$1" "$dom" || true; } | wc -l; }
[ -s "$dom" ] || fail "the dumped DOM is empty"
grep -q '<html lang="en-GB">' "$dom" || fail "no <html lang=\"en-GB\">"
grep -q '<h1>Plan report as of 18 December 2019</h1>' "$dom" || fail "no h1"
grep -q '<table class="status-table">' "$dom" || fail "no status table"
grep -q '<caption>Actions by status and priority on 18 December 2019</caption>' "$dom" \
  || fail "the status table has no caption"
status_table="$(sed -n '/<table class="status-table">/,/<\/table>/p' "$dom")"
rows="$({ grep -o '<th scope="row">' <<<"$status_table" || true; } | wc -l)"
[ "$rows" -eq 12 ] || fail "the status table has $rows row headers, not 11 priorities and a total"
grep -q '<th scope="row">7. Develop a stable and skilled workforce</th>' <<<"$status_table" \
  || fail "the status table does not name priority 7"
charts="$(count '<svg xmlns="http://www.w3.org/2000/svg" class="chart"')"
[ "$charts" -ge 3 ] || fail "only $charts charts"
[ "$(count 'role="img" aria-labelledby="chart-')" -eq "$charts" ] || fail "a chart is not an image with a label"
[ "$(count '<title id="chart-')" -eq "$charts" ] || fail "a chart has no title"
[ "$(count '<desc id="chart-')" -eq "$charts" ] || fail "a chart has no description"
grep -q '<title id="chart-status-by-priority-title">Status of actions by priority on 18 December 2019</title>' "$dom" \
  || fail "no status-by-priority chart"
grep -q '<title id="chart-measure-m1-8-title">M1.8: ' "$dom" || fail "no chart of measure M1.8"
[ "$(count '<tr class="weakness">')" -ge 25 ] || fail "fewer than 25 weaknesses shown"
grep -q 'Skip to main content' "$dom" || fail "no skip link"
footer="$(sed -n '/<footer class="report-footer">/,/<\/footer>/p' "$dom")"
grep -q "tree head size $size, root <span class=\"hash\">$root_hash</span>" <<<"$footer" \
  || fail "the footer does not give the tree head (size $size, root $root_hash)"
grep -q "<dd><span class=\"hash\">$root_hash</span></dd>" "$dom" \
  || fail "the provenance section does not give the root"
grep -q '<li id="seq-292"' "$dom" || fail "the records cited do not list seq 292"
if grep -q '<script' "$dom"; then fail "the report contains a script"; fi

echo "report:     $work/report.html"
echo "screenshot: $work/report.png"
if [ "$failures" -gt 0 ]; then
  echo "browser test: $failures check(s) failed" >&2
  exit 1
fi
echo "browser test: passed ($charts charts, tree size $size, root $root_hash)"
