"""`airflow dags test` for one logical date against the local standalone cluster (scripts/test.sh starts it
and sets INLEARNING_CLUSTER_MASTER): both tasks succeed, their outputs are there with sane metrics, and
Spark's own output is in the task logs."""

from __future__ import annotations

import json

import pytest
from conftest import DAG_COURSES, DAG_INTERACTIONS, HOUR, MASTER, airflow

DAG_ID = "spark_distributed_processing"
pytestmark = pytest.mark.skipif(not MASTER, reason="no cluster: INLEARNING_CLUSTER_MASTER is not set")


def test_both_tasks_succeeded(airflow_env, dag_run):
    runs = json.loads(airflow(airflow_env, "dags", "list-runs", DAG_ID, "-o", "json").splitlines()[-1])
    assert [run["state"] for run in runs] == ["success"]
    states = json.loads(airflow(airflow_env, "tasks", "states-for-dag-run", DAG_ID, runs[0]["run_id"],
                                "-o", "json").splitlines()[-1])
    assert {state["task_id"]: state["state"] for state in states} == {
        "process_courses_spark": "success", "generate_recommendations": "success"}


def test_the_courses_output_of_the_hour_has_sane_metrics(dag_run):
    output = dag_run[0] / "courses" / HOUR
    metrics = json.loads((output / "metrics.json").read_text())
    assert metrics["spark"]["master"] == MASTER
    assert metrics["records"]["read"] == DAG_COURSES
    assert metrics["records"]["read"] == metrics["records"]["accepted"] + metrics["records"]["rejected"]
    assert metrics["accuracy"] > 0.8
    assert metrics["predictions"]["written"] == metrics["records"]["accepted"]
    assert (output / "report.html").stat().st_size > 10_000
    assert (output / "model").is_dir() and (output / "predictions").is_dir()


def test_the_recommendations_output_of_the_hour_has_sane_metrics(dag_run):
    output = dag_run[0] / "recommendations" / HOUR
    metrics = json.loads((output / "metrics.json").read_text())
    assert metrics["spark"]["master"] == MASTER
    assert metrics["records"]["read"] == DAG_INTERACTIONS
    assert metrics["recommendations"]["learners"] == metrics["users"]
    assert metrics["ndcg_at_k"] > metrics["baseline"]["ndcg_at_k"]
    assert (output / "report.html").stat().st_size > 10_000
    assert (output / "recommendations" / "json").is_dir()
    assert (output / "similar-courses" / "json").is_dir()
    assert metrics["model_selection"]["chosen"] == metrics["settings"]["algorithm"]


def test_spark_output_and_the_application_are_in_the_task_logs(dag_run):
    log = dag_run[1]
    for line in ("SparkContext: Submitted application: inlearning courses process",
                 "SparkContext: Submitted application: inlearning recommend",
                 "inlearning: Spark application app-",
                 f"records: read {DAG_COURSES:,}, accepted {DAG_COURSES:,}",
                 f"on {MASTER}"):
        assert line in log, line
