package io.inlearning.spark.analytics;

import io.inlearning.spark.records.CourseSchema;
import io.inlearning.spark.records.RecordSchema.Field;
import io.inlearning.spark.records.RecordSchema.Kind;
import io.inlearning.spark.records.RecordSchema;
import java.util.List;

/**
 * The course record as the streaming consumer reads it: every record is an event, so ids need not be
 * unique (nor present) and content is not needed; category and timestamp are required, difficulty stays
 * optional (0..10). Other fields are checked for their type when present, as in the batch jobs.
 */
public final class EventSchema {
  public static final RecordSchema EVENTS = new RecordSchema("course event", List.of(
      Field.optional(CourseSchema.COURSE_ID, Kind.ID),
      Field.optional(CourseSchema.TITLE, Kind.TEXT),
      Field.optional(CourseSchema.CONTENT, Kind.TEXT),
      Field.required(CourseSchema.CATEGORY, Kind.LABEL),
      Field.optional(CourseSchema.DIFFICULTY, Kind.NUMBER).range(0, 10),
      Field.optional(CourseSchema.LANGUAGE, Kind.TEXT),
      Field.required(CourseSchema.TIMESTAMP, Kind.TIMESTAMP)), null);

  private EventSchema() {}
}
