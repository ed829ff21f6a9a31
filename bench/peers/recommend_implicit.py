#!/usr/bin/env python3
"""The `implicit` (CPU ALS) peer of `bin/inlearning recommend --implicit` (issue 7).

    recommend_implicit.py --input DIR --output DIR [--factors 20] [--iterations 10] [--regularization 0.1]
                          [--alpha 1.0] [--test-fraction 0.25] [--top 10] [--seed 42] [--no-eval]

What it mirrors of the Spark job: JSON lines validated like InteractionSchema.IMPLICIT (user_id and
course_id required, strings or integers; rating an optional strength >= 0, 1 when absent; timestamp
optional), rejections counted by reason; repeated (learner, course) pairs summed; ids mapped to ints in id
order; per-learner split (each learner's interactions ordered by a seeded hash, the first
max(1, round_half_up(n * (1 - test_fraction))) to training); ALS on the training share; top k of every test
learner without their training courses (nor courses unseen in training); precision/recall/NDCG/MAP at k with
binary relevance as RankingEvaluation; the most-popular baseline (learners per course in training);
then ALS again on all interactions and the top k unseen courses of every learner.

What differs (the settings are nominally equal, the models are not the same):
- Confidence: Spark's implicit ALS weighs an interaction 1 + alpha * r, implicit's alpha * r (so at
  alpha 1 a strength-1 interaction counts no more than a missing one, only its preference differs).
- Regularisation: Spark multiplies regParam by each learner's (course's) interaction count (ALS-WR);
  implicit uses the constant lambda = --regularization.
  Measured on `generate interactions --users 50000 --courses 5000 --count 1000000 --implicit` (Spark:
  NDCG@10 0.1196, most popular 0.0520): these settings 0.1165 (most popular 0.0516; another ALS seed
  0.1160), confidence 1 + r fed to implicit 0.1148, lambda 2 (about Spark's 0.1 x interactions per
  learner) 0.1183: the gap is the models', not the protocol's.
- Solver: implicit runs 3 conjugate-gradient steps per factor per iteration (its default), Spark solves
  each least-squares problem exactly (Cholesky). Factors are float32 in both.
- The split's hash is not Spark's xxhash64: the same share of each learner is held out, not the same
  interactions. Ties between equal scores may be broken differently.
- Parallelism: implicit uses every core through OpenMP (OPENBLAS_NUM_THREADS=1, its own advice); so does
  pyarrow's JSON reader; validation, split and metrics are single-threaded numpy/Python.
- Reading: a file whose lines are all valid is parsed by pyarrow.json and checked column-wise; any other
  file goes through the per-line validator. The verdicts are the same either way; the first is 2.5x faster.
- Output: OUTPUT/recommendations/ is long Parquet (user_id, course_id, rank, score), replaced atomically;
  no model nor rejected records are written (ours writes model/, _rejected/, JSON too).

metrics.json holds the figures, one summary line goes to stdout; exit 2 on wrong usage.
"""
import os

os.environ["OPENBLAS_NUM_THREADS"] = "1"  # before numpy is loaded: implicit's own threads do the work

import gzip
import math
import platform
import sys

import implicit
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj
import scipy
import scipy.sparse as sp
from implicit.cpu.als import AlternatingLeastSquares
from threadpoolctl import threadpool_limits

from records import (MAX_RECORD_BYTES, Parser, Rejected, Timer, UsageError, check_id, check_number, decode,
                     input_files, parse_object, parse_timestamp, write_json, write_parquet_dir)

SCHEMA = pa.schema([("user_id", pa.string()), ("course_id", pa.string()), ("rating", pa.float64()),
                    ("timestamp", pa.string())])
RECOMMEND_BATCH = 10_000


# ---- reading + validation, as common/RecordValidator with InteractionSchema.IMPLICIT ---------------------

def validate_interaction(line):
    """One line (bytes) -> (user_id, course_id, strength); raises Rejected."""
    record = parse_object(decode(line))
    ids = []
    for name in ("user_id", "course_id"):  # schema order: the first failing field gives the reason
        v = record.get(name)
        if v is None:
            raise Rejected("missing_field")
        v = check_id(v)
        if v is None:
            raise Rejected("empty_field")
        ids.append(v)
    strength = record.get("rating")
    strength = 1.0 if strength is None else check_number(strength, 0, math.inf)
    if record.get("timestamp") is not None:
        parse_timestamp(record["timestamp"])
    return ids[0], ids[1], strength


