package io.inlearning.spark.recommendations;

import io.inlearning.spark.errors.UsageException;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.output.AtomicOutput;
import io.inlearning.spark.records.CourseSchema;
import io.inlearning.spark.records.InputFormat;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.records.RecordReader;
import io.inlearning.spark.records.RecordSchema;
import io.inlearning.spark.records.ValidatedRecords;
import io.inlearning.spark.report.Reports;
import io.inlearning.spark.session.SessionScope;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code recommend}: validates interactions, maps ids to ints, settles the algorithm and its settings on a
 * validation split of the training share ({@link ModelSelection}), evaluates the model against the
 * most-popular baseline on a per-learner split (unless told not to), trains again on all interactions and
 * writes the top k unseen courses of every learner ({@code recommendations/parquet|json}; learners of
 * {@code --learners} without history get the most popular courses; with {@code --courses}, courses nobody
 * took yet are offered by text similarity), the k most similar courses of every
 * course ({@code similar-courses/parquet|json}), {@code model/}, {@code _rejected/} and {@code metrics.json}.
 */
public final class Recommend {
  public record Options(String interactions, InputFormat format, int maxRecordBytes, String output,
                        RecommendSettings settings, boolean overwrite, ColdStart coldStart) {
    public static Options of(String interactions, String output, RecommendSettings settings) {
      return new Options(interactions, InputFormat.AUTO, RecordReader.DEFAULT_MAX_RECORD_BYTES, output, settings,
          false, ColdStart.NONE);
    }

    public Options overwriting() {
      return new Options(interactions, format, maxRecordBytes, output, settings, true, coldStart);
    }

    public Options with(ColdStart newColdStart) {
      return new Options(interactions, format, maxRecordBytes, output, settings, overwrite, newColdStart);
    }
  }

  /**
   * @param learners       learners (user_id records) who must get recommendations, those without history the
   *                       most popular courses; may be null
   * @param courses        the course catalogue (course records): its courses without interactions are offered by
   *                       text similarity; may be null
   * @param newCourseSlots places at the end of each list that new courses may take
   */
  public record ColdStart(String learners, String courses, int newCourseSlots) {
    public static final int DEFAULT_NEW_COURSE_SLOTS = 1;
    public static final ColdStart NONE = new ColdStart(null, null, DEFAULT_NEW_COURSE_SLOTS);

