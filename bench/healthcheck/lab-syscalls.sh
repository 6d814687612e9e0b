#!/bin/sh
# System calls per health check inside the lab guest, keepalived's checker and Director's engine on the
# same N HTTP real servers (one nginx in rs1 on N ports), a check a second with a new connection each:
# `strace -c -f` on each checker for SECONDS once it runs, the counts divided by the checks made
# (counted by their connect calls). Where the guest's CPU goes, since under User-Mode Linux every system call is costly.
#   lab/bin/lab run --real-servers 1 bench/healthcheck/lab-syscalls.sh [N=300] [SECONDS=10] [WARMUP=40]
# Build the jar first on the host: mvn -q -o -pl bench/healthcheck -am package -DskipTests
set -e
n=${1:-300}
secs=${2:-10}
warmup=${3:-40}
jar=$(cd "$(dirname "$0")" && pwd)/target/bench-healthcheck.jar
[ -f "$jar" ] || { echo "missing $jar: build it first" >&2; exit 2; }
rs=198.51.100.11
d=/run/hcsyscalls
mkdir -p $d
ulimit -n 65536 2>/dev/null || ulimit -n 8192 2>/dev/null || true

# strace -c of PID and its threads for $secs: the 25 most frequent calls, per check. A traced checker runs
# slower than its schedule, so the checks made are counted by their connect calls (one per check).
count() {
  timeout -s INT "$secs" strace -c -U calls,name -S calls -f -p "$1" -o "$d/$2.strace" >/dev/null 2>&1 || true
  checks=$(awk '$2 == "connect" { print $1 }' "$d/$2.strace")
  echo "-- $2: system calls per check ($checks checks made in ${secs} s under strace)"
  awk -v checks="${checks:-1}" '$1 ~ /^[0-9]+$/ && (shown++ < 25 || $2 == "total") { printf "   %-16s %6.2f\n", $2, $1 / checks }' "$d/$2.strace"
}

{
  echo "daemon on; worker_processes 1; worker_rlimit_nofile $((n * 4 + 100)); pid $d/nginx.pid; error_log $d/nginx-error.log warn;"
  echo "events { worker_connections $((n * 2 + 100)); }"
  echo "http { access_log off; client_body_temp_path $d/body; proxy_temp_path $d/proxy; fastcgi_temp_path $d/fastcgi;"
  echo "  uwsgi_temp_path $d/uwsgi; scgi_temp_path $d/scgi; keepalive_timeout 3600s; keepalive_requests 1000000;"
  echo "  default_type text/plain; server {"
  p=0; while [ $p -lt "$n" ]; do echo "    listen $rs:$((20000 + p));"; p=$((p + 1)); done
  echo '    location / { return 200 "ok\n"; } } }'
} >$d/nginx.conf
ip netns exec rs1 nginx -e $d/nginx-error.log -c $d/nginx.conf

{
  printf "global_defs {\n  router_id bench\n}\n"
  echo "virtual_server $LAB_VIP 80 {"
  echo "  delay_loop 1"
  echo "  lb_algo rr"
  echo "  lb_kind NAT"
  echo "  protocol TCP"
  p=0; while [ $p -lt "$n" ]; do
    printf '  real_server %s %d {\n    weight 1\n    HTTP_GET {\n      url {\n        path /\n        status_code 200\n      }\n      connect_timeout 1\n      retry 1\n      delay_before_retry 1\n    }\n  }\n' "$rs" $((20000 + p))
    p=$((p + 1))
  done
  echo "}"
} >$d/keepalived.conf
ip netns exec d1 keepalived -n -C -f $d/keepalived.conf -p $d/keepalived.pid -c $d/checkers.pid >$d/keepalived.out 2>&1 &
kpid=$!
i=0; while [ ! -s $d/checkers.pid ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
i=0
while [ "$(ip netns exec d1 ipvsadm -Ln | grep -c "$rs:")" -lt "$n" ] && [ $i -lt 60 ]; do sleep 1; i=$((i + 1)); done
sleep 5
count "$(cat $d/checkers.pid)" keepalived
kill -TERM "$kpid" 2>/dev/null || true
wait "$kpid" 2>/dev/null || true
ip netns exec d1 ipvsadm -C

ip netns exec d1 java -Xmx256m -XX:+UseSerialGC -jar "$jar" --external $rs:20000 --real-servers "$n" \
  --seconds $((secs + 20)) --warmup "$warmup" --modes new >$d/director.out 2>&1 &
jpid=$!
sleep "$warmup"
count "$jpid" director
wait "$jpid" || true
grep -v SLF4J $d/director.out | tail -5
kill -TERM "$(cat $d/nginx.pid)" 2>/dev/null || true
