package io.inlearning.spark.recommendations;

import io.inlearning.spark.errors.UsageException;
import java.io.Serializable;

/**
 * How the recommender trains and is evaluated. Explicit feedback keeps the seed's ALS settings (rank 10,
 * regParam 0.1, maxIter 10); implicit feedback defaults to {@code auto}: ALS (rank 20, alpha 1, regParam and
 * EASE's λ chosen on validation), EASE and their mix, the one that ranks best on validation folds of the
 * training share.
 *
 * @param top          recommendations per learner, and the k of the ranking metrics
 * @param testFraction share of each learner's interactions held out for evaluation, and of the training share
 *                     held out for validation
 * @param seed         seed of the split and of ALS
 * @param regParam     ALS's L2 penalty; {@link #CHOOSE_REG_PARAM} = chosen on validation
 * @param easeLambda   EASE's L2 penalty; {@link #CHOOSE_LAMBDA} = chosen on validation
 * @param easeShare    weight of the EASE scores in {@code hybrid} (the rest is ALS's)
 */
public record RecommendSettings(int top, boolean implicit, Algorithm algorithm, int rank, int maxIter,
                                double regParam, double alpha, double easeLambda, double easeShare,
                                boolean evaluate, double testFraction, long seed, boolean tune)
    implements Serializable {
  public static final int DEFAULT_TOP = 10;
  public static final int EXPLICIT_RANK = 10;
  public static final int IMPLICIT_RANK = 20;
  public static final int DEFAULT_MAX_ITER = 10;
  public static final double DEFAULT_REG_PARAM = 0.1;
  public static final double DEFAULT_ALPHA = 1.0;
  public static final double DEFAULT_TEST_FRACTION = 0.25;
  public static final long DEFAULT_SEED = 42;
  public static final double CHOOSE_LAMBDA = 0;
  /** A negative penalty is no penalty, so it can stand for "choose it". */
  public static final double CHOOSE_REG_PARAM = -1;
  public static final double DEFAULT_EASE_SHARE = 0.5;

  public RecommendSettings {
    if (top < 1 || top > 1000) {
      throw new UsageException("--top must be between 1 and 1000, got " + top);
    }
    if (rank < 1 || rank > 1000) {
      throw new UsageException("--rank must be between 1 and 1000, got " + rank);
    }
    if (maxIter < 1) {
      throw new UsageException("--max-iter must be at least 1, got " + maxIter);
    }
    if (!(regParam >= 0 || regParam == CHOOSE_REG_PARAM) || Double.isInfinite(regParam)) {
      throw new UsageException("--reg-param must be a non-negative number, got " + regParam);
    }
    if (!(alpha >= 0) || Double.isInfinite(alpha)) {
      throw new UsageException("--alpha must be a non-negative number, got " + alpha);
    }
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new UsageException("--test-fraction must be between 0 and 1 (exclusive), got " + testFraction);
    }
    if (!(easeLambda >= 0) || Double.isInfinite(easeLambda)) {
      throw new UsageException("--ease-lambda must be a positive number, got " + easeLambda);
    }
    if (!(easeShare >= 0 && easeShare <= 1)) {
      throw new UsageException("the EASE share of hybrid must be between 0 and 1, got " + easeShare);
    }
    if (algorithm == null) {
      throw new UsageException("--algorithm is required");
    }
  }

  /** The defaults of one feedback kind: {@code auto} for implicit feedback, {@code als} for ratings. */
  public static RecommendSettings defaults(boolean implicit) {
    return defaults(implicit, implicit ? Algorithm.AUTO : Algorithm.ALS);
  }

  /** The defaults of one feedback kind and algorithm, as the command line has them. */
  public static RecommendSettings defaults(boolean implicit, Algorithm algorithm) {
    return new RecommendSettings(DEFAULT_TOP, implicit, algorithm, implicit ? IMPLICIT_RANK : EXPLICIT_RANK,
        DEFAULT_MAX_ITER, defaultRegParam(algorithm), DEFAULT_ALPHA, CHOOSE_LAMBDA, DEFAULT_EASE_SHARE, true,
        DEFAULT_TEST_FRACTION, DEFAULT_SEED, false);
  }

  /**
   * ALS's regParam when none is given: chosen on validation where the algorithm is chosen there anyway
   * ({@code auto}, {@code hybrid}); {@code als} trains once, with 0.1.
   */
  public static double defaultRegParam(Algorithm algorithm) {
    return algorithm == Algorithm.AUTO || algorithm == Algorithm.HYBRID ? CHOOSE_REG_PARAM : DEFAULT_REG_PARAM;
  }

  public RecommendSettings withModel(int newRank, double newRegParam, double newAlpha) {
    return new RecommendSettings(top, implicit, algorithm, newRank, maxIter, newRegParam, newAlpha, easeLambda,
        easeShare, evaluate, testFraction, seed, tune);
  }

  public RecommendSettings withAlgorithm(Algorithm newAlgorithm, double newEaseLambda, double newEaseShare) {
    return new RecommendSettings(top, implicit, newAlgorithm, rank, maxIter, regParam, alpha, newEaseLambda,
        newEaseShare, evaluate, testFraction, seed, tune);
  }

  public RecommendSettings withEvaluation(boolean newEvaluate) {
    return new RecommendSettings(top, implicit, algorithm, rank, maxIter, regParam, alpha, easeLambda, easeShare,
        newEvaluate, testFraction, seed, tune);
  }

  /** Whether a validation split of the training share has something to decide. */
  boolean needsSelection() {
    return tune || algorithm == Algorithm.AUTO || algorithm == Algorithm.HYBRID
        || algorithm == Algorithm.EASE && easeLambda == CHOOSE_LAMBDA
        || algorithm == Algorithm.ALS && regParam == CHOOSE_REG_PARAM;
  }

  RecommendMetrics.Settings report() {
    boolean als = algorithm.usesAls();
    Object reg = !als ? null : regParam == CHOOSE_REG_PARAM ? "chosen on validation" : regParam;
    Object lambda = !algorithm.usesEase() ? null : easeLambda == CHOOSE_LAMBDA ? "chosen on validation" : easeLambda;
    return new RecommendMetrics.Settings(implicit ? "implicit" : "explicit", algorithm.toString(), top,
        als ? rank : null, als ? maxIter : null, reg, als && implicit ? alpha : null, lambda,
        algorithm == Algorithm.HYBRID ? easeShare : null, evaluate, evaluate ? testFraction : 0, seed, tune);
  }

}
