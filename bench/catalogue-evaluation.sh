#!/usr/bin/env bash
# Runs io.inlearning.spark.courses.CatalogueEvaluation (test code: the classifier on fixed train/test splits,
# in one JVM) on the project's Spark classpath. bench/real_courses.py calls it.
#
#   bench/catalogue-evaluation.sh CONFIG CATALOGUE_DIR...    CONFIG: default, lr-c10-it100, svm, tune, ...
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/java17.sh"
. "$ROOT/bin/app-jar.sh"
ensure_app_jar
(cd "$ROOT" && mvn -q -B -o test-compile >&2) || (cd "$ROOT" && mvn -q -B test-compile >&2)
module_options=$(sed -n 's:.*<spark.java.options>\(.*\)</spark.java.options>.*:\1:p' "$ROOT/pom.xml")
# shellcheck disable=SC2086
exec "$JAVA" -Xmx6g $module_options -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
  -Dinlearning.log.level=error -Dinlearning.noisy.log.level=error \
  -cp "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/classpath.txt")" \
  io.inlearning.spark.courses.CatalogueEvaluation "$@"
