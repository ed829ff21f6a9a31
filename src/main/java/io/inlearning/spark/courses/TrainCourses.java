package io.inlearning.spark.courses;

import io.inlearning.spark.files.Locations;
import io.inlearning.spark.files.OutputFolder;
import io.inlearning.spark.records.RecordCounts;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * {@code courses train}: fits the classifier on the categorised courses and writes the model folder: the
 * PipelineModel itself, {@code metrics.json} (held-out evaluation) and {@code _rejected/}.
 */
public final class TrainCourses {
  /** The courses to train on, the model folder to write, and the classifier asked for. */
  public record Request(CourseInput input, OutputFolder model, ClassifierRequest classifier) {
    /** Before Spark starts: the input is there and not empty, the model folder new (or to be replaced). */
    public void check(Locations locations) {
      input.check(locations);
      locations.requireNewFolder("model folder", model);
    }
  }

  public record Result(String model, RecordCounts counts, CourseClassifier.Trained trained,
                       CourseMetrics metrics) {}

  private TrainCourses() {}

  public static Result run(SparkSession spark, Request request) {
    return CourseTraining.run(spark, request.input(), request.model(), request.classifier(),
        (out, records, trained, phases) -> {
          phases.run("write", () -> CourseModels.save(trained.model(), out.staging()));
          CourseMetrics metrics = CourseReports.trained(spark, "courses train", request.input().path(), out.target(),
              request.classifier(), trained, Optional.empty(), records.counts(), phases);
          CourseReports.write(out, metrics);
          return new Result(out.target(), records.counts(), trained, metrics);
        });
  }
}
