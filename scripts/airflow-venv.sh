#!/usr/bin/env bash
# Builds (once) the virtualenv of the Airflow tests from PyPI and prints its path: Airflow 3, the Spark
# provider, pyspark at the jar's Spark version (its bin/spark-submit is what SparkSubmitOperator calls),
# pytest and Selenium. Pinned by orchestration/airflow/requirements.txt + constraints.txt; the venv is
# cached under ~/.cache/inlearning, keyed by a hash of both files, so a rebuild happens only when they change.
#
#   scripts/airflow-venv.sh          build if needed, print the venv folder
#
# Environment: INLEARNING_AIRFLOW_VENV (use this folder instead of the cache), PYTHON (python3).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REQUIREMENTS="$ROOT/orchestration/airflow/requirements.txt"
CONSTRAINTS="$ROOT/orchestration/airflow/constraints.txt"
. "$ROOT/scripts/venv-lib.sh"

VENV=${INLEARNING_AIRFLOW_VENV:-$(cached_venv_dir airflow-venv "$REQUIREMENTS" "$CONSTRAINTS")}
build_venv "$VENV" airflow-venv.sh "" -r "$REQUIREMENTS" -c "$CONSTRAINTS"
echo "$VENV"
