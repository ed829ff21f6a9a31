#!/usr/bin/env bash
# Runs the whole test suite (the README's test command; .ci/run calls it). Starts a local Spark standalone
# cluster (scripts/cluster.sh) and the history server (scripts/history-server.sh) for the cluster and
# monitoring tests, then the Airflow DAG tests and the report's browser test (orchestration/airflow/tests,
# in the virtualenv of scripts/airflow-venv.sh), and always stops what it started.
# INLEARNING_SKIP_CLUSTER=1 skips the cluster, monitoring and Airflow tests; INLEARNING_SKIP_AIRFLOW=1 the
# Airflow and browser tests. SPARK_MASTER_PORT / SPARK_MASTER_WEBUI_PORT / SPARK_HISTORY_PORT move the
# services off 7077 / 8080 / 18080.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/java17.sh"
cd "$ROOT"

# The event logs of every test run, where the history server looks (surefire sets the same folder).
export INLEARNING_EVENT_LOG_DIR="$ROOT/target/spark-events"
export INLEARNING_HISTORY_DIR="$ROOT/target/test-history-server"

stop_services() {
  scripts/history-server.sh stop > /dev/null || true
  scripts/cluster.sh stop
}

if [ "${INLEARNING_SKIP_CLUSTER:-0}" != 1 ]; then
  export INLEARNING_CLUSTER_DIR="$ROOT/target/test-cluster"
  stop_services > /dev/null
  trap stop_services EXIT
  scripts/cluster.sh start --workers 2
  scripts/history-server.sh start
  export INLEARNING_CLUSTER_MASTER="spark://127.0.0.1:${SPARK_MASTER_PORT:-7077}"
  export INLEARNING_CLUSTER_UI="http://127.0.0.1:${SPARK_MASTER_WEBUI_PORT:-8080}"
  export INLEARNING_HISTORY_URL="http://127.0.0.1:${SPARK_HISTORY_PORT:-18080}"
fi
mvn -B verify "$@"

if [ "${INLEARNING_SKIP_AIRFLOW:-0}" != 1 ]; then
  venv=$(scripts/airflow-venv.sh)
  "$venv/bin/pytest" -v -p no:cacheprovider orchestration/airflow/tests
fi
