#!/usr/bin/env bash
# End-to-end benchmark of issue 13, from a fresh clone: builds, generates synthetic busy-NAT-gateway
# captures (conntrack -E -o timestamp,extended,id), then times on the same files, page cache warm,
# each tool once per round and the rounds interleaved (so load on a shared machine hits all alike):
#   1. the bench capture (LINES): wc -l, mawk, gawk, ctscope report (every analyzer), ingest, replay
#      (report --queue), and --analyzers 1 vs 2 when the option exists
#   2. small captures, 100k and 1M lines: mawk, gawk, report (JVM start-up included)
#   3. scaling: report time and peak RSS at 1M, 4M, 16M lines, and at 100k, 1M, 4M flows open at once
# and prints seconds (best and median of RUNS), lines/s, peak RSS, the 1-minute load average when the
# best run started, the ratios and each target of issue 13 met or not. ctscope runs through ./ctscope
# (its class-data archive is made before any timing). The awk one-liner counts flows per protocol,
# state and original source, what operators run today.
# Usage: bench/run.sh [LINES]  (default 4000000)
#   RUNS=n rounds (default 3); WORK=/dir keeps the captures; SCALE=0 skips part 3; SMALL=0 skips part 2;
#   the 16M-line run is skipped under CI (CI=true) or with BIG=0.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lines="${1:-4000000}"
runs="${RUNS:-3}"
work="${WORK:-$(mktemp -d /tmp/ctscope-bench.XXXXXX)}"
mkdir -p "$work"
ctscope="$root/ctscope"
awk_prog='{c[$2" "$5" "$8]++} END {for (k in c) print k, c[k]}'

for tool in mawk gawk; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install mawk gawk)" >&2; exit 1; }
done
[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

echo "== build" >&2
(cd "$root" && mvn -q -B -ntp -DskipTests -pl cli,samples -am package) >&2
touch "$root/cli/target/ctscope.jar"      # the launcher must not rebuild during the timings
"$ctscope" --version >&2                   # makes the class-data archive once, before any timing

capture() { # LINES: the generated capture's path (made once)
  local f="$work/capture-$1.txt"
  if [[ ! -s "$f" ]]; then
    echo "== generate $1 lines" >&2
    java -cp "$root/samples/target/classes" io.ctscope.samples.NatCaptureGenerator \
      --lines "$1" --seed 42 --out "$f" >&2
  fi
  echo "$f"
}

open_flows() { # FLOWS: a capture in which FLOWS flows are open at once at its end: each flow's NEW, then an UPDATE of each
  local f="$work/open-$1.txt"
  if [[ ! -s "$f" ]]; then
    echo "== generate $1 open flows" >&2
    mawk -v n="$1" 'BEGIN {
      for (p = 0; p < 2; p++) for (i = 0; i < n; i++) {
        t = p * n + i; a = 10 + int(i / 65536) % 200; b = int(i / 256) % 256; c = i % 256;
        src = "10." a "." b "." c; dst = "198.51.100." (1 + i % 50); nat = "203.0.113." (1 + i % 4);
        sport = 1024 + (i * 7) % 60000; nport = 1024 + (i * 13) % 64000;
        if (p == 0)
          printf "[%d.%06d]\t    [NEW] tcp      6 120 SYN_SENT src=%s dst=%s sport=%d dport=443 [UNREPLIED] src=%s dst=%s sport=443 dport=%d id=%d\n", 1700000000 + int(t / 100000), t % 100000 * 10, src, dst, sport, dst, nat, nport, i;
        else
          printf "[%d.%06d]\t [UPDATE] tcp      6 432000 ESTABLISHED src=%s dst=%s sport=%d dport=443 src=%s dst=%s sport=443 dport=%d [ASSURED] id=%d\n", 1700000000 + int(t / 100000), t % 100000 * 10, src, dst, sport, dst, nat, nport, i;
      }
    }' > "$f"
  fi
  echo "$f"
}

# One timed run: NAME COMMAND...; appends "NAME ns rss_kib load1" to $work/times.
run_once() {
  local name="$1"; shift
  [[ "$name" == ingest* ]] && rm -rf "$work/queue"
  local load t0 t1 rss
  load=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$@" > "$work/out-$name" 2> "$work/err-$name" || {
    echo "bench: $name failed:" >&2; tail -5 "$work/err-$name" >&2; exit 1; }
  t1=$(date +%s%N)
  rss=$(tail -1 "$work/rss")
  echo "$name $((t1 - t0)) $rss $load" >> "$work/times"
}

