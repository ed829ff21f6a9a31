package io.inlearning.spark.cli;

import io.inlearning.spark.analytics.Durations;
import io.inlearning.spark.datagen.CourseGenerator;
import io.inlearning.spark.datagen.EventGenerator;
import io.inlearning.spark.datagen.GenerateCourses;
import io.inlearning.spark.datagen.GenerateEvents;
import io.inlearning.spark.datagen.GenerateInteractions;
import io.inlearning.spark.datagen.InteractionGenerator;
import io.inlearning.spark.errors.UsageException;
import io.inlearning.spark.files.Locations;
import io.inlearning.spark.output.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", description = "Generate realistic test data.",
    subcommands = {GenerateCommand.Courses.class, GenerateCommand.Interactions.class, GenerateCommand.Events.class})
final class GenerateCommand {

  @Command(name = "courses", description = "A course catalogue as JSON lines.")
  static final class Courses extends JobCommand {
    @Option(names = "--count", required = true, paramLabel = "N", description = "number of courses")
    long count;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    String out;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--categories", defaultValue = "8", paramLabel = "K",
        description = "number of categories (default: ${DEFAULT-VALUE}; more than 8 adds synthetic ones)")
    int categories;

    @Option(names = "--uncategorised-fraction", defaultValue = "0.1", paramLabel = "F",
        description = "share of courses without a category (default: ${DEFAULT-VALUE})")
    double uncategorisedFraction;

    @Option(names = "--label-noise", defaultValue = "0.03", paramLabel = "F",
        description = "share of categorised courses labelled with a random category (default: ${DEFAULT-VALUE})")
    double labelNoise;

    @Option(names = "--overwrite", description = "replace the output folder if it exists")
    boolean overwrite;

    private CourseGenerator.Options options;

    @Override
    String appName() {
      return "generate courses";
    }

    @Override
    void validate(Locations locations) {
      options = new CourseGenerator.Options(count, seed, categories, uncategorisedFraction, labelNoise);
      locations.requireNewFolder("output", out, overwrite);
    }

    @Override
    void run(SparkSession session) {
      GenerateCourses.Result result = GenerateCourses.run(session, options, out, overwrite);
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

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    String out;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--implicit",
        description = "implicit strengths (views, +3 for a completion) instead of ratings 1..5")
    boolean implicit;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|movielens",
        description = "JSON lines with string ids, or MovieLens u.data lines with integer ids (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--overwrite", description = "replace the output folder if it exists")
    boolean overwrite;

    private InteractionGenerator.Options options;

    @Override
    String appName() {
      return "generate interactions";
    }

    @Override
    void validate(Locations locations) {
      InteractionGenerator.Format kind;
      try {
        kind = InteractionGenerator.Format.valueOf(format.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--format must be json or movielens, got " + format);
      }
      options = new InteractionGenerator.Options(users, courses, count, seed, implicit, kind);
      locations.requireNewFolder("output", out, overwrite);
    }

    @Override
    void run(SparkSession session) {
      GenerateInteractions.Result result = GenerateInteractions.run(session, options, out, overwrite);
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

    @Option(names = "--out", paramLabel = "DIR", description = "drop folder the files land in")
    Path out;

    @Option(names = "--kafka", paramLabel = "HOST:PORT/TOPIC", description = "also (or only) send every line to this topic")
    String kafka;

    @Mixin
    KafkaClientOptions kafkaClient;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--files", defaultValue = "10", paramLabel = "M", description = "number of files (default: ${DEFAULT-VALUE})")
    int files;

    @Option(names = "--start", defaultValue = "2026-01-01T00:00:00Z", paramLabel = "ISO",
        description = "arrival time of the first event (default: ${DEFAULT-VALUE})")
    String start;

    @Option(names = "--span", defaultValue = "24h", paramLabel = "DURATION",
        description = "arrival times spread over this span (default: ${DEFAULT-VALUE})")
    String span;

    @Option(names = "--late-fraction", defaultValue = "0.02", paramLabel = "F",
        description = "share of events 3 to 6 hours late (default: ${DEFAULT-VALUE})")
    double lateFraction;

    @Option(names = "--malformed-fraction", defaultValue = "0.02", paramLabel = "F",
        description = "share of bad lines: broken JSON, missing timestamp or category, difficulty out of range, "
            + "unreadable timestamp (default: ${DEFAULT-VALUE})")
    double malformedFraction;

    @Option(names = "--categories", defaultValue = "8", paramLabel = "K", description = "number of categories (default: ${DEFAULT-VALUE})")
    int categories;

    @Option(names = "--courses", paramLabel = "N",
        description = "size of the course catalogue the events are about (default: 1000)")
    int courses = EventGenerator.Options.DEFAULT_COURSES;

    @Option(names = "--learners", paramLabel = "N", description = "number of learners (default: 20000)")
    int learners = EventGenerator.Options.DEFAULT_LEARNERS;

    @Option(names = "--interval", defaultValue = "0s", paramLabel = "DURATION",
        description = "pause between files, to watch them land (default: ${DEFAULT-VALUE})")
    String interval;

    @Override
    public Integer call() {
      Instant startTime;
      try {
        startTime = Instant.parse(start);
      } catch (DateTimeParseException e) {
        throw new UsageException("--start must be an ISO-8601 instant like 2026-01-01T00:00:00Z, got " + start);
      }
      EventGenerator.Options options = new EventGenerator.Options(count, seed, files, startTime,
          Durations.positive("--span", span), lateFraction, malformedFraction, categories, courses, learners);
      Duration pause = Durations.parse("--interval", interval);
      Locations locations = Locations.forLocalFiles();
      kafkaClient.check(locations);
      if (out != null) {
        locations.requireFolderOrCreatable("drop folder", out.toString());
      }
      GenerateEvents.Result result = GenerateEvents.run(options, out, kafka,
          kafkaClient.settings(true).options(), pause);
      System.out.printf("generated %,d events into %s in %.1f s%n", result.events(), result.output(), result.seconds());
      System.out.print(Json.pretty(result.report()));
      return 0;
    }
  }
}
