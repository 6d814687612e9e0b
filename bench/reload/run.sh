#!/bin/sh
# Reload benchmark, run inside the lab guest as root:
#   lab/bin/lab run bench/reload/run.sh [SERVICES [REALS [ROUNDS]]]      (defaults 2000 20 5)
# Side by side in one guest, in director d1's network namespace, one after the other on the same table
# (SERVICES x REALS destinations, see gen.sh): Director's daemon (`director run`, one-member cluster,
# no checks) and keepalived 2.2.7 (checker process, no checks). For each: start it and wait until every
# destination is in the kernel; then ROUNDS times change one real server's weight in its file, SIGHUP,
# and time until `ipvsadm -Ln -t VIP:10000` shows the new weight; then, for Director, ROUNDS quiet rounds that
# wait for the daemon's own reload-done line without starting any process. A last, separate round is captured on
# an nlmon device to count the IPVS operations each tool sends to the kernel. Director's own report
# of each reload (IPVS ops, elapsed from the request until the kernel had them) comes from its log;
# `director reload` is run once at the end to show its output.
if [ -e /run/netns/d1 ] && [ -z "${BENCH_IN_D1:-}" ]; then
  exec ip netns exec d1 env BENCH_IN_D1=1 bash "$0" "$@"
fi
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u
services=${1:-2000}; reals=${2:-20}; rounds=${3:-5}
root=${LAB_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
out=${LAB_OUT:-/tmp}/bench-reload
here="$root/bench/reload"
director="$root/bin/director"
vip=198.51.100.100
port=10000
rs=198.51.100.11
want=$((services * reals))
# The configurations live on the guest's own tmpfs, where operators keep theirs (a local filesystem).
conf=/run/bench-reload
mkdir -p "$out" "$conf"
sh "$here/gen.sh" "$conf" "$services" "$reals" "$vip" || exit 1
cp "$conf/director.conf" "$conf/keepalived.conf" "$out/"

ms() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == "" || b == "-") print "?"; else printf "%.1f", (b - a) * 1000 }'; }
dests() { n=$(grep -c -- '->' /proc/net/ip_vs); echo $((n - 1)); }     # minus the header line
await_all() {   # $1: what; prints seconds from $2 (EPOCHREALTIME) until all destinations are in
  local deadline=$(( ${EPOCHREALTIME%.*} + 900 ))
  while [ "$(dests)" -lt "$want" ]; do
    if [ "${EPOCHREALTIME%.*}" -gt "$deadline" ]; then echo "FAIL $1: only $(dests) of $want destinations after 900 s"; return 1; fi
    sleep 0.5
  done
  echo "$1: all $want destinations in the kernel after $(ms "$2" "$EPOCHREALTIME") ms"
}
shows_weight() { [[ "$(ipvsadm -Ln -t $vip:$port)" =~ ${rs//./\\.}:$port\ +Route\ +$1\  ]]; }
await_weight() {   # $1: weight; sets t_seen; fails after 120 s
  local deadline=$(( ${EPOCHREALTIME%.*} + 120 ))
  until shows_weight "$1"; do
    if [ "${EPOCHREALTIME%.*}" -gt "$deadline" ]; then echo "FAIL: weight $1 not in the kernel after 120 s"; return 1; fi
  done
  t_seen=$EPOCHREALTIME
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
set_director_weight() { sed -i "s/{ address = $rs, port = $port, weight = [0-9]* }/{ address = $rs, port = $port, weight = $1 }/" "$conf/director.conf"; }
set_keepalived_weight() { sed -i "/real_server $rs $port {/{n;s/weight [0-9]*/weight $1/}" "$conf/keepalived.conf"; }

# nlmon: every netlink message of this namespace, for counting the IPVS operations of one reload.
family=$(genl ctrl get name IPVS 2>/dev/null | sed -n 's/.*ID: \(0x[0-9a-f]*\).*/\1/p')
nlmon=no
if [ -n "$family" ] && ip link add nlmon0 type nlmon 2>/dev/null && ip link set nlmon0 up; then nlmon=yes; fi
capture_start() {   # $1: pcap file
  [ $nlmon = yes ] || return 0
  tcpdump -i nlmon0 -s 2048 -U -w "$1" 2>"$1.err" &
  cap_pid=$!
  until grep -q listening "$1.err" 2>/dev/null; do sleep 0.1; done
}
capture_stop() { [ $nlmon = yes ] || return 0; sleep 1; kill "$cap_pid"; wait "$cap_pid" 2>/dev/null; }
op_times() {   # $1: SIGHUP time, $2: count_ops output
  echo "first op $(ms "$1" "$(echo "$2" | sed -n 's/.*first=\([0-9.-]*\).*/\1/p')") ms, last op $(ms "$1" "$(echo "$2" | sed -n 's/.*last=\([0-9.-]*\).*/\1/p')") ms after SIGHUP"
}
count_ops() {   # $1: pcap, $2: since (epoch seconds)
  if [ $nlmon = yes ]; then python3 "$here/netlink_ops.py" "$1" "$family" "$2"; else echo "ops=? (no nlmon device in this kernel)"; fi
}

cpu_ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat"))); done; echo $t; }
idle_cpu() {   # $1: what, then PIDs; prints their CPU share over 10 s of idling
  local what=$1; shift
  local c0 t0 c1 t1
  c0=$(cpu_ticks "$@"); t0=$EPOCHREALTIME; sleep 10; c1=$(cpu_ticks "$@"); t1=$EPOCHREALTIME
  echo "$what idle (no reload), CPU over 10 s: $(awk -v c=$((c1 - c0)) -v a="$t0" -v b="$t1" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f%%", 100 * c / hz / (b - a) }') of one CPU"
}

echo "reload benchmark: $services services x $reals real servers = $want destinations, kernel $(uname -r), $rounds rounds"
echo "machine: $(cat /proc/loadavg) (guest load); one weight change per round: $rs:$port of $vip:$port"
t0=$EPOCHREALTIME; ipvsadm -Ln -t $vip:$port >/dev/null 2>&1; t1=$EPOCHREALTIME
echo "one 'ipvsadm -Ln -t' (the poll's resolution): $(ms "$t0" "$t1") ms"

# ---- Director
ipvsadm -C
t_start=$EPOCHREALTIME
JAVA_OPTS="-Xmx700m -XX:+UseSerialGC -XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=5" "$director" run -c "$conf/director.conf" --no-watch >"$out/director.out" 2>"$out/director.log" &
dpid=$!
await_all "director run (JVM start, parse, cluster, program)" "$t_start" || { tail -20 "$out/director.log"; kill $dpid; exit 1; }
until grep -q "event=role-change.*to=MASTER" "$out/director.log"; do sleep 0.2; done
sleep 5   # let the start settle (JIT, first drift checks)
echo "director threads not at nice 0 (bin/director's thread priorities):" $(ps -L -o nice=,comm= -p $dpid | awk '$1 != 0 { n = $1; $1 = ""; printf "%s(%s) ", substr($0, 2), n }')
director_times=""
weight=1
for i in $(seq "$rounds"); do
  weight=$((weight == 5 ? 6 : 5))
  done_before=$(grep -c "event=reload-done" "$out/director.log")
  set_director_weight $weight
  t_hup=$EPOCHREALTIME; kill -HUP $dpid
  await_weight $weight || exit 1
  took=$(ms "$t_hup" "$t_seen")
  until [ "$(grep -c "event=reload-done" "$out/director.log")" -gt "$done_before" ]; do sleep 0.1; done
  report=$(grep "event=reload-done" "$out/director.log" | tail -1 | sed 's/.* changes=/changes=/')
  echo "director round $i: SIGHUP to weight $weight in ipvsadm: $took ms; daemon: $report"
  director_times="$director_times $took"
  sleep 2
done
# Quiet rounds: the daemon's own figure for a one-line change (parsed configuration to the kernel updated),
# with nothing else running in the guest. The rounds above poll ipvsadm, a process start every 60-70 ms,
# and in this one-CPU guest each of those delays the daemon by 20-40 ms now and then. Here the log is read
# with bash builtins only (a `read -t` on an idle FIFO is the sleep), then the weight checked once.
rm -f "$conf/idle"; mkfifo "$conf/idle"
exec 3<"$out/director.log" 4<>"$conf/idle"
buf=""
drain_log() { local part=""; while IFS= read -r -u 3 part; do :; done; buf=$part; }
await_reload_done() {   # sets line to the next reload-done line of the log; fails after 120 s
  local deadline=$(( ${EPOCHREALTIME%.*} + 120 )) part=""
  while :; do
    if IFS= read -r -u 3 part; then
      line=$buf$part; buf=""
      [[ $line == *event=reload-done* ]] && return 0
    else
      buf+=$part
      [ "${EPOCHREALTIME%.*}" -gt "$deadline" ] && { echo "FAIL: no reload-done line after 120 s"; return 1; }
      read -r -t 0.01 -u 4 || :
    fi
  done
}
quiet_kernel=""
for i in $(seq "$rounds"); do
  weight=$((weight == 5 ? 6 : 5))
  set_director_weight $weight
  drain_log
  t_hup=$EPOCHREALTIME; kill -HUP $dpid
  await_reload_done || exit 1
  t_done=$EPOCHREALTIME
  shows_weight $weight || { echo "FAIL: weight $weight not in ipvsadm after the reload"; exit 1; }
  k=$(echo "$line" | sed -n 's/.* to-kernel-ms=\([0-9.]*\).*/\1/p')
  echo "director quiet round $i: SIGHUP to the reload-done line read: $(ms "$t_hup" "$t_done") ms; daemon: ${line#* changes=}"
  quiet_kernel="$quiet_kernel $k"
  read -r -t 1 -u 4 || :
done
exec 3<&- 4>&-
weight=$((weight == 5 ? 6 : 5)); set_director_weight $weight
capture_start "$out/director.pcap"
t_hup=$EPOCHREALTIME; kill -HUP $dpid; await_weight $weight || exit 1
capture_stop
director_ops=$(count_ops "$out/director.pcap" "$t_hup")
echo "director counted round (nlmon): $director_ops; $(op_times "$t_hup" "$director_ops")"
idle_cpu "director (drift checks paced to a tenth of its time)" $dpid
weight=$((weight == 5 ? 6 : 5)); set_director_weight $weight
echo "director reload (the CLI, JVM start included):"
JAVA_OPTS="-XX:TieredStopAtLevel=1" "$director" reload --socket /run/director/bench.sock | sed 's/^/  /'
shows_weight $weight && echo "  weight $weight in ipvsadm: yes"
kill -TERM $dpid; wait $dpid
ipvsadm -C

# ---- keepalived
keepalived_times=""
if command -v keepalived >/dev/null 2>&1; then
  t_start=$EPOCHREALTIME
  keepalived -C -n -f "$conf/keepalived.conf" -p "$out/keepalived.pid" -c "$out/checkers.pid" >"$out/keepalived.log" 2>&1 &
  kpid=$!
  await_all "keepalived (start until programmed)" "$t_start" || { kill $kpid; exit 1; }
  sleep 5
  weight=1
  for i in $(seq "$rounds"); do
    weight=$((weight == 5 ? 6 : 5))
    set_keepalived_weight $weight
    t_hup=$EPOCHREALTIME; kill -HUP $kpid
    await_weight $weight || exit 1
    took=$(ms "$t_hup" "$t_seen")
    echo "keepalived round $i: SIGHUP to weight $weight in ipvsadm: $took ms"
    keepalived_times="$keepalived_times $took"
    sleep 5   # keepalived reloads in the background after the weight is visible; let it finish
  done
  weight=$((weight == 5 ? 6 : 5)); set_keepalived_weight $weight
  capture_start "$out/keepalived.pcap"
  t_hup=$EPOCHREALTIME; kill -HUP $kpid; await_weight $weight || exit 1
  sleep 5
  capture_stop
  keepalived_ops=$(count_ops "$out/keepalived.pcap" "$t_hup")
  echo "keepalived counted round (nlmon): $keepalived_ops; $(op_times "$t_hup" "$keepalived_ops")"
  idle_cpu "keepalived (parent and checker)" $kpid $(cat "$out/checkers.pid")
  kill -TERM $kpid; wait $kpid
  ipvsadm -C
else
  keepalived_ops="not installed"
fi
[ $nlmon = yes ] && ip link del nlmon0

d_first=${director_times# }; d_first=${d_first%% *}
k_first=${keepalived_times# }; k_first=${k_first%% *}
d_med=$(echo $director_times | tr ' ' '\n' | median)
k_med=$(echo $keepalived_times | tr ' ' '\n' | median)
echo "SUMMARY one weight change in $want destinations, SIGHUP until visible in ipvsadm (median of $rounds / first):"
echo "SUMMARY   director:   $d_med ms / $d_first ms; kernel ops: $director_ops"
echo "SUMMARY   director, quiet rounds, parsed configuration to the kernel (to-kernel-ms): median $(echo $quiet_kernel | tr ' ' '\n' | median) ms, all:$quiet_kernel"
echo "SUMMARY   keepalived: $k_med ms / $k_first ms; kernel ops: $keepalived_ops"
if [ -n "$keepalived_times" ] && [ -n "$director_times" ]; then
  echo "SUMMARY   ratio keepalived/director (median): $(awk -v k="$k_med" -v d="$d_med" 'BEGIN { printf "%.1f", k / d }')x"
fi
