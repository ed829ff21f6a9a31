package io.inlearning.spark.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlearning.spark.TestSpark;
import io.inlearning.spark.analytics.sink.SinkTarget;
import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.files.LocalFiles;
import io.inlearning.spark.json.Json;
import io.inlearning.spark.records.RecordCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files source -> Parquet sink on hand-made events: exact windows, late events, quarantine, counts. */
class AnalyticsFilesTest {
  @TempDir
  Path dir;

  /**
   * Four files, one per micro-batch: on time, a jump in event time (the watermark moves to 12:00 after it),
   * one more batch, then late events. The job drops an event when its window ended at or before the watermark
   * in force when its batch starts; Spark's own aggregation (3.4+) uses the watermark of the batch before. The
   * late events come two batches after the jump, where both rules drop them.
   */
  static void dropEvents(Path drop) throws Exception {
    write(drop.resolve("a.json"), 1_000, List.of(
        "{\"course_id\":\"c1\",\"category\":\"programming\",\"difficulty_score\":2,\"timestamp\":\"2026-01-01T10:05:00Z\"}",
        "{\"course_id\":\"c2\",\"category\":\"programming\",\"difficulty_score\":4,\"timestamp\":\"2026-01-01T10:20:00Z\"}",
        "{\"course_id\":\"c3\",\"category\":\"Développement / Web\",\"timestamp\":\"2026-01-01T10:30:00Z\"}",
        "{\"course_id\":\"c4\",\"category\":\"programming\",\"difficulty_score\":6,\"timestamp\":\"2026-01-01T11:10:00Z\"}",
        "",
        "{\"course_id\":\"bad1\",\"category\":\"programming\",\"difficulty_score\":11,\"timestamp\":\"2026-01-01T10:00:00Z\"}",
        "{\"course_id\":\"bad2\",\"category\":\"programming\",\"timestamp\":\"2026-01-01T10:00:00Z\"",
        "{\"course_id\":\"bad3\",\"category\":\"programming\"}",
        "{\"course_id\":\"bad4\",\"timestamp\":\"2026-01-01T10:00:00Z\"}",
        "not json at all"));
    write(drop.resolve("b.json"), 2_000, List.of(
        "{\"course_id\":\"c5\",\"category\":\"programming\",\"difficulty_score\":8,\"timestamp\":\"2026-01-01T14:00:00Z\"}"));
    write(drop.resolve("c.json"), 3_000, List.of(
        "{\"course_id\":\"c7\",\"category\":\"music\",\"difficulty_score\":5,\"timestamp\":\"2026-01-01T13:00:00Z\"}"));
    write(drop.resolve("d.json"), 4_000, List.of(
        "{\"course_id\":\"late1\",\"category\":\"programming\",\"difficulty_score\":9,\"timestamp\":\"2026-01-01T10:45:00Z\"}",
        "{\"course_id\":\"late2\",\"category\":\"programming\",\"difficulty_score\":9,\"timestamp\":\"2026-01-01T11:30:00Z\"}",
        "{\"course_id\":\"c6\",\"category\":\"Développement / Web\",\"difficulty_score\":1,\"timestamp\":\"2026-01-01T12:30:00Z\"}"));
  }