# Rounds of the named jobs, interleaved: ROUNDS then NAME=COMMAND-STRING pairs as job names (see job()).
interleave() {
  local rounds="$1"; shift
  local r name
  for ((r = 0; r < rounds; r++)); do
    for name in "$@"; do
      job "$name"
    done
  done
}

# Prints "best_s median_s rss_mib load_at_best" of NAME.
stats() {
  mawk -v n="$1" '$1 == n {t[++k] = $2; r[k] = $3; l[k] = $4}
    END {
      if (!k) { print "- - - -"; exit }
      for (i = 1; i <= k; i++) { s[i] = t[i]; if (!b || t[i] < t[b]) b = i }
      for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (s[j] < s[i]) { x = s[i]; s[i] = s[j]; s[j] = x }
      m = (k % 2) ? s[(k + 1) / 2] : (s[k / 2] + s[k / 2 + 1]) / 2
      printf "%.3f %.3f %d %s\n", t[b] / 1e9, m / 1e9, r[b] / 1024, l[b]
    }' "$work/times"
}

best() { stats "$1" | cut -d' ' -f1; }

row() { # NAME LINES [BASE_NAME]: a table row, the ratio is BASE's best time over NAME's (>1: NAME is faster)
  local name="$1" n="$2" base="${3:-}"
  read -r b m rss load <<< "$(stats "$name")"
  local rate ratio="-"
  rate=$(mawk -v n="$n" -v b="$b" 'BEGIN {printf "%.2f M", n / b / 1e6}')
  [[ -n "$base" ]] && ratio=$(mawk -v a="$(best "$base")" -v b="$b" 'BEGIN {printf "%.2fx", a / b}')
  printf '| %-22s | %8s | %8s | %10s | %7s | %8s | %5s |\n' "$name" "$b" "$m" "$rate" "$ratio" "$rss MiB" "$load"
}

header() {
  echo
  echo "### $1"
  echo
  echo "| run | best s | median s | lines/s | vs $2 | peak RSS | load |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
}

# the faster of mawk and gawk for a size
faster_awk() { # SUFFIX: name of the faster of mawk-SUFFIX and gawk-SUFFIX
  mawk -v a="$(best "mawk-$1")" -v b="$(best "gawk-$1")" -v s="$1" 'BEGIN {print (a <= b ? "mawk-" : "gawk-") s}'
}

verdict() { # TEXT OK(0/1)
  if [[ "$2" == 1 ]]; then echo "- met: $1"; else echo "- NOT met: $1"; fi
}

: > "$work/times"
main=$(capture "$lines")
has_analyzers=0
"$ctscope" report --help 2>/dev/null | grep -q -- '--analyzers' && has_analyzers=1

job() {
  case "$1" in
    wc-main) run_once wc-main wc -l "$main" ;;
    mawk-main) run_once mawk-main mawk "$awk_prog" "$main" ;;
    gawk-main) run_once gawk-main gawk "$awk_prog" "$main" ;;
    report-main) run_once report-main "$ctscope" report --format json "$main" ;;
    ingest-main) run_once ingest-main "$ctscope" ingest --queue "$work/queue" "$main" ;;
    replay-main) run_once replay-main "$ctscope" report --format json --queue "$work/queue" ;;
    analyzers1-main) run_once analyzers1-main "$ctscope" report --format json --analyzers 1 "$main" ;;
    analyzers2-main) run_once analyzers2-main "$ctscope" report --format json --analyzers 2 "$main" ;;
    mawk-*|gawk-*|report-*)
      local tool="${1%%-*}" size="${1#*-}" f
      case "$size" in lines*) f=$(capture "${size#lines}") ;; flows*) f=$(open_flows "${size#flows}") ;; esac
      case "$tool" in
        report) run_once "$1" "$ctscope" report --format json "$f" ;;
        *) run_once "$1" "$tool" "$awk_prog" "$f" ;;
      esac ;;
  esac
}

cat "$main" > /dev/null   # warm the page cache for everyone alike
echo "== 1. the bench capture, $runs rounds" >&2
jobs=(wc-main mawk-main gawk-main report-main ingest-main replay-main)
((has_analyzers)) && jobs+=(analyzers1-main analyzers2-main)
interleave "$runs" "${jobs[@]}"

if [[ "${SMALL:-1}" != 0 ]]; then
  echo "== 2. small captures, $runs rounds" >&2
  for n in 100000 1000000; do cat "$(capture $n)" > /dev/null; done
  interleave "$runs" mawk-lines100000 gawk-lines100000 report-lines100000 mawk-lines1000000 gawk-lines1000000 report-lines1000000
fi

