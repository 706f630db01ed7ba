#!/usr/bin/env bash
# Memory bench for top talkers (a bench, not a unit test). Generates a busy-NAT-gateway capture with
# the sample generator (--hosts 10000000 --max-flows 65536) and interleaves a spoofed-source SYN flood
# (one flow per source, NEW then DESTROY, FLOOD distinct sources) so that the capture holds more than
# ten million distinct sources; then runs TopMemoryBench under -Xmx512m, which prints the heap used
# after a full GC, the top-10 sources with their bounds, and checks them against an exact sort-based
# second pass. Exit status 1 when a count falls outside its bounds or a rank is wrong.
# Usage: bench/top-memory.sh [GENERATOR_LINES] [FLOOD]   (default 20000000 10000000; WORK=/dir keeps the capture)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lines="${1:-20000000}"
flood="${2:-10000000}"
work="${WORK:-$(mktemp -d /tmp/ctscope-top-memory.XXXXXX)}"
mkdir -p "$work"
capture="$work/nat-$lines-flood-$flood.txt"

echo "== build" >&2
(cd "$root" && mvn -q -B -ntp install -DskipTests -pl samples,analysis -am && mvn -q -B -ntp test-compile -pl analysis \
  && mvn -q -B -ntp dependency:build-classpath -pl analysis -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/cp.txt") >&2

if [[ ! -s "$capture" ]]; then
  echo "== generate $lines generator lines + $flood flood flows -> $capture" >&2
  # Flood flow f: source f * 40503 + 11.0.0.0 mod 2^32 (an odd multiplier: distinct for every f < 2^32)
  # to the NAT box's public 198.18.0.1:443, forwarded to 10.1.0.10, never answered. Two flood lines
  # (a NEW and the DESTROY of the flow 30,000 before) after each generator line, with its timestamp.
  java -cp "$root/samples/target/classes" io.ctscope.samples.NatCaptureGenerator --lines "$lines" --seed 42 \
      --out - --hosts 10000000 --max-flows 65536 \
    | awk -v n="$flood" -v pending=30000 '
      function addr(f,  a) {
        a = (f * 40503 + 184549376) % 4294967296
        return int(a / 16777216) "." int(a / 65536) % 256 "." int(a / 256) % 256 "." a % 256
      }
      function line(ts, tag, f,  a, p) {
        a = addr(f); p = 1024 + f % 60000
        if (tag == "NEW")
          printf "%s    [NEW] ipv4     2 tcp      6 120 SYN_SENT src=%s dst=198.18.0.1 sport=%d dport=443 [UNREPLIED] src=10.1.0.10 dst=%s sport=443 dport=%d\n", ts, a, p, a, p
        else
          printf "%s[DESTROY] ipv4     2 tcp      6 src=%s dst=198.18.0.1 sport=%d dport=443 packets=2 bytes=120 [UNREPLIED] src=10.1.0.10 dst=%s sport=443 dport=%d packets=0 bytes=0\n", ts, a, p, a, p
      }
      {
        print
        ts = substr($0, 1, index($0, "\t"))
        if (opened < n) line(ts, "NEW", opened++)
        if (opened - closed > pending) line(ts, "DESTROY", closed++)
      }
      END {
        while (opened < n) line(ts, "NEW", opened++)
        while (closed < opened) line(ts, "DESTROY", closed++)
      }' > "$capture"
fi
echo "== $(wc -l < "$capture") lines, $(($(stat -c %s "$capture") / 1024 / 1024)) MiB" >&2

java -Xmx512m -cp "$root/analysis/target/classes:$root/analysis/target/test-classes:$(cat "$work/cp.txt")" \
  io.ctscope.analysis.top.TopMemoryBench "$capture"
