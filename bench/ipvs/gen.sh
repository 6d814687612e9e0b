#!/bin/sh
# Generates the IPVS benchmark table: SERVICES TCP services on one VIP's ports (from 10000) x REALS
# real servers each (198.51.100.11 upwards, DR, weight 1, wrr), as
#   DIR/rules.txt        ipvsadm-restore input (also read by `director ipvs-restore`)
#   DIR/keepalived.conf  the same table for keepalived (no checkers, so every real server is up)
# Usage: gen.sh DIR [SERVICES [REALS [VIP]]]   (defaults: 2000 20 198.51.100.100)
set -eu
dir=$1; services=${2:-2000}; reals=${3:-20}; vip=${4:-198.51.100.100}
mkdir -p "$dir"
awk -v S="$services" -v R="$reals" -v VIP="$vip" 'BEGIN {
  for (s = 0; s < S; s++) {
    port = 10000 + s
    printf "-A -t %s:%d -s wrr\n", VIP, port
    for (r = 0; r < R; r++) printf "-a -t %s:%d -r 198.51.100.%d:%d -g -w 1\n", VIP, port, 11 + r, port
  }
}' > "$dir/rules.txt"
awk -v S="$services" -v R="$reals" -v VIP="$vip" 'BEGIN {
  print "global_defs {\n  router_id bench\n}"
  for (s = 0; s < S; s++) {
    port = 10000 + s
    printf "virtual_server %s %d {\n  lb_algo wrr\n  lb_kind DR\n  protocol TCP\n", VIP, port
    for (r = 0; r < R; r++) printf "  real_server 198.51.100.%d %d {\n    weight 1\n  }\n", 11 + r, port
    print "}"
  }
}' > "$dir/keepalived.conf"
