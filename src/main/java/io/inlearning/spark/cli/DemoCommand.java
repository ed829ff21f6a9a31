package io.inlearning.spark.cli;

import io.inlearning.spark.analytics.AnalyticsOptions;
import io.inlearning.spark.analytics.StreamingAnalytics;
import io.inlearning.spark.courses.ClassifierSettings;
import io.inlearning.spark.courses.CourseInput;
import io.inlearning.spark.courses.ProcessCourses;
import io.inlearning.spark.datagen.CourseGenerator;
import io.inlearning.spark.datagen.EventGenerator;
import io.inlearning.spark.datagen.GenerateCourses;
import io.inlearning.spark.datagen.GenerateEvents;
import io.inlearning.spark.datagen.GenerateInteractions;
import io.inlearning.spark.datagen.InteractionGenerator;
import io.inlearning.spark.errors.UsageException;
import io.inlearning.spark.files.Locations;
import io.inlearning.spark.output.Json;
import io.inlearning.spark.output.LocalFiles;
import io.inlearning.spark.recommendations.Recommend;
import io.inlearning.spark.recommendations.RecommendSettings;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo",
    description = "Every job end to end on generated data, in local mode by default, into one folder.")
final class DemoCommand extends JobCommand {
  @Option(names = "--out", defaultValue = "demo-output", paramLabel = "DIR",
      description = "output folder; its parts are replaced on each run (default: ${DEFAULT-VALUE})")
  String out;

  @Option(names = "--courses", defaultValue = "20000", paramLabel = "N",
      description = "number of generated courses (default: ${DEFAULT-VALUE})")
  long courses;

  @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  String appName() {
    return "demo";
  }

  private CourseGenerator.Options catalogue;

  @Override
  void validate(Locations locations) {
    if (courses < 100) {
      throw new UsageException("--courses must be at least 100, got " + courses);
    }
    catalogue = new CourseGenerator.Options(courses, seed, 8, 0.1, 0.03);
    locations.requireFolderOrCreatable("output", Path.of(out).toAbsolutePath().toString());
  }

  @Override
  void run(SparkSession session) {
    Path root = Path.of(out).toAbsolutePath();
    String courseData = root.resolve("data/courses").toString();
    GenerateCourses.Result generated = GenerateCourses.run(session, catalogue, courseData, true);
    System.out.printf("1. generated %,d courses into %s%n", generated.courses(), generated.output());

    ProcessCourses.Result processed = ProcessCourses.run(session, new ProcessCourses.Options(
        CourseInput.of(courseData), root.resolve("courses").toString(), ClassifierSettings.DEFAULTS, true));
    System.out.println("2. courses process (TF-IDF + logistic regression)");
    CoursesCommand.Summary.print("output", processed.output(), processed.metrics());

    // Implicit feedback: explicit ALS ranks below plain popularity (README, Recommendations).
    String interactionData = root.resolve("data/interactions").toString();
    GenerateInteractions.Result interactions = GenerateInteractions.run(session, new InteractionGenerator.Options(
        2_000, 500, 60_000, seed, true, InteractionGenerator.Format.JSON), interactionData, true);
    System.out.printf("%n3. generated %,d learner-course interactions into %s%n", interactions.interactions(),
        interactions.output());
    Recommend.Result recommended = Recommend.run(session, Recommend.Options.of(interactionData,
        root.resolve("recommendations").toString(), RecommendSettings.defaults(true)).overwriting());
    System.out.println("4. recommend --implicit (ALS, EASE or both, chosen on validation; evaluated against most "
        + "popular; top 10 for every learner, 10 similar courses for every course)");
    RecommendCommand.print(recommended.metrics());

    // Streaming analytics on a drop folder, into Parquet (no services needed); replaced on each run.
    Path events = root.resolve("data/events");
    Path analytics = root.resolve("analytics");
    LocalFiles.deleteRecursively(events);
    LocalFiles.deleteRecursively(analytics);
    GenerateEvents.run(new EventGenerator.Options(20_000, seed, 10, CourseGenerator.DEFAULT_START,
        java.time.Duration.ofHours(24), 0.02, 0.02, 8), events, null, null);
    System.out.printf("%n5. generated 20,000 course events (2 %% late, 2 %% malformed) into %s%n", events);
    StreamingAnalytics.Result streamed = StreamingAnalytics.run(session, AnalyticsOptions.of("files:" + events,
        "parquet:" + analytics.resolve("windows"), analytics.resolve("checkpoint").toString()).withMaxFilesPerTrigger(2));
    System.out.printf("6. analytics (per category and hour, per course and hour, into Parquet): records %s, late %s%n"
        + "   current figures: %s and %s%n", Json.compact(streamed.metrics().records()),
        Json.compact(streamed.metrics().late()), analytics.resolve("windows/windows"),
        analytics.resolve("windows/course-windows"));
    System.out.printf("%ndemo finished: see %s, %s and %s%n", root.resolve("courses/metrics.json"),
        root.resolve("recommendations/metrics.json"), streamed.metricsFile());
  }
}
