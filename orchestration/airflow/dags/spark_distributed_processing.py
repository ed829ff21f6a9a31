"""Hourly InLearning Spark pipeline: classify the course catalogue, then recommend courses to learners.

Both tasks spark-submit this project's application jar (``--class io.inlearning.spark.cli.Main``). Each
hourly run reads and writes folders named after its logical date, so runs never overwrite each other, and
passes ``--overwrite`` so that a re-run of the same hour replaces its own output: the jobs write into a
hidden staging folder and rename it into place, so readers see the old output or the new one, never a
partial one.

Configuration (defaults match docker-compose.yaml):

- Connection ``spark_default`` (id from the Variable ``inlearning_spark_conn_id``): the Spark master, e.g.
  ``AIRFLOW_CONN_SPARK_DEFAULT=spark://spark-master:7077``. ``spark-submit`` must be on the PATH (pyspark
  installs it).
- Variables: ``inlearning_app_jar`` (the application jar), ``inlearning_data_dir`` (``raw/`` inputs and
  ``processed/`` outputs), ``inlearning_event_log_dir`` (Spark event logs, read by the history server),
  ``inlearning_executor_memory``, ``inlearning_spark_ui_port``; read when the DAG file is parsed:
  ``inlearning_task_retries`` (2; each retry waits twice as long as the one before, 1 to 10 minutes).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import DAG, Variable

MAIN_CLASS = "io.inlearning.spark.cli.Main"
DEFAULTS = {
    "inlearning_app_jar": "/opt/inlearning/inlearning-spark.jar",
    "inlearning_data_dir": "/opt/inlearning/data",
    "inlearning_event_log_dir": "/opt/inlearning/spark-events",
    "inlearning_executor_memory": "1g",
    "inlearning_spark_ui_port": "4040",
}
# One folder per hour of the run's logical date, e.g. date=2026-01-01/hour=10.
HOUR = "date={{ logical_date.strftime('%Y-%m-%d') }}/hour={{ logical_date.strftime('%H') }}"


def variable(name: str) -> str:
    """A Jinja expression for a Variable with its default, read when the task runs (not at parse time)."""
    return "{{ var.value.get('%s', '%s') }}" % (name, DEFAULTS[name])


DATA = variable("inlearning_data_dir")
SPARK_CONF = {
    "spark.executor.memory": variable("inlearning_executor_memory"),
    "spark.eventLog.dir": variable("inlearning_event_log_dir"),
    "spark.ui.port": variable("inlearning_spark_ui_port"),
}
# The connection id and the retries are not templated: they are read when the DAG file is parsed.
SPARK_CONN_ID = Variable.get("inlearning_spark_conn_id", default="spark_default")
RETRIES = int(Variable.get("inlearning_task_retries", default="2"))



def spark_job(task_id: str, arguments: list[str], timeout: timedelta) -> SparkSubmitOperator:
    """One job of the application jar, spark-submitted through the Spark connection."""
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id=SPARK_CONN_ID,
        application=variable("inlearning_app_jar"),
        java_class=MAIN_CLASS,
        name=task_id,
        conf=SPARK_CONF,
        application_args=[*arguments, "--overwrite"],
        execution_timeout=timeout,
    )


with DAG(
    dag_id="spark_distributed_processing",
    description="Course classification then recommendations on the Spark cluster, every hour",
    schedule="@hourly",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(minutes=55),
    default_args={
        "owner": "inlearning",
        "retries": RETRIES,
        "retry_delay": timedelta(minutes=1),
        "retry_exponential_backoff": 2.0,
        "max_retry_delay": timedelta(minutes=10),
    },
    tags=["spark", "inlearning"],
) as dag:
    process_courses = spark_job(
        "process_courses_spark",
        ["courses", "process",
         "--input", f"{DATA}/raw/courses/{HOUR}",
         "--output", f"{DATA}/processed/courses/{HOUR}"],
        timeout=timedelta(minutes=20),
    )
    recommend = spark_job(
        "generate_recommendations",
        ["recommend", "--implicit",
         "--interactions", f"{DATA}/raw/interactions/{HOUR}",
         "--output", f"{DATA}/processed/recommendations/{HOUR}"],
        timeout=timedelta(minutes=30),
    )

    process_courses >> recommend
