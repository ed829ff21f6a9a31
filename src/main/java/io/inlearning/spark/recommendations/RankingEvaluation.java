package io.inlearning.spark.recommendations;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;

import org.apache.spark.ml.evaluation.RankingEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Ranking metrics at k with Spark's {@link RankingEvaluator}, averaged over the learners that have test
 * interactions; relevant = any held-out course (binary relevance). For a learner with relevant set R and
 * top-k list p1..pk (hits h(i) = 1 when pi is in R):
 * precision@k = hits / k; recall@k = hits / |R|; NDCG@k = sum h(i)/log2(i+1) over the ideal
 * sum 1/log2(i+1) for i up to min(|R|, k); MAP@k = sum over hits of (hits so far / i) divided by
 * min(|R|, k). A learner with no recommendation scores 0 on all four.
 */
final class RankingEvaluation {
  static final String PREDICTED = "predicted";
  static final String RELEVANT = "relevant";

  private RankingEvaluation() {}

  /**
   * Metrics of top-k lists {@code (user, items)} against the held-out courses.
   *
   * @param relevant {@link #relevant} of the held-out rows, computed once per split
   */
  static RecommendMetrics.Ranking evaluate(Dataset<Row> topK, Dataset<Row> relevant, int k) {
    return metrics(join(topK, relevant), k);
  }

  /**
   * NDCG at k alone, in one pass: what model selection compares.
   *
   * @param relevant {@link #relevant} of the held-out rows, computed once per split
   */
  static double ndcg(Dataset<Row> topK, Dataset<Row> relevant, int k) {
    return new RankingEvaluator().setPredictionCol(PREDICTED).setLabelCol(RELEVANT).setK(k)
        .setMetricName("ndcgAtK").evaluate(join(topK, relevant));
  }

  /** (user, relevant array&lt;double&gt;) of held-out (user, course) rows. */
  static Dataset<Row> relevant(Dataset<Row> test) {
    return test.groupBy(col(IndexedInteractions.USER))
        .agg(collect_list(col(IndexedInteractions.COURSE).cast("double")).as(RELEVANT));
  }

  private static Dataset<Row> join(Dataset<Row> topK, Dataset<Row> relevant) {
    Dataset<Row> joined = relevant
        .join(topK.select(col(IndexedInteractions.USER), col(TopK.ITEMS).cast("array<double>").as(PREDICTED)),
            IndexedInteractions.USER, "left")
        .select(coalesce(col(PREDICTED), array().cast("array<double>")).as(PREDICTED), col(RELEVANT));
    return joined;
  }

  /** Metrics of rows (predicted array&lt;double&gt;, relevant array&lt;double&gt;). */
  static RecommendMetrics.Ranking metrics(Dataset<Row> predictedAndRelevant, int k) {
    Dataset<Row> rows = predictedAndRelevant.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      RankingEvaluator evaluator = new RankingEvaluator()
          .setPredictionCol(PREDICTED)
          .setLabelCol(RELEVANT)
          .setK(k);
      return new RecommendMetrics.Ranking(evaluator.setMetricName("precisionAtK").evaluate(rows),
          evaluator.setMetricName("recallAtK").evaluate(rows), evaluator.setMetricName("ndcgAtK").evaluate(rows),
          evaluator.setMetricName("meanAveragePrecisionAtK").evaluate(rows));
    } finally {
      rows.unpersist();
    }
  }
}
