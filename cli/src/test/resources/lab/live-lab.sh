#!/usr/bin/env bash
# live-lab.sh — a private client -> router (MASQUERADE) -> server namespace lab for the ctscope live
# real-kernel test (the topology of samples/lab/record.sh, smaller).
#
#   live-lab.sh up PREFIX        create PREFIX-client, PREFIX-router, PREFIX-server and the services
#   live-lab.sh traffic PREFIX N N rounds of tcp (8080), udp (5353) and icmp from client to server
#   live-lab.sh burst PREFIX N   N udp flows at once (datagrams from fresh sockets to a closed port)
#   live-lab.sh down PREFIX      end every process in the three namespaces and delete them
#
# Traffic goes only between these namespaces (the router has no link to the host). UDP and ICMP
# timeouts in the router are 2 s, so their flows expire and are reaped (DESTROY) by a later table
# read; TCP flows end in TIME_WAIT (120 s) and stay in the table. Must run as root.
set -euo pipefail
export LC_ALL=C
cmd=${1:?usage: live-lab.sh up|traffic|burst|down PREFIX [N]}
P=${2:?prefix}
NS_C="$P-client"; NS_R="$P-router"; NS_S="$P-server"
C4=10.78.1.2; R4IN=10.78.1.1; R4OUT=172.21.78.1; S4=172.21.78.2

case "$cmd" in
up)
  for ns in "$NS_C" "$NS_R" "$NS_S"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
  ip link add eth0 netns "$NS_C" type veth peer name in0 netns "$NS_R"
  ip link add eth0 netns "$NS_S" type veth peer name out0 netns "$NS_R"
  ip -n "$NS_C" addr add "$C4/24" dev eth0
  ip -n "$NS_R" addr add "$R4IN/24" dev in0
  ip -n "$NS_R" addr add "$R4OUT/24" dev out0
  ip -n "$NS_S" addr add "$S4/24" dev eth0
  for l in "$NS_C eth0" "$NS_R in0" "$NS_R out0" "$NS_S eth0"; do set -- $l; ip -n "$1" link set "$2" up; done
  ip -n "$NS_C" route add default via "$R4IN"
  ip -n "$NS_S" route add default via "$R4OUT"
  ip netns exec "$NS_R" sysctl -qw net.ipv4.ip_forward=1
  ip netns exec "$NS_R" iptables -t nat -A POSTROUTING -o out0 -j MASQUERADE
  # the test scrapes /metrics on the router's loopback: keep those connections out of the table
  ip netns exec "$NS_R" iptables -t raw -A OUTPUT -o lo -j NOTRACK
  ip netns exec "$NS_R" iptables -t raw -A PREROUTING -i lo -j NOTRACK
  ip netns exec "$NS_R" sysctl -qw net.netfilter.nf_conntrack_udp_timeout=2 \
    net.netfilter.nf_conntrack_udp_timeout_stream=2 net.netfilter.nf_conntrack_icmp_timeout=2
  ip netns exec "$NS_S" socat TCP4-LISTEN:8080,fork,reuseaddr SYSTEM:'echo ok' >/dev/null 2>&1 &
  ip netns exec "$NS_S" socat UDP4-RECVFROM:5353,fork EXEC:cat >/dev/null 2>&1 &
  for _ in $(seq 1 100); do
    ip netns exec "$NS_S" ss -ltn | grep -q ':8080 ' && ip netns exec "$NS_S" ss -lun | grep -q ':5353 ' && break
    sleep 0.1
  done
  ip netns exec "$NS_C" ping -c1 -W2 -q "$S4" >/dev/null
  ip netns exec "$NS_R" conntrack -F >/dev/null 2>&1 || true
  ;;
traffic)
  rounds=${3:-10}
  for i in $(seq 1 "$rounds"); do
    ip netns exec "$NS_C" socat -T2 - TCP4:"$S4":8080 </dev/null >/dev/null 2>&1 || true
    echo "q$i" | ip netns exec "$NS_C" socat -T1 - UDP4:"$S4":5353 >/dev/null 2>&1 || true
    ip netns exec "$NS_C" ping -c1 -W1 -q "$S4" >/dev/null 2>&1 || true
  done
  ;;
burst)
  # N UDP datagrams to a closed port, each from a new socket (a new source port): N flows at once
  n=${3:-1000}
  ip netns exec "$NS_C" bash -c "for i in \$(seq 1 $n); do echo x > /dev/udp/$S4/5999; done" 2>/dev/null || true
  ;;
down)
  for ns in "$NS_C" "$NS_R" "$NS_S"; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -TERM "$p" 2>/dev/null || true; done
  done
  sleep 0.3
  for ns in "$NS_C" "$NS_R" "$NS_S"; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
  ;;
*) echo "usage: live-lab.sh up|traffic|down PREFIX [ROUNDS]" >&2; exit 2 ;;
esac
