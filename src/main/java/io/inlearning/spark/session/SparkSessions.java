package io.inlearning.spark.session;

import io.inlearning.spark.monitoring.MonitoringDefaults;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the one SparkSession a command uses. */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * Executors on a cluster need this application's classes. spark-submit ships its jar itself; when the
   * driver was started another way (bin/inlearning --master spark://...), ship the jar it runs from.
   */
  static void shipApplicationJar(SparkConf conf) {
    String master = conf.get("spark.master", "");
    if (master.startsWith("local") || conf.contains("spark.jars")) {
      return;
    }
    try {
      Path location = Path.of(SparkSessions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(location) && location.toString().endsWith(".jar")) {
        conf.set("spark.jars", location.toString());
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // Not loaded from a jar (an IDE, the tests): nothing to ship.
    }
  }

  /**
   * On a cluster, executors follow the load: requested while tasks wait (after 1 s of backlog), released
   * after 60 s idle. Shuffle tracking keeps an executor while it holds shuffle output that is still in use,
   * which is what makes dynamic allocation work on standalone without an external shuffle service.
   */
  static void scaleWithLoad(SparkConf conf) {
    if (conf.get("spark.master", "").startsWith("local")) {
      return;
    }
    conf.setIfMissing("spark.dynamicAllocation.enabled", "true");
    conf.setIfMissing("spark.dynamicAllocation.shuffleTracking.enabled", "true");
  }

  /**
   * The warehouse's tables are Delta tables, read and written by path: Delta's SQL extension gives
   * {@code MERGE} and {@code DESCRIBE HISTORY} on them, and its catalog lets the session's default catalog
   * hold Delta tables too. Both are set when the user has not chosen another extension or catalog.
   */
  static void withDeltaLake(SparkConf conf) {
    conf.setIfMissing("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    conf.setIfMissing("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    // Delta rebuilds a table's state from its log in 50 partitions, sized for large logs on large clusters; in
    // local mode that is 50 tasks for a few files, at every first read of a table.
    if (conf.get("spark.master", "").startsWith("local")) {
      conf.setIfMissing("spark.databricks.delta.snapshotPartitions", "2");
    }
  }

  public static SparkSession create(String appName, SparkSettings settings) {
    quietDataSketchesMemory();
    // spark-submit passes its master as the spark.master system property: keep it unless --master was given.
    SparkConf conf = new SparkConf().setAppName(appName);
    if (settings.master() != null) {
      conf.setMaster(settings.master());
    } else if (!conf.contains("spark.master")) {
      conf.setMaster(SparkSettings.DEFAULT_MASTER);
    }
    conf.setIfMissing("spark.sql.adaptive.enabled", "true");
    conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    conf.setIfMissing("spark.sql.session.timeZone", "UTC");
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    withDeltaLake(conf);
    settings.conf().forEach(conf::set);
    scaleWithLoad(conf);
    MonitoringDefaults.apply(conf);
    shipApplicationJar(conf);

    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    if (!settings.verbose()) {
      spark.sparkContext().setLogLevel("WARN");
    }
    return spark;
  }

  /**
   * The copy of DataSketches Memory inside spark-catalyst prints "Warning: Java versions > Java 11 can only
   * operate in restricted mode..." on stderr (not through a logger) when its class is initialised, the first
   * time a job reads an HLL sketch (the analytics job, every batch) or Spark's own sketches; the line says
   * nothing a user can act on, and stderr is kept for failures. The class is initialised here, before Spark
   * starts any thread, with stderr set aside for that moment. Nothing happens if the class is not there.
   */
  static void quietDataSketchesMemory() {
    PrintStream err = System.err;
    System.setErr(new PrintStream(OutputStream.nullOutputStream()));
    try {
      Class.forName("org.apache.datasketches.memory.internal.ResourceImpl");
    } catch (ClassNotFoundException | LinkageError e) {
      // Another Spark build: at worst the line is printed.
    } finally {
      System.setErr(err);
    }
  }
}
