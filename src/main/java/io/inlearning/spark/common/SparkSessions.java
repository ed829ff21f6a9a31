package io.inlearning.spark.common;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the one SparkSession a command uses. */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession create(String appName, SparkSettings settings) {
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
    settings.conf().forEach(conf::set);

    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    if (!settings.verbose()) {
      spark.sparkContext().setLogLevel("WARN");
    }
    return spark;
  }
}
