package io.inlearning.spark.records;

import io.inlearning.spark.records.RecordSchema.Field;
import io.inlearning.spark.records.RecordSchema.Kind;
import java.util.List;

/** The course record (docs/records-and-outputs.md), as the batch jobs read it. */
public final class CourseSchema {
  public static final String COURSE_ID = "course_id";
  public static final String TITLE = "title";
  public static final String CONTENT = "content";
  public static final String CATEGORY = "category";
  public static final String DIFFICULTY = "difficulty_score";
  public static final String LANGUAGE = "language";
  public static final String TIMESTAMP = "timestamp";

  /** content is required (it is what the classifier reads); category null means "to classify". */
  public static final RecordSchema BATCH = new RecordSchema("course", List.of(
      Field.required(COURSE_ID, Kind.ID),
      Field.optional(TITLE, Kind.TEXT),
      Field.required(CONTENT, Kind.TEXT),
      Field.optional(CATEGORY, Kind.LABEL),
      Field.optional(DIFFICULTY, Kind.NUMBER).range(0, 10),
      Field.optional(LANGUAGE, Kind.TEXT),
      Field.optional(TIMESTAMP, Kind.TIMESTAMP)), COURSE_ID);

  private CourseSchema() {}
}
