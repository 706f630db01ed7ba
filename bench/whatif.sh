#!/usr/bin/env bash
# whatif vs report on the same capture, back to back, alternating, so machine load hits both alike.
# Usage: bench/whatif.sh CAPTURE [RUNS]   (CAPTURE from bench/run.sh or NatCaptureGenerator; RUNS default 3)
# Prints each run's wall time and the best of each; JVM start-up included, as in bench/run.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
capture="$1"; runs="${2:-3}"
proposal=(--set tcp_timeout_established=3600 --set udp_timeout=10 --set udp_timeout_stream=60)
best() { sort -n | head -1; }
: >"${TMPDIR:-/tmp}/whatif-bench.report"; : >"${TMPDIR:-/tmp}/whatif-bench.whatif"
for ((i = 1; i <= runs; i++)); do
  for tool in report whatif; do
    args=(report --format json "$capture")
    [[ $tool == whatif ]] && args=(whatif --format json "$capture" "${proposal[@]}")
    t0=$(date +%s%N)
    "$root/ctscope" "${args[@]}" >"${TMPDIR:-/tmp}/whatif-bench.$tool.json"
    t1=$(date +%s%N)
    s=$(awk -v ns=$((t1 - t0)) 'BEGIN {printf "%.2f", ns / 1e9}')
    echo "run $i $tool $s s"
    echo "$s" >>"${TMPDIR:-/tmp}/whatif-bench.$tool"
  done
done
r=$(best <"${TMPDIR:-/tmp}/whatif-bench.report"); w=$(best <"${TMPDIR:-/tmp}/whatif-bench.whatif")
echo "best: report $r s, whatif $w s, ratio $(awk -v r="$r" -v w="$w" 'BEGIN {printf "%.2f", w / r}')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
