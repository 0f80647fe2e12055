# Sourced by bin/bench-paired.sh, bin/bench-ab.sh and bin/bench-paired-go.sh. paired_runs FORKS RUN WORKLOAD...
# calls `RUN WORKLOAD` FORKS times for each workload (each call one JVM that prints one line
# "WORKLOAD A a B b ratio r", maybe followed by the machine's modes), copies every line to standard error, and
# prints their table (bin/paired-table.awk, which describes the line).
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
