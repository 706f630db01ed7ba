#!/usr/bin/env bash
# whatif-lab.sh — one run of the what-if lab: client -> router (NAT) -> server in three private network
# namespaces (named with this script's PID), the router timed by TIMEOUTS (a sysctl.conf file), the fixed
# workload of workload.py, and what the kernel shows meanwhile.
#
# Usage: whatif-lab.sh OUTDIR TIMEOUTS MODE SPEC [LOWER]
#   MODE events-reap   conntrack -E -o timestamp,extended,id, and a reaping read every 0.1 s, every 10th kept
#                      in OUTDIR/dumps (dumps taken beside the stream)
#        events-count  conntrack -E, and nf_conntrack_count every 0.1 s (nothing reads the table: DESTROYs lag)
#        reap          a reaping read every 0.1 s
#        drain         reaping reads; right after the snapshot the router is retimed with LOWER, ctscope
#                      (the command in $WHATIF_CMD) runs on the snapshot, and 7 s after it its conntrack -D
#                      commands run in the router, followed by one reaping read (deletes.after)
#   SPEC  the client's waves, e.g. "waves=0,3,6 snap=7.5 streams=1"
# Writes OUTDIR/{events.txt,samples.txt,snap.txt,snap.at,t0,...}. Traffic stays between the namespaces;
# no host-namespace setting is touched. Root only.
set -euo pipefail
export LC_ALL=C TZ=UTC
OUT="$1"; TIMEOUTS="$2"; MODE="$3"; SPEC="$4"; LOWER="${5:-}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
P="wflab-$$"; C="$P-c"; R="$P-r"; S="$P-s"
PIDS=()
cleanup() {
  set +e
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for ns in "$C" "$R" "$S"; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
  done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
  for ns in "$C" "$R" "$S"; do ip netns del "$ns" 2>/dev/null; done
}
trap cleanup EXIT
mkdir -p "$OUT"
for ns in "$C" "$R" "$S"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
ip link add eth0 netns "$C" type veth peer name in0 netns "$R"
ip link add eth0 netns "$S" type veth peer name out0 netns "$R"
ip -n "$C" addr add 10.79.1.2/24 dev eth0
ip -n "$R" addr add 10.79.1.1/24 dev in0
ip -n "$R" addr add 172.21.79.1/24 dev out0
ip -n "$S" addr add 172.21.79.2/24 dev eth0
for l in "$C eth0" "$R in0" "$R out0" "$S eth0"; do set -- $l; ip -n "$1" link set "$2" up; done
ip -n "$C" route add default via 10.79.1.1
ip -n "$S" route add default via 172.21.79.1
ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1
ip netns exec "$R" iptables -t nat -A POSTROUTING -o out0 -j MASQUERADE
ip netns exec "$S" iptables -A INPUT -p udp --dport 7002 -j DROP
ip netns exec "$S" iptables -A INPUT -p tcp --dport 7003 -j DROP
ip netns exec "$R" sysctl -q -p "$TIMEOUTS" >/dev/null
ip netns exec "$S" python3 "$HERE/workload.py" server & PIDS+=($!)
# wait until the echo server answers (also warms up ARP), then start from an empty table
for i in $(seq 1 50); do
  if ip netns exec "$C" python3 -c 'import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.settimeout(0.2);s.sendto(b"w",("172.21.79.2",7000));s.recvfrom(8)' 2>/dev/null; then break; fi
done
ip netns exec "$R" conntrack -F >/dev/null 2>&1 || true
if [[ "$MODE" == events-* ]]; then
  ip netns exec "$R" stdbuf -oL conntrack -E -o timestamp,extended,id >"$OUT/events.txt" 2>"$OUT/events.stderr" & PIDS+=($!)
  CT=$!
  # the listener is subscribed once it prints; a NEW for a probe flow shows it
  for i in $(seq 1 100); do
    ip netns exec "$C" python3 -c 'import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.sendto(b"p",("172.21.79.2",7002))'
    grep -q NEW "$OUT/events.txt" 2>/dev/null && break
    sleep 0.05
  done
  ip netns exec "$R" conntrack -F >/dev/null 2>&1 || true
  sleep 0.2
  # the probe's NEW and the flush's DESTROYs come before this byte offset; the workload's events after it
  stat -c %s "$OUT/events.txt" >"$OUT/events.start"
fi
SAMPLE=reap; [[ "$MODE" == events-count ]] && SAMPLE=count
DUMPS=(); [[ "$MODE" == events-reap ]] && { mkdir -p "$OUT/dumps"; DUMPS=("$OUT/dumps"); }
rm -f "$OUT/done"
ip netns exec "$R" python3 "$HERE/workload.py" sampler "$SAMPLE" "$OUT/samples.txt" "$OUT/done" "${DUMPS[@]}" & SAMPLER=$!
if [[ "$MODE" == drain ]]; then
  ip netns exec "$C" python3 "$HERE/workload.py" client "$SPEC" "$OUT" "$R" &
  CLIENT=$!
  while [[ ! -s "$OUT/snap.at" ]]; do sleep 0.01; done
  ip netns exec "$R" sysctl -q -p "$LOWER" >/dev/null
  $WHATIF_CMD whatif "$OUT/snap.txt" --current "$TIMEOUTS" --timeouts "$LOWER" --print-deletes >"$OUT/deletes.sh"
  $WHATIF_CMD whatif "$OUT/snap.txt" --current "$TIMEOUTS" --timeouts "$LOWER" --format json >"$OUT/whatif.json"
  python3 - "$OUT/snap.at" <<'PY'
import sys, time
at = float(open(sys.argv[1]).read())
delay = at + 7.0 - time.time()
if delay > 0:
    time.sleep(delay)
PY
  date +%s.%N >"$OUT/deletes.at"
  ip netns exec "$R" bash "$OUT/deletes.sh" >"$OUT/deletes.log" 2>&1 || true
  ip netns exec "$R" cat /proc/net/nf_conntrack >"$OUT/deletes.after"
  wait "$CLIENT"
else
  ip netns exec "$C" python3 "$HERE/workload.py" client "$SPEC" "$OUT" "$R"
fi
: >"$OUT/done"
wait "$SAMPLER"
if [[ "$MODE" == events-* ]]; then
  sleep 0.3   # let the last DESTROY lines reach the file before the listener goes
  kill "$CT" 2>/dev/null || true
fi
