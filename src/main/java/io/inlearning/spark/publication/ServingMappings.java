package io.inlearning.spark.publication;

import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.util.ObjectBuilder;
import java.util.function.Function;

/**
 * The explicit mappings of the serving indices: strict, ids as keywords (looked up, never analysed), titles as
 * text with a keyword beside them, scores as floats.
 */
final class ServingMappings {
  private ServingMappings() {}

  static Function<TypeMapping.Builder, ObjectBuilder<TypeMapping>> of(ServingIndex index) {
    return switch (index) {
      case RECOMMENDATIONS -> ServingMappings::recommendations;
      case SIMILAR_COURSES -> ServingMappings::similarCourses;
      case COURSES -> ServingMappings::courses;
    };
  }

  private static ObjectBuilder<TypeMapping> recommendations(TypeMapping.Builder mapping) {
    return mapping.dynamic(DynamicMapping.Strict)
        .properties(Documents.LEARNER_ID, keyword())
        .properties(Documents.RECOMMENDATIONS, rankedCourses(Documents.SOURCE))
        .properties(Documents.MODEL_VERSION, keyword())
        .properties(Documents.RUN, keyword())
        .properties(Documents.PUBLISHED_AT, p -> p.date(d -> d));
  }

  private static ObjectBuilder<TypeMapping> similarCourses(TypeMapping.Builder mapping) {
    return mapping.dynamic(DynamicMapping.Strict)
        .properties(Documents.COURSE_ID, keyword())
        .properties(Documents.TITLE, title())
        .properties(Documents.CATEGORY, keyword())
        .properties(Documents.SIMILAR, rankedCourses())
        .properties(Documents.MODEL_VERSION, keyword())
        .properties(Documents.RUN, keyword())
        .properties(Documents.PUBLISHED_AT, p -> p.date(d -> d));
  }

  private static ObjectBuilder<TypeMapping> courses(TypeMapping.Builder mapping) {
    return mapping.dynamic(DynamicMapping.Strict)
        .properties(Documents.COURSE_ID, keyword())
        .properties(Documents.TITLE, title())
        .properties(Documents.CATEGORY, keyword())
        .properties(Documents.PREDICTED_CATEGORY, keyword())
        .properties(Documents.PROBABILITY, p -> p.float_(f -> f))
        .properties(Documents.MODEL_VERSION, keyword())
        .properties(Documents.UPDATED_AT, p -> p.date(d -> d))
        .properties(Documents.PUBLISHED_AT, p -> p.date(d -> d));
  }

  /** A ranked list of courses: rank, id, title, category, score, and the {@code keywords} given. */
  private static Function<Property.Builder, ObjectBuilder<Property>> rankedCourses(String... keywords) {
    return p -> p.object(o -> {
      o.properties(Documents.RANK, q -> q.integer(i -> i))
          .properties(Documents.COURSE_ID, keyword())
          .properties(Documents.TITLE, title())
          .properties(Documents.CATEGORY, keyword())
          .properties(Documents.SCORE, q -> q.float_(f -> f));
      for (String field : keywords) {
        o.properties(field, keyword());
      }
      return o;
    });
  }

  private static Function<Property.Builder, ObjectBuilder<Property>> keyword() {
    return p -> p.keyword(k -> k);
  }

  private static Function<Property.Builder, ObjectBuilder<Property>> title() {
    return p -> p.text(t -> t.fields("keyword", f -> f.keyword(k -> k.ignoreAbove(256))));
  }
}
