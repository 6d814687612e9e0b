#!/bin/sh
# Generates the reload benchmark's configurations: SERVICES TCP services on one VIP's ports (from 10000)
# x REALS DR real servers each (198.51.100.11 upwards, weight 1, wrr, no health checks), as
#   DIR/director.conf    Director's HOCON, one real server per line, a one-member cluster on d1
#   DIR/keepalived.conf  the same table for keepalived (bench/ipvs/gen.sh; no checkers)
#   DIR/rules.txt        the same table as ipvsadm-restore input (bench/ipvs/gen.sh)
# Usage: gen.sh DIR [SERVICES [REALS [VIP]]]   (defaults: 2000 20 198.51.100.100)
set -eu
dir=$1; services=${2:-2000}; reals=${3:-20}; vip=${4:-198.51.100.100}
here=$(cd "$(dirname "$0")" && pwd)
sh "$here/../ipvs/gen.sh" "$dir" "$services" "$reals" "$vip"
awk -v S="$services" -v R="$reals" -v VIP="$vip" 'BEGIN {
  print "director {"
  print "  node-id = bench"
  print "  interface = eth0"
  print "  cluster {"
  print "    name = bench-reload"
  print "    bind = \"198.51.100.2:7800\""
  print "    members = [\"198.51.100.2:7800\"]"
  print "    priority = 100"
  print "  }"
  printf "  vips = [\"%s/24\"]\n", VIP
  print "  admin { socket = /run/director/bench.sock }"
  print "  services = ["
  for (s = 0; s < S; s++) {
    port = 10000 + s
    printf "    {\n      vip = %s, port = %d, protocol = tcp, scheduler = wrr, forwarding = dr\n      real-servers = [\n", VIP, port
    for (r = 0; r < R; r++) printf "        { address = 198.51.100.%d, port = %d, weight = 1 }\n", 11 + r, port
    print "      ]\n    }"
  }
  print "  ]\n}"
}' > "$dir/director.conf"
