package io.inlearning.spark.report;

import org.apache.spark.sql.SparkSession;

/** What every job prints about its Spark application. */
public final class Reports {
  private Reports() {}

  /**
   * One line naming the Spark application, where its UI is and where its event log goes: printed on stdout
   * when a job starts, so a log that runs the job (an Airflow task's) leads to the application.
   */
  public static String applicationLine(SparkSession spark) {
    var context = spark.sparkContext();
    String ui = context.uiWebUrl().isDefined() ? context.uiWebUrl().get() : "disabled";
    String eventLog = context.getConf().getBoolean("spark.eventLog.enabled", false)
        ? context.getConf().get("spark.eventLog.dir") : "disabled";
    return "inlearning: Spark application " + context.applicationId() + " (" + context.appName() + ") on "
        + context.master() + ", UI " + ui + ", event log " + eventLog;
  }
}