def read_interactions(path):
    """-> (user_id, course_id, strength) of the accepted interactions as Arrow arrays, and record counts."""
    users, courses, strengths, rejected, blank = [], [], [], {}, 0
    for name in input_files(path):
        with open(name, "rb") as f:
            data = f.read()
        data = gzip.decompress(data) if name.endswith(".gz") else data
        clean = clean_file(data)
        if clean is None:  # some line may be rejected: the exact per-line validator decides
            file_rows = []
            for line in data.splitlines():  # \n, \r\n and \r, as Hadoop's line reader
                if not line.strip():
                    blank += 1
                    continue
                try:
                    file_rows.append(validate_interaction(line))
                except Rejected as r:
                    rejected[r.reason] = rejected.get(r.reason, 0) + 1
            clean = [pa.array([row[i] for row in file_rows], t) for i, t in enumerate(SCHEMA.types[:3])]
        for out, column in zip((users, courses, strengths), clean):
            out.append(column)
    accepted = sum(len(c) for c in users)
    read = accepted + sum(rejected.values())
    if read == 0:
        raise UsageError(f"input has no records: {path}")
    if not accepted:
        raise UsageError(f"no valid interactions: all {read} records were rejected {rejected}")
    counts = {"read": read, "accepted": accepted, "rejected": read - accepted,
              "rejected_by_reason": dict(sorted(rejected.items())), "blank_lines_skipped": blank}
    return [pa.chunked_array(c, t) for c, t in zip((users, courses, strengths), SCHEMA.types)], counts


def clean_file(data):
    """Fast path: the file's (user_id, course_id, strength) columns when pyarrow parses it and every line is a
    valid interaction by the rules of validate_interaction; None when any line might not be."""
    if not data or b"\r" in data:
        return None
    if not data.isascii():
        try:
            data.decode("utf-8")  # pyarrow does not check
        except UnicodeDecodeError:
            return None
    try:  # pyarrow rejects the file on wrong types, duplicate keys, non-objects...
        table = pj.read_json(pa.BufferReader(data), parse_options=pj.ParseOptions(explicit_schema=SCHEMA))
    except pa.ArrowInvalid:
        return None
    # ...but skips blank lines, reads two objects on one line and takes NaN and oversized lines: rule them out.
    ends = np.flatnonzero(np.frombuffer(data, np.uint8) == ord("\n"))
    ends = ends if data.endswith(b"\n") else np.append(ends, len(data))
    if table.num_rows != len(ends) or (np.diff(ends, prepend=-1) - 1).max() > MAX_RECORD_BYTES:
        return None
    users, courses, rating, timestamps = table.columns[:4]
    if users.null_count or courses.null_count:
        return None
    if any(not v.strip() for v in pc.unique(users).to_pylist() + pc.unique(courses).to_pylist()):
        return None
    if pc.any(pc.or_(pc.invert(pc.is_finite(rating)), pc.less(rating, 0.0))).as_py():
        return None
    try:
        for v in pc.unique(timestamps).to_pylist():
            if v is not None:
                parse_timestamp(v)
    except Rejected:
        return None
    return users, courses, pc.fill_null(rating, 1.0)


# ---- the job -------------------------------------------------------------------------------------------

def index_ids(users, courses, strengths):
    """Sorted distinct ids and a learners x courses CSR matrix of summed strengths (one entry per pair)."""
    user_ids, user_codes = codes(users)
    course_ids, course_codes = codes(courses)
    matrix = sp.csr_matrix((strengths.to_numpy(), (user_codes, course_codes)),
                           shape=(len(user_ids), len(course_ids)))
    matrix.sum_duplicates()
    return user_ids, course_ids, matrix


def codes(ids):
    """(distinct ids sorted, as a numpy object array; the position of each id among them)."""
    distinct = pc.unique(ids)
    distinct = distinct.take(pc.sort_indices(distinct))
    return distinct.to_numpy(zero_copy_only=False), pc.index_in(ids, value_set=distinct).to_numpy()


