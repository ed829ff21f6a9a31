"""Real Airflow for the DAG tests: an isolated AIRFLOW_HOME with its SQLite metadata database, the DAG
folder of this repository, and the Spark connection and Variables as environment variables (Airflow reads
AIRFLOW_CONN_<ID> and AIRFLOW_VAR_<NAME> before its database), and the DAG's own INLEARNING_* settings."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DAGS = ROOT / "orchestration" / "airflow" / "dags"
ARTIFACTS = ROOT / "target" / "airflow-tests"
VENV_BIN = Path(sys.executable).parent
MASTER = os.environ.get("INLEARNING_CLUSTER_MASTER")
# One hour of a generated world, hour 10, in the raw area; the run of the DAG that fires at 11:00 processes it
# (`airflow dags test` with a date runs as a manual trigger at that moment: its data interval is the last
# complete hour before it).
RUN_AT = "2026-01-01T11:00:00+00:00"
HOUR = "2026-01-01T10"
# The hour's data: enough for a classifier far above chance (0.96 held-out accuracy at 1,000 courses) and for
# `auto`'s model selection; more only makes each Spark stage longer.
DAG_COURSES = 1000
DAG_INTERACTIONS = 6000


def app_jar() -> Path:
    """The application jar that `mvn package` builds: target/inlearning-spark-<version of pom.xml>.jar."""
    version = re.search(r"<version>(.+?)</version>", (ROOT / "pom.xml").read_text()).group(1)
    return ROOT / "target" / f"inlearning-spark-{version}.jar"


def spark_module_options() -> str:
    """The JVM options Spark needs on Java 17 (JavaModuleOptions.defaultModuleOptions()), kept in pom.xml."""
    return re.search(r"<spark.java.options>(.+?)</spark.java.options>", (ROOT / "pom.xml").read_text()).group(1)


def pyspark_home() -> str:
    """pyspark's folder: a Spark distribution (bin/spark-submit, jars/) at the jar's Spark version."""
    return importlib.util.find_spec("pyspark").submodule_search_locations[0]


@pytest.fixture(scope="session")
def airflow_env(tmp_path_factory) -> dict[str, str]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    home = ARTIFACTS / "airflow-home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    data = tmp_path_factory.mktemp("data")
    env = {
        **os.environ,
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}",
        "SPARK_HOME": pyspark_home(),
        "SPARK_LOCAL_IP": "127.0.0.1",
        "AIRFLOW_CONN_SPARK_DEFAULT": MASTER or "spark://127.0.0.1:7077",
        "AIRFLOW_VAR_INLEARNING_APP_JAR": str(app_jar()),
        "AIRFLOW_VAR_INLEARNING_DATA_DIR": str(data),
        "AIRFLOW_VAR_INLEARNING_EVENT_LOG_DIR": os.environ.get(
            "INLEARNING_EVENT_LOG_DIR", str(ROOT / "target" / "spark-events")),
        "AIRFLOW_VAR_INLEARNING_SPARK_UI_PORT": "4061",
        "INLEARNING_TASK_RETRIES": "0",
    }
    os.environ.update({key: env[key] for key in env if key.startswith(("AIRFLOW", "INLEARNING_"))})
    airflow(env, "db", "migrate")
    return env


@pytest.fixture(scope="session")
def dag_run(airflow_env):
    """One `airflow dags test` of the hour on the cluster: (the warehouse folder, the output of the run)."""
    if not MASTER:
        pytest.skip("no cluster: INLEARNING_CLUSTER_MASTER is not set (scripts/test.sh starts one)")
    data = Path(airflow_env["AIRFLOW_VAR_INLEARNING_DATA_DIR"])
    inlearning(airflow_env, "generate", "world", "--output", str(data / "raw"), "--hours", "1", "--start", HOUR,
               "--courses", str(DAG_COURSES), "--learners", "300", "--interactions-per-hour", str(DAG_INTERACTIONS),
               "--events-per-hour", "0", "--seed", "3")
    log = airflow(airflow_env, "dags", "test", "spark_distributed_processing", RUN_AT, log=ARTIFACTS / "dags-test.log")
    return data / "warehouse", log


def current_model(warehouse: Path, kind: str) -> Path:
    """The folder of the version that warehouse/models/<kind>/CURRENT names."""
    folder = warehouse / "models" / kind
    return folder / (folder / "CURRENT").read_text().strip()


def delta_rows(table: Path) -> int:
    """The rows of a Delta table's latest snapshot, from its log alone: the files added and not removed since,
    each with the record count Delta keeps in its statistics."""
    live: dict[str, int] = {}
    for commit in sorted((table / "_delta_log").glob("*.json")):
        for line in commit.read_text().splitlines():
            action = json.loads(line)
            if "add" in action:
                live[action["add"]["path"]] = json.loads(action["add"]["stats"])["numRecords"]
            elif "remove" in action:
                live.pop(action["remove"]["path"], None)
    return sum(live.values())


def airflow(env: dict[str, str], *args: str, log: Path | None = None) -> str:
    """Runs the airflow command line of this virtualenv; its output, also kept in `log` when given."""
    result = subprocess.run([str(VENV_BIN / "airflow"), *args], env=env, capture_output=True, text=True,
                            timeout=1800)
    output = result.stdout + result.stderr
    if log is not None:
        log.write_text(output)
    assert result.returncode == 0, f"airflow {' '.join(args)} exited {result.returncode}:\n{output[-5000:]}"
    return output


def inlearning(env: dict[str, str], *args: str) -> None:
    """bin/inlearning in local mode (the test data generators)."""
    subprocess.run([str(ROOT / "bin" / "inlearning"), *args], env=env, check=True, timeout=600,
                   capture_output=True)
