#!/bin/sh
# What an idle, settled director pair costs: the share of the lab guest's one CPU its two daemons use
# while nothing fails and no client sends. Run on the host as root:
#   bench/failover/idle.sh [ROUNDS=3] [SECONDS=30]
# -Dlab.daemon-java-opts=... in LAB_JAVA_OPTS passes flags to the daemons.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mvn -q -o -B -DskipTests package >/dev/null
exec java ${LAB_JAVA_OPTS:-} -cp "$root/lab/target/classes" -Dlab.root="$root" io.director.lab.IdleCost "$root/lab-out/idle" "${1:-3}" "${2:-30}"