    public ColdStart {
      if (newCourseSlots < 1) {
        throw new UsageException("--new-course-slots must be at least 1, got " + newCourseSlots);
      }
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

  /** Leaves {@code spark}'s settings as it found them ({@link SessionScope}). */
  public static Result run(SparkSession spark, Options options) {
    return SessionScope.run(spark, () -> {
      spark.conf().set(CACHED_PLAN_PARTITIONING, "true");
      return runJob(spark, options);
    });
  }

  private static Result runJob(SparkSession spark, Options options) {
    Phases phases = new Phases(spark.sparkContext());
    RecommendSettings settings = options.settings();
    if (options.coldStart().newCourseSlots() > settings.top()) {
      throw new UsageException("--new-course-slots (" + options.coldStart().newCourseSlots()
          + ") cannot exceed --top (" + settings.top() + ")");
    }
    try (AtomicOutput out = AtomicOutput.create(spark, options.output(), options.overwrite());
         ValidatedRecords records = phases.run("read+validate", () -> read(spark, options));
         ValidatedRecords learnerList = options.coldStart().learners() == null ? null
             : phases.run("read learners", () -> readList(spark, options, options.coldStart().learners(),
                 InteractionSchema.LEARNER));
         ValidatedRecords catalogue = options.coldStart().courses() == null ? null
             : phases.run("read courses", () -> readList(spark, options, options.coldStart().courses(),
                 CourseSchema.BATCH))) {

      RecordCounts counts = records.counts();
      if (counts.accepted() == 0) {
        throw new UsageException("no valid interactions: all " + counts.read() + " records were rejected "
            + counts.rejectedByReason());
      }
      String checkpoints = out.path("_als-checkpoints");
      Map<String, Object> report = header(spark, options, out.target());
      try (IndexedInteractions data = phases.run("index ids",
          () -> IndexedInteractions.of(records.accepted(), counts.accepted(), settings.implicit()))) {
        int courses = (int) data.courseCount();
        if (settings.algorithm() == Algorithm.EASE || settings.algorithm() == Algorithm.HYBRID) {
          EaseTraining.checkFits(courses);
        }
        Map<String, Object> evaluation = new LinkedHashMap<>();
        RecommendSettings used = settings.evaluate()
            ? evaluate(data, settings, checkpoints, phases, report, evaluation)
            : select(data.ratings, courses, settings, checkpoints, phases, report);
        Dataset<Row> seen = IndexedInteractions.seen(data.ratings).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> withoutHistory = learnerList == null ? null : learnerList.accepted()
            .select(InteractionSchema.USER_ID).distinct().join(data.users, InteractionSchema.USER_ID, "left_anti");
        try (RecommendationModel model = phases.run(settings.evaluate() ? "train final" : "train",
                 () -> RecommendationModel.train(data.ratings, courses, used, checkpoints));
             NewCourses newCourses = catalogue == null ? null : phases.run("new courses",
                 () -> NewCourses.of(catalogue.accepted(), data, options.coldStart().newCourseSlots()));
             Recommendations recommendations = phases.run("recommend", () -> Recommendations.of(
                 model.recommend(data.users, seen, used.top()), data, newCourses, withoutHistory, used.top()));
             SimilarCourses similar = phases.run("similar courses", () -> SimilarCourses.of(
                 model.similarCourses(spark, used.top()), data.courseIds, used.top()))) {
          phases.run("write", () -> {
            recommendations.write(out.path("recommendations"));
            similar.write(out.path("similar-courses"));
            model.save(spark, out.path("model"));
            data.users.write().parquet(out.path("model/users"));
            data.courses.write().parquet(out.path("model/courses"));
            records.writeRejected(out.path("_rejected"));
            if (learnerList != null) {
              learnerList.writeRejected(out.path("_rejected_learners"));
            }
            if (catalogue != null) {
              catalogue.writeRejected(out.path("_rejected_courses"));
            }
            AlsTraining.deleteCheckpoints(spark, checkpoints);
          });
          seen.unpersist();
          report.put("settings", used.toMap());
          report.put("records", counts.toMap());
          if (learnerList != null) {
            report.put("learner_list", learnerList.counts().toMap());
          }
          if (catalogue != null) {
            Map<String, Object> fresh = new LinkedHashMap<>();
            fresh.put("records", catalogue.counts().toMap());
            fresh.put("catalogue_courses", newCourses.catalogue);
            fresh.put("courses_without_interactions", newCourses.newCourses);
            fresh.put("slots_per_learner", options.coldStart().newCourseSlots());
            fresh.put("learners_offered_one", newCourses.learners);
            fresh.put("recommendations", recommendations.contentRecommendations);
            report.put("new_courses", fresh);
          }
          report.put("duplicates_aggregated", data.duplicatesAggregated);
          report.put("interactions", data.pairs);
          report.put("users", data.userCount);
          report.put("courses", data.courseCount());
          report.put("k", used.top());
          putEvaluation(report, evaluation);
          Map<String, Object> written = new LinkedHashMap<>();
          written.put("learners", recommendations.learners);
          written.put("from_model", recommendations.learners - recommendations.popularLearners);
          written.put("most_popular_without_history", recommendations.popularLearners);
          written.put("recommendations", recommendations.recommended);
          written.put("learners_with_fewer_than_k", recommendations.learnersWithFewerThanK);
          written.put("model", (settings.evaluate()
              ? "retrained on all interactions after evaluation" : "trained on all interactions")
              + " with the settings above");
          report.put("recommendations", written);
          report.put("similar_courses", Map.of("courses", similar.courses,
              "courses_with_fewer_than_k", similar.coursesWithFewerThanK,
              "from", used.algorithm() == Algorithm.ALS ? "cosine of the ALS course factors" : "the EASE weights"));
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

  /** Split, settle the settings on the training share, train there, evaluate; returns the settings to use. */
  private static RecommendSettings evaluate(IndexedInteractions data, RecommendSettings requested,
                                            String checkpoints, Phases phases, Map<String, Object> report,
                                            Map<String, Object> evaluation) {
    int courses = (int) data.courseCount();
    try (StratifiedSplit split = phases.run("split",
        () -> StratifiedSplit.of(data.ratings, requested.testFraction(), requested.seed()))) {
      evaluation.put("split", split.toMap());
      if (split.testCount == 0) {
        evaluation.put("skipped", "no learner has enough interactions to hold some out (3 or more)");
        return select(data.ratings, courses, requested, checkpoints, phases, report);
      }
      RecommendSettings settings = select(split.train, courses, requested, checkpoints, phases, report);
      try (RecommendationModel model = phases.run("train",
          () -> RecommendationModel.train(split.train, courses, settings, checkpoints))) {
        evaluation.putAll(phases.run("evaluate", () -> Evaluation.full(model, split, settings)));
      }
      evaluation.put("model", "trained on the training share; the recommendations come from a model "
          + "trained again on all interactions with the same settings");
      return settings;
    }
  }

  /** The settings with the algorithm and its open settings decided on {@code trainShare}'s validation split. */
  private static RecommendSettings select(Dataset<Row> trainShare, int courses, RecommendSettings requested,
                                          String checkpoints, Phases phases, Map<String, Object> report) {
    if (!requested.needsSelection()) {
      return requested;
    }
    ModelSelection.Selected selected = phases.run("select model",
        () -> ModelSelection.run(trainShare, courses, requested, checkpoints));
    report.put("model_selection", selected.report());
    return selected.settings();
  }

  private static ValidatedRecords read(SparkSession spark, Options options) {
    ValidatedRecords records = new RecordReader(spark, InteractionSchema.of(options.settings().implicit()),
        options.maxRecordBytes()).read(options.interactions(), options.format());
    records.counts();
    return records;
  }

  /** A side input (learners, courses), read and validated like the interactions, in the same format. */
  private static ValidatedRecords readList(SparkSession spark, Options options, String path, RecordSchema schema) {
    ValidatedRecords records = new RecordReader(spark, schema, options.maxRecordBytes()).read(path,
        options.format() == InputFormat.MOVIELENS ? InputFormat.AUTO : options.format());
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

  private static Map<String, Object> header(SparkSession spark, Options options, String output) {
    return Reports.header(spark, "recommend", options.interactions(), output);
  }
}
