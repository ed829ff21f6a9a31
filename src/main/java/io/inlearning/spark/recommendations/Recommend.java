package io.inlearning.spark.recommendations;

import io.inlearning.spark.common.AtomicOutput;
import io.inlearning.spark.common.InputFormat;
import io.inlearning.spark.common.Phases;
import io.inlearning.spark.common.RecordCounts;
import io.inlearning.spark.common.RecordReader;
import io.inlearning.spark.common.Reports;
import io.inlearning.spark.common.UsageException;
import io.inlearning.spark.common.ValidatedRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code recommend}: validates interactions, maps ids to ints, evaluates ALS against the most-popular
 * baseline on a per-learner split (unless told not to), trains again on all interactions and writes the
 * top k unseen courses of every learner ({@code recommendations/parquet|json}), {@code model/},
 * {@code _rejected/} and {@code metrics.json}.
 */
public final class Recommend {
  public record Options(String interactions, InputFormat format, int maxRecordBytes, String output,
                        RecommendSettings settings, boolean overwrite) {
    public static Options of(String interactions, String output, RecommendSettings settings) {
      return new Options(interactions, InputFormat.AUTO, RecordReader.DEFAULT_MAX_RECORD_BYTES, output, settings,
          false);
    }

    public Options overwriting() {
      return new Options(interactions, format, maxRecordBytes, output, settings, true);
    }
  }

  public record Result(String output, RecordCounts counts, RecommendSettings used, long learners,
                       Map<String, Object> metrics) {}

  private Recommend() {}

  /**
   * Lets AQE coalesce the shuffle partitions of cached plans: this job caches several small aggregates, which
   * would otherwise keep spark.sql.shuffle.partitions (200) partitions each and cost seconds per stage.
   */
  static final String CACHED_PLAN_PARTITIONING = "spark.sql.optimizer.canChangeCachedPlanOutputPartitioning";

  public static Result run(SparkSession spark, Options options) {
    String previous = spark.conf().get(CACHED_PLAN_PARTITIONING, "false");
    spark.conf().set(CACHED_PLAN_PARTITIONING, "true");
    try {
      return runJob(spark, options);
    } finally {
      spark.conf().set(CACHED_PLAN_PARTITIONING, previous);
    }
  }

  private static Result runJob(SparkSession spark, Options options) {
    Phases phases = new Phases(spark.sparkContext());
    RecommendSettings settings = options.settings();
    try (AtomicOutput out = AtomicOutput.create(spark, options.output(), options.overwrite());
         ValidatedRecords records = phases.run("read+validate", () -> read(spark, options))) {
      RecordCounts counts = records.counts();
      if (counts.accepted() == 0) {
        throw new UsageException("no valid interactions: all " + counts.read() + " records were rejected "
            + counts.rejectedByReason());
      }
      String checkpoints = out.path("_als-checkpoints");
      Map<String, Object> report = header(spark, options, out.target());
      try (IndexedInteractions data = phases.run("index ids",
          () -> IndexedInteractions.of(records.accepted(), counts.accepted(), settings.implicit()))) {
        Map<String, Object> evaluation = new LinkedHashMap<>();
        RecommendSettings used = settings.evaluate()
            ? evaluate(data, settings, checkpoints, phases, report, evaluation) : settings;
        ALSModel model = phases.run(settings.evaluate() ? "train final" : "train",
            () -> AlsTraining.train(data.ratings, used, checkpoints));
        Dataset<Row> seen = IndexedInteractions.seen(data.ratings).persist(StorageLevel.MEMORY_AND_DISK());
        try (Recommendations recommendations = phases.run("recommend", () -> Recommendations.of(
            TopK.fromModel(model, data.users, seen, (int) data.courseCount(), used.top()), data, used.top()))) {
          phases.run("write", () -> {
            recommendations.write(out.path("recommendations"));
            saveModel(model, data, out.path("model"));
            records.writeRejected(out.path("_rejected"));
            AlsTraining.deleteCheckpoints(spark, checkpoints);
          });
          seen.unpersist();
          report.put("settings", used.toMap());
          report.put("records", counts.toMap());
          report.put("duplicates_aggregated", data.duplicatesAggregated);
          report.put("interactions", data.pairs);
          report.put("users", data.userCount);
          report.put("courses", data.courseCount());
          report.put("k", used.top());
          putEvaluation(report, evaluation);
          Map<String, Object> written = new LinkedHashMap<>();
          written.put("learners", recommendations.learners);
          written.put("recommendations", recommendations.recommended);
          written.put("learners_with_fewer_than_k", recommendations.learnersWithFewerThanK);
          written.put("from_model", settings.evaluate()
              ? "retrained on all interactions after evaluation" : "trained on all interactions");
          report.put("recommendations", written);
          report.put("score_distribution", phases.run("score distribution", recommendations::scoreDistribution));
          Map<String, Double> timings = phases.report();
          report.put("timings_seconds", timings);
          report.put("interactions_per_second", Phases.round(counts.read() / Math.max(timings.get("total"), 1e-3)));
          out.writeJson("metrics.json", report);
          out.writeText("report.html", RecommendReportPage.render(report));
          out.commit();
          return new Result(out.target(), counts, used, recommendations.learners, report);
        }
      }
    }
  }

