#!/usr/bin/env bash
# run-jmh.sh — build the bench module and run the parser and framer/decoder JMH benchmarks.
#
# Usage: bench/run-jmh.sh [extra JMH options...]
#
# Inputs (JMH @Param "file", paths relative to the repository root):
#   first choice, when samples/lab/recorded/ holds a lab recording (samples/lab/record.sh):
#     samples/lab/recorded/events-timestamp-extended-id.txt   conntrack -E -o timestamp,extended,id
#     samples/lab/recorded/snap-b-proc.txt (or snap-a-proc.txt) cat /proc/net/nf_conntrack
#   always, as the fallback and a fixed reference:
#     samples/corpus/list__canonical_hotsos__openstack_compute_o_extended_1439.txt
#     samples/corpus/events__netfilter-devel_lore__20240409_timestamp_offload_nat.txt
# Override the recording directory with CTSCOPE_RECORDED=dir, or the whole list with CTSCOPE_BENCH_FILES=a,b.
#
# Output: bench/results/jmh-parser.txt (console log, then the RESULTS.md table rows from
# bench/results-table.py) and bench/results/jmh-parser.json.
# About 20 s per benchmark and input on 2 cores: ~1.5 min with the fallbacks only, ~3 min with a recording.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

REC="${CTSCOPE_RECORDED:-samples/lab/recorded}"
FALLBACK="samples/corpus/list__canonical_hotsos__openstack_compute_o_extended_1439.txt,samples/corpus/events__netfilter-devel_lore__20240409_timestamp_offload_nat.txt"
files=""
if [[ -n "${CTSCOPE_BENCH_FILES:-}" ]]; then
  files="$CTSCOPE_BENCH_FILES"
else
  [[ -s "$REC/events-timestamp-extended-id.txt" ]] && files="$REC/events-timestamp-extended-id.txt,"
  for f in snap-b-proc.txt snap-a-proc.txt; do
    if [[ -s "$REC/$f" ]]; then files="$files$REC/$f,"; break; fi
  done
  files="$files$FALLBACK"
fi

mvn -q -B -DskipTests -pl bench -am install

mkdir -p bench/results
OUT=bench/results/jmh-parser.txt
{
  echo "# bench/run-jmh.sh $(date -u '+%Y-%m-%d %H:%M:%S UTC') on $(uname -n) ($(nproc) cpus, kernel $(uname -r))"
  echo "# files: $files"
} >"$OUT"
java -jar bench/target/benchmarks.jar ParserBenchmark FramerDecoderBenchmark \
  -p file="$files" \
  -prof gc -f 1 -wi 3 -w 2s -i 5 -r 2s \
  -rf json -rff bench/results/jmh-parser.json \
  "$@" 2>&1 | tee -a "$OUT"
if command -v python3 >/dev/null 2>&1; then
  python3 bench/results-table.py bench/results/jmh-parser.json | tee -a "$OUT"
fi
echo "run-jmh.sh: results in $OUT" >&2
