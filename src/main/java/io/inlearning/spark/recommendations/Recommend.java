package io.inlearning.spark.recommendations;

import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.files.AtomicOutput;
import io.inlearning.spark.files.HadoopFiles;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.records.CourseSchema;
import io.inlearning.spark.records.InputFormat;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.records.RecordReader;
import io.inlearning.spark.records.RecordSchema;
import io.inlearning.spark.records.ValidatedRecords;
import io.inlearning.spark.session.SessionScope;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code recommend}: validates interactions, maps ids to ints, settles the algorithm and its settings on
 * validation folds of the training share ({@link ModelSelection}), evaluates the model against the
 * most-popular baseline on a per-learner split (unless told not to), trains again on all interactions and
 * writes the top k unseen courses of every learner ({@code recommendations/parquet|json}; learners of the
 * learner list without history get the most popular courses; with a course catalogue, courses nobody took
 * yet are offered by text similarity), the k most similar courses of every course
 * ({@code similar-courses/parquet|json}), {@code model/}, {@code _rejected/} and {@code metrics.json}.
 */
public final class Recommend {
  /** The output folder, the counts of the input, the model settings used, the learners written, the figures. */
  public record Result(String output, RecordCounts counts, ModelSettings used, long learners,
                       RecommendMetrics metrics) {}

  private Recommend() {}

  /**
   * Lets AQE coalesce the shuffle partitions of cached plans: this job caches several small aggregates, which
   * would otherwise keep spark.sql.shuffle.partitions (200) partitions each and cost seconds per stage.
   */
  static final String CACHED_PLAN_PARTITIONING = "spark.sql.optimizer.canChangeCachedPlanOutputPartitioning";

  /** Leaves {@code spark}'s settings as it found them ({@link SessionScope}). */
  public static Result run(SparkSession spark, RecommendRequest request) {
    return SessionScope.run(spark, () -> {
      spark.conf().set(CACHED_PLAN_PARTITIONING, "true");
      return runJob(spark, request);
    });
  }

  private static Result runJob(SparkSession spark, RecommendRequest request) {
    Phases phases = new Phases(spark.sparkContext());
    RecommendPlan plan = RecommendPlan.of(request.model(), request.evaluation());
    RecommendRequest.ColdStart coldStart = request.coldStart();
    try (AtomicOutput out = AtomicOutput.create(spark, request.output());
         ValidatedRecords records = phases.run("read+validate", () -> read(spark, request));
         ValidatedRecords learnerList = coldStart.learners().map(learners -> phases.run("read learners",
             () -> readList(spark, request, learners, InteractionSchema.LEARNER))).orElse(null);
         ValidatedRecords catalogue = coldStart.courses().map(courses -> phases.run("read courses",
             () -> readList(spark, request, courses, CourseSchema.BATCH))).orElse(null);
         IndexedInteractions data = phases.run("index ids",
             () -> IndexedInteractions.of(records.accepted(), acceptedCount(records), plan.feedback()))) {
      int courses = (int) data.courseCount();
      if (plan.algorithm() == AlgorithmChoice.EASE || plan.algorithm() == AlgorithmChoice.HYBRID) {
        EaseTraining.checkFits(courses);
      }
      String checkpoints = out.path("_als-checkpoints");
      Settled settled = plan.evaluates() ? evaluate(data, plan, checkpoints, phases)
          : new Settled(select(data.ratings, courses, plan, checkpoints, phases), Optional.empty(),
              Optional.empty());
      ModelSettings used = settled.settings();
      Dataset<Row> seen = IndexedInteractions.seen(data.ratings).persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> withoutHistory = learnerList == null ? null : learnerList.accepted()
          .select(InteractionSchema.USER_ID).distinct().join(data.users, InteractionSchema.USER_ID, "left_anti");
      int top = plan.top();
      try (RecommendationModel model = phases.run(plan.evaluates() ? "train final" : "train",
               () -> RecommendationModel.train(data.ratings, courses, used, checkpoints));
           NewCourses newCourses = catalogue == null ? null : phases.run("new courses",
               () -> NewCourses.of(catalogue.accepted(), data, coldStart.newCourseSlots()));
           Recommendations recommendations = phases.run("recommend", () -> Recommendations.of(
               model.recommend(data.users, seen, top), data, newCourses, withoutHistory, top));
           SimilarCourses similar = phases.run("similar courses", () -> SimilarCourses.of(
               model.similarCourses(spark, top), data.courseIds, top))) {
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
        RecommendMetrics metrics = new RecommendReport(spark, request, plan, out.target(), settled, records.counts(),
            data).metrics(Optional.ofNullable(learnerList).map(ValidatedRecords::counts),
                Optional.ofNullable(newCourses).map(offered -> offered.offers(catalogue.counts(),
                    coldStart.newCourseSlots(), recommendations.contentRecommendations)),
                recommendations, similar, scores, phases.report());
        out.writeJson("metrics.json", metrics);
        out.writeText("report.html", RecommendReportPage.render(metrics));
        out.commit();
        return new Result(out.target(), records.counts(), used, recommendations.learners, metrics);
      }
    }
  }

