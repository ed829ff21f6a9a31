package io.inlearning.spark.analytics.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlearning.spark.TestSpark;
import io.inlearning.spark.analytics.window.WindowAggregation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetWindowSinkTest {

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

  private Map<String, Long> table() {
    Map<String, Long> counts = new TreeMap<>();
    for (Row row : TestSpark.session().read().parquet(dir.resolve("windows").toString()).collectAsList()) {
      counts.put(row.getAs(WindowAggregation.CATEGORY) + "|"
              + row.<Timestamp>getAs(WindowAggregation.WINDOW_START).toInstant() + "|" + row.getAs(ParquetWindowSink.DAY),
          row.getAs(WindowAggregation.COURSE_COUNT));
    }
    return counts;
  }

  private List<Path> files(String day) throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("windows/window_day=" + day))) {
      return files.sorted().toList();
    }
  }

  @Test
  void aBatchRewritesOnlyTheDaysItTouchedAndTheLatestRowWins() throws Exception {
    ParquetWindowSink sink = new ParquetWindowSink(dir.toString());
    sink.write(batch(window("music", "2026-03-01T10:00:00Z", 1), window("music", "2026-03-01T23:00:00Z", 2),
        window("art", "2026-03-02T00:00:00Z", 3)), 0);
    List<Path> untouchedBefore = files("2026-03-01");

    Dataset<Row> second = batch(window("art", "2026-03-02T00:00:00Z", 5), window("art", "2026-03-02T01:00:00Z", 1));
    sink.write(second, 1);
    Map<String, Long> expected = new TreeMap<>(Map.of(
        "music|2026-03-01T10:00:00Z|2026-03-01", 1L,
        "music|2026-03-01T23:00:00Z|2026-03-01", 2L,
        "art|2026-03-02T00:00:00Z|2026-03-02", 5L,
        "art|2026-03-02T01:00:00Z|2026-03-02", 1L));
    assertEquals(expected, table());
    assertEquals(untouchedBefore, files("2026-03-01"), "a day the batch did not touch is not rewritten");
    assertEquals(9L, sink.totalCourseCount(TestSpark.session()).orElseThrow());

    sink.write(second, 1); // replayed after a crash
    assertEquals(expected, table());
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of("updates", "windows"), left.map(p -> p.getFileName().toString()).sorted().toList(),
          "no staging or replaced folder is left behind");
    }
  }

  @Test
  void aTableWrittenBeforeDaysIsSplitOnceAndKeepsItsRows() throws Exception {
    SparkSession spark = TestSpark.session();
    batch(window("music", "2026-03-01T10:00:00Z", 4)).coalesce(1).write().parquet(dir.resolve("windows").toString());
    ParquetWindowSink sink = new ParquetWindowSink(dir.toString());
    sink.prepare(spark);
    sink.write(batch(window("art", "2026-03-05T08:00:00Z", 1)), 7);
    assertEquals(Map.of("music|2026-03-01T10:00:00Z|2026-03-01", 4L, "art|2026-03-05T08:00:00Z|2026-03-05", 1L),
        table());
    assertTrue(Files.isDirectory(dir.resolve("windows/window_day=2026-03-01")));
    assertEquals(2, spark.read().parquet(dir.resolve("windows").toString()).count());
  }
}
