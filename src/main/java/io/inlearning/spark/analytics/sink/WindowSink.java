package io.inlearning.spark.analytics.sink;

import io.inlearning.spark.analytics.window.CourseActivity;
import io.inlearning.spark.elasticsearch.ElasticsearchSecurity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import io.inlearning.spark.warehouse.Warehouse;
import java.util.Optional;
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
  /** The most recent windows read back for report.html: weeks of hourly windows of a few dozen categories. */
  int RECENT_WINDOWS = 5_000;

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

  /** How the sink authenticates and whom it trusts, when it has a connection to describe. */
  default Optional<ElasticsearchSecurity.Description> connection() {
    return Optional.empty();
  }

  /** Sum of course_count over every window the sink holds, when it can tell (not the console). */
  default Optional<Long> totalCourseCount(SparkSession spark) {
    return Optional.empty();
  }

  /** The {@link #RECENT_WINDOWS} most recent windows' course counts, category -> window start -> count. */
  default Map<String, SortedMap<Instant, Long>> countsOverTime(SparkSession spark) {
    return Map.of();
  }

  /** The busiest courses over the course windows the sink holds, for report.html; empty when it cannot tell. */
  default List<CourseTotals> topCourses(SparkSession spark) {
    return List.of();
  }

  /** The warehouse whose {@code events} table gets every validated event, when the sink writes one. */
  default Optional<Warehouse> warehouse() {
    return Optional.empty();
  }

  default void close() {}
}
