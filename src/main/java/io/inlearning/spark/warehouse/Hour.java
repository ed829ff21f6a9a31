package io.inlearning.spark.warehouse;

import com.fasterxml.jackson.annotation.JsonValue;
import io.inlearning.spark.errors.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * One hour of the platform's time, in UTC: the unit the raw area is partitioned by and the hourly flow
 * processes. Written {@code 2026-01-05T07}; {@link #parse} also takes a full ISO date-time on the hour, as
 * Airflow's {@code data_interval_start} renders it.
 */
public record Hour(Instant start) implements Comparable<Hour> {
  private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  public Hour {
    if (!start.truncatedTo(ChronoUnit.HOURS).equals(start)) {
      throw new IllegalArgumentException("an hour starts on the hour: " + start);
    }
  }

  public static Hour of(Instant start) {
    return new Hour(start);
  }

  /** The hour that holds {@code instant}. */
  public static Hour containing(Instant instant) {
    return new Hour(instant.truncatedTo(ChronoUnit.HOURS));
  }

  /** {@code 2026-01-05T07}, {@code 2026-01-05T07:00}, {@code 2026-01-05T07:00:00Z} or with an offset. */
  public static Hour parse(String text) {
    String value = text.trim();
    try {
      if (value.length() == 13) {
        return new Hour(LocalDateTime.parse(value + ":00").toInstant(ZoneOffset.UTC));
      }
      Instant instant = value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")
          ? OffsetDateTime.parse(value).toInstant()
          : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
      if (!instant.truncatedTo(ChronoUnit.HOURS).equals(instant)) {
        throw InvalidRequestException.setting("hour", "must start on the hour (YYYY-MM-DDTHH), got " + text);
      }
      return new Hour(instant);
    } catch (DateTimeParseException e) {
      throw InvalidRequestException.setting("hour", "must be an hour as YYYY-MM-DDTHH, got " + text);
    }
  }

  public Instant end() {
    return start.plus(1, ChronoUnit.HOURS);
  }

  public Hour next() {
    return new Hour(end());
  }

  public Hour plusHours(long hours) {
    return new Hour(start.plus(hours, ChronoUnit.HOURS));
  }

  /** {@code date=2026-01-05/hour=07}: the folder of this hour under each kind of raw data. */
  public String partition() {
    return "date=" + DATE.format(start) + "/hour=" + HOUR.format(start);
  }

  @Override
  public int compareTo(Hour other) {
    return start.compareTo(other.start);
  }

  @JsonValue
  @Override
  public String toString() {
    return TEXT.format(start);
  }
}
