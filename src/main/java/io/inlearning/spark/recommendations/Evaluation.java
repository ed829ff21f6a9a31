package io.inlearning.spark.recommendations;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.Map;
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

  /** The model's metrics (plus RMSE for explicit-feedback ALS), the baseline's, and cold-start counts. */
  static Map<String, Object> full(RecommendationModel model, StratifiedSplit split, RecommendSettings settings) {
    int k = settings.top();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("k", k);
    if (!settings.implicit() && model.als != null) {
      Dataset<Row> predicted = model.als.transform(split.test).persist(StorageLevel.MEMORY_AND_DISK());
      long scored = predicted.count();
      report.put("rmse", scored == 0 ? null : new RegressionEvaluator()
          .setMetricName("rmse")
          .setLabelCol(IndexedInteractions.RATING)
          .setPredictionCol("prediction")
          .evaluate(predicted));
      report.put("rmse_interactions", scored);
      report.put("rmse_dropped_cold_start", split.testCount - scored);
      predicted.unpersist();
    }
    Dataset<Row> seen = split.trainSeen();
    Dataset<Row> testUsers = split.relevant().select(IndexedInteractions.USER);
    report.putAll(RankingEvaluation.evaluate(model.recommend(testUsers, seen, k), split.test, k));
    Map<String, Object> baseline = new LinkedHashMap<>();
    baseline.put("name", "most_popular");
    baseline.putAll(RankingEvaluation.evaluate(
        TopK.mostPopular(split.train, seen.join(testUsers, IndexedInteractions.USER), k), split.test, k));
    report.put("baseline", baseline);
    Dataset<Row> trainCourses = split.train.select(col(IndexedInteractions.COURSE)).distinct();
    Dataset<Row> coldTest = split.test.join(trainCourses, IndexedInteractions.COURSE, "left_anti");
    Map<String, Object> cold = new LinkedHashMap<>();
    // The split keeps at least one interaction of every learner in training: no test learner is unknown.
    cold.put("test_learners_unseen_in_training", 0);
    cold.put("test_courses_unseen_in_training", coldTest.select(IndexedInteractions.COURSE).distinct().count());
    cold.put("test_interactions_with_unseen_courses", coldTest.count());
    report.put("cold_start", cold);
    return report;
  }
}
