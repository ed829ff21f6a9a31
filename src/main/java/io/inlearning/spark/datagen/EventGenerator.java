package io.inlearning.spark.datagen;

import io.inlearning.spark.errors.UsageException;
import io.inlearning.spark.output.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Course events as they reach the streaming consumer, in arrival order: event i arrives at the fraction
 * i/N of the span and mostly carries an event time a little before that (exponential delay, mean 5
 * minutes: out of order); a share is late (3 to 6 hours behind, beyond the default 2-hour watermark) and a
 * share is malformed in one of several ways. Each event is a learner's activity on a course of a catalogue
 * of {@code courses} (popular ones more often; a course keeps its category) by one of {@code learners}:
 * viewed (55 %), started (20 %), enrolled (15 %) or completed (10 %). Event i depends only on (seed, i).
 */
public final class EventGenerator {
  /** The kinds of bad lines, with the rejection reason the consumer gives each. */
  enum Bad {
    TRUNCATED_JSON("malformed_json"), NOT_JSON("malformed_json"), MISSING_TIMESTAMP("missing_field"),
    MISSING_CATEGORY("missing_field"), DIFFICULTY_OUT_OF_RANGE("out_of_range"), BAD_TIMESTAMP("invalid_timestamp"),
    UNKNOWN_EVENT_TYPE("unknown_value");

    final String reason;

    Bad(String reason) {
      this.reason = reason;
    }
  }

  public record Options(long count, long seed, int files, Instant start, Duration span, double lateFraction,
                        double malformedFraction, int categories, int courses, int learners) {
    public static final int DEFAULT_COURSES = 1_000;
    public static final int DEFAULT_LEARNERS = 20_000;

    public Options(long count, long seed, int files, Instant start, Duration span, double lateFraction,
                   double malformedFraction, int categories) {
      this(count, seed, files, start, span, lateFraction, malformedFraction, categories, DEFAULT_COURSES,
          DEFAULT_LEARNERS);
    }

    public Options {
      if (courses < 1 || learners < 1) {
        throw new UsageException("--courses and --learners must be at least 1");
      }
      if (count < 1) {
        throw new UsageException("--count must be at least 1, got " + count);
      }
      if (files < 1) {
        throw new UsageException("--files must be at least 1, got " + files);
      }
      if (span.isNegative() || span.isZero()) {
        throw new UsageException("--span must be longer than zero");
      }
      if (lateFraction < 0 || malformedFraction < 0 || lateFraction + malformedFraction > 1) {
        throw new UsageException("--late-fraction and --malformed-fraction must be in [0, 1] and add up to at most 1");
      }
      if (categories < 1) {
        throw new UsageException("--categories must be at least 1, got " + categories);
      }
    }

    public static Options defaults(long count, long seed) {
      return new Options(count, seed, 10, CourseGenerator.DEFAULT_START, Duration.ofHours(24), 0.02, 0.02, 8,
          DEFAULT_COURSES, DEFAULT_LEARNERS);
    }
  }

  /** One generated line and what it is. */
  public record Event(String line, String category, Instant timestamp, boolean late, String rejection) {}

  private static final String[] EVENT_TYPES = {"viewed", "started", "enrolled", "completed"};
  private static final double[] EVENT_TYPE_SHARES = {0.55, 0.20, 0.15, 0.10};

  private final Options options;
  private final List<Vocabulary.Category> categories;

  public EventGenerator(Options options) {
    this.options = options;
    this.categories = Vocabulary.categories(options.categories());
  }

