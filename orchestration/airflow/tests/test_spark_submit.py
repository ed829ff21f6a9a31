"""The released application jar submitted by a real `spark-submit` (the one in the pyspark package, at the jar's
Spark version) to the local standalone cluster that scripts/test.sh starts, in both deploy modes: the README's
spark-submit commands, as written there."""

from __future__ import annotations

import json
import os
import re
import subprocess
import urllib.request
from pathlib import Path

import pytest
from conftest import ARTIFACTS, MASTER, app_jar, inlearning, pyspark_home, spark_module_options

MASTER_REST = f"http://127.0.0.1:{os.environ.get('SPARK_MASTER_REST_PORT', '6066')}"
pytestmark = pytest.mark.skipif(not MASTER, reason="no cluster: INLEARNING_CLUSTER_MASTER is not set")


@pytest.fixture(scope="module")
def courses(airflow_env, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("submit") / "courses"
    inlearning(airflow_env, "generate", "courses", "--count", "1000", "--seed", "5", "--out", str(folder))
    return folder


def spark_submit(airflow_env, log: Path, *args: str) -> subprocess.CompletedProcess:
    command = [str(Path(pyspark_home()) / "bin" / "spark-submit"), *args]
    result = subprocess.run(command, env=airflow_env, capture_output=True, text=True, timeout=900)
    log.write_text(result.stdout + result.stderr)
    return result


@pytest.mark.parametrize("deploy_mode", ["client", "cluster"])
def test_spark_submit_runs_the_jar_on_the_standalone_cluster(airflow_env, courses, tmp_path, deploy_mode):
    output = tmp_path / "processed"
    log = ARTIFACTS / f"spark-submit-{deploy_mode}.log"
    # A driver that a worker starts (cluster mode) does not get the JVM options Spark needs on Java 17.
    driver_options = ["--conf", f"spark.driver.extraJavaOptions={spark_module_options()}"] if deploy_mode == "cluster" else []
    result = spark_submit(
        airflow_env, log,
        "--master", MASTER, "--deploy-mode", deploy_mode, *driver_options,
        "--conf", "spark.executor.memory=1g", "--conf", "spark.driver.memory=1g",
        "--conf", "spark.standalone.submit.waitAppCompletion=true",
        "--class", "io.inlearning.spark.cli.Main", str(app_jar()),
        "courses", "process", "--input", str(courses), "--output", str(output))
    assert result.returncode == 0, f"spark-submit exited {result.returncode}; see {log}"
    metrics = json.loads((output / "metrics.json").read_text())
    assert metrics["spark"]["master"] == MASTER
    assert (metrics["records"]["read"], metrics["records"]["accepted"], metrics["records"]["rejected"]) == (1000, 1000, 0)
    assert metrics["predictions"]["written"] == 1000
    assert metrics["accuracy"] > 0.8
    if deploy_mode == "cluster":
        # The driver ran inside a worker, and the master's REST server (where Airflow's Spark provider polls a
        # cluster-mode driver) reports it finished.
        driver = re.search(r"Driver successfully submitted as (driver-[0-9-]+)", log.read_text()).group(1)
        with urllib.request.urlopen(f"{MASTER_REST}/v1/submissions/status/{driver}", timeout=10) as response:
            assert json.load(response)["driverState"] == "FINISHED"
    else:
        assert "inlearning: Spark application app-" in result.stdout


def test_spark_submit_with_a_wrong_command_exits_2_with_one_line(airflow_env, tmp_path):
    result = spark_submit(
        airflow_env, ARTIFACTS / "spark-submit-usage.log",
        "--master", "local[1]", "--class", "io.inlearning.spark.cli.Main", str(app_jar()),
        "courses", "proces")
    assert result.returncode == 2
    assert "inlearning: Unmatched argument at index 1: 'proces'" in result.stderr
