package io.inlearning.spark.analytics.source;

import io.inlearning.spark.records.CourseSchema;
import io.inlearning.spark.records.RecordSchema.Field;
import io.inlearning.spark.records.RecordSchema.Kind;
import io.inlearning.spark.records.RecordSchema;
import java.util.List;

/**
 * The course record as the streaming consumer reads it: every record is an event, so ids need not be
 * unique (nor present) and content is not needed; category and timestamp are required, difficulty stays
 * optional (0..10). Two optional fields describe learner activity and feed the per-course figures: who
 * ({@code learner_id}) and what ({@code event_type}, one of {@link #EVENT_TYPES}). Other fields are checked
 * for their type when present, as in the batch jobs.
 */
public final class EventSchema {
  public static final String LEARNER_ID = "learner_id";
  public static final String EVENT_TYPE = "event_type";
  public static final String ENROLLED = "enrolled";
  public static final String STARTED = "started";
  public static final String COMPLETED = "completed";
  public static final String VIEWED = "viewed";
  public static final List<String> EVENT_TYPES = List.of(ENROLLED, STARTED, COMPLETED, VIEWED);

  public static final RecordSchema EVENTS = new RecordSchema("course event", List.of(
      Field.optional(CourseSchema.COURSE_ID, Kind.ID),
      Field.optional(CourseSchema.TITLE, Kind.TEXT),
      Field.optional(CourseSchema.CONTENT, Kind.TEXT),
      Field.required(CourseSchema.CATEGORY, Kind.LABEL),
      Field.optional(CourseSchema.DIFFICULTY, Kind.NUMBER).range(0, 10),
      Field.optional(CourseSchema.LANGUAGE, Kind.TEXT),
      Field.required(CourseSchema.TIMESTAMP, Kind.TIMESTAMP),
      Field.optional(LEARNER_ID, Kind.ID),
      Field.optional(EVENT_TYPE, Kind.LABEL).oneOf(EVENT_TYPES.toArray(String[]::new))), null);

  private EventSchema() {}
}
