# Sourced by lab-keepalived.sh and lab-syscalls.sh (inside the lab guest): N HTTP real servers as one nginx
# in rs1 on N ports (198.51.100.11:20000..), and keepalived's checker (-C) in d1 checking each with HTTP_GET,
# delay_loop 1, a new connection per check, behind a NAT service. Expects $n and $d (a scratch folder); sets
# $jar (the benchmark, built on the host) and $rs.
jar=$(cd "$(dirname "$0")" && pwd)/target/bench-healthcheck.jar
[ -f "$jar" ] || { echo "missing $jar: build it first" >&2; exit 2; }
rs=198.51.100.11
mkdir -p "$d"
ulimit -n 65536 2>/dev/null || ulimit -n 8192 2>/dev/null || true

# nginx in rs1 on $n ports, started in the background
start_nginx() {
  {
    echo "daemon on; worker_processes 1; worker_rlimit_nofile $((n * 4 + 100)); pid $d/nginx.pid; error_log $d/nginx-error.log warn;"
    # Each listening port takes one of nginx's connections, each kept-alive check one more; with fewer than
    # a sixteenth of them free nginx closes idle keep-alive connections (and the checks reconnect).
    echo "events { worker_connections $((n * 3 + 100)); }"
    echo "http { access_log off; client_body_temp_path $d/body; proxy_temp_path $d/proxy; fastcgi_temp_path $d/fastcgi;"
    echo "  uwsgi_temp_path $d/uwsgi; scgi_temp_path $d/scgi; keepalive_timeout 3600s; keepalive_requests 1000000;"
    echo "  default_type text/plain; server {"
    p=0; while [ $p -lt "$n" ]; do echo "    listen $rs:$((20000 + p));"; p=$((p + 1)); done
    echo '    location / { return 200 "ok\n"; } } }'
  } >$d/nginx.conf
  ip netns exec rs1 nginx -e $d/nginx-error.log -c $d/nginx.conf
}

stop_nginx() {
  kill -TERM "$(cat $d/nginx.pid)" 2>/dev/null || true
}

# keepalived's checker in d1 on the $n real servers; sets $kpid (keepalived) and $cpid (its checker process)
# and returns once all $n are in IPVS (or after a minute). KEEPALIVED_FLAGS adds options (-l -D: log to the console).
start_keepalived() {
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
  # shellcheck disable=SC2086
  ip netns exec d1 keepalived -n -C ${KEEPALIVED_FLAGS:-} -f $d/keepalived.conf -p $d/keepalived.pid -c $d/checkers.pid >$d/keepalived.out 2>&1 &
  kpid=$!
  i=0; while [ ! -s $d/checkers.pid ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
  cpid=$(cat $d/checkers.pid)
  i=0
  while [ "$(ip netns exec d1 ipvsadm -Ln | grep -c "$rs:")" -lt "$n" ] && [ $i -lt 60 ]; do sleep 1; i=$((i + 1)); done
  echo "real servers in IPVS: $(ip netns exec d1 ipvsadm -Ln | grep -c "$rs:") of $n"
}

stop_keepalived() {
  kill -TERM "$kpid" 2>/dev/null || true
  wait "$kpid" 2>/dev/null || true
  ip netns exec d1 ipvsadm -C
}
