package io.inlearning.spark.analytics.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.inlearning.spark.TestSpark;
import io.inlearning.spark.analytics.source.EventSchema;
import io.inlearning.spark.records.RecordReader;
import io.inlearning.spark.records.RecordValidator;
import io.inlearning.spark.records.Rejection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming aggregation's parts without a stream: partial sums of a batch, and the open windows. */
class OpenWindowsTest {
  private static final Duration HOUR = Duration.ofHours(1);

  @TempDir
  Path dir;

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  @Test
  void partialSumsCountEveryVerdictAndMarkLateEvents() {
    SparkSession spark = TestSpark.session();
    Dataset<Row> lines = RecordReader.textLines(spark.createDataset(List.of(
        "{\"category\":\"music\",\"difficulty_score\":2,\"timestamp\":\"2026-03-01T10:05:00Z\"}",
        "{\"category\":\"music\",\"difficulty_score\":5,\"timestamp\":\"2026-03-01T10:55:00Z\"}",
        "{\"category\":\"music\",\"timestamp\":\"2026-03-01T11:00:00Z\"}",
        "{\"category\":\"art\",\"difficulty_score\":1,\"timestamp\":\"2026-03-01T08:59:59Z\"}",
        "{\"category\":\"art\",\"difficulty_score\":12,\"timestamp\":\"2026-03-01T10:00:00Z\"}",
        "{\"category\":\"art\"}",
        "not json",
        ""), org.apache.spark.sql.Encoders.STRING()).toDF("value"), org.apache.spark.sql.functions.lit("test"));
    Dataset<Row> checked = RecordReader.check(lines, EventSchema.EVENTS, RecordValidator.Numbers.TYPED, 1 << 20,
        RecordReader.RawText.REJECTED_ONLY);

    Map<String, List<Object>> groups = new TreeMap<>();
    for (Row row : WindowAggregation.partials(checked, HOUR, at("2026-03-01T09:00:00Z")).collectAsList()) {
      Long start = row.getAs(WindowAggregation.START_MICROS);
      groups.put(row.getAs("_reason") + "|" + row.getAs(WindowAggregation.LATE) + "|" + row.getAs("category") + "|"
              + (start == null ? null : Instant.EPOCH.plusNanos(start * 1000)),
          List.of(row.getAs(WindowAggregation.EVENTS), String.valueOf(row.<Object>getAs(WindowAggregation.DIFFICULTY_SUM)),
              row.getAs(WindowAggregation.DIFFICULTY_COUNT)));
    }
    assertEquals(Map.of(
        "null|false|music|2026-03-01T10:00:00Z", List.of(2L, "7.0", 2L),
        "null|false|music|2026-03-01T11:00:00Z", List.of(1L, "null", 0L),
        // its window ended at 09:00, the watermark: late
        "null|true|art|2026-03-01T08:00:00Z", List.of(1L, "1.0", 1L),
        "out_of_range|null|null|null", List.of(1L, "null", 0L),
        "missing_field|null|null|null", List.of(1L, "null", 0L),
        "malformed_json|null|null|null", List.of(1L, "null", 0L),
        Rejection.BLANK + "|null|null|null", List.of(1L, "null", 0L)), groups);
  }

