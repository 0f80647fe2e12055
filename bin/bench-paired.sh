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
paired=("$JAVA_HOME/bin/java" ${JMH_JAVA_OPTS:-} -Xms1g -Xmx2g -cp "$root/runtime/bench/target/benchmarks.jar"
  dev.gokata.bench.Paired)
workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || mapfile -t workloads < <("${paired[@]}" list)

for w in "${workloads[@]}"; do
  for f in $(seq 1 "$forks"); do
    line=$("${paired[@]}" "$w" "$rounds")
    echo "$line" >&2
    echo "$line"
  done
done | awk '
  function median(a, n,   i, j, t) {
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  # a line: WORKLOAD gokata G jox J ratio R
  {
    w = $1; if (!(w in n)) order[++nw] = w
    k = ++n[w]; g[w, k] = $3; j[w, k] = $5; r[w, k] = $7
  }
  END {
    print "| workload (ns/op, spawn ms) | gokata | jox | gokata / jox | ratio range | JVMs |"
    print "|---|---|---|---|---|---|"
    for (i = 1; i <= nw; i++) {
      w = order[i]; m = n[w]
      for (k = 1; k <= m; k++) { a[k] = g[w, k]; b[k] = j[w, k]; c[k] = r[w, k] }
      mg = median(a, m); mj = median(b, m); mr = median(c, m)
      printf "| %s | %.1f | %.1f | %.2fx | %.2f-%.2f | %d |\n", w, mg, mj, mr, c[1], c[m], m
    }
  }'
