package io.inlearning.spark.courses;

import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.output.AtomicOutput;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.records.ValidatedRecords;
import io.inlearning.spark.session.SessionScope;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;

/** {@code courses classify}: applies a saved model to every accepted course. */
public final class ClassifyCourses {
  public record Options(CourseInput input, String model, String output, boolean overwrite) {}

  public record Result(String output, RecordCounts counts, long predicted, CourseMetrics metrics) {}

  private ClassifyCourses() {}

  /** Leaves {@code spark}'s settings as it found them ({@link SessionScope}). */
  public static Result run(SparkSession spark, Options options) {
    return SessionScope.run(spark, () -> classify(spark, options));
  }

  private static Result classify(SparkSession spark, Options options) {
    Phases phases = new Phases(spark.sparkContext());
    PipelineModel model = phases.run("load model", () -> CourseModels.load(spark, options.model()));
    try (AtomicOutput out = AtomicOutput.create(spark, options.output(), options.overwrite());
         ValidatedRecords records = options.input().read(spark, phases);
         CoursePredictions predictions = CoursePredictions.classify(model, records.accepted(), phases)) {
      phases.run("write", () -> {
        predictions.write(out.path("predictions"));
        records.writeRejected(out.path("_rejected"));
      });
      CourseMetrics metrics = CourseReports.classified(spark, options.input(), out.target(), options.model(),
          predictions.summary(), records.counts(), phases);
      CourseReports.write(out, metrics);
      out.commit();
      return new Result(out.target(), records.counts(), predictions.count(), metrics);
    }
  }
}
