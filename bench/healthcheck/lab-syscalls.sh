#!/bin/sh
# System calls per health check inside the lab guest: keepalived's checker and Director's engine on the
# same N HTTP real servers (one nginx in rs1 on N ports), a check a second with a new connection each, then
# Director with keep-alive; `strace -c -f` on each for SECONDS once it runs, divided by the checks made.
# Under User-Mode Linux every system call is costly, so this is where the guest's CPU goes.
#   lab/bin/lab run --real-servers 1 bench/healthcheck/lab-syscalls.sh [N=300] [SECONDS=10] [WARMUP=40]
# Build the jar first on the host: mvn -q -o -pl bench/healthcheck -am package -DskipTests
set -e
n=${1:-300}
secs=${2:-10}
warmup=${3:-40}
d=/run/hcsyscalls
. "$(dirname "$0")/lab-common.sh"

# strace -c of PID and its threads for $secs: the 25 most frequent calls, per check. A traced checker runs
# slower than its schedule, so the checks made are counted by a call made once per check (CALL: connect
# with a new connection per check, sendto, the request, with keep-alive).
count() {
  timeout -s INT "$secs" strace -c -U calls,name -S calls -f -p "$1" -o "$d/$2.strace" >/dev/null 2>&1 || true
  checks=$(awk -v call="$3" '$2 == call { print $1 }' "$d/$2.strace")
  echo "-- $2: system calls per check ($checks checks made in ${secs} s under strace)"
  awk -v checks="${checks:-1}" '$1 ~ /^[0-9]+$/ && (shown++ < 25 || $2 == "total") { printf "   %-16s %6.2f\n", $2, $1 / checks }' "$d/$2.strace"
}

start_nginx
start_keepalived
sleep 5
count "$cpid" keepalived connect
stop_keepalived

for mode in new keepalive; do
  ip netns exec d1 java -Xmx256m -XX:+UseSerialGC -jar "$jar" --external $rs:20000 --real-servers "$n" \
    --seconds $((secs + 20)) --warmup "$warmup" --modes $mode >$d/director.out 2>&1 &
  jpid=$!
  sleep "$warmup"
  if [ $mode = new ]; then count "$jpid" "director-new" connect; else count "$jpid" "director-keepalive" sendto; fi
  wait "$jpid" || true
  grep -v SLF4J $d/director.out | tail -1
done
stop_nginx
