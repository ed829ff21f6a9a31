"""The DAG folder as Airflow loads it: no import errors, the hourly DAG's two Spark tasks in order, the hour each
scheduled, manual or backfilled run processes (the templates rendered by Airflow), the daily retraining,
retries, deploy mode."""

from __future__ import annotations

from datetime import timedelta

import pendulum
import pytest
from conftest import DAGS, spark_module_options

DAG_ID = "spark_distributed_processing"
DAILY_ID = "inlearning_daily_retrain"


@pytest.fixture(scope="module")
def dagbag(airflow_env):
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS))


@pytest.fixture(scope="module")
def dag(dagbag):
    return dagbag.get_dag(DAG_ID)


def test_the_dag_folder_loads_without_import_errors(dagbag):
    assert dagbag.import_errors == {}
    assert sorted(dagbag.dag_ids) == [DAILY_ID, DAG_ID]


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
    assert courses.application_args[0] == "hourly"
    assert courses.application_args[-2:] == ["--until", "classify"]
    assert recommend.application_args[:2] == ["recommend", "--warehouse"]


def test_the_daily_retraining_trains_classifies_and_chooses_the_recommender(dagbag, airflow_env):
    from airflow.timetables.interval import CronDataIntervalTimetable

    daily = dagbag.get_dag(DAILY_ID)
    assert isinstance(daily.timetable, CronDataIntervalTimetable)
    assert daily.timetable.summary == "30 0 * * *"
    assert daily.catchup is False and daily.max_active_runs == 1
    train, classify, choose = (daily.get_task(t) for t in ("train_classifier", "classify_catalogue",
                                                           "choose_recommender"))
    assert train.downstream_task_ids == {"classify_catalogue"}
    assert classify.downstream_task_ids == {"choose_recommender"}
    warehouse = airflow_env["AIRFLOW_VAR_INLEARNING_DATA_DIR"] + "/warehouse"
    interval = daily.timetable.infer_manual_data_interval(run_after=pendulum.datetime(2026, 12, 2, 1, tz="UTC"))
    assert render(train, daily, interval)["application_args"] == ["courses", "train", "--warehouse", warehouse]
    assert render(classify, daily, interval)["application_args"] == ["courses", "classify", "--warehouse", warehouse]
    assert render(choose, daily, interval)["application_args"] == ["recommend", "--warehouse", warehouse]
    for task in daily.tasks:
        assert task.retries == 0 and task.retry_exponential_backoff == 2.0
        assert task.execution_timeout <= daily.dagrun_timeout


def test_hourly_interval_timetable_without_catchup_with_retries_backoff_and_timeouts(dag):
    from airflow.timetables.interval import CronDataIntervalTimetable

    assert isinstance(dag.timetable, CronDataIntervalTimetable)
    assert dag.timetable.summary == "0 * * * *"
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    assert dag.dagrun_timeout == timedelta(minutes=55)
    for task in dag.tasks:
        assert task.retries == 0  # INLEARNING_TASK_RETRIES in the tests; 2 by default
        assert task.retry_exponential_backoff == 2.0
        assert task.retry_delay == timedelta(minutes=1)
        assert task.max_retry_delay == timedelta(minutes=10)
        assert task.execution_timeout is not None
        assert task.execution_timeout <= dag.dagrun_timeout


def scheduled_runs(dag, after: pendulum.DateTime, count: int):
    """The next `count` runs the DAG's timetable schedules after the run whose interval ends at `after`."""
    from airflow.timetables.base import DataInterval, TimeRestriction

    restriction = TimeRestriction(earliest=dag.start_date, latest=None, catchup=True)
    last = DataInterval(after - timedelta(hours=1), after)
    for _ in range(count):
        info = dag.timetable.next_dagrun_info(last_automated_data_interval=last, restriction=restriction)
        yield info
        last = info.data_interval


def render(task, dag, interval) -> dict[str, object]:
    """Every templated field of the task, rendered by Airflow for a run covering `interval`; Variables are read
    through Airflow's own accessor (the AIRFLOW_VAR_* of conftest)."""
    from airflow.sdk.execution_time.context import VariableAccessor

    context = {
        "data_interval_start": interval.start,
        "data_interval_end": interval.end,
        "logical_date": interval.start,
        "var": {"value": VariableAccessor(deserialize_json=False), "json": VariableAccessor(deserialize_json=True)},
    }
    env = dag.get_template_env()
    return {field: task.render_template(getattr(task, field), context, env) for field in task.template_fields}


