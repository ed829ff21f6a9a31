package io.inlearning.spark.recommendations;

import io.inlearning.spark.records.Feedback;
import io.inlearning.spark.records.RecordSchema.Field;
import io.inlearning.spark.records.RecordSchema.Kind;
import io.inlearning.spark.records.RecordSchema;
import java.util.List;

/**
 * The interaction record (docs/records-and-outputs.md). Explicit feedback needs a rating in 1..5; implicit feedback
 * takes any non-negative strength, and a record without one counts as strength 1. There is no unique id:
 * repeated (user, course) pairs are aggregated by the job, not rejected.
 */
public final class InteractionSchema {
  public static final String USER_ID = "user_id";
  public static final String COURSE_ID = "course_id";
  public static final String RATING = "rating";
  public static final String TIMESTAMP = "timestamp";

  public static final RecordSchema EXPLICIT = new RecordSchema("interaction", List.of(
      Field.required(USER_ID, Kind.ID),
      Field.required(COURSE_ID, Kind.ID),
      Field.required(RATING, Kind.NUMBER).range(1, 5),
      Field.optional(TIMESTAMP, Kind.TIMESTAMP)), null);

  public static final RecordSchema IMPLICIT = EXPLICIT.with(
      Field.optional(RATING, Kind.NUMBER).range(0, Double.MAX_VALUE));

  /** A line of {@code --learners}: who must get recommendations, with or without history. */
  public static final RecordSchema LEARNER = new RecordSchema("learner", List.of(
      Field.required(USER_ID, Kind.ID)), null);

  private InteractionSchema() {}

  public static RecordSchema of(Feedback feedback) {
    return feedback == Feedback.IMPLICIT ? IMPLICIT : EXPLICIT;
  }
}