  public Event event(long index) {
    SplittableRandom random = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + index * 31 + 7);
    long spanMillis = options.span().toMillis();
    Instant arrival = options.start().plusMillis((long) (spanMillis * (index / (double) options.count())));
    double kind = random.nextDouble();
    boolean late = kind < options.lateFraction();
    long delayMillis = late
        ? Duration.ofHours(3).toMillis() + random.nextLong(Duration.ofHours(3).toMillis())
        : (long) Math.min(3_600_000, -Math.log(1 - random.nextDouble()) * 300_000);
    Instant timestamp = arrival.minusMillis(delayMillis);
    // Course k is drawn with a skew towards low k (u squared), and its category is fixed by (seed, k).
    long course = (long) (options.courses() * Math.pow(random.nextDouble(), 2));
    Vocabulary.Category category = categories.get(pickCategory(
        new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L - course * 131 - 3)));
    boolean french = random.nextDouble() < 0.45;
    String[] words = french ? category.french() : category.english();
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("course_id", paddedId("crs-", course, 6));
    record.put("learner_id", paddedId("lrn-", random.nextInt(options.learners()), 7));
    record.put("event_type", eventType(random.nextDouble()));
    record.put("title", (french ? "Cours : " : "Course: ") + words[random.nextInt(words.length)] + " "
        + words[random.nextInt(words.length)]);
    record.put("category", category.name());
    double score = random.nextDouble();
    if (score >= 0.05) {
      record.put("difficulty_score", Math.round(random.nextDouble() * 100) / 10.0);
    }
    record.put("language", french ? "fr" : "en");
    record.put("timestamp", timestamp.toString());
    if (!late && kind < options.lateFraction() + options.malformedFraction()) {
      Bad bad = Bad.values()[random.nextInt(Bad.values().length)];
      return new Event(corrupt(bad, record), category.name(), timestamp, false, bad.reason);
    }
    return new Event(json(record), category.name(), timestamp, late, null);
  }

  /**
   * {@code prefix} and {@code n} with leading zeros to {@code digits}, as {@code %0Nd} would: String.format for
   * the two ids allocated 7 % of all the bytes of a {@code bench analytics} JVM, whose producer makes the events.
   */
  private static String paddedId(String prefix, long n, int digits) {
    String number = Long.toString(n);
    return prefix + "0".repeat(Math.max(0, digits - number.length())) + number;
  }

  private static String corrupt(Bad bad, Map<String, Object> record) {
    switch (bad) {
      case TRUNCATED_JSON -> {
        String line = json(record);
        return line.substring(0, line.length() / 2);
      }
      case NOT_JSON -> {
        return "course " + record.get("course_id") + " in " + record.get("category");
      }
      case MISSING_TIMESTAMP -> record.remove("timestamp");
      case MISSING_CATEGORY -> record.remove("category");
      case DIFFICULTY_OUT_OF_RANGE -> record.put("difficulty_score", 12.5);
      case BAD_TIMESTAMP -> record.put("timestamp", "yesterday at noon");
      case UNKNOWN_EVENT_TYPE -> record.put("event_type", "finished");
      default -> throw new IllegalStateException(bad.name());
    }
    return json(record);
  }

  private static String eventType(double u) {
    for (int k = 0; k < EVENT_TYPES.length - 1; k++) {
      u -= EVENT_TYPE_SHARES[k];
      if (u < 0) {
        return EVENT_TYPES[k];
      }
    }
    return EVENT_TYPES[EVENT_TYPES.length - 1];
  }

  private int pickCategory(SplittableRandom random) {
    // Uneven sizes, as in the catalogue: weight 1 / (1 + 0.25 k).
    double total = 0;
    for (int k = 0; k < categories.size(); k++) {
      total += 1.0 / (1 + 0.25 * k);
    }
    double u = random.nextDouble() * total;
    for (int k = 0; k < categories.size(); k++) {
      u -= 1.0 / (1 + 0.25 * k);
      if (u < 0) {
        return k;
      }
    }
    return categories.size() - 1;
  }

  private static String json(Map<String, Object> record) {
    return Json.compact(record);
  }


  /** Which file (0-based) event i goes to: files hold consecutive stretches of arrival time. */
  public int fileOf(long index) {
    return (int) (index * options.files() / options.count());
  }

  public Options options() {
    return options;
  }
}
