package io.inlearning.spark.analytics.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inlearning.spark.TestSpark;
import io.inlearning.spark.analytics.window.WindowAggregation;
import io.inlearning.spark.warehouse.Table;
import io.inlearning.spark.warehouse.Warehouse;
import io.inlearning.spark.warehouse.WindowTables;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse's window sink: each batch merged by (category, window start), a replayed batch a no-op. */
class DeltaWindowSinkTest {
  @TempDir
  Path dir;

  private static Row window(String category, String start, long count) {
    Instant from = Instant.parse(start);
    return RowFactory.create(category, Timestamp.from(from), Timestamp.from(from.plus(Duration.ofHours(1))), count,
        2.5, count, 0L);
  }

  private static Dataset<Row> batch(Row... rows) {
    return TestSpark.session().createDataFrame(List.of(rows), WindowAggregation.SCHEMA);
  }

  private Map<String, Long> table(Warehouse warehouse) {
    Map<String, Long> counts = new TreeMap<>();
    for (Row row : WindowTables.read(TestSpark.session(), warehouse, Table.CATEGORY_WINDOWS).collectAsList()) {
      counts.put(row.getAs(WindowAggregation.CATEGORY) + "|"
          + row.<Timestamp>getAs(WindowAggregation.WINDOW_START).toInstant(), row.getAs(WindowAggregation.COURSE_COUNT));
    }
    return counts;
  }

  @Test
  void batchesUpdateTheirWindowsAndAReplayChangesNothing() {
    SparkSession spark = TestSpark.session();
    Warehouse warehouse = new Warehouse(dir.toString());
    WindowSink sink = new SinkTarget.Delta(warehouse).open();
    sink.write(batch(window("music", "2026-03-01T10:00:00Z", 1), window("art", "2026-03-02T00:00:00Z", 3)), 0);
    sink.write(batch(window("music", "2026-03-01T10:00:00Z", 4), window("music", "2026-03-01T11:00:00Z", 2)), 1);
    Map<String, Long> expected = Map.of("art|2026-03-02T00:00:00Z", 3L, "music|2026-03-01T10:00:00Z", 4L,
        "music|2026-03-01T11:00:00Z", 2L);
    assertEquals(expected, table(warehouse));

    sink.write(batch(window("music", "2026-03-01T10:00:00Z", 4), window("music", "2026-03-01T11:00:00Z", 2)), 1);
    assertEquals(expected, table(warehouse), "a replayed batch leaves the table as it was");
    assertEquals(Optional.of(9L), sink.totalCourseCount(spark));
    assertEquals(2, sink.countsOverTime(spark).get("music").size());
    assertEquals(1, sink.countsOverTime(spark).get("art").size());
    long merges = spark.sql("DESCRIBE HISTORY delta.`" + warehouse.location(Table.CATEGORY_WINDOWS) + "`")
        .filter("operation = 'MERGE'").count();
    assertEquals(3, merges, "one MERGE per batch");
  }
}
