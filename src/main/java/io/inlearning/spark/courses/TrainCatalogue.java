package io.inlearning.spark.courses;

import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.files.AtomicOutput;
import io.inlearning.spark.files.Locations;
import io.inlearning.spark.files.OutputFolder;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.publication.GateVerdict;
import io.inlearning.spark.publication.Publishing;
import io.inlearning.spark.publication.QualityGate;
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
 * {@code report.html}) and, if it passes the quality gate, makes that version the current one. The gate
 * compares its held-out accuracy with the largest category's and with the current model's on the same held-out
 * courses; a refused model stays in its folder, its {@code metrics.json} saying why, and the current one stays.
 * The hourly flow then classifies new courses with the current model; retraining is the daily run's work.
 */
public final class TrainCatalogue {
  public record Request(Warehouse warehouse, ClassifierRequest classifier, Publishing publishing) {
    /** With the default quality gate. */
    public Request(Warehouse warehouse, ClassifierRequest classifier) {
      this(warehouse, classifier, Publishing.WAREHOUSE_ONLY);
    }

    /** Before Spark starts: the warehouse holds a catalogue. */
    public void check(Locations locations) {
      locations.requireFolder("warehouse", warehouse.root());
      if (!locations.exists(warehouse.location(Table.COURSES), "_delta_log")) {
        throw InvalidRequestException.of("the warehouse " + warehouse.root()
            + " has no courses table yet: ingest an hour of courses first");
      }
    }
  }

  /** The version trained, its folder, the model and its figures, and whether it became the current model. */
  public record Result(String version, String model, CourseClassifier.Trained trained, CourseMetrics metrics,
                       GateVerdict gate) {
    public boolean published() {
      return gate.passed();
    }
  }

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
      GateVerdict gate = phases.run("quality gate", () -> judge(spark, request, catalogue, trained));
      CourseMetrics metrics = CourseReports.trained(spark, "courses train", warehouse.location(Table.COURSES),
          location, request.classifier(), trained, Optional.empty(), counts, phases).withGate(gate);
      CourseReports.write(out, metrics);
      out.commit();
      if (gate.passed()) {
        ModelRegistry.makeCurrent(spark.sparkContext().hadoopConfiguration(), warehouse,
            ModelRegistry.Kind.CLASSIFIER, version);
      }
      return new Result(version, out.target(), trained, metrics, gate);
    } finally {
      catalogue.unpersist();
    }
  }

  /** The gate's verdict: the new model against the largest category, and against the current model if any. */
  private static GateVerdict judge(SparkSession spark, Request request, Dataset<Row> catalogue,
                                   CourseClassifier.Trained trained) {
    Optional<ClassificationReport> evaluation = trained.evaluation();
    if (evaluation.isEmpty()) {
      return request.publishing().classifierGate().notEvaluated("no categorised course was held out");
    }
    Warehouse warehouse = request.warehouse();
    Optional<QualityGate.Current> current = ModelRegistry.current(spark.sparkContext().hadoopConfiguration(),
            warehouse, ModelRegistry.Kind.CLASSIFIER)
        .flatMap(version -> CourseClassifier.heldOutAccuracy(CourseModels.load(spark,
                ModelRegistry.location(warehouse, ModelRegistry.Kind.CLASSIFIER, version)), catalogue,
            request.classifier().heldOut()).map(accuracy -> new QualityGate.Current(version, accuracy)));
    return request.publishing().classifierGate().judge(evaluation.get().accuracy(), evaluation.get().baseline().accuracy(), current);
  }
}
