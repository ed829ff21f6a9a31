package io.inlearning.spark;

import io.inlearning.spark.session.SparkSessions;
import io.inlearning.spark.session.SparkSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The one SparkSession of the test JVM, and small file helpers. */
public final class TestSpark {
  private static SparkSession spark;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (spark == null) {
      spark = SparkSessions.create("inlearning tests", new SparkSettings("local[2]", Map.of(
          "spark.sql.shuffle.partitions", "4",
          "spark.ui.enabled", "false",
          "spark.sql.adaptive.enabled", "true",
          // No unit test reads this session's event log, and writing it was about 450 MB of JSON per run.
          "spark.eventLog.enabled", "false"), false));
    }
    return spark;
  }

  public static Path writeLines(Path file, List<String> lines) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path writeBytes(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