scale_lines=(1000000 4000000)
[[ "${CI:-}" != true && "${BIG:-1}" != 0 ]] && scale_lines+=(16000000)
if [[ "${SCALE:-1}" != 0 ]]; then
  echo "== 3. scaling, one run each" >&2
  for n in "${scale_lines[@]}"; do
    f=$(capture "$n"); cat "$f" > /dev/null
    [[ "$n" == "$lines" || ( "$n" -le 1000000 && "${SMALL:-1}" != 0 ) ]] || job "report-lines$n"
  done
  for n in 100000 1000000 4000000; do
    f=$(open_flows "$n"); cat "$f" > /dev/null
    job "report-flows$n"
  done
fi

mib=$(( $(stat -c %s "$main") / 1024 / 1024 ))
echo
echo "## bench/run.sh $lines ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "capture: $main ($lines lines, $mib MiB); best and median of $runs interleaved rounds; load = 1-min load average when the best run started"
header "1. The bench capture, $lines lines" "faster awk"
fa=$(faster_awk main)
for name in wc-main mawk-main gawk-main report-main ingest-main replay-main; do row "$name" "$lines" "$fa"; done
if ((has_analyzers)); then row analyzers1-main "$lines" "$fa"; row analyzers2-main "$lines" analyzers1-main; fi
echo
echo "replay vs text: $(mawk -v a="$(best report-main)" -v b="$(best replay-main)" 'BEGIN {printf "%.2fx", a / b}') (report from the journal against report from the text)"
echo "report bad lines: $(grep -m1 '"bad_lines"' "$work/out-report-main" | tr -dc 0-9), records: $(grep -m1 '"records"' "$work/out-report-main" | tr -dc 0-9)"

if [[ "${SMALL:-1}" != 0 ]]; then
  for n in 100000 1000000; do
    header "2. Small capture, $n lines" "faster awk"
    fa=$(faster_awk "lines$n")
    for name in "mawk-lines$n" "gawk-lines$n" "report-lines$n"; do row "$name" "$n" "$fa"; done
  done
fi

if [[ "${SCALE:-1}" != 0 ]]; then
  echo
  echo "### 3. Scaling (report --format json)"
  echo
  echo "| input | lines | best s | lines/s | µs/line | peak RSS | load |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for n in "${scale_lines[@]}"; do
    name="report-lines$n"; [[ "$n" == "$lines" ]] && name=report-main
    read -r b m rss load <<< "$(stats "$name")"
    mawk -v n="$n" -v b="$b" -v r="$rss" -v l="$load" 'BEGIN {printf "| %d lines | %d | %.3f | %.2f M | %.2f | %d MiB | %s |\n", n, n, b, n / b / 1e6, b / n * 1e6, r, l}'
  done
  for n in 100000 1000000 4000000; do
    read -r b m rss load <<< "$(stats "report-flows$n")"
    mawk -v n="$n" -v b="$b" -v r="$rss" -v l="$load" 'BEGIN {printf "| %d flows open | %d | %.3f | %.2f M | %.2f | %d MiB | %s |\n", n, 2 * n, b, 2 * n / b / 1e6, b / n / 2 * 1e6, r, l}'
  done
fi

echo
echo "### Targets (issue 13)"
echo
ge() { mawk -v a="$1" -v b="$2" 'BEGIN {print (a >= b) ? 1 : 0}'; }
fa=$(faster_awk main)
x=$(mawk -v a="$(best "$fa")" -v b="$(best report-main)" 'BEGIN {printf "%.2f", a / b}')
verdict "report with every analyzer at >= 2.5x the faster awk ($fa) on $lines lines: ${x}x" "$(ge "$x" 2.5)"
x=$(mawk -v a="$(best "$fa")" -v b="$(best ingest-main)" 'BEGIN {printf "%.2f", a / b}')
verdict "ingest at >= 2x the faster awk: ${x}x" "$(ge "$x" 2)"
x=$(mawk -v a="$(best report-main)" -v b="$(best replay-main)" 'BEGIN {printf "%.2f", a / b}')
verdict "replay (report --queue) >= 2x faster than report from text: ${x}x" "$(ge "$x" 2)"
if [[ "${SMALL:-1}" != 0 ]]; then
  x=$(best report-lines100000)
  verdict "report on 100k lines in <= 0.6 s: $x s" "$(ge 0.6 "$x")"
  fa=$(faster_awk lines1000000)
  x=$(mawk -v a="$(best "$fa")" -v b="$(best report-lines1000000)" 'BEGIN {printf "%.2f", a / b}')
  verdict "report on 1M lines at >= 1.5x the faster awk ($fa): ${x}x" "$(ge "$x" 1.5)"
fi
echo
echo "(raw times: $work/times, one line per run: name, ns, peak RSS KiB, 1-min load)"
