#!/usr/bin/env python3
"""Course classification on real catalogues: ours against scikit-learn, on the same seeded splits.

    bench/real-courses.sh CATALOGUE.jsonl [CATALOGUE.jsonl ...] [--configs default,lr-c10-it100] [--splits 5]

CATALOGUE.jsonl: course records (course_id, title, content, category). For each catalogue, makes --splits
stratified 80/20 splits (scikit-learn's train_test_split, seeds 1..N; categories of a single course are left
out, said on stderr) into target/real-courses/<name>/split-<seed>/, then runs on every split:
- ours: io.inlearning.spark.courses.CatalogueEvaluation (one JVM per config: train on train.jsonl at the
  config's settings, classify test.jsonl);
- the three scikit-learn pipelines of bench/peers/courses_sklearn_linear.py, at scikit-learn's defaults.
Prints one markdown table (mean accuracy and macro F1 over the splits, min-max in brackets) and writes
every per-split figure to target/real-courses/results.jsonl.
"""
import argparse
import collections
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from sklearn.model_selection import train_test_split

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "target" / "real-courses"
PEER = ROOT / "bench" / "peers" / "courses_sklearn_linear.py"
EVALUATION = ROOT / "bench" / "catalogue-evaluation.sh"


def make_splits(catalogue: Path, count: int) -> list[Path]:
    # split("\n"), not splitlines(): titles may hold U+2028 and other characters splitlines() breaks at
    lines = [line for line in catalogue.read_text(encoding="utf-8").split("\n") if line.strip()]
    categories = [json.loads(line)["category"] for line in lines]
    sizes = collections.Counter(categories)
    keep = [i for i, c in enumerate(categories) if sizes[c] >= 2]
    left_out = sorted(c for c, n in sizes.items() if n < 2)
    if left_out:
        print(f"{catalogue.stem}: categories of one course left out of the splits: {left_out}", file=sys.stderr)
    folders = []
    for seed in range(1, count + 1):
        train, test = train_test_split(keep, test_size=0.2, stratify=[categories[i] for i in keep], random_state=seed)
        folder = WORK / catalogue.stem / f"split-{seed}"
        folder.mkdir(parents=True, exist_ok=True)
        for name, rows in (("train", train), ("test", test)):
            (folder / f"{name}.jsonl").write_text("".join(lines[i] + "\n" for i in rows), encoding="utf-8")
        folders.append(folder)
    return folders


def ours(config: str, catalogue_dir: Path) -> list[dict]:
    out = subprocess.run([str(EVALUATION), config, str(catalogue_dir)], capture_output=True, text=True, check=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{") and '"split"' in line]


def peers(split: Path) -> list[dict]:
    out = subprocess.run([sys.executable, str(PEER), "--train", str(split / "train.jsonl"),
                          "--test", str(split / "test.jsonl"), "--pipeline", "all"],
                         capture_output=True, text=True, check=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("catalogues", nargs="+", type=Path)
    parser.add_argument("--configs", default="default")
    parser.add_argument("--splits", type=int, default=5)
    args = parser.parse_args()
    results = []
    for catalogue in args.catalogues:
        splits = make_splits(catalogue, args.splits)
        for config in args.configs.split(","):
            for row in ours(config, splits[0].parent):
                results.append({"catalogue": catalogue.stem, "tool": f"ours ({config})", "split": row["split"],
                                "accuracy": row["accuracy"], "macro_f1": row["macro_f1"]})
        for split in splits:
            for row in peers(split):
                results.append({"catalogue": catalogue.stem, "tool": f"scikit-learn {row['pipeline']}",
                                "split": split.name, "accuracy": row["accuracy"], "macro_f1": row["macro_f1"]})
    (WORK / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in results))
    print("| catalogue | tool | accuracy | macro F1 |\n|---|---|---|---|")
    groups = collections.defaultdict(list)
    for r in results:
        groups[(r["catalogue"], r["tool"])].append(r)
    for (catalogue, tool), rows in groups.items():
        acc = [r["accuracy"] for r in rows]
        f1 = [r["macro_f1"] for r in rows]
        print(f"| {catalogue} | {tool} | {statistics.mean(acc):.4f} ({min(acc):.4f}-{max(acc):.4f}) "
              f"| {statistics.mean(f1):.4f} |")


if __name__ == "__main__":
    main()
