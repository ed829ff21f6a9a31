package io.inlearning.spark.courses;

import io.inlearning.spark.files.AtomicOutput;
import io.inlearning.spark.files.Locations;
import io.inlearning.spark.files.OutputFolder;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.records.ValidatedRecords;
import io.inlearning.spark.session.SessionScope;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;

/** {@code courses classify}: applies a saved model to every accepted course. */
public final class ClassifyCourses {
  /** The courses, the saved model to apply, the output folder. */
  public record Request(CourseInput input, String model, OutputFolder output) {
    /** Before Spark starts: the model is a saved pipeline, the input is there, the output folder new. */
    public void check(Locations locations) {
      CourseModels.check(locations, model);
      input.check(locations);
      locations.requireNewFolder("output", output);
    }
  }

  public record Result(String output, RecordCounts counts, long predicted, CourseMetrics metrics) {}

  private ClassifyCourses() {}

  /** Leaves {@code spark}'s settings as it found them ({@link SessionScope}). */
  public static Result run(SparkSession spark, Request request) {
    return SessionScope.run(spark, () -> classify(spark, request));
  }

  private static Result classify(SparkSession spark, Request request) {
    Phases phases = new Phases(spark.sparkContext());
    PipelineModel model = phases.run("load model", () -> CourseModels.load(spark, request.model()));
    try (AtomicOutput out = AtomicOutput.create(spark, request.output());
         ValidatedRecords records = request.input().read(spark, phases);
         CoursePredictions predictions = CoursePredictions.classify(model, records.accepted(), phases)) {
      phases.run("write", () -> {
        predictions.write(out.path("predictions"));
        records.writeRejected(out.path("_rejected"));
      });
      CourseMetrics metrics = CourseReports.classified(spark, request.input().path(), out.target(), request.model(),
          predictions.summary(), records.counts(), phases);
      CourseReports.write(out, metrics);
      out.commit();
      return new Result(out.target(), records.counts(), predictions.count(), metrics);
    }
  }
}
