package io.inlearning.spark.analytics;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.inlearning.spark.analytics.sink.DocumentIds;
import io.inlearning.spark.analytics.sink.ElasticsearchSink;
import io.inlearning.spark.analytics.source.EventSchema;
import io.inlearning.spark.datagen.EventGenerator;
import io.inlearning.spark.elasticsearch.ElasticsearchConnection;
import io.inlearning.spark.json.Json;
import io.inlearning.spark.records.RecordValidator;
import io.inlearning.spark.warehouse.Table;
import io.inlearning.spark.warehouse.Warehouse;
import io.inlearning.spark.warehouse.WindowTables;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A batch recount of events in plain Java, and the same figures read back from Elasticsearch. */
final class Recount {
  private Recount() {}

  /** (category|window start) -> [count, avg difficulty rounded to 1e-9 or "null", missing] of the valid lines. */
  static Map<String, List<Object>> windows(List<String> lines, Duration window) throws IOException {
    Map<String, double[]> sums = new TreeMap<>();
    RecordValidator validator = new RecordValidator(EventSchema.EVENTS, RecordValidator.Numbers.TYPED);
    for (String line : lines) {
      if (!validator.check(line).accepted()) {
        continue;
      }
      JsonNode node = Json.mapper().readTree(line);
      Instant time = RecordValidator.parseInstant(node.get("timestamp").asText());
      long start = Math.floorDiv(time.toEpochMilli(), window.toMillis()) * window.toMillis();
      double[] sum = sums.computeIfAbsent(node.get("category").asText() + "|" + Instant.ofEpochMilli(start),
          k -> new double[3]);
      sum[0]++;
      if (node.hasNonNull("difficulty_score")) {
        sum[1] += node.get("difficulty_score").asDouble();
        sum[2]++;
      }
    }
    Map<String, List<Object>> out = new TreeMap<>();
    sums.forEach((key, s) -> out.put(key, List.of((long) s[0], s[2] == 0 ? "null" : round(s[1] / s[2]),
        (long) (s[0] - s[2]))));
    return out;
  }

  /**
   * (course id|window start) -> [category, events, distinct learners or "null", enrolments, completions] of the
   * valid lines with a course id; a course's category is the greatest it was given in the window.
   */
  static Map<String, List<Object>> courseWindows(List<String> lines, Duration window) throws IOException {
    Map<String, List<Object>> out = new TreeMap<>();
    Map<String, java.util.Set<String>> learners = new TreeMap<>();
    RecordValidator validator = new RecordValidator(EventSchema.EVENTS, RecordValidator.Numbers.TYPED);
    for (String line : lines) {
      if (!validator.check(line).accepted()) {
        continue;
      }
      JsonNode node = Json.mapper().readTree(line);
      if (!node.hasNonNull("course_id")) {
        continue;
      }
      Instant time = RecordValidator.parseInstant(node.get("timestamp").asText());
      long start = Math.floorDiv(time.toEpochMilli(), window.toMillis()) * window.toMillis();
      String key = node.get("course_id").asText() + "|" + Instant.ofEpochMilli(start);
      String type = node.path("event_type").asText("").trim().toLowerCase(java.util.Locale.ROOT);
      String category = node.get("category").asText();
      List<Object> figures = out.computeIfAbsent(key, k -> new ArrayList<>(List.of(category, 0L, "null", 0L, 0L)));
      if (category.compareTo((String) figures.get(0)) > 0) {
        figures.set(0, category);
      }
      figures.set(1, (Long) figures.get(1) + 1);
      if (node.hasNonNull("learner_id")) {
        learners.computeIfAbsent(key, k -> new java.util.HashSet<>()).add(node.get("learner_id").asText());
        figures.set(2, (long) learners.get(key).size());
      }
      figures.set(3, (Long) figures.get(3) + (type.equals("enrolled") ? 1 : 0));
      figures.set(4, (Long) figures.get(4) + (type.equals("completed") ? 1 : 0));
    }
    return out;
  }

