#!/usr/bin/env python3
"""The Elasticsearch side's ceiling for `analytics`: bulk upserts of per-course window documents.

Sends `--bulks` bulk requests of `--docs` documents each, shaped like the job's `INDEX-courses` documents
(same fields and strict mapping), to a fresh index, and reports documents per second. As the job does, the
bulks overwrite the same ids again and again (the windows a batch touched, upserted with their figures so
far), with Elasticsearch's default refresh interval. Standard library only:

    python3 bench/es_bulk_ceiling.py --url http://127.0.0.1:9200 --docs 2000 --bulks 50
"""
import argparse
import json
import statistics
import time
import urllib.request

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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:9200")
    parser.add_argument("--docs", type=int, default=2000, help="documents per bulk request (default 2000)")
    parser.add_argument("--bulks", type=int, default=50, help="bulk requests (default 50)")
    args = parser.parse_args()
    index = f"bulk-ceiling-{int(time.time() * 1000)}"
    call("PUT", f"{args.url}/{index}", json.dumps({"settings": {"number_of_replicas": 0},
                                                   "mappings": MAPPING}).encode())
    try:
        bodies = [bulk_body(index, args.docs, batch) for batch in range(args.bulks)]
        rates = []
        start = time.perf_counter()
        for body in bodies:
            began = time.perf_counter()
            result = call("POST", f"{args.url}/_bulk", body, "application/x-ndjson")
            if result.get("errors"):
                raise SystemExit("es_bulk_ceiling: the bulk request had errors")
            rates.append(args.docs / (time.perf_counter() - began))
        total = time.perf_counter() - start
        print(f"es_bulk_ceiling: {args.bulks} bulks of {args.docs:,} documents in {total:.1f} s: "
              f"{args.bulks * args.docs / total:,.0f} documents/s overall, median bulk {statistics.median(rates):,.0f}/s")
    finally:
        call("DELETE", f"{args.url}/{index}")


if __name__ == "__main__":
    main()
