"""`airflow dags test` for one logical date against the local standalone cluster (scripts/test.sh starts it
and sets INLEARNING_CLUSTER_MASTER): both tasks succeed, their outputs are there with sane metrics, and
Spark's own output is in the task logs."""

from __future__ import annotations

import json

import pytest
from conftest import DAG_COURSES, DAG_INTERACTIONS, MASTER, airflow, current_model, delta_rows

DAG_ID = "spark_distributed_processing"
pytestmark = pytest.mark.skipif(not MASTER, reason="no cluster: INLEARNING_CLUSTER_MASTER is not set")


def test_both_tasks_succeeded(airflow_env, dag_run):
    runs = json.loads(airflow(airflow_env, "dags", "list-runs", DAG_ID, "-o", "json").splitlines()[-1])
    assert [run["state"] for run in runs] == ["success"]
    states = json.loads(airflow(airflow_env, "tasks", "states-for-dag-run", DAG_ID, runs[0]["run_id"],
                                "-o", "json").splitlines()[-1])
    assert {state["task_id"]: state["state"] for state in states} == {
        "process_courses_spark": "success", "generate_recommendations": "success"}


def test_the_hour_is_in_the_warehouse_classified(dag_run):
    warehouse = dag_run[0]
    assert delta_rows(warehouse / "courses") == DAG_COURSES
    assert delta_rows(warehouse / "interactions") == DAG_INTERACTIONS
    classifier = current_model(warehouse, "classifier")
    metrics = json.loads((classifier / "metrics.json").read_text())
    assert metrics["job"] == "courses train"
    assert metrics["spark"]["master"] == MASTER
    assert metrics["records"]["read"] == DAG_COURSES
    assert metrics["accuracy"] > 0.8
    assert (classifier / "report.html").stat().st_size > 10_000


def test_every_learner_of_the_hour_has_recommendations(dag_run):
    warehouse = dag_run[0]
    recommender = current_model(warehouse, "recommender")
    metrics = json.loads((recommender / "metrics.json").read_text())
    assert metrics["spark"]["master"] == MASTER
    assert metrics["records"]["read"] == DAG_INTERACTIONS
    assert metrics["recommendations"]["learners"] == metrics["users"]
    assert delta_rows(warehouse / "recommendations") == metrics["users"]
    settings = json.loads((recommender / "settings.json").read_text())
    assert settings["chosen_in"] == recommender.name, "a new warehouse chooses the settings once"
    assert metrics["model_selection"]["chosen"] == metrics["settings"]["algorithm"]
    assert not (warehouse / "_staging" / f"recommender-{recommender.name}").exists()


def test_spark_output_and_the_application_are_in_the_task_logs(dag_run):
    log = dag_run[1]
    for line in ("SparkContext: Submitted application: inlearning hourly",
                 "SparkContext: Submitted application: inlearning recommend",
                 "inlearning: Spark application app-",
                 f"courses: read {DAG_COURSES:,}, accepted {DAG_COURSES:,}",
                 f"on {MASTER}"):
        assert line in log, line
