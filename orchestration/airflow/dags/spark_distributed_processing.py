"""InLearning Spark on Airflow: the hourly flow over the warehouse, and its daily retraining.

``spark_distributed_processing`` (hourly): ``process_courses_spark`` ingests the hour's raw courses and
interactions into the warehouse's Delta tables and classifies the courses the current model has not
(``hourly --until classify``; on a new warehouse it first trains the classifier once), then
``generate_recommendations`` recommends for every learner of the last 90 days with the current recommender's
settings into the ``recommendations`` table (``recommend --warehouse --settings current``; on a new warehouse
it chooses the settings once). ``inlearning_daily_retrain`` (daily, 00:30 UTC): trains a new classifier on the
catalogue, classifies the whole catalogue with it, and chooses the recommender's settings again on validation
folds (``recommend --warehouse``), which the hourly runs then reuse.

All tasks spark-submit this project's application jar (``--class io.inlearning.spark.cli.Main``).

Which hour a run processes: the schedule is an interval timetable (``CronDataIntervalTimetable``), so the
run that fires at 11:00 UTC covers the interval 10:00-11:00 and ingests the raw folders of
``data_interval_start``: ``date=2026-12-01/hour=10``, the hour that has just ended (the 00:00 run reads the
previous day's hour 23). A run that catches up or is backfilled covers the hour of its own interval; a
manual trigger covers the last complete hour before the moment it is triggered. Every step is idempotent: an
ingest merges by key, so re-running or backfilling an hour changes no row twice, and an hour without files
succeeds. The recommendations always cover the history up to the latest hour ingested, so a backfilled hour
adds its interactions without putting older lists back. Two runs writing the same table at once (an hourly
and the daily one) are settled by Delta Lake: one commits, the other fails with a concurrent-modification
error and its retry runs on the new table.

Nothing is read from Airflow's metadata database when the file is parsed. Configuration (defaults match
docker-compose.yaml):

- Environment of the DAG processor and workers, read at parse time:
  ``INLEARNING_SPARK_CONN_ID`` (``spark_default``), ``INLEARNING_TASK_RETRIES`` (2; each retry waits twice
  as long as the one before, 1 to 10 minutes), ``INLEARNING_SPARK_DEPLOY_MODE`` (``client`` or
  ``cluster``; unset: the connection's ``deploy-mode`` extra, else client), ``INLEARNING_PUBLISH_URL``
  (``http(s)://HOST:PORT`` of the Elasticsearch the applications read: the tasks that classify or recommend
  also publish there, ``--publish``; unset: the warehouse only; credentials come from the Spark driver's
  ``INLEARNING_ES_API_KEY`` or ``INLEARNING_ES_USER``/``INLEARNING_ES_PASSWORD``).
- The Spark connection, e.g. ``AIRFLOW_CONN_SPARK_DEFAULT=spark://spark-master:7077``. ``spark-submit``
  must be on the PATH (pyspark installs it).
- Variables, read when a task runs (templated): ``inlearning_app_jar`` (the application jar),
  ``inlearning_data_dir`` (``raw/``, the raw area, and ``warehouse/``), ``inlearning_event_log_dir``
  (Spark event logs, read by the history server), ``inlearning_executor_memory``,
  ``inlearning_spark_ui_port``.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import DAG
from airflow.timetables.interval import CronDataIntervalTimetable

MAIN_CLASS = "io.inlearning.spark.cli.Main"
DEFAULTS = {
    "inlearning_app_jar": "/opt/inlearning/inlearning-spark.jar",
    "inlearning_data_dir": "/opt/inlearning/data",
    "inlearning_event_log_dir": "/opt/inlearning/spark-events",
    "inlearning_executor_memory": "1g",
    "inlearning_spark_ui_port": "4040",
}
# The hour the run covers, e.g. 2026-01-01T10 for the run that fires at 11:00.
HOUR = "{{ data_interval_start.in_timezone('UTC').strftime('%Y-%m-%dT%H') }}"

SPARK_CONN_ID = os.environ.get("INLEARNING_SPARK_CONN_ID", "spark_default")
RETRIES = int(os.environ.get("INLEARNING_TASK_RETRIES", "2"))
DEPLOY_MODE = os.environ.get("INLEARNING_SPARK_DEPLOY_MODE") or None
if DEPLOY_MODE not in (None, "client", "cluster"):
    raise ValueError(f"INLEARNING_SPARK_DEPLOY_MODE must be client or cluster, not {DEPLOY_MODE!r}")
PUBLISH_URL = os.environ.get("INLEARNING_PUBLISH_URL") or None
if PUBLISH_URL is not None and not PUBLISH_URL.startswith(("http://", "https://")):
    raise ValueError(f"INLEARNING_PUBLISH_URL must be an http(s)://HOST:PORT URL, not {PUBLISH_URL!r}")
# Added to the tasks whose results the applications read.
PUBLISH = ["--publish", f"elasticsearch:{PUBLISH_URL}"] if PUBLISH_URL else []


def variable(name: str) -> str:
    """A Jinja expression for a Variable with its default, read when the task runs (not at parse time)."""
    return "{{ var.value.get('%s', '%s') }}" % (name, DEFAULTS[name])


DATA = variable("inlearning_data_dir")
RAW = f"{DATA}/raw"
WAREHOUSE = f"{DATA}/warehouse"
SPARK_CONF = {
    "spark.executor.memory": variable("inlearning_executor_memory"),
    "spark.eventLog.dir": variable("inlearning_event_log_dir"),
    "spark.ui.port": variable("inlearning_spark_ui_port"),
}
# The JVM options Spark 4.2 needs on Java 17 (its JavaModuleOptions.defaultModuleOptions(), as in pom.xml).
# spark-submit adds them to a driver it starts itself; a driver that a standalone worker starts (cluster mode)
# does not get them and fails on its first broadcast.
SPARK_JAVA17_OPTIONS = (
    "-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector "
    "--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED "
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED "
    "--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED "
    "--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED "
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED "
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED "
    "--add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED "
    "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED "
    "-Dio.netty.tryReflectionSetAccessible=true -Dio.netty.allocator.type=pooled "
    "-Dio.netty.handler.ssl.defaultEndpointVerificationAlgorithm=NONE --sun-misc-unsafe-memory-access=allow "
    "--enable-native-access=ALL-UNNAMED"
)
if DEPLOY_MODE == "cluster":
    SPARK_CONF["spark.driver.extraJavaOptions"] = SPARK_JAVA17_OPTIONS
    # spark-submit returns once the driver is launched unless told to wait; the task must last as long as
    # the job, so that the recommendations run after the courses have been classified.
    SPARK_CONF["spark.standalone.submit.waitAppCompletion"] = "true"


def spark_job(task_id: str, arguments: list[str], timeout: timedelta) -> SparkSubmitOperator:
    """One job of the application jar, spark-submitted through the Spark connection."""
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id=SPARK_CONN_ID,
        deploy_mode=DEPLOY_MODE,
        application=variable("inlearning_app_jar"),
        java_class=MAIN_CLASS,
        name=task_id,
        conf=SPARK_CONF,
        application_args=arguments,
        execution_timeout=timeout,
    )


DEFAULT_ARGS = {
    "owner": "inlearning",
    "retries": RETRIES,
    "retry_delay": timedelta(minutes=1),
    "retry_exponential_backoff": 2.0,
    "max_retry_delay": timedelta(minutes=10),
}


def interval_dag(dag_id: str, description: str, cron: str, timeout: timedelta) -> DAG:
    """A DAG on an interval timetable in UTC, without catch-up, one run at a time, the tasks' retries."""
    return DAG(
        dag_id=dag_id,
        description=description,
        schedule=CronDataIntervalTimetable(cron, timezone="UTC"),
        start_date=datetime(2026, 1, 1),
        catchup=False,
        max_active_runs=1,
        dagrun_timeout=timeout,
        default_args=DEFAULT_ARGS,
        tags=["spark", "inlearning"],
    )


