package io.inlearning.spark.courses;

import io.inlearning.spark.files.Locations;
import io.inlearning.spark.files.OutputFolder;
import io.inlearning.spark.records.RecordCounts;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * {@code courses process}, the seed's process_courses_distributed: trains on the categorised courses,
 * evaluates on a held-out share, classifies every accepted course (categorised ones too, so a reviewer sees
 * where the model disagrees with the catalogue) and writes {@code model/}, {@code predictions/},
 * {@code _rejected/} and {@code metrics.json}. The model used for the predictions is the one evaluated.
 */
public final class ProcessCourses {
  /** The courses, the output folder, and the classifier asked for. */
  public record Request(CourseInput input, OutputFolder output, ClassifierRequest classifier) {
    /** Before Spark starts: the input is there and not empty, the output folder new (or to be replaced). */
    public void check(Locations locations) {
      input.check(locations);
      locations.requireNewFolder("output", output);
    }
  }

  public record Result(String output, RecordCounts counts, CourseClassifier.Trained trained, long predicted,
                       CourseMetrics metrics) {}

  private ProcessCourses() {}

  public static Result run(SparkSession spark, Request request) {
    return CourseTraining.run(spark, request.input(), request.output(), request.classifier(),
        (out, records, trained, phases) -> {
          try (CoursePredictions predictions = CoursePredictions.classify(trained.model(), records.accepted(),
              phases)) {
            phases.run("write", () -> {
              predictions.write(out.path("predictions"));
              CourseModels.save(trained.model(), out.path("model"));
            });
            CourseMetrics metrics = CourseReports.trained(spark, "courses process", request.input().path(), out.target(),
                request.classifier(), trained, Optional.of(predictions.summary()), records.counts(), phases);
            CourseReports.write(out, metrics);
            return new Result(out.target(), records.counts(), trained, predictions.count(), metrics);
          }
        });
  }
}
