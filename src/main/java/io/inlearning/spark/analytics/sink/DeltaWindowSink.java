package io.inlearning.spark.analytics.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import io.inlearning.spark.analytics.window.WindowAggregation;
import io.inlearning.spark.warehouse.Table;
import io.inlearning.spark.warehouse.Warehouse;
import io.inlearning.spark.warehouse.WindowTables;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The window figures as Delta tables of the warehouse, {@code category_windows} and {@code course_windows},
 * each batch's updated windows merged by key ({@link WindowTables}): a reader sees the figures after one batch
 * or the next, never half of one, and a replayed batch changes nothing.
 */
final class DeltaWindowSink implements WindowSink {
  private final Warehouse warehouse;

  DeltaWindowSink(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  @Override
  public void write(Dataset<Row> windows, long batchId) {
    WindowTables.merge(windows.sparkSession(), warehouse, Table.CATEGORY_WINDOWS, windows);
  }

  @Override
  public void writeCourses(Dataset<Row> courseWindows, long batchId) {
    WindowTables.merge(courseWindows.sparkSession(), warehouse, Table.COURSE_WINDOWS, courseWindows);
  }

  @Override
  public Optional<Long> totalCourseCount(SparkSession spark) {
    Row total = WindowTables.read(spark, warehouse, Table.CATEGORY_WINDOWS)
        .agg(sum(WindowAggregation.COURSE_COUNT)).first();
    return Optional.of(total.isNullAt(0) ? 0 : total.getLong(0));
  }

  @Override
  public Map<String, SortedMap<Instant, Long>> countsOverTime(SparkSession spark) {
    return CategorySeries.of(WindowTables.read(spark, warehouse, Table.CATEGORY_WINDOWS)
        .select(WindowAggregation.CATEGORY, WindowAggregation.WINDOW_START, WindowAggregation.COURSE_COUNT)
        .orderBy(col(WindowAggregation.WINDOW_START).desc()).limit(RECENT_WINDOWS).collectAsList());
  }

  @Override
  public List<CourseTotals> topCourses(SparkSession spark) {
    if (!WindowTables.exists(spark, warehouse, Table.COURSE_WINDOWS)) {
      return List.of();
    }
    return CourseTotals.top(WindowTables.read(spark, warehouse, Table.COURSE_WINDOWS));
  }

  @Override
  public Optional<Warehouse> warehouse() {
    return Optional.of(warehouse);
  }

  @Override
  public String describe() {
    return "delta:" + warehouse.root();
  }
}