  /** Split, tune (when asked), train on the training share, evaluate; returns the settings to use. */
  private static RecommendSettings evaluate(IndexedInteractions data, RecommendSettings requested,
                                            String checkpoints, Phases phases, Map<String, Object> report,
                                            Map<String, Object> evaluation) {
    int courses = (int) data.courseCount();
    try (StratifiedSplit split = phases.run("split",
        () -> StratifiedSplit.of(data.ratings, requested.testFraction(), requested.seed()))) {
      evaluation.put("split", split.toMap());
      if (split.testCount == 0) {
        evaluation.put("skipped", "no learner has enough interactions to hold some out (3 or more)");
        return requested;
      }
      RecommendSettings chosen = requested;
      if (requested.tune()) {
        Tuning.Tuned tuned = phases.run("tune", () -> Tuning.run(split.train, courses, requested, checkpoints));
        chosen = tuned.best();
        report.put("tuning", tuned.report());
      }
      RecommendSettings settings = chosen;
      ALSModel model = phases.run("train", () -> AlsTraining.train(split.train, settings, checkpoints));
      evaluation.putAll(phases.run("evaluate", () -> Evaluation.full(model, split, courses, settings)));
      evaluation.put("model", "trained on the training share; the recommendations come from a model "
          + "trained again on all interactions with the same settings");
      return settings;
    }
  }

  private static ValidatedRecords read(SparkSession spark, Options options) {
    ValidatedRecords records = new RecordReader(spark, InteractionSchema.of(options.settings().implicit()),
        options.maxRecordBytes()).read(options.interactions(), options.format());
    records.counts();
    return records;
  }

  /** The evaluation's headline metrics at the top level (the contract), details under "evaluation". */
  private static void putEvaluation(Map<String, Object> report, Map<String, Object> evaluation) {
    for (String key : new String[] {"rmse", "precision_at_k", "recall_at_k", "ndcg_at_k", "map_at_k", "baseline"}) {
      if (evaluation.containsKey(key)) {
        report.put(key, evaluation.remove(key));
      }
    }
    evaluation.remove("k");
    if (report.get("ndcg_at_k") instanceof Number model && report.get("baseline") instanceof Map<?, ?> baseline
        && baseline.get("ndcg_at_k") instanceof Number popular) {
      report.put("beats_baseline", model.doubleValue() > popular.doubleValue());
    }
    report.put("evaluation", evaluation.isEmpty() ? Map.of("skipped", "--no-eval") : evaluation);
  }

  private static void saveModel(ALSModel model, IndexedInteractions data, String folder) {
    try {
      model.save(folder + "/als");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the ALS model", e);
    }
    data.users.write().parquet(folder + "/users");
    data.courses.write().parquet(folder + "/courses");
  }

  private static Map<String, Object> header(SparkSession spark, Options options, String output) {
    return Reports.header(spark, "recommend", options.interactions(), output);
  }
}
