#!/usr/bin/env bash
# Runs the channel benchmarks of docs/benchmarks.md side by side: Go's (runtime/bench/go, needs `go` on the PATH)
# and the JMH ones (runtime/bench: gokata, jox, java.util.concurrent), ROUNDS times interleaved (Go, then Java),
# and prints one markdown table: the median of the rounds per workload and implementation, and gokata's ratios.
#   bin/bench-vs-go.sh [ROUNDS] [JMH options...]     e.g. bin/bench-vs-go.sh 3 -wi 3 -i 5
#   bin/bench-vs-go.sh --table DIR                     the table again, from the raw outputs of an earlier run
# Raw outputs stay in a temporary folder whose name is printed at the end. A quiet machine gives other numbers than
# a busy one: say which it was when you record a table.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = --table ]; then
  out=${2:?"--table needs the folder of an earlier run's raw outputs"}
  rounds=0
else
  rounds=${1:-3}
  shift || true
  jmh_options=("$@")
  [ ${#jmh_options[@]} -gt 0 ] || jmh_options=(-wi 3 -i 5)
  command -v go >/dev/null || { echo "bench-vs-go: needs Go on the PATH (e.g. apt-get install golang-go)" >&2; exit 1; }
  . "$root/bin/jdk25.sh"
  gokata_find_jdk25
  "$root/mvnw" -q -Pbench -pl runtime/bench -am package -DskipTests >&2
  out=$(mktemp -d)
fi

for r in $(seq 1 "$rounds"); do
  echo "round $r of $rounds: Go" >&2
  (cd "$root/runtime/bench/go" && go test -bench . -benchtime 1s -count 1) > "$out/go-$r.txt"
  echo "round $r of $rounds: JMH" >&2
  "$JAVA_HOME/bin/java" ${JMH_JAVA_OPTS:-} -jar "$root/runtime/bench/target/benchmarks.jar" -f 1 -r 1s -w 1s "${jmh_options[@]}" \
    -rf csv -rff "$out/jmh-$r.csv" > "$out/jmh-$r.txt"
done

# one line per result: workload<TAB>implementation<TAB>ns per op (ms for spawn)
{
  cat "$out"/go-*.txt | awk '
    /^Benchmark/ {
      name = $1; sub(/^Benchmark/, "", name); sub(/-[0-9]+$/, "", name); ns = $3
      if (name == "PingPong") w = "ping-pong"
      else if (name ~ /^Spsc\/cap/) { sub(/Spsc\/cap/, "", name); w = "SPSC cap " name }
      else if (name ~ /^Mpmc8x8\/cap/) { sub(/Mpmc8x8\/cap/, "", name); w = "MPMC 8x8 cap " name }
      else if (name == "Parallel10k") w = "10 000 pairs cap 16"
      else if (name ~ /^Select\/cases/) { split(name, p, "/"); sub(/cases/, "", p[2]); sub(/cap/, "", p[3]); w = "select " p[2] " chans cap " p[3] }
      else if (name == "SelectDefault2") w = "select + default"
      else if (name == "SelectReady2") w = "send + ready select, 1 goroutine"
      else if (name == "Spawn100k") { w = "spawn 100k (ms)"; ns = ns / 1e6 }
      else if (name == "SpawnFirst100k") { w = "spawn 100k, then receive (ms)"; ns = ns / 1e6 }
      else next
      printf "%s\tgo\t%s\n", w, ns
    }'
  cat "$out"/jmh-*.csv | tr -d '\r' | awk -F, '
    $1 == "\"Benchmark\"" {
      for (i = 1; i <= NF; i++) { h = $i; gsub(/"/, "", h); col[h] = i }
      next
    }
    {
      for (i = 1; i <= NF; i++) gsub(/"/, "", $i)
      b = $(col["Benchmark"]); score = $(col["Score"])
      impl = ("Param: impl" in col) ? $(col["Param: impl"]) : ""
      pipe = ("Param: pipe" in col) ? $(col["Param: pipe"]) : ""
      if (pipe != "" && pipe != "N/A") { n = split(pipe, p, "-"); impl = p[1]; cap = p[2] }
      if (b ~ /pingPong$/) w = "ping-pong"
      else if (b ~ /spsc$/) w = "SPSC cap " cap
      else if (b ~ /mpmc8x8$/) w = "MPMC 8x8 cap " cap
      else if (b ~ /parallel10k$/) w = "10 000 pairs cap " cap
      else if (b ~ /select$/) w = "select " $(col["Param: cases"]) " chans cap " $(col["Param: cap"])
      else if (b ~ /selectDefault2$/) w = "select + default"
      else if (b ~ /selectReady2$/) w = "send + ready select, 1 goroutine"
      else if (b ~ /spawn100k$/) w = "spawn 100k (ms)"
      else if (b ~ /spawnFirst100k$/) w = "spawn 100k, then receive (ms)"
      else next
      printf "%s\t%s\t%s\n", w, impl, score
    }'
} > "$out/all.tsv"

sort -t$'\t' -k1,1 -k2,2 -k3,3g "$out/all.tsv" | awk -F'\t' '
  function fmt(x) { return x >= 100 ? sprintf("%.0f", x) : x >= 10 ? sprintf("%.1f", x) : sprintf("%.2f", x) }
  function median(key,   n, i, a) { n = count[key]; for (i = 1; i <= n; i++) a[i] = v[key, i]; return a[int((n + 1) / 2)] }
  {
    key = $1 SUBSEP $2
    v[key, ++count[key]] = $3
    if (!($1 in seenw)) { seenw[$1] = 1; order[++nw] = $1 }
    if (!($2 in seeni)) { seeni[$2] = 1 }
  }
  END {
    n = 0
    split("go gokata jox sq abq gokata-vt", pref, " ")
    for (i = 1; i in pref; i++) if (pref[i] in seeni) impls[++n] = pref[i]
    for (impl in seeni) { known = 0; for (j = 1; j <= n; j++) if (impls[j] == impl) known = 1; if (!known) impls[++n] = impl }
    header = "| workload |"; line = "|---|"
    for (j = 1; j <= n; j++) { header = header " " impls[j] " |"; line = line "---|" }
    print header " gokata / Go | gokata / jox |"
    print line "---|---|"
    for (k = 1; k <= nw; k++) {
      w = order[k]; row = "| " w " |"
      for (j = 1; j <= n; j++) {
        key = w SUBSEP impls[j]
        m[impls[j]] = (key in count) ? median(key) : ""
        row = row " " ((m[impls[j]] == "") ? "–" : fmt(m[impls[j]])) " |"
      }
      g = m["gokata"]
      row = row " " ((g != "" && m["go"] != "") ? sprintf("%.2f×", g / m["go"]) : "–") " |"
      row = row " " ((g != "" && m["jox"] != "") ? sprintf("%.2f×", g / m["jox"]) : "–") " |"
      print row
    }
  }'
echo "raw outputs: $out" >&2
