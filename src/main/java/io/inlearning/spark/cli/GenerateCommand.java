package io.inlearning.spark.cli;

import io.inlearning.spark.datagen.CourseGenerator;
import io.inlearning.spark.datagen.EventGenerator;
import io.inlearning.spark.datagen.GenerateCourses;
import io.inlearning.spark.datagen.GenerateEvents;
import io.inlearning.spark.datagen.GenerateInteractions;
import io.inlearning.spark.datagen.GenerateWorld;
import io.inlearning.spark.datagen.InteractionGenerator;
import io.inlearning.spark.datagen.WorldGenerator;
import io.inlearning.spark.files.Locations;
import io.inlearning.spark.files.OutputFolder;
import io.inlearning.spark.json.Json;
import io.inlearning.spark.kafka.KafkaSettings;
import io.inlearning.spark.kafka.KafkaTopic;
import io.inlearning.spark.records.Feedback;
import io.inlearning.spark.warehouse.Hour;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", description = "Generate realistic test data.",
    subcommands = {GenerateCommand.Courses.class, GenerateCommand.Interactions.class, GenerateCommand.Events.class,
        GenerateCommand.World.class})
final class GenerateCommand {
  static final long DEFAULT_SEED = 42;

  @Command(name = "courses", description = "A course catalogue as JSON lines.")
  static final class Courses extends JobCommand {
    @Option(names = "--count", required = true, paramLabel = "N", description = "number of courses")
    long count;

    @Mixin
    OutputOptions output;

    @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed = DEFAULT_SEED;

    @Option(names = "--categories", paramLabel = "K",
        description = "number of categories (default: ${DEFAULT-VALUE}; more than 8 adds synthetic ones)")
    int categories = CourseGenerator.DEFAULT_CATEGORIES;

    @Option(names = "--uncategorised-fraction", paramLabel = "F",
        description = "share of courses without a category (default: ${DEFAULT-VALUE})")
    double uncategorisedFraction = CourseGenerator.DEFAULT_UNCATEGORISED_FRACTION;

    @Option(names = "--label-noise", paramLabel = "F",
        description = "share of categorised courses labelled with a random category (default: ${DEFAULT-VALUE})")
    double labelNoise = CourseGenerator.DEFAULT_LABEL_NOISE;

    private CourseGenerator.Options options;
    private OutputFolder folder;

    @Override
    String appName() {
      return "generate courses";
    }

    @Override
    void parse(Locations locations) {
      options = new CourseGenerator.Options(count, seed, categories, uncategorisedFraction, labelNoise);
      folder = output.checkedFolder(locations);
    }

    @Override
    void run(SparkSession session) {
      GenerateCourses.Result result = GenerateCourses.run(session, options, folder);
      System.out.printf("generated %,d courses into %s in %.1f s%n", result.courses(), result.output(),
          result.seconds());
    }
  }

  @Command(name = "interactions",
      description = "Learner-course interactions with planted interests, as JSON lines or MovieLens lines.")
  static final class Interactions extends JobCommand {
    @Option(names = "--users", required = true, paramLabel = "U", description = "number of learners")
    long users;

    @Option(names = "--courses", required = true, paramLabel = "C", description = "number of courses")
    long courses;

    @Option(names = "--count", required = true, paramLabel = "N", description = "number of interactions")
    long count;

    @Mixin
    OutputOptions output;

    @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed = DEFAULT_SEED;

    @Option(names = "--implicit",
        description = "implicit strengths (views, +3 for a completion) instead of ratings 1..5")
    boolean implicit;

    @Option(names = "--format", paramLabel = "json|movielens",
        description = "JSON lines with string ids, or MovieLens u.data lines with integer ids (default: ${DEFAULT-VALUE})")
    String format = "json";

    private InteractionGenerator.Options options;
    private OutputFolder folder;

    @Override
    String appName() {
      return "generate interactions";
    }

    @Override
    void parse(Locations locations) {
      options = new InteractionGenerator.Options(users, courses, count, seed,
          implicit ? Feedback.IMPLICIT : Feedback.EXPLICIT,
          Choices.parse(InteractionGenerator.Format.class, "--format", format));
      folder = output.checkedFolder(locations);
    }

    @Override
    void run(SparkSession session) {
      GenerateInteractions.Result result = GenerateInteractions.run(session, options, folder);
      System.out.printf("generated %,d interactions into %s in %.1f s%n", result.interactions(), result.output(),
          result.seconds());
    }
  }

  /** Plain Java, no Spark: events are written (or sent) in arrival order, file after file. */
  @Command(name = "events",
      description = "Course events for the streaming consumer: JSON lines files in a drop folder and/or a Kafka topic.")
  static final class Events implements Callable<Integer> {
    @Option(names = "--count", required = true, paramLabel = "N", description = "number of events")
    long count;

    @Option(names = {"--output", "--out"}, paramLabel = "DIR", description = "drop folder the files land in")
    Path out;

    @Option(names = "--kafka", paramLabel = "HOST:PORT/TOPIC", description = "also (or only) send every line to this topic")
    String kafka;

    @Mixin
    KafkaClientOptions kafkaClient;

    @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed = DEFAULT_SEED;

    @Option(names = "--files", paramLabel = "M", description = "number of files (default: ${DEFAULT-VALUE})")
    int files = EventGenerator.Options.DEFAULT_FILES;

    @Option(names = "--start", paramLabel = "ISO",
        description = "arrival time of the first event (default: ${DEFAULT-VALUE})")
    String start = CourseGenerator.DEFAULT_START.toString();

