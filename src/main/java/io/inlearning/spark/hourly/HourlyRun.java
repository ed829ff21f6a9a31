package io.inlearning.spark.hourly;

import io.inlearning.spark.courses.ClassifierRequest;
import io.inlearning.spark.courses.ClassifyCatalogue;
import io.inlearning.spark.courses.TrainCatalogue;
import io.inlearning.spark.files.Locations;
import io.inlearning.spark.ingest.IngestHour;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.publication.Publication;
import io.inlearning.spark.publication.Publish;
import io.inlearning.spark.publication.Publishing;
import io.inlearning.spark.recommendations.RecommendHistory;
import io.inlearning.spark.warehouse.CoursesTable;
import io.inlearning.spark.warehouse.InteractionsTable;
import io.inlearning.spark.warehouse.Hour;
import io.inlearning.spark.warehouse.ModelRegistry;
import io.inlearning.spark.warehouse.RawArea;
import io.inlearning.spark.warehouse.RecommendationsTable;
import io.inlearning.spark.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * {@code hourly}: one run of the hourly flow in one application, calling the jobs in turn: ingest the hour's
 * courses and interactions, classify the courses no prediction of the current model covers, then recommend for
 * every learner of the history with the current recommender's settings. On a new warehouse the first run that
 * has a categorised catalogue trains the classifier once, and the first with interactions chooses the
 * recommender's settings once; later hours reuse both (choosing again is {@code courses train --warehouse} and
 * {@code recommend --warehouse}, the daily run's work). Running an hour again, or an hour with no files, is
 * safe: each step is idempotent, and an hour that brought nothing keeps the lists there are.
 */
public final class HourlyRun {
  /**
   * Where the run stops: after classifying (the DAG's first task, its recommend task following as a job of its
   * own), or after recommending (everything, in one application).
   */
  public enum LastStep { CLASSIFY, RECOMMEND }

  public record Request(RawArea raw, Warehouse warehouse, Hour hour, ClassifierRequest classifier,
                        LastStep lastStep, Publishing publishing) {
    /** Every step of the hour, into the warehouse only. */
    public Request(RawArea raw, Warehouse warehouse, Hour hour, ClassifierRequest classifier) {
      this(raw, warehouse, hour, classifier, LastStep.RECOMMEND, Publishing.WAREHOUSE_ONLY);
    }

    public void check(Locations locations) {
      new IngestHour.Request(raw, warehouse, hour).check(locations);
    }
  }

  /**
   * What each step did: the ingest, the first training if this run made it, the classification and the
   * recommendations if they ran.
   */
  public record Result(IngestHour.Result ingested, Optional<TrainCatalogue.Result> trained,
                       Optional<ClassifyCatalogue.Result> classified, Optional<RecommendHistory.Result> recommended,
                       Optional<Publication> ingestedCoursesPublished, Map<String, Double> timingsSeconds) {
    /** The quality gates' refusals of this run, one line each. */
    public List<String> refusals() {
      List<String> refusals = new ArrayList<>();
      trained.filter(t -> !t.published()).ifPresent(t -> refusals.add(t.gate().reason()));
      recommended.filter(r -> !r.gate().passed()).ifPresent(r -> refusals.add(r.gate().reason()));
      return refusals;
    }
  }

  private HourlyRun() {}

  public static Result run(SparkSession spark, Request request) {
    Phases phases = new Phases(spark.sparkContext());
    Warehouse warehouse = request.warehouse();
    IngestHour.Result ingested = phases.run("ingest",
        () -> IngestHour.run(spark, new IngestHour.Request(request.raw(), warehouse, request.hour())));
    Optional<TrainCatalogue.Result> trained = Optional.empty();
    if (!CoursesTable.exists(spark, warehouse)) {
      return new Result(ingested, trained, Optional.empty(), Optional.empty(), Optional.empty(), phases.report());
    }
    Publishing publishing = request.publishing();
    if (currentClassifier(spark, warehouse).isEmpty() && CoursesTable.hasCategorised(spark, warehouse)) {
      trained = Optional.of(phases.run("train classifier (first run)",
          () -> TrainCatalogue.run(spark, new TrainCatalogue.Request(warehouse, request.classifier(), publishing))));
    }
    Optional<ClassifyCatalogue.Result> classified = currentClassifier(spark, warehouse).isEmpty()
        ? Optional.empty()
        : Optional.of(phases.run("classify", () -> ClassifyCatalogue.run(spark, new ClassifyCatalogue.Request(
            warehouse, publishing, ingested.empty() ? Optional.empty() : Optional.of(request.hour())))));
    // Without a classifier (a catalogue with no categories yet), the hour's courses are published as they came.
    Optional<Publication> ingestedCourses = ingested.empty() || classified.isPresent() ? Optional.empty()
        : publishing.serving().map(target -> phases.run("publish", () -> Publish.courses(spark, warehouse,
            CoursesTable.updatedIn(spark, warehouse, request.hour()), target)));
    boolean nothingNew = ingested.empty() && RecommendationsTable.exists(spark, warehouse);
    Optional<RecommendHistory.Result> recommended = request.lastStep() == LastStep.CLASSIFY || nothingNew
        || !InteractionsTable.exists(spark, warehouse)
        ? Optional.empty()
        : Optional.of(phases.run("recommend",
            () -> RecommendHistory.run(spark, RecommendHistory.Request.reusing(warehouse, publishing))));
    return new Result(ingested, trained, classified, recommended, ingestedCourses, phases.report());
  }

  private static Optional<String> currentClassifier(SparkSession spark, Warehouse warehouse) {
    return ModelRegistry.current(spark.sparkContext().hadoopConfiguration(), warehouse,
        ModelRegistry.Kind.CLASSIFIER);
  }
}
