package io.inlearning.spark.hourly;

import io.inlearning.spark.courses.ClassifierRequest;
import io.inlearning.spark.courses.ClassifyCatalogue;
import io.inlearning.spark.courses.TrainCatalogue;
import io.inlearning.spark.files.Locations;
import io.inlearning.spark.ingest.IngestHour;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.warehouse.CoursesTable;
import io.inlearning.spark.warehouse.Hour;
import io.inlearning.spark.warehouse.ModelRegistry;
import io.inlearning.spark.warehouse.RawArea;
import io.inlearning.spark.warehouse.Warehouse;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * {@code hourly}: one run of the hourly flow in one application, calling the jobs in turn: ingest the hour's
 * courses and interactions, then classify the courses no prediction of the current model covers. On a new
 * warehouse the first run that has a categorised catalogue trains the classifier once; later hours reuse it
 * (retraining is {@code courses train --warehouse}, the daily run's work). Running an hour again, or an hour
 * with no files, is safe: each step is idempotent.
 */
public final class HourlyRun {
  public record Request(RawArea raw, Warehouse warehouse, Hour hour, ClassifierRequest classifier) {
    public void check(Locations locations) {
      new IngestHour.Request(raw, warehouse, hour).check(locations);
    }
  }

  /** What each step did: the ingest, the first training if this run made it, the classification if any. */
  public record Result(IngestHour.Result ingested, Optional<TrainCatalogue.Result> trained,
                       Optional<ClassifyCatalogue.Result> classified, Map<String, Double> timingsSeconds) {}

  private HourlyRun() {}

  public static Result run(SparkSession spark, Request request) {
    Phases phases = new Phases(spark.sparkContext());
    Warehouse warehouse = request.warehouse();
    IngestHour.Result ingested = phases.run("ingest",
        () -> IngestHour.run(spark, new IngestHour.Request(request.raw(), warehouse, request.hour())));
    Optional<TrainCatalogue.Result> trained = Optional.empty();
    if (!CoursesTable.exists(spark, warehouse)) {
      return new Result(ingested, trained, Optional.empty(), phases.report());
    }
    if (currentClassifier(spark, warehouse).isEmpty() && CoursesTable.hasCategorised(spark, warehouse)) {
      trained = Optional.of(phases.run("train classifier (first run)",
          () -> TrainCatalogue.run(spark, new TrainCatalogue.Request(warehouse, request.classifier()))));
    }
    Optional<ClassifyCatalogue.Result> classified = currentClassifier(spark, warehouse).isEmpty()
        ? Optional.empty()
        : Optional.of(phases.run("classify",
            () -> ClassifyCatalogue.run(spark, new ClassifyCatalogue.Request(warehouse))));
    return new Result(ingested, trained, classified, phases.report());
  }

  private static Optional<String> currentClassifier(SparkSession spark, Warehouse warehouse) {
    return ModelRegistry.current(spark.sparkContext().hadoopConfiguration(), warehouse,
        ModelRegistry.Kind.CLASSIFIER);
  }
}
