#!/bin/sh
# keepalived's checker and Director's health-check engine side by side in the lab guest (lab-keepalived.sh:
# N HTTP real servers, one nginx in rs1, a check a second each), with the CPU read from the host.
#
# Why from the host: inside the guest a process's CPU is sampled at the guest kernel's clock ticks, so a process
# that runs in short bursts is counted only when a tick falls inside one (Director with keep-alive showed 0.6%
# of the guest for 1,000 checks a second, while the whole guest used 16%). The host counts every nanosecond of the
# guest's processes (a cgroup holds them all), so this reads what the whole guest used in each window: the
# checker, nginx answering it, and the guest kernel between them. The guest idle with nginx listening is the
# baseline; the difference is what the checks cost the machine.
#   bench/healthcheck/side-by-side.sh [N=1000] [SECONDS=30] [WARMUP=60] [JAVA_OPTS="-Xmx256m -XX:+UseSerialGC"]
# Output in lab-out/healthcheck-DATE/: guest.log (the guest's own figures), samples, marks.
set -eu
cd "$(dirname "$0")/../.."
n=${1:-1000}
secs=${2:-30}
warmup=${3:-60}
java_opts=${4:--Xmx256m -XX:+UseSerialGC}
[ -f bench/healthcheck/target/bench-healthcheck.jar ] || mvn -q -o -pl bench/healthcheck -am package -DskipTests
out=lab-out/healthcheck-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
out=$(cd "$out" && pwd)
marks=$out/marks
samples=$out/samples
: >"$marks"
: >"$samples"

# A cgroup for the guest: its host processes, also those that end before the reading, are counted.
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  cg=/sys/fs/cgroup/director-hcbench-$$
  usage() { awk '$1 == "usage_usec" { printf "%d000\n", $2 }' "$cg/cpu.stat"; }
else
  cg=/sys/fs/cgroup/cpuacct/director-hcbench-$$
  usage() { cat "$cg/cpuacct.usage"; }
fi
mkdir "$cg"
sampler=
cleanup() {
  [ -z "$sampler" ] || kill "$sampler" 2>/dev/null || true
  rmdir "$cg" 2>/dev/null || true
}
trap cleanup EXIT INT TERM
(while :; do echo "$(date +%s.%N) $(usage)"; sleep 0.5; done) >>"$samples" &
sampler=$!

# shellcheck disable=SC2016
sh -c 'echo $$ >"$1/cgroup.procs"; shift; exec "$@"' sh "$cg" \
  lab/bin/lab run --real-servers 1 bench/healthcheck/lab-keepalived.sh "$n" "$secs" "$warmup" \
  "$java_opts" "$marks" >"$out/guest.log" 2>&1 || { tail -20 "$out/guest.log"; exit 1; }
sleep 1
kill "$sampler"
sampler=

grep -E "^(keepalived checker|real servers in IPVS after|idle|new connection|keep-alive connection|healthcheck benchmark)" "$out/guest.log" | cut -c1-240
echo
echo "CPU of the whole guest as the host counts it (% of one host CPU), $n real servers, a check a second each:"
# samples: "EPOCH NANOSECONDS-USED"; marks: "EPOCH LABEL begin|end". Usage at a mark is interpolated.
awk -v n="$n" '
  FNR == NR { t[NR] = $1; u[NR] = $2; ns = NR; next }
  { at[$2 " " $3] = $1; if ($3 == "begin") order[++nl] = $2 }
  function used(when,   i) {
    for (i = 2; i <= ns; i++) if (t[i] >= when) return u[i - 1] + (u[i] - u[i - 1]) * (when - t[i - 1]) / (t[i] - t[i - 1])
    return u[ns]
  }
  END {
    for (k = 1; k <= nl; k++) {
      l = order[k]; b = at[l " begin"]; e = at[l " end"]
      if (e == "") continue
      cpu[l] = 100 * (used(e) - used(b)) / 1e9 / (e - b)
    }
    base = cpu["idle"]
    printf "  %-22s %8s %12s %16s %10s\n", "window", "guest", "above idle", "per check", "ratio"
    for (k = 1; k <= nl; k++) {
      l = order[k]; if (!(l in cpu)) continue
      above = cpu[l] - base
      per = above / 100 * 1e6 / n
      ratio = (l == "idle" || !("keepalived" in cpu)) ? "" : sprintf("%.2fx", above / (cpu["keepalived"] - base))
      printf "  %-22s %7.1f%% %11.1f%% %13.0f us %10s\n", l, cpu[l], above, per, ratio
    }
  }' "$samples" "$marks"
echo "(per check: CPU above idle / $n checks a second; ratio: against keepalived above idle; $out)"
