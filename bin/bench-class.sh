#!/usr/bin/env bash
# Measures `gokata class grade` throughput: a generated class of N submissions (default 24) of the grader tests'
# one-kata course (grader/src/test/resources/fakecourse: the reference solution, the starter, a wrong-solution
# fixture, and broken submissions: compile error, deadlock, infinite loop, System.exit, changed signature), graded
# with J jobs (default: gokata's own choice). The command's summary says the submissions per minute.
#   bin/bench-class.sh [N] [J]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-24}
jobs=${2:-}
. "$root/bin/jdk25.sh"
gokata_find_jdk25
"$root/gokata" --version >/dev/null   # builds the runtime, grader and hidden tests if needed
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The course: copied and compiled the way Maven compiles the real one.
cp -r "$root/grader/src/test/resources/fakecourse" "$work/course"
cp="$(cat "$root/grader/target/classpath.txt")"
"$JAVA_HOME/bin/javac" -nowarn -d "$work/course/solutions/target/classes" -cp "$cp" \
  "$work"/course/solutions/src/main/java/adder/*.java
"$JAVA_HOME/bin/javac" -nowarn -d "$work/course/solutions/target/test-classes" \
  -cp "$work/course/solutions/target/classes:$cp" "$work"/course/solutions/src/test/java/adder/*.java

# The class: mostly right, as real classes are, with every kind of broken submission among them.
subs="$root/grader/src/test/resources/submissions"
sources=("$work/course/solutions/src/main/java/adder/Adder.java"
         "$work/course/solutions/src/main/java/adder/Adder.java"
         "$work/course/solutions/src/main/java/adder/Adder.java"
         "$work/course/solutions/src/main/java/adder/Adder.java"
         "$work/course/exercises/adder/Adder.java"
         "$work/course/solutions/fixtures/adder/halfonly/Adder.java"
         "$subs/compileerror/Adder.java" "$subs/deadlock/Adder.java" "$subs/infiniteloop/Adder.java"
         "$subs/exit/Adder.java" "$subs/signature/Adder.java" "$subs/wrong/Adder.java")
for i in $(seq 1 "$n"); do
  mkdir -p "$work/submissions/student-$i/exercises/adder"
  cp "${sources[$(( (i - 1) % ${#sources[@]} ))]}" "$work/submissions/student-$i/exercises/adder/Adder.java"
done

echo "grading $n submissions on $(nproc) cores..." >&2
"$root/gokata" class grade "$work/submissions" --course "$work/course" -o "$work/out" ${jobs:+--jobs "$jobs"}
