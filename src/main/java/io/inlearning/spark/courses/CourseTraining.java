package io.inlearning.spark.courses;

import io.inlearning.spark.files.AtomicOutput;
import io.inlearning.spark.files.OutputFolder;
import io.inlearning.spark.monitoring.Phases;
import io.inlearning.spark.records.ValidatedRecords;
import io.inlearning.spark.session.SessionScope;
import org.apache.spark.sql.SparkSession;

/**
 * What {@code courses train} and {@code courses process} share: an output folder written as a whole, the
 * courses read and validated, the classifier trained (its scratch files inside the output's staging folder),
 * the rejected records written; then each job's own part, and the commit.
 */
final class CourseTraining {
  private CourseTraining() {}

  /** A job's own part, once the classifier is trained: what it writes and returns. */
  interface Finish<R> {
    R write(AtomicOutput out, ValidatedRecords records, CourseClassifier.Trained trained, Phases phases);
  }

  /** Leaves {@code spark}'s settings as it found them ({@link SessionScope}). */
  static <R> R run(SparkSession spark, CourseInput input, OutputFolder output, ClassifierRequest classifier,
                   Finish<R> finish) {
    return SessionScope.run(spark, () -> {
      Phases phases = new Phases(spark.sparkContext());
      try (AtomicOutput out = AtomicOutput.create(spark, output);
           ValidatedRecords records = input.read(spark, phases)) {
        CourseClassifier.Trained trained = CourseClassifier.train(records.accepted(), classifier,
            out.path("training-vectors"), phases);
        phases.run("write", () -> records.writeRejected(out.path("_rejected")));
        R result = finish.write(out, records, trained, phases);
        out.commit();
        return result;
      }
    });
  }
}
