package io.inlearning.spark.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The opening fields of every job's metrics.json. */
public final class Reports {
  private Reports() {}

  /** job, input, output, and the Spark version, master, application id and default parallelism. */
  public static Map<String, Object> header(SparkSession spark, String job, String input, String output) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("job", job);
    report.put("input", input);
    report.put("output", output);
    Map<String, Object> sparkInfo = new LinkedHashMap<>();
    sparkInfo.put("version", spark.version());
    sparkInfo.put("master", spark.sparkContext().master());
    sparkInfo.put("application_id", spark.sparkContext().applicationId());
    sparkInfo.put("default_parallelism", spark.sparkContext().defaultParallelism());
    report.put("spark", sparkInfo);
    return report;
  }

  /**
   * One line naming the Spark application, where its UI is and where its event log goes: printed on stderr
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
