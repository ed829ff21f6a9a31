#!/usr/bin/env bash
# Runs the whole test suite (the README's test command; .ci/run calls it). First installs the Debian packages the
# tests need that are missing (scripts/test-deps.sh). Starts, and always stops:
# - a local Spark standalone cluster and the history server (scripts/cluster.sh, scripts/history-server.sh)
#   for the cluster, monitoring and Airflow tests; INLEARNING_SKIP_CLUSTER=1 skips all three.
# - Elasticsearch and Kafka for the streaming analytics tests (scripts/elasticsearch.sh, scripts/kafka.sh), and
#   nginx with TLS and authentication in front of Elasticsearch for the secured-connection tests
#   (scripts/elasticsearch-proxy.sh); INLEARNING_SKIP_SERVICES=1 skips them.
# Then two lanes at once:
# - the JUnit 5 tests (`mvn -B test`, given this script's arguments), on the cluster above;
# - on a second cluster of two workers (ports 100 above the first's; its tests stop and add workers on the
#   first, and each application there takes every free core): the Airflow DAG tests and the report's browser
#   test (orchestration/airflow/tests, in the virtualenv of scripts/airflow-venv.sh; INLEARNING_SKIP_AIRFLOW=1
#   skips them), the deployment files' validation (scripts/validate-deploy.sh: Kubernetes manifests,
#   docker-compose.yaml, the Dockerfile; INLEARNING_SKIP_DEPLOY=1 skips it), and the benchmark suite's smoke
#   run (bench/run.sh --quick) so the suite cannot rot (INLEARNING_SKIP_BENCH=1 skips it). Its output goes to
#   target/test-second-lane.log and is printed when both lanes are done.
# Alone, each lane leaves the CPU partly idle (a driver waiting for its executors, Airflow polling); together
# they keep both cores busy, and the run ends minutes sooner (docs/testing.md). INLEARNING_TEST_ONE_LANE=1
# runs them one after the other.
# SPARK_MASTER_PORT / SPARK_MASTER_WEBUI_PORT / SPARK_MASTER_REST_PORT / SPARK_HISTORY_PORT / ES_HTTP_PORT /
# KAFKA_PORT move the services off 7077 / 8080 / 6066 / 18080 / 9200 / 9092.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/java17.sh"
cd "$ROOT"

# What the tests need beyond a JDK 17 and Maven (Debian packages), installed when missing.
scripts/test-deps.sh

# The event logs of every test run, where the history server looks (surefire sets the same folder).
export INLEARNING_EVENT_LOG_DIR="$ROOT/target/spark-events"
export INLEARNING_HISTORY_DIR="$ROOT/target/test-history-server"
export INLEARNING_CLUSTER_DIR="$ROOT/target/test-cluster"
export INLEARNING_ES_DIR="$ROOT/target/test-elasticsearch" INLEARNING_KAFKA_DIR="$ROOT/target/test-kafka"
export INLEARNING_ES_PROXY_DIR="$ROOT/target/test-elasticsearch-proxy"
# The JVMs this script starts compile with C1 only: the services (clusters, history server, Elasticsearch, Kafka)
# and the second lane's drivers. Each either lives for seconds to a minute or serves a light load, and C2's
# compiler threads took a third of a short job's CPU time and half of Elasticsearch's (docs/testing.md); CPU
# is what the two lanes share. The JUnit JVM, which runs for the whole lane, keeps the default.
C1=-XX:TieredStopAtLevel=1
C1_ONLY="${JAVA_TOOL_OPTIONS:+$JAVA_TOOL_OPTIONS }$C1"
SECOND_CLUSTER=(env INLEARNING_CLUSTER_DIR="$ROOT/target/test-cluster-second"
  SPARK_MASTER_PORT=$((${SPARK_MASTER_PORT:-7077} + 100)) SPARK_MASTER_WEBUI_PORT=$((${SPARK_MASTER_WEBUI_PORT:-8080} + 100))
  SPARK_MASTER_REST_PORT=$((${SPARK_MASTER_REST_PORT:-6066} + 100)))

