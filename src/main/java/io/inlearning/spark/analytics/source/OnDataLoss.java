package io.inlearning.spark.analytics.source;

import java.util.Locale;

/**
 * What the Kafka source does when offsets it has not read yet are gone (retention deleted them): stop the
 * query, or go on from the earliest offset still held and count what was skipped ({@link SkippedOffsets}).
 */
public enum OnDataLoss {
  FAIL, SKIP;

  /** How metrics.json says it. */
  public String describe() {
    return this == FAIL ? "fail" : "skip and count";
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
