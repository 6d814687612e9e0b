# Lab helpers for scenario scripts inside the guest:  . "$LAB_HELPERS"
# Every function returns 0 on success, so scripts may use set -e.
# Hosts are network namespaces (see docs/lab.md); HOST below is one of
# client d1 d2 w sorry rs1..rsN. Guest-local state lives in /run/lab (a tmpfs).
LAB_VIP=198.51.100.100
LAB_VIP6=2001:db8::100
LAB_NET=198.51.100
LAB_NET6=2001:db8:
LAB_RUN=/run/lab
LAB_JAVA_OPTS=${LAB_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:-UsePerfData -Xmx64m}
LAB_CLASSES="$LAB_ROOT/lab/target/classes"

# lab_in HOST CMD [ARGS]: run a command in HOST's namespace.
lab_in() { _h=$1; shift; ip netns exec "$_h" "$@"; }
# lab_sh HOST 'shell command': run a shell command line in HOST's namespace.
lab_sh() { _h=$1; shift; ip netns exec "$_h" sh -c "$*"; }

# lab_wait SECONDS 'what' CMD [ARGS]: retry CMD every 50 ms until it succeeds; fail after SECONDS
# (by the guest's uptime clock, so a slow machine does not stretch the deadline).
lab_wait() {
  _secs=$1 _what=$2; shift 2
  read -r _now _ </proc/uptime
  _end=$(( ${_now%.*} + _secs ))
  while ! "$@" >/dev/null 2>&1; do
    read -r _now _ </proc/uptime
    if [ "${_now%.*}" -ge "$_end" ]; then echo "lab: timed out after ${_secs}s waiting for $_what" >&2; return 1; fi
    sleep 0.05
  done
}
# lab_gone PID: true once the process has exited (a zombie counts as gone).
lab_gone() {
  [ -r "/proc/$1/stat" ] || return 0
  read -r _stat <"/proc/$1/stat" 2>/dev/null || return 0
  _stat=${_stat##*) }
  [ "${_stat%% *}" = Z ]
}

# HTTP server of a real server (or sorry): nginx, one master and one worker; / answers the
# host's name, /health answers ok. Its config, pid and logs live in /run/lab/HOST.
# lab_http_config HOST writes the config with shell builtins only (no process start).
lab_http_config() {
  _d="$LAB_RUN/$1"
  [ -d "$_d" ] || mkdir -p "$_d" || return 1
  printf '%s\n' \
    "daemon on;" \
    "worker_processes 1;" \
    "pid $_d/nginx.pid;" \
    "error_log $_d/error.log warn;" \
    "events { worker_connections 1024; }" \
    "http {" \
    "  access_log off;" \
    "  client_body_temp_path $_d/body;" \
    "  proxy_temp_path $_d/proxy;" \
    "  fastcgi_temp_path $_d/fastcgi;" \
    "  uwsgi_temp_path $_d/uwsgi;" \
    "  scgi_temp_path $_d/scgi;" \
    "  keepalive_timeout 3600s;" \
    "  keepalive_requests 1000000;" \
    "  default_type text/plain;" \
    "  server {" \
    "    listen 80;" \
    "    listen [::]:80;" \
    "    location = /health { return 200 \"ok\\n\"; }" \
    "    location / { return 200 \"$1\\n\"; }" \
    "  }" \
    "}" >"$_d/nginx.conf"
}
# lab_http_launch HOST: start HOST's nginx in its namespace; it listens when this returns.
lab_http_launch() {
  nsenter --net="/run/netns/$1" nginx -e "$LAB_RUN/$1/error.log" -c "$LAB_RUN/$1/nginx.conf"
}
# lab_rs_start HOST / lab_rs_stop HOST: start or stop a real server's (or sorry's) HTTP server.
lab_rs_start() { lab_http_config "$1" && lab_http_launch "$1"; }
lab_rs_stop() {
  _pidf="$LAB_RUN/$1/nginx.pid"
  [ -f "$_pidf" ] || return 0
  read -r _pid <"$_pidf"
  kill -TERM "$_pid" 2>/dev/null || true
  lab_wait 10 "nginx of $1 to stop" lab_gone "$_pid"
}

# lab_cut HOST / lab_heal HOST: take HOST's link to the bridge down / up again. lab_heal also
# removes any netem. lab_netem HOST ARGS: netem on both ends of HOST's link, e.g.
# lab_netem d1 loss 30%   or   lab_netem d1 delay 50ms
lab_cut() { ip link set "br-$1" down; }
lab_heal() {
  ip link set "br-$1" up || return 1
  tc qdisc del dev "br-$1" root 2>/dev/null || true
  tc -n "$1" qdisc del dev eth0 root 2>/dev/null || true
}
lab_netem() {
  _h=$1; shift
  tc qdisc replace dev "br-$_h" root netem "$@" && tc -n "$_h" qdisc replace dev eth0 root netem "$@"
}

# lab_java HOST CLASS [ARGS]: run one of the lab's Java tools in HOST (foreground).
lab_java() { _h=$1; shift; ip netns exec "$_h" java $LAB_JAVA_OPTS -cp "$LAB_CLASSES" "$@"; }

# lab_probe_start NAME [PERIOD_MS] [TARGET]: a traffic probe in client, one new connection and
# GET / every PERIOD_MS (default 20) to TARGET (default VIP:80); log in $LAB_OUT/probe-NAME.log.
# Returns once the probe has sent its first request.
lab_probe_start() {
  _log="$LAB_OUT/probe-$1.log"
  : >"$_log"
  ip netns exec client java $LAB_JAVA_OPTS -cp "$LAB_CLASSES" io.director.lab.tools.ProbeMain \
    --target "${3:-$LAB_VIP:80}" --period-ms "${2:-20}" --log "$_log" >"$LAB_OUT/probe-$1.summary" 2>&1 &
  echo $! >"$LAB_RUN/probe-$1.pid"
  lab_wait 60 "probe $1 to start" grep -q '^[0-9]' "$_log"
}
# lab_probe_stop NAME: stop the probe and print its summary (longest gap, failures, per server).
lab_probe_stop() {
  read -r _pid <"$LAB_RUN/probe-$1.pid"
  kill -TERM "$_pid" 2>/dev/null || true
  lab_wait 30 "probe $1 to stop" lab_gone "$_pid"
  cat "$LAB_OUT/probe-$1.summary"
}
# lab_hold_start NAME COUNT [TARGET]: COUNT long-lived HTTP keep-alive connections from client,
# each sending a request every 200 ms; lab_hold_stop NAME prints how many were reset.
lab_hold_start() {
  _log="$LAB_OUT/hold-$1.log"
  : >"$_log"
  ip netns exec client java $LAB_JAVA_OPTS -cp "$LAB_CLASSES" io.director.lab.tools.HolderMain \
    --target "${3:-$LAB_VIP:80}" --connections "$2" --log "$_log" >"$LAB_OUT/hold-$1.summary" 2>&1 &
  echo $! >"$LAB_RUN/hold-$1.pid"
  lab_wait 60 "connection holder $1 to connect" grep -q '^HOLDING' "$_log"
}
lab_hold_stop() {
  read -r _pid <"$LAB_RUN/hold-$1.pid"
  kill -TERM "$_pid" 2>/dev/null || true
  lab_wait 30 "connection holder $1 to stop" lab_gone "$_pid"
  cat "$LAB_OUT/hold-$1.summary"
}
