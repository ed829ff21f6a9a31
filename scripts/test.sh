#!/usr/bin/env bash
# Runs the whole test suite (the README's test command; .ci/run calls it). Starts, and always stops:
# - a local Spark standalone cluster and the history server (scripts/cluster.sh, scripts/history-server.sh)
#   for the cluster, monitoring and Airflow tests; INLEARNING_SKIP_CLUSTER=1 skips all three.
# - Elasticsearch and Kafka for the streaming analytics tests (scripts/elasticsearch.sh, scripts/kafka.sh), and
#   nginx with TLS and authentication in front of Elasticsearch for the secured-connection tests
#   (scripts/elasticsearch-proxy.sh); INLEARNING_SKIP_SERVICES=1 skips them.
# Then the Airflow DAG tests and the report's browser test (orchestration/airflow/tests, in the virtualenv of
# scripts/airflow-venv.sh); INLEARNING_SKIP_AIRFLOW=1 skips them.
# Then the deployment files' validation (scripts/validate-deploy.sh: Kubernetes manifests, docker-compose.yaml,
# the Dockerfile); INLEARNING_SKIP_DEPLOY=1 skips it.
# Last, the benchmark suite's smoke run (bench/run.sh --quick) on the same services, so the suite cannot rot;
# INLEARNING_SKIP_BENCH=1 skips it.
# SPARK_MASTER_PORT / SPARK_MASTER_WEBUI_PORT / SPARK_HISTORY_PORT / ES_HTTP_PORT / KAFKA_PORT move the
# services off 7077 / 8080 / 18080 / 9200 / 9092.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/java17.sh"
cd "$ROOT"

# The event logs of every test run, where the history server looks (surefire sets the same folder).
export INLEARNING_EVENT_LOG_DIR="$ROOT/target/spark-events"
export INLEARNING_HISTORY_DIR="$ROOT/target/test-history-server"
export INLEARNING_CLUSTER_DIR="$ROOT/target/test-cluster"
export INLEARNING_ES_DIR="$ROOT/target/test-elasticsearch" INLEARNING_KAFKA_DIR="$ROOT/target/test-kafka"
export INLEARNING_ES_PROXY_DIR="$ROOT/target/test-elasticsearch-proxy"

cleanup() {
  if [ "${INLEARNING_SKIP_CLUSTER:-0}" != 1 ]; then
    scripts/history-server.sh stop > /dev/null || true
    scripts/cluster.sh stop || true
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
  scripts/cluster.sh start --workers 2
  scripts/history-server.sh start
  export INLEARNING_CLUSTER_MASTER="spark://127.0.0.1:${SPARK_MASTER_PORT:-7077}"
  export INLEARNING_CLUSTER_UI="http://127.0.0.1:${SPARK_MASTER_WEBUI_PORT:-8080}"
  export INLEARNING_HISTORY_URL="http://127.0.0.1:${SPARK_HISTORY_PORT:-18080}"
fi
if [ "${INLEARNING_SKIP_SERVICES:-0}" != 1 ]; then
  scripts/elasticsearch.sh start
  scripts/kafka.sh start
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
mvn -B verify "$@"
stage_done "mvn verify (JUnit)"

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
