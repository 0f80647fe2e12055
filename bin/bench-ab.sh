#!/usr/bin/env bash
# Paired runs of two builds of the runtime against each other (dev.gokata.bench.PairedBuilds, docs/benchmarks.md):
# builds the benchmarks jar of revisions OLD and NEW, then for each workload runs FORKS JVMs that each alternate the
# two builds' gokata for ROUNDS rounds; prints one markdown table with the median ratio new / old per workload.
#   bin/bench-ab.sh [--separate] OLD NEW [FORKS] [ROUNDS] [WORKLOAD...]   e.g. bin/bench-ab.sh HEAD~1 HEAD 4 9 spsc-16
# OLD and NEW are git revisions, or "." for the working tree as it is. Without workloads: all of them. Raw lines go
# to standard error.
# --separate: each build in a JVM of its own, OLD's then NEW's, instead of both in one, where each build's runtime
# brings its own carrier pool and the two slow each other (docs/benchmarks.md); for changes to spawning or to the
# scheduler. Both builds must know `Paired WORKLOAD ROUNDS IMPL` (from commit cc94960 on).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
separate=false
if [ "${1:-}" = --separate ]; then
  separate=true
  shift
fi
if [ $# -lt 2 ]; then
  echo "usage: bin/bench-ab.sh [--separate] OLD NEW [FORKS] [ROUNDS] [WORKLOAD...]  (OLD, NEW: git revisions, or . for the working tree)" >&2
  exit 2
fi
old=$1
new=$2
forks=${3:-4}
rounds=${4:-9}
shift $(( $# < 4 ? $# : 4 ))
. "$root/bin/jdk25.sh"
gokata_find_jdk25
work=$(mktemp -d)
trap 'rm -rf "$work"; git -C "$root" worktree prune' EXIT

# build REV NAME: the benchmarks jar of revision REV as $work/NAME.jar
build() {
  local dir=$root
  if [ "$1" != . ]; then
    dir=$work/src-$2
    git -C "$root" worktree add -q --detach "$dir" "$1"
  fi
  (cd "$dir" && ./mvnw -q -Pbench -pl runtime/bench -am package -DskipTests) >&2
  cp "$dir/runtime/bench/target/benchmarks.jar" "$work/$2.jar"
}
build "$old" old
build "$new" new
. "$root/bin/paired-runs.sh"
ab=("$JAVA_HOME/bin/java" $gokata_jvm_options ${JMH_JAVA_OPTS:-} $bench_heap -cp "$work/new.jar" dev.gokata.bench.PairedBuilds)
workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || mapfile -t workloads < <("$JAVA_HOME/bin/java" -cp "$work/new.jar" dev.gokata.bench.Paired list)

# alone JAR WORKLOAD: that build's gokata alone in a JVM of its own: its median score (and its modes)
alone() {
  "$JAVA_HOME/bin/java" $gokata_jvm_options ${JMH_JAVA_OPTS:-} $bench_heap -cp "$1" dev.gokata.bench.Paired \
    "$2" "$rounds" gokata || {
    echo "bench-ab: $1 failed to run gokata alone (builds before commit cc94960 cannot: --separate needs newer)" >&2
    exit 1
  }
}
run_one() {
  if $separate; then
    local a b
    a=$(alone "$work/old.jar" "$1") || exit 1
    b=$(alone "$work/new.jar" "$1") || exit 1
    pair_line "$1" old "$a" new "$b" right/left
  else
    "${ab[@]}" "$1" "$rounds" "$work/old.jar" "$work/new.jar"
  fi
}
paired_runs "$forks" run_one "${workloads[@]}"
