package io.inlearning.spark.recommendations;

import java.util.Locale;

/** The algorithm asked for: one of the three, or {@code AUTO}, the best of them on validation folds. */
public enum AlgorithmChoice {
  ALS, EASE, HYBRID, AUTO;

  boolean allowsAls() {
    return this != EASE;
  }

  boolean allowsEase() {
    return this != ALS;
  }

  /** The algorithm itself, when one was asked for. */
  java.util.Optional<Algorithm> fixed() {
    return switch (this) {
      case ALS -> java.util.Optional.of(Algorithm.ALS);
      case EASE -> java.util.Optional.of(Algorithm.EASE);
      case HYBRID -> java.util.Optional.of(Algorithm.HYBRID);
      case AUTO -> java.util.Optional.empty();
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