stop_tree() { # a process and everything it started (children from /proc: procps may not be installed)
  local child
  for child in $(cat /proc/"$1"/task/*/children 2> /dev/null); do stop_tree "$child"; done
  kill "$1" 2> /dev/null || true
}

cleanup() {
  if [ -n "${lane_pid:-}" ] && kill -0 "$lane_pid" 2> /dev/null; then stop_tree "$lane_pid"; fi
  if [ "${INLEARNING_SKIP_CLUSTER:-0}" != 1 ]; then
    scripts/history-server.sh stop > /dev/null || true
    scripts/cluster.sh stop || true
    "${SECOND_CLUSTER[@]}" scripts/cluster.sh stop || true
  fi
  if [ "${INLEARNING_SKIP_SERVICES:-0}" != 1 ]; then
    scripts/elasticsearch-proxy.sh stop || true
    scripts/elasticsearch.sh stop || true
    scripts/kafka.sh stop || true
  fi
}
cleanup > /dev/null
trap cleanup EXIT

# How long each stage took, printed as it ends (docs/testing.md quotes a clean clone's figures).
stage_start=$SECONDS
stage_done() {
  echo "test.sh: $1 took $((SECONDS - stage_start)) s" >&2
  stage_start=$SECONDS
}

if [ "${INLEARNING_SKIP_CLUSTER:-0}" != 1 ]; then
  JAVA_TOOL_OPTIONS=$C1_ONLY scripts/cluster.sh start --workers 2
  JAVA_TOOL_OPTIONS=$C1_ONLY scripts/history-server.sh start
  export INLEARNING_CLUSTER_MASTER="spark://127.0.0.1:${SPARK_MASTER_PORT:-7077}"
  export INLEARNING_CLUSTER_UI="http://127.0.0.1:${SPARK_MASTER_WEBUI_PORT:-8080}"
  export INLEARNING_HISTORY_URL="http://127.0.0.1:${SPARK_HISTORY_PORT:-18080}"
fi
if [ "${INLEARNING_SKIP_SERVICES:-0}" != 1 ]; then
  ES_JAVA_OPTS="${ES_JAVA_OPTS:+$ES_JAVA_OPTS }$C1" scripts/elasticsearch.sh start  # it ignores JAVA_TOOL_OPTIONS
  JAVA_TOOL_OPTIONS=$C1_ONLY scripts/kafka.sh start
  export INLEARNING_ES_URL="$(scripts/elasticsearch.sh url)"
  export INLEARNING_KAFKA="$(scripts/kafka.sh bootstrap)"
  # INLEARNING_ES_TLS_URL, _CA, _USER, _PASSWORD_FILE...: how the tests reach Elasticsearch through nginx.
  proxy_env=$(scripts/elasticsearch-proxy.sh start)
  while IFS='=' read -r name value; do export "$name=$value"; done <<< "$proxy_env"
  sasl=$(scripts/kafka.sh sasl)
  INLEARNING_KAFKA_SASL=$(sed 's/.*bootstrap=\([^ ]*\).*/\1/' <<< "$sasl")
  INLEARNING_KAFKA_SASL_PASSWORD_FILE=$(sed 's/.*password_file=\([^ ]*\).*/\1/' <<< "$sasl")
  export INLEARNING_KAFKA_SASL INLEARNING_KAFKA_SASL_PASSWORD_FILE
fi
stage_done "starting the services"

# Both lanes read the application jar and the compiled tests: build them once, here, not in both at once. The
# JUnit lane runs `mvn test`, which writes no jar.
. "$ROOT/bin/app-jar.sh"
ensure_app_jar
mvn -q -B test-compile

second_lane() { # runs as a background job: its stage_start is its own copy
  stage_start=$SECONDS
  export JAVA_TOOL_OPTIONS=$C1_ONLY
  if [ "${INLEARNING_SKIP_CLUSTER:-0}" != 1 ]; then
    local port=${SPARK_MASTER_PORT:-7077} ui=${SPARK_MASTER_WEBUI_PORT:-8080} rest=${SPARK_MASTER_REST_PORT:-6066}
    "${SECOND_CLUSTER[@]}" scripts/cluster.sh start --workers 2
    export INLEARNING_CLUSTER_MASTER="spark://127.0.0.1:$((port + 100))"
    export INLEARNING_CLUSTER_UI="http://127.0.0.1:$((ui + 100))" SPARK_MASTER_REST_PORT=$((rest + 100))
    stage_done "starting the second cluster"
  fi
  if [ "${INLEARNING_SKIP_AIRFLOW:-0}" != 1 ]; then
    venv=$(scripts/airflow-venv.sh)
    "$venv/bin/pytest" -v -p no:cacheprovider --durations=5 orchestration/airflow/tests
    stage_done "the Airflow suite (virtualenv included)"
  fi
  if [ "${INLEARNING_SKIP_DEPLOY:-0}" != 1 ]; then
    scripts/validate-deploy.sh
    stage_done "the deployment files' validation"
  fi
  if [ "${INLEARNING_SKIP_BENCH:-0}" != 1 ]; then
    bench/run.sh --quick
    stage_done "the benchmark smoke run (virtualenv included)"
  fi
}

stage_done "building the jar and the tests"
junit=0 second=0
if [ "${INLEARNING_TEST_ONE_LANE:-0}" = 1 ]; then
  mvn -B test "$@" || junit=$?
  stage_done "mvn test (JUnit)"
  second_lane &  # a background job keeps `set -e` inside; `second_lane || ...` would not
  wait $! || second=$?
else
  lane_log="$ROOT/target/test-second-lane.log"
  echo "test.sh: the Airflow suite, the deployment files' validation and the benchmark smoke run go on meanwhile; their output: $lane_log" >&2
  second_lane > "$lane_log" 2>&1 &
  lane_pid=$!
  mvn -B test "$@" || junit=$?
  stage_done "mvn test (JUnit)"
  wait "$lane_pid" || second=$?
  stage_done "waiting for the second lane"
  echo "test.sh: the second lane's output ($lane_log):" >&2
  cat "$lane_log"
fi
if [ "$junit" != 0 ] || [ "$second" != 0 ]; then
  echo "test.sh: failed (JUnit exit $junit, second lane exit $second)" >&2
  exit 1
fi