with interval_dag("spark_distributed_processing",
                  "Ingest and classify the hour that ended, then recommend from the history, on the Spark cluster",
                  "0 * * * *", timedelta(minutes=55)) as dag:
    process_courses = spark_job(
        "process_courses_spark",
        ["hourly", "--raw", RAW, "--warehouse", WAREHOUSE, "--hour", HOUR, "--until", "classify", *PUBLISH],
        timeout=timedelta(minutes=20),
    )
    recommend = spark_job(
        "generate_recommendations",
        ["recommend", "--warehouse", WAREHOUSE, "--settings", "current", *PUBLISH],
        timeout=timedelta(minutes=30),
    )

    process_courses >> recommend

with interval_dag("inlearning_daily_retrain",
                  "A new classifier and the recommender's settings chosen again, once a day",
                  "30 0 * * *", timedelta(hours=3)) as daily:
    train = spark_job("train_classifier", ["courses", "train", "--warehouse", WAREHOUSE],
                      timeout=timedelta(minutes=60))
    classify = spark_job("classify_catalogue", ["courses", "classify", "--warehouse", WAREHOUSE, *PUBLISH],
                         timeout=timedelta(minutes=30))
    choose = spark_job("choose_recommender", ["recommend", "--warehouse", WAREHOUSE, *PUBLISH],
                       timeout=timedelta(minutes=90))

    train >> classify >> choose
