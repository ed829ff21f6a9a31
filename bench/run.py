"""The benchmark suite: our Spark jobs against the single-machine tools a user would pick instead, on the same
generated data, alternating runs, medians recorded. Started by bench/run.sh (which builds the peers' venv).

Suites:
  courses    `courses process` (local[*]) vs scikit-learn, then classify-only with the trained model
  recommend  `recommend --implicit --algorithm als` vs implicit's ALS, same rank / iterations / regularisation / alpha
  analytics  Kafka -> analytics -> Elasticsearch (`bench analytics`) on local[1], local[2] (also with the
             warehouse's Delta tables, `--warehouse`) and the cluster
  scale      `courses process` on the local standalone cluster with 1 and 2 executors, and local[1] vs local[2]

Every run is one process measured from outside: wall time, CPU seconds and peak RSS (wait4's rusage), plus
the figures of its metrics.json. runs.json keeps every run (rewritten after each), summary.json the medians;
charts.py draws the PNGs from them. A run that fails or times out is recorded with its error, not retried.
"""

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INLEARNING = str(ROOT / "bin" / "inlearning")
# The in-JVM benchmark commands (bench analytics) are not in the application jar: bench/inlearning adds them.
BENCH_INLEARNING = str(ROOT / "bench" / "inlearning")
PEERS = ROOT / "bench" / "peers"

PROFILES = {
    "full": {"courses": [100_000, 1_000_000, 10_000_000], "interactions": [1_000_000, 10_000_000],
             "events": 1_000_000, "warmup": 200_000, "rate": 50_000, "scale_courses": [200_000], "repetitions": 3,
             "big": 10_000_000, "timeout": 4 * 3600, "variants": None},
    # The smoke run: every command, peer and master kind once (local[2] and the cluster with 2 executors stand
    # for their one-core twins, which run the same code).
    "quick": {"courses": [1_000], "interactions": [20_000], "events": 5_000, "warmup": 1_000, "rate": 5_000,
              "scale_courses": [1_000], "repetitions": 1, "big": 10**12, "timeout": 900,
              "variants": ("local[2]", "local[2] + warehouse", "cluster, 2 executors")},
}
USER_PEER_ARGS = ["--norm", "l2", "--classifier", "svc", "--num-features", "0", "--min-df", "1"]
ALS_SETTINGS = {"rank": 20, "max_iter": 10, "reg_param": 0.1, "alpha": 1.0, "test_fraction": 0.25, "top": 10}


def main(argv=None):
    args = parse_args(argv)
    profile = PROFILES["quick" if args.quick else "full"]
    work = Path(args.work or ROOT / "target" / ("bench-quick" if args.quick else "bench")).resolve()
    results = Path(args.results or (work / "results" if args.quick else ROOT / "bench" / "results")).resolve()
    bench = Bench(work, results, args.repetitions or profile["repetitions"], args.timeout or profile["timeout"],
                  resume=args.resume)
    sizes = lambda option, key: [int(s) for s in option.split(",")] if option else profile[key]  # noqa: E731
    suites = args.suites.split(",")
    variants = tuple(v.strip() for v in args.variants.split(",")) if args.variants else profile["variants"]
    if args.summarise_only:
        bench.runs = json.loads((results / "runs.json").read_text())["runs"]
        suites = []
    with Services(work) as services:
        if "courses" in suites:
            courses(bench, sizes(args.courses, "courses"), profile["big"])
        if "recommend" in suites:
            recommend(bench, sizes(args.interactions, "interactions"), profile["big"])
        if "scale" in suites:
            scale(bench, services, sizes(args.scale_courses, "scale_courses"), variants)
        if "analytics" in suites:
            warmup = profile["warmup"] if args.warmup is None else args.warmup
            analytics(bench, services, args.events or profile["events"], warmup, args.rate or profile["rate"], variants)
    summary = bench.summarise()
    subprocess.run([sys.executable, str(ROOT / "bench" / "charts.py"), str(results)], check=True)
    failed = [r for r in bench.runs if r["exit_code"] != 0]
    print(f"bench: {len(bench.runs)} runs, {len(failed)} failed; results in {results} "
          f"({len(summary)} summary rows, charts *.png)")
    for run in failed:
        print(f"  failed: {run['suite']} {run['tool']} {run['size']:,} (run {run['repetition']}): {run['error']}")
    missing = missing_figures(summary, suites) if args.quick else []
    for problem in missing:
        print(f"  missing: {problem}")
    return 1 if args.quick and (failed or missing) else 0


