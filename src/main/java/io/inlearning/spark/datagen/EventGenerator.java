package io.inlearning.spark.datagen;

import io.inlearning.spark.errors.Check;
import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.json.Json;
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

  /**
   * What to generate: {@code count} events from {@code seed}, arriving over {@code span} from {@code start}
   * in {@code files} files; a share of them late (3 to 6 hours) or malformed; about {@code courses} courses of
   * {@code categories} categories and {@code learners} learners. {@link #builder} starts from the defaults.
   */
  public record Options(long count, long seed, int files, Instant start, Duration span, double lateFraction,
                        double malformedFraction, int categories, int courses, int learners) {
    public static final int DEFAULT_FILES = 10;
    public static final Duration DEFAULT_SPAN = Duration.ofHours(24);
    public static final double DEFAULT_LATE_FRACTION = 0.02;
    public static final double DEFAULT_MALFORMED_FRACTION = 0.02;
    public static final int DEFAULT_CATEGORIES = 8;
    public static final int DEFAULT_COURSES = 1_000;
    public static final int DEFAULT_LEARNERS = 20_000;

    public Options {
      Check.atLeast("count", count, 1);
      Check.atLeast("files", files, 1);
      if (span.isNegative() || span.isZero()) {
        throw InvalidRequestException.setting("span", "must be longer than zero, got " + span);
      }
      Check.share("late_fraction", lateFraction);
      Check.share("malformed_fraction", malformedFraction);
      if (lateFraction + malformedFraction > 1) {
        throw InvalidRequestException.setting("malformed_fraction", "and the late fraction add up to more than 1");
      }
      Check.atLeast("categories", categories, 1);
      Check.atLeast("courses", courses, 1);
      Check.atLeast("learners", learners, 1);
    }

    public static Builder builder(long count, long seed) {
      return new Builder(count, seed);
    }

    /** The defaults of everything but the count and the seed. */
    public static Options defaults(long count, long seed) {
      return builder(count, seed).build();
    }
  }

  /** Options with the defaults, changed one by one. */
  public static final class Builder {
    private final long count;
    private final long seed;
    private int files = Options.DEFAULT_FILES;
    private Instant start = CourseGenerator.DEFAULT_START;
    private Duration span = Options.DEFAULT_SPAN;
    private double lateFraction = Options.DEFAULT_LATE_FRACTION;
    private double malformedFraction = Options.DEFAULT_MALFORMED_FRACTION;
    private int categories = Options.DEFAULT_CATEGORIES;
    private int courses = Options.DEFAULT_COURSES;
    private int learners = Options.DEFAULT_LEARNERS;

    private Builder(long count, long seed) {
      this.count = count;
      this.seed = seed;
    }

    public Builder files(int value) {
      files = value;
      return this;
    }

    /** Arrival times spread over {@code newSpan} from {@code newStart}. */
    public Builder arrivals(Instant newStart, Duration newSpan) {
      start = newStart;
      span = newSpan;
      return this;
    }

    public Builder lateFraction(double value) {
      lateFraction = value;
      return this;
    }

    public Builder malformedFraction(double value) {
      malformedFraction = value;
      return this;
    }

    public Builder categories(int value) {
      categories = value;
      return this;
    }

    public Builder courses(int value) {
      courses = value;
      return this;
    }

    public Builder learners(int value) {
      learners = value;
      return this;
    }

    public Options build() {
      return new Options(count, seed, files, start, span, lateFraction, malformedFraction, categories, courses,
          learners);
    }
  }

  /** One generated line and what it is. */
  public record Event(String line, String category, Instant timestamp, boolean late, String rejection) {}

  private static final String[] EVENT_TYPES = {"viewed", "started", "enrolled", "completed"};
  private static final double[] EVENT_TYPE_SHARES = {0.55, 0.20, 0.15, 0.10};

  /** The courses events are about: course k's id and category (an index into the categories). */
  interface Catalogue {
    String courseId(long course);

    int category(long course);
  }

  private final Options options;
  private final List<Vocabulary.Category> categories;
  private final Catalogue catalogue;

  public EventGenerator(Options options) {
    this.options = options;
    this.categories = Vocabulary.categories(options.categories());
    this.catalogue = new Catalogue() {
      @Override
      public String courseId(long course) {
        return paddedId("crs-", course, 6);
      }

      @Override
      public int category(long course) {
        return pickCategory(new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L - course * 131 - 3));
      }
    };
  }

  /** Events about the first {@code options.courses()} courses of {@code catalogue}. */
  EventGenerator(Options options, Catalogue catalogue) {
    this.options = options;
    this.categories = Vocabulary.categories(options.categories());
    this.catalogue = catalogue;
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
    Vocabulary.Category category = categories.get(catalogue.category(course));
    boolean french = random.nextDouble() < 0.45;
    String[] words = french ? category.french() : category.english();
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("course_id", catalogue.courseId(course));
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
   * {@code prefix} and {@code n} with leading zeros to {@code digits}, as {@code %0Nd} would, without
   * String.format's allocations: the benchmark's producer makes every event in the measured JVM.
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
