#!/usr/bin/env bash
# Runs the whole test suite (the README's test command; .ci/run calls it). Starts a local Spark standalone
# cluster for the cluster tests (scripts/cluster.sh) and always stops it; INLEARNING_SKIP_CLUSTER=1 skips
# them. SPARK_MASTER_PORT / SPARK_MASTER_WEBUI_PORT move the cluster off 7077/8080.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/java17.sh"
cd "$ROOT"

if [ "${INLEARNING_SKIP_CLUSTER:-0}" != 1 ]; then
  export INLEARNING_CLUSTER_DIR="$ROOT/target/test-cluster"
  scripts/cluster.sh stop > /dev/null
  trap 'scripts/cluster.sh stop' EXIT
  scripts/cluster.sh start --workers 2
  export INLEARNING_CLUSTER_MASTER="spark://127.0.0.1:${SPARK_MASTER_PORT:-7077}"
  export INLEARNING_CLUSTER_UI="http://127.0.0.1:${SPARK_MASTER_WEBUI_PORT:-8080}"
fi
mvn -B verify "$@"
