#!/usr/bin/env bash
# Measures `gokata class grade` throughput on a generated class; the command's summary says submissions per minute.
#   bin/bench-class.sh course [N] [J]  N students (default 4) of this repository's course, every ready kata each:
#                                      reference solutions, untouched starters, wrong-solution fixtures, and a mix
#   bin/bench-class.sh fake [N] [J]    N students (default 24) of the grader tests' one-kata course
#                                      (grader/src/test/resources/fakecourse): reference, starter, fixture, and
#                                      broken ones (compile error, deadlock, infinite loop, System.exit, signature)
# J: parallel jobs (default: gokata's own choice, one per core).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-course}
jobs=${3:-}
. "$root/bin/jdk25.sh"
gokata_find_jdk25
"$root/gokata" --version >/dev/null   # builds the runtime, grader and hidden tests if needed
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/submissions"

if [ "$mode" = course ]; then
  n=${2:-4}
  course=$root
  katas=$(ls "$root/exercises")
  for i in $(seq 1 "$n"); do
    student="$work/submissions/student-$i"
    k=0
    for kata in $katas; do
      mkdir -p "$student/exercises/$kata"
      fixture=$(ls -d "$root/solutions/fixtures/$kata"/*/ 2>/dev/null | head -1 || true)
      case $(( (i - 1 + k) % 4 )) in
        0|3) cp "$root/solutions/src/main/java/$kata/"*.java "$student/exercises/$kata/" ;;   # right
        1) cp "$root/exercises/$kata/"*.java "$student/exercises/$kata/" ;;                   # untouched starter
        2) cp "$root/exercises/$kata/"*.java "$student/exercises/$kata/"                       # a typical mistake:
           if [ -n "$fixture" ]; then cp "$fixture"*.java "$student/exercises/$kata/"; fi ;;  # the fixture over the starter
      esac
      k=$((k + 1))
    done
  done
else
  n=${2:-24}
  course="$work/course"
  cp -r "$root/grader/src/test/resources/fakecourse" "$course"
  cp="$(cat "$root/grader/target/classpath.txt")"
  "$JAVA_HOME/bin/javac" -nowarn -d "$course/solutions/target/classes" -cp "$cp" \
    "$course"/solutions/src/main/java/adder/*.java
  "$JAVA_HOME/bin/javac" -nowarn -d "$course/solutions/target/test-classes" \
    -cp "$course/solutions/target/classes:$cp" "$course"/solutions/src/test/java/adder/*.java
  subs="$root/grader/src/test/resources/submissions"
  ref="$course/solutions/src/main/java/adder/Adder.java"
  sources=("$ref" "$ref" "$ref" "$ref" "$course/exercises/adder/Adder.java"
           "$course/solutions/fixtures/adder/halfonly/Adder.java"
           "$subs/compileerror/Adder.java" "$subs/deadlock/Adder.java" "$subs/infiniteloop/Adder.java"
           "$subs/exit/Adder.java" "$subs/signature/Adder.java" "$subs/wrong/Adder.java")
  for i in $(seq 1 "$n"); do
    mkdir -p "$work/submissions/student-$i/exercises/adder"
    cp "${sources[$(( (i - 1) % ${#sources[@]} ))]}" "$work/submissions/student-$i/exercises/adder/Adder.java"
  done
fi

echo "grading $n generated submissions ($mode) on $(nproc) cores..." >&2
"$root/gokata" class grade "$work/submissions" --course "$course" -o "$work/out" ${jobs:+--jobs "$jobs"}
cut -d, -f1,2,"$(head -1 "$work/out/gradebook.csv" | tr ',' '\n' | grep -n '^total$' | cut -d: -f1)" "$work/out/gradebook.csv" \
  | column -t -s, >&2
