# Sourced by bin/inlearning and the scripts: sets JAVA (and JAVA_HOME) to a JDK 17.
# Spark 4.1 failed on newer JDKs in Hadoop's UGI ("getSubject is not supported"); 4.2 is built and tested on 17 only.
java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1; }

JAVA=""
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" = 17 ]; then
  JAVA="$JAVA_HOME/bin/java"
elif command -v java >/dev/null 2>&1 && [ "$(java_major java)" = 17 ]; then
  JAVA=$(command -v java)
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$JAVA")")")
else
  for candidate in /usr/lib/jvm/*17*/bin/java /usr/lib/jvm/*/bin/java; do
    if [ -x "$candidate" ] && [ "$(java_major "$candidate")" = 17 ]; then
      JAVA="$candidate"
      JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$candidate")")")
      break
    fi
  done
fi
if [ -z "$JAVA" ]; then
  echo "inlearning: a JDK 17 is required (set JAVA_HOME): newer JDKs fail in Hadoop's UGI under Spark 4.1, and 4.2 is tested on 17 only" >&2
  exit 1
fi
export JAVA_HOME