    @Option(names = "--span", paramLabel = "DURATION",
        description = "arrival times spread over this span (default: ${DEFAULT-VALUE})")
    String span = Durations.format(EventGenerator.Options.DEFAULT_SPAN);

    @Option(names = "--late-fraction", paramLabel = "F",
        description = "share of events 3 to 6 hours late (default: ${DEFAULT-VALUE})")
    double lateFraction = EventGenerator.Options.DEFAULT_LATE_FRACTION;

    @Option(names = "--malformed-fraction", paramLabel = "F",
        description = "share of bad lines: broken JSON, missing timestamp or category, difficulty out of range, "
            + "unreadable timestamp (default: ${DEFAULT-VALUE})")
    double malformedFraction = EventGenerator.Options.DEFAULT_MALFORMED_FRACTION;

    @Option(names = "--categories", paramLabel = "K", description = "number of categories (default: ${DEFAULT-VALUE})")
    int categories = EventGenerator.Options.DEFAULT_CATEGORIES;

    @Option(names = "--courses", paramLabel = "N",
        description = "size of the course catalogue the events are about (default: ${DEFAULT-VALUE})")
    int courses = EventGenerator.Options.DEFAULT_COURSES;

    @Option(names = "--learners", paramLabel = "N", description = "number of learners (default: ${DEFAULT-VALUE})")
    int learners = EventGenerator.Options.DEFAULT_LEARNERS;

    @Option(names = "--interval", paramLabel = "DURATION",
        description = "pause between files, to watch them land (default: ${DEFAULT-VALUE})")
    String interval = "0s";

    @Override
    public Integer call() {
      Instant startTime;
      try {
        startTime = Instant.parse(start);
      } catch (DateTimeParseException e) {
        throw new UsageException("--start must be an ISO-8601 instant like 2026-01-01T00:00:00Z, got " + start);
      }
      EventGenerator.Options options = EventGenerator.Options.builder(count, seed).files(files)
          .arrivals(startTime, Durations.positive("--span", span)).lateFraction(lateFraction)
          .malformedFraction(malformedFraction).categories(categories).courses(courses).learners(learners).build();
      Duration pause = Durations.parse("--interval", interval);
      Locations locations = Locations.forLocalFiles();
      KafkaSettings client = kafkaClient.settings(locations);
      if (out != null) {
        locations.requireFolderOrCreatable("drop folder", out.toString());
      }
      if (out == null && kafka == null) {
        throw new UsageException("generate events needs --out DIR, --kafka HOST:PORT/TOPIC or both");
      }
      GenerateEvents.Result result = GenerateEvents.run(new GenerateEvents.Request(options, Optional.ofNullable(out),
          Optional.ofNullable(kafka).map(address -> KafkaTopic.parse("kafka", address)), client, pause));
      System.out.printf("generated %,d events into %s in %.1f s%n", result.events(), result.output(), result.seconds());
      System.out.print(Json.pretty(result.report()));
      return 0;
    }
  }

  /** Plain Java, no Spark: a raw area of a few hours over one catalogue and one set of learners. */
  @Command(name = "world",
      description = "A raw area of several hours (courses, interactions, events under date=/hour=) over one catalogue "
          + "and one set of learners, for the hourly flow.")
  static final class World implements Callable<Integer> {
    @Option(names = {"--output", "--out"}, required = true, paramLabel = "DIR", description = "raw area to create")
    Path out;

    @Option(names = "--hours", paramLabel = "N", description = "hours to generate (default: ${DEFAULT-VALUE})")
    int hours = 3;

    @Option(names = "--start", paramLabel = "YYYY-MM-DDTHH",
        description = "the first hour, UTC (default: ${DEFAULT-VALUE})")
    String start = WorldGenerator.DEFAULT_START.toString();

    @Option(names = "--courses", paramLabel = "N",
        description = "courses of the catalogue, arriving in the first hour (default: ${DEFAULT-VALUE})")
    int courses = 2_000;

    @Option(names = "--new-courses-per-hour", paramLabel = "N",
        description = "courses arriving in every later hour (default: ${DEFAULT-VALUE})")
    int newCoursesPerHour = 20;

    @Option(names = "--learners", paramLabel = "N", description = "learners (default: ${DEFAULT-VALUE})")
    int learners = 1_000;

    @Option(names = "--interactions-per-hour", paramLabel = "N",
        description = "interactions in every hour (default: ${DEFAULT-VALUE})")
    int interactionsPerHour = 5_000;

    @Option(names = "--events-per-hour", paramLabel = "N",
        description = "course events in every hour (default: ${DEFAULT-VALUE})")
    int eventsPerHour = 2_000;

    @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed = DEFAULT_SEED;

    @Override
    public Integer call() {
      WorldGenerator.Options options = WorldGenerator.Options.builder().start(Hour.parse(start)).hours(hours)
          .courses(courses).newCoursesPerHour(newCoursesPerHour).learners(learners)
          .interactionsPerHour(interactionsPerHour).eventsPerHour(eventsPerHour).seed(seed).build();
      Locations.forLocalFiles().requireNewFolder("output", OutputFolder.refusingExisting(out.toString()));
      GenerateWorld.Result result = GenerateWorld.run(options, out);
      for (GenerateWorld.HourSummary hour : result.summary().hours()) {
        System.out.printf("%s: %,d courses, %,d interactions, %,d events%n", hour.hour(), hour.courses(),
            hour.interactions(), hour.events());
      }
      System.out.printf("generated a world of %,d courses and %,d learners over %d hours into %s in %.1f s%n",
          options.totalCourses(), options.learners(), options.hours(), result.output(), result.seconds());
      return 0;
    }
  }
}
