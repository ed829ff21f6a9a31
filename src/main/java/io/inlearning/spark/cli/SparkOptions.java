package io.inlearning.spark.cli;

import io.inlearning.spark.common.SparkSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** --master, --conf, --verbose: the options every job takes, as spark-submit reads them. */
public final class SparkOptions {
  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: the one spark-submit set, else local[*])")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark configuration, repeatable")
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(names = "--verbose", description = "Spark's INFO logging and full stack traces")
  boolean verbose;

  SparkSettings settings() {
    return new SparkSettings(master, conf, verbose);
  }
}
