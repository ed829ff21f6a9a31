package io.inlearning.spark.publication;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.inlearning.spark.elasticsearch.ElasticsearchConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the serving indices by document id, as an application does. */
public final class ElasticsearchLookup implements Lookup {
  private final ServingTarget target;
  private final ElasticsearchConnection es;

  public ElasticsearchLookup(ServingTarget target) {
    this.target = target;
    this.es = new ElasticsearchConnection(target.url(), target.security());
  }

  @Override
  public Optional<LearnerView> learner(String learnerId) {
    return get(ServingIndex.RECOMMENDATIONS, learnerId).map(doc -> {
      List<RecommendedCourse> courses = new ArrayList<>();
      for (JsonNode course : doc.path(Documents.RECOMMENDATIONS)) {
        courses.add(new RecommendedCourse(course.path(Documents.RANK).asInt(),
            course.path(Documents.COURSE_ID).asText(), text(course, Documents.TITLE).orElse(""),
            text(course, Documents.CATEGORY).orElse(""), course.path(Documents.SCORE).asDouble(),
            course.path(Documents.SOURCE).asText()));
      }
      return new LearnerView(learnerId, courses, doc.path(Documents.MODEL_VERSION).asText(),
          doc.path(Documents.RUN).asText());
    });
  }

  @Override
  public Optional<CourseView> course(String courseId) {
    Optional<JsonNode> course = get(ServingIndex.COURSES, courseId);
    Optional<JsonNode> similar = get(ServingIndex.SIMILAR_COURSES, courseId);
    if (course.isEmpty() && similar.isEmpty()) {
      return Optional.empty();
    }
    JsonNode doc = course.or(() -> similar).get();
    List<SimilarCourse> neighbours = new ArrayList<>();
    similar.ifPresent(s -> s.path(Documents.SIMILAR).forEach(n -> neighbours.add(new SimilarCourse(
        n.path(Documents.RANK).asInt(), n.path(Documents.COURSE_ID).asText(), text(n, Documents.TITLE).orElse(""),
        text(n, Documents.CATEGORY).orElse(""), n.path(Documents.SCORE).asDouble()))));
    return Optional.of(new CourseView(courseId, text(doc, Documents.TITLE).orElse(""),
        course.flatMap(c -> text(c, Documents.CATEGORY)), course.flatMap(c -> text(c, Documents.PREDICTED_CATEGORY)),
        course.map(c -> c.path(Documents.PROBABILITY)).filter(JsonNode::isNumber).map(JsonNode::asDouble),
        course.flatMap(c -> text(c, Documents.MODEL_VERSION)), neighbours,
        similar.flatMap(s -> text(s, Documents.MODEL_VERSION))));
  }

  private Optional<JsonNode> get(ServingIndex index, String id) {
    try {
      GetResponse<JsonNode> response = es.client().get(g -> g.index(index.name(target.prefix())).id(id),
          JsonNode.class);
      return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
    } catch (ElasticsearchException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach Elasticsearch at " + target.url(), e);
    }
  }

  private static Optional<String> text(JsonNode doc, String field) {
    JsonNode value = doc.path(field);
    return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }

  @Override
  public String describe() {
    return target.describe();
  }

  @Override
  public void close() {
    es.close();
  }
}
