package io.inlearning.spark.cli;

import io.inlearning.spark.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** Options every benchmark takes, and where its results go. */
final class BenchOptions {
  @Option(names = "--repetitions", defaultValue = "1", description = "runs per size (default: ${DEFAULT-VALUE})")
  int repetitions;

  @Option(names = "--work", defaultValue = "target/bench", paramLabel = "DIR",
      description = "folder for generated data and outputs (default: ${DEFAULT-VALUE})")
  String work;

  @Option(names = "--results", defaultValue = "bench/results/in-jvm", paramLabel = "DIR",
      description = "where the JSON results are written (default: ${DEFAULT-VALUE})")
  String results;

  @Option(names = "--data-seed", defaultValue = "42", description = "seed of the generated data")
  long dataSeed;

  void validate() {
    if (repetitions < 1) {
      throw new UsageException("--repetitions must be at least 1");
    }
  }

  Path work() {
    return Path.of(work).toAbsolutePath();
  }

  /** Writes {@code <results>/<prefix>-<epoch ms>.json} and prints its path. */
  void writeResults(SparkSession session, String benchmark, String prefix, List<Map<String, Object>> runs) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", benchmark);
    report.put("finished_at", Instant.now().toString());
    report.put("master", session.sparkContext().master());
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("runs", runs);
    try {
      Path file = Files.createDirectories(Path.of(results)).resolve(prefix + "-" + Instant.now().toEpochMilli() + ".json");
      Files.writeString(file, Json.pretty(report));
      System.out.println("results: " + file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
