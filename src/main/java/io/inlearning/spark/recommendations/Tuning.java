package io.inlearning.spark.recommendations;

import java.util.ArrayList;
import java.util.List;

/**
 * Tuning of ALS: a grid around the defaults (rank x regParam, x alpha for implicit feedback), each
 * point scored by {@link ModelSelection}'s validation folds of the training share (never the test share).
 */
final class Tuning {
  static final int[] RANKS = {10, 20, 40};
  static final double[] REG_PARAMS = {0.05, 0.1, 0.3};
  static final double[] ALPHAS = {1, 3};

  record Tuned(ModelSelection.Candidate best, RecommendMetrics.AlsTuning report) {}

  private Tuning() {}

  static Tuned run(ModelSelection.Scorer scorer, int courseCount, ModelSettings settings, String checkpointDir) {
    List<RecommendMetrics.CandidateScore> grid = new ArrayList<>();
    ModelSelection.Candidate best = null;
    double[] alphas = settings.implicit() ? ALPHAS : new double[] {settings.als().alpha()};
    for (int rank : RANKS) {
      for (double regParam : REG_PARAMS) {
        for (double alpha : alphas) {
          ModelSettings candidate = settings.withAls(
              new ModelSettings.AlsSettings(rank, settings.als().maxIter(), regParam, alpha));
          ModelSelection.Candidate scored = ModelSelection.alsAt(scorer, courseCount, candidate, checkpointDir);
          grid.add(scorer.tried().remove(scorer.tried().size() - 1));
          best = ModelSelection.keepBetter(best, scored);
        }
      }
    }
    ModelSettings.AlsSettings chosen = best.settings().als();
    return new Tuned(best, new RecommendMetrics.AlsTuning(List.copyOf(grid),
        new RecommendMetrics.AlsChoice(chosen.rank(), chosen.regParam(), chosen.alpha())));
  }
}
