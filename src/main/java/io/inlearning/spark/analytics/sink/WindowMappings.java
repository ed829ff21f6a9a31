package io.inlearning.spark.analytics.sink;

import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.util.ObjectBuilder;
import io.inlearning.spark.analytics.window.CourseActivity;
import io.inlearning.spark.analytics.window.WindowAggregation;

/** The explicit mappings of the window indices: strict, keyword ids, dates, counts. */
final class WindowMappings {
  private WindowMappings() {}

  /** One document per (category, window start). */
  static ObjectBuilder<TypeMapping> windows(TypeMapping.Builder mapping) {
    return mapping.dynamic(DynamicMapping.Strict)
        .properties(WindowAggregation.CATEGORY, p -> p.keyword(k -> k))
        .properties(WindowAggregation.WINDOW_START, p -> p.date(d -> d))
        .properties(WindowAggregation.WINDOW_END, p -> p.date(d -> d))
        .properties(WindowAggregation.COURSE_COUNT, p -> p.long_(l -> l))
        .properties(WindowAggregation.AVG_DIFFICULTY, p -> p.double_(d -> d))
        .properties(WindowAggregation.DIFFICULTY_COUNT, p -> p.long_(l -> l))
        .properties(WindowAggregation.MISSING_DIFFICULTY, p -> p.long_(l -> l))
        .properties(ElasticsearchSink.UPDATED_AT, p -> p.date(d -> d))
        .properties(ElasticsearchSink.BATCH_ID, p -> p.long_(l -> l));
  }

  /** One document per (course id, window start). */
  static ObjectBuilder<TypeMapping> courses(TypeMapping.Builder mapping) {
    return mapping.dynamic(DynamicMapping.Strict)
        .properties(CourseActivity.COURSE_ID, p -> p.keyword(k -> k))
        .properties(CourseActivity.CATEGORY, p -> p.keyword(k -> k))
        .properties(CourseActivity.WINDOW_START, p -> p.date(d -> d))
        .properties(CourseActivity.WINDOW_END, p -> p.date(d -> d))
        .properties(CourseActivity.EVENTS, p -> p.long_(l -> l))
        .properties(CourseActivity.LEARNERS, p -> p.long_(l -> l))
        .properties(CourseActivity.LEARNER_EVENTS, p -> p.long_(l -> l))
        .properties(CourseActivity.ENROLMENTS, p -> p.long_(l -> l))
        .properties(CourseActivity.COMPLETIONS, p -> p.long_(l -> l))
        .properties(CourseActivity.COMPLETION_RATE, p -> p.double_(d -> d))
        .properties(ElasticsearchSink.UPDATED_AT, p -> p.date(d -> d))
        .properties(ElasticsearchSink.BATCH_ID, p -> p.long_(l -> l));
  }
}
