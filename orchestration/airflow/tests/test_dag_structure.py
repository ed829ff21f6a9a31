"""The DAG folder as Airflow loads it: no import errors, the two Spark tasks in order, hourly, retries."""

from __future__ import annotations

from datetime import timedelta

import pendulum
import pytest
from conftest import DAGS

DAG_ID = "spark_distributed_processing"


@pytest.fixture(scope="module")
def dagbag(airflow_env):
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS))


@pytest.fixture(scope="module")
def dag(dagbag):
    return dagbag.get_dag(DAG_ID)


def test_the_dag_folder_loads_without_import_errors(dagbag):
    assert dagbag.import_errors == {}
    assert DAG_ID in dagbag.dag_ids


def test_two_spark_submit_tasks_courses_then_recommendations(dag):
    from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

    assert sorted(dag.task_ids) == ["generate_recommendations", "process_courses_spark"]
    courses, recommend = dag.get_task("process_courses_spark"), dag.get_task("generate_recommendations")
    assert isinstance(courses, SparkSubmitOperator) and isinstance(recommend, SparkSubmitOperator)
    assert courses.downstream_task_ids == {"generate_recommendations"}
    assert recommend.upstream_task_ids == {"process_courses_spark"}
    for task in (courses, recommend):
        assert task._java_class == "io.inlearning.spark.cli.Main"
        assert task.application == "{{ var.value.get('inlearning_app_jar', '/opt/inlearning/inlearning-spark.jar') }}"
        assert task._conn_id == "spark_default"
    assert courses.application_args[:2] == ["courses", "process"]
    assert recommend.application_args[:2] == ["recommend", "--implicit"]


def test_hourly_without_catchup_with_retries_backoff_and_timeouts(dag):
    assert dag.schedule == "@hourly" or str(dag.timetable.summary) == "@hourly"
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    assert dag.dagrun_timeout == timedelta(minutes=55)
    for task in dag.tasks:
        assert task.retries == 0  # AIRFLOW_VAR_INLEARNING_TASK_RETRIES in the tests; 2 by default
        assert task.retry_exponential_backoff == 2.0
        assert task.retry_delay == timedelta(minutes=1)
        assert task.max_retry_delay == timedelta(minutes=10)
        assert task.execution_timeout is not None
        assert task.execution_timeout <= dag.dagrun_timeout


def test_every_hour_reads_and_writes_its_own_folders_and_replaces_its_own_output(dag):
    env = dag.get_template_env()
    for task in dag.tasks:
        arguments = task.application_args
        assert arguments[-1] == "--overwrite"
        paths = [arguments[i + 1] for i, arg in enumerate(arguments) if arg in ("--input", "--interactions", "--output")]
        assert len(paths) == 2
        for path in paths:
            at_ten = env.from_string(path.split("}}/", 1)[1]).render(logical_date=pendulum.datetime(2026, 1, 1, 10))
            at_eleven = env.from_string(path.split("}}/", 1)[1]).render(logical_date=pendulum.datetime(2026, 1, 1, 11))
            assert at_ten.endswith("date=2026-01-01/hour=10"), at_ten
            assert at_eleven.endswith("date=2026-01-01/hour=11"), at_eleven
