package io.inlearning.spark.records;

import java.util.Locale;

/**
 * What an interaction's {@code rating} is: a rating from 1 to 5 the learner gave, or the strength of implicit
 * feedback (views, a completion), where more is a stronger sign of interest and absence says nothing.
 */
public enum Feedback {
  EXPLICIT, IMPLICIT;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
