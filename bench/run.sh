#!/usr/bin/env bash
# The benchmark suite's one entry point (see BENCHMARKS.md): builds the application jar and the peers'
# virtualenv (scikit-learn, implicit, pyarrow, matplotlib from PyPI, bench/venv.sh), then runs bench/run.py.
#
#   bench/run.sh                  every suite at full size: hours; results and charts in bench/results/
#   bench/run.sh --quick          tiny sizes, one repetition, a few minutes (scripts/test.sh runs it)
#   bench/run.sh --suites courses --courses 100000,1000000 --repetitions 3
#   bench/run.sh --help           every option
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$ROOT/bench/inlearning" --version > /dev/null  # builds the jar and the bench commands now, not inside the first measured run
venv=$("$ROOT/bench/venv.sh")
exec "$venv/bin/python" "$ROOT/bench/run.py" "$@"
