package io.inlearning.spark.cli;

import io.inlearning.spark.bench.AnalyticsBenchmark;
import io.inlearning.spark.bench.CourseBenchmark;
import io.inlearning.spark.bench.PublishBenchmark;
import io.inlearning.spark.bench.WindowSinkBenchmark;
import io.inlearning.spark.bench.RecommendBenchmark;
import io.inlearning.spark.bench.ValidatorBenchmark;
import io.inlearning.spark.files.Locations;
import io.inlearning.spark.recommendations.RecommendRequest;
import io.inlearning.spark.records.Feedback;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", description = "Benchmarks; figures go to bench/results/in-jvm/ (see BENCHMARKS.md).",
    subcommands = {BenchCommand.Courses.class, BenchCommand.Recommend.class, BenchCommand.Analytics.class,
        BenchCommand.WindowSink.class, BenchCommand.Publish.class, BenchCommand.Validate.class})
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
    void parse(Locations locations) {
      if (sizes.isEmpty() || sizes.stream().anyMatch(size -> size < 100)) {
        throw new UsageException("--sizes must list sizes of at least 100 courses");
      }
      bench.validate();
    }

    @Override
    void run(SparkSession session) {
      List<Map<String, Object>> runs = CourseBenchmark.run(session, new CourseBenchmark.Options(
          sizes, bench.repetitions, bench.work(), bench.dataSeed, classifier.toRequest()));
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
    void parse(Locations locations) {
      if (sizes.isEmpty() || sizes.stream().anyMatch(size -> size < 1000)) {
        throw new UsageException("--interactions must list counts of at least 1000");
      }
      bench.validate();
    }

    @Override
    void run(SparkSession session) {
      List<Map<String, Object>> runs = RecommendBenchmark.run(session, new RecommendBenchmark.Options(
          sizes, bench.repetitions, bench.work(), bench.dataSeed, explicit ? Feedback.EXPLICIT : Feedback.IMPLICIT,
          noEval ? RecommendRequest.Evaluate.SKIP : RecommendRequest.Evaluate.HELD_OUT));
      bench.writeResults(session, "recommend", "recommend", runs);
    }
  }

  @Command(name = "analytics",
      description = "Kafka -> analytics -> Elasticsearch at a steady rate: sustained events/s, event-to-document latency.")
  static final class Analytics extends JobCommand {
    @Option(names = "--events", defaultValue = "1000000", paramLabel = "N", description = "events sent (default: ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--warmup", defaultValue = "200000", paramLabel = "N",
        description = "events sent at once and processed before timing starts (default: ${DEFAULT-VALUE})")
    long warmup;

    @Option(names = "--rate", defaultValue = "50000", paramLabel = "N", description = "events per second sent (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--kafka", defaultValue = "127.0.0.1:9092", paramLabel = "HOST:PORT", description = "Kafka bootstrap (default: ${DEFAULT-VALUE})")
    String kafka;

    @Option(names = "--elasticsearch", defaultValue = "http://127.0.0.1:9200", paramLabel = "URL",
        description = "Elasticsearch (default: ${DEFAULT-VALUE})")
    String elasticsearch;

    @Option(names = "--trigger", defaultValue = "1s", paramLabel = "INTERVAL", description = "micro-batch interval (default: ${DEFAULT-VALUE})")
    String trigger;

    @Option(names = "--per-course", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "the per-course figures and their index, as analytics does by default (default: on)")
    boolean perCourse;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
        description = "partitions of the run's topic (default: the broker's, 2 with scripts/kafka.sh)")
    int partitions;

    @Option(names = "--max-offsets-per-trigger", defaultValue = "0", paramLabel = "N",
        description = "as analytics --max-offsets-per-trigger (default: no limit)")
    long maxOffsetsPerTrigger;

    @Option(names = "--warehouse",
        description = "also keep the events and windows in a warehouse's Delta tables under the work folder, "
            + "written before Elasticsearch in each batch (as analytics --warehouse)")
    boolean warehouse;

    @Mixin BenchOptions bench;

    @Override
    String appName() {
      return "bench analytics";
    }

    @Override
    void parse(Locations locations) {
      if (events < 1_000 || rate < 1 || warmup < 0 || partitions < 0 || maxOffsetsPerTrigger < 0) {
        throw new UsageException("--events must be at least 1000, --rate positive, and --warmup, --partitions and "
            + "--max-offsets-per-trigger not negative");
      }
      bench.validate();
    }

    @Override
    void run(SparkSession session) {
      List<Map<String, Object>> runs = new ArrayList<>();
      try {
        for (int rep = 1; rep <= bench.repetitions; rep++) {
          runs.add(AnalyticsBenchmark.run(session, new AnalyticsBenchmark.Options(events, warmup, rate, kafka, elasticsearch,
              Durations.positive("--trigger", trigger), bench.work(), bench.dataSeed + rep, perCourse, partitions,
              maxOffsetsPerTrigger, warehouse ? AnalyticsBenchmark.Keep.WAREHOUSE : AnalyticsBenchmark.Keep.NONE)));
        }
      } catch (Exception e) {
        throw new IllegalStateException("bench analytics failed: " + e.getMessage(), e);
      }
      bench.writeResults(session, "analytics", "analytics", runs);
    }
  }

  @Command(name = "window-sink",
      description = "The warehouse's window sink's write time per batch (a Delta MERGE) as its table's history grows.")
  static final class WindowSink extends JobCommand {
    @Option(names = "--days", defaultValue = "60", paramLabel = "N", description = "batches, one day each (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--keys", defaultValue = "400", paramLabel = "K",
        description = "categories per day, 24 hourly windows each (default: ${DEFAULT-VALUE})")
    int keys;

    @Mixin BenchOptions bench;

    @Override
    String appName() {
      return "bench window-sink";
    }

    @Override
    void parse(Locations locations) {
      if (days < 2 || keys < 1) {
        throw new UsageException("--days must be at least 2 and --keys positive");
      }
      bench.validate();
    }

    @Override
    void run(SparkSession session) {
      List<Map<String, Object>> runs = new ArrayList<>();
      for (int rep = 1; rep <= bench.repetitions; rep++) {
        runs.add(WindowSinkBenchmark.run(session, new WindowSinkBenchmark.Options(days, keys, bench.work())));
      }
      bench.writeResults(session, "window sink", "window-sink", runs);
    }
  }

  @Command(name = "publish",
      description = "Learner documents per second into a new recommendations index (bulk, refresh, alias move).")
  static final class Publish extends JobCommand {
    @Option(names = "--es", defaultValue = "http://127.0.0.1:9200", paramLabel = "URL",
        description = "Elasticsearch (default: ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--learners", defaultValue = "50000,500000", split = ",", paramLabel = "N[,N...]",
        description = "learners in the recommendations table (default: ${DEFAULT-VALUE})")
    List<Integer> learners;

    @Mixin BenchOptions bench;

    @Override
    String appName() {
      return "bench publish";
    }

    @Override
    void parse(Locations locations) {
      if (learners.stream().anyMatch(n -> n < 1)) {
        throw new UsageException("--learners must be positive");
      }
      bench.validate();
    }

    @Override
    void run(SparkSession session) {
      // A first, smaller publication warms the JVM, Spark's code generation and the connection up, as the jobs
      // that publish are after their training: it is not recorded.
      PublishBenchmark.run(session, new PublishBenchmark.Options(url, 5_000, bench.work()));
      List<Map<String, Object>> runs = new ArrayList<>();
      for (int rep = 1; rep <= bench.repetitions; rep++) {
        for (int n : learners) {
          runs.add(PublishBenchmark.run(session, new PublishBenchmark.Options(url, n, bench.work())));
        }
      }
      bench.writeResults(session, "publish", "publish", runs);
    }
  }

  @Command(name = "validate",
      description = "The event validator alone, one thread, no Spark: microseconds per generated event.")
  static final class Validate implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "500000", paramLabel = "N", description = "events (default: ${DEFAULT-VALUE})")
    int events;

    @Option(names = "--rounds", defaultValue = "8", paramLabel = "N",
        description = "passes over the events; the median of the second half is reported (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--data-seed", defaultValue = "7", paramLabel = "N", description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
      if (events < 1 || rounds < 2) {
        throw new UsageException("--events must be positive and --rounds at least 2");
      }
      ValidatorBenchmark.Result result = ValidatorBenchmark.run(events, rounds, seed);
      System.out.printf("validate: %,d events, %,d accepted; us per event by round: %s; warm: %.3f us per event%n",
          events, result.accepted(), result.microsPerEvent().stream().map(m -> String.format("%.3f", m))
              .collect(Collectors.joining(" ")), result.warmMicrosPerEvent());
      return 0;
    }
  }
}
