package io.inlearning.spark.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlearning.spark.errors.UsageException;
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
  void durationsAsUsersWriteThem() {
    assertEquals(Duration.ofHours(1), Durations.parse("--window", "1h"));
    assertEquals(Duration.ofMinutes(90), Durations.parse("--window", "90 minutes"));
    assertEquals(Duration.ofMillis(500), Durations.parse("--trigger", "500ms"));
    assertEquals(Duration.ofDays(2), Durations.parse("--window", "2d"));
    assertThrows(UsageException.class, () -> Durations.parse("--window", "1 fortnight"));
    assertThrows(UsageException.class, () -> Durations.positive("--window", "0s"));
  }

  @Test
  void elasticsearchSinkSpecs() {
    String[] parsed = ElasticsearchIndex.parse("http://127.0.0.1:9200/course-analytics");
    assertEquals("http://127.0.0.1:9200", parsed[0]);
    assertEquals("course-analytics", parsed[1]);
    assertThrows(UsageException.class, () -> ElasticsearchIndex.parse("127.0.0.1:9200/x"));
    assertThrows(UsageException.class, () -> ElasticsearchIndex.parse("http://h:9200/_x"));
    assertThrows(UsageException.class, () -> ElasticsearchIndex.parse("http://h:9200/UPPER"));
  }
}
