package io.inlearning.spark.cli;

import io.inlearning.spark.courses.ClassifyCatalogue;
import io.inlearning.spark.files.Locations;
import io.inlearning.spark.hourly.HourlyRun;
import io.inlearning.spark.publication.Publishing;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "hourly", description = "One run of the hourly flow: ingest the hour into the warehouse, train the "
    + "classifier if the warehouse has none yet, classify the courses the current model has not, recommend for "
    + "every learner of the last 90 days with the current recommender's settings.")
final class HourlyCommand extends JobCommand {
  @Mixin HourOptions where;

  @Mixin ClassifierOptions classifier;

  @Mixin PublishOptions publish;

  @Mixin GateOptions.Classifier classifierGate;

  @Mixin GateOptions.Recommender recommenderGate;

  @Option(names = "--until", paramLabel = "classify|recommend",
      description = "the last step to run: classify leaves the recommendations to a recommend --warehouse job of "
          + "their own, as the Airflow DAG does (default: recommend)")
  String until = "recommend";

  private HourlyRun.Request request;

  @Override
  String appName() {
    return "hourly";
  }

  @Override
  void parse(Locations locations) {
    request = new HourlyRun.Request(where.rawArea(), where.warehouse(), where.hour(), classifier.toRequest(),
        Choices.parse(HourlyRun.LastStep.class, "--until", until),
        new Publishing(classifierGate.gate(), recommenderGate.gate(), publish.serving(locations)));
    request.check(locations);
  }

  @Override
  void run(SparkSession session) {
    HourlyRun.Result result = HourlyRun.run(session, request);
    IngestCommand.print(result.ingested());
    result.trained().ifPresent(trained -> System.out.printf(
        "trained the warehouse's first classifier, version %s: %s%n", trained.version(), trained.gate().reason()));
    result.classified().ifPresentOrElse(CoursesCommand::printClassified,
        () -> System.out.println(result.trained().isPresent()
            ? "classify: no current classifier, its quality gate refused the first one"
            : "classify: no categorised course in the warehouse yet, nothing to train on"));
    result.recommended().ifPresentOrElse(recommended -> System.out.printf(
        "recommend: %,d learners from %,d interactions since %s; recommender %s (settings chosen in %s): %s%n",
        recommended.learners(), recommended.window().interactions(), recommended.window().from(),
        recommended.version(), recommended.settings().chosenIn(), recommended.gate().reason()),
        () -> System.out.println(request.lastStep() == HourlyRun.LastStep.CLASSIFY
            ? "recommend: not in this run (--until classify)"
            : result.ingested().empty()
            ? "recommend: nothing new this hour, the recommendations table is unchanged"
            : "recommend: no interactions in the warehouse yet"));
    result.ingestedCoursesPublished().ifPresent(PublishCommand::print);
    result.classified().flatMap(ClassifyCatalogue.Result::published).ifPresent(PublishCommand::print);
    result.recommended().ifPresent(recommended -> recommended.published().forEach(PublishCommand::print));
    System.out.printf("hour %s done; timings (s) %s%n", request.hour(), result.timingsSeconds());
    refused(result.refusals());
  }
}
