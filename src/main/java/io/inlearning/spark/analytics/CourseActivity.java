package io.inlearning.spark.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.hll_sketch_agg;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.inlearning.spark.records.CourseSchema;
import io.inlearning.spark.records.RecordSchema;
import java.time.Duration;
import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
  static final int LG_K = 12;
  static final String START_MICROS = "window_start_micros";
  static final String SKETCH = "learner_sketch";

  private CourseActivity() {}

  /**
   * One batch's accepted, on-time events with a course id as partial figures per course and window: events,
   * events with a learner id and their HLL sketch, enrolments, completions, and the greatest category seen
   * (a course normally has one; the greatest keeps a replay's result the same).
   */
  static Dataset<Row> partials(Dataset<Row> checked, Duration window, Instant watermark) {
    Column type = col(EventSchema.EVENT_TYPE);
    return checked
        .filter(col(RecordSchema.REASON).isNull().and(col(CourseSchema.COURSE_ID).isNotNull()).and(not(WindowAggregation.late(window, watermark))))
        .groupBy(col(CourseSchema.COURSE_ID).as(COURSE_ID),
            WindowAggregation.windowStartMicros(window).as(START_MICROS))
        .agg(count(lit(1)).as(EVENTS),
            count(col(EventSchema.LEARNER_ID)).as(LEARNER_EVENTS),
            hll_sketch_agg(col(EventSchema.LEARNER_ID), LG_K).as(SKETCH),
            sum(when(type.equalTo(EventSchema.ENROLLED), 1L).otherwise(0L)).as(ENROLMENTS),
            sum(when(type.equalTo(EventSchema.COMPLETED), 1L).otherwise(0L)).as(COMPLETIONS),
            max(col(CourseSchema.CATEGORY)).as(CATEGORY));
  }
}
