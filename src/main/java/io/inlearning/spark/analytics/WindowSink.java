package io.inlearning.spark.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Where the per-window figures go. Each micro-batch hands over the windows it updated, with their full
 * current figures (update mode), so writing them by (category, window start), or (course id, window start)
 * for the per-course figures, is idempotent: a batch replayed after a crash writes the same rows again.
 */
public interface WindowSink {
  /** Runs once before the query starts (create an index, check the folder). */
  default void prepare(SparkSession spark) {}

  /** Writes one micro-batch's updated windows; throws to fail the batch (it is then not committed). */
  void write(Dataset<Row> windows, long batchId);

  /**
   * Writes one micro-batch's updated course windows ({@link CourseActivity#SCHEMA}), keyed by (course id,
   * window start), as idempotently as {@link #write}.
   */
  void writeCourses(Dataset<Row> courseWindows, long batchId);

  String describe();

  /** How the sink authenticates and whom it trusts; null when it has no connection to describe. */
  default AnalyticsMetrics.SinkConnection connection() {
    return null;
  }

  /** Sum of course_count over every window the sink holds, or -1 when it cannot tell (console). */
  default long totalCourseCount(SparkSession spark) {
    return -1;
  }

  /** The most recent windows' course counts, category -> window start -> count, for report.html. */
  default Map<String, SortedMap<Instant, Long>> countsOverTime(SparkSession spark) {
    return Map.of();
  }

  /** The busiest courses over the course windows the sink holds, for report.html; empty when it cannot tell. */
  default List<CourseTotals> topCourses(SparkSession spark) {
    return List.of();
  }

  default void close() {}
}
