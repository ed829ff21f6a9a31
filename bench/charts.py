"""Draws the benchmark charts (PNG) and tables (tables.md, Markdown) from a results folder's summary.json:
bench/charts.py RESULTS_DIR. Only succeeded runs are plotted, except in the memory chart, which marks the
peak RSS a failed run reached; a tool that failed at a size is named in the chart's footnote and in its
table row."""

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402

COLOURS = {"spark": "#e25a1c", "scikit-learn": "#3776ab", "implicit": "#3776ab"}


def main(results):
    results = Path(results)
    summary = json.loads((results / "summary.json").read_text())
    rows, machine = summary["rows"], summary["machine"]
    drawn = [chart(results, rows, machine) for chart in (courses_throughput, courses_memory, recommend_times,
                                                         scale, analytics)]
    (results / "tables.md").write_text(tables(rows, machine))
    print("charts: " + ", ".join(name for name in drawn if name) + "; tables.md")


TABLES = {
    "courses": [("end to end, courses/s", "courses_per_second", "{:,.0f}"), ("wall, s", "wall_seconds", "{:.1f}"),
                ("CPU, s", "cpu_seconds", "{:.0f}"), ("peak RSS, MiB", "peak_rss_mib", "{:,.0f}"),
                ("accuracy", "accuracy", "{:.4f}"), ("macro F1", "macro_f1", "{:.4f}"),
                ("read+validate, s", "read+validate_seconds", "{:.1f}"), ("featurise, s", "featurise_seconds", "{:.1f}"),
                ("train, s", "train_seconds", "{:.1f}"), ("classify, s", "classify_seconds", "{:.1f}"),
                ("classify-only, courses/s", "classify_courses_per_second", "{:,.0f}")],
    "recommend": [("train on all, s", "train_seconds", "{:.1f}"), ("top 10 for all, s", "top10_for_all_seconds", "{:.1f}"),
                  ("NDCG@10", "ndcg_at_10", "{:.4f}"), ("most popular NDCG@10", "baseline_ndcg_at_10", "{:.4f}"),
                  ("job total, s", "job_seconds", "{:.1f}"), ("wall, s", "wall_seconds", "{:.1f}"),
                  ("CPU, s", "cpu_seconds", "{:.0f}"), ("peak RSS, MiB", "peak_rss_mib", "{:,.0f}")],
    "scale": [("courses/s", "courses_per_second", "{:,.0f}"), ("wall, s", "wall_seconds", "{:.1f}"),
              ("accuracy", "accuracy", "{:.4f}")],
    "analytics": [("events/s to all visible", "events_per_second", "{:,.0f}"),
                  ("sustained events/s", "sustained_events_per_second", "{:,.0f}"),
                  ("p50, s", "latency_p50_seconds", "{:.1f}"),
                  ("p95, s", "latency_p95_seconds", "{:.1f}"),
                  ("Kafka consumer ceiling, events/s", "kafka_consumer_events_per_second", "{:,.0f}"),
                  ("share of the ceiling", "share_of_kafka_ceiling", "{:.0%}"),
                  ("CPU of the driver JVM, s", "cpu_seconds", "{:.0f}"),
                  ("median run: sustained events/s", "median_run_sustained_events_per_second", "{:,.0f}"),
                  ("median run: p95, s", "median_run_latency_p95_seconds", "{:.1f}"),
                  ("runs that kept up (p95 <= 5 s)", "kept_up_runs", "{:d}")],
}


