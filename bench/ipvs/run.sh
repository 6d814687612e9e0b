#!/bin/sh
# IPVS programming benchmark, run inside the lab guest as root:
#   lab/bin/lab run bench/ipvs/run.sh [SERVICES [REALS]]
# Side by side in one guest and one network namespace: from an empty table to SERVICES x REALS
# destinations with ipvsadm-restore, with Director's netlink client (`director ipvs-restore`, same
# rules), and with keepalived (checker process only, from its start until the kernel holds every
# destination); then one weight change with each tool. Prints one line per figure.
set -u
# In the lab, measure inside director d1's namespace (the guest's root namespace refused part of the
# table with EINVAL in one run; d1 is where Director runs).
if [ -e /run/netns/d1 ] && [ -z "${BENCH_IN_D1:-}" ]; then
  exec ip netns exec d1 env BENCH_IN_D1=1 sh "$0" "$@"
fi
services=${1:-2000}; reals=${2:-20}
root=${LAB_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
out=${LAB_OUT:-/tmp}/bench-ipvs
director="$root/bin/director"
mkdir -p "$out"
sh "$root/bench/ipvs/gen.sh" "$out" "$services" "$reals"
want=$((services * reals))
vip=198.51.100.100

now_ms() { date +%s%3N; }
dests() { n=$(grep -c -- '->' /proc/net/ip_vs); echo $((n - 1)); }   # minus the header line
check() {
  have=$(dests)
  if [ "$have" -ne "$want" ]; then echo "FAIL $1: $have destinations in the kernel, want $want"; exit 1; fi
}

echo "table: $services services x $reals real servers = $want destinations (kernel $(uname -r))"

# JVM start alone, for reference
t0=$(now_ms); "$director" --version >/dev/null; t1=$(now_ms)
echo "director --version (JVM start): $((t1 - t0)) ms"

# 1. ipvsadm-restore
ipvsadm -C
t0=$(now_ms); ipvsadm-restore < "$out/rules.txt"; t1=$(now_ms)
check ipvsadm-restore
echo "ipvsadm-restore: $((t1 - t0)) ms"
t0=$(now_ms); ipvsadm -e -t $vip:10000 -r 198.51.100.11:10000 -g -w 5; t1=$(now_ms)
echo "ipvsadm -e (one weight change, process included): $((t1 - t0)) ms"

# 2. Director's client, same rules; phases printed by --timing
ipvsadm -C
t0=$(now_ms); "$director" ipvs-restore --timing -f "$out/rules.txt" 2>"$out/director.timing"; rc=$?; t1=$(now_ms)
[ $rc -eq 0 ] || { echo "FAIL director ipvs-restore rc=$rc"; cat "$out/director.timing"; exit 1; }
check "director ipvs-restore"
echo "director ipvs-restore (process start to exit): $((t1 - t0)) ms; $(tail -1 "$out/director.timing")"
# the same with one request per datagram (an ack awaited after each), to show what batching buys
ipvsadm -C
t0=$(now_ms); "$director" ipvs-restore --window 1 --timing -f "$out/rules.txt" 2>"$out/director1.timing"; t1=$(now_ms)
check "director ipvs-restore --window 1"
echo "director ipvs-restore --window 1 (process start to exit): $((t1 - t0)) ms; $(tail -1 "$out/director1.timing")"
printf -- '-e -t %s:10000 -r 198.51.100.11:10000 -g -w 5\n' $vip > "$out/one.txt"
t0=$(now_ms); "$director" ipvs-restore --timing -f "$out/one.txt" 2>"$out/one.timing"; t1=$(now_ms)
echo "director one weight change (process included): $((t1 - t0)) ms; $(tail -1 "$out/one.timing")"
ipvsadm -Ln -t $vip:10000 | grep -q "198.51.100.11:10000 *Route *5" && echo "weight change visible in ipvsadm: yes"

# 3. keepalived (checker only), from its start until every destination is in the kernel
if command -v keepalived >/dev/null 2>&1 && [ "${SKIP_KEEPALIVED:-0}" != 1 ]; then
  ipvsadm -C
  t0=$(now_ms)
  keepalived -C -n -l -f "$out/keepalived.conf" -p "$out/keepalived.pid" -c "$out/checkers.pid" \
    >"$out/keepalived.log" 2>&1 &
  kpid=$!
  deadline=$((t0 + 300000))
  while [ "$(dests)" -lt "$want" ]; do
    if [ "$(now_ms)" -gt $deadline ]; then echo "FAIL keepalived: only $(dests) destinations after 300 s"; break; fi
    sleep 0.05
  done
  t1=$(now_ms)
  echo "keepalived (start until all $want in the kernel): $((t1 - t0)) ms"
  kill "$kpid" 2>/dev/null; wait "$kpid" 2>/dev/null
fi
ipvsadm -C
