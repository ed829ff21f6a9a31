package io.inlearning.spark.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordValidatorTest {
  private final RecordValidator json = new RecordValidator(CourseSchema.BATCH, RecordValidator.Numbers.TYPED);
  private final RecordValidator csv = new RecordValidator(CourseSchema.BATCH, RecordValidator.Numbers.ALSO_AS_TEXT);

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
      "{\"course_id\":\"a\",\"content\":\"x\",\"timestamp\":[2026]} | wrong_type",
      "{\"course_id\":\"a\",\"content\":{\"text\":\"x\"}}        | wrong_type",
      "{\"course_id\":\"a\",\"content\":\"x\",\"extra\":1,\"extra\":2} | malformed_json",
      "{\"course_id\":\"a\",\"content\":\"x\",\"extra\":{\"y\":1,\"y\":2}} | malformed_json",
      "{\"course_id\":\"a\",\"content\":\"x\",\"extra\":[1,}   | malformed_json",
      "{\"course_id\":\"a\",\"content\":\"x\"} {}             | malformed_json"})
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

  /** The hand-read usual form gives exactly what java.time's parser gives, over many random times. */
  @Test
  void theUsualTimestampFormReadByHandAgreesWithJavaTime() {
    Random random = new Random(42);
    String[] zones = {"Z", "", "+02:00", "-05:30", "+00:00", "-00:00", "+14:00"};
    for (int i = 0; i < 20_000; i++) {
      LocalDateTime time = LocalDateTime.of(1000 + random.nextInt(9000), 1 + random.nextInt(12), 1, 0, 0)
          .plusDays(random.nextInt(31)).plusSeconds(random.nextInt(86_400));
      int digits = random.nextInt(10);
      String fraction = digits == 0 ? ""
          : "." + String.format("%09d", random.nextInt(1_000_000_000)).substring(0, digits);
      String text = time.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")) + fraction
          + zones[random.nextInt(zones.length)];
      Instant byHand = RecordValidator.parseCommonInstant(text);
      assertEquals(RecordValidator.parseAnyInstant(text), byHand, text);
      assertTrue(byHand != null, text);
    }
  }

  /** Other forms are left to java.time, which still reads the valid ones and refuses the rest. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2026-03-01T10:00Z                       | 2026-03-01T10:00:00Z",
      "2026-03-01t10:00:00Z                    | 2026-03-01T10:00:00Z",
      "2026-03-01T10:00:00+01:00[Europe/Paris] | 2026-03-01T09:00:00Z",
      "2026-03-01T10:00:00+01:00:30            | 2026-03-01T08:59:30Z",
      "2026-03-01T10:00:00.1234567891Z         | ",
      "2026-03-01T10:00:00.Z                   | 2026-03-01T10:00:00Z",
      "2026-02-30T10:00:00Z                    | ",
      "2026-03-01T24:00:00Z                    | ",
      "2026-03-01T10:00:00+19:00               | ",
      "2026-03-01T10:00:00+0100                | ",
      "２026-03-01T10:00:00Z                    | "})
  void otherTimestampFormsAreLeftToJavaTime(String text, String expected) {
    assertNull(RecordValidator.parseCommonInstant(text), text);
    assertEquals(expected == null ? null : Instant.parse(expected), RecordValidator.parseInstant(text), text);
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