def tables(rows, machine):
    """One Markdown table per suite: a row per (size, tool or variant), medians of the succeeded runs."""
    out = [f"<!-- drawn by bench/charts.py from summary.json; {caption(machine)} -->"]
    for suite, columns in TABLES.items():
        # courses: one row per (size, tool), with the classify-only throughput of its classify-only row
        merged = {}
        for row in select(rows, suite):
            key = (row["size"], row["tool"] if suite in ("courses", "recommend") else row["variant"])
            if row["variant"] == "classify-only":
                if "classify_courses_per_second" in row:
                    merged.setdefault(key, {})["classify_courses_per_second"] = row["classify_courses_per_second"]
            else:
                merged.setdefault(key, {}).update(row)
        merged = {key: row for key, row in merged.items() if "runs" in row}
        if not merged:
            continue
        out += ["", f"### {suite}", "", "| size | tool | runs | " + " | ".join(c[0] for c in columns) + " |",
                "|---" * (len(columns) + 3) + "|"]
        for (size, name), row in sorted(merged.items()):
            cells = [fmt.format(row[key]) if key in row else "-" for _, key, fmt in columns]
            note = (f" (failed: {row['errors'][0][:80]}, after {row['failed_wall_seconds']:,.0f} s at "
                    f"{row['failed_peak_rss_mib']:,} MiB peak RSS)") if row["errors"] else ""
            out.append(f"| {size:,} | {name}{note} | {row['succeeded']}/{row['runs']} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def caption(machine):
    return f"{machine['cores']} cores, {machine['memory_gib']} GiB; medians"


def select(rows, suite, variant=None):
    return [r for r in rows if r["suite"] == suite and (variant is None or r["variant"] == variant)]


def by_tool(rows):
    tools = {}
    for row in rows:
        tools.setdefault(row["tool"], []).append(row)
    return {tool: sorted(rs, key=lambda r: r["size"]) for tool, rs in tools.items()}


def failures(rows):
    return "; ".join(f"{r['tool']} at {r['size']:,}: {r['errors'][0][:70]}" for r in rows if r["succeeded"] == 0)


def save(figure, results, name, footnote):
    if footnote:
        figure.text(0.01, 0.01, footnote, fontsize=7, color="#555555", wrap=True)
    figure.tight_layout(rect=(0, 0.05 if footnote else 0, 1, 1))
    figure.savefig(results / name, dpi=110)
    plt.close(figure)
    return name


def courses_throughput(results, rows, machine):
    process, classify = select(rows, "courses", "process"), select(rows, "courses", "classify-only")
    if not process:
        return None
    figure, axes = plt.subplots(figsize=(7, 4.2))
    for label, subset, style in (("end to end", process, "-o"), ("classify only", classify, "--s")):
        for tool, points in by_tool(subset).items():
            ok = [p for p in points if p["succeeded"]]
            key = "courses_per_second" if label == "end to end" else "classify_courses_per_second"
            axes.plot([p["size"] for p in ok], [p[key] for p in ok], style, color=COLOURS.get(tool),
                      label=f"{tool}, {label}")
    axes.set(xscale="log", yscale="log", xlabel="courses in the catalogue", ylabel="courses / s",
             title=f"Course classification throughput ({caption(machine)})")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=8)
    return save(figure, results, "courses-throughput.png", failures(process + classify))


def courses_memory(results, rows, machine):
    process = select(rows, "courses", "process")
    if not process:
        return None
    figure, axes = plt.subplots(figsize=(7, 4.2))
    for tool, points in by_tool(process).items():
        ok = [p for p in points if p["succeeded"]]
        axes.plot([p["size"] for p in ok], [p["peak_rss_mib"] / 1024 for p in ok], "-o", color=COLOURS.get(tool),
                  label=tool)
        died = [p for p in points if not p["succeeded"]]
        if died:  # where a run was killed: the memory it had reached
            axes.plot([p["size"] for p in died], [p["failed_peak_rss_mib"] / 1024 for p in died], "x",
                      markersize=10, markeredgewidth=2, color=COLOURS.get(tool), label=f"{tool}, failed")
    axes.axhline(machine["memory_gib"], color="#555555", linestyle=":", linewidth=1, label="the machine's RAM")
    axes.set(xscale="log", xlabel="courses in the catalogue", ylabel="peak RSS (GiB)",
             title=f"Course classification memory ({caption(machine)})")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=8)
    return save(figure, results, "courses-memory.png", failures(process))


