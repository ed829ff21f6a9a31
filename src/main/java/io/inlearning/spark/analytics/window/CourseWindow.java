package io.inlearning.spark.analytics.window;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One course's running figures in one window. {@code learnerSketch} is the compact HLL sketch of the
 * learner ids seen (null before any), merged with DataSketches' own {@link Union}, the library behind
 * Spark's {@code hll_sketch_agg}.
 */
public record CourseWindow(String courseId, Instant windowStart, String category, long events, long learnerEvents,
                    byte[] learnerSketch, long enrolments, long completions) {

  /** These figures plus a batch's partial figures for the same course and window. */
  public CourseWindow plus(CourseWindow batch) {
    String greatest = category == null || (batch.category != null && batch.category.compareTo(category) > 0)
        ? batch.category : category;
    return new CourseWindow(courseId, windowStart, greatest, events + batch.events,
        learnerEvents + batch.learnerEvents, union(learnerSketch, batch.learnerSketch), enrolments + batch.enrolments,
        completions + batch.completions);
  }

  /** Distinct learners (estimated), or null when no event carried a learner id. */
  public Long learners() {
    return learnerSketch == null ? null : Math.round(HllSketch.heapify(learnerSketch).getEstimate());
  }

  public Double completionRate() {
    return enrolments == 0 ? null : completions / (double) enrolments;
  }

  /** The figures as a row of {@link CourseActivity#SCHEMA}. */
  public Row row(Duration window) {
    return RowFactory.create(courseId, category, Timestamp.from(windowStart), Timestamp.from(windowStart.plus(window)),
        events, learners(), learnerEvents, enrolments, completions, completionRate());
  }

  /** A sketch of no value is left out: it would only make {@link #learners} say 0 instead of "unknown". */
  static byte[] sketchOrNull(byte[] sketch, long learnerEvents) {
    return learnerEvents == 0 ? null : sketch;
  }

  private static byte[] union(byte[] a, byte[] b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    Union union = new Union(CourseActivity.LG_K);
    union.update(HllSketch.heapify(a));
    union.update(HllSketch.heapify(b));
    return union.getResult(TgtHllType.HLL_4).toCompactByteArray();
  }
}
