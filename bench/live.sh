#!/usr/bin/env bash
# bench/live.sh — ctscope live, end to end: (1) throughput of lines piped on stdin for SECS seconds
# (default 60), every line journaled (zero loss), with the ingest->analyzer latency it reports; the
# same file through cat and wc -l as baselines; (2) RSS every 10 s over RSS_SECS seconds (default 600)
# of a constant flow population fed at RATE lines/s (default 50000).
#
# Usage: bench/live.sh [OUTDIR]   (SECS=, RSS_SECS=, RATE=, LINES= in the environment)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT=${1:-/tmp/ctscope-live-bench}
SECS=${SECS:-60}; RSS_SECS=${RSS_SECS:-600}; RATE=${RATE:-50000}; LINES=${LINES:-5000000}
mkdir -p "$OUT"
mvn -q -B -o -DskipTests package -pl cli,samples -am
# run a copy of the jar: the working tree may be rebuilt while the 10-minute run goes on
mkdir -p "$OUT"; cp cli/target/ctscope.jar "$OUT/ctscope.jar"; cp -r samples/target/classes "$OUT/samples-classes"
sed "s#^jar=.*#jar=\"$OUT/ctscope.jar\"#" ctscope > "$OUT/ctscope"; chmod +x "$OUT/ctscope"
live() { "$OUT/ctscope" "$@"; }
gen="$OUT/gen-$LINES.log"
if [[ ! -s "$gen" ]]; then
  java -cp "$OUT/samples-classes" io.ctscope.samples.NatCaptureGenerator --lines "$LINES" --seed 1 --max-flows 100000 --out "$gen"
fi
lines=$(wc -l < "$gen")
bytes=$(wc -c < "$gen")
echo "input: $gen, $lines lines, $bytes bytes"

t() { date +%s.%N; }
a=$(t); cat "$gen" > /dev/null; b=$(t); echo "cat > /dev/null: $(echo "$lines / ($b - $a)" | bc -l | cut -d. -f1) lines/s"
a=$(t); wc -l "$gen" > /dev/null; b=$(t); echo "wc -l: $(echo "$lines / ($b - $a)" | bc -l | cut -d. -f1) lines/s"

# (1) throughput: whole copies of the file, back to back, until SECS have passed
rm -rf "$OUT/q1"
a=$(t)
( end=$(( $(date +%s) + SECS )); n=0; while (( $(date +%s) < end )); do cat "$gen"; n=$((n + 1)); done; echo "$n" > "$OUT/copies" ) \
  | live live --queue "$OUT/q1" --format json --interval 10 - > "$OUT/throughput.json" 2> "$OUT/throughput.err"
b=$(t)
copies=$(cat "$OUT/copies")
python3 - "$OUT/throughput.json" "$copies" "$lines" "$a" "$b" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); copies, lines, a, b = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
fed = copies * lines; live = r["live"]; lat = live["latency_us"]
print(f"ctscope live -: {fed} lines fed in {b - a:.1f} s = {fed / (b - a):,.0f} lines/s; read {r['input']['lines']},"
      f" journaled {live['journal_records']} (lost {fed - live['journal_records']}); latency p50 {lat['p50']} us,"
      f" p99 {lat['p99']} us, max {lat['max']} us over {lat['count']} records")
PY
grep 'ev/s' "$OUT/throughput.err" || true
rm -rf "$OUT/q1"

# (2) memory: a constant population fed at RATE lines/s for RSS_SECS, RSS sampled every 10 s
rm -rf "$OUT/q2"
( while cat "$gen"; do :; done ) | python3 -c "
import sys, time
rate = int(sys.argv[1]); step = max(1, rate // 20); out = sys.stdout.buffer; src = sys.stdin.buffer; t = time.monotonic()
while True:
    for _ in range(step):
        out.write(src.readline())
    out.flush(); t += step / rate; d = t - time.monotonic()
    if d > 0: time.sleep(d)
" "$RATE" | live live --queue "$OUT/q2" --format json --interval 60 --duration "$RSS_SECS" - > "$OUT/rss.json" 2> "$OUT/rss.err" &
sleep 5
pid=$(pgrep -n -f "ctscope.jar live --queue $OUT/q2" || true)
echo "seconds rss_kib" > "$OUT/rss.tsv"
s=0
while kill -0 "$pid" 2>/dev/null; do
  echo "$s $(ps -o rss= -p "$pid" | tr -d ' ')" >> "$OUT/rss.tsv"
  sleep 10; s=$((s + 10))
done
wait || true
cat "$OUT/rss.tsv" | tr '\n' ';'; echo
python3 -c "import json; r=json.load(open('$OUT/rss.json')); print('rss run: records', r['input']['records'], 'table', r['table']['entries'], 'latency', r['live']['latency_us'])"
rm -rf "$OUT/q2"