def split_by_learner(matrix, test_fraction, seed):
    """(train, test) CSR matrices: each learner's pairs ordered by a seeded hash, the first share to train."""
    coo = matrix.tocoo()
    user, course = coo.row.astype(np.uint64), coo.col.astype(np.uint64)
    h = np.uint64(seed * 0x9E3779B97F4A7C15 % 2**64) ^ (user * np.uint64(0xBF58476D1CE4E5B9)) \
        ^ (course * np.uint64(0x94D049BB133111EB))
    h ^= h >> np.uint64(31)  # splitmix64's finaliser: well-mixed bits from structured inputs
    h *= np.uint64(0xD6E8FEB86659FD93)
    h ^= h >> np.uint64(32)
    order = np.lexsort((coo.col, h, coo.row))
    row = coo.row[order]
    per_user = np.bincount(row, minlength=matrix.shape[0])
    starts = np.concatenate(([0], np.cumsum(per_user)[:-1]))
    rank = np.arange(len(row)) - starts[row]
    train_size = np.maximum(1, np.floor(per_user * (1 - test_fraction) + 0.5).astype(np.int64))  # HALF_UP
    in_train = rank < train_size[row]
    parts = []
    for keep in (in_train, ~in_train):
        parts.append(sp.csr_matrix((coo.data[order][keep], (row[keep], coo.col[order][keep])), shape=matrix.shape))
    return parts[0], parts[1]


def train_als(matrix, args):
    model = AlternatingLeastSquares(factors=args.factors, regularization=args.regularization, alpha=args.alpha,
                                    iterations=args.iterations, random_state=args.seed, num_threads=0)
    weights = matrix.astype(np.float32)
    weights.eliminate_zeros()  # a strength-0 pair has no weight in Spark; implicit would weigh it below a missing one
    model.fit(weights, show_progress=False)
    return model


def top_k(model, learners, seen, k, excluded=None):
    """(items, scores) of shape (len(learners), k), best first, -1 where fewer than k courses remain."""
    items, scores = [], []
    for start in range(0, len(learners), RECOMMEND_BATCH):
        batch = learners[start:start + RECOMMEND_BATCH]
        ids, values = model.recommend(batch, seen[batch], N=k, filter_already_liked_items=True,
                                      filter_items=excluded)
        items.append(ids)
        scores.append(values)
    return np.vstack(items), np.vstack(scores)


def most_popular(train, learners, k):
    """Top k by learners per course in training, each learner's training courses skipped."""
    popularity = np.diff(train.tocsc().indptr)
    order = np.lexsort((np.arange(len(popularity)), -popularity))
    order = order[popularity[order] > 0]
    out = np.full((len(learners), k), -1, dtype=np.int64)
    for n, u in enumerate(learners):
        seen = set(train.indices[train.indptr[u]:train.indptr[u + 1]])
        best = [c for c in order[:k + len(seen)] if c not in seen][:k]
        out[n, :len(best)] = best
    return out


def ranking_metrics(items, test, learners, k):
    """Means over the test learners of precision/recall/NDCG/MAP at k, binary relevance (RankingEvaluation)."""
    relevant = np.diff(test.indptr)[learners]
    held_out = sp.csr_matrix((np.ones(test.nnz, dtype=np.int8), test.indices, test.indptr), shape=test.shape)
    valid = items >= 0
    rows = np.repeat(learners, items.shape[1])
    hits = (np.asarray(held_out[rows, np.where(valid, items, 0).ravel()]).reshape(items.shape) != 0) & valid
    positions = np.arange(1, k + 1)
    discount = 1 / np.log2(positions + 1)
    ideal = np.cumsum(discount)[np.minimum(relevant, k) - 1]
    cumulative = np.cumsum(hits, axis=1)
    return {"precision_at_k": float(np.mean(hits.sum(1) / k)),
            "recall_at_k": float(np.mean(hits.sum(1) / relevant)),
            "ndcg_at_k": float(np.mean((hits @ discount[:items.shape[1]]) / ideal)),
            "map_at_k": float(np.mean((hits * cumulative / positions[:items.shape[1]]).sum(1)
                                      / np.minimum(relevant, k)))}


def write_recommendations(output, user_ids, course_ids, items, scores):
    """OUTPUT/recommendations/part-00000.parquet (user_id, course_id, rank, score), renamed into place."""
    valid = items >= 0
    users = np.repeat(np.arange(len(user_ids)), items.shape[1])[valid.ravel()]
    table = pa.table({"user_id": pa.array(user_ids[users], pa.string()),
                      "course_id": pa.array(course_ids[items[valid]], pa.string()),
                      "rank": pa.array(np.tile(np.arange(1, items.shape[1] + 1, dtype=np.int32),
                                               len(user_ids))[valid.ravel()]),
                      "score": pa.array(scores[valid].astype(np.float64))})
    write_parquet_dir(output, "recommendations", table)
    return int(valid.sum()), int((valid.sum(1) < items.shape[1]).sum())