  /**
   * The settings to train with, how they were chosen (when anything was open), and the held-out evaluation
   * with its details (unless skipped).
   */
  record Settled(ModelSettings settings, Optional<RecommendMetrics.ModelSelectionReport> selection,
                 Optional<RecommendMetrics.EvaluationDetails> evaluationDetails, Optional<Evaluation.Result> evaluation) {
    Settled(ModelSelection.Selected selected, Optional<RecommendMetrics.EvaluationDetails> details,
            Optional<Evaluation.Result> result) {
      this(selected.settings(), selected.report(), details, result);
    }
  }

  private static long acceptedCount(ValidatedRecords records) {
    RecordCounts counts = records.counts();
    if (counts.accepted() == 0) {
      throw InvalidRequestException.of("no valid interactions: all " + counts.read() + " records were rejected "
          + counts.rejectedByReason());
    }
    return counts.accepted();
  }

  /** Split, settle the settings on the training share, train there, evaluate. */
  private static Settled evaluate(IndexedInteractions data, RecommendPlan plan, String checkpoints, Phases phases) {
    int courses = (int) data.courseCount();
    try (StratifiedSplit split = phases.run("split",
        () -> StratifiedSplit.of(data.ratings, plan.evaluation().testFraction(), plan.seed()))) {
      if (split.testCount == 0) {
        return new Settled(select(data.ratings, courses, plan, checkpoints, phases),
            Optional.of(new RecommendMetrics.EvaluationDetails(split.report(),
                "no learner has enough interactions to hold some out (3 or more)", null, null, null, null, null)),
            Optional.empty());
      }
      ModelSelection.Selected selected = select(split.train, courses, plan, checkpoints, phases);
      try (RecommendationModel model = phases.run("train",
          () -> RecommendationModel.train(split.train, courses, selected.settings(), checkpoints))) {
        Evaluation.Result result = phases.run("evaluate",
            () -> Evaluation.full(model, split, plan.feedback(), plan.top()));
        Double current = plan.evaluation().current().map(settings -> settings.equals(selected.settings())
            ? result.model().ndcgAtK()
            : phases.run("evaluate current settings", () -> currentNdcg(split, courses, settings, plan, checkpoints)))
            .orElse(null);
        return new Settled(selected, Optional.of(new RecommendMetrics.EvaluationDetails(split.report(), null,
            result.rmseInteractions(), result.rmseDroppedColdStart(), result.coldStart(),
            "trained on the training share; the recommendations come from a model trained again on all "
                + "interactions with the same settings", current)), Optional.of(result));
      }
    }
  }

  /** NDCG at k of the settings in use before this run, trained on the same training share. */
  private static double currentNdcg(StratifiedSplit split, int courses, ModelSettings settings, RecommendPlan plan,
                                    String checkpoints) {
    if (settings.algorithm() != Algorithm.ALS) {
      EaseTraining.checkFits(courses);
    }
    try (RecommendationModel model = RecommendationModel.train(split.train, courses, settings, checkpoints)) {
      return Evaluation.ndcg(model, split, plan.top());
    }
  }

  /** The settings with the algorithm and its open settings decided on {@code trainShare}'s validation folds. */
  private static ModelSelection.Selected select(Dataset<Row> trainShare, int courses, RecommendPlan plan,
                                                String checkpoints, Phases phases) {
    if (!plan.needsSelection()) {
      Algorithm asked = plan.algorithm().fixed()
          .orElseThrow(() -> new IllegalStateException("auto always needs model selection"));
      return new ModelSelection.Selected(plan.settings(asked), Optional.empty());
    }
    return phases.run("select model", () -> ModelSelection.run(trainShare, courses, plan, checkpoints));
  }

  private static ValidatedRecords read(SparkSession spark, RecommendRequest request) {
    RecommendRequest.Input input = request.input();
    ValidatedRecords records = new RecordReader(spark, InteractionSchema.of(request.model().feedback()),
        input.maxRecordBytes()).read(input.path(), input.format());
    records.counts();
    return records;
  }

  /** A side input (learners, courses), read and validated like the interactions, in the same format. */
  private static ValidatedRecords readList(SparkSession spark, RecommendRequest request, String path,
                                           RecordSchema schema) {
    RecommendRequest.Input input = request.input();
    ValidatedRecords records = new RecordReader(spark, schema, input.maxRecordBytes()).read(path,
        input.format() == InputFormat.MOVIELENS ? InputFormat.AUTO : input.format());
    records.counts();
    return records;
  }
}
