#!/usr/bin/env bash
# Paired runs of gokata against jox (dev.gokata.bench.Paired, docs/benchmarks.md): for each workload, FORKS JVMs
# that each run ROUNDS rounds of both alternately; prints one markdown table with, per workload, the median over
# the JVMs of gokata's and jox's scores and of their ratio, and the ratio's range.
#   bin/bench-paired.sh [--separate] [FORKS] [ROUNDS] [WORKLOAD...]    e.g. bin/bench-paired.sh 6 15 mpmc8x8-16
# Without workloads: all of them (about 25 minutes with the defaults 6 and 15). Raw lines go to standard error.
# --separate: each implementation in a JVM of its own, gokata's then jox's, instead of both in one: the runtime's
# carrier pool and the JDK's, at work in one JVM, slow each other, spawning most (docs/benchmarks.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
separate=false
if [ "${1:-}" = --separate ]; then
  separate=true
  shift
fi
forks=${1:-6}
rounds=${2:-15}
shift $(( $# < 2 ? $# : 2 ))
. "$root/bin/jdk25.sh"
gokata_find_jdk25
"$root/mvnw" -q -Pbench -pl runtime/bench -am package -DskipTests >&2
. "$root/bin/paired-runs.sh"
paired=("$JAVA_HOME/bin/java" $gokata_jvm_options ${JMH_JAVA_OPTS:-} $bench_heap -cp "$root/runtime/bench/target/benchmarks.jar"
  dev.gokata.bench.Paired)
workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || mapfile -t workloads < <("$JAVA_HOME/bin/java" -cp "$root/runtime/bench/target/benchmarks.jar" dev.gokata.bench.Paired list)

run_one() {
  if $separate; then
    local a b
    a=$("${paired[@]}" "$1" "$rounds" gokata)
    b=$("${paired[@]}" "$1" "$rounds" jox)
    pair_line "$1" gokata "$a" jox "$b" left/right
  else
    "${paired[@]}" "$1" "$rounds"
  fi
}
paired_runs "$forks" run_one "${workloads[@]}"
