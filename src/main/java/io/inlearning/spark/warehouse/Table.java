package io.inlearning.spark.warehouse;

import io.inlearning.spark.analytics.window.CourseActivity;
import io.inlearning.spark.analytics.window.WindowAggregation;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The warehouse's tables: their folder, the columns that identify a row, and their schema. docs/data-model.md
 * says who writes and who reads each.
 */
public enum Table {
  /** The catalogue: one row per course, as last ingested, with the current model's prediction. */
  COURSES("courses", List.of(Columns.COURSE_ID), new StructType()
      .add(Columns.COURSE_ID, DataTypes.StringType, false)
      .add(Columns.TITLE, DataTypes.StringType)
      .add(Columns.CONTENT, DataTypes.StringType)
      .add(Columns.LANGUAGE, DataTypes.StringType)
      .add(Columns.DIFFICULTY, DataTypes.DoubleType)
      .add(Columns.CATEGORY, DataTypes.StringType)
      .add(Columns.PREDICTED_CATEGORY, DataTypes.StringType)
      .add(Columns.PROBABILITY, DataTypes.DoubleType)
      .add(Columns.MODEL_VERSION, DataTypes.StringType)
      .add(Columns.UPDATED_AT, DataTypes.TimestampType)),

  /**
   * Learners' interactions with courses: one row per source record, identified by learner, course and time, so
   * that ingesting the same record twice keeps one row.
   */
  INTERACTIONS("interactions", List.of(Columns.USER_ID, Columns.COURSE_ID, Columns.TIMESTAMP), new StructType()
      .add(Columns.USER_ID, DataTypes.StringType, false)
      .add(Columns.COURSE_ID, DataTypes.StringType, false)
      .add(Columns.RATING, DataTypes.DoubleType)
      .add(Columns.TIMESTAMP, DataTypes.TimestampType, false)
      .add(Columns.HOUR, DataTypes.StringType)),

  /**
   * Each learner's current recommendations, best first, with the title and category of every course: one row per
   * learner, the whole table replaced by each run of the recommender (earlier runs stay in the table's history).
   */
  RECOMMENDATIONS("recommendations", List.of(Columns.USER_ID), new StructType()
      .add(Columns.USER_ID, DataTypes.StringType, false)
      .add(Columns.RECOMMENDATIONS, DataTypes.createArrayType(new StructType()
          .add(Columns.RANK, DataTypes.IntegerType, false)
          .add(Columns.COURSE_ID, DataTypes.StringType, false)
          .add(Columns.TITLE, DataTypes.StringType)
          .add(Columns.CATEGORY, DataTypes.StringType)
          .add(Columns.SCORE, DataTypes.DoubleType)
          .add(Columns.SOURCE, DataTypes.StringType), false), false)
      .add(Columns.MODEL_VERSION, DataTypes.StringType, false)
      .add(Columns.UPDATED_AT, DataTypes.TimestampType, false)),

  /**
   * The validated course events of the streaming job, appended once per micro-batch (no key: an event may
   * happen twice; a replayed batch is skipped by its id).
   */
  EVENTS("events", List.of(), new StructType()
      .add(Columns.COURSE_ID, DataTypes.StringType)
      .add(Columns.TITLE, DataTypes.StringType)
      .add(Columns.CATEGORY, DataTypes.StringType, false)
      .add(Columns.DIFFICULTY, DataTypes.DoubleType)
      .add(Columns.LANGUAGE, DataTypes.StringType)
      .add(Columns.TIMESTAMP, DataTypes.TimestampType, false)
      .add(Columns.LEARNER_ID, DataTypes.StringType)
      .add(Columns.EVENT_TYPE, DataTypes.StringType)
      .add(Columns.SOURCE, DataTypes.StringType)),

  /** The streaming job's figures per category and event-time window, as they stand (updated by MERGE). */
  CATEGORY_WINDOWS("category_windows", List.of(WindowAggregation.CATEGORY, WindowAggregation.WINDOW_START),
      WindowAggregation.SCHEMA),

  /** The streaming job's figures per course and event-time window, as they stand (updated by MERGE). */
  COURSE_WINDOWS("course_windows", List.of(CourseActivity.COURSE_ID, CourseActivity.WINDOW_START),
      CourseActivity.SCHEMA),

  /** The records an ingest refused, with the reason, per kind of record and hour (replaced when the hour is run again). */
  REJECTED("rejected", List.of(Columns.KIND, Columns.HOUR), new StructType()
      .add(Columns.KIND, DataTypes.StringType, false)
      .add(Columns.HOUR, DataTypes.StringType, false)
      .add("raw", DataTypes.StringType)
      .add("reason", DataTypes.StringType)
      .add("detail", DataTypes.StringType)
      .add("source", DataTypes.StringType));

  private final String folder;
  private final List<String> key;
  private final StructType schema;

  Table(String folder, List<String> key, StructType schema) {
    this.folder = folder;
    this.key = key;
    this.schema = schema;
  }

  public String folder() {
    return folder;
  }

  /**
   * The columns that identify a row (for {@link #REJECTED}, the slice an ingest replaces; none for
   * {@link #EVENTS}).
   */
  public List<String> key() {
    return key;
  }

  public StructType schema() {
    return schema;
  }

  /** Column names shared by the tables. */
  public static final class Columns {
    public static final String COURSE_ID = "course_id";
    public static final String TITLE = "title";
    public static final String CONTENT = "content";
    public static final String LANGUAGE = "language";
    public static final String DIFFICULTY = "difficulty_score";
    public static final String CATEGORY = "category";
    public static final String PREDICTED_CATEGORY = "predicted_category";
    public static final String PROBABILITY = "probability";
    public static final String MODEL_VERSION = "model_version";
    public static final String UPDATED_AT = "updated_at";
    public static final String USER_ID = "user_id";
    public static final String RATING = "rating";
    public static final String TIMESTAMP = "timestamp";
    public static final String HOUR = "hour";
    public static final String KIND = "kind";
    public static final String RECOMMENDATIONS = "recommendations";
    public static final String LEARNER_ID = "learner_id";
    public static final String EVENT_TYPE = "event_type";
    public static final String RANK = "rank";
    public static final String SCORE = "score";
    public static final String SOURCE = "source";

    private Columns() {}
  }
}
