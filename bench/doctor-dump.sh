#!/usr/bin/env bash
# doctor-dump.sh [ENTRIES] [OUT]: a deterministic /proc/net/nf_conntrack dump of a busy NAT box
# (60% tcp ESTABLISHED with remaining times spread over the 5-day timeout, 10% TIME_WAIT, 25% udp,
# 5% icmp; every entry source-NATed to 203.0.113.1..4), then ctscope doctor on it under a 64 MiB heap,
# timed beside wc -l on the same file. Prints wall seconds and the JVM's peak RSS.
set -euo pipefail
n=${1:-1000000}
out=${2:-/tmp/ctscope-doctor-dump-$n.txt}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ ! -s "$out" ]]; then
  awk -v n="$n" 'BEGIN {
    for (i = 0; i < n; i++) {
      a = 10 + int(i / 65536) % 200; b = int(i / 256) % 256; c = i % 256;
      src = "10." a "." b "." c; nat = "203.0.113." (1 + i % 4); sport = 1024 + (i * 7) % 60000; nport = 1024 + (i * 13) % 64000;
      dst = "198.51.100." (1 + i % 50); k = i % 20;
      if (k < 12) {
        rem = 432000 - (i * 37) % 432000;
        printf "ipv4     2 tcp      6 %d ESTABLISHED src=%s dst=%s sport=%d dport=443 src=%s dst=%s sport=443 dport=%d [ASSURED] mark=0 zone=0 use=2\n", rem, src, dst, sport, dst, nat, nport;
      } else if (k < 14) {
        printf "ipv4     2 tcp      6 %d TIME_WAIT src=%s dst=%s sport=%d dport=80 src=%s dst=%s sport=80 dport=%d [ASSURED] mark=0 zone=0 use=2\n", i % 120, src, dst, sport, dst, nat, nport;
      } else if (k < 19) {
        printf "ipv4     2 udp      17 %d src=%s dst=%s sport=%d dport=53 src=%s dst=%s sport=53 dport=%d mark=0 zone=0 use=2\n", i % 30, src, dst, sport, dst, nat, nport;
      } else {
        printf "ipv4     2 icmp     1 %d src=%s dst=%s type=8 code=0 id=%d src=%s dst=%s type=0 code=0 id=%d mark=0 zone=0 use=2\n", i % 30, src, dst, i % 65536, dst, nat, i % 65536;
      }
    }
  }' > "$out"
fi
sysctl_file="$(mktemp)"
printf 'net.netfilter.nf_conntrack_max = %d\nnet.netfilter.nf_conntrack_buckets = %d\nnet.netfilter.nf_conntrack_count = %d\n' \
  1048576 262144 "$n" > "$sysctl_file"
echo "file: $out ($(wc -c < "$out") bytes)"
s=$(date +%s.%N); wc -l "$out" >/dev/null; e=$(date +%s.%N)
echo "wc -l: $(echo "$e - $s" | bc) s"
for run in 1 2 3; do
  s=$(date +%s.%N)
  CTSCOPE_JAVA_OPTS="-Xmx64m ${CTSCOPE_JAVA_OPTS:-}" /usr/bin/time -f "peak RSS %M KiB, cpu %U s user + %S s sys, wall %e s" \
    "$root/ctscope" doctor --format nagios "$sysctl_file" "$out" || true
  e=$(date +%s.%N)
  echo "ctscope doctor (run $run, -Xmx64m): $(echo "$e - $s" | bc) s"
done
uptime
rm -f "$sysctl_file"
