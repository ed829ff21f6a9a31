package io.inlearning.spark.recommendations;

import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.report.JobRun;
import io.inlearning.spark.report.SparkInfo;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** Builds the metrics.json of {@code recommend} from what the job settled, counted and wrote. */
final class RecommendReport {
  private final SparkSession spark;
  private final RecommendRequest request;
  private final RecommendPlan plan;
  private final String output;
  private final Recommend.Settled settled;
  private final RecordCounts counts;
  private final IndexedInteractions data;

  RecommendReport(SparkSession spark, RecommendRequest request, RecommendPlan plan, String output,
                  Recommend.Settled settled, RecordCounts counts, IndexedInteractions data) {
    this.spark = spark;
    this.request = request;
    this.plan = plan;
    this.output = output;
    this.settled = settled;
    this.counts = counts;
    this.data = data;
  }

  RecommendMetrics metrics(Optional<RecordCounts> learnerList, Optional<RecommendMetrics.NewCourseOffers> newCourses,
                           Recommendations recommendations, SimilarCourses similar,
                           RecommendMetrics.ScoreDistribution scores, Map<String, Double> timings) {
    ModelSettings used = settled.settings();
    RecommendMetrics.Quality quality = settled.evaluation().map(evaluation -> new RecommendMetrics.Quality(
        evaluation.rmse(), evaluation.model(), evaluation.baseline(),
        evaluation.model().ndcgAtK() > evaluation.baseline().ranking().ndcgAtK()))
        .orElse(RecommendMetrics.Quality.NONE);
    return new RecommendMetrics(new JobRun("recommend", request.input().path(), output, SparkInfo.of(spark)),
        settled.selection().orElse(null), settings(used),
        new RecommendMetrics.Read(counts, learnerList.orElse(null), newCourses.orElse(null)),
        new RecommendMetrics.Data(data.duplicatesAggregated, data.pairs, data.userCount, data.courseCount(),
            plan.top()),
        quality, settled.evaluationDetails().orElse(RecommendMetrics.EvaluationDetails.skipped("not asked for")),
        new RecommendMetrics.Outputs(written(recommendations), similar(similar, used), scores),
        new RecommendMetrics.Performance(timings, Phases.perSecond(counts.read(), timings.get("total"))), null);
  }

  /** The settings used, those of the algorithm only. */
  private RecommendMetrics.Settings settings(ModelSettings used) {
    Algorithm algorithm = used.algorithm();
    boolean als = algorithm.usesAls();
    ModelSettings.AlsSettings alsSettings = used.als();
    RecommendMetrics.AlsUsed alsUsed = als ? new RecommendMetrics.AlsUsed(alsSettings.rank(), alsSettings.maxIter(),
        alsSettings.regParam(), used.implicit() ? alsSettings.alpha() : null)
        : new RecommendMetrics.AlsUsed(null, null, null, null);
    return new RecommendMetrics.Settings(used.feedback().toString(), algorithm.toString(), plan.top(), alsUsed,
        algorithm.usesEase() ? used.easeLambda() : null, algorithm == Algorithm.HYBRID ? used.easeShare() : null,
        new RecommendMetrics.EvaluationUsed(plan.evaluates(), plan.evaluates() ? plan.evaluation().testFraction() : 0,
            plan.seed()),
        plan.als().tuned());
  }

  private RecommendMetrics.Written written(Recommendations recommendations) {
    return new RecommendMetrics.Written(recommendations.learners,
        recommendations.learners - recommendations.popularLearners, recommendations.popularLearners,
        recommendations.recommended, recommendations.learnersWithFewerThanK, recommendations.learnersWithNone,
        (plan.evaluates() ? "retrained on all interactions after evaluation" : "trained on all interactions")
            + " with the settings above");
  }

  private static RecommendMetrics.Similar similar(SimilarCourses similar, ModelSettings used) {
    return new RecommendMetrics.Similar(similar.courses, similar.coursesWithFewerThanK,
        used.algorithm() == Algorithm.ALS ? "cosine of the ALS course factors" : "the EASE weights");
  }
}
