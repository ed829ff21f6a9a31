package io.inlearning.spark.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordValidatorTest {
  private final RecordValidator json = new RecordValidator(CourseSchema.BATCH, false);
  private final RecordValidator csv = new RecordValidator(CourseSchema.BATCH, true);

  @Test
  void acceptsACompleteCourse() {
    RecordValidator.Verdict verdict = json.check("""
        {"course_id":"c-1","title":"Données","content":"Les données","category":"data science",
         "difficulty_score":7.5,"language":"fr","timestamp":"2026-03-01T10:00:00+01:00","extra":[1,2]}""");
    assertTrue(verdict.accepted());
    assertArrayEquals(new Object[] {"c-1", "Données", "Les données", "data science", 7.5, "fr",
        Timestamp.from(Instant.parse("2026-03-01T09:00:00Z"))}, verdict.values());
  }

  @Test
  void keepsIntegerIdsAsTheirDigitsEvenBeyondLong() {
    assertEquals("12345678901234567890123",
        json.check("{\"course_id\":12345678901234567890123,\"content\":\"x\"}").values()[0]);
  }

  @Test
  void blankCategoryMeansUncategorised() {
    RecordValidator.Verdict verdict = json.check("{\"course_id\":\"a\",\"content\":\"x\",\"category\":\"  \"}");
    assertTrue(verdict.accepted());
    assertNull(verdict.values()[3]);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"course_id\":\"a\",\"content\":\"x\"                  | malformed_json",
      "{\"course_id\":\"a\",\"content\":\"x\"} trailing         | malformed_json",
      "{\"course_id\":\"a\",\"course_id\":\"b\",\"content\":\"x\"} | malformed_json",
      "[1,2,3]                                                   | not_an_object",
      "42                                                        | not_an_object",
      "{\"content\":\"x\"}                                       | missing_field",
      "{\"course_id\":null,\"content\":\"x\"}                    | missing_field",
      "{\"course_id\":\"a\"}                                     | missing_field",
      "{\"course_id\":\"a\",\"content\":\"   \"}                 | empty_field",
      "{\"course_id\":\"\",\"content\":\"x\"}                    | empty_field",
      "{\"course_id\":\"a\",\"content\":42}                      | wrong_type",
      "{\"course_id\":1.5,\"content\":\"x\"}                     | wrong_type",
      "{\"course_id\":{\"id\":1},\"content\":\"x\"}              | wrong_type",
      "{\"course_id\":\"a\",\"content\":\"x\",\"title\":true}    | wrong_type",
      "{\"course_id\":\"a\",\"content\":\"x\",\"difficulty_score\":\"7\"} | wrong_type",
      "{\"course_id\":\"a\",\"content\":\"x\",\"difficulty_score\":11}    | out_of_range",
      "{\"course_id\":\"a\",\"content\":\"x\",\"difficulty_score\":-0.5}  | out_of_range",
      "{\"course_id\":\"a\",\"content\":\"x\",\"difficulty_score\":NaN}   | out_of_range",
      "{\"course_id\":\"a\",\"content\":\"x\",\"difficulty_score\":1e999} | out_of_range",
      "{\"course_id\":\"a\",\"content\":\"x\",\"timestamp\":\"yesterday\"} | invalid_timestamp",
      "{\"course_id\":\"a\",\"content\":\"x\",\"timestamp\":\"2026-13-01T00:00:00Z\"} | invalid_timestamp",
      "{\"course_id\":\"a\",\"content\":\"x\",\"timestamp\":[2026]} | wrong_type"})
  void rejectsWithAReason(String line, String reason) {
    RecordValidator.Verdict verdict = json.check(line);
    assertEquals(reason, verdict.reason(), verdict.detail());
    assertTrue(verdict.detail() != null && !verdict.detail().isBlank());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2026-03-01T10:00:00Z          | 2026-03-01T10:00:00Z",
      "2026-03-01T10:00:00.250Z      | 2026-03-01T10:00:00.250Z",
      "2026-03-01T10:00:00+02:00     | 2026-03-01T08:00:00Z",
      "2026-03-01T10:00:00           | 2026-03-01T10:00:00Z",
      "2026-03-01 10:00:00           | 2026-03-01T10:00:00Z",
      "2026-03-01                    | 2026-03-01T00:00:00Z"})
  void parsesCommonTimestampShapes(String text, String expected) {
    assertEquals(Instant.parse(expected), RecordValidator.parseInstant(text));
  }

  @Test
  void readsEpochSecondsAndMilliseconds() {
    Object seconds = json.check("{\"course_id\":\"a\",\"content\":\"x\",\"timestamp\":1767225600}").values()[6];
    Object millis = json.check("{\"course_id\":\"a\",\"content\":\"x\",\"timestamp\":1767225600000}").values()[6];
    assertEquals(Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")), seconds);
    assertEquals(seconds, millis);
  }

  @Test
  void csvNumbersMayBeText() {
    RecordValidator.Verdict verdict =
        csv.check("{\"course_id\":\"a\",\"content\":\"x\",\"difficulty_score\":\" 4.5 \"}");
    assertTrue(verdict.accepted());
    assertEquals(4.5, verdict.values()[4]);
    assertEquals("wrong_type",
        csv.check("{\"course_id\":\"a\",\"content\":\"x\",\"difficulty_score\":\"hard\"}").reason());
  }

  @Test
  void aByteOrderMarkBeforeTheFirstRecordIsIgnored() {
    assertTrue(json.check("\uFEFF{\"course_id\":\"a\",\"content\":\"x\"}").accepted());
  }

  @Test
  void blankLinesAreNotRecords() {
    assertEquals(Rejection.BLANK, json.check("   ").reason());
  }
}
