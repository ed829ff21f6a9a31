package io.inlearning.spark.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them: {@code 1h}, {@code 90s}, {@code 500ms}, {@code 2 hours}, {@code 1d}. */
final class Durations {
  private static final Pattern FORMAT = Pattern.compile("\\s*(\\d+)\\s*([a-zA-Z]+)\\s*");

  private Durations() {}

  static Duration parse(String option, String text) {
    Matcher matcher = FORMAT.matcher(text == null ? "" : text);
    if (!matcher.matches()) {
      throw new UsageException(option + " must be a duration like 10s, 5m, 1h or 500ms, got '" + text + "'");
    }
    long amount;
    try {
      amount = Long.parseLong(matcher.group(1));
    } catch (NumberFormatException e) {
      throw new UsageException(option + " is too long, got '" + text + "'");
    }
    Duration duration = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
      case "ms", "milli", "millis", "millisecond", "milliseconds" -> Duration.ofMillis(amount);
      case "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(amount);
      case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(amount);
      case "h", "hour", "hours" -> Duration.ofHours(amount);
      case "d", "day", "days" -> Duration.ofDays(amount);
      default -> throw new UsageException(option + ": unknown unit '" + matcher.group(2) + "' (ms, s, m, h or d)");
    };
    return duration;
  }

  static Duration positive(String option, String text) {
    Duration duration = parse(option, text);
    if (duration.isZero()) {
      throw new UsageException(option + " must be longer than zero, got '" + text + "'");
    }
    return duration;
  }

  /** As users write it: the largest unit that divides it ({@code 1h}, {@code 90s}, {@code 500ms}). */
  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 86_400_000 == 0 && millis > 0) {
      return millis / 86_400_000 + "d";
    }
    if (millis % 3_600_000 == 0 && millis > 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0 && millis > 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