KEY_FIGURES = {"courses": ("courses_per_second", "accuracy", "macro_f1", "classify_courses_per_second"),
               "recommend": ("train_seconds", "top10_for_all_seconds", "ndcg_at_10"),
               "scale": ("courses_per_second",), "analytics": ("events_per_second", "latency_p95_seconds")}


def missing_figures(summary, suites):
    """The key figures a suite's rows lack (a smoke run must produce every one for every tool)."""
    problems = []
    for suite in suites:
        rows = [r for r in summary if r["suite"] == suite]
        if not rows:
            problems.append(f"{suite}: no runs")
        for figure in KEY_FIGURES[suite]:
            for tool in sorted({r["tool"] for r in rows}):
                if not any(figure in r for r in rows if r["tool"] == tool):
                    problems.append(f"{suite}: {tool} has no {figure}")
    return problems


def parse_args(argv):
    parser = OneLineErrors(prog="bench/run.sh", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one repetition: the CI smoke run")
    parser.add_argument("--suites", default="courses,recommend,scale,analytics")
    parser.add_argument("--courses", metavar="N,N", help="catalogue sizes (full: 100k,1M,10M)")
    parser.add_argument("--interactions", metavar="N,N", help="interaction counts (full: 1M,10M)")
    parser.add_argument("--scale-courses", metavar="N,N", help="catalogue sizes of the scale suite")
    parser.add_argument("--events", type=int, help="events per analytics run")
    parser.add_argument("--warmup", type=int, help="analytics: events processed before timing starts "
                        "(200000; quick: 1000)")
    parser.add_argument("--rate", type=int, help="events/s sent to Kafka")
    parser.add_argument("--variants", help="analytics and scale: only these masters, comma-separated "
                        "(local[1], local[2], 'cluster, 2 executors'...; default: all, or the quick profile's)")
    parser.add_argument("--repetitions", type=int, help="runs of each tool per size (full: 3; 1 from 10M up)")
    parser.add_argument("--timeout", type=int, help="seconds before a run is stopped and recorded as timed out")
    parser.add_argument("--work", help="generated data and outputs (default target/bench)")
    parser.add_argument("--results", help="runs.json, summary.json, charts (default bench/results)")
    parser.add_argument("--resume", action="store_true", help="keep the runs already in runs.json, add to them")
    parser.add_argument("--summarise-only", action="store_true",
                        help="no runs: summary.json and charts again from runs.json")
    args = parser.parse_args(argv)
    if args.repetitions is not None and args.repetitions < 1:
        parser.error("--repetitions must be at least 1")
    unknown = set(args.suites.split(",")) - set(KEY_FIGURES)
    if unknown:
        parser.error(f"unknown suite(s) {', '.join(sorted(unknown))}; choose among {', '.join(KEY_FIGURES)}")
    return args


class OneLineErrors(argparse.ArgumentParser):
    def error(self, message):  # wrong usage: one line, exit 2
        sys.stderr.write(f"{self.prog}: {message} (see --help)\n")
        sys.exit(2)


class Bench:
    """Runs measured processes and keeps their records."""

    def __init__(self, work, results, repetitions, timeout, resume):
        self.work, self.results, self.repetitions, self.timeout = work, results, repetitions, timeout
        self.results.mkdir(parents=True, exist_ok=True)
        runs_file = results / "runs.json"
        self.runs = json.loads(runs_file.read_text())["runs"] if resume and runs_file.exists() else []

    def repetitions_for(self, size, big):
        return 1 if size >= big else self.repetitions

    def measure(self, suite, tool, size, repetition, command, metrics_file=None, env=None, extra=None):
        """Runs one command, records wall/CPU/peak RSS, its metrics.json, or its error."""
        log = self.work / "logs" / f"{suite}-{tool}-{size}-{repetition}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        variant = (extra or {}).get("variant", tool)
        label = tool if variant == tool else f"{tool} {variant}"
        print(f"bench: {suite} {label} {size:,} (run {repetition}) ...", flush=True)
        started = time.monotonic()
        with open(log, "w") as out:
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
                                       env={**os.environ, **(env or {})}, start_new_session=True)
            status, rusage, timed_out = wait_with_timeout(process, self.timeout)
        wall = time.monotonic() - started
        code = os.waitstatus_to_exitcode(status)
        record = {"suite": suite, "tool": tool, "size": size, "repetition": repetition, "command": command,
                  "exit_code": code, "wall_seconds": round(wall, 3),
                  "cpu_seconds": round(rusage.ru_utime + rusage.ru_stime, 3),
                  "peak_rss_mib": rusage.ru_maxrss // 1024, **(extra or {})}
        if code == 0 and metrics_file is not None:
            record["metrics"] = json.loads(Path(metrics_file).read_text())
        elif code != 0:
            tail = log.read_text(errors="replace").strip().splitlines()[-15:]
            record["error"] = ("timed out after %d s" % self.timeout) if timed_out else describe_failure(code, tail)
            record["log_tail"] = tail
        self.runs.append(record)
        write_json(self.results / "runs.json", {"machine": machine(), "runs": self.runs})
        print(f"bench:   {'ok' if code == 0 else 'FAILED: ' + record['error']} in {wall:.1f} s, "
              f"peak RSS {record['peak_rss_mib']:,} MiB", flush=True)
        return record

    def summarise(self):
        """Medians per (suite, tool, size, variant) of every figure the charts and tables use."""
        groups = {}
        for run in self.runs:
            key = (run["suite"], run["tool"], run["size"], run.get("variant", ""))
            groups.setdefault(key, []).append(run)
        rows = []
        for (suite, tool, size, variant), runs in sorted(groups.items()):
            ok = [r for r in runs if r["exit_code"] == 0]
            row = {"suite": suite, "tool": tool, "size": size, "variant": variant, "runs": len(runs),
                   "succeeded": len(ok), "errors": sorted({r["error"] for r in runs if r["exit_code"] != 0})}
            figures = {}
            for run in ok:
                for name, value in figures_of(run).items():
                    figures.setdefault(name, []).append(value)
            row.update({name: round(statistics.median(values), 4) for name, values in figures.items()})
            if suite == "analytics":
                row.update(median_run(ok))
            failed = [r for r in runs if r["exit_code"] != 0]
            if failed:  # how far the worst failed run got: what a run that dies at a size reached
                row["failed_wall_seconds"] = max(r["wall_seconds"] for r in failed)
                row["failed_peak_rss_mib"] = max(r["peak_rss_mib"] for r in failed)
            rows.append(row)
        write_json(self.results / "summary.json", {"machine": machine(), "rows": rows})
        return rows


def median_run(runs):
    """The analytics run of median sustained rate, with its own latencies (the medians above are taken figure by
    figure, so they may come from different runs), and how many runs kept up: p95 within 5 s of sending."""
    measured = [r for r in runs if isinstance(r.get("metrics", {}).get("sustained_events_per_second"), (int, float))]
    if not measured:
        return {}
    ordered = sorted(measured, key=lambda r: r["metrics"]["sustained_events_per_second"])
    middle = ordered[(len(ordered) - 1) // 2]["metrics"]
    return {"median_run_sustained_events_per_second": middle["sustained_events_per_second"],
            "median_run_events_per_second": middle.get("events_per_second"),
            "median_run_latency_p95_seconds": middle.get("latency_p95_seconds"),
            "kept_up_runs": sum(1 for r in measured if (r["metrics"].get("latency_p95_seconds") or 99) <= 5),
            "p95_by_run": [r["metrics"].get("latency_p95_seconds") for r in measured]}


def figures_of(run):
    """The comparable figures of one successful run."""
    figures = {"wall_seconds": run["wall_seconds"], "cpu_seconds": run["cpu_seconds"],
               "peak_rss_mib": run["peak_rss_mib"]}
    metrics = run.get("metrics", {})
    timings = metrics.get("timings_seconds", {})
    size = run["size"]
    if run["suite"] in ("courses", "scale") and run.get("step", "process") == "process":
        figures["courses_per_second"] = size / run["wall_seconds"]
        figures["job_seconds"] = timings.get("total")
        figures["accuracy"] = metrics.get("accuracy")
        figures["macro_f1"] = metrics.get("macro_f1")
        for phase in ("read+validate", "featurise", "train", "classify", "write"):
            figures[f"{phase}_seconds"] = timings.get(phase)
    elif run["suite"] == "courses":  # classify-only with the trained model
        figures["classify_courses_per_second"] = size / run["wall_seconds"]
        figures["job_seconds"] = timings.get("total")
    elif run["suite"] == "recommend":
        figures["train_seconds"] = timings.get("train final")
        figures["top10_for_all_seconds"] = timings.get("recommend")
        figures["job_seconds"] = timings.get("total")
        figures["ndcg_at_10"] = metrics.get("ndcg_at_k")
        figures["baseline_ndcg_at_10"] = (metrics.get("baseline") or {}).get("ndcg_at_k")
    elif run["suite"] == "analytics":
        figures.update({k: v for k, v in metrics.items() if k in (
            "events_per_second", "sustained_events_per_second", "latency_p50_seconds", "latency_p95_seconds",
            "latency_max_seconds")})
        ceiling = (run.get("ceiling") or {}).get("kafka_consumer_events_per_second")
        if ceiling:
            figures["kafka_consumer_events_per_second"] = ceiling
            rate = metrics.get("sustained_events_per_second", metrics.get("events_per_second"))
            if isinstance(rate, (int, float)):
                figures["share_of_kafka_ceiling"] = round(rate / ceiling, 4)
    return {name: value for name, value in figures.items() if isinstance(value, (int, float))}


def courses(bench, sizes, big):
    for size in sizes:
        data = generated(bench, "courses", size, ["generate", "courses", "--count", str(size)])
        for rep in range(1, bench.repetitions_for(size, big) + 1):
            for tool in alternate(["spark", "scikit-learn"], rep):
                out = bench.work / "out" / f"courses-{tool}-{size}"
                if tool == "spark":  # at its defaults, as a user runs it
                    process = [INLEARNING, "courses", "process", "--input", data, "--output", out, "--overwrite"]
                    classify = [INLEARNING, "courses", "classify", "--model", out / "model", "--input", data,
                                "--output", f"{out}-classify", "--overwrite"]
                else:
                    # What a scikit-learn user writes: TfidfVectorizer's L2-normalised rows, every term kept,
                    # LinearSVC at its default C.
                    process = [*peer("courses_sklearn.py"), "process", "--input", data, "--output", out,
                               *USER_PEER_ARGS]
                    classify = [*peer("courses_sklearn.py"), "classify", "--model", out / "model.joblib",
                                "--input", data, "--output", f"{out}-classify"]
                remove(out, f"{out}-classify")
                run = bench.measure("courses", tool, size, rep, strs(process), out / "metrics.json",
                                    extra={"step": "process", "variant": "process"})
                if run["exit_code"] == 0:
                    bench.measure("courses", tool, size, rep, strs(classify), Path(f"{out}-classify") / "metrics.json",
                                  extra={"step": "classify", "variant": "classify-only"})
                remove(out, f"{out}-classify")


def recommend(bench, sizes, big):
    for size in sizes:
        users, course_count = max(10, size // 20), max(50, min(20_000, size // 200))
        data = generated(bench, "interactions", size, ["generate", "interactions", "--users", str(users),
                                                       "--courses", str(course_count), "--count", str(size),
                                                       "--implicit"])
        s = ALS_SETTINGS
        for rep in range(1, bench.repetitions_for(size, big) + 1):
            for tool in alternate(["spark", "implicit"], rep):
                out = bench.work / "out" / f"recommend-{tool}-{size}"
                if tool == "spark":
                    command = [INLEARNING, "recommend", "--implicit", "--algorithm", "als", "--interactions", data,
                               "--output", out, "--overwrite", "--rank", s["rank"], "--max-iter", s["max_iter"],
                               "--reg-param", s["reg_param"], "--alpha", s["alpha"],
                               "--test-fraction", s["test_fraction"], "--top", s["top"]]
                else:
                    command = [*peer("recommend_implicit.py"), "--input", data, "--output", out,
                               "--factors", s["rank"], "--iterations", s["max_iter"],
                               "--regularization", s["reg_param"], "--alpha", s["alpha"],
                               "--test-fraction", s["test_fraction"], "--top", s["top"]]
                remove(out)
                bench.measure("recommend", tool, size, rep, strs(command), out / "metrics.json",
                              extra={"learners": users, "courses": course_count})
                remove(out)


def scale(bench, services, sizes, only=None):
    """Same job, more executors: local[1] vs local[2] in one JVM, then 1 vs 2 one-core executors on the cluster.
    `only`: the names of the variants to run (all when None)."""
    master = cluster_if_chosen(services, only)
    variants = chosen([("local[1]", ["--master", "local[1]"]), ("local[2]", ["--master", "local[2]"]),
                       ("cluster, 1 executor", ["--master", master, "--conf", "spark.cores.max=1"]),
                       ("cluster, 2 executors", ["--master", master, "--conf", "spark.cores.max=2"])], only)
    for size in sizes:
        data = generated(bench, "courses", size, ["generate", "courses", "--count", str(size)])
        for rep in range(1, bench.repetitions + 1):
            for name, spark_args in alternate(variants, rep):
                out = bench.work / "out" / f"scale-{size}"
                remove(out)
                bench.measure("scale", name, size, rep,
                              strs([INLEARNING, *spark_args, "courses", "process", "--input", data,
                                    "--output", out, "--overwrite"]),
                              out / "metrics.json", extra={"step": "process", "variant": name})
                remove(out)


def analytics(bench, services, events, warmup, rate, only=None):
    kafka, elasticsearch = services.kafka(), services.elasticsearch()
    master = cluster_if_chosen(services, only)
    # "local[2] + warehouse": the same job also keeping the events and windows in Delta tables (--warehouse).
    variants = chosen([("local[1]", ["--master", "local[1]"]), ("local[2]", ["--master", "local[2]"]),
                       ("local[2] + warehouse", ["--master", "local[2]"]),
                       ("cluster, 2 executors", ["--master", master, "--conf", "spark.cores.max=2"])],
                      only)
    def command(name, spark_args, count, results, seed):
        keep = ["--warehouse"] if name.endswith("+ warehouse") else []
        return [BENCH_INLEARNING, *spark_args, "bench", "analytics", "--events", str(count), "--warmup", str(warmup),
                "--rate", str(rate), "--kafka", kafka, "--elasticsearch", elasticsearch, *keep,
                "--work", str(bench.work / "analytics"), "--results", str(results), "--data-seed", str(seed)]

    warm_services(bench, command(*variants[0], max(warmup, 1000), bench.work / "analytics-warm-up", 0))
    for rep in range(1, bench.repetitions + 1):
        for name, spark_args in alternate(variants, rep):
            results = Path(tempfile.mkdtemp(dir=bench.work))
            command_line = command(name, spark_args, events, results, rep)
            run = bench.measure("analytics", name, events, rep, command_line, extra={"variant": name, "rate": rate})
            files = sorted(results.glob("analytics-*.json"))
            if run["exit_code"] == 0 and files:
                run["metrics"] = json.loads(files[-1].read_text())["runs"][0]
                run["ceiling"] = kafka_ceiling(services, run["metrics"].get("topic"), events)
                write_json(bench.results / "runs.json", {"machine": machine(), "runs": bench.runs})
            shutil.rmtree(results, ignore_errors=True)


def warm_services(bench, command):
    """One run that is not recorded, so that the measured runs do not meet Kafka's and Elasticsearch's JIT
    compilers and first segment merges when the suite has just started them."""
    print("bench: analytics warm-up run (not recorded) ...", flush=True)
    log = bench.work / "logs" / "analytics-warm-up.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as out:
        done = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, check=False,
                              timeout=bench.timeout)
    shutil.rmtree(command[command.index("--results") + 1], ignore_errors=True)
    if done.returncode != 0:
        print(f"bench:   the warm-up run failed (exit {done.returncode}; {log}); measuring anyway", flush=True)


def kafka_ceiling(services, topic, events):
    """Kafka's own consumer benchmark reading the run's topic on the same machine, right after the run: how fast
    the raw events can be consumed here, the ceiling of the job's rate. None (and a line) when it cannot run."""
    if not topic:
        return None
    done = subprocess.run(["bash", str(ROOT / "scripts" / "kafka.sh"), "consumer-perf", topic, str(events)],
                          cwd=ROOT, env=services.kafka_env(), capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    if done.returncode != 0 or len(lines) < 2 or not lines[0].startswith("start.time"):
        print(f"bench: no Kafka consumer ceiling for {topic}: {(done.stderr or done.stdout).strip()[-300:]}", flush=True)
        return None
    row = dict(zip([h.strip() for h in lines[0].split(",")], [v.strip() for v in lines[-1].split(",")]))
    ceiling = {"kafka_consumer_events_per_second": round(float(row["nMsg.sec"]), 1),
               "kafka_fetch_events_per_second": round(float(row["fetch.nMsg.sec"]), 1),
               "messages": int(row["data.consumed.in.nMsg"]), "tool": "org.apache.kafka.tools.ConsumerPerformance"}
    print(f"bench:   Kafka consumer ceiling: {ceiling['kafka_consumer_events_per_second']:,.0f} events/s "
          f"({ceiling['kafka_fetch_events_per_second']:,.0f}/s fetching, group join excluded)", flush=True)
    return ceiling


def cluster_if_chosen(services, only):
    """The cluster's master URL, started on first use, when a cluster variant is among those to run."""
    return services.cluster() if only is None or any(name.startswith("cluster") for name in only) else None


def chosen(variants, only):
    return [v for v in variants if only is None or v[0] in only]


class Services:
    """Starts the cluster, Kafka and Elasticsearch on first use (state under the bench folder), stops them after.
    INLEARNING_CLUSTER_MASTER / INLEARNING_KAFKA / INLEARNING_ES_URL point at running ones instead."""

    def __init__(self, work):
        self.work, self.started = work, []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for script in reversed(self.started):
            subprocess.run(["bash", script, "stop"], cwd=ROOT, env=self.env(), check=False)

    def env(self):
        return {**os.environ, "INLEARNING_CLUSTER_DIR": str(self.work / "cluster"),
                "INLEARNING_KAFKA_DIR": str(self.work / "kafka"), "INLEARNING_ES_DIR": str(self.work / "elasticsearch")}

    def start(self, script, *args):
        script = str(ROOT / "scripts" / script)
        subprocess.run(["bash", script, "start", *args], cwd=ROOT, env=self.env(), check=True)
        self.started.append(script)

    def cluster(self):
        return self.running("INLEARNING_CLUSTER_MASTER", "cluster.sh",
                            f"spark://127.0.0.1:{os.environ.get('SPARK_MASTER_PORT', '7077')}", "--workers", "2")

    def kafka(self):
        return self.running("INLEARNING_KAFKA", "kafka.sh", f"127.0.0.1:{os.environ.get('KAFKA_PORT', '9092')}")

    def kafka_env(self):
        """The environment scripts/kafka.sh needs to reach the broker in use: the given one's, or ours."""
        if os.environ.get("INLEARNING_KAFKA"):
            port = os.environ["INLEARNING_KAFKA"].rsplit(":", 1)[-1]
            return {**os.environ, "KAFKA_PORT": port}
        return self.env()

    def elasticsearch(self):
        return self.running("INLEARNING_ES_URL", "elasticsearch.sh",
                            f"http://127.0.0.1:{os.environ.get('ES_HTTP_PORT', '9200')}")

    def running(self, variable, script, address, *args):
        """The service's address: the one the environment names, else ours, started on first use."""
        if os.environ.get(variable):
            return os.environ[variable]
        if str(ROOT / "scripts" / script) not in self.started:
            self.start(script, *args)
        return address


def generated(bench, kind, size, generate_args):
    """The data set of one kind and size, generated once (seed 42) and kept for later runs."""
    data = bench.work / "data" / f"{kind}-{size}"
    if not (data / "_SUCCESS").exists():
        print(f"bench: generating {size:,} {kind} ...", flush=True)
        log = bench.work / "logs" / f"generate-{kind}-{size}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "w") as out:
            subprocess.run([INLEARNING, *generate_args, "--out", str(data), "--overwrite"], cwd=ROOT, check=True,
                           stdout=out, stderr=subprocess.STDOUT)
    return data


def alternate(items, repetition):
    """Odd repetitions run the list in order, even ones reversed: no tool always gets the warmer machine."""
    return list(items) if repetition % 2 == 1 else list(reversed(items))


def peer(script):
    return [sys.executable, str(PEERS / script)]


def strs(command):
    return [str(part) for part in command]


def remove(*paths):
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


def wait_with_timeout(process, timeout):
    """wait4 on the child (its rusage is the child's own), killing its whole session after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        pid, status, rusage = os.wait4(process.pid, os.WNOHANG)
        if pid == process.pid:
            return status, rusage, False
        if time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            _, status, rusage = os.wait4(process.pid, 0)
            return status, rusage, True
        time.sleep(0.2)


def describe_failure(code, tail):
    if code == -signal.SIGKILL:
        return "killed (SIGKILL: out of memory?)"
    for line in reversed(tail):
        if "OutOfMemoryError" in line or "MemoryError" in line:
            return line.strip()[:200]
    return f"exit {code}: " + (tail[-1].strip()[:200] if tail else "no output")


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown")
    mem_kib = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                       if line.startswith("MemTotal")))
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem_kib / 2**20, 1),
            "python": sys.version.split()[0]}


def write_json(path, value):
    """Atomically: a reader never sees half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(value, indent=2, default=str) + "\n")
    os.replace(tmp, path)


if __name__ == "__main__":
    sys.exit(main())
