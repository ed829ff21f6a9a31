package io.inlearning.spark.courses;

import static org.apache.spark.sql.functions.col;

import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.files.Locations;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.publication.Publication;
import io.inlearning.spark.publication.Publish;
import io.inlearning.spark.publication.Publishing;
import io.inlearning.spark.session.SessionScope;
import io.inlearning.spark.warehouse.CoursesTable;
import io.inlearning.spark.warehouse.Hour;
import io.inlearning.spark.warehouse.MergeCounts;
import io.inlearning.spark.warehouse.ModelRegistry;
import io.inlearning.spark.warehouse.Table;
import io.inlearning.spark.warehouse.Warehouse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code courses classify --warehouse}: classifies, with the current model, the catalogue's courses that no
 * prediction of that model covers (new courses, courses whose text changed, every course after a retraining),
 * and writes the predictions into {@code courses} by {@code MERGE}. Courses that carry a category are
 * classified too, so that a reviewer can see where the model and the catalogue disagree. Run again with no
 * change in between, it classifies nothing. With a serving target, the classified courses are upserted into the
 * courses index (the whole catalogue the first time).
 */
public final class ClassifyCatalogue {
  /**
   * {@code ingested}: the hour an ingest has just merged, whose changed courses are published with the classified
   * ones, in one publication (a course whose category changed but not its text keeps its prediction, and is not
   * classified again).
   */
  public record Request(Warehouse warehouse, Publishing publishing, Optional<Hour> ingested) {
    /** Into the warehouse only. */
    public Request(Warehouse warehouse) {
      this(warehouse, Publishing.WAREHOUSE_ONLY, Optional.empty());
    }

    public Request(Warehouse warehouse, Publishing publishing) {
      this(warehouse, publishing, Optional.empty());
    }

    /** Before Spark starts: the warehouse holds a catalogue and a current classifier. */
    public void check(Locations locations) {
      locations.requireFolder("warehouse", warehouse.root());
      if (!locations.exists(warehouse.location(Table.COURSES), "_delta_log")) {
        throw InvalidRequestException.of("the warehouse " + warehouse.root()
            + " has no courses table yet: ingest an hour of courses first");
      }
    }
  }

  /**
   * The model version used, the courses classified, per predicted category, the merge, and the courses published
   * (with a serving target).
   */
  public record Result(String modelVersion, long classified, Map<String, Long> byPredictedCategory,
                       MergeCounts merged, Optional<Publication> published, Map<String, Double> timingsSeconds) {}

  private ClassifyCatalogue() {}

  /** Leaves {@code spark}'s settings as it found them ({@link SessionScope}). */
  public static Result run(SparkSession spark, Request request) {
    return SessionScope.run(spark, () -> classify(spark, request));
  }

  private static Result classify(SparkSession spark, Request request) {
    Warehouse warehouse = request.warehouse();
    Phases phases = new Phases(spark.sparkContext());
    String version = ModelRegistry.current(spark.sparkContext().hadoopConfiguration(), warehouse,
        ModelRegistry.Kind.CLASSIFIER).orElseThrow(() -> InvalidRequestException.of("the warehouse "
        + warehouse.root() + " has no classifier yet: run 'courses train --warehouse " + warehouse.root() + "'"));
    PipelineModel model = phases.run("load model", () -> CourseModels.load(spark,
        ModelRegistry.location(warehouse, ModelRegistry.Kind.CLASSIFIER, version)));
    Dataset<Row> predictions = phases.run("classify", () -> CourseClassifier.predict(model,
            CoursesTable.notClassifiedBy(spark, warehouse, version), List.of(Table.Columns.UPDATED_AT))
        .persist(StorageLevel.MEMORY_AND_DISK()));
    try {
      long classified = phases.run("classify", predictions::count);
      Map<String, Long> byCategory = new LinkedHashMap<>();
      MergeCounts merged = MergeCounts.NONE;
      if (classified > 0) {
        for (Row row : predictions.groupBy(CourseClassifier.PREDICTED_CATEGORY).count()
            .orderBy(col("count").desc(), col(CourseClassifier.PREDICTED_CATEGORY)).collectAsList()) {
          byCategory.put(row.getString(0), row.getLong(1));
        }
        merged = phases.run("write", () -> CoursesTable.mergePredictions(spark, warehouse, predictions, classified, version));
      }
      Dataset<Row> changed = request.ingested().map(hour -> predictions.select(col(Table.Columns.COURSE_ID))
              .union(CoursesTable.updatedIn(spark, warehouse, hour).select(col(Table.Columns.COURSE_ID))))
          .orElse(predictions);
      Optional<Publication> published = request.publishing().serving().map(target -> phases.run("publish",
          () -> Publish.courses(spark, warehouse, changed, target)));
      return new Result(version, classified, byCategory, merged, published, phases.report());
    } finally {
      predictions.unpersist();
    }
  }
}
