package io.inlearning.spark.analytics;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.inlearning.spark.datagen.EventGenerator;
import io.inlearning.spark.output.Json;
import io.inlearning.spark.records.RecordValidator;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A batch recount of events in plain Java, and the same figures read back from Elasticsearch. */
final class Recount {
  private Recount() {}

  /** (category|window start) -> [count, avg difficulty rounded to 1e-9 or "null", missing] of the valid lines. */
  static Map<String, List<Object>> windows(List<String> lines, Duration window) throws IOException {
    Map<String, double[]> sums = new TreeMap<>();
    RecordValidator validator = new RecordValidator(EventSchema.EVENTS, false);
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
    try (ElasticsearchIndex es = new ElasticsearchIndex(url, index)) {
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

  static double round(double value) {
    return Math.round(value * 1e9) / 1e9;
  }
}
