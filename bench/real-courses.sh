#!/usr/bin/env bash
# Course classification on real catalogues you provide, ours against scikit-learn on the same splits
# (bench/real_courses.py; BENCHMARKS.md has the figures and where the catalogues came from).
#
#   bench/real-courses.sh CATALOGUE.jsonl [...] [--configs default,lr-c10-it100] [--splits 5]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv=$("$ROOT/bench/venv.sh")
exec "$venv/bin/python" "$ROOT/bench/real_courses.py" "$@"
