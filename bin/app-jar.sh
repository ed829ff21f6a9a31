# Sourced by bin/inlearning and scripts/cluster.sh (ROOT set): APP_JAR, the application jar that
# `mvn package` builds (target/inlearning-spark-<version>.jar, the version read from pom.xml), and
# ensure_app_jar, which builds it when it is missing or older than the sources (unless INLEARNING_NO_BUILD=1).
APP_VERSION=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml")
APP_JAR="$ROOT/target/inlearning-spark-$APP_VERSION.jar"

ensure_app_jar() {
  # INLEARNING_NO_BUILD=1: use the jar as it is (the tests that run bin/inlearning, inside a Maven build).
  if [ "${INLEARNING_NO_BUILD:-0}" = 1 ] && [ -f "$APP_JAR" ] && [ -f "$ROOT/target/classpath.txt" ]; then
    return
  fi
  if [ ! -f "$APP_JAR" ] || [ ! -f "$ROOT/target/classpath.txt" ] \
     || [ -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" -newer "$APP_JAR" -print -quit 2>/dev/null)" ]; then
    echo "inlearning: building the application jar (mvn package)..." >&2
    (cd "$ROOT" && mvn -q -B -DskipTests package >&2) || { echo "inlearning: build failed" >&2; exit 1; }
  fi
}
