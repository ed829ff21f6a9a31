package io.inlearning.spark.recommendations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --tune} for ALS: a grid around the defaults (rank x regParam, x alpha for implicit feedback), each
 * point scored by {@link ModelSelection}'s validation folds of the training share (never the test share).
 */
final class Tuning {
  static final int[] RANKS = {10, 20, 40};
  static final double[] REG_PARAMS = {0.05, 0.1, 0.3};
  static final double[] ALPHAS = {1, 3};

  record Tuned(ModelSelection.Candidate best, Map<String, Object> report) {}

  private Tuning() {}

  static Tuned run(ModelSelection.Scorer scorer, int courseCount, RecommendSettings settings, String checkpointDir) {
    List<Map<String, Object>> grid = new ArrayList<>();
    ModelSelection.Candidate best = null;
    double[] alphas = settings.implicit() ? ALPHAS : new double[] {settings.alpha()};
    for (int rank : RANKS) {
      for (double regParam : REG_PARAMS) {
        for (double alpha : alphas) {
          RecommendSettings candidate = settings.withModel(rank, regParam, alpha);
          ModelSelection.Candidate scored = scorer.score(candidate, f -> RecommendationModel.als(
              AlsTraining.train(scorer.folds().get(f).train, candidate, checkpointDir), courseCount));
          grid.add(scorer.tried().remove(scorer.tried().size() - 1));
          best = ModelSelection.keepBetter(best, scored);
        }
      }
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("grid", grid);
    report.put("chosen", Map.of("rank", best.settings().rank(), "reg_param", best.settings().regParam(),
        "alpha", best.settings().alpha()));
    return new Tuned(best, report);
  }
}
