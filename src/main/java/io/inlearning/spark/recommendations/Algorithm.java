package io.inlearning.spark.recommendations;

import io.inlearning.spark.errors.UsageException;
import java.util.Locale;

/**
 * How learners' scores over courses are computed. {@code AUTO} is resolved to one of the three others by
 * NDCG@k on a validation split of the training share ({@link ModelSelection}).
 */
public enum Algorithm {
  /** Spark ML's alternating least squares: learner and course factors. */
  ALS,
  /** Closed-form item-item model (Steck 2019): a course x course weight matrix solved on the driver. */
  EASE,
  /** EASE and ALS scores, each standardised per learner, mixed with a weight chosen on validation. */
  HYBRID,
  AUTO;

  public static Algorithm parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--algorithm must be als, ease, hybrid or auto, got " + name);
    }
  }

  boolean usesAls() {
    return this != EASE;
  }

  boolean usesEase() {
    return this != ALS;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
