package io.inlearning.spark.common;

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
}
