package io.inlearning.spark.warehouse;

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

  /** The columns that identify a row (for {@link #REJECTED}, the slice an ingest replaces). */
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

    private Columns() {}
  }
}
