# Sourced by bin/bench-paired.sh, bin/bench-ab.sh and bin/bench-paired-go.sh. paired_runs FORKS RUN WORKLOAD...
# calls `RUN WORKLOAD` FORKS times for each workload (each call one JVM that prints one line
# "WORKLOAD A a B b ratio r", maybe followed by the machine's modes), copies every line to standard error, and
# prints their table (bin/paired-table.awk, which describes the line).

# The heap of every paired JVM, as the JMH forks' (@Fork in runtime/bench): touched whole at start, so that a run
# measures the steady state and not the JVM's first touch of its heap, which costs a page fault of about 10 us a page
# on this machine kind and charges each implementation by what it allocates (docs/benchmarks.md, "night 2").
bench_heap="-Xms1g -Xmx2g -XX:+AlwaysPreTouch"
paired_runs() {
  local forks=$1 run=$2 table w f line
  table="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/paired-table.awk"
  shift 2
  for w in "$@"; do
    for f in $(seq 1 "$forks"); do
      line=$("$run" "$w")
      echo "$line" >&2
      echo "$line"
    done
  done | awk -f "$table"
}

# pair_line WORKLOAD LEFT LEFT_OUT RIGHT RIGHT_OUT ORDER: the line of two JVMs that each ran one side alone
# (`Paired WORKLOAD ROUNDS IMPL`, whose output is "MEDIAN rt T MODE M/N ...", or only MEDIAN from builds before the
# round trip was measured): "WORKLOAD LEFT l RIGHT r ratio x", ORDER "left/right" or "right/left" for the ratio,
# then, if both sides measured the modes, the mean of their round trips and per mode the ratio of their medians in
# it with the number of rounds behind the two ("-/0" unless both sides had rounds in that mode).
pair_line() {
  awk -v w="$1" -v ln="$2" -v lo="$3" -v rn="$4" -v ro="$5" -v order="$6" '
    function ratio(l, r) { return order == "left/right" ? l / r : r / l }
    BEGIN {
      na = split(lo, a, " "); nb = split(ro, b, " ")
      printf "%s %s %s %s %s ratio %.3f", w, ln, a[1], rn, b[1], ratio(a[1], b[1])
      if (na > 3 && na == nb) {
        printf " rt %.0f", (a[3] + b[3]) / 2
        for (i = 4; i < na; i += 2) {
          split(a[i + 1], pl, "/"); split(b[i + 1], pr, "/")
          both = pl[2] > 0 && pr[2] > 0
          printf " %s %s", a[i], (both ? sprintf("%.3f/%d", ratio(pl[1], pr[1]), pl[2] + pr[2]) : "-/0")
        }
      }
      printf "\n"
    }'
}
