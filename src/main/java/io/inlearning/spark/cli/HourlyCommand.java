package io.inlearning.spark.cli;

import io.inlearning.spark.files.Locations;
import io.inlearning.spark.hourly.HourlyRun;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "hourly", description = "One run of the hourly flow: ingest the hour into the warehouse, train the "
    + "classifier if the warehouse has none yet, classify the courses the current model has not.")
final class HourlyCommand extends JobCommand {
  @Mixin HourOptions where;

  @Mixin ClassifierOptions classifier;

  private HourlyRun.Request request;

  @Override
  String appName() {
    return "hourly";
  }

  @Override
  void parse(Locations locations) {
    request = new HourlyRun.Request(where.rawArea(), where.warehouse(), where.hour(), classifier.toRequest());
    request.check(locations);
  }

  @Override
  void run(SparkSession session) {
    HourlyRun.Result result = HourlyRun.run(session, request);
    IngestCommand.print(result.ingested());
    result.trained().ifPresent(trained -> System.out.printf(
        "trained the warehouse's first classifier, version %s: held-out accuracy %s%n", trained.version(),
        trained.trained().evaluation().map(e -> String.format("%.4f", e.accuracy())).orElse("not evaluated")));
    result.classified().ifPresentOrElse(CoursesCommand::printClassified,
        () -> System.out.println("classify: no categorised course in the warehouse yet, nothing to train on"));
    System.out.printf("hour %s done; timings (s) %s%n", request.hour(), result.timingsSeconds());
  }
}
