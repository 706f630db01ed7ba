#!/usr/bin/env bash
# End-to-end benchmark, one run, one file: generates a synthetic busy-NAT-gateway capture
# (conntrack -E -o timestamp,extended,id), then times on that same file, page cache warm:
#   wc -l  |  the awk one-liner operators use today  |  ctscope report --format json  |  ctscope ingest
# and prints lines/s for each and the ratios to awk. JVM start-up is included in ctscope's times.
# Usage: bench/run.sh [LINES]   (default 4000000; WORK=/dir to keep files, RUNS=n best-of-n, default 3)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lines="${1:-4000000}"
runs="${RUNS:-3}"
work="${WORK:-$(mktemp -d /tmp/ctscope-bench.XXXXXX)}"
mkdir -p "$work"
capture="$work/capture-$lines.txt"

echo "== build" >&2
(cd "$root" && mvn -q -B -ntp -DskipTests -pl cli,samples -am install) >&2
if [[ ! -s "$capture" ]]; then
  echo "== generate $lines lines" >&2
  java -cp "$root/samples/target/classes" io.ctscope.samples.NatCaptureGenerator \
    --lines "$lines" --seed 42 --out "$capture" >&2
fi
bytes=$(stat -c %s "$capture")
cat "$capture" > /dev/null   # warm the page cache for everyone alike

has_time=0; [[ -x /usr/bin/time ]] && has_time=1
best_ns=0; best_rss=0
measure() { # name, command...: best wall time of $runs runs (ns) into best_ns, peak RSS (KiB) into best_rss
  local name="$1"; shift
  best_ns=0; best_rss=0
  for ((i = 0; i < runs; i++)); do
    [[ "$name" == ingest ]] && rm -rf "$work/queue"
    local t0 t1 rss=0
    t0=$(date +%s%N)
    if ((has_time)); then
      /usr/bin/time -f "%M" -o "$work/rss" "$@" > "$work/out-$name" 2> "$work/err-$name"
      rss=$(tail -1 "$work/rss")
    else
      "$@" > "$work/out-$name" 2> "$work/err-$name"
    fi
    t1=$(date +%s%N)
    local ns=$((t1 - t0))
    if ((best_ns == 0 || ns < best_ns)); then best_ns=$ns; best_rss=$rss; fi
  done
}

declare -A secs rate rss
for tool in wc awk report ingest; do
  case "$tool" in
    wc) measure wc wc -l "$capture" ;;
    awk) measure awk awk '{c[$2" "$5" "$8]++} END {for (k in c) print k, c[k]}' "$capture" ;;
    report) measure report "$root/ctscope" report --format json "$capture" ;;
    ingest) measure ingest "$root/ctscope" ingest "$capture" --queue "$work/queue" ;;
  esac
  secs[$tool]=$(awk -v ns="$best_ns" 'BEGIN {printf "%.3f", ns / 1e9}')
  rate[$tool]=$(awk -v ns="$best_ns" -v n="$lines" 'BEGIN {printf "%.0f", n / (ns / 1e9)}')
  rss[$tool]=$best_rss
done

echo
echo "capture: $capture ($lines lines, $((bytes / 1024 / 1024)) MiB), best of $runs runs, $(nproc) cores"
printf '%-8s %10s %14s %12s %10s\n' tool seconds lines/s vs-awk peak-RSS
for tool in wc awk report ingest; do
  ratio=$(awk -v a="${rate[$tool]}" -v b="${rate[awk]}" 'BEGIN {printf "%.2fx", a / b}')
  mem="-"; [[ "${rss[$tool]}" != 0 ]] && mem="$((rss[$tool] / 1024)) MiB"
  printf '%-8s %10s %14s %12s %10s\n' "$tool" "${secs[$tool]}" "${rate[$tool]}" "$ratio" "$mem"
done
echo
echo "report bad lines: $(grep -m1 '"bad_lines"' "$work/out-report" | tr -dc 0-9), records: $(grep -m1 '"records"' "$work/out-report" | tr -dc 0-9)"
