package io.inlearning.spark.courses;

import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.output.AtomicOutput;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.records.ValidatedRecords;
import io.inlearning.spark.session.SessionScope;
import org.apache.spark.sql.SparkSession;

/**
 * {@code courses train}: fits the classifier on the categorised courses and writes the model folder: the
 * PipelineModel itself, {@code metrics.json} (held-out evaluation) and {@code _rejected/}.
 */
public final class TrainCourses {
  public record Options(CourseInput input, String model, ClassifierSettings settings, boolean overwrite) {}

  public record Result(String model, RecordCounts counts, CourseClassifier.Trained trained,
                       CourseMetrics metrics) {}

  private TrainCourses() {}

  /** Leaves {@code spark}'s settings as it found them ({@link SessionScope}). */
  public static Result run(SparkSession spark, Options options) {
    return SessionScope.run(spark, () -> train(spark, options));
  }

  private static Result train(SparkSession spark, Options options) {
    Phases phases = new Phases(spark.sparkContext());
    try (AtomicOutput out = AtomicOutput.create(spark, options.model(), options.overwrite());
         ValidatedRecords records = options.input().read(spark, phases)) {
      CourseClassifier.Trained trained = CourseClassifier.train(records.accepted(), options.settings(),
          out.path("training-vectors"), phases);
      phases.run("write", () -> {
        CourseModels.save(trained.model(), out.staging());
        records.writeRejected(out.path("_rejected"));
      });
      CourseMetrics metrics = CourseReports.trained(spark, "courses train", options.input(), out.target(),
          options.settings(), trained, null, records.counts(), phases);
      CourseReports.write(out, metrics);
      out.commit();
      return new Result(out.target(), records.counts(), trained, metrics);
    }
  }
}
