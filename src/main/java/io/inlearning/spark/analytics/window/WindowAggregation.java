package io.inlearning.spark.analytics.window;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.inlearning.spark.records.CourseSchema;
import io.inlearning.spark.records.RecordSchema;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Per category and tumbling event-time window (aligned on the epoch, UTC): course count and mean difficulty,
 * missing scores ignored and counted. {@link #partials} reduces one micro-batch to a few rows of partial
 * sums; {@link OpenWindows} adds them up across batches and closes windows behind the watermark.
 */
public final class WindowAggregation {
  public static final String CATEGORY = "category";
  public static final String WINDOW_START = "window_start";
  public static final String WINDOW_END = "window_end";
  public static final String COURSE_COUNT = "course_count";
  public static final String AVG_DIFFICULTY = "avg_difficulty";
  public static final String DIFFICULTY_COUNT = "difficulty_count";
  public static final String MISSING_DIFFICULTY = "missing_difficulty";

  /** The rows every sink receives: one per window a batch updated, with its figures so far. */
  public static final StructType SCHEMA = new StructType()
      .add(CATEGORY, DataTypes.StringType)
      .add(WINDOW_START, DataTypes.TimestampType)
      .add(WINDOW_END, DataTypes.TimestampType)
      .add(COURSE_COUNT, DataTypes.LongType)
      .add(AVG_DIFFICULTY, DataTypes.DoubleType)
      .add(DIFFICULTY_COUNT, DataTypes.LongType)
      .add(MISSING_DIFFICULTY, DataTypes.LongType);

  public static final String LATE = "late";
  public static final String START_MICROS = "window_start_micros";
  public static final String EVENTS = "events";
  public static final String DIFFICULTY_SUM = "difficulty_sum";
  public static final String MAX_EVENT_MICROS = "max_event_micros";

  private WindowAggregation() {}

  /**
   * One batch of checked events as a few rows, grouped by verdict ({@code _reason}, null when accepted),
   * lateness, category and window start (epoch microseconds): the number of events, the sum and count of
   * difficulty scores, and the latest event time. An accepted event is late when its window ended at or
   * before {@code watermark} (null: none is).
   */
  public static Dataset<Row> partials(Dataset<Row> checked, Duration window, Instant watermark) {
    Column accepted = col(RecordSchema.REASON).isNull();
    return checked
        .groupBy(col(RecordSchema.REASON), when(accepted, late(window, watermark)).as(LATE),
            col(CourseSchema.CATEGORY), when(accepted, windowStartMicros(window)).as(START_MICROS))
        .agg(count(lit(1)).as(EVENTS),
            sum(col(CourseSchema.DIFFICULTY)).as(DIFFICULTY_SUM),
            count(col(CourseSchema.DIFFICULTY)).as(DIFFICULTY_COUNT),
            max(eventMicros()).as(MAX_EVENT_MICROS));
  }

  /** The start, in epoch microseconds, of the window that holds each event's time. */
  static Column windowStartMicros(Duration window) {
    Column micros = eventMicros();
    return micros.minus(pmod(micros, lit(micros(window))));
  }

  /** Whether each event's window ended at or before {@code watermark} (null: no window is late). */
  static Column late(Duration window, Instant watermark) {
    return watermark == null ? lit(false)
        : windowStartMicros(window).plus(micros(window)).leq(lit(ChronoUnit.MICROS.between(Instant.EPOCH,
            watermark)));
  }

  /** The instant {@code micros} epoch microseconds stand for, as the partial rows carry times. */
  public static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  private static Column eventMicros() {
    return unix_micros(col(CourseSchema.TIMESTAMP));
  }

  private static long micros(Duration duration) {
    return duration.toNanos() / 1_000;
  }
}
