#!/bin/sh
# LVS-DR by hand: the VIP on d1, ipvsadm round robin over the real servers, traffic from client,
# a cut of d1's link, a report. Written against docs/lab.md alone (topology and LAB_* variables).
# Usage: lab/bin/lab run lab/scenarios/dr-by-hand.sh [CUT_SECONDS]
set -e
cut=${1:-1}
. "$LAB_HELPERS"
echo "== DR by hand: VIP $LAB_VIP on d1, real servers: $LAB_REAL_SERVERS"
add="ipvsadm -A -t $LAB_VIP:80 -s rr"
for rs in $LAB_REAL_SERVERS; do
  add="$add; ipvsadm -a -t $LAB_VIP:80 -r 198.51.100.$((10 + ${rs#rs})):80 -g"
done
lab_sh d1 "ip addr add $LAB_VIP/32 dev eth0; $add"
lab_in d1 ipvsadm -Ln

echo "== 12 new connections from client:"
urls=""
i=0; while [ $i -lt 12 ]; do urls="$urls http://$LAB_VIP/"; i=$((i + 1)); done
lab_in client curl -s --max-time 5 -H 'Connection: close' $urls | sort | uniq -c

echo "== probe (a new connection every 20 ms) and 4 held connections; cutting d1's link for ${cut}s"
lab_probe_start demo 20
lab_hold_start demo 4
sleep 1
lab_cut d1
read -r down _ </proc/uptime    # the guest's clock, read without starting a process
sleep "$cut"
ip link set br-d1 up
read -r up _ </proc/uptime
lab_heal d1
sleep 2
echo "== report"
cs() { echo $((${1%.*} * 100 + 1${1#*.} - 100)); }   # uptime "12.09" in hundredths
echo "cut of d1 lasted $(( ($(cs "$up") - $(cs "$down")) * 10 )) ms (process starts in a busy guest stretch it)"
lab_probe_stop demo
lab_hold_stop demo
lab_in d1 ipvsadm -Ln --stats
echo "probe log: $LAB_OUT/probe-demo.log"
