package io.inlearning.spark.monitoring;

import io.inlearning.spark.session.SparkSessions;
import io.inlearning.spark.session.SparkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * A Spark application for MonitoringTest, spark-submitted to the cluster with the jobs' session defaults:
 * runs a batch job and a streaming query (rate source), writes "application id" to {@code ready} once both
 * have produced metrics, and stops when {@code stop} appears (or after 5 minutes).
 *
 * <p>Arguments: a folder for the ready and stop files.
 */
public final class MonitoredApplication {
  private MonitoredApplication() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    SparkSession spark = SparkSessions.create("inlearning monitoring probe", new SparkSettings(null, Map.of(), false));
    try {
      spark.sparkContext().setJobDescription("batch probe");
      long sum = spark.range(0, 200_000, 1, 4).selectExpr("sum(id)").first().getLong(0);
      StreamingQuery query = spark.readStream().format("rate").option("rowsPerSecond", "50").load()
          .writeStream().queryName("rate_probe").format("noop").trigger(
              org.apache.spark.sql.streaming.Trigger.ProcessingTime(1, TimeUnit.SECONDS)).start();
      while (query.recentProgress().length < 3) {
        Thread.sleep(500);
      }
      Files.writeString(folder.resolve("ready"), spark.sparkContext().applicationId() + " " + sum);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (!Files.exists(folder.resolve("stop")) && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      query.stop();
    } finally {
      spark.stop();
    }
  }
}
