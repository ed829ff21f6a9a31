package io.inlearning.spark.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlearning.spark.analytics.sink.DocumentIds;
import io.inlearning.spark.analytics.sink.SinkTarget;
import io.inlearning.spark.elasticsearch.ElasticsearchSecurity;
import io.inlearning.spark.errors.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnitsTest {
  static final Instant T = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void documentIdsEscapeEveryCategoryAndStayDistinct() {
    assertEquals("2026-01-01T10:00:00Z|data%20science", DocumentIds.of("data science", T));
    assertEquals("2026-01-01T10:00:00Z|D%C3%A9v%20%2F%20Web%7C%E2%9C%93", DocumentIds.of("Dév / Web|✓", T));
    assertNotEquals(DocumentIds.of("a|b", T), DocumentIds.of("a%7Cb", T));
    String longName = "é".repeat(1_000);
    String id = DocumentIds.of(longName, T);
    assertTrue(id.startsWith("2026-01-01T10:00:00Z|sha256:") && id.length() < 512, id);
    assertNotEquals(id, DocumentIds.of(longName + "x", T));
  }

  @Test
  void elasticsearchSinkSpecs() {
    SinkTarget.Elasticsearch parsed = at("http://127.0.0.1:9200/course-analytics");
    assertEquals("http://127.0.0.1:9200", parsed.url());
    assertEquals("course-analytics", parsed.index());
    assertThrows(InvalidRequestException.class, () -> at("127.0.0.1:9200/x"));
    assertThrows(InvalidRequestException.class, () -> at("http://h:9200/_x"));
    assertThrows(InvalidRequestException.class, () -> at("http://h:9200/UPPER"));
  }

  private static SinkTarget.Elasticsearch at(String urlAndIndex) {
    return SinkTarget.Elasticsearch.at(urlAndIndex, Duration.ofMinutes(5), ElasticsearchSecurity.NONE);
  }
}
