package io.inlearning.spark.datagen;

import io.inlearning.spark.errors.Check;
import io.inlearning.spark.records.Feedback;
import io.inlearning.spark.warehouse.Hour;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;

/**
 * One coherent world over several hours: a catalogue, learners who interact with its courses, and the events
 * they cause, all speaking of the same ids. The back catalogue arrives in the first hour; a few new courses
 * arrive in every later hour, half of them without a category (the classifier's work). Interactions and events
 * are about courses already in the catalogue, and an event's category is its course's. Course, interaction and
 * event i each depend only on (seed, i), as in the generators this one combines.
 */
public final class WorldGenerator {
  public static final Hour DEFAULT_START = Hour.parse("2026-01-05T00");

  /**
   * @param courses              the back catalogue, arriving in the first hour
   * @param newCoursesPerHour    courses arriving in each later hour
   * @param unlabelledNewFraction share of the new courses that arrive without a category
   */
  public record Options(Hour start, int hours, int courses, int newCoursesPerHour, double unlabelledNewFraction,
                        int learners, int interactionsPerHour, int eventsPerHour, long seed) {
    public Options {
      Check.between("hours", hours, 1, 24 * 366);
      Check.between("courses", courses, 1, 1_000_000);
      Check.between("new_courses_per_hour", newCoursesPerHour, 0, 100_000);
      Check.share("unlabelled_new_fraction", unlabelledNewFraction);
      Check.between("learners", learners, 1, 5_000_000);
      Check.atLeast("interactions_per_hour", interactionsPerHour, 0);
      Check.atLeast("events_per_hour", eventsPerHour, 0);
    }

    /** Every course of the world, the back catalogue and the new ones. */
    public long totalCourses() {
      return courses + (long) (hours - 1) * newCoursesPerHour;
    }

    public static Builder builder() {
      return new Builder();
    }
  }

  /** Options from the defaults, changed one by one. */
  public static final class Builder {
    private Hour start = DEFAULT_START;
    private int hours = 3;
    private int courses = 2_000;
    private int newCoursesPerHour = 20;
    private double unlabelledNewFraction = 0.5;
    private int learners = 1_000;
    private int interactionsPerHour = 5_000;
    private int eventsPerHour = 2_000;
    private long seed = 42;

    public Builder start(Hour value) {
      start = value;
      return this;
    }

    public Builder hours(int value) {
      hours = value;
      return this;
    }

    public Builder courses(int value) {
      courses = value;
      return this;
    }

    public Builder newCoursesPerHour(int value) {
      newCoursesPerHour = value;
      return this;
    }

    public Builder unlabelledNewFraction(double value) {
      unlabelledNewFraction = value;
      return this;
    }

    public Builder learners(int value) {
      learners = value;
      return this;
    }

    public Builder interactionsPerHour(int value) {
      interactionsPerHour = value;
      return this;
    }

    public Builder eventsPerHour(int value) {
      eventsPerHour = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Options build() {
      return new Options(start, hours, courses, newCoursesPerHour, unlabelledNewFraction, learners,
          interactionsPerHour, eventsPerHour, seed);
    }
  }

  private final Options options;
  private final CourseGenerator catalogue;
  private final InteractionGenerator interactions;

  public WorldGenerator(Options options) {
    this.options = options;
    this.catalogue = new CourseGenerator(new CourseGenerator.Options(options.totalCourses(), options.seed(),
        InteractionGenerator.CATEGORIES, CourseGenerator.DEFAULT_UNCATEGORISED_FRACTION,
        CourseGenerator.DEFAULT_LABEL_NOISE));
    long hoursOfInteractions = Math.max(1, (long) options.hours() * options.interactionsPerHour());
    this.interactions = new InteractionGenerator(new InteractionGenerator.Options(options.learners(),
        options.courses(), hoursOfInteractions, options.seed(), Feedback.IMPLICIT, InteractionGenerator.Format.JSON),
        c -> catalogue.category(c));
  }

  public Options options() {
    return options;
  }

  public Hour hour(int index) {
    return options.start().plusHours(index);
  }

  /** The courses that arrive in hour {@code index}: [first, end). */
  public long firstCourse(int hourIndex) {
    return hourIndex == 0 ? 0 : options.courses() + (long) (hourIndex - 1) * options.newCoursesPerHour();
  }

  public long endCourse(int hourIndex) {
    return hourIndex == 0 ? options.courses() : firstCourse(hourIndex) + options.newCoursesPerHour();
  }

  /** Course {@code index} as it arrives: the generated course, stamped within its hour of arrival. */
  public Map<String, Object> course(int hourIndex, long index) {
    Row row = catalogue.course(index);
    SplittableRandom random = random(1, index);
    Map<String, Object> record = new LinkedHashMap<>();
    for (int f = 0; f < row.length(); f++) {
      record.put(CourseGenerator.SCHEMA.fields()[f].name(), row.get(f));
    }
    if (hourIndex > 0 && random.nextDouble() < options.unlabelledNewFraction()) {
      record.put("category", null);
    }
    record.put("timestamp", within(hour(hourIndex), random).toString());
    return record;
  }

  /** Interaction {@code index} of hour {@code hourIndex}: a learner and a course of the back catalogue. */
  public Map<String, Object> interaction(int hourIndex, long index) {
    long global = (long) hourIndex * options.interactionsPerHour() + index;
    InteractionGenerator.Interaction drawn = interactions.draw(global);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("user_id", learnerId(drawn.user()));
    record.put("course_id", CourseGenerator.courseId(drawn.course()));
    record.put("rating", drawn.rating());
    record.put("timestamp", within(hour(hourIndex), random(2, global)).toString());
    return record;
  }

  /** The events of hour {@code hourIndex}: about the courses in the catalogue by then, by the world's learners. */
  public EventGenerator events(int hourIndex) {
    EventGenerator.Options events = EventGenerator.Options.builder(Math.max(1, options.eventsPerHour()),
            options.seed() * 1_000 + hourIndex)
        .files(1)
        .arrivals(hour(hourIndex).start(), Duration.ofHours(1))
        .categories(InteractionGenerator.CATEGORIES)
        .courses((int) Math.min(Integer.MAX_VALUE, endCourse(hourIndex)))
        .learners(options.learners())
        .build();
    return new EventGenerator(events, new EventGenerator.Catalogue() {
      @Override
      public String courseId(long course) {
        return CourseGenerator.courseId(course);
      }

      @Override
      public int category(long course) {
        return catalogue.category(course);
      }
    });
  }

  static String learnerId(int learner) {
    return String.format(Locale.ROOT, "lrn-%07d", learner);
  }

  private static Instant within(Hour hour, SplittableRandom random) {
    return hour.start().plusMillis(random.nextLong(3_600_000L));
  }

  private SplittableRandom random(int kind, long index) {
    return new SplittableRandom((options.seed() * 31 + kind) * 0xBF58476D1CE4E5B9L + index * 0x9E3779B97F4A7C15L);
  }
}
