package io.inlearning.spark.report;

import org.apache.spark.sql.SparkSession;

/** Where a job ran: the {@code spark} block of every metrics.json. */
public record SparkInfo(String version, String master, String applicationId, int defaultParallelism) {
  public static SparkInfo of(SparkSession spark) {
    return new SparkInfo(spark.version(), spark.sparkContext().master(), spark.sparkContext().applicationId(),
        spark.sparkContext().defaultParallelism());
  }
}
