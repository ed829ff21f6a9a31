package io.inlearning.spark.recommendations;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

import io.inlearning.spark.records.Feedback;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Evaluates a model trained on the training share of a split against its test share, next to the
 * most-popular baseline (popularity = learners per course in the training share), both with each learner's
 * training courses excluded from their top k.
 */
final class Evaluation {
  private Evaluation() {}

  /** NDCG at k of the model alone (what model selection compares). */
  static double ndcg(RecommendationModel model, StratifiedSplit split, int k) {
    Dataset<Row> relevant = split.relevant();
    return RankingEvaluation.ndcg(model.recommend(relevant.select(IndexedInteractions.USER), split.trainSeen(), k),
        relevant, k);
  }

  /**
   * The held-out figures of a model: its ranking metrics and the most-popular baseline's, RMSE for
   * explicit-feedback ALS (null when no held-out rating could be scored), and cold-start counts.
   */
  record Result(RecommendMetrics.Ranking model, RecommendMetrics.Baseline baseline, Double rmse,
                Long rmseInteractions, Long rmseDroppedColdStart, RecommendMetrics.ColdStartCounts coldStart) {}

  static Result full(RecommendationModel model, StratifiedSplit split, Feedback feedback, int k) {
    Double rmse = null;
    Long rmseInteractions = null;
    Long rmseDropped = null;
    if (feedback == Feedback.EXPLICIT && model.als != null) {
      Dataset<Row> predicted = model.als.transform(split.test).persist(StorageLevel.MEMORY_AND_DISK());
      long scored = predicted.count();
      rmse = scored == 0 ? null : new RegressionEvaluator()
          .setMetricName("rmse")
          .setLabelCol(IndexedInteractions.RATING)
          .setPredictionCol("prediction")
          .evaluate(predicted);
      rmseInteractions = scored;
      rmseDropped = split.testCount - scored;
      predicted.unpersist();
    }
    Dataset<Row> seen = split.trainSeen();
    Dataset<Row> relevant = split.relevant();
    Dataset<Row> testUsers = relevant.select(IndexedInteractions.USER);
    RecommendMetrics.Ranking ranking = RankingEvaluation.evaluate(model.recommend(testUsers, seen, k), relevant, k);
    RecommendMetrics.Baseline baseline = new RecommendMetrics.Baseline("most_popular", RankingEvaluation.evaluate(
        TopK.mostPopular(split.train, seen.join(testUsers, IndexedInteractions.USER), k), relevant, k));
    Dataset<Row> trainCourses = split.train.select(col(IndexedInteractions.COURSE)).distinct();
    Row cold = split.test.join(trainCourses, IndexedInteractions.COURSE, "left_anti")
        .agg(countDistinct(col(IndexedInteractions.COURSE)), count(lit(1))).first();
    // The split keeps at least one interaction of every learner in training: no test learner is unknown.
    RecommendMetrics.ColdStartCounts coldStart = new RecommendMetrics.ColdStartCounts(0, cold.getLong(0),
        cold.getLong(1));
    return new Result(ranking, baseline, rmse, rmseInteractions, rmseDropped, coldStart);
  }
}
