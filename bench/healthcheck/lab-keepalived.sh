#!/bin/sh
# keepalived's checker and Director's health-check engine side by side, on the same N HTTP real servers
# (one nginx in rs1 on N ports, 198.51.100.11:20000..), a check every second with a new connection per
# check; then Director with keep-alive. Runs inside the lab guest (keepalived needs IPVS):
#   lab/bin/lab run --real-servers 1 bench/healthcheck/lab-keepalived.sh [N=1000] [SECONDS=30] [WARMUP=60] [JAVA_OPTS]
# Build the jar first on the host: mvn -q -o -pl bench/healthcheck -am package -DskipTests
set -e
n=${1:-1000}
secs=${2:-30}
warmup=${3:-60}
java_opts=${4:--Xmx256m -XX:+UseSerialGC}
jar=$(cd "$(dirname "$0")" && pwd)/target/bench-healthcheck.jar
[ -f "$jar" ] || { echo "missing $jar: build it first" >&2; exit 2; }
rs=198.51.100.11
d=/run/hcbench
mkdir -p $d
ulimit -n 65536 2>/dev/null || ulimit -n 8192 2>/dev/null || true
hz=$(getconf CLK_TCK)

# CPU ticks (user + system) of a process
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' /proc/$1/stat; }

echo "== nginx in rs1 on $n ports"
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

echo "== keepalived (checker only, -C) in d1: HTTP_GET on each, delay_loop 1, NAT service"
{
  printf "global_defs {\n  router_id bench\n}\n"
  echo "virtual_server $LAB_VIP 80 {"
  echo "  delay_loop 1"
  echo "  lb_algo rr"
  echo "  lb_kind NAT"
  echo "  protocol TCP"
  p=0; while [ $p -lt "$n" ]; do
    # keepalived's parser wants one keyword per line
    printf '  real_server %s %d {\n    weight 1\n    HTTP_GET {\n      url {\n        path /\n        status_code 200\n      }\n      connect_timeout 1\n      retry 1\n      delay_before_retry 1\n    }\n  }\n' "$rs" $((20000 + p))
    p=$((p + 1))
  done
  echo "}"
} >$d/keepalived.conf
ip netns exec d1 keepalived -n -C -l -D -f $d/keepalived.conf -p $d/keepalived.pid -c $d/checkers.pid >$d/keepalived.out 2>&1 &
kpid=$!
i=0; while [ ! -s $d/checkers.pid ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
cpid=$(cat $d/checkers.pid)
i=0
while [ "$(ip netns exec d1 ipvsadm -Ln | grep -c "$rs:")" -lt "$n" ] && [ $i -lt 60 ]; do sleep 1; i=$((i + 1)); done
echo "real servers in IPVS: $(ip netns exec d1 ipvsadm -Ln | grep -c "$rs:") of $n"
sleep 5
t0=$(ticks "$cpid"); u0=$(cut -d' ' -f1 /proc/uptime)
sleep "$secs"
t1=$(ticks "$cpid"); u1=$(cut -d' ' -f1 /proc/uptime)
echo "real servers in IPVS after: $(ip netns exec d1 ipvsadm -Ln | grep -c "$rs:") of $n"
awk -v t=$((t1 - t0)) -v hz="$hz" -v a="$u0" -v b="$u1" -v n="$n" \
  'BEGIN { printf "keepalived checker (new connection per check): CPU %.1f%% of the guest CPU over %.1f s (%d real servers)\n", 100 * t / hz / (b - a), b - a, n }'
kill -TERM "$kpid" 2>/dev/null || true
wait "$kpid" 2>/dev/null || true
ip netns exec d1 ipvsadm -C

echo "== Director's engine in d1 on the same $n real servers"
echo "java options: $java_opts"
# shellcheck disable=SC2086
ip netns exec d1 java $java_opts -jar "$jar" --external $rs:20000 --real-servers "$n" \
  --seconds "$secs" --warmup "$warmup" --modes new,keepalive 2>&1 | grep -v SLF4J

kill -TERM "$(cat $d/nginx.pid)" 2>/dev/null || true
