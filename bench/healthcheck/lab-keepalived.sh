#!/bin/sh
# keepalived's checker and Director's health-check engine side by side, on the same N HTTP real servers
# (one nginx in rs1 on N ports, 198.51.100.11:20000..), a check every second with a new connection per
# check; then Director with keep-alive. Runs inside the lab guest (keepalived needs IPVS):
#   lab/bin/lab run --real-servers 1 bench/healthcheck/lab-keepalived.sh [N=1000] [SECONDS=30] [WARMUP=60] [JAVA_OPTS] [MARKS]
# Build the jar first on the host: mvn -q -o -pl bench/healthcheck -am package -DskipTests
# The CPU figures printed here are the guest kernel's, sampled at its clock ticks: a process that runs in short
# bursts is counted only when a tick falls inside one, so they cannot say who used the guest's CPU.
# side-by-side.sh runs this script and reads the guest's CPU from the host instead, over the windows this
# script appends to MARKS ("EPOCH-SECONDS LABEL begin|end").
set -e
n=${1:-1000}
secs=${2:-30}
warmup=${3:-60}
java_opts=${4:--Xmx256m -XX:+UseSerialGC}
marks=${5:-/dev/null}
d=/run/hcbench
. "$(dirname "$0")/lab-common.sh"
hz=$(getconf CLK_TCK)
mark() { echo "$(date +%s.%N) $1" >>"$marks"; }

# CPU ticks (user + system) of a process
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' /proc/$1/stat; }

echo "== nginx in rs1 on $n ports"
start_nginx
sleep 5
echo "== the guest with nginx idle, for $secs s"
mark "idle begin"; sleep "$secs"; mark "idle end"

echo "== keepalived (checker only, -C) in d1: HTTP_GET on each, delay_loop 1, NAT service"
KEEPALIVED_FLAGS="-l -D" start_keepalived
sleep 5
t0=$(ticks "$cpid"); u0=$(cut -d' ' -f1 /proc/uptime)
mark "keepalived begin"
sleep "$secs"
mark "keepalived end"
t1=$(ticks "$cpid"); u1=$(cut -d' ' -f1 /proc/uptime)
echo "real servers in IPVS after: $(ip netns exec d1 ipvsadm -Ln | grep -c "$rs:") of $n"
awk -v t=$((t1 - t0)) -v hz="$hz" -v a="$u0" -v b="$u1" -v n="$n" \
  'BEGIN { printf "keepalived checker (new connection per check): CPU %.1f%% of the guest CPU over %.1f s (%d real servers)\n", 100 * t / hz / (b - a), b - a, n }'
stop_keepalived

echo "== Director's engine in d1 on the same $n real servers"
echo "java options: $java_opts"
# shellcheck disable=SC2086
ip netns exec d1 java $java_opts -jar "$jar" --external $rs:20000 --real-servers "$n" \
  --seconds "$secs" --warmup "$warmup" --modes idle,new,keepalive --marks "$marks" 2>&1 | grep -v SLF4J

stop_nginx
