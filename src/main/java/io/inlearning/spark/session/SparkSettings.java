package io.inlearning.spark.session;

import java.util.Map;

/**
 * How to reach Spark: the master URL (null keeps what spark-submit configured, else local[*]) and extra
 * configuration, as given by --master and --conf.
 */
public record SparkSettings(String master, Map<String, String> conf, boolean verbose) {
  public static final String DEFAULT_MASTER = "local[*]";

  public SparkSettings {
    conf = Map.copyOf(conf);
  }

  public static SparkSettings local() {
    return new SparkSettings(null, Map.of(), false);
  }
}