  @Test
  void windowsAddUpCloseBehindTheWatermarkAndResumeFromTheBatchBefore() throws Exception {
    OpenWindows first = OpenWindows.before(dir, 0, HOUR, Duration.ofHours(2), null);
    assertNull(first.watermark(), "nothing is late before the first event");
    first.add("music", at("2026-03-01T10:00:00Z"), 2, 7.0, 2);
    first.add("art", at("2026-03-01T11:00:00Z"), 1, 0, 0);
    first.advance(at("2026-03-01T11:30:00Z"));
    assertEquals(at("2026-03-01T09:30:00Z"), first.watermark());
    first.save(dir, 0);

    OpenWindows second = OpenWindows.before(dir, 1, HOUR, Duration.ofHours(2), null);
    OpenWindows.Figures music = second.add("music", at("2026-03-01T10:00:00Z"), 1, 4.0, 1);
    assertEquals(new OpenWindows.Figures("music", at("2026-03-01T10:00:00Z"), 3, 11.0, 3), music);
    Row row = second.row(music);
    assertEquals(List.of("music", 3L, 11.0 / 3, 3L, 0L), List.of(row.getString(0), row.getLong(3), row.getDouble(4),
        row.getLong(5), row.getLong(6)));
    assertNull(second.row(new OpenWindows.Figures("art", at("2026-03-01T11:00:00Z"), 1, 0, 0)).get(4),
        "no score, no mean");
    // An event at 13:30 moves the watermark to 11:30: the 10:00 window (ends 11:00) closes, 11:00 (ends 12:00) stays.
    second.advance(at("2026-03-01T13:30:00Z"));
    assertEquals(1, second.size());
    second.save(dir, 1);
    // The watermark never moves back.
    OpenWindows third = OpenWindows.before(dir, 2, HOUR, Duration.ofHours(2), null);
    third.advance(at("2026-03-01T10:00:00Z"));
    assertEquals(at("2026-03-01T11:30:00Z"), third.watermark());

    // Batch 1 replayed after a crash starts again from batch 0's state, not from its own.
    OpenWindows replay = OpenWindows.before(dir, 1, HOUR, Duration.ofHours(2), null);
    assertEquals(at("2026-03-01T09:30:00Z"), replay.watermark());
    assertEquals(new OpenWindows.Figures("music", at("2026-03-01T10:00:00Z"), 3, 11.0, 3),
        replay.add("music", at("2026-03-01T10:00:00Z"), 1, 4.0, 1));
  }

  @Test
  void theRowsAreWhatEverySinkReceives() {
    OpenWindows state = OpenWindows.before(dir, 0, HOUR, Duration.ofHours(2), null);
    OpenWindows.Figures figures = state.add("music", at("2026-03-01T10:00:00Z"), 4, 6.0, 3);
    Row back = TestSpark.session().createDataFrame(List.of(state.row(figures)), WindowAggregation.SCHEMA).first();
    assertEquals("music|2026-03-01T10:00:00Z|2026-03-01T11:00:00Z|4|2.0|3|1", back.getString(0) + "|"
        + back.getTimestamp(1).toInstant() + "|" + back.getTimestamp(2).toInstant() + "|" + back.getLong(3) + "|"
        + back.getDouble(4) + "|" + back.getLong(5) + "|" + back.getLong(6));
  }

  @Test
  void onlyTheLatestFewStatesAreKept() throws Exception {
    OpenWindows state = OpenWindows.before(dir, 0, HOUR, Duration.ofHours(2), null);
    for (long batch = 0; batch < 25; batch++) {
      state.add("music", at("2026-03-01T10:00:00Z"), 1, 0, 0);
      state.save(dir, batch);
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(10, files.filter(f -> f.getFileName().toString().endsWith(".json")).count());
    }
    assertEquals(25, OpenWindows.before(dir, 25, HOUR, Duration.ofHours(2), null)
        .add("music", at("2026-03-01T10:00:00Z"), 0, 0, 0).events());
  }
  /** The state kept in memory stands for the saved file only while it is the latest state before the batch. */
  @Test
  void theLastSavedStateIsReusedOnlyWhenItIsTheLatestBeforeTheBatch() {
    OpenWindows zero = OpenWindows.before(dir, 0, HOUR, Duration.ofHours(2), null);
    zero.add("music", at("2026-03-01T10:00:00Z"), 2, 7.0, 2);
    zero.add(new CourseWindow("java-101", at("2026-03-01T10:00:00Z"), "music", 2, 0, null, 1, 0));
    zero.save(dir, 0);
    assertSame(zero, OpenWindows.before(dir, 1, HOUR, Duration.ofHours(2), zero));

    OpenWindows one = OpenWindows.before(dir, 1, HOUR, Duration.ofHours(2), zero);
    one.add("music", at("2026-03-01T10:00:00Z"), 1, 0, 0);
    one.save(dir, 1);
    // Batch 1 replayed: its own state is not the one before it, so batch 0's file is read, course windows too.
    OpenWindows replay = OpenWindows.before(dir, 1, HOUR, Duration.ofHours(2), one);
    assertNotSame(one, replay);
    assertEquals(3, replay.add("music", at("2026-03-01T10:00:00Z"), 1, 0, 0).events());
    assertEquals(1, replay.courseWindows());
    assertEquals(new CourseWindow("java-101", at("2026-03-01T10:00:00Z"), "music", 3, 0, null, 2, 0),
        replay.add(new CourseWindow("java-101", at("2026-03-01T10:00:00Z"), "art", 1, 0, null, 1, 0)));
  }
}
