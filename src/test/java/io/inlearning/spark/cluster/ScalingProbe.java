package io.inlearning.spark.cluster;

import io.inlearning.spark.session.SparkSessions;
import io.inlearning.spark.session.SparkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * A driver for ClusterTest, run in its own JVM against the cluster with the session every job gets: it keeps
 * the cluster busy while the file {@code <control>/load} exists, then stays idle until {@code <control>/stop}
 * appears. The load has no shuffle, so idle executors hold nothing that would keep them alive.
 *
 * <p>Arguments: master URL, UI port, control folder.
 */
public final class ScalingProbe {
  private ScalingProbe() {}

  public static void main(String[] args) throws Exception {
    String master = args[0];
    Path control = Path.of(args[2]);
    SparkSession spark = SparkSessions.create("scaling probe", new SparkSettings(master, Map.of(
        "spark.ui.enabled", "true",
        "spark.ui.port", args[1],
        "spark.dynamicAllocation.executorIdleTimeout", "5s",
        "spark.executor.memory", "512m"), false));
    System.out.println("application " + spark.sparkContext().applicationId());
    System.out.flush();
    while (Files.exists(control.resolve("load"))) {
      spark.range(0, 2_000_000L, 1, 40)
          .selectExpr("sha2(cast(id as string), 512) as digest")
          .write().format("noop").mode("overwrite").save();
    }
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (!Files.exists(control.resolve("stop")) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    spark.stop();
  }
}
