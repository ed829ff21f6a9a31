"""Real Airflow for the DAG tests: an isolated AIRFLOW_HOME with its SQLite metadata database, the DAG
folder of this repository, and the Spark connection and Variables as environment variables (Airflow reads
AIRFLOW_CONN_<ID> and AIRFLOW_VAR_<NAME> before its database), and the DAG's own INLEARNING_* settings."""

from __future__ import annotations

import importlib.util
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
# Courses and interactions are generated into the folders of hour 10; the run of the DAG that fires at 11:00
# processes them (`airflow dags test` with a date runs as a manual trigger at that moment: its data interval is
# the last complete hour before it).
RUN_AT = "2026-01-01T11:00:00+00:00"
HOUR = "date=2026-01-01/hour=10"
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
    """One `airflow dags test` of the hour on the cluster: (the processed/ folder, the output of the run)."""
    if not MASTER:
        pytest.skip("no cluster: INLEARNING_CLUSTER_MASTER is not set (scripts/test.sh starts one)")
    data = Path(airflow_env["AIRFLOW_VAR_INLEARNING_DATA_DIR"])
    inlearning(airflow_env, "generate", "courses", "--count", str(DAG_COURSES), "--seed", "3",
               "--out", str(data / "raw" / "courses" / HOUR))
    inlearning(airflow_env, "generate", "interactions", "--users", "300", "--courses", "100", "--count", str(DAG_INTERACTIONS),
               "--implicit", "--out", str(data / "raw" / "interactions" / HOUR))
    log = airflow(airflow_env, "dags", "test", "spark_distributed_processing", RUN_AT, log=ARTIFACTS / "dags-test.log")
    return data / "processed", log


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
