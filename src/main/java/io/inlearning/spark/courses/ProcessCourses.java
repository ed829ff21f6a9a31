package io.inlearning.spark.courses;

import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.output.AtomicOutput;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.records.ValidatedRecords;
import io.inlearning.spark.session.SessionScope;
import org.apache.spark.sql.SparkSession;

/**
 * {@code courses process}, the seed's process_courses_distributed: trains on the categorised courses,
 * evaluates on a held-out share, classifies every accepted course (categorised ones too, so a reviewer sees
 * where the model disagrees with the catalogue) and writes {@code model/}, {@code predictions/},
 * {@code _rejected/} and {@code metrics.json}. The model used for the predictions is the one evaluated.
 */
public final class ProcessCourses {
  public record Options(CourseInput input, String output, ClassifierSettings settings, boolean overwrite) {}

  public record Result(String output, RecordCounts counts, CourseClassifier.Trained trained, long predicted,
                       CourseMetrics metrics) {}

  private ProcessCourses() {}

  /** Leaves {@code spark}'s settings as it found them ({@link SessionScope}). */
  public static Result run(SparkSession spark, Options options) {
    return SessionScope.run(spark, () -> process(spark, options));
  }

  private static Result process(SparkSession spark, Options options) {
    Phases phases = new Phases(spark.sparkContext());
    try (AtomicOutput out = AtomicOutput.create(spark, options.output(), options.overwrite());
         ValidatedRecords records = options.input().read(spark, phases)) {
      CourseClassifier.Trained trained = CourseClassifier.train(records.accepted(), options.settings(),
          out.path("training-vectors"), phases);
      try (CoursePredictions predictions = CoursePredictions.classify(trained.model(), records.accepted(), phases)) {
        phases.run("write", () -> {
          predictions.write(out.path("predictions"));
          CourseModels.save(trained.model(), out.path("model"));
          records.writeRejected(out.path("_rejected"));
        });
        CourseMetrics metrics = CourseReports.trained(spark, "courses process", options.input(), out.target(),
            options.settings(), trained, predictions.summary(), records.counts(), phases);
        CourseReports.write(out, metrics);
        out.commit();
        return new Result(out.target(), records.counts(), trained, predictions.count(), metrics);
      }
    }
  }
}
