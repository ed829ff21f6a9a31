package io.inlearning.spark.recommendations;

import io.inlearning.spark.records.Feedback;
import java.util.Optional;

/**
 * A request settled before any data is read: the algorithm asked for (or {@code auto}), ALS's settings with
 * its penalty given or left to validation, EASE's penalty likewise, the evaluation and the list length. Model
 * selection ({@link ModelSelection}) turns what is left to validation into a {@link ModelSettings}.
 */
record RecommendPlan(Feedback feedback, AlgorithmChoice algorithm, int top, AlsPlan als, Penalty easeLambda,
                     Optional<Double> easeShare, RecommendRequest.EvaluationRequest evaluation) {
  /** λ when there is nothing to validate on (every learner has fewer than 3 interactions). */
  static final double FALLBACK_LAMBDA = 300;

  /** ALS's settings, the penalty given or to be chosen, and whether a grid is tried. */
  record AlsPlan(int rank, int maxIter, Penalty regParam, double alpha, RecommendRequest.AlsTuning tuning) {
    boolean tuned() {
      return tuning == RecommendRequest.AlsTuning.GRID;
    }
  }

  /**
   * The plan of a request: the rank by feedback unless given; ALS's penalty chosen on validation where the
   * algorithm is chosen there anyway ({@code auto}, {@code hybrid}), else {@link RecommendRequest#DEFAULT_REG_PARAM};
   * EASE's chosen on validation unless given.
   */
  static RecommendPlan of(RecommendRequest.ModelRequest model, RecommendRequest.EvaluationRequest evaluation) {
    RecommendRequest.AlsRequest als = model.als();
    int rank = als.rank().orElse(model.feedback() == Feedback.IMPLICIT
        ? RecommendRequest.IMPLICIT_RANK : RecommendRequest.EXPLICIT_RANK);
    boolean chooseRegParam = model.algorithm() == AlgorithmChoice.AUTO || model.algorithm() == AlgorithmChoice.HYBRID;
    Penalty regParam = als.regParam().map(Penalty::given)
        .orElse(chooseRegParam ? Penalty.onValidation() : Penalty.given(RecommendRequest.DEFAULT_REG_PARAM));
    Penalty lambda = model.easeLambda().map(Penalty::given).orElse(Penalty.onValidation());
    return new RecommendPlan(model.feedback(), model.algorithm(), model.top(),
        new AlsPlan(rank, als.maxIter(), regParam, als.alpha(), als.tuning()), lambda, model.easeShare(), evaluation);
  }

  boolean evaluates() {
    return evaluation.evaluate() == RecommendRequest.Evaluate.HELD_OUT;
  }

  long seed() {
    return evaluation.seed();
  }

  /** Whether validation folds of the training share have something to decide. */
  boolean needsSelection() {
    return als.tuned() || algorithm == AlgorithmChoice.AUTO
        || algorithm == AlgorithmChoice.HYBRID && !settled()
        || algorithm == AlgorithmChoice.EASE && easeLambda instanceof Penalty.OnValidation
        || algorithm == AlgorithmChoice.ALS && als.regParam() instanceof Penalty.OnValidation;
  }

  /** Whether nothing of the hybrid is left to validation: both penalties and the share given. */
  private boolean settled() {
    return als.regParam() instanceof Penalty.Given && easeLambda instanceof Penalty.Given && easeShare.isPresent();
  }

  /**
   * The settings of {@code chosen} with whatever is still open at its fallback: the penalties given, or
   * {@link RecommendRequest#DEFAULT_REG_PARAM} and {@link #FALLBACK_LAMBDA}.
   */
  ModelSettings settings(Algorithm chosen) {
    return new ModelSettings(feedback, chosen, new ModelSettings.AlsSettings(als.rank(), als.maxIter(),
        als.regParam().orElse(RecommendRequest.DEFAULT_REG_PARAM), als.alpha()),
        easeLambda.orElse(FALLBACK_LAMBDA), easeShare.orElse(ModelSettings.DEFAULT_EASE_SHARE), seed());
  }
}
