package io.inlearning.spark.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;

/**
 * Monitoring on by default for every job, local or cluster: event logs for the history server
 * (scripts/history-server.sh reads the same folder) and Prometheus endpoints on the application UI
 * ({@code /metrics/prometheus} for the driver, {@code /metrics/executors/prometheus} for the executors).
 * Applied after the user's --conf, and only where a key is missing, so a user's setting always wins.
 */
public final class MonitoringDefaults {
  /** Where event logs go unless --conf spark.eventLog.dir says otherwise; Spark's own default. */
  public static final String EVENT_LOG_DIR_ENV = "INLEARNING_EVENT_LOG_DIR";
  public static final String DEFAULT_EVENT_LOG_DIR = "/tmp/spark-events";

  private static final String METRICS = "spark.metrics.conf.";

  private MonitoringDefaults() {}

  public static void apply(SparkConf conf) {
    conf.setIfMissing("spark.eventLog.enabled", "true");
    conf.setIfMissing("spark.eventLog.dir", defaultEventLogDir());
    conf.setIfMissing("spark.ui.prometheus.enabled", "true");
    // "*" is every instance of the application: the driver and the executors.
    conf.setIfMissing(METRICS + "*.sink.prometheusServlet.class", "org.apache.spark.metrics.sink.PrometheusServlet");
    conf.setIfMissing(METRICS + "*.sink.prometheusServlet.path", "/metrics/prometheus");
    conf.setIfMissing(METRICS + "*.source.jvm.class", "org.apache.spark.metrics.source.JvmSource");
    // Job and stage counts (succeeded, failed, active) as metrics, not only in the UI.
    conf.setIfMissing("spark.metrics.appStatusSource.enabled", "true");
    conf.setIfMissing("spark.sql.streaming.metricsEnabled", "true");
    if (conf.getBoolean("spark.eventLog.enabled", false)) {
      createLocalFolder(conf.get("spark.eventLog.dir"));
    }
  }

  static String defaultEventLogDir() {
    String fromEnv = System.getenv(EVENT_LOG_DIR_ENV);
    String dir = fromEnv == null || fromEnv.isBlank() ? DEFAULT_EVENT_LOG_DIR : fromEnv;
    return Path.of(dir).toAbsolutePath().toString();
  }

  /** Spark refuses to start when the event-log folder is missing; a remote one (hdfs:...) is the user's. */
  static void createLocalFolder(String location) {
    URI uri = URI.create(location.replace(" ", "%20"));
    if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
      return;
    }
    Path folder = uri.getScheme() == null ? Path.of(location) : Path.of(uri);
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the event-log folder " + folder, e);
    }
  }
}
