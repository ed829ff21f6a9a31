package io.inlearning.spark.cli;

import io.inlearning.spark.bench.CourseBenchmark;
import io.inlearning.spark.bench.RecommendBenchmark;
import io.inlearning.spark.common.UsageException;
import java.util.ArrayList;
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

    @Mixin BenchOptions bench;

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
      bench.validate();
    }

    @Override
    void run(SparkSession session) {
      List<Map<String, Object>> runs = CourseBenchmark.run(session, new CourseBenchmark.Options(
          sizes, bench.repetitions, bench.work(), bench.dataSeed, classifier.toSettings()));
      bench.writeResults(session, "courses process", "courses", runs);
    }
  }

  @Command(name = "recommend",
      description = "recommend on generated interactions: train and top-10 times, peak memory, quality vs popularity.")
  static final class Recommend extends JobCommand {
    @Option(names = "--interactions", split = ",", defaultValue = "1000000", paramLabel = "N,N",
        description = "interaction counts (default: ${DEFAULT-VALUE}); learners = N/20, courses = min(N/200, 20000)")
    List<Long> sizes = new ArrayList<>();

    @Option(names = "--explicit", description = "explicit ratings and explicit ALS instead of implicit")
    boolean explicit;

    @Option(names = "--no-eval", description = "skip the evaluation (one training, on all interactions)")
    boolean noEval;

    @Mixin BenchOptions bench;

    @Override
    String appName() {
      return "bench recommend";
    }

    @Override
    void validate() {
      if (sizes.isEmpty() || sizes.stream().anyMatch(size -> size < 1000)) {
        throw new UsageException("--interactions must list counts of at least 1000");
      }
      bench.validate();
    }

    @Override
    void run(SparkSession session) {
      List<Map<String, Object>> runs = RecommendBenchmark.run(session, new RecommendBenchmark.Options(
          sizes, bench.repetitions, bench.work(), bench.dataSeed, !explicit, !noEval));
      bench.writeResults(session, "recommend", "recommend", runs);
    }
  }
}
