package io.inlearning.spark.cli;

import io.inlearning.spark.session.SparkSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * --master, --conf, --verbose: the options every job takes, as spark-submit reads them. Declared once on
 * the root command and inherited, so they may stand before or after the command name.
 */
public final class SparkOptions {
  @Option(names = "--master", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "Spark master (default: the one spark-submit set, else local[*])")
  String master;

  private final Map<String, String> conf = new LinkedHashMap<>();

  /**
   * Merges every --conf, wherever it stands: picocli hands each command level its own map (a plain Map
   * field would keep only the last level's).
   */
  @Option(names = "--conf", scope = ScopeType.INHERIT, paramLabel = "KEY=VALUE",
      description = "Spark configuration, repeatable")
  void conf(Map<String, String> values) {
    if (values != null) {
      conf.putAll(values);
    }
  }

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Spark's INFO logging and full stack traces")
  boolean verbose;

  SparkSettings settings() {
    return new SparkSettings(master, conf, verbose);
  }
}
