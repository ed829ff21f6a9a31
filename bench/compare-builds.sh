#!/usr/bin/env bash
# Paired runs of two builds of this project on the same data, alternating run by run, for a before/after
# figure (a Spark upgrade, a change to a job): wall seconds and peak RSS of every run, medians per build.
#
#   bench/compare-builds.sh OTHER_CHECKOUT [REPETITIONS]
#
# OTHER_CHECKOUT is a second checkout of this repository at the commit to compare, e.g.
#   git worktree add ../inlearning-before <commit>
# Both builds run the same three jobs on data this checkout generates once (seed 42) under
# target/compare-builds/data: `courses process` on 100,000 courses, `recommend --implicit --algorithm als`
# on 1,000,000 interactions (evaluation included), and `analytics` on 200,000 events from files into the
# warehouse's Delta tables (available-now; builds before the warehouse: their Parquet sink).
# COMPARE_COURSES, COMPARE_INTERACTIONS and COMPARE_EVENTS change the sizes; COMPARE_JOBS picks the jobs
# (default: "courses recommend analytics").
# Every run is printed as it ends; the medians come last, and all of it is in target/compare-builds/runs.tsv.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OTHER=$(cd "${1:?usage: bench/compare-builds.sh OTHER_CHECKOUT [REPETITIONS]}" && pwd)
REPETITIONS=${2:-3}
COURSES=${COMPARE_COURSES:-100000}
INTERACTIONS=${COMPARE_INTERACTIONS:-1000000}
EVENTS=${COMPARE_EVENTS:-200000}
JOBS=${COMPARE_JOBS:-courses recommend analytics}
WORK="$ROOT/target/compare-builds"
DATA="$WORK/data"
RUNS="$WORK/runs.tsv"

[ -x "$OTHER/bin/inlearning" ] || { echo "compare-builds.sh: $OTHER is not a checkout of this project" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "compare-builds.sh: needs GNU time (Debian package time)" >&2; exit 2; }
mkdir -p "$DATA"

build_name() { git -C "$1" log -1 --format='%h' 2>/dev/null || basename "$1"; }
THIS=$(build_name "$ROOT")
THAT=$(build_name "$OTHER")

# Both builds' jars now, so that no measured run includes a build.
"$ROOT/bin/inlearning" --version > /dev/null
"$OTHER/bin/inlearning" --version > /dev/null

generate() { # kind, folder, args...
  local kind=$1 folder=$2
  shift 2
  [ -e "$folder" ] || "$ROOT/bin/inlearning" generate "$kind" --seed 42 "$@" --out "$folder" > "$WORK/generate.log" 2>&1
}
generate courses "$DATA/courses-$COURSES" --count "$COURSES"
generate interactions "$DATA/interactions-$INTERACTIONS" --implicit --users $((INTERACTIONS / 20)) --courses 5000 \
  --count "$INTERACTIONS"
[ -e "$DATA/events-$EVENTS" ] || "$ROOT/bin/inlearning" generate events --seed 42 --count "$EVENTS" --files 20 \
  --out "$DATA/events-$EVENTS" > "$WORK/generate.log" 2>&1

job() { # build root, job name, output folder
  local root=$1 name=$2 out=$3
  rm -rf "$out"
  case $name in
    courses) "$root/bin/inlearning" courses process --input "$DATA/courses-$COURSES" --output "$out" ;;
    recommend) "$root/bin/inlearning" recommend --implicit --algorithm als \
                 --interactions "$DATA/interactions-$INTERACTIONS" --output "$out" ;;
    # Builds before the warehouse kept their windows with the hand-written Parquet sink.
    analytics) local keep=(--warehouse "$out/warehouse")
               [ -e "$root/src/main/java/io/inlearning/spark/analytics/sink/ParquetWindowSink.java" ] \
                 && keep=(--sink "parquet:$out/windows")
               "$root/bin/inlearning" analytics --source "files:$DATA/events-$EVENTS" "${keep[@]}" \
                 --checkpoint "$out/checkpoint" --trigger available-now ;;
  esac
}

export DATA COURSES INTERACTIONS EVENTS
export -f job
printf 'job\tbuild\trepetition\twall_s\tpeak_rss_mib\n' > "$RUNS"
for repetition in $(seq 1 "$REPETITIONS"); do
  for name in $JOBS; do
    # Alternate which build goes first, so that neither always runs on a warmer machine.
    if [ $((repetition % 2)) = 1 ]; then order="$ROOT $OTHER"; else order="$OTHER $ROOT"; fi
    for root in $order; do
      build=$THIS
      [ "$root" = "$OTHER" ] && build=$THAT
      /usr/bin/time -f '%e %M' -o "$WORK/time" bash -c 'job "$@"' job "$root" "$name" "$WORK/out-$name" \
        > "$WORK/$name.log" 2>&1 || { echo "compare-builds.sh: $name failed with $build (see $WORK/$name.log)" >&2; exit 1; }
      read -r wall rss_kib < <(tail -1 "$WORK/time")
      printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$build" "$repetition" "$wall" $((rss_kib / 1024)) | tee -a "$RUNS"
    done
  done
done

echo "medians (wall s, peak RSS MiB):"
python3 - "$RUNS" "$THIS" "$THAT" $JOBS <<'EOF'
import csv, statistics, sys
runs = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
for job in sys.argv[4:]:
    cells = []
    for build in sys.argv[2:4]:
        mine = [r for r in runs if r["job"] == job and r["build"] == build]
        wall = statistics.median(float(r["wall_s"]) for r in mine)
        rss = statistics.median(int(r["peak_rss_mib"]) for r in mine)
        cells.append((build, wall, rss))
    ratio = cells[0][1] / cells[1][1]
    print(f"{job:10s} " + "  ".join(f"{b}: {w:7.1f} s {r:6d} MiB" for b, w, r in cells)
          + f"  ({cells[0][0]} / {cells[1][0]}: {ratio:.2f}x)")
EOF
