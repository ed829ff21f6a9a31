package io.inlearning.spark.recommendations;

import java.util.Locale;

/** How learners' scores over courses are computed. */
public enum Algorithm {
  /** Spark ML's alternating least squares: learner and course factors. */
  ALS,
  /** Closed-form item-item model (Steck 2019): a course x course weight matrix solved on the driver. */
  EASE,
  /** EASE and ALS scores, each standardised per learner, mixed with a weight chosen on validation. */
  HYBRID;

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
