package io.inlearning.spark.cli;

import static org.apache.spark.sql.functions.col;

import io.inlearning.spark.analytics.AnalyticsRequest;
import io.inlearning.spark.analytics.StreamingAnalytics;
import io.inlearning.spark.analytics.sink.SinkTarget;
import io.inlearning.spark.analytics.source.EventSource;
import io.inlearning.spark.courses.ClassifierRequest;
import io.inlearning.spark.courses.ClassifyCatalogue;
import io.inlearning.spark.courses.CourseInput;
import io.inlearning.spark.courses.ProcessCourses;
import io.inlearning.spark.datagen.CourseGenerator;
import io.inlearning.spark.datagen.GenerateCourses;
import io.inlearning.spark.datagen.GenerateInteractions;
import io.inlearning.spark.datagen.GenerateWorld;
import io.inlearning.spark.datagen.InteractionGenerator;
import io.inlearning.spark.datagen.WorldGenerator;
import io.inlearning.spark.files.LocalFiles;
import io.inlearning.spark.files.Locations;
import io.inlearning.spark.files.OutputFolder;
import io.inlearning.spark.hourly.HourlyRun;
import io.inlearning.spark.json.Json;
import io.inlearning.spark.publication.Lookup;
import io.inlearning.spark.publication.WarehouseLookup;
import io.inlearning.spark.recommendations.Recommend;
import io.inlearning.spark.recommendations.RecommendRequest;
import io.inlearning.spark.records.Feedback;
import io.inlearning.spark.warehouse.CoursesTable;
import io.inlearning.spark.warehouse.RawArea;
import io.inlearning.spark.warehouse.RecommendationsTable;
import io.inlearning.spark.warehouse.Table;
import io.inlearning.spark.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo",
    description = "Every job end to end on generated data, in local mode by default, into one folder.")
final class DemoCommand extends JobCommand {
  static final int EVENTS = 20_000;
  static final int LEARNERS = 2_000;
  static final int COURSES_TAKEN = 500;
  static final int INTERACTIONS = 60_000;
  static final int WORLD_COURSES = 2_000;

  @Option(names = {"--output", "--out"}, paramLabel = "DIR",
      description = "output folder; its parts are replaced on each run (default: ${DEFAULT-VALUE})")
  String out = "demo-output";

  @Option(names = "--courses", paramLabel = "N", description = "number of generated courses (default: ${DEFAULT-VALUE})")
  long courses = 20_000;

  @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed = 42;

  private CourseGenerator.Options catalogue;
  private Path root;

  @Override
  String appName() {
    return "demo";
  }

  @Override
  void parse(Locations locations) {
    if (courses < 100) {
      throw new UsageException("--courses must be at least 100, got " + courses);
    }
    catalogue = new CourseGenerator.Options(courses, seed, 8, 0.1, 0.03);
    root = Path.of(out).toAbsolutePath();
    locations.requireFolderOrCreatable("output", root.toString());
  }

