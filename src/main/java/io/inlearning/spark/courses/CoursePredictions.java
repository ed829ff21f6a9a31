package io.inlearning.spark.courses;

import static org.apache.spark.sql.functions.col;

import io.inlearning.spark.monitoring.Phases;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Predictions for every accepted course, computed once and written as Parquet ({@code predictions/parquet})
 * and JSON lines ({@code predictions/json}): course_id, category (as given, null if none),
 * predicted_category, probability (of the predicted category).
 */
final class CoursePredictions implements AutoCloseable {
  private final Dataset<Row> predictions;
  private final long count;

  private CoursePredictions(Dataset<Row> predictions, long count) {
    this.predictions = predictions;
    this.count = count;
  }

  static CoursePredictions classify(PipelineModel model, Dataset<Row> courses, Phases phases) {
    return phases.run("classify", () -> {
      Dataset<Row> predictions = CourseClassifier.predict(model, courses).persist(StorageLevel.MEMORY_AND_DISK());
      return new CoursePredictions(predictions, predictions.count());
    });
  }

  void write(String folder) {
    predictions.write().parquet(folder + "/parquet");
    predictions.write().json(folder + "/json");
  }

  long count() {
    return count;
  }

  CourseMetrics.Predictions summary() {
    Map<String, Long> byCategory = new LinkedHashMap<>();
    for (Row row : predictions.groupBy(col(CourseClassifier.PREDICTED_CATEGORY)).count()
        .orderBy(col("count").desc(), col(CourseClassifier.PREDICTED_CATEGORY)).collectAsList()) {
      byCategory.put(row.getString(0), row.getLong(1));
    }
    return new CourseMetrics.Predictions(count, byCategory);
  }

  @Override
  public void close() {
    predictions.unpersist();
  }
}
