#!/usr/bin/env bash
# Paired runs of gokata against jox (dev.gokata.bench.Paired, docs/benchmarks.md): for each workload, FORKS JVMs
# that each run ROUNDS rounds of both alternately; prints one markdown table with, per workload, the median over
# the JVMs of gokata's and jox's scores and of their ratio, and the ratio's range.
#   bin/bench-paired.sh [FORKS] [ROUNDS] [WORKLOAD...]    e.g. bin/bench-paired.sh 6 15 mpmc8x8-16 spawn100k
# Without workloads: all of them (about 25 minutes with the defaults 6 and 15). Raw lines go to standard error.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
forks=${1:-6}
rounds=${2:-15}
shift $(( $# < 2 ? $# : 2 ))
. "$root/bin/jdk25.sh"
gokata_find_jdk25
"$root/mvnw" -q -Pbench -pl runtime/bench -am package -DskipTests >&2
paired=("$JAVA_HOME/bin/java" $gokata_jvm_options ${JMH_JAVA_OPTS:-} -Xms1g -Xmx2g -cp "$root/runtime/bench/target/benchmarks.jar"
  dev.gokata.bench.Paired)
workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || mapfile -t workloads < <("${paired[@]}" list)

run_one() { "${paired[@]}" "$1" "$rounds"; }
. "$root/bin/paired-runs.sh"
paired_runs "$forks" run_one "${workloads[@]}"
