#!/usr/bin/env python3
"""Elasticsearch's own bulk ceiling for this platform's two write shapes, as a peer of the jobs' figures.

`--shape windows` (the default), the ceiling for `analytics`: bulk upserts of per-course window documents,
shaped like the job's `INDEX-courses` documents (same fields and strict mapping), that overwrite the same ids
again and again (the windows a batch touched, upserted with their figures so far), with Elasticsearch's
default refresh interval.

`--shape learners`, the ceiling for publication (`--publish`, `bench publish`): new learner documents with 10
recommended courses each (course id, title, category, score, source), the serving index's strict mapping, into
a fresh index with refreshes off, then one refresh, as `Publisher` writes a run's index.

The request bodies are built before the clock starts, and `--parallel` requests are on the wire at once, so the
figure is what Elasticsearch takes, not what a client builds. Standard library only:

    python3 bench/es_bulk_ceiling.py --url http://127.0.0.1:9200 --docs 2000 --bulks 50
    python3 bench/es_bulk_ceiling.py --shape learners --docs 2000 --bulks 250 --parallel 2
"""
import argparse
import json
import statistics
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

MAPPING = {"dynamic": "strict", "properties": {
    "course_id": {"type": "keyword"}, "category": {"type": "keyword"},
    "window_start": {"type": "date"}, "window_end": {"type": "date"},
    "events": {"type": "long"}, "learners": {"type": "long"}, "learner_events": {"type": "long"},
    "enrolments": {"type": "long"}, "completions": {"type": "long"}, "completion_rate": {"type": "double"},
    "updated_at": {"type": "date"}, "batch_id": {"type": "long"}}}


def call(method, url, body=None, content_type="application/json"):
    request = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": content_type})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read() or b"{}")


def bulk_body(index, docs, batch):
    lines = []
    for i in range(docs):
        course = f"crs-{i % 1000:06d}"
        hour = 10 + i // 1000
        start = f"2026-05-01T{hour:02d}:00:00Z"
        lines.append(json.dumps({"index": {"_index": index, "_id": f"{start}|{course}"}}))
        events = 50 + batch + i % 17
        lines.append(json.dumps({
            "course_id": course, "category": f"category-{i % 8}", "window_start": start,
            "window_end": f"2026-05-01T{hour + 1:02d}:00:00Z", "events": events, "learners": events - 3,
            "learner_events": events, "enrolments": events // 4, "completions": events // 7,
            "completion_rate": (events // 7) / max(1, events // 4),
            "updated_at": "2026-12-04T12:00:00Z", "batch_id": batch}))
    return ("\n".join(lines) + "\n").encode()


LEARNER_MAPPING = {"dynamic": "strict", "properties": {
    "learner_id": {"type": "keyword"},
    "recommendations": {"properties": {
        "rank": {"type": "integer"}, "course_id": {"type": "keyword"},
        "title": {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}},
        "category": {"type": "keyword"}, "score": {"type": "float"}, "source": {"type": "keyword"}}},
    "model_version": {"type": "keyword"}, "run": {"type": "keyword"}, "published_at": {"type": "date"}}}


def learner_body(index, docs, batch):
    lines = []
    for i in range(docs):
        learner = batch * docs + i
        courses = []
        for rank in range(10):
            course = (learner * 31 + rank * 977) % 20000
            courses.append({"rank": rank + 1, "course_id": f"crs-{course:09d}",
                            "title": f"Practical course number {course} for working data engineers",
                            "category": f"category-{course % 24:02d}", "score": 1.0 - rank * 0.05,
                            "source": "model"})
        lines.append(json.dumps({"index": {"_index": index, "_id": f"lrn-{learner:08d}"}}))
        lines.append(json.dumps({"learner_id": f"lrn-{learner:08d}", "recommendations": courses,
                                 "model_version": "20261207T120000000Z", "run": index,
                                 "published_at": "2026-12-07T12:00:00Z"}))
    return ("\n".join(lines) + "\n").encode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:9200")
    parser.add_argument("--docs", type=int, default=2000, help="documents per bulk request (default 2000)")
    parser.add_argument("--bulks", type=int, default=50, help="bulk requests (default 50)")
    parser.add_argument("--shape", choices=["windows", "learners"], default="windows",
                        help="window upserts (analytics) or new learner documents (publication)")
    parser.add_argument("--parallel", type=int, default=1, help="bulk requests on the wire at once (default 1)")
    args = parser.parse_args()
    index = f"bulk-ceiling-{int(time.time() * 1000)}"
    learners = args.shape == "learners"
    settings = {"number_of_replicas": 0, **({"refresh_interval": "-1"} if learners else {})}
    call("PUT", f"{args.url}/{index}", json.dumps({"settings": settings,
                                                   "mappings": LEARNER_MAPPING if learners else MAPPING}).encode())
    try:
        build = learner_body if learners else bulk_body
        bodies = [build(index, args.docs, batch) for batch in range(args.bulks)]

        def send(body):
            began = time.perf_counter()
            result = call("POST", f"{args.url}/_bulk", body, "application/x-ndjson")
            if result.get("errors"):
                raise SystemExit("es_bulk_ceiling: the bulk request had errors")
            return args.docs / (time.perf_counter() - began)

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.parallel) as pool:
            rates = list(pool.map(send, bodies))
        if learners:
            call("PUT", f"{args.url}/{index}/_settings", json.dumps({"index": {"refresh_interval": "1s"}}).encode())
            call("POST", f"{args.url}/{index}/_refresh")
        total = time.perf_counter() - start
        print(f"es_bulk_ceiling ({args.shape}, {args.parallel} in flight): {args.bulks} bulks of {args.docs:,} "
              f"documents in {total:.1f} s: {args.bulks * args.docs / total:,.0f} documents/s overall, "
              f"median bulk {statistics.median(rates):,.0f}/s")
    finally:
        call("DELETE", f"{args.url}/{index}")


if __name__ == "__main__":
    main()
