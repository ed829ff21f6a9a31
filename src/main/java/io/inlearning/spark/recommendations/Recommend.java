package io.inlearning.spark.recommendations;

import io.inlearning.spark.errors.UsageException;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.output.AtomicOutput;
import io.inlearning.spark.output.HadoopFiles;
import io.inlearning.spark.records.CourseSchema;
import io.inlearning.spark.records.InputFormat;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.records.RecordReader;
import io.inlearning.spark.records.RecordSchema;
import io.inlearning.spark.records.ValidatedRecords;
import io.inlearning.spark.session.SessionScope;
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
                       RecommendMetrics metrics) {}

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
                 CourseSchema.BATCH));
         IndexedInteractions data = phases.run("index ids",
             () -> IndexedInteractions.of(records.accepted(), acceptedCount(records), settings.implicit()))) {
      int courses = (int) data.courseCount();
      if (settings.algorithm() == Algorithm.EASE || settings.algorithm() == Algorithm.HYBRID) {
        EaseTraining.checkFits(courses);
      }
      String checkpoints = out.path("_als-checkpoints");
      Settled settled = settings.evaluate() ? evaluate(data, settings, checkpoints, phases)
          : new Settled(select(data.ratings, courses, settings, checkpoints, phases), null, null);
      RecommendSettings used = settled.settings();
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
          HadoopFiles.delete(spark, checkpoints);
        });
        seen.unpersist();
        RecommendMetrics.ScoreDistribution scores = phases.run("score distribution",
            recommendations::scoreDistribution);
        RecommendMetrics metrics = new RecommendReport(spark, options, out.target(), settled, records.counts(), data)
            .metrics(learnerList == null ? null : learnerList.counts(),
                newCourses == null ? null : newCourses.offers(catalogue.counts(), options.coldStart().newCourseSlots(),
                    recommendations.contentRecommendations),
                recommendations, similar, scores, phases.report());
        out.writeJson("metrics.json", metrics);
        out.writeText("report.html", RecommendReportPage.render(metrics));
        out.commit();
        return new Result(out.target(), records.counts(), used, recommendations.learners, metrics);
      }
    }
  }

  /**
   * The settings to train with, how they were chosen ({@code selection}: null when nothing was open), and the
   * held-out evaluation ({@code evaluation}: null with {@code --no-eval}).
   */
  record Settled(RecommendSettings settings, RecommendMetrics.ModelSelectionReport selection,
                 RecommendMetrics.EvaluationDetails evaluationDetails, Evaluation.Result evaluation) {
    Settled(ModelSelection.Selected selected, RecommendMetrics.EvaluationDetails details, Evaluation.Result result) {
      this(selected.settings(), selected.report(), details, result);
    }
  }

  private static long acceptedCount(ValidatedRecords records) {
    RecordCounts counts = records.counts();
    if (counts.accepted() == 0) {
      throw new UsageException("no valid interactions: all " + counts.read() + " records were rejected "
          + counts.rejectedByReason());
    }
    return counts.accepted();
  }

  /** Split, settle the settings on the training share, train there, evaluate. */
  private static Settled evaluate(IndexedInteractions data, RecommendSettings requested, String checkpoints,
                                  Phases phases) {
    int courses = (int) data.courseCount();
    try (StratifiedSplit split = phases.run("split",
        () -> StratifiedSplit.of(data.ratings, requested.testFraction(), requested.seed()))) {
      if (split.testCount == 0) {
        return new Settled(select(data.ratings, courses, requested, checkpoints, phases),
            new RecommendMetrics.EvaluationDetails(split.report(),
                "no learner has enough interactions to hold some out (3 or more)", null, null, null, null), null);
      }
      ModelSelection.Selected selected = select(split.train, courses, requested, checkpoints, phases);
      try (RecommendationModel model = phases.run("train",
          () -> RecommendationModel.train(split.train, courses, selected.settings(), checkpoints))) {
        Evaluation.Result result = phases.run("evaluate", () -> Evaluation.full(model, split, selected.settings()));
        return new Settled(selected, new RecommendMetrics.EvaluationDetails(split.report(), null,
            result.rmseInteractions(), result.rmseDroppedColdStart(), result.coldStart(),
            "trained on the training share; the recommendations come from a model trained again on all "
                + "interactions with the same settings"), result);
      }
    }
  }

  /** The settings with the algorithm and its open settings decided on {@code trainShare}'s validation split. */
  private static ModelSelection.Selected select(Dataset<Row> trainShare, int courses, RecommendSettings requested,
                                                String checkpoints, Phases phases) {
    if (!requested.needsSelection()) {
      return new ModelSelection.Selected(requested, null);
    }
    return phases.run("select model", () -> ModelSelection.run(trainShare, courses, requested, checkpoints));
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
}
