# The lab's network, sourced by init.sh (see docs/lab.md for the table).
# Bridge lab0 in the root namespace; each host is a named namespace whose eth0 is one end
# of a veth pair; the other end, br-HOST, is a port of lab0.
# Process starts are dear in UML, so the per-role sysctls are not written host by host: new
# namespaces copy the root namespace's all/default settings (devconf_inherit_init_net=1), so
# the root's settings are switched per role between the three `ip -batch` runs that create the
# namespaces. Then one `ip -n HOST -batch` per host adds its addresses, and nginx starts in the
# real servers and sorry; those run side by side.

# host name, address suffix and role of every host, one per line
lab_hosts() {
  echo "client 1 client"
  echo "d1 2 director"
  echo "d2 3 director"
  echo "w 4 witness"
  echo "sorry 20 sorry"
  _i=1
  while [ "$_i" -le "$LAB_REAL_SERVER_COUNT" ]; do
    echo "rs$_i $((10 + _i)) rs"
    _i=$((_i + 1))
  done
}

# lab_role_sysctls ROLE: the root namespace's all/default settings that ROLE's namespaces copy.
lab_role_sysctls() {
  _c=/proc/sys/net/ipv4/conf
  for _d in all default; do
    echo 0 >$_c/$_d/rp_filter
    case $1 in
      rs) echo 1 >$_c/$_d/arp_ignore; echo 2 >$_c/$_d/arp_announce ;;
      *) echo 0 >$_c/$_d/arp_ignore; echo 0 >$_c/$_d/arp_announce ;;
    esac
    case $1 in
      director) echo 0 >$_c/$_d/send_redirects; echo 1 >/proc/sys/net/ipv6/conf/$_d/forwarding ;;
      *) echo 1 >$_c/$_d/send_redirects; echo 0 >/proc/sys/net/ipv6/conf/$_d/forwarding ;;
    esac
  done
  case $1 in director) echo 1 >/proc/sys/net/ipv4/ip_forward ;; *) echo 0 >/proc/sys/net/ipv4/ip_forward ;; esac
}

lab_build_topology() {
  LAB_REAL_SERVERS=""
  echo 1 >/proc/sys/net/core/devconf_inherit_init_net
  hosts=$(lab_hosts)
  mkdir -p $(echo "$hosts" | while read -r h n role; do echo "$LAB_RUN/$h"; done) || return 1
  first=1
  # sorry takes the real servers' ARP settings and VIPs on lo: a DR sorry server.
  for group in "client witness" "director" "rs sorry"; do
    lab_role_sysctls "${group%% *}"
    {
      if [ $first = 1 ]; then
        echo "link add lab0 type bridge mcast_snooping 0 forward_delay 0"
        echo "link set lab0 up"
        first=0
      fi
      echo "$hosts" | while read -r h n role; do
        case " $group " in *" $role "*) ;; *) continue ;; esac
        echo "netns add $h"
        echo "link add br-$h type veth peer name eth0 netns $h"
        echo "link set br-$h master lab0 up"
      done
    } >"$LAB_RUN/topology.batch"
    ip -batch "$LAB_RUN/topology.batch" || return 1
  done
  lab_role_sysctls client   # the root namespace itself keeps the kernel's defaults

  pids=""
  for entry in $(echo "$hosts" | while read -r h n role; do echo "$h:$n:$role"; done); do
    name=${entry%%:*}; rest=${entry#*:}; n=${rest%%:*}; role=${rest#*:}
    {
      echo "link set lo up"
      echo "link set eth0 up"
      echo "addr add $LAB_NET.$n/24 dev eth0"
      echo "addr add $LAB_NET6:$n/64 dev eth0 nodad"
      if [ "$role" = rs ] || [ "$role" = sorry ]; then
        echo "addr add $LAB_VIP/32 dev lo"
        echo "addr add $LAB_VIP6/128 dev lo nodad"
      fi
    } >"$LAB_RUN/$name.batch"
    case $role in
      rs|sorry)
        [ "$role" = rs ] && LAB_REAL_SERVERS="$LAB_REAL_SERVERS $name"
        lab_http_config "$name" || return 1
        { ip -n "$name" -batch "$LAB_RUN/$name.batch" && lab_http_launch "$name"; } &
        ;;
      director)
        # IPVS sysctls are per namespace and not inherited: a new connection from a reused client port must
        # not follow an old entry to a drained or removed real server (see docs/troubleshooting.md).
        { ip -n "$name" -batch "$LAB_RUN/$name.batch" &&
          ip netns exec "$name" sh -c 'echo 1 >/proc/sys/net/ipv4/vs/expire_nodest_conn'; } &
        ;;
      *)
        ip -n "$name" -batch "$LAB_RUN/$name.batch" &
        ;;
    esac
    pids="$pids $!"
  done
  LAB_REAL_SERVERS=${LAB_REAL_SERVERS# }
  ok=0
  for p in $pids; do wait "$p" || ok=1; done
  return $ok
}
