package io.inlearning.spark.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.inlearning.spark.TestSpark;
import io.inlearning.spark.analytics.window.CourseActivity;
import io.inlearning.spark.analytics.window.CourseWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-course figures: learners counted once across batches, enrolments, completions, what is left out. */
class CourseActivityTest {
  private static final Duration HOUR = Duration.ofHours(1);

  @TempDir
  Path dir;

  private static String event(String course, String learner, String type, String time) {
    return "{" + (course == null ? "" : "\"course_id\":\"" + course + "\",") + "\"category\":\"programming\","
        + (learner == null ? "" : "\"learner_id\":" + learner + ",")
        + (type == null ? "" : "\"event_type\":\"" + type + "\",") + "\"timestamp\":\"" + time + "\"}";
  }

  /** Two files, two micro-batches: learner l2 is in both and counts once. */
  @Test
  void courseWindowsAddUpAcrossBatches() throws Exception {
    Path drop = dir.resolve("drop");
    AnalyticsFilesTest.write(drop.resolve("a.json"), 1_000, List.of(
        event("java-101", "\"l1\"", "enrolled", "2026-01-01T10:05:00Z"),
        event("java-101", "\"l2\"", "enrolled", "2026-01-01T10:10:00Z"),
        event("java-101", "\"l1\"", "viewed", "2026-01-01T10:15:00Z"),
        event("java-101", "7", " Completed", "2026-01-01T11:05:00Z"),
        event(null, "\"l3\"", "viewed", "2026-01-01T10:20:00Z"),
        event("java-101", "\"l3\"", "finished", "2026-01-01T10:20:00Z")));
    AnalyticsFilesTest.write(drop.resolve("b.json"), 2_000, List.of(
        event("java-101", "\"l2\"", "completed", "2026-01-01T10:40:00Z"),
        event("java-101", "\"l4\"", "completed", "2026-01-01T10:50:00Z"),
        "{\"course_id\":\"art-1\",\"category\":\"music\",\"difficulty_score\":3,\"timestamp\":\"2026-01-01T10:30:00Z\"}"));
    Path out = dir.resolve("out");
    SparkSession spark = TestSpark.session();
    AnalyticsRequest options = Requests.request(Requests.fileByFile(drop), Requests.warehouse(out),
        dir.resolve("job/checkpoint"));
    StreamingAnalytics.Result result = StreamingAnalytics.run(spark, options);

    // course|window -> category, events, learners, learner events, enrolments, completions, completion rate
    Map<String, List<Object>> expected = new TreeMap<>(Map.of(
        "java-101|2026-01-01T10:00:00Z", Arrays.asList("programming", 5L, 3L, 5L, 2L, 2L, 1.0),
        "java-101|2026-01-01T11:00:00Z", Arrays.asList("programming", 1L, 1L, 1L, 0L, 1L, null),
        "art-1|2026-01-01T10:00:00Z", Arrays.asList("music", 1L, null, 0L, 0L, 0L, null)));
    assertEquals(expected, courseWindows(spark, out));
    assertEquals(Map.of("unknown_value", 1L), result.metrics().counts().records().rejectedByReason());
    assertEquals(8L, result.metrics().counts().records().accepted());

    // The category windows still count every accepted event, with or without a course id.
    long inCategories = spark.read().format("delta").load(out.resolve("category_windows").toString())
        .agg(org.apache.spark.sql.functions.sum("course_count")).first().getLong(0);
    assertEquals(8L, inCategories);

    // Nothing new on a second run: the same table.
    StreamingAnalytics.run(spark, options);
    assertEquals(expected, courseWindows(spark, out));
  }

  @Test
  void withoutPerCourseFiguresNoCourseTableIsWritten() throws Exception {
    Path drop = dir.resolve("drop");
    AnalyticsFilesTest.write(drop.resolve("a.json"), 1_000, List.of(
        event("java-101", "\"l1\"", "enrolled", "2026-01-01T10:05:00Z")));
    Path out = dir.resolve("out");
    StreamingAnalytics.run(TestSpark.session(), Requests.request(Requests.files(drop), Requests.warehouse(out),
        dir.resolve("job/checkpoint")).withPerCourse(AnalyticsRequest.PerCourse.OFF));
    assertFalse(Files.exists(out.resolve("course_windows")));
    assertEquals(1, TestSpark.session().read().format("delta").load(out.resolve("category_windows").toString()).count());
  }

  /** Merging the batches' sketches counts distinct learners, not events, within the sketch's error. */
  @Test
  void mergedSketchesCountDistinctLearners() {
    Instant start = Instant.parse("2026-01-01T10:00:00Z");
    CourseWindow merged = new CourseWindow("c", start, "x", 0, 0, null, 0, 0);
    for (int batch = 0; batch < 10; batch++) {
      HllSketch sketch = new HllSketch(CourseActivity.LG_K, TgtHllType.HLL_8);
      for (int learner = batch * 5_000; learner < batch * 5_000 + 10_000; learner++) {
        sketch.update("learner-" + learner);
      }
      merged = merged.plus(new CourseWindow("c", start, "x", 10_000, 10_000, sketch.toCompactByteArray(), 1, 0));
    }
    // 10 batches of 10,000 learners overlapping by half: 55,000 distinct, 100,000 events.
    assertEquals(55_000, merged.learners(), 55_000 * 0.05);
    assertEquals(100_000, merged.events());
    assertEquals(0.0, merged.completionRate());
    assertNull(new CourseWindow("c", start, "x", 1, 0, null, 0, 0).learners());
  }

  static Map<String, List<Object>> courseWindows(SparkSession spark, Path out) {
    Map<String, List<Object>> actual = new TreeMap<>();
    for (Row row : spark.read().format("delta").load(out.resolve("course_windows").toString()).collectAsList()) {
      List<Object> figures = new ArrayList<>();
      for (String field : List.of("category", "events", "learners", "learner_events", "enrolments", "completions",
          "completion_rate")) {
        figures.add(row.getAs(field));
      }
      actual.put(row.getAs("course_id") + "|" + row.<java.sql.Timestamp>getAs("window_start").toInstant(), figures);
    }
    return actual;
  }
}
