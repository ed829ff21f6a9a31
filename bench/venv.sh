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
PYTHON=${PYTHON:-python3}

key=$(sha256sum < "$REQUIREMENTS" | cut -c1-12)
VENV=${INLEARNING_BENCH_VENV:-$HOME/.cache/inlearning/bench-venv-$key}

if [ ! -f "$VENV/.complete" ]; then
  echo "bench/venv.sh: building $VENV from PyPI (a minute, once)" >&2
  rm -rf "$VENV"
  mkdir -p "$(dirname "$VENV")"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check --only-binary=:all: -r "$REQUIREMENTS" >&2
  "$VENV/bin/pip" check >&2
  # implicit's wheel links the system's OpenMP runtime (Debian: libgomp1) instead of bundling one.
  "$VENV/bin/python" -c "import implicit.cpu.als, sklearn" \
    || { echo "bench/venv.sh: cannot import implicit (is libgomp1 installed?)" >&2; exit 1; }
  touch "$VENV/.complete"
fi
echo "$VENV"
