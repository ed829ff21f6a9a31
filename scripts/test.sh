#!/usr/bin/env bash
# Runs the whole test suite (the README's test command; .ci/run calls it). Starts, and always stops:
# - a local Spark standalone cluster for the cluster tests (scripts/cluster.sh); INLEARNING_SKIP_CLUSTER=1
#   skips them. SPARK_MASTER_PORT / SPARK_MASTER_WEBUI_PORT move the cluster off 7077/8080.
# - Elasticsearch and Kafka for the streaming analytics tests (scripts/elasticsearch.sh, scripts/kafka.sh);
#   INLEARNING_SKIP_SERVICES=1 skips them. ES_HTTP_PORT / KAFKA_PORT move them off 9200/9092.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/java17.sh"
cd "$ROOT"

cleanup() {
  if [ "${INLEARNING_SKIP_CLUSTER:-0}" != 1 ]; then scripts/cluster.sh stop || true; fi
  if [ "${INLEARNING_SKIP_SERVICES:-0}" != 1 ]; then
    scripts/elasticsearch.sh stop || true
    scripts/kafka.sh stop || true
  fi
}
trap cleanup EXIT

if [ "${INLEARNING_SKIP_CLUSTER:-0}" != 1 ]; then
  export INLEARNING_CLUSTER_DIR="$ROOT/target/test-cluster"
  scripts/cluster.sh stop > /dev/null
  scripts/cluster.sh start --workers 2
  export INLEARNING_CLUSTER_MASTER="spark://127.0.0.1:${SPARK_MASTER_PORT:-7077}"
  export INLEARNING_CLUSTER_UI="http://127.0.0.1:${SPARK_MASTER_WEBUI_PORT:-8080}"
fi
if [ "${INLEARNING_SKIP_SERVICES:-0}" != 1 ]; then
  export INLEARNING_ES_DIR="$ROOT/target/test-elasticsearch" INLEARNING_KAFKA_DIR="$ROOT/target/test-kafka"
  scripts/elasticsearch.sh stop > /dev/null
  scripts/kafka.sh stop > /dev/null
  scripts/elasticsearch.sh start
  scripts/kafka.sh start
  export INLEARNING_ES_URL="$(scripts/elasticsearch.sh url)"
  export INLEARNING_KAFKA="$(scripts/kafka.sh bootstrap)"
fi
mvn -B verify "$@"
