package io.inlearning.spark.courses;

import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.files.AtomicOutput;
import io.inlearning.spark.files.Locations;
import io.inlearning.spark.files.OutputFolder;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.session.SessionScope;
import io.inlearning.spark.warehouse.CoursesTable;
import io.inlearning.spark.warehouse.ModelRegistry;
import io.inlearning.spark.warehouse.Table;
import io.inlearning.spark.warehouse.Warehouse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code courses train --warehouse}: trains the classifier on the categorised courses of the warehouse's
 * catalogue, saves it as a new version under {@code models/classifier/} (the model, {@code metrics.json},
 * {@code report.html}) and makes that version the current one. The hourly flow then classifies new courses
 * with it; retraining is the daily run's work.
 */
public final class TrainCatalogue {
  public record Request(Warehouse warehouse, ClassifierRequest classifier) {
    /** Before Spark starts: the warehouse holds a catalogue. */
    public void check(Locations locations) {
      locations.requireFolder("warehouse", warehouse.root());
      if (!locations.exists(warehouse.location(Table.COURSES), "_delta_log")) {
        throw InvalidRequestException.of("the warehouse " + warehouse.root()
            + " has no courses table yet: ingest an hour of courses first");
      }
    }
  }

  public record Result(String version, String model, CourseClassifier.Trained trained, CourseMetrics metrics) {}

  private TrainCatalogue() {}

  /** Leaves {@code spark}'s settings as it found them ({@link SessionScope}). */
  public static Result run(SparkSession spark, Request request) {
    return SessionScope.run(spark, () -> train(spark, request));
  }

  private static Result train(SparkSession spark, Request request) {
    Warehouse warehouse = request.warehouse();
    String version = ModelRegistry.newVersion(Instant.now());
    String location = ModelRegistry.location(warehouse, ModelRegistry.Kind.CLASSIFIER, version);
    Phases phases = new Phases(spark.sparkContext());
    Dataset<Row> catalogue = CoursesTable.courseRecords(spark, warehouse).persist(StorageLevel.MEMORY_AND_DISK());
    try (AtomicOutput out = AtomicOutput.create(spark, OutputFolder.refusingExisting(location))) {
      long courses = phases.run("read catalogue", catalogue::count);
      if (courses == 0) {
        throw InvalidRequestException.of("the catalogue of " + warehouse.root() + " is empty");
      }
      CourseClassifier.Trained trained = CourseClassifier.train(catalogue, request.classifier(),
          out.path("training-vectors"), phases);
      phases.run("write", () -> CourseModels.save(trained.model(), out.staging()));
      RecordCounts counts = new RecordCounts(courses, courses, 0, Map.of(), 0);
      CourseMetrics metrics = CourseReports.trained(spark, "courses train", warehouse.location(Table.COURSES),
          location, request.classifier(), trained, Optional.empty(), counts, phases);
      CourseReports.write(out, metrics);
      out.commit();
      ModelRegistry.makeCurrent(spark.sparkContext().hadoopConfiguration(), warehouse,
          ModelRegistry.Kind.CLASSIFIER, version);
      return new Result(version, out.target(), trained, metrics);
    } finally {
      catalogue.unpersist();
    }
  }
}
