#!/usr/bin/env bash
# bench/live-cpu.sh — CPU seconds per thread of one `ctscope live -` run over a capture. On a shared,
# loaded machine wall-clock throughput mostly measures the wait for a core; a thread's own CPU time is
# inflated far less, and LINES / (CPU seconds of the busiest pipeline thread) is the rate the pipeline
# sustains once every stage has a core of its own (the stages run on threads of their own).
#
# Usage: bench/live-cpu.sh CAPTURE [LAUNCHER]   (LAUNCHER defaults to ./ctscope; CTSCOPE_JAVA_OPTS passes through)
set -euo pipefail
capture=$1; launcher=${2:-./ctscope}
q=$(mktemp -d); out=$(mktemp)
lines=$(wc -l < "$capture")
cat "$capture" | "$launcher" live --queue "$q" --interval 0 --format json - > "$out" 2>/dev/null &
pid=""
for _ in $(seq 100); do
  pid=$(pgrep -n -f "ctscope.jar live --queue $q" || true); [[ -n "$pid" ]] && break; sleep 0.1
done
declare -A cpu name
while kill -0 "$pid" 2>/dev/null; do
  for t in /proc/"$pid"/task/*; do
    tid=${t##*/}
    s=$(awk '{print $14+$15}' "$t/stat" 2>/dev/null) || continue
    n=$(tr -d '\n' < "$t/comm" 2>/dev/null | tr ' ' '_') || continue
    [[ -n "$s" ]] && cpu[$tid]=$s && name[$tid]=$n
  done
  sleep 0.5
done
wait || true
tck=$(getconf CLK_TCK)
echo "$lines lines; load $(cut -d' ' -f1-3 /proc/loadavg); threads with more than 0.2 s of CPU (pipeline threads in start order:"
echo "parsers, then the journal, then the analyzers):"
for tid in "${!cpu[@]}"; do echo "$tid ${name[$tid]} ${cpu[$tid]}"; done | sort -n |
  awk -v t="$tck" -v l="$lines" '$3 > 0.2 * t { s = $3 / t; printf "  %-16s %6.1f s CPU  %10.0f lines per CPU second\n", $2, s, l / s }'
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('  journaled', r['live']['journal_records'], 'of', sys.argv[2], 'lines')" "$out" "$lines"
rm -rf "$q" "$out"
