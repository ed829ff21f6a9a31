#!/usr/bin/env bash
# Builds (once) the virtualenv of the benchmark's Python peers and charts from PyPI and prints its path:
# scikit-learn, implicit (CPU ALS), pyarrow, matplotlib... pinned by bench/requirements.txt. The venv is
# cached under ~/.cache/inlearning, keyed by a hash of that file, so a rebuild happens only when it changes.
#
#   bench/venv.sh          build if needed, print the venv folder
#
# Environment: INLEARNING_BENCH_VENV (use this folder instead of the cache), PYTHON (python3).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REQUIREMENTS="$ROOT/bench/requirements.txt"
. "$ROOT/scripts/venv-lib.sh"

VENV=${INLEARNING_BENCH_VENV:-$(cached_venv_dir bench-venv "$REQUIREMENTS")}
# Wheels only; implicit's links the system's OpenMP runtime (Debian: libgomp1) instead of bundling one,
# hence the import check.
build_venv "$VENV" bench/venv.sh "import implicit.cpu.als, sklearn" --only-binary=:all: -r "$REQUIREMENTS"
echo "$VENV"
