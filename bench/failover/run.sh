#!/bin/sh
# Failover drills, Director and keepalived 2.2.7 side by side in the same lab: COUNT rounds of
# kill (link cut + kill -9 of the master), link (cut alone) and graceful (clean handover), the client
# opening a new connection to the VIP every 20 ms. keepalived runs with advert_int 1 (VRRPv2, its
# default) and 0.1 (VRRPv3, its fastest sane setting). One guest per subject; kinds interleaved by round.
#   bench/failover/run.sh [COUNT=20] [OUT_DIR] [CONNECTIONS=0]
# CONNECTIONS long-lived connections are opened before each failover and as many after it, to count
# resets (two more JVM starts in the guest per drill; 0 leaves them out and the drills run faster).
# NICE=-5 (as root) runs the guests at a higher CPU priority, for a host shared with other work: a
# starved single-CPU guest measures its own starvation (false failovers), not the failover.
# Build first: mvn -q -DskipTests package. Prints one RESULT line per subject and kind (gap p50/p99/max
# in ms, failed requests, reset connections, drills that ended with exactly one VIP owner); each run's
# report, probe log and SVG picture are in OUT_DIR/SUBJECT/.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
count=${1:-20}
out=${2:-$root/lab-out/bench-failover-$(date +%Y%m%d-%H%M%S)}
connections=${3:-0}
mkdir -p "$out" || exit 2
status=0

run() {
  name=$1; shift
  echo "== $name: ${NICE:+nice -n $NICE }lab/bin/lab drill $* --count $count --connections $connections   ($(date -u +%H:%M:%S) UTC, load: $(cut -d' ' -f1-3 /proc/loadavg))"
  ${NICE:+nice -n "$NICE"} "$root/lab/bin/lab" drill "$@" --count "$count" --connections "$connections" --out "$out/$name" >"$out/$name.log" 2>&1
  rc=$?
  grep -E '^(RESULT|picture:)' "$out/$name.log"
  [ $rc = 0 ] || { echo "   $name exited $rc; see $out/$name.log"; status=1; }
}

run director --kind kill,link,graceful
run keepalived-1 --kind kill,link,graceful --keepalived --advert-int 1
run keepalived-0.1 --kind kill,link,graceful --keepalived --advert-int 0.1
grep -h '^RESULT' "$out"/*.log >"$out/summary.txt"
echo "== summary in $out/summary.txt"
exit $status
