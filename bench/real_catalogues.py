#!/usr/bin/env python3
"""Turns the public course catalogues of BENCHMARKS.md into course records for bench/real-courses.sh.

    python3 bench/real_catalogues.py udemy    udemy_courses.csv          udemy.jsonl
    python3 bench/real_catalogues.py edx      edx_courses.csv            edx.jsonl
    python3 bench/real_catalogues.py coursera Coursera_Data_Cleaned1.csv coursera.jsonl

Each output line is one course record: course_id, title, content, category (the fields `courses train`
reads). Standard library only. Where each CSV comes from is in BENCHMARKS.md; the data has no stated
licence, so neither the CSVs nor the records belong in this repository.

- udemy: title = content = course_title, category = subject.
- edx: content = summary + course_description, category = subject.
- coursera: content = "What you will learn" + "Skill gain" + "Modules", category = Keyword (the scraper's
  search keyword). Some rows of that CSV are shifted by unquoted commas, which puts a module name or an
  instructor in Keyword; categories held by fewer than MIN_COURSERA_CATEGORY rows are those rows and are
  left out (counted on stderr).
"""
import collections
import csv
import json
import sys

MIN_COURSERA_CATEGORY = 20


def text(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip() and p.strip() != "Not specified")


def udemy(rows):
    for row in rows:
        yield row["course_id"], row["course_title"], row["course_title"], row["subject"]


def edx(rows):
    for i, row in enumerate(rows):
        yield f"edx-{i}", row["title"], text(row["summary"], row["course_description"]), row["subject"]


def coursera(rows):
    rows = list(rows)
    sizes = collections.Counter(row["Keyword"] for row in rows)
    dropped = sum(n for n in sizes.values() if n < MIN_COURSERA_CATEGORY)
    print(f"coursera: {dropped} shifted rows left out (category held by fewer than "
          f"{MIN_COURSERA_CATEGORY} rows)", file=sys.stderr)
    for i, row in enumerate(rows):
        if sizes[row["Keyword"]] >= MIN_COURSERA_CATEGORY:
            content = text(row["What you will learn"], row["Skill gain"], row["Modules"])
            yield f"coursera-{i}", row["Course Title"], content, row["Keyword"]


CONVERTERS = {"udemy": udemy, "edx": edx, "coursera": coursera}


def main() -> int:
    if len(sys.argv) != 4 or sys.argv[1] not in CONVERTERS:
        print(f"usage: real_catalogues.py {'|'.join(CONVERTERS)} INPUT.csv OUTPUT.jsonl", file=sys.stderr)
        return 2
    name, source, target = sys.argv[1:]
    with open(source, encoding="utf-8", newline="") as f:
        records = [dict(course_id=c, title=t.strip(), content=x, category=k.strip())
                   for c, t, x, k in CONVERTERS[name](csv.DictReader(f))]
    with open(target, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    print(f"{name}: {len(records)} courses, {len({r['category'] for r in records})} categories -> {target}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
