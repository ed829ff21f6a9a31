package io.inlearning.spark.recommendations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code --tune}: a small grid (rank x regParam, x alpha for implicit feedback) trained on a stratified
 * split of the training share (never of the test share) and ranked by NDCG@k on its validation part.
 */
final class Tuning {
  static final int[] RANKS = {10, 20, 40};
  static final double[] REG_PARAMS = {0.01, 0.1};
  static final double[] ALPHAS = {1, 10};

  record Tuned(RecommendSettings best, Map<String, Object> report) {}

  private Tuning() {}

  static Tuned run(Dataset<Row> train, int courseCount, RecommendSettings settings, String checkpointDir) {
    List<Map<String, Object>> grid = new ArrayList<>();
    RecommendSettings best = settings;
    double bestNdcg = Double.NEGATIVE_INFINITY;
    try (StratifiedSplit inner = StratifiedSplit.of(train, settings.testFraction(), settings.seed() + 1)) {
      double[] alphas = settings.implicit() ? ALPHAS : new double[] {settings.alpha()};
      for (int rank : RANKS) {
        for (double regParam : REG_PARAMS) {
          for (double alpha : alphas) {
            RecommendSettings candidate = settings.withModel(rank, regParam, alpha);
            ALSModel model = AlsTraining.train(inner.train, candidate, checkpointDir);
            double ndcg = (double) Evaluation.ranking(model, inner, courseCount, settings.top()).get("ndcg_at_k");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rank", rank);
            row.put("reg_param", regParam);
            if (settings.implicit()) {
              row.put("alpha", alpha);
            }
            row.put("validation_ndcg_at_k", ndcg);
            grid.add(row);
            if (ndcg > bestNdcg) {
              bestNdcg = ndcg;
              best = candidate;
            }
          }
        }
      }
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("validation_interactions", inner.testCount);
      report.put("grid", grid);
      report.put("chosen", Map.of("rank", best.rank(), "reg_param", best.regParam(), "alpha", best.alpha()));
      return new Tuned(best, report);
    }
  }
}
