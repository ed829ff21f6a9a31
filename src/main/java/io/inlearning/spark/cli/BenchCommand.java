package io.inlearning.spark.cli;

import io.inlearning.spark.bench.CourseBenchmark;
import io.inlearning.spark.bench.RecommendBenchmark;
import io.inlearning.spark.common.Json;
import io.inlearning.spark.common.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", description = "Benchmarks; figures go to bench-results/ (see BENCHMARKS.md).",
    subcommands = {BenchCommand.Courses.class, BenchCommand.Recommend.class})
final class BenchCommand {

  @Command(name = "courses", description = "courses process on generated catalogues: courses/s per phase, peak memory.")
  static final class Courses extends JobCommand {
    @Option(names = "--sizes", split = ",", defaultValue = "100000,1000000", paramLabel = "N,N",
        description = "catalogue sizes (default: ${DEFAULT-VALUE})")
    List<Long> sizes = new ArrayList<>();

    @Option(names = "--repetitions", defaultValue = "1", description = "runs per size (default: ${DEFAULT-VALUE})")
    int repetitions;

    @Option(names = "--work", defaultValue = "target/bench", paramLabel = "DIR",
        description = "folder for generated data and outputs (default: ${DEFAULT-VALUE})")
    String work;

    @Option(names = "--results", defaultValue = "bench-results", paramLabel = "DIR",
        description = "where the JSON results are written (default: ${DEFAULT-VALUE})")
    String results;

    @Option(names = "--data-seed", defaultValue = "42", description = "seed of the generated data")
    long dataSeed;

    @Mixin ClassifierOptions classifier;

    @Override
    String appName() {
      return "bench courses";
    }

    @Override
    void validate() {
      if (sizes.isEmpty() || sizes.stream().anyMatch(size -> size < 100)) {
        throw new UsageException("--sizes must list sizes of at least 100 courses");
      }
      if (repetitions < 1) {
        throw new UsageException("--repetitions must be at least 1");
      }
    }

    @Override
    void run(SparkSession session) {
      List<Map<String, Object>> runs = CourseBenchmark.run(session, new CourseBenchmark.Options(
          sizes, repetitions, Path.of(work).toAbsolutePath(), dataSeed, classifier.toSettings()));
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("benchmark", "courses process");
      report.put("finished_at", Instant.now().toString());
      report.put("master", session.sparkContext().master());
      report.put("cores", Runtime.getRuntime().availableProcessors());
      report.put("runs", runs);
      try {
        Path folder = Files.createDirectories(Path.of(results));
        Path file = folder.resolve("courses-" + Instant.now().toEpochMilli() + ".json");
        Files.writeString(file, Json.pretty(report));
        System.out.println("results: " + file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Command(name = "recommend",
      description = "recommend on generated interactions: train and top-10 times, peak memory, quality vs popularity.")
  static final class Recommend extends JobCommand {
    @Option(names = "--interactions", split = ",", defaultValue = "1000000", paramLabel = "N,N",
        description = "interaction counts (default: ${DEFAULT-VALUE}); learners = N/20, courses = min(N/200, 20000)")
    List<Long> sizes = new ArrayList<>();

    @Option(names = "--repetitions", defaultValue = "1", description = "runs per size (default: ${DEFAULT-VALUE})")
    int repetitions;

    @Option(names = "--explicit", description = "explicit ratings and explicit ALS instead of implicit")
    boolean explicit;

    @Option(names = "--no-eval", description = "skip the evaluation (one training, on all interactions)")
    boolean noEval;

    @Option(names = "--work", defaultValue = "target/bench", paramLabel = "DIR",
        description = "folder for generated data and outputs (default: ${DEFAULT-VALUE})")
    String work;

    @Option(names = "--results", defaultValue = "bench-results", paramLabel = "DIR",
        description = "where the JSON results are written (default: ${DEFAULT-VALUE})")
    String results;

    @Option(names = "--data-seed", defaultValue = "42", description = "seed of the generated data")
    long dataSeed;

    @Override
    String appName() {
      return "bench recommend";
    }

    @Override
    void validate() {
      if (sizes.isEmpty() || sizes.stream().anyMatch(size -> size < 1000)) {
        throw new UsageException("--interactions must list counts of at least 1000");
      }
      if (repetitions < 1) {
        throw new UsageException("--repetitions must be at least 1");
      }
    }

    @Override
    void run(SparkSession session) {
      List<Map<String, Object>> runs = RecommendBenchmark.run(session, new RecommendBenchmark.Options(
          sizes, repetitions, Path.of(work).toAbsolutePath(), dataSeed, !explicit, !noEval));
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("benchmark", "recommend");
      report.put("finished_at", Instant.now().toString());
      report.put("master", session.sparkContext().master());
      report.put("cores", Runtime.getRuntime().availableProcessors());
      report.put("runs", runs);
      try {
        Path folder = Files.createDirectories(Path.of(results));
        Path file = folder.resolve("recommend-" + Instant.now().toEpochMilli() + ".json");
        Files.writeString(file, Json.pretty(report));
        System.out.println("results: " + file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
