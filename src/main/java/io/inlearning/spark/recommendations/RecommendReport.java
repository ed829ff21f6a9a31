package io.inlearning.spark.recommendations;

import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.report.SparkInfo;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Builds the metrics.json of {@code recommend} from what the job settled, counted and wrote. */
final class RecommendReport {
  private final SparkSession spark;
  private final Recommend.Options options;
  private final String output;
  private final Recommend.Settled settled;
  private final RecordCounts counts;
  private final IndexedInteractions data;

  RecommendReport(SparkSession spark, Recommend.Options options, String output, Recommend.Settled settled,
                  RecordCounts counts, IndexedInteractions data) {
    this.spark = spark;
    this.options = options;
    this.output = output;
    this.settled = settled;
    this.counts = counts;
    this.data = data;
  }

  RecommendMetrics metrics(RecordCounts learnerList, RecommendMetrics.NewCourseOffers newCourses,
                           Recommendations recommendations, SimilarCourses similar,
                           RecommendMetrics.ScoreDistribution scores, Map<String, Double> timings) {
    RecommendSettings used = settled.settings();
    Evaluation.Result evaluation = settled.evaluation();
    RecommendMetrics.EvaluationDetails details = settled.evaluationDetails() != null ? settled.evaluationDetails()
        : RecommendMetrics.EvaluationDetails.skipped("--no-eval");
    return new RecommendMetrics("recommend", options.interactions(), output, SparkInfo.of(spark),
        settled.selection(), used.report(), counts, learnerList, newCourses, data.duplicatesAggregated, data.pairs,
        data.userCount, data.courseCount(), used.top(),
        evaluation == null ? null : evaluation.rmse(),
        evaluation == null ? null : evaluation.model(),
        evaluation == null ? null : evaluation.baseline(),
        evaluation == null ? null : evaluation.model().ndcgAtK() > evaluation.baseline().ranking().ndcgAtK(),
        details, written(recommendations), similar(similar, used), scores, timings,
        Phases.perSecond(counts.read(), timings.get("total")));
  }

  private RecommendMetrics.Written written(Recommendations recommendations) {
    return new RecommendMetrics.Written(recommendations.learners,
        recommendations.learners - recommendations.popularLearners, recommendations.popularLearners,
        recommendations.recommended, recommendations.learnersWithFewerThanK, recommendations.learnersWithNone,
        (options.settings().evaluate() ? "retrained on all interactions after evaluation" : "trained on all interactions")
            + " with the settings above");
  }

  private static RecommendMetrics.Similar similar(SimilarCourses similar, RecommendSettings used) {
    return new RecommendMetrics.Similar(similar.courses, similar.coursesWithFewerThanK,
        used.algorithm() == Algorithm.ALS ? "cosine of the ALS course factors" : "the EASE weights");
  }
}