def recommend_times(results, rows, machine):
    recommend = select(rows, "recommend")
    if not recommend:
        return None
    sizes = sorted({r["size"] for r in recommend})
    tools = sorted({r["tool"] for r in recommend}, key=lambda t: t != "spark")
    figure, axes = plt.subplots(figsize=(7, 4.2))
    width = 0.8 / (2 * len(tools))
    for t, tool in enumerate(tools):
        for m, (metric, hatch) in enumerate((("train_seconds", ""), ("top10_for_all_seconds", "//"))):
            points = bar_points(recommend, sizes, "tool", tool, metric, (2 * t + m - len(tools) + 0.5) * width)
            xs, heights = [x for x, _, _ in points], [h for _, h, _ in points]
            labels = [f"{row.get('ndcg_at_10', float('nan')):.3f}" if m == 0 else "" for _, _, row in points]
            bars = axes.bar(xs, heights, width, color=COLOURS.get(tool), hatch=hatch, edgecolor="white",
                            label=f"{tool}, {'train on all' if m == 0 else 'top 10 for all'}")
            axes.bar_label(bars, labels=labels, fontsize=7, padding=2)
    axes.set_xticks(range(len(sizes)), [f"{s:,} interactions" for s in sizes])
    axes.set(ylabel="seconds", title=f"ALS recommendations ({caption(machine)})\nNDCG@10 above the train bars")
    axes.legend(fontsize=8)
    return save(figure, results, "recommend-times.png", failures(recommend))


def bar_points(rows, sizes, field, value, metric, offset):
    """(x, height, row) of one bar series: the succeeded row with row[field] == value at each size."""
    points = []
    for i, size in enumerate(sizes):
        row = next((r for r in rows if r[field] == value and r["size"] == size and r["succeeded"]), None)
        if row and metric in row:
            points.append((i + offset, row[metric], row))
    return points


def scale(results, rows, machine):
    scaled = select(rows, "scale")
    if not scaled:
        return None
    sizes = sorted({r["size"] for r in scaled})
    variants = list(dict.fromkeys(r["variant"] for r in sorted(scaled, key=lambda r: r["variant"])))
    figure, axes = plt.subplots(figsize=(7, 4.2))
    width = 0.8 / len(variants)
    for v, variant in enumerate(variants):
        points = bar_points(scaled, sizes, "variant", variant, "courses_per_second",
                            (v - (len(variants) - 1) / 2) * width)
        bars = axes.bar([x for x, _, _ in points], [h for _, h, _ in points], width, label=variant)
        axes.bar_label(bars, fmt="%.0f", fontsize=7, padding=2)
    axes.set_xticks(range(len(sizes)), [f"{s:,} courses" for s in sizes])
    axes.set(ylabel="courses / s (end to end)", title=f"courses process, more executors ({caption(machine)})")
    axes.legend(fontsize=8)
    return save(figure, results, "scale-executors.png", failures(scaled))


def analytics(results, rows, machine):
    streamed = select(rows, "analytics")
    if not streamed:
        return None
    ok = [r for r in streamed if r["succeeded"] and "events_per_second" in r]
    figure, (left, right) = plt.subplots(1, 2, figsize=(8, 3.8))
    names = [r["variant"] for r in ok]
    bars = left.bar(names, [r.get("sustained_events_per_second", r["events_per_second"]) for r in ok], color="#e25a1c")
    left.bar_label(bars, fmt="%.0f", fontsize=7)
    left.set(ylabel="events / s", title="sustained throughput")
    bars = right.bar(names, [r["latency_p95_seconds"] for r in ok], color="#777777")
    right.bar_label(bars, fmt="%.1f", fontsize=7)
    right.axhline(5, color="red", linestyle="--", linewidth=1, label="aim: 5 s")
    right.set(ylabel="seconds", title="p95 event-to-Elasticsearch latency")
    right.legend(fontsize=8)
    for axes in (left, right):
        axes.tick_params(axis="x", labelsize=7)
    figure.suptitle(f"Kafka -> analytics -> Elasticsearch ({caption(machine)})", fontsize=10)
    return save(figure, results, "analytics.png", failures(streamed))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: bench/charts.py RESULTS_DIR")
    main(sys.argv[1])
