#!/bin/sh
# PID 1 of the lab guest (User-Mode Linux over the host's root). The per-run wrapper
# (SCRATCH/init, written by lab/bin/lab) sets LAB_MODE, LAB_SCRATCH, LAB_ROOT, LAB_OUT and
# LAB_REAL_SERVER_COUNT, then runs this file. Lines starting with "@@lab " are for the host.
# Every process start costs 50-500 ms in UML, so this script uses shell builtins where it can.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH
G="$LAB_ROOT/lab/guest"

halt() {
  /sbin/poweroff -f >/dev/null 2>&1
  echo o >/proc/sysrq-trigger
  while :; do read -r _ </dev/console; done
}
fail() { echo "@@lab FAIL $*"; halt; }

# proc, sysfs and tmpfs over /run and /tmp: the guest's own writes stay out of the host's folders.
mount -a -T "$LAB_SCRATCH/fstab" || fail "cannot mount proc, sysfs and tmpfs (see the console output above)"
# A checkout (or output folder) under /tmp stays visible at its own path: bound back over the tmpfs.
under_tmp=""
for p in "$LAB_ROOT" "$LAB_OUT" "$LAB_SCRATCH"; do case $p in /tmp/*) under_tmp="$under_tmp $p" ;; esac; done
if [ -n "$under_tmp" ]; then
  mkdir -p /run/lab-host-tmp && mount --bind /tmp /run/lab-host-tmp || fail "cannot bind the host's /tmp"
fi
mount -t tmpfs -o mode=1777 tmpfs /tmp || fail "cannot mount a tmpfs on /tmp"
for p in $under_tmp; do
  mkdir -p "$p" && mount --bind "/run/lab-host-tmp/${p#/tmp/}" "$p" || fail "cannot bind $p into the guest"
done
echo "1 4 1 7" >/proc/sys/kernel/printk
# The kernel's own module requests (a qdisc, a tunnel type) go through the same module folder.
echo "$LAB_SCRATCH/modprobe" >/proc/sys/kernel/modprobe

modules="ip_vs ip_vs_rr ip_vs_wrr ip_vs_lc ip_vs_wlc ip_vs_sh ip_vs_mh ip_vs_sed ip_vs_nq ip_vs_dh
         ip_vs_lblc ip_vs_lblcr ip_vs_fo ip_vs_ovf veth bridge ipv6 ipip ip6_tunnel sch_netem sctp nf_conntrack"
read -r t_mounted _ </proc/uptime
errors=$(modprobe -a -d "$LAB_SCRATCH/modules" $modules 2>&1) ||
  fail "modprobe failed (package user-mode-linux installed? modules in /usr/lib/uml/modules): $errors"

read -r t_modules _ </proc/uptime
. "$G/helpers.sh"
. "$G/topology.sh"
lab_build_topology || fail "building the topology failed"
read -r uptime _ </proc/uptime
echo "@@lab PHASES mounted=$t_mounted modules=$t_modules topology=$uptime"
echo "@@lab READY $uptime"

export LAB_VIP LAB_VIP6 LAB_REAL_SERVERS LAB_ROOT LAB_OUT LAB_HELPERS="$G/helpers.sh"
cd "$LAB_OUT" 2>/dev/null || cd /
# The mode runs as a child: PID 1 stays in wait, which also reaps the daemons that end up
# as its children (nginx, JVMs) when they exit.
case "$LAB_MODE" in
  run)
    (
      . "$LAB_SCRATCH/command"     # sets the positional parameters: SCRIPT ARGS...
      sh "$@" </dev/null >/dev/console 2>&1
      echo "$?" >"$LAB_SCRATCH/rc"
      echo "@@lab END" >/dev/console
    ) &
    ;;
  shell)
    echo "lab: guest ready; hosts: client d1 d2 w sorry $LAB_REAL_SERVERS (ip netns exec HOST ...); helpers: . \$LAB_HELPERS; exit powers off"
    PS1='lab# ' setsid -c sh -i </dev/tty0 >/dev/tty0 2>&1 &
    ;;
  agent)
    . "$G/agent.sh" </dev/console >/dev/console 2>&1 &
    ;;
esac
wait
halt
