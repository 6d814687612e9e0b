# The lab's network, sourced by init.sh (see docs/lab.md for the table).
# Bridge lab0 in the root namespace; each host is a named namespace whose eth0 is one end
# of a veth pair; the other end, br-HOST, is a port of lab0.
LAB_VIP=198.51.100.100
LAB_VIP6=2001:db8::100
LAB_NET=198.51.100
LAB_NET6=2001:db8:

# host name, address suffix and role of every host, one per line
lab_hosts() {
  echo "client 1 client"
  echo "d1 2 director"
  echo "d2 3 director"
  echo "w 4 witness"
  echo "sorry 20 sorry"
  i=1
  while [ "$i" -le "$LAB_REAL_SERVER_COUNT" ]; do
    echo "rs$i $((10 + i)) rs"
    i=$((i + 1))
  done
}

lab_build_topology() {
  LAB_REAL_SERVERS=""
  batch="$LAB_SCRATCH/topology.batch"
  {
    echo "link add lab0 type bridge mcast_snooping 0 forward_delay 0"
    echo "link set lab0 up"
    lab_hosts | while read -r h n role; do
      echo "netns add $h"
      echo "link add br-$h type veth peer name eth0 netns $h"
      echo "link set br-$h master lab0 up"
    done
  } >"$batch"
  ip -batch "$batch" || return 1
  # One shell per host sets its sysctls, addresses and HTTP server; they run side by side.
  pids=""
  for h in $(lab_hosts | while read -r h n role; do echo "$h:$n:$role"; done); do
    name=${h%%:*}; rest=${h#*:}; n=${rest%%:*}; role=${rest#*:}
    case $role in rs) LAB_REAL_SERVERS="$LAB_REAL_SERVERS $name" ;; esac
    ip netns exec "$name" sh "$G/host-setup.sh" "$name" "$n" "$role" &
    pids="$pids $!"
  done
  LAB_REAL_SERVERS=${LAB_REAL_SERVERS# }
  ok=0
  for p in $pids; do wait "$p" || ok=1; done
  return $ok
}
