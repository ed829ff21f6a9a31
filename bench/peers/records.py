"""What both peers share: record checks as common/RecordValidator makes them, input files, phase timings,
atomic outputs and a one-line usage error."""
import argparse
import datetime as dt
import json
import math
import os
import resource
import shutil
import sys
import time

MAX_RECORD_BYTES = 1 << 20


class UsageError(Exception):
    pass


class Rejected(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def parse_object(raw):
    """One JSON object per line, as the validator's Jackson parser sees it; raises Rejected."""
    try:
        record = json.loads(raw[1:] if raw.startswith("\ufeff") else raw, object_pairs_hook=_no_duplicates)
    except (ValueError, RecursionError):
        raise Rejected("malformed_json")
    if not isinstance(record, dict):
        raise Rejected("not_an_object")
    return record


def decode(line):
    if len(line) > MAX_RECORD_BYTES:
        raise Rejected("record_too_large")
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        raise Rejected("invalid_utf8")


def _no_duplicates(pairs):
    record = dict(pairs)
    if len(record) != len(pairs):  # Jackson's STRICT_DUPLICATE_DETECTION
        raise ValueError("duplicate field")
    return record


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def check_id(v):
    if isinstance(v, str):
        return v if v.strip() else None
    if is_int(v):
        return str(v)
    raise Rejected("wrong_type")


def check_number(v, low, high):
    if not (is_int(v) or isinstance(v, float)):
        raise Rejected("wrong_type")
    try:
        v = float(v)
    except OverflowError:
        raise Rejected("out_of_range")
    if not (math.isfinite(v) and low <= v <= high):
        raise Rejected("out_of_range")
    return v


def parse_timestamp(v):
    """Epoch seconds (or milliseconds from 1e11 on), or ISO-8601 (UTC when no zone); -> epoch seconds."""
    if is_int(v) and -2**63 <= v < 2**63:
        return v / 1000 if abs(v) >= 100_000_000_000 else float(v)
    if not isinstance(v, str):
        raise Rejected("wrong_type")
    try:
        t = dt.datetime.fromisoformat(v.strip())
        return (t if t.tzinfo else t.replace(tzinfo=dt.timezone.utc)).timestamp()
    except (ValueError, OverflowError):
        raise Rejected("invalid_timestamp")


def input_files(path):
    if not os.path.exists(path):
        raise UsageError(f"input not found: {path}")
    if os.path.isfile(path):
        return [path]
    return [os.path.join(path, n) for n in sorted(os.listdir(path))
            if not n.startswith(("_", ".")) and os.path.isfile(os.path.join(path, n))]


class Timer:
    """Seconds per phase, and the total since it was made."""

    def __init__(self):
        self.start = time.perf_counter()
        self.timings = {}

    def __call__(self, phase, fn, *args):
        # A line per phase on stderr: when the process is killed (out of memory), its log says where.
        print(f"{phase} ...", file=sys.stderr, flush=True)
        t = time.perf_counter()
        result = fn(*args)
        seconds = time.perf_counter() - t
        self.timings[phase] = round(self.timings.get(phase, 0) + seconds, 3)
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(f"{phase}: {seconds:.1f} s, peak RSS {peak_mib:,} MiB", file=sys.stderr, flush=True)
        return result

    def report(self):
        self.timings["total"] = round(time.perf_counter() - self.start, 3)
        return self.timings


def write_parquet_dir(output, name, table):
    """OUTPUT/NAME/part-00000.parquet, written aside and renamed into place."""
    import pyarrow.parquet as pq
    os.makedirs(output, exist_ok=True)
    final = os.path.join(output, name)
    tmp = os.path.join(output, f".{name}-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    pq.write_table(table, os.path.join(tmp, "part-00000.parquet"))
    if os.path.exists(final):
        os.rename(final, tmp + "-old")
        os.rename(tmp, final)
        shutil.rmtree(tmp + "-old")
    else:
        os.rename(tmp, final)


def write_json(path, value):
    with open(path + ".tmp", "w") as f:
        json.dump(value, f, indent=2)
        f.write("\n")
    os.replace(path + ".tmp", path)


class Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2
        sys.stderr.write(f"{self.prog}: {message}\n")
        sys.exit(2)
