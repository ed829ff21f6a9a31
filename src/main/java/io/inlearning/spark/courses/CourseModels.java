package io.inlearning.spark.courses;

import io.inlearning.spark.errors.InvalidRequestException;
import io.inlearning.spark.files.Locations;
import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.sql.SparkSession;

/** Saving and loading the course classifier. */
public final class CourseModels {
  private CourseModels() {}

  public static void save(PipelineModel model, String path) {
    try {
      model.write().overwrite().save(path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot save the model to " + path, e);
    }
  }

  /**
   * Before Spark starts: {@code location} is a folder holding a saved Spark ML pipeline (its metadata and
   * stages); {@link #load} checks the rest.
   */
  public static void check(Locations locations, String location) {
    locations.requireFolder("model", location);
    if (!locations.exists(location, "metadata") || !locations.exists(location, "stages")) {
      throw notAModel(location);
    }
  }

  /** Loads a model written by courses train/process; anything else is a usage error. */
  public static PipelineModel load(SparkSession spark, String location) {
    try {
      Path path = new Path(location);
      if (!path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path)) {
        throw InvalidRequestException.of("model not found: " + location);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot inspect " + location, e);
    }
    PipelineModel model;
    try {
      model = PipelineModel.load(location);
    } catch (Exception e) {
      throw notAModel(location);
    }
    Transformer[] stages = model.stages();
    if (stages.length == 0 || !(stages[stages.length - 1] instanceof IndexToString last)
        || !CourseClassifier.PREDICTED_CATEGORY.equals(last.getOutputCol())) {
      throw notAModel(location);
    }
    return model;
  }

  private static InvalidRequestException notAModel(String location) {
    return InvalidRequestException.of("not a course model: " + location
        + " (expected a folder written by 'courses train', or <output>/model of 'courses process')");
  }
}
