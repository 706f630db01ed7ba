#!/usr/bin/env bash
# record.sh — record real netfilter conntrack output from a private three-namespace NAT lab.
#
# Usage: samples/lab/record.sh OUTDIR [--quick]
#
#   client ns  10.77.1.2/24  fd77:1::2/64
#      | veth (eth0 <-> in0)
#   router ns  10.77.1.1/24  fd77:1::1/64   (in0)     ip_forward, MASQUERADE (v4 and v6) on out0,
#              172.20.77.1/24 fd77:2::1/64  (out0)    conntrack listeners and table snapshots here
#      | veth (out0 <-> eth0)
#   server ns  172.20.77.2/24 fd77:2::2/64  socat services
#
# Every packet stays between these three namespaces: the router has no default route and no link
# to the host namespace, and the traffic only ever targets the server's own addresses. No sysctl of
# the host namespace is touched; all settings below are written inside the router namespace.
#
# Must run as root. Needs: ip (iproute2), iptables, ip6tables, conntrack (conntrack-tools), socat,
# ping (iputils-ping), stdbuf and timeout (coreutils). unshare + overlayfs are used, if available,
# to give the labels listener a private /etc/xtables/connlabel.conf (nothing on disk is changed).
#
# --quick: a shorter run (< 60 s) for automated tests; the default run takes about 3-4 minutes.
# Exit status is non-zero, with a message on stderr, if anything needed is missing or the capture
# came out empty.
set -euo pipefail
export LC_ALL=C TZ=UTC

PROG=record.sh
die() { echo "$PROG: ERROR: $*" >&2; exit 1; }
log() { echo "$PROG: [$(date -u +%H:%M:%S)] $*" >&2; }

usage() { echo "usage: $0 OUTDIR [--quick]" >&2; exit 2; }

OUTDIR=""
QUICK=0
ARGS="$*"
for a in "$@"; do
  case "$a" in
    --quick) QUICK=1 ;;
    -h|--help) usage ;;
    -*) echo "$PROG: unknown option: $a" >&2; usage ;;
    *) [[ -z "$OUTDIR" ]] || usage; OUTDIR="$a" ;;
  esac
done
[[ -n "$OUTDIR" ]] || usage

# ---------------------------------------------------------------- preconditions
[[ "$(id -u)" -eq 0 ]] || die "must run as root (network namespaces, iptables and conntrack need it)"
missing=()
for c in ip iptables ip6tables conntrack socat ping stdbuf timeout sysctl; do
  command -v "$c" >/dev/null 2>&1 || missing+=("$c")
