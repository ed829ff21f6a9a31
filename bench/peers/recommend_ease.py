#!/usr/bin/env python3
"""A numpy EASE peer of `bin/inlearning recommend --implicit --algorithm ease --ease-lambda L --no-eval`.

    recommend_ease.py --input DIR --output DIR [--lam 300] [--top 10]

What a user would write with numpy and scipy (Steck 2019, the paper's own few lines): binary X (learner x
course, CSR), G = XᵀX as a dense float64 matrix, P = inv(G + λI), B = -P / diag(P) with a zero diagonal,
scores = X·B for blocks of 10,000 learners, seen courses masked, the top k by argpartition. Reading,
validation and id indexing are the implicit peer's (recommend_implicit.py), so both peers read the same
records the same way. OpenBLAS uses both cores (numpy's default), which is what a user gets.

What differs from ours: no validation of λ (ours, with --ease-lambda, does none either), no similar
courses, no model written; recommendations go to OUTPUT/recommendations/ as long Parquet (user_id,
course_id, rank, score). metrics.json has the phase timings and the peak RSS.
"""
import resource
import sys

import numpy as np

from recommend_implicit import index_ids, read_interactions, write_recommendations
from records import Parser, Timer, UsageError, write_json

BLOCK = 10_000


def ease_weights(matrix, lam):
    x = (matrix > 0).astype(np.float64)
    gram = (x.T @ x).toarray()
    gram[np.diag_indices_from(gram)] += lam
    p = np.linalg.inv(gram)
    del gram
    b = -p / np.diag(p)
    np.fill_diagonal(b, 0)
    return x.tocsr(), b.astype(np.float32)


def top_k(x, b, k):
    items = np.empty((x.shape[0], k), dtype=np.int64)
    scores = np.empty((x.shape[0], k), dtype=np.float32)
    for start in range(0, x.shape[0], BLOCK):
        block = x[start:start + BLOCK]
        s = np.asarray(block @ b)
        s[block.nonzero()] = -np.inf
        best = np.argpartition(-s, k, axis=1)[:, :k]
        order = np.argsort(-np.take_along_axis(s, best, axis=1), axis=1, kind="stable")
        items[start:start + BLOCK] = np.take_along_axis(best, order, axis=1)
        scores[start:start + BLOCK] = np.take_along_axis(s, items[start:start + BLOCK], axis=1)
    return items, scores


def main(argv=None):
    parser = Parser(prog="recommend_ease.py", description="numpy EASE peer of `inlearning recommend --algorithm ease`")
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--lam", type=float, default=300.0)
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args(argv)
    try:
        timer = Timer()
        columns, counts = timer("read+validate", read_interactions, args.input)
        user_ids, course_ids, matrix = timer("index ids", index_ids, *columns)
        x, b = timer("gram+solve", ease_weights, matrix, args.lam)
        items, scores = timer("recommend", top_k, x, b, args.top)
        timer("write", write_recommendations, args.output, user_ids, course_ids, items, scores)
        report = {"job": "numpy EASE recommend", "records": counts, "users": len(user_ids),
                  "courses": len(course_ids), "lambda": args.lam, "timings_seconds": timer.report(),
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}
        write_json(f"{args.output}/metrics.json", report)
        print(f"numpy EASE: {len(user_ids):,} learners x {len(course_ids):,} courses in "
              f"{report['timings_seconds']['total']} s, peak RSS {report['peak_rss_mib']:,} MiB -> {args.output}")
    except UsageError as e:
        print(f"recommend_ease.py: {e}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
