package io.inlearning.spark.analytics.sink;

import io.inlearning.spark.elasticsearch.ElasticsearchSecurity;
import io.inlearning.spark.warehouse.Warehouse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A live sink and the warehouse's tables, each batch written to the warehouse first, then the live sink: a
 * batch that fails in either is not committed and runs again, which both take as a no-op where they already
 * have it. The report reads the warehouse.
 */
final class BothSinks implements WindowSink {
  private final WindowSink live;
  private final WindowSink kept;

  BothSinks(WindowSink live, WindowSink kept) {
    this.live = live;
    this.kept = kept;
  }

  @Override
  public void prepare(SparkSession spark) {
    live.prepare(spark);
    kept.prepare(spark);
  }

  @Override
  public void write(Dataset<Row> windows, long batchId) {
    kept.write(windows, batchId);
    live.write(windows, batchId);
  }

  @Override
  public void writeCourses(Dataset<Row> courseWindows, long batchId) {
    kept.writeCourses(courseWindows, batchId);
    live.writeCourses(courseWindows, batchId);
  }

  @Override
  public String describe() {
    return live.describe() + " + " + kept.describe();
  }

  @Override
  public Optional<ElasticsearchSecurity.Description> connection() {
    return live.connection();
  }

  @Override
  public Optional<Long> totalCourseCount(SparkSession spark) {
    return kept.totalCourseCount(spark);
  }

  @Override
  public Map<String, SortedMap<Instant, Long>> countsOverTime(SparkSession spark) {
    return kept.countsOverTime(spark);
  }

  @Override
  public List<CourseTotals> topCourses(SparkSession spark) {
    return kept.topCourses(spark);
  }

  @Override
  public Optional<Warehouse> warehouse() {
    return kept.warehouse();
  }

  @Override
  public void close() {
    try {
      live.close();
    } finally {
      kept.close();
    }
  }
}
