package io.inlearning.spark.recommendations;

import io.inlearning.spark.records.Feedback;
import java.io.Serializable;

/**
 * A model as it is trained: every setting decided. What ALS uses is in {@link #als}, what EASE uses in
 * {@link #easeLambda}, and the hybrid mixes their scores with {@link #easeShare} of EASE's.
 */
public record ModelSettings(Feedback feedback, Algorithm algorithm, AlsSettings als, double easeLambda,
                            double easeShare, long seed) implements Serializable {
  /** The even mix first, so that it wins ties. */
  static final double DEFAULT_EASE_SHARE = 0.5;

  /** ALS: latent factors, iterations, penalty, confidence per unit of strength (implicit feedback). */
  public record AlsSettings(int rank, int maxIter, double regParam, double alpha) implements Serializable {}

  public boolean implicit() {
    return feedback == Feedback.IMPLICIT;
  }

  ModelSettings withAlgorithm(Algorithm newAlgorithm) {
    return new ModelSettings(feedback, newAlgorithm, als, easeLambda, easeShare, seed);
  }

  ModelSettings withAls(AlsSettings newAls) {
    return new ModelSettings(feedback, algorithm, newAls, easeLambda, easeShare, seed);
  }

  ModelSettings withRegParam(double regParam) {
    return withAls(new AlsSettings(als.rank(), als.maxIter(), regParam, als.alpha()));
  }

  ModelSettings withEase(double lambda, double share) {
    return new ModelSettings(feedback, algorithm, als, lambda, share, seed);
  }
}