  @Override
  void run(SparkSession session) {
    String courseData = root.resolve("data/courses").toString();
    GenerateCourses.Result generated = GenerateCourses.run(session, catalogue,
        OutputFolder.replacingExisting(courseData));
    System.out.printf("1. generated %,d courses into %s%n", generated.courses(), generated.output());

    ProcessCourses.Result processed = ProcessCourses.run(session, new ProcessCourses.Request(
        CourseInput.of(courseData), OutputFolder.replacingExisting(root.resolve("courses").toString()),
        ClassifierRequest.DEFAULTS));
    System.out.println("2. courses process (TF-IDF + logistic regression)");
    CoursesCommand.Summary.print("output", processed.output(), processed.metrics());

    // Implicit feedback: explicit ALS ranks below plain popularity (docs/recommendations.md).
    String interactionData = root.resolve("data/interactions").toString();
    GenerateInteractions.Result interactions = GenerateInteractions.run(session, new InteractionGenerator.Options(
        LEARNERS, COURSES_TAKEN, INTERACTIONS, seed, Feedback.IMPLICIT, InteractionGenerator.Format.JSON),
        OutputFolder.replacingExisting(interactionData));
    System.out.printf("%n3. generated %,d learner-course interactions into %s%n", interactions.interactions(),
        interactions.output());
    Recommend.Result recommended = Recommend.run(session, RecommendRequest.of(interactionData,
        root.resolve("recommendations").toString(), Feedback.IMPLICIT).replacingOutput());
    System.out.println("4. recommend --implicit (ALS, EASE or both, chosen on validation; evaluated against most "
        + "popular; top 10 for every learner, 10 similar courses for every course)");
    RecommendCommand.print(recommended.metrics());

    Warehouse warehouse = hourlyFlow(session);
    Row newCourse = CoursesTable.read(session, warehouse)
        .filter(col(Table.Columns.COURSE_ID).geq(String.format("crs-%09d", WORLD_COURSES)))
        .orderBy(col(Table.Columns.CATEGORY).isNull().desc(), col(Table.Columns.COURSE_ID)).first();

    // The world's events, streamed from its raw area into the same warehouse (no services needed).
    Path analytics = root.resolve("analytics");
    LocalFiles.deleteRecursively(analytics);
    StreamingAnalytics.Result streamed = StreamingAnalytics.run(session, AnalyticsRequest.of(
        new EventSource.Files(root.resolve("data/raw/events").toString(), 2), new SinkTarget.Delta(warehouse),
        Optional.of(analytics.resolve("checkpoint").toString())));
    System.out.printf("%n6. analytics on the world's %,d course events (per category and hour, per course and hour):"
        + " records %s, late %s%n   into the warehouse's tables %s, %s and %s%n",
        streamed.metrics().counts().records().read(), Json.compact(streamed.metrics().counts().records()),
        Json.compact(streamed.metrics().counts().late()), warehouse.location(Table.EVENTS),
        warehouse.location(Table.CATEGORY_WINDOWS), warehouse.location(Table.COURSE_WINDOWS));

    // What the platform shows, read back from the warehouse as `lookup` does.
    String learner = RecommendationsTable.read(session, warehouse).orderBy(col(Table.Columns.USER_ID))
        .select(Table.Columns.USER_ID).as(Encoders.STRING()).first();
    String course = newCourse.getAs(Table.Columns.COURSE_ID);
    try (Lookup lookup = new WarehouseLookup(session, warehouse)) {
      System.out.printf("%n7. bin/inlearning lookup learner %s --from warehouse:%s%n", learner, warehouse.root());
      lookup.learner(learner).ifPresent(LookupCommand::printLearner);
      System.out.printf("%n   bin/inlearning lookup course %s --from warehouse:%s (a new course of the second"
          + " hour)%n", course, warehouse.root());
      lookup.course(course).ifPresent(LookupCommand::printCourse);
    }
    System.out.printf("%ndemo finished: see %s, %s, %s and the warehouse %s%n", root.resolve("courses/metrics.json"),
        root.resolve("recommendations/metrics.json"), streamed.metricsFile().orElseThrow(), root.resolve("warehouse"));
  }

  /**
   * Two hours of a generated world through the hourly flow into a fresh warehouse: the first trains the
   * classifier and chooses the recommender's settings, the second classifies its new courses with the classifier
   * and recommends with those settings. Returns the warehouse.
   */
  private Warehouse hourlyFlow(SparkSession session) {
    Path raw = root.resolve("data/raw");
    Path warehouseFolder = root.resolve("warehouse");
    LocalFiles.deleteRecursively(raw);
    LocalFiles.deleteRecursively(warehouseFolder);
    WorldGenerator.Options world = WorldGenerator.Options.builder().hours(2).courses(WORLD_COURSES)
        .newCoursesPerHour(20).learners(LEARNERS).interactionsPerHour(INTERACTIONS / 10).eventsPerHour(EVENTS / 2)
        .seed(seed).build();
    RawArea rawArea = new RawArea(GenerateWorld.run(world, raw).output());
    Warehouse warehouse = new Warehouse(warehouseFolder.toString());
    System.out.printf("%n5. generated a world of %,d courses, %,d learners and their events over 2 hours into %s; "
        + "the hourly flow into the warehouse %s:%n", world.totalCourses(), world.learners(), raw, warehouseFolder);
    for (int hour = 0; hour < 2; hour++) {
      HourlyRun.Result result = HourlyRun.run(session, new HourlyRun.Request(rawArea, warehouse,
          world.start().plusHours(hour), ClassifierRequest.DEFAULTS));
      System.out.printf("   hour %s: %,d courses and %,d interactions merged%s; %,d courses classified%n",
          result.ingested().hour(), result.ingested().courses().records().accepted(),
          result.ingested().interactions().records().accepted(),
          result.trained().map(t -> ", classifier trained (version " + t.version() + ")").orElse(""),
          result.classified().map(ClassifyCatalogue.Result::classified).orElse(0L));
      result.recommended().ifPresent(recommended -> System.out.printf(
          "   recommendations for %,d learners from the history (recommender %s)%n", recommended.learners(),
          recommended.version()));
    }
    return warehouse;
  }
}