  /** The per-course documents of {@code INDEX-courses} in the shape of {@link #courseWindows}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Map<String, List<Object>> courseDocuments(String url, String index) throws IOException {
    String courses = index + ElasticsearchSink.COURSES_SUFFIX;
    try (ElasticsearchConnection es = ElasticsearchConnection.open(url)) {
      es.client().indices().refresh(r -> r.index(courses));
      SearchResponse<Map> response = es.client().search(s -> s.index(courses).size(10_000)
          .trackTotalHits(t -> t.enabled(true)), Map.class);
      Map<String, List<Object>> out = new TreeMap<>();
      for (Hit<Map> hit : response.hits().hits()) {
        Map<String, Object> doc = hit.source();
        Instant start = Instant.parse((String) doc.get("window_start"));
        String key = doc.get("course_id") + "|" + start;
        if (!hit.id().equals(DocumentIds.of((String) doc.get("course_id"), start))) {
          throw new AssertionError("id " + hit.id() + " does not match " + key);
        }
        Object learners = doc.get("learners");
        out.put(key, List.of(doc.get("category"), ((Number) doc.get("events")).longValue(),
            learners == null ? "null" : ((Number) learners).longValue(), ((Number) doc.get("enrolments")).longValue(),
            ((Number) doc.get("completions")).longValue()));
      }
      if (response.hits().total().value() > 10_000) {
        throw new AssertionError("more than 10,000 course documents in " + courses);
      }
      return out;
    }
  }

  static List<String> lines(EventGenerator generator) {
    List<String> lines = new ArrayList<>();
    for (long i = 0; i < generator.options().count(); i++) {
      lines.add(generator.event(i).line());
    }
    return lines;
  }

  /** The documents of an index in the same shape (updated_at and batch_id left out). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Map<String, List<Object>> documents(String url, String index) throws IOException {
    try (ElasticsearchConnection es = ElasticsearchConnection.open(url)) {
      es.client().indices().refresh(r -> r.index(index));
      SearchResponse<Map> response = es.client().search(s -> s.index(index).size(10_000), Map.class);
      Map<String, List<Object>> out = new TreeMap<>();
      for (Hit<Map> hit : response.hits().hits()) {
        Map<String, Object> doc = hit.source();
        Instant start = Instant.parse((String) doc.get("window_start"));
        String key = doc.get("category") + "|" + start;
        if (!hit.id().equals(DocumentIds.of((String) doc.get("category"), start))) {
          throw new AssertionError("id " + hit.id() + " does not match " + key);
        }
        Object avg = doc.get("avg_difficulty");
        out.put(key, List.of(((Number) doc.get("course_count")).longValue(),
            avg == null ? "null" : round(((Number) avg).doubleValue()),
            ((Number) doc.get("missing_difficulty")).longValue()));
      }
      return out;
    }
  }

  /** The warehouse's {@code category_windows} in the shape of {@link #windows}. */
  static Map<String, List<Object>> tableWindows(SparkSession spark, Warehouse warehouse) {
    Map<String, List<Object>> out = new TreeMap<>();
    for (Row row : WindowTables.read(spark, warehouse, Table.CATEGORY_WINDOWS).collectAsList()) {
      out.put(row.getAs("category") + "|" + row.<Timestamp>getAs("window_start").toInstant(),
          List.of(row.<Long>getAs("course_count"),
              row.isNullAt(row.fieldIndex("avg_difficulty")) ? "null" : round(row.<Double>getAs("avg_difficulty")),
              row.<Long>getAs("missing_difficulty")));
    }
    return out;
  }

  /** The warehouse's {@code course_windows} in the shape of {@link #courseWindows}. */
  static Map<String, List<Object>> tableCourseWindows(SparkSession spark, Warehouse warehouse) {
    Map<String, List<Object>> out = new TreeMap<>();
    for (Row row : WindowTables.read(spark, warehouse, Table.COURSE_WINDOWS).collectAsList()) {
      out.put(row.getAs("course_id") + "|" + row.<Timestamp>getAs("window_start").toInstant(),
          List.of(row.getAs("category"), row.<Long>getAs("events"),
              row.isNullAt(row.fieldIndex("learners")) ? "null" : row.<Long>getAs("learners"),
              row.<Long>getAs("enrolments"), row.<Long>getAs("completions")));
    }
    return out;
  }

  /** How many of {@code lines} the validator accepts. */
  static long valid(List<String> lines) {
    RecordValidator validator = new RecordValidator(EventSchema.EVENTS, RecordValidator.Numbers.TYPED);
    return lines.stream().filter(line -> validator.check(line).accepted()).count();
  }

  static double round(double value) {
    return Math.round(value * 1e9) / 1e9;
  }
}