  static void write(Path file, long mtimeSeconds, List<String> lines) throws Exception {
    TestSpark.writeLines(file, lines);
    Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeSeconds * 1000));
  }

  /** What a batch recount of the drop folder gives: (category, window start) -> (count, avg, missing). */
  static final Map<String, List<Object>> EXPECTED = new TreeMap<>(Map.of(
      "programming|2026-01-01T10:00:00Z", List.of(2L, 3.0, 0L),
      "Développement / Web|2026-01-01T10:00:00Z", List.of(1L, "null", 1L),
      "programming|2026-01-01T11:00:00Z", List.of(1L, 6.0, 0L),
      "programming|2026-01-01T14:00:00Z", List.of(1L, 8.0, 0L),
      "Développement / Web|2026-01-01T12:00:00Z", List.of(1L, 1.0, 0L),
      "music|2026-01-01T13:00:00Z", List.of(1L, 5.0, 0L)));

  @Test
  void windowsLateEventsAndQuarantine() throws Exception {
    SparkSession spark = TestSpark.session();
    Path drop = dir.resolve("drop");
    dropEvents(drop);
    Path out = dir.resolve("windows");
    AnalyticsRequest options = Requests.request(Requests.fileByFile(drop), Requests.warehouse(out),
        dir.resolve("job/checkpoint"));
    StreamingAnalytics.Result result = StreamingAnalytics.run(spark, options);

    Map<String, List<Object>> actual = new TreeMap<>();
    for (Row row : spark.read().format("delta").load(out.resolve("category_windows").toString()).collectAsList()) {
      actual.put(row.getAs("category") + "|" + row.<java.sql.Timestamp>getAs("window_start").toInstant(),
          List.of(row.<Long>getAs("course_count"),
              row.isNullAt(row.fieldIndex("avg_difficulty")) ? "null" : row.<Double>getAs("avg_difficulty"),
              row.<Long>getAs("missing_difficulty")));
    }
    assertEquals(EXPECTED, actual);

    AnalyticsMetrics metrics = result.metrics();
    RecordCounts records = metrics.counts().records();
    assertEquals(14L, records.read());
    assertEquals(9L, records.accepted());
    assertEquals(5L, records.rejected());
    assertEquals(Map.of("malformed_json", 2L, "missing_field", 2L, "out_of_range", 1L), records.rejectedByReason());
    assertEquals(1L, records.blankLines());
    assertEquals(2L, metrics.counts().late().lateEventsDropped());
    assertTrue(metrics.counts().late().rowsDroppedByWatermark() >= 1, metrics.counts().late().toString());
    assertEquals(metrics, Json.read(result.metricsFile().orElseThrow(), AnalyticsMetrics.class),
        "metrics.json reads back whole");

    Path quarantine = dir.resolve("job/quarantine");
    long quarantined = spark.read().json(quarantine.toString()).count();
    assertEquals(5, quarantined);
    assertTrue(Files.isRegularFile(dir.resolve("job/progress.json")));
    assertTrue(Files.isRegularFile(dir.resolve("job/metrics.json")));

    // report.html draws what the sink holds: the same counts per category and window.
    Map<String, Long> drawn = new TreeMap<>();
    Requests.warehouse(out).open().countsOverTime(spark).forEach((category, counts) ->
        counts.forEach((start, count) -> drawn.put(category + "|" + start, count)));
    Map<String, Long> expectedCounts = new TreeMap<>();
    EXPECTED.forEach((window, figures) -> expectedCounts.put(window, (Long) figures.get(0)));
    assertEquals(expectedCounts, drawn);
    String report = Files.readString(dir.resolve("job/report.html"));
    assertTrue(report.contains("<img alt=\"Events per category per window\" src=\"data:image/png;base64,"), report);
    assertTrue(report.contains("<img alt=\"Busiest courses: learners, enrolments and completions\""), report);

    // A second run on the same checkpoint has nothing new: same table, same totals.
    StreamingAnalytics.Result again = StreamingAnalytics.run(spark, options);
    assertEquals(14L, again.metrics().counts().records().read());
    assertEquals(0L, again.metrics().counts().recordsThisRun().read());
    assertEquals(6, spark.read().format("delta").load(out.resolve("category_windows").toString()).count());

    // Every accepted event once in the events table, late ones included, however often the query ran.
    Dataset<Row> events = spark.read().format("delta").load(out.resolve("events").toString());
    assertEquals(9, events.count());
    assertEquals(1, events.filter("course_id = 'late1' and category = 'programming'").count());
    assertEquals(0, events.filter("source is null").count(), "each event says which file it came from");
  }

  /** Without --checkpoint (the console sink's usual use), each run keeps its rejects in a folder of its own. */
  @Test
  void aRunWithoutCheckpointKeepsItsQuarantineInAFreshFolderAndDeletesItsCheckpoint() throws Exception {
    SparkSession spark = TestSpark.session();
    Path drop = dir.resolve("drop");
    dropEvents(drop);
    AnalyticsRequest options = AnalyticsRequest.of(Requests.files(drop), new SinkTarget.Console(), Optional.empty());
    Path first = Path.of(StreamingAnalytics.run(spark, options).metrics().quarantine());
    Path second = Path.of(StreamingAnalytics.run(spark, options).metrics().quarantine());

    assertNotEquals(first, second);
    for (Path quarantine : List.of(first, second)) {
      assertTrue(quarantine.getParent().getFileName().toString().startsWith("inlearning-analytics-"), quarantine.toString());
      assertEquals(5, spark.read().json(quarantine.toString()).count());
      assertFalse(Files.exists(quarantine.resolveSibling("checkpoint")), "the throw-away checkpoint is deleted");
      LocalFiles.deleteRecursively(quarantine.getParent());
    }
  }

  /** A checkpoint of the two-query version cannot be resumed: refused with one line before anything runs. */
  @Test
  void aCheckpointOfTheTwoQueryVersionIsRefused() throws Exception {
    Path checkpoint = dir.resolve("job/checkpoint");
    Files.createDirectories(checkpoint.resolve("windows"));
    Files.createDirectories(checkpoint.resolve("quarantine"));
    AnalyticsRequest options = Requests.request(Requests.files(dir.resolve("drop")), Requests.warehouse(dir.resolve("out")),
        checkpoint);
    InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> StreamingAnalytics.run(TestSpark.session(), options));
    assertTrue(refused.getMessage().contains("start on a new one"), refused.getMessage());
    assertFalse(Files.exists(checkpoint.resolve("events")), "nothing was started");
  }
}
