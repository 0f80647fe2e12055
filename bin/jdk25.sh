# Sourced by ./mvnw, ./gokata and ./check: finds a JDK 25 and exports JAVA_HOME.
# Order: $JAVA_HOME, then `java` on PATH, then the standard JVM folder /usr/lib/jvm.

# The JVM options the runtime runs best under (dev.gokata.runtime.JvmOptions.ALL; JvmOptionsTest compares this copy).
gokata_jvm_options="--add-opens=java.base/java.lang=ALL-UNNAMED -Djdk.trackAllThreads=false"

gokata_java_major() { # prints the feature version of the java at $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

gokata_find_jdk25() {
  local candidate java
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(gokata_java_major "$JAVA_HOME/bin/java")" -ge 25 ] 2>/dev/null; then
    return 0
  fi
  java=$(command -v java 2>/dev/null || true)
  if [ -n "$java" ]; then
    candidate=$(dirname "$(dirname "$(readlink -f "$java")")")
    if [ -x "$candidate/bin/javac" ] && [ "$(gokata_java_major "$candidate/bin/java")" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"; return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/javac" ] && [ "$(gokata_java_major "$candidate/bin/java")" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"; return 0
    fi
  done
  cat >&2 <<'MSG'
gokata needs a JDK 25 (or newer), and found none.
  Looked at: $JAVA_HOME, the `java` on your PATH, and the folders under /usr/lib/jvm.
  Install one (for example Temurin 25), then either set JAVA_HOME to it or put its bin/ on your PATH.
MSG
  return 1
}
