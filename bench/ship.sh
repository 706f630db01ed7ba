#!/usr/bin/env bash
# ctscope ship --events to a local single-node KRaft broker (the kafka_2.13 classes from Maven, as the
# tests fork it: 256 MiB heap, loopback only): generates a capture, journals it, then times one
# `ship --events --once` of the whole journal (JVM start-up, the replay and topic checks included) and
# prints records/s, the load average beside it, and the lag line ship printed at the end.
# Usage: bench/ship.sh [LINES]   (default 1000000; WORK=/dir to keep files)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lines="${1:-1000000}"
work="${WORK:-$(mktemp -d /tmp/ctscope-ship-bench.XXXXXX)}"
mkdir -p "$work"
broker=""
cleanup() { [[ -n "$broker" ]] && kill "$broker" 2>/dev/null && wait "$broker" 2>/dev/null; rm -rf "$work/kraft"; }
trap cleanup EXIT

echo "== build" >&2
# the test classpath of cli holds kafka_2.13 (the broker); cli builds last, so its classpath is the one kept
(cd "$root" && mvn -q -B -ntp -DskipTests -pl cli,samples -am package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt") >&2
cp="$(cat "$work/cp.txt")"
capture="$work/capture-$lines.txt"
[[ -s "$capture" ]] || java -cp "$root/samples/target/classes" io.ctscope.samples.NatCaptureGenerator \
  --lines "$lines" --seed 42 --out "$capture" >&2
rm -rf "$work/queue"
"$root/ctscope" ingest --queue "$work/queue" "$capture" >&2

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
b=$(port); c=$(port)
mkdir -p "$work/kraft"
cat > "$work/kraft/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$c
listeners=PLAINTEXT://127.0.0.1:$b,CONTROLLER://127.0.0.1:$c
advertised.listeners=PLAINTEXT://127.0.0.1:$b
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$work/kraft/logs
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
java -Xmx128m -cp "$cp" kafka.tools.StorageTool format -t "$(java -cp "$cp" -XX:TieredStopAtLevel=1 \
  kafka.tools.StorageTool random-uuid 2>/dev/null)" -c "$work/kraft/server.properties" > "$work/kraft/format.log" 2>&1
java -Xms64m -Xmx256m -XX:+UseSerialGC -cp "$cp" kafka.Kafka "$work/kraft/server.properties" > "$work/kraft/broker.log" 2>&1 &
broker=$!
for _ in $(seq 120); do (exec 3<>"/dev/tcp/127.0.0.1/$b") 2>/dev/null && break; sleep 0.5; done
load0=$(cut -d' ' -f1-3 /proc/loadavg)
t0=$(date +%s%N)
"$root/ctscope" ship --queue "$work/queue" --kafka "127.0.0.1:$b" --box bench --events --create-topics --once \
  > "$work/ship.out" 2> "$work/ship.err"
t1=$(date +%s%N)
shipped=$(grep -o 'shipped [0-9]*' "$work/ship.out" | cut -d' ' -f2)
secs=$(awk -v n=$((t1 - t0)) 'BEGIN { printf "%.2f", n / 1e9 }')
echo "ship --events: $shipped records in $secs s = $(awk -v r="$shipped" -v s="$secs" 'BEGIN { printf "%.0f", r / s }') records/s (load average $load0 before, $(cut -d' ' -f1-3 /proc/loadavg) after)"
tail -1 "$work/ship.err"
