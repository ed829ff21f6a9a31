#!/usr/bin/env python3
"""Recommendations on real interaction logs: ours against the baselines a user would write, on one split.

    bench/real-recommend.sh INTERACTIONS.jsonl [...] [--configs auto,als,ease,als+tune] [--seed 42] [--k 10]

INTERACTIONS.jsonl: interaction records (user_id, course_id, rating), e.g. from bench/real_interactions.py.
For each file: one per-learner 75/25 split (each learner's interactions shuffled with numpy's seeded
generator, the first max(1, round(0.75 n)) to training, so learners with 1 or 2 interactions are wholly in
training) into target/real-recommend/<name>/{train,test}.jsonl. Then, trained on train.jsonl only:
- ours: `bin/inlearning recommend --implicit --no-eval --algorithm CONFIG` (auto = the default; model
  selection on a validation split of train.jsonl; als+tune adds --tune), its recommendations/json read back;
- EASE (Steck 2019) in numpy: binary X, B = I - P/diag(P) with P = (XᵀX + 300 I)⁻¹, float64, the λ the
  paper's authors' scripts use on MovieLens-sized data; no selection;
- implicit's ALS (CPU): 20 factors, regularization 0.1, alpha 1, 15 iterations, on the strengths;
- most popular (learners per course in training).
Every tool's top k (training courses excluded) is scored by the same code: NDCG, precision and MAP at k
with binary relevance (every held-out course), averaged over learners with held-out courses, as
RankingEvaluation does. Prints a markdown table with wall times; writes target/real-recommend/results.jsonl.
"""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")

import argparse
import glob
import json
import math
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "real-recommend"


def load(path: Path):
    users, courses, strengths = [], [], []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            r = json.loads(line)
            users.append(str(r["user_id"]))
            courses.append(str(r["course_id"]))
            strengths.append(float(r.get("rating") or 1.0))
    return users, courses, np.array(strengths)


def split(path: Path, seed: int, test_fraction: float = 0.25):
    lines = path.read_text(encoding="utf-8").splitlines()
    users, _, _ = load(path)
    by_user = {}
    for i, u in enumerate(users):
        by_user.setdefault(u, []).append(i)
    rng = np.random.default_rng(seed)
    train = np.zeros(len(lines), dtype=bool)
    for u in sorted(by_user):
        rows = rng.permutation(by_user[u])
        keep = max(1, math.floor(len(rows) * (1 - test_fraction) + 0.5))
        train[rows[:keep]] = True
    folder = WORK / path.stem
    folder.mkdir(parents=True, exist_ok=True)
    for name, mask in (("train", train), ("test", ~train)):
        (folder / f"{name}.jsonl").write_text("".join(lines[i] + "\n" for i in np.flatnonzero(mask)), encoding="utf-8")
    return folder


class Data:
    def __init__(self, folder: Path):
        tu, tc, ts = load(folder / "train.jsonl")
        eu, ec, _ = load(folder / "test.jsonl")
        self.user_ids = sorted(set(tu))
        self.course_ids = sorted(set(tc))
        uidx = {u: i for i, u in enumerate(self.user_ids)}
        cidx = {c: i for i, c in enumerate(self.course_ids)}
        rows, cols = np.array([uidx[u] for u in tu]), np.array([cidx[c] for c in tc])
        shape = (len(self.user_ids), len(self.course_ids))
        self.strength = sp.csr_matrix((ts, (rows, cols)), shape=shape)  # duplicates summed
        self.binary = (self.strength > 0).astype(np.float64).tocsr()
        self.seen = {self.user_ids[u]: set(self.course_ids[c] for c in self.binary[u].indices)
                     for u in range(shape[0])}
        self.relevant = {}
        for u, c in zip(eu, ec):
            self.relevant.setdefault(u, set()).add(c)


def score(lists: dict, data: Data, k: int) -> dict:
    """NDCG, precision and MAP at k (binary relevance), as RankingEvaluation."""
    discounts = 1 / np.log2(np.arange(2, k + 2))
    ndcg = precision = ap = 0.0
    for user, relevant in data.relevant.items():
        top = [c for c in lists.get(user, []) if c not in data.seen.get(user, ())][:k]
        hits = np.array([c in relevant for c in top], dtype=float)
        ideal = discounts[:min(len(relevant), k)].sum()
        ndcg += (hits * discounts[:len(hits)]).sum() / ideal if len(hits) else 0
        precision += hits.sum() / k
        if len(hits):
            ap += (np.cumsum(hits) / np.arange(1, len(hits) + 1) * hits).sum() / min(len(relevant), k)
    n = len(data.relevant)
    return {"ndcg_at_k": ndcg / n, "precision_at_k": precision / n, "map_at_k": ap / n}