def test_the_run_that_fires_at_each_hour_processes_the_hour_that_ended_across_midnight(dag, airflow_env):
    data = airflow_env["AIRFLOW_VAR_INLEARNING_DATA_DIR"]
    runs = list(scheduled_runs(dag, pendulum.datetime(2026, 12, 1, 22, tz="UTC"), 4))
    assert [run.run_after.hour for run in runs] == [23, 0, 1, 2]
    expected_hours = ["2026-12-01T22", "2026-12-01T23", "2026-12-02T00", "2026-12-02T01"]
    for run, hour in zip(runs, expected_hours):
        courses = render(dag.get_task("process_courses_spark"), dag, run.data_interval)
        recommend = render(dag.get_task("generate_recommendations"), dag, run.data_interval)
        assert courses["application_args"] == [
            "hourly", "--raw", f"{data}/raw", "--warehouse", f"{data}/warehouse", "--hour", hour,
            "--until", "classify"], run
        assert recommend["application_args"] == [
            "recommend", "--warehouse", f"{data}/warehouse", "--settings", "current"], run
        for rendered in (courses, recommend):
            assert rendered["application"] == airflow_env["AIRFLOW_VAR_INLEARNING_APP_JAR"]
            assert rendered["conf"] == {
                "spark.executor.memory": "1g",
                "spark.eventLog.dir": airflow_env["AIRFLOW_VAR_INLEARNING_EVENT_LOG_DIR"],
                "spark.ui.port": "4061"}
            assert "{{" not in repr(rendered)


def test_a_manual_trigger_processes_the_last_complete_hour(dag):
    interval = dag.timetable.infer_manual_data_interval(run_after=pendulum.datetime(2026, 12, 2, 0, 23, tz="UTC"))
    args = render(dag.get_task("process_courses_spark"), dag, interval)["application_args"]
    assert args[args.index("--hour") + 1] == "2026-12-01T23"


def test_a_backfill_processes_each_hour_whose_start_is_in_its_range(dag):
    from airflow.serialization.serialized_objects import DagSerialization

    serialized = DagSerialization.from_dict(DagSerialization.to_dict(dag))
    infos = serialized.iter_dagrun_infos_between(pendulum.datetime(2026, 12, 1, 22, tz="UTC"),
                                                 pendulum.datetime(2026, 12, 2, 1, tz="UTC"))
    assert [info.data_interval.start.hour for info in infos] == [22, 23, 0, 1]


def test_the_dag_file_reads_nothing_from_the_metadata_database(monkeypatch):
    from airflow.dag_processing.dagbag import DagBag
    from airflow.sdk import Connection, Variable

    def refuse(*args, **kwargs):
        raise AssertionError("read from the metadata database at parse time")

    monkeypatch.setattr(Variable, "get", refuse)
    monkeypatch.setattr(Connection, "get", refuse)
    assert DagBag(dag_folder=str(DAGS)).import_errors == {}


def test_deploy_mode_cluster_reaches_spark_submit(monkeypatch, airflow_env):
    from airflow.dag_processing.dagbag import DagBag
    from airflow.providers.apache.spark.hooks.spark_submit import SparkSubmitHook

    monkeypatch.setenv("INLEARNING_SPARK_DEPLOY_MODE", "cluster")
    task = DagBag(dag_folder=str(DAGS)).get_dag(DAG_ID).get_task("process_courses_spark")
    assert task._deploy_mode == "cluster"
    assert task.conf["spark.standalone.submit.waitAppCompletion"] == "true"
    assert task.conf["spark.driver.extraJavaOptions"] == spark_module_options()
    hook = SparkSubmitHook(conn_id=task._conn_id, deploy_mode=task._deploy_mode, java_class=task._java_class)
    command = hook._build_spark_submit_command("app.jar")
    assert command[command.index("--deploy-mode") + 1] == "cluster"
    assert command[command.index("--master") + 1] == airflow_env["AIRFLOW_CONN_SPARK_DEFAULT"]


def test_a_wrong_deploy_mode_is_an_import_error_that_says_so(monkeypatch):
    from airflow.dag_processing.dagbag import DagBag

    monkeypatch.setenv("INLEARNING_SPARK_DEPLOY_MODE", "remote")
    errors = DagBag(dag_folder=str(DAGS)).import_errors
    assert len(errors) == 1
    assert "INLEARNING_SPARK_DEPLOY_MODE must be client or cluster, not 'remote'" in next(iter(errors.values()))


def test_a_publish_url_makes_the_classifying_and_recommending_tasks_publish(monkeypatch, airflow_env):
    from airflow.dag_processing.dagbag import DagBag

    monkeypatch.setenv("INLEARNING_PUBLISH_URL", "https://es.example:9200")
    bag = DagBag(dag_folder=str(DAGS))
    publish = ["--publish", "elasticsearch:https://es.example:9200"]
    for dag_id, task_id in ((DAG_ID, "process_courses_spark"), (DAG_ID, "generate_recommendations"),
                            (DAILY_ID, "classify_catalogue"), (DAILY_ID, "choose_recommender")):
        assert bag.get_dag(dag_id).get_task(task_id).application_args[-2:] == publish, task_id
    assert "--publish" not in bag.get_dag(DAILY_ID).get_task("train_classifier").application_args


def test_a_publish_url_without_a_scheme_is_an_import_error(monkeypatch):
    from airflow.dag_processing.dagbag import DagBag

    monkeypatch.setenv("INLEARNING_PUBLISH_URL", "es.example:9200")
    errors = DagBag(dag_folder=str(DAGS)).import_errors
    assert "INLEARNING_PUBLISH_URL must be an http(s)://HOST:PORT URL" in next(iter(errors.values()))