done
((${#missing[@]} == 0)) || die "missing required command(s): ${missing[*]} (Debian: apt-get install iproute2 iptables conntrack socat iputils-ping procps coreutils)"

mkdir -p "$OUTDIR" || die "cannot create OUTDIR $OUTDIR"
OUTDIR="$(cd "$OUTDIR" && pwd)"
# Remove only files a previous run of this script wrote, so stale outputs cannot mix in.
rm -f "$OUTDIR"/events-*.txt "$OUTDIR"/events-*.stderr "$OUTDIR"/snap-*.txt "$OUTDIR"/snap-*.stderr \
      "$OUTDIR"/final-list.txt "$OUTDIR"/final-list.stderr "$OUTDIR"/MANIFEST.txt

# ---------------------------------------------------------------- parameters
if ((QUICK)); then
  MODE=quick
  ROUNDS_PER_PHASE=6       # traffic rounds with acct/timestamp off, then again with them on
  ROUND_PAUSE=0.3
  EST_TIMEOUT=20           # nf_conntrack_tcp_timeout_established
  SETTLE_NATURAL=0         # seconds to let the gc worker reap on its own before polling
  REAP_DEADLINE=20
  HEARTBEAT=2
else
  MODE=full
  ROUNDS_PER_PHASE=18
  ROUND_PAUSE=2
  EST_TIMEOUT=60
  SETTLE_NATURAL=45
  REAP_DEADLINE=30
  HEARTBEAT=4
fi
IDLE_SECS=$((EST_TIMEOUT + 6))   # the idle long-lived connection outlives its conntrack entry

ROUTER_SYSCTLS=(
  net.netfilter.nf_conntrack_tcp_timeout_established="$EST_TIMEOUT"
  net.netfilter.nf_conntrack_tcp_timeout_syn_sent=10
  net.netfilter.nf_conntrack_tcp_timeout_syn_recv=5
  net.netfilter.nf_conntrack_tcp_timeout_fin_wait=5
  net.netfilter.nf_conntrack_tcp_timeout_close_wait=5
  net.netfilter.nf_conntrack_tcp_timeout_last_ack=5
  net.netfilter.nf_conntrack_tcp_timeout_time_wait=5
  net.netfilter.nf_conntrack_tcp_timeout_close=5
  net.netfilter.nf_conntrack_udp_timeout=5
  net.netfilter.nf_conntrack_udp_timeout_stream=10
  net.netfilter.nf_conntrack_icmp_timeout=5
  net.netfilter.nf_conntrack_icmpv6_timeout=5
)

P="ctlab-$$"
NS_C="$P-client"; NS_R="$P-router"; NS_S="$P-server"
C4=10.77.1.2;    C4B=10.77.1.3;     R4IN=10.77.1.1;    R4OUT=172.20.77.1; S4=172.20.77.2
C6=fd77:1::2;    R6IN=fd77:1::1;    R6OUT=fd77:2::1;   S6=fd77:2::2

NAMESPACES=()
BG_PIDS=()
LISTENER_PIDS=()
TMPD="$(mktemp -d /tmp/ctlab.XXXXXX)"
START_EPOCH=$(date +%s)
START_DATE="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  local p ns
  for p in "${LISTENER_PIDS[@]}" "${BG_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  # Anything else still running inside our own namespaces was started by this script.
  for ns in "${NAMESPACES[@]}"; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -TERM "$p" 2>/dev/null; done
  done
  sleep 0.3
  for ns in "${NAMESPACES[@]}"; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
  done
  for p in "${LISTENER_PIDS[@]}" "${BG_PIDS[@]}"; do kill -KILL "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  for ns in "${NAMESPACES[@]}"; do ip netns del "$ns" 2>/dev/null; done
  rm -rf "$TMPD"
  if ((rc != 0)); then echo "$PROG: FAILED (exit $rc); namespaces $P-* removed" >&2; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

inC() { ip netns exec "$NS_C" "$@"; }
inR() { ip netns exec "$NS_R" "$@"; }
inS() { ip netns exec "$NS_S" "$@"; }

# MANIFEST bookkeeping: file name -> the command that produced it
declare -A CMD_OF=()
FILES=()
note() { FILES+=("$1"); CMD_OF["$1"]="$2"; }

# ---------------------------------------------------------------- topology
log "mode=$MODE prefix=$P outdir=$OUTDIR"
for ns in "$NS_C" "$NS_R" "$NS_S"; do
  ip netns add "$ns" || die "cannot create network namespace $ns"
  NAMESPACES+=("$ns")
  ip -n "$ns" link set lo up
done
# veth pairs are created directly inside the namespaces: nothing appears in the host namespace.
ip link add eth0 netns "$NS_C" type veth peer name in0 netns "$NS_R"
ip link add eth0 netns "$NS_S" type veth peer name out0 netns "$NS_R"
for ns in "$NS_C" "$NS_R" "$NS_S"; do
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
    net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0
done
ip -n "$NS_C" addr add "$C4/24" dev eth0
ip -n "$NS_C" addr add "$C4B/24" dev eth0          # a second, quieter client (top talkers)
ip -n "$NS_C" addr add "$C6/64" dev eth0 nodad
ip -n "$NS_R" addr add "$R4IN/24" dev in0
ip -n "$NS_R" addr add "$R6IN/64" dev in0 nodad
ip -n "$NS_R" addr add "$R4OUT/24" dev out0
ip -n "$NS_R" addr add "$R6OUT/64" dev out0 nodad
ip -n "$NS_S" addr add "$S4/24" dev eth0
ip -n "$NS_S" addr add "$S6/64" dev eth0 nodad
ip -n "$NS_C" link set eth0 up
ip -n "$NS_R" link set in0 up
ip -n "$NS_R" link set out0 up
ip -n "$NS_S" link set eth0 up
ip -n "$NS_C" route add default via "$R4IN"
ip -n "$NS_C" -6 route add default via "$R6IN"
ip -n "$NS_S" route add default via "$R4OUT"
ip -n "$NS_S" -6 route add default via "$R6OUT"
inR sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1

# NAT rules: these make the router namespace track connections at all.
inR iptables  -t nat -A POSTROUTING -o out0 -j MASQUERADE
inR ip6tables -t nat -A POSTROUTING -o out0 -j MASQUERADE
# conntrack labels (bit numbers; names come from the private connlabel.conf below)
inR iptables  -t mangle -A FORWARD -i in0 -p tcp --dport 8080 -m connlabel --label 1 --set
inR ip6tables -t mangle -A FORWARD -i in0 -p tcp --dport 8080 -m connlabel --label 1 --set
inR iptables  -t mangle -A FORWARD -i in0 -p udp --dport 5353 -m connlabel --label 2 --set
inR iptables  -t mangle -A FORWARD -i in0 -p icmp -m connlabel --label 3 --set
# Server side: silently drop some traffic so the router sees flows that never get a reply.
inS iptables  -A INPUT -p tcp --dport 8082 -j DROP                  # SYN blackhole
inS ip6tables -A INPUT -p tcp --dport 8082 -j DROP
inS iptables  -A INPUT -p udp --dport 5355 -j DROP                  # UDP blackhole (no ICMP error)
inS ip6tables -A INPUT -p udp --dport 5355 -j DROP
inS iptables  -A INPUT -p icmp -m length --length 1028 -j DROP      # pings with -s 1000 go unanswered

[[ -e "/proc/sys/net/netfilter/nf_conntrack_max" ]] || die "nf_conntrack is not available in this kernel"
inR sysctl -qw "${ROUTER_SYSCTLS[@]}" || die "cannot set conntrack timeouts in $NS_R"
inR sysctl -qw net.netfilter.nf_conntrack_acct=0 net.netfilter.nf_conntrack_timestamp=0

# Reachability check (fails loudly if the lab does not forward).
inC ping -c1 -W2 -q "$S4" >/dev/null || die "client cannot reach server over IPv4 through the router"
inC ping -6 -c1 -W2 -q "$S6" >/dev/null || die "client cannot reach server over IPv6 through the router"
inR conntrack -F >/dev/null 2>&1 || true   # start from an empty table (router namespace only)
inR conntrack -F -f ipv6 >/dev/null 2>&1 || true

# ---------------------------------------------------------------- server services
cat >"$TMPD/http.sh" <<'EOF'
#!/bin/sh
read -r line
printf 'HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n'
EOF
cat >"$TMPD/talk.sh" <<'EOF'
#!/bin/sh
# talk.sh LABEL INTERVAL [COUNT]: print a line every INTERVAL s, COUNT times (forever if absent)
n=0
while [ -z "$3" ] || [ "$n" -lt "$3" ]; do
  echo "line-$1-$n"; n=$((n + 1))
  { [ -n "$3" ] && [ "$n" -ge "$3" ]; } || sleep "$2"
done
sleep 0.5
EOF
chmod +x "$TMPD/http.sh" "$TMPD/talk.sh"
# Background jobs run "ip netns exec" directly (never a shell function), so $! is the pid of the
# program itself (ip netns exec execs it) and signals reach it.
srv() { ip netns exec "$NS_S" "$@" >/dev/null 2>&1 & BG_PIDS+=($!); }
srv socat TCP4-LISTEN:8080,fork,reuseaddr,backlog=64 EXEC:"$TMPD/http.sh"
srv socat TCP6-LISTEN:8080,ipv6only=1,fork,reuseaddr,backlog=64 EXEC:"$TMPD/http.sh"
srv socat -u TCP4-LISTEN:8083,fork,reuseaddr OPEN:/dev/null          # bulk upload sink
srv socat TCP4-LISTEN:9090,fork,reuseaddr EXEC:cat                   # long-lived echo
srv socat TCP6-LISTEN:9090,ipv6only=1,fork,reuseaddr EXEC:cat
srv socat TCP4-LISTEN:9091,fork,reuseaddr EXEC:cat                   # idle long-lived echo
srv socat -T3 UDP4-RECVFROM:5353,fork EXEC:cat                       # UDP echo
srv socat -T3 UDP6-RECVFROM:5353,ipv6only=1,fork EXEC:cat
# 8081 (tcp) and 5354 (udp) are closed ports: RST / ICMP port unreachable.
for i in $(seq 1 50); do
  inS ss -ltn 2>/dev/null | grep -q ':9091 ' && break
  sleep 0.1
done

# ---------------------------------------------------------------- labels map (private mount ns)
# conntrack prints label names only from /etc/xtables/connlabel.conf. To avoid touching /etc, the
# labels listener runs in a private mount namespace with an overlay over /etc that adds that file.
LABELS_MODE="none"
mkdir -p "$TMPD/ovl/upper/xtables" "$TMPD/ovl/work"
cat >"$TMPD/ovl/upper/xtables/connlabel.conf" <<'EOF'
0 lab-zero
1 lab-web
2 lab-echo
3 lab-ping
EOF
OVL_MOUNT="mount -t overlay overlay -o lowerdir=/etc,upperdir=$TMPD/ovl/upper,workdir=$TMPD/ovl/work /etc"
if command -v unshare >/dev/null 2>&1 &&
   unshare -m --propagation private sh -c "$OVL_MOUNT && test -r /etc/xtables/connlabel.conf" 2>/dev/null; then
  LABELS_MODE="overlay"
fi
# run "$@" (a command line) with the label map visible when possible; every step execs, so
# a background "with_labels_cmd ... &" has the pid of the final program.
LABELS_PREFIX=()
if [[ "$LABELS_MODE" == overlay ]]; then
  LABELS_PREFIX=(unshare -m --propagation private sh -c "$OVL_MOUNT && exec \"\$@\"" sh)
fi

# Does the installed conntrack know these output types? A rejected option exits at once
# ("Bad parameter", status 2); an accepted one listens until timeout stops it (status 124).
supports_output() {
  local rc=0
  inR timeout -s INT 1 conntrack -E -o "$1" >/dev/null 2>&1 || rc=$?
  ((rc == 124))
}
KTS_OK=0;    supports_output ktimestamp && KTS_OK=1
LABELS_OK=0; supports_output labels && LABELS_OK=1

# ---------------------------------------------------------------- listeners
start_listener() {  # name, conntrack -E options...
  local name=$1; shift
  local out="events-$name.txt" err="events-$name.stderr"
  if [[ "$name" == labels ]]; then
    "${LABELS_PREFIX[@]}" ip netns exec "$NS_R" stdbuf -oL conntrack -E "$@" >"$OUTDIR/$out" 2>"$OUTDIR/$err" &
  else
    ip netns exec "$NS_R" stdbuf -oL conntrack -E "$@" >"$OUTDIR/$out" 2>"$OUTDIR/$err" &
  fi
  LISTENER_PIDS+=($!)
  note "$out" "stdbuf -oL conntrack -E $* (router ns, stdout)"
  note "$err" "stderr of: conntrack -E $* (stopped with SIGINT)"
}
start_listener plain
start_listener timestamp -o timestamp
start_listener extended-id -o extended,id
start_listener timestamp-extended-id -o timestamp,extended,id
((KTS_OK)) && start_listener ktimestamp -o ktimestamp
if ((KTS_OK && LABELS_OK)); then
  start_listener labels -o timestamp,extended,id,ktimestamp,labels
elif ((LABELS_OK)); then
  start_listener labels -o timestamp,extended,id,labels
fi
start_listener xml -o xml
sleep 1
for p in "${LISTENER_PIDS[@]}"; do kill -0 "$p" 2>/dev/null || die "a conntrack -E listener died at start (see $OUTDIR/events-*.stderr)"; done

# ---------------------------------------------------------------- traffic helpers
# All targets are the server namespace's own addresses ($S4 / $S6).
q() { "$@" >/dev/null 2>&1 || true; }
tcp_req()   { printf 'GET /%s HTTP/1.0\r\n\r\n' "$2" | q timeout 5 ip netns exec "$NS_C" socat -t0.2 -T2 - "$1,connect-timeout=2"; }
tcp_bulk()  { head -c "$2" /dev/zero | q timeout 8 ip netns exec "$NS_C" socat -u -T3 - "$1,connect-timeout=2"; }
tcp_probe() { q timeout 4 ip netns exec "$NS_C" socat -T1 - "$1,connect-timeout=2" </dev/null; }
udp_req()   { printf 'q%s\n' "$2" | q timeout 3 ip netns exec "$NS_C" socat -t0.3 -T1 - "$1"; }
udp_fire()  { printf 'x%s\n' "$2" | q timeout 3 ip netns exec "$NS_C" socat -u - "$1"; }

long_lived() {  # address, label: heartbeat every $HEARTBEAT s, runs until killed
  ip netns exec "$NS_C" socat "$1" EXEC:"$TMPD/talk.sh $2 $HEARTBEAT" >/dev/null 2>&1 &
  BG_PIDS+=($!)
}
IDLE_PID=""
idle_conn() {   # one request, idle past the established timeout, one more request, close
  ip netns exec "$NS_C" socat -t1 "TCP4:$S4:9091" EXEC:"$TMPD/talk.sh idle $IDLE_SECS 2" >/dev/null 2>&1 &
  IDLE_PID=$!; BG_PIDS+=($IDLE_PID)
}

round() {  # one bounded round of client traffic; $1 = round number
  local i=$1
  tcp_req "TCP4:$S4:8080" "$i"
  ((i % 3 == 1)) && tcp_req "TCP4:$S4:8080,bind=$C4B" "$i"   # the second client
  udp_req "UDP4:$S4:5353" "$i"                           # request/reply, new source port each time
  udp_req "UDP4:$S4:5353,sourceport=40001,reuseaddr" "$i"  # same tuple every round -> UDP stream
  if ((i % 2 == 0)); then
    tcp_req "TCP6:[$S6]:8080" "$i"
    udp_req "UDP6:[$S6]:5353" "$i"
    q timeout 3 ip netns exec "$NS_C" ping -c2 -i0.2 -W1 -q "$S4"
  fi
  if ((i % 3 == 0)); then
    tcp_probe "TCP4:$S4:8081"                             # refused: RST
    udp_fire "UDP4-SENDTO:$S4:5354" "$i"                  # closed port: ICMP port unreachable
    q timeout 3 ip netns exec "$NS_C" ping -6 -c2 -i0.2 -W1 -q "$S6"
  fi
  if ((i % 4 == 1)); then
    tcp_bulk "TCP4:$S4:8083" $(( (i % 7 + 1) * 40000 ))   # bulk upload, byte counters
    udp_fire "UDP4-SENDTO:$S4:5355" "$i"                  # silently dropped
    udp_fire "UDP6-SENDTO:[$S6]:5355" "$i"
  fi
  if ((i % 5 == 2)); then
    tcp_probe "TCP6:[$S6]:8081"                           # refused over IPv6
    timeout 4 ip netns exec "$NS_C" socat -T1 - "TCP4:$S4:8082,connect-timeout=2" \
      </dev/null >/dev/null 2>&1 &                        # SYN blackhole -> SYN_SENT [UNREPLIED]
    BG_PIDS+=($!)
    q timeout 3 ip netns exec "$NS_C" ping -c1 -s1000 -W1 -q "$S4"   # unanswered echo
  fi
}

snapshot() {  # set name: conntrack tables and stats in the router namespace
  local s=$1 f
  f="snap-$s-list.txt";              inR conntrack -L                   >"$OUTDIR/$f" 2>"$OUTDIR/${f%.txt}.stderr"; note "$f" "conntrack -L"
  f="snap-$s-list-extended.txt";     inR conntrack -L -o extended       >"$OUTDIR/$f" 2>/dev/null; note "$f" "conntrack -L -o extended"
  f="snap-$s-list-extended-id.txt";  inR conntrack -L -o extended,id    >"$OUTDIR/$f" 2>/dev/null; note "$f" "conntrack -L -o extended,id"
  if ((KTS_OK && LABELS_OK)); then
    f="snap-$s-list-ktimestamp-labels.txt"
    "${LABELS_PREFIX[@]}" ip netns exec "$NS_R" conntrack -L -o extended,id,ktimestamp,labels >"$OUTDIR/$f" 2>/dev/null
    note "$f" "conntrack -L -o extended,id,ktimestamp,labels"
  fi
  f="snap-$s-list-xml.txt";          inR conntrack -L -o xml            >"$OUTDIR/$f" 2>/dev/null; note "$f" "conntrack -L -o xml"
  f="snap-$s-count.txt";             inR conntrack -C                   >"$OUTDIR/$f" 2>&1;        note "$f" "conntrack -C"
  f="snap-$s-stats.txt";             inR conntrack -S                   >"$OUTDIR/$f" 2>&1;        note "$f" "conntrack -S"
  f="snap-$s-proc-stat.txt";         inR cat /proc/net/stat/nf_conntrack >"$OUTDIR/$f" 2>&1 || true; note "$f" "cat /proc/net/stat/nf_conntrack"
  f="snap-$s-sysctl.txt";            inR sh -c 'sysctl -a 2>/dev/null | grep conntrack' >"$OUTDIR/$f" || true; note "$f" "sysctl -a 2>/dev/null | grep conntrack"
  # last: reading /proc/net/nf_conntrack reaps expired entries (DESTROY events follow)
  f="snap-$s-proc.txt";              inR cat /proc/net/nf_conntrack     >"$OUTDIR/$f" 2>&1 || true; note "$f" "cat /proc/net/nf_conntrack"
}

# ---------------------------------------------------------------- phase A: acct=0 timestamp=0
log "phase A: nf_conntrack_acct=0 nf_conntrack_timestamp=0, $ROUNDS_PER_PHASE rounds"
long_lived "TCP4:$S4:9090" a4
idle_conn
half=$((ROUNDS_PER_PHASE / 2))
for ((r = 1; r <= ROUNDS_PER_PHASE; r++)); do
  round "$r"
  ((r == half)) && snapshot a
  sleep "$ROUND_PAUSE"
done

# ---------------------------------------------------------------- phase B: acct=1 timestamp=1
inR sysctl -qw net.netfilter.nf_conntrack_acct=1 net.netfilter.nf_conntrack_timestamp=1
log "phase B: nf_conntrack_acct=1 nf_conntrack_timestamp=1, $ROUNDS_PER_PHASE rounds"
long_lived "TCP4:$S4:9090" b4
long_lived "TCP6:[$S6]:9090" b6
for ((r = ROUNDS_PER_PHASE + 1; r <= 2 * ROUNDS_PER_PHASE; r++)); do
  round "$r"
  ((r == ROUNDS_PER_PHASE + half)) && snapshot b
  sleep "$ROUND_PAUSE"
done

# ---------------------------------------------------------------- settle
log "waiting for the idle connection to finish (idle ${IDLE_SECS}s)"
for ((t = 0; t < (IDLE_SECS + 15) * 10; t++)); do
  kill -0 "$IDLE_PID" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$IDLE_PID" 2>/dev/null && log "warning: idle connection still open"
if ((SETTLE_NATURAL > 0)); then
  log "settle: ${SETTLE_NATURAL}s with only heartbeats (DESTROYs come from the gc worker)"
  sleep "$SETTLE_NATURAL"
fi
log "reaping: polling conntrack -L until only the long-lived flows remain (<= ${REAP_DEADLINE}s)"
for ((t = 0; t < REAP_DEADLINE; t++)); do
  # conntrack -L lists both families; listing also reaps expired entries
  others=$(inR conntrack -L 2>/dev/null | grep -vc 'dport=9090 ' || true)
  ((others == 0)) && break
  sleep 1
done
sleep 1   # let the listeners write the last DESTROYs

# ---------------------------------------------------------------- standing mix for final-list.txt
# Flows of every kind that keep themselves alive (each packet refreshes the timeout, no events) while
# final-list.txt is taken, so the table at the end is worth comparing with the rebuilt one.
log "standing mix: tcp, udp, icmp and unreplied flows that stay alive across final-list.txt"
long_lived "TCP4:$S4:9090" f4
long_lived "TCP4:$S4:9090,bind=$C4B" f4b
long_lived "TCP6:[$S6]:9090" f6
standing() { ip netns exec "$NS_C" "$@" >/dev/null 2>&1 & BG_PIDS+=($!); }
standing socat "UDP4:$S4:5353" EXEC:"$TMPD/talk.sh u4 1"            # udp echo: replied, assured
standing socat "UDP6:[$S6]:5353" EXEC:"$TMPD/talk.sh u6 1"
standing socat -u EXEC:"$TMPD/talk.sh u5 1" "UDP4-SENDTO:$S4:5355"    # dropped: udp [UNREPLIED]
standing ping -i 1 -q "$S4"                                          # icmp
standing ping -6 -i 1 -q "$S6"                                       # icmpv6
standing socat -T1 - "TCP4:$S4:8082,connect-timeout=30"              # SYN retransmits: SYN_SENT [UNREPLIED]
sleep 4   # every standing flow has its NEW (and reply UPDATE) written by now; none expires meanwhile

# ---------------------------------------------------------------- final table + stop listeners
# final-list.txt is taken while every listener (events-timestamp-extended-id.txt in particular)
# is still running and the long-lived connections are still open.
inR conntrack -L -o extended,id >"$OUTDIR/final-list.txt" 2>"$OUTDIR/final-list.stderr"
note final-list.txt "conntrack -L -o extended,id (taken at the end while all listeners were running)"
note final-list.stderr "stderr of: conntrack -L -o extended,id"
inR conntrack -S >"$OUTDIR/snap-final-stats.txt" 2>&1; note snap-final-stats.txt "conntrack -S (after final-list.txt)"
sleep 1
log "stopping listeners with SIGINT"
for p in "${LISTENER_PIDS[@]}"; do kill -INT "$p" 2>/dev/null || true; done
stuck=0
for p in "${LISTENER_PIDS[@]}"; do
  for ((t = 0; t < 50; t++)); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$p" 2>/dev/null; then stuck=1; kill -TERM "$p" 2>/dev/null || true; fi
  wait "$p" 2>/dev/null || true
done
((stuck == 0)) || log "warning: a listener ignored SIGINT and was stopped with SIGTERM"
LISTENER_PIDS=()
END_DATE="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
RUNTIME=$(( $(date +%s) - START_EPOCH ))

# ---------------------------------------------------------------- checks
main="$OUTDIR/events-timestamp-extended-id.txt"
[[ -s "$main" ]] || die "capture ended empty: $main has no events"
grep -q '\[NEW\]' "$main" || die "capture has no [NEW] events: $main"
grep -q '\[DESTROY\]' "$main" || die "capture has no [DESTROY] events: $main"
grep -q 'ipv6' "$main" || die "capture has no IPv6 events: $main"
[[ -s "$OUTDIR/final-list.txt" ]] || die "final table snapshot is empty: $OUTDIR/final-list.txt"
for f in "$OUTDIR"/events-*.txt; do [[ -s "$f" ]] || die "capture ended empty: $f"; done
if grep -l ENOBUFS "$OUTDIR"/events-*.stderr >/dev/null 2>&1; then
  die "events were lost (ENOBUFS) in: $(grep -l ENOBUFS "$OUTDIR"/events-*.stderr | tr '\n' ' ')"
fi
for f in "$OUTDIR"/events-*.stderr; do
  grep -q 'flow events have been shown' "$f" || die "listener did not print its closing summary: $f"
done

# ---------------------------------------------------------------- MANIFEST
{
  echo "# ctscope real-kernel lab recording"
  echo "command:       samples/lab/record.sh $ARGS"
  echo "mode:          $MODE"
  echo "started:       $START_DATE"
  echo "finished:      $END_DATE  (${RUNTIME}s)"
  echo "kernel:        $(uname -r)"
  echo "conntrack:     $(conntrack --version 2>&1 | head -1)"
  echo "iptables:      $(iptables --version 2>&1 | head -1)"
  echo "socat:         $(socat -V 2>/dev/null | grep -m1 'socat version' || echo unknown)"
  echo "TZ:            $TZ (ktimestamp [start=...] [stop=...] are ctime() strings in this zone)"
  echo "output types:  ktimestamp supported=$KTS_OK labels supported=$LABELS_OK"
  echo "labels map:    $LABELS_MODE (bit 1 lab-web: tcp dport 8080; bit 2 lab-echo: udp dport 5353 ipv4; bit 3 lab-ping: icmp)"
  echo "namespaces:    $NS_C ($C4, $C4B, $C6)  $NS_R (in0 $R4IN $R6IN, out0 $R4OUT $R6OUT)  $NS_S ($S4, $S6)"
  echo "nat:           iptables/ip6tables -t nat -A POSTROUTING -o out0 -j MASQUERADE (router ns)"
  echo "events sysctl: net.netfilter.nf_conntrack_events left at its default (2 = on while a listener exists)"
  echo
  echo "## router-namespace sysctls (set before any traffic)"
  printf '%s\n' "${ROUTER_SYSCTLS[@]}"
  echo
  echo "## accounting / timestamps (apply to flows created after the change)"
  echo "phase A (rounds 1-$ROUNDS_PER_PHASE, long-lived a4 + idle 9091): net.netfilter.nf_conntrack_acct=0 net.netfilter.nf_conntrack_timestamp=0"
  echo "phase B (rounds $((ROUNDS_PER_PHASE + 1))-$((2 * ROUNDS_PER_PHASE)), long-lived b4, b6): net.netfilter.nf_conntrack_acct=1 net.netfilter.nf_conntrack_timestamp=1"
  echo "snapshots: snap-a-* mid phase A, snap-b-* mid phase B, final-list.txt at the end"
  echo
  echo "## traffic (client ns -> server ns only)"
  echo "tcp 8080 request/response (v4 every round, v6 every 2nd, from the second client $C4B every 3rd); tcp 8083 bulk upload (every 4th);"
  echo "tcp 9090 long-lived with heartbeat every ${HEARTBEAT}s (a4 from phase A, b4/b6 from phase B; open until after final-list.txt);"
  echo "tcp 9091 idle long-lived: one line, idle ${IDLE_SECS}s (> established timeout ${EST_TIMEOUT}s), one line, close;"
  echo "tcp 8081 refused (RST); tcp 8082 SYN dropped by server (SYN_SENT, unreplied);"
  echo "udp 5353 echo (new source port each time, plus sport 40001 reused every round = stream);"
  echo "udp 5354 closed port (ICMP port unreachable); udp 5355 dropped by server; icmp/icmpv6 echo; icmp -s 1000 dropped by server."
  echo "standing mix before final-list.txt: tcp 9090 heartbeats (v4 from both clients, v6), udp 5353 echo every 1 s (v4, v6),"
  echo "udp 5355 every 1 s (dropped), ping every 1 s (v4, v6), a SYN to 8082 being retransmitted; all open until after final-list.txt."
  echo
  echo "## files (lines, bytes, command; all commands run inside the router namespace)"
  for f in "${FILES[@]}"; do
    [[ -e "$OUTDIR/$f" ]] || continue
    printf '%-40s %6s lines %9s bytes  %s\n' "$f" "$(wc -l <"$OUTDIR/$f")" "$(wc -c <"$OUTDIR/$f")" "${CMD_OF[$f]}"
  done
} >"$OUTDIR/MANIFEST.txt"

n_new=$(grep -c '\[NEW\]' "$main" || true)
n_upd=$(grep -c '\[UPDATE\]' "$main" || true)
n_des=$(grep -c '\[DESTROY\]' "$main" || true)
n_fin=$(wc -l <"$OUTDIR/final-list.txt")
log "done in ${RUNTIME}s: $n_new NEW, $n_upd UPDATE, $n_des DESTROY in events-timestamp-extended-id.txt; $n_fin entries in final-list.txt"
