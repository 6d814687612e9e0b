#!/bin/sh
# False-failover soak (issue 7): a director pair under full client load (probe every 20 ms, 50 held
# connections) for MINUTES, optionally with HOGS busy loops starving the guest's CPU; any role change
# after the pair settled is a false failover. Run on the host as root:
#   bench/failover/soak.sh [MINUTES=10] [HOGS=0]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mvn -q -o -B -DskipTests package >/dev/null
exec java -cp "$root/lab/target/classes" -Dlab.root="$root" io.director.lab.Soak "$root/lab-out/soak" "${1:-10}" "${2:-0}"
