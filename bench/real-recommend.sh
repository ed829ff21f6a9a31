#!/usr/bin/env bash
# Recommendations on real interaction logs you provide, ours against numpy EASE, implicit's ALS and most
# popular on the same split (bench/real_recommend.py; BENCHMARKS.md has the figures and the data's origin).
#
#   bench/real-recommend.sh INTERACTIONS.jsonl [...] [--configs auto,als,ease] [--seed 42]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv=$("$ROOT/bench/venv.sh")
exec "$venv/bin/python" "$ROOT/bench/real_recommend.py" "$@"
