package io.inlearning.spark.analytics.window;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import io.inlearning.spark.analytics.source.EventSchema;
import io.inlearning.spark.records.CourseSchema;
import io.inlearning.spark.records.RecordSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Per course and tumbling event-time window, beside the per-category windows: events, distinct learners
 * (approximate: an HLL sketch of {@code learner_id}, mergeable across batches), enrolments, completions and
 * their ratio. Events without a {@code course_id} count in their category only; events without a
 * {@code learner_id} or {@code event_type} still count as events.
 */
public final class CourseActivity {
  public static final String COURSE_ID = "course_id";
  public static final String CATEGORY = "category";
  public static final String WINDOW_START = "window_start";
  public static final String WINDOW_END = "window_end";
  public static final String EVENTS = "events";
  public static final String LEARNERS = "learners";
  public static final String LEARNER_EVENTS = "learner_events";
  public static final String ENROLMENTS = "enrolments";
  public static final String COMPLETIONS = "completions";
  public static final String COMPLETION_RATE = "completion_rate";

  /**
   * The rows every sink receives for courses: one per (course, window) a batch updated, with its figures so
   * far. {@code learners} is null when no event carried a learner id; {@code completion_rate} is completions
   * over enrolments in the same window, null without enrolments (it can pass 1: learners enrolled earlier
   * complete in a later window).
   */
  public static final StructType SCHEMA = new StructType()
      .add(COURSE_ID, DataTypes.StringType)
      .add(CATEGORY, DataTypes.StringType)
      .add(WINDOW_START, DataTypes.TimestampType)
      .add(WINDOW_END, DataTypes.TimestampType)
      .add(EVENTS, DataTypes.LongType)
      .add(LEARNERS, DataTypes.LongType)
      .add(LEARNER_EVENTS, DataTypes.LongType)
      .add(ENROLMENTS, DataTypes.LongType)
      .add(COMPLETIONS, DataTypes.LongType)
      .add(COMPLETION_RATE, DataTypes.DoubleType);

  /** Sketch precision: 2^12 buckets, about 1.6 % relative error; exact for small counts (list mode). */
  public static final int LG_K = 12;
  static final String START_MICROS = "window_start_micros";
  static final String SKETCH = "learner_sketch";

  private CourseActivity() {}

  /**
   * One batch's accepted, on-time events with a course id as partial figures per course and window: events,
   * events with a learner id and their HLL sketch, enrolments, completions, and the greatest category seen
   * (a course normally has one; the greatest keeps a replay's result the same).
   *
   * <p>Each task counts its own events in a hash map and sketches learners with DataSketches' HllSketch,
   * hashing the id's UTF-8 bytes as Spark's {@code hll_sketch_agg} does; the driver merges the few rows per
   * task with {@link CourseWindow#plus}. This is written by hand because the {@code groupBy} with
   * {@code hll_sketch_agg} it replaces was the largest cost of the executors at the target rate: a typed
   * aggregate takes the whole aggregation off generated code, one row at a time through an object hash map,
   * then a shuffle (BENCHMARKS.md, "Analytics").
   */
  public static List<CourseWindow> partials(Dataset<Row> checked, Duration window, Instant watermark) {
    Dataset<Row> events = checked
        .filter(col(RecordSchema.REASON).isNull().and(col(CourseSchema.COURSE_ID).isNotNull())
            .and(not(WindowAggregation.late(window, watermark))))
        .select(col(CourseSchema.COURSE_ID), WindowAggregation.windowStartMicros(window),
            col(EventSchema.LEARNER_ID), col(EventSchema.EVENT_TYPE), col(CourseSchema.CATEGORY));
    Map<Key, CourseWindow> merged = new HashMap<>();
    for (Row row : events.mapPartitions(new TaskFigures(), Encoders.row(TASK_FIGURES)).collectAsList()) {
      long learnerEvents = row.getLong(3);
      CourseWindow figures = new CourseWindow(row.getString(0), WindowAggregation.instant(row.getLong(1)),
          row.getString(7), row.getLong(2), learnerEvents,
          CourseWindow.sketchOrNull((byte[]) row.get(4), learnerEvents), row.getLong(5), row.getLong(6));
      merged.merge(new Key(figures.courseId(), row.getLong(1)), figures, CourseWindow::plus);
    }
    return List.copyOf(merged.values());
  }

  /** What each task sends to the driver: one row per course and window it saw. */
  private static final StructType TASK_FIGURES = new StructType()
      .add(COURSE_ID, DataTypes.StringType)
      .add(START_MICROS, DataTypes.LongType)
      .add(EVENTS, DataTypes.LongType)
      .add(LEARNER_EVENTS, DataTypes.LongType)
      .add(SKETCH, DataTypes.BinaryType)
      .add(ENROLMENTS, DataTypes.LongType)
      .add(COMPLETIONS, DataTypes.LongType)
      .add(CATEGORY, DataTypes.StringType);

  private record Key(String courseId, long startMicros) {}

  /** Counts one task's (course, window start, learner, type, category) rows per course and window. */
  private static final class TaskFigures implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> events) {
      Map<Key, Counts> byWindow = new HashMap<>();
      while (events.hasNext()) {
        Row event = events.next();
        byWindow.computeIfAbsent(new Key(event.getString(0), event.getLong(1)), key -> new Counts())
            .add(event.getString(2), event.getString(3), event.getString(4));
      }
      List<Row> rows = new ArrayList<>(byWindow.size());
      byWindow.forEach((key, counts) -> rows.add(counts.row(key)));
      return rows.iterator();
    }
  }

  private static final class Counts {
    long events;
    long learnerEvents;
    HllSketch learners;
    long enrolments;
    long completions;
    String category;

    void add(String learnerId, String eventType, String eventCategory) {
      events++;
      if (learnerId != null) {
        learnerEvents++;
        if (learners == null) {
          learners = new HllSketch(LG_K);
        }
        learners.update(learnerId);
      }
      if (EventSchema.ENROLLED.equals(eventType)) {
        enrolments++;
      } else if (EventSchema.COMPLETED.equals(eventType)) {
        completions++;
      }
      if (eventCategory != null && (category == null || eventCategory.compareTo(category) > 0)) {
        category = eventCategory;
      }
    }

    Row row(Key key) {
      return RowFactory.create(key.courseId(), key.startMicros(), events, learnerEvents,
          learners == null ? null : learners.toCompactByteArray(), enrolments, completions, category);
    }
  }
}
