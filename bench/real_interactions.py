#!/usr/bin/env python3
"""Turns public interaction logs into interaction records for bench/real-recommend.sh.

    python3 bench/real_interactions.py movielens u.data            ml100k.jsonl
    python3 bench/real_interactions.py lastfm    user_artists.dat  lastfm.jsonl

Each output line is one interaction record: user_id, course_id, rating (the fields `recommend` reads).
Standard library only. Where each file comes from is in BENCHMARKS.md; neither belongs in this repository.

- movielens: MovieLens-100k u.data (user, item, rating 1-5, timestamp; tab-separated). Some copies
  carry extra lines of a user 0 added by a course; those lines are left out (counted on stderr).
- lastfm: HetRec 2011 Last.fm user_artists.dat (userID, artistID, weight = plays; tab-separated, header).
  rating = log(1 + plays), so that a few artists played 100,000 times do not swamp the confidence of ALS.
"""
import json
import math
import sys


def main() -> None:
    if len(sys.argv) != 4 or sys.argv[1] not in ("movielens", "lastfm"):
        sys.exit("usage: real_interactions.py movielens|lastfm INPUT OUTPUT.jsonl")
    kind, source, target = sys.argv[1:]
    written = skipped = 0
    with open(source, encoding="latin-1") as lines, open(target, "w", encoding="utf-8") as out:
        for line in lines:
            fields = line.split()
            if len(fields) < 3 or not fields[0].isdigit():
                skipped += 1  # header or blank
                continue
            if kind == "movielens":
                if fields[0] == "0":
                    skipped += 1
                    continue
                record = {"user_id": f"u{fields[0]}", "course_id": f"m{fields[1]}", "rating": int(fields[2])}
            else:
                record = {"user_id": f"u{fields[0]}", "course_id": f"a{fields[1]}",
                          "rating": round(math.log1p(float(fields[2])), 4)}
            out.write(json.dumps(record) + "\n")
            written += 1
    print(f"{target}: {written} interactions, {skipped} lines left out", file=sys.stderr)


if __name__ == "__main__":
    main()