def run(args):
    if args.factors < 1 or args.iterations < 1 or args.regularization < 0 or args.alpha < 0 \
            or not 1 <= args.top <= 1000:
        raise UsageError("--factors >= 1, --iterations >= 1, --regularization >= 0, --alpha >= 0, --top in 1..1000")
    if not args.no_eval and not 0 < args.test_fraction < 1:
        raise UsageError(f"--test-fraction must be between 0 and 1 (exclusive), got {args.test_fraction}")
    k = args.top
    timer = Timer()
    columns, counts = timer("read+validate", read_interactions, args.input)
    user_ids, course_ids, matrix = timer("index ids", index_ids, *columns)
    del columns
    report = {"job": "implicit recommend", "input": os.path.abspath(args.input), "output": os.path.abspath(args.output),
              "records": counts, "duplicates_aggregated": counts["accepted"] - matrix.nnz, "users": len(user_ids),
              "courses": len(course_ids), "interactions": matrix.nnz, "k": k,
              "settings": {"factors": args.factors, "iterations": args.iterations,
                           "regularization": args.regularization, "alpha": args.alpha,
                           "test_fraction": 0 if args.no_eval else args.test_fraction, "top": k, "seed": args.seed,
                           "evaluate": not args.no_eval, "num_threads": os.cpu_count()}}

    if not args.no_eval:
        train, test = timer("split", split_by_learner, matrix, args.test_fraction, args.seed)
        learners = np.flatnonzero(np.diff(test.indptr))
        report["evaluation"] = {"split": {"train_interactions": train.nnz, "test_interactions": test.nnz,
                                          "test_learners": len(learners)}}
        if len(learners):
            model = timer("train", train_als, train, args)

            def evaluate():
                unseen_in_training = np.flatnonzero(np.diff(train.tocsc().indptr) == 0)
                items, _ = top_k(model, learners, train, k, unseen_in_training if len(unseen_in_training) else None)
                baseline = most_popular(train, learners, k)
                return ranking_metrics(items, test, learners, k), ranking_metrics(baseline, test, learners, k)
            metrics, baseline = timer("evaluate", evaluate)
            report.update(metrics)
            report["baseline"] = {"name": "most_popular", **baseline}
            report["beats_baseline"] = metrics["ndcg_at_k"] > baseline["ndcg_at_k"]
        else:
            report["evaluation"]["skipped"] = "no learner has enough interactions to hold some out (3 or more)"

    final = timer("train" if args.no_eval else "train final", train_als, matrix, args)
    everyone = np.arange(len(user_ids))
    items, scores = timer("recommend", top_k, final, everyone, matrix, k)
    written, fewer = timer("write", write_recommendations, args.output, user_ids, course_ids, items, scores)
    report["recommendations"] = {"learners": len(user_ids), "recommendations": written,
                                 "learners_with_fewer_than_k": fewer}
    report["timings_seconds"] = timer.report()
    report["interactions_per_second"] = round(counts["read"] / max(report["timings_seconds"]["total"], 1e-3), 1)
    report["library_versions"] = {"python": platform.python_version(), "implicit": implicit.__version__,
                                  "numpy": np.__version__, "scipy": scipy.__version__, "pyarrow": pa.__version__}
    write_json(os.path.join(args.output, "metrics.json"), report)
    quality = "" if args.no_eval or "ndcg_at_k" not in report else \
        f"NDCG@{k} {report['ndcg_at_k']:.4f} (most popular {report['baseline']['ndcg_at_k']:.4f}), "
    print(f"implicit recommend: {counts['accepted']:,} of {counts['read']:,} interactions accepted, "
          f"{len(user_ids):,} learners x {len(course_ids):,} courses, {quality}top {k} for every learner "
          f"in {report['timings_seconds']['total']} s -> {args.output}")


def main(argv=None):
    parser = Parser(prog="recommend_implicit.py", description="implicit (CPU ALS) peer of `inlearning recommend`")
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--factors", type=int, default=20)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--regularization", type=float, default=0.1)
    parser.add_argument("--alpha", type=float, default=1.0)
    parser.add_argument("--test-fraction", type=float, default=0.25)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--no-eval", action="store_true")
    args = parser.parse_args(argv)
    try:
        with threadpool_limits(1, "blas"):  # in case numpy was loaded before OPENBLAS_NUM_THREADS was set
            run(args)
    except UsageError as e:
        sys.stderr.write(f"recommend_implicit.py: {e}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
