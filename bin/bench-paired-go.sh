#!/usr/bin/env bash
# Paired runs of gokata against Go (dev.gokata.bench.PairedGo, docs/benchmarks.md): builds Go's benchmarks
# (runtime/bench/go) into a test binary, then for each workload runs FORKS JVMs that each alternate gokata's turn
# and a run of Go's matching benchmark for ROUNDS rounds; prints one markdown table with the median ratio gokata / Go.
#   bin/bench-paired-go.sh [FORKS] [ROUNDS] [WORKLOAD...]    e.g. bin/bench-paired-go.sh 4 9 spsc-1024 mpmc8x8-16
# Without workloads: all of them. Needs Go on the PATH. Raw lines go to standard error.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
forks=${1:-4}
rounds=${2:-9}
shift $(( $# < 2 ? $# : 2 ))
command -v go >/dev/null || {
  echo "bench-paired-go: needs Go on the PATH (e.g. apt-get install golang-go)" >&2
  exit 1
}
. "$root/bin/jdk25.sh"
gokata_find_jdk25
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root/runtime/bench/go" && go test -c -o "$work/chanbench.test") >&2
"$root/mvnw" -q -Pbench -pl runtime/bench -am package -DskipTests >&2
. "$root/bin/paired-runs.sh"
paired=("$JAVA_HOME/bin/java" $gokata_jvm_options ${JMH_JAVA_OPTS:-} $bench_heap -cp "$root/runtime/bench/target/benchmarks.jar")
workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || mapfile -t workloads < <("$JAVA_HOME/bin/java" -cp "$root/runtime/bench/target/benchmarks.jar" dev.gokata.bench.Paired list)

run_one() { "${paired[@]}" dev.gokata.bench.PairedGo "$1" "$rounds" "$work/chanbench.test"; }
paired_runs "$forks" run_one "${workloads[@]}"
