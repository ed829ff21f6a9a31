package io.inlearning.spark.session;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Runs a job and then gives the shared session back as the job found it: the runtime SQL settings the job
 * set or changed (split counts, shuffle partitions, plan options) are unset or restored, and so is the
 * checkpoint folder (ALS checkpoints into the job's staging folder, which is renamed or deleted afterwards).
 * A caller that runs several jobs in one session, as the tests and {@code demo} do, sees no settings leak
 * from one job into the next.
 */
public final class SessionScope {
  private SessionScope() {}

  public static <T> T run(SparkSession spark, Supplier<T> job) {
    Map<String, String> before = settings(spark);
    SparkContext context = spark.sparkContext();
    Option<String> checkpointDir = context.getCheckpointDir();
    try {
      return job.get();
    } finally {
      restore(spark, before);
      // Spark has no public way to unset the folder, or to set it without adding a random subfolder.
      context.checkpointDir_$eq(checkpointDir);
    }
  }

  private static Map<String, String> settings(SparkSession spark) {
    return new HashMap<>(CollectionConverters.asJava(spark.conf().getAll()));
  }

  private static void restore(SparkSession spark, Map<String, String> before) {
    for (Map.Entry<String, String> now : settings(spark).entrySet()) {
      String previous = before.get(now.getKey());
      if (previous == null) {
        spark.conf().unset(now.getKey());
      } else if (!previous.equals(now.getValue())) {
        spark.conf().set(now.getKey(), previous);
      }
    }
    for (Map.Entry<String, String> earlier : before.entrySet()) {
      if (!spark.conf().contains(earlier.getKey())) {
        spark.conf().set(earlier.getKey(), earlier.getValue());
      }
    }
  }
}