def top_k(scores: np.ndarray, data: Data, k: int) -> dict:
    """Top k of dense (learner x course) scores, training courses masked."""
    scores = np.array(scores, dtype=np.float64)
    scores[data.binary.nonzero()] = -np.inf
    best = np.argpartition(-scores, k, axis=1)[:, :k]
    lists = {}
    for u, row in enumerate(best):
        order = row[np.argsort(-scores[u, row], kind="stable")]
        lists[data.user_ids[u]] = [data.course_ids[c] for c in order]
    return lists


def ease(data: Data, k: int, lam: float = 300.0) -> dict:
    X = data.binary
    G = (X.T @ X).toarray()
    G[np.diag_indices_from(G)] += lam
    P = np.linalg.inv(G)
    B = -P / np.diag(P)
    B[np.diag_indices_from(B)] = 0
    return top_k(X @ B, data, k)


def implicit_als(data: Data, k: int) -> dict:
    from implicit.cpu.als import AlternatingLeastSquares
    model = AlternatingLeastSquares(factors=20, regularization=0.1, alpha=1.0, iterations=15, random_state=42)
    model.fit(data.strength, show_progress=False)
    ids, _ = model.recommend(np.arange(len(data.user_ids)), data.strength, N=k, filter_already_liked_items=True)
    return {data.user_ids[u]: [data.course_ids[c] for c in row if c >= 0] for u, row in enumerate(ids)}


def most_popular(data: Data, k: int) -> dict:
    counts = np.asarray(data.binary.sum(axis=0)).ravel()
    return top_k(np.tile(counts, (len(data.user_ids), 1)), data, k)


def ours(folder: Path, config: str, k: int) -> dict:
    """config: an algorithm, then options joined by '+' (als+tune = --algorithm als --tune)."""
    algorithm, *flags = config.split("+")
    out = folder / f"ours-{config}"
    subprocess.run([str(ROOT / "bin" / "inlearning"), "recommend", "--implicit", "--no-eval", "--algorithm", algorithm,
                    *[f"--{flag}" for flag in flags], "--top", str(k), "--interactions", str(folder / "train.jsonl"),
                    "--output", str(out), "--overwrite"], check=True, stdout=subprocess.DEVNULL)
    lists = {}
    for part in glob.glob(str(out / "recommendations" / "json" / "*.json")):
        with open(part, encoding="utf-8") as lines:
            for line in lines:
                r = json.loads(line)
                lists[r["user_id"]] = [item["course_id"] for item in r["recommendations"]]
    chosen = json.loads((out / "metrics.json").read_text())["settings"]["algorithm"]
    return lists, chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("interactions", nargs="+", type=Path)
    parser.add_argument("--configs", default="auto,als,ease")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--k", type=int, default=10)
    args = parser.parse_args()
    results = []
    for path in args.interactions:
        folder = split(path, args.seed)
        data = Data(folder)
        print(f"{path.stem}: {len(data.user_ids)} learners, {len(data.course_ids)} courses, "
              f"{data.binary.nnz} training pairs, {sum(map(len, data.relevant.values()))} held out", file=sys.stderr)
        tools = [(f"ours --algorithm {c}", lambda c=c: ours(folder, c, args.k)) for c in args.configs.split(",")]
        tools += [("numpy EASE, lambda 300", lambda: (ease(data, args.k), None)),
                  ("implicit ALS, 20 factors", lambda: (implicit_als(data, args.k), None)),
                  ("most popular", lambda: (most_popular(data, args.k), None))]
        for name, run in tools:
            start = time.perf_counter()
            try:
                lists, chosen = run()
            except (subprocess.CalledProcessError, MemoryError) as e:
                print(f"{path.stem}: {name} failed: {e}", file=sys.stderr)
                continue
            seconds = time.perf_counter() - start
            row = {"data": path.stem, "tool": name + (f" (chose {chosen})" if chosen else ""),
                   "seconds": round(seconds, 1), **score(lists, data, args.k)}
            results.append(row)
            print(json.dumps(row), file=sys.stderr)
    (WORK / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in results))
    print(f"| data | tool | NDCG@{args.k} | P@{args.k} | MAP@{args.k} | wall s |\n|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['data']} | {r['tool']} | {r['ndcg_at_k']:.4f} | {r['precision_at_k']:.4f} "
              f"| {r['map_at_k']:.4f} | {r['seconds']} |")


if __name__ == "__main__":
    main()
