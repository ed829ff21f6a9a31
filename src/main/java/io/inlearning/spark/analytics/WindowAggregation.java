package io.inlearning.spark.analytics;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.window;

import io.inlearning.spark.records.CourseSchema;
import java.time.Duration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Per category and tumbling event-time window: course count and mean difficulty (missing scores ignored and
 * counted). The watermark bounds the state: a window whose end is at or before the watermark is closed, and
 * events that arrive for it afterwards are dropped by Spark (numRowsDroppedByWatermark).
 */
public final class WindowAggregation {
  public static final String CATEGORY = "category";
  public static final String WINDOW_START = "window_start";
  public static final String WINDOW_END = "window_end";
  public static final String COURSE_COUNT = "course_count";
  public static final String AVG_DIFFICULTY = "avg_difficulty";
  public static final String DIFFICULTY_COUNT = "difficulty_count";
  public static final String MISSING_DIFFICULTY = "missing_difficulty";

  /** The columns of {@link #windows}' rows, what every sink receives. */
  public static final StructType SCHEMA = new StructType()
      .add(CATEGORY, DataTypes.StringType)
      .add(WINDOW_START, DataTypes.TimestampType)
      .add(WINDOW_END, DataTypes.TimestampType)
      .add(COURSE_COUNT, DataTypes.LongType)
      .add(AVG_DIFFICULTY, DataTypes.DoubleType)
      .add(DIFFICULTY_COUNT, DataTypes.LongType)
      .add(MISSING_DIFFICULTY, DataTypes.LongType);

  private WindowAggregation() {}

  /** Accepted events (category, difficulty_score, timestamp) to one row per updated (category, window). */
  public static Dataset<Row> windows(Dataset<Row> events, Duration window, Duration watermark) {
    return events
        .withWatermark(CourseSchema.TIMESTAMP, Durations.spark(watermark))
        .groupBy(window(col(CourseSchema.TIMESTAMP), Durations.spark(window)).as("window"),
            col(CourseSchema.CATEGORY))
        .agg(count(lit(1)).as(COURSE_COUNT),
            avg(col(CourseSchema.DIFFICULTY)).as(AVG_DIFFICULTY),
            count(col(CourseSchema.DIFFICULTY)).as(DIFFICULTY_COUNT))
        .select(col(CourseSchema.CATEGORY).as(CATEGORY),
            col("window.start").as(WINDOW_START),
            col("window.end").as(WINDOW_END),
            col(COURSE_COUNT),
            col(AVG_DIFFICULTY),
            col(DIFFICULTY_COUNT),
            col(COURSE_COUNT).minus(col(DIFFICULTY_COUNT)).as(MISSING_DIFFICULTY));
  }
}
