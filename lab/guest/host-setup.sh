# Runs inside one host's namespace at boot: sh host-setup.sh NAME SUFFIX ROLE
name=$1 n=$2 role=$3
G="$LAB_ROOT/lab/guest"
. "$G/helpers.sh"
c=/proc/sys/net/ipv4/conf
echo 0 >$c/all/rp_filter; echo 0 >$c/default/rp_filter; echo 0 >$c/eth0/rp_filter; echo 0 >$c/lo/rp_filter
case $role in
  rs)
    for d in all lo eth0; do echo 1 >$c/$d/arp_ignore; echo 2 >$c/$d/arp_announce; done ;;
  director)
    for d in all default eth0; do echo 0 >$c/$d/send_redirects; done
    echo 1 >/proc/sys/net/ipv4/ip_forward
    echo 1 >/proc/sys/net/ipv6/conf/all/forwarding ;;
esac
{
  echo "link set lo up"
  echo "link set eth0 up"
  echo "addr add $LAB_NET.$n/24 dev eth0"
  echo "addr add $LAB_NET6:$n/64 dev eth0 nodad"
  if [ "$role" = rs ]; then
    echo "addr add $LAB_VIP/32 dev lo"
    echo "addr add $LAB_VIP6/128 dev lo nodad"
  fi
} >"/run/lab-$name.batch"
ip -batch "/run/lab-$name.batch" || { echo "lab: addresses of $name failed" >&2; exit 1; }
case $role in rs|sorry) lab_http_start_here "$name" ;; esac
