package io.inlearning.spark.cli;

import io.inlearning.spark.courses.ClassificationReport;
import io.inlearning.spark.courses.ClassifyCourses;
import io.inlearning.spark.courses.CourseMetrics;
import io.inlearning.spark.courses.ProcessCourses;
import io.inlearning.spark.courses.TrainCourses;
import io.inlearning.spark.files.Locations;
import io.inlearning.spark.files.OutputFolder;
import io.inlearning.spark.records.RecordCounts;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "courses", description = "Classify courses by category (TF-IDF + logistic regression).",
    subcommands = {CoursesCommand.Train.class, CoursesCommand.Classify.class, CoursesCommand.Process.class})
final class CoursesCommand {

  @Command(name = "train", description = "Train on the categorised courses and save the model folder.")
  static final class Train extends JobCommand {
    @Mixin CourseInputOptions input;
    @Mixin ClassifierOptions classifier;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "model folder to write")
    String model;

    @Option(names = "--overwrite", description = "replace the model folder if it exists")
    boolean overwrite;

    private TrainCourses.Request request;

    @Override
    String appName() {
      return "courses train";
    }

    @Override
    void parse(Locations locations) {
      request = new TrainCourses.Request(input.toInput(), new OutputFolder(model,
          overwrite ? OutputFolder.IfExists.REPLACE : OutputFolder.IfExists.REFUSE), classifier.toRequest());
      request.check(locations);
    }

    @Override
    void run(SparkSession session) {
      TrainCourses.Result result = TrainCourses.run(session, request);
      Summary.print("model", result.model(), result.metrics());
    }
  }

  @Command(name = "classify", description = "Predict the category of every course with a saved model.")
  static final class Classify extends JobCommand {
    @Mixin CourseInputOptions input;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "model folder")
    String model;

    @Mixin OutputOptions output;

    private ClassifyCourses.Request request;

    @Override
    String appName() {
      return "courses classify";
    }

    @Override
    void parse(Locations locations) {
      request = new ClassifyCourses.Request(input.toInput(), model, output.folder());
      request.check(locations);
    }

    @Override
    void run(SparkSession session) {
      ClassifyCourses.Result result = ClassifyCourses.run(session, request);
      Summary.print("output", result.output(), result.metrics());
    }
  }

  @Command(name = "process",
      description = "Train on the categorised courses, evaluate, classify all; write model, predictions, metrics.")
  static final class Process extends JobCommand {
    @Mixin CourseInputOptions input;
    @Mixin ClassifierOptions classifier;
    @Mixin OutputOptions output;

    private ProcessCourses.Request request;

    @Override
    String appName() {
      return "courses process";
    }

    @Override
    void parse(Locations locations) {
      request = new ProcessCourses.Request(input.toInput(), output.folder(), classifier.toRequest());
      request.check(locations);
    }

    @Override
    void run(SparkSession session) {
      ProcessCourses.Result result = ProcessCourses.run(session, request);
      Summary.print("output", result.output(), result.metrics());
    }
  }

  /** The few lines a person wants after a run; the rest is in metrics.json. */
  static final class Summary {
    private Summary() {}

    static void print(String what, String where, CourseMetrics metrics) {
      RecordCounts records = metrics.records();
      System.out.printf("%s: %s%n", what, where);
      System.out.printf("records: read %,d, accepted %,d, rejected %,d %s%n", records.read(), records.accepted(),
          records.rejected(), records.rejectedByReason());
      ClassificationReport evaluation = metrics.evaluation();
      if (evaluation != null) {
        System.out.printf("held-out accuracy %.4f, macro F1 %.4f on %,d courses%n", evaluation.accuracy(),
            evaluation.macroF1(), evaluation.evaluatedCourses());
        if (evaluation.baseline().belowBaseline()) {
          System.err.printf("inlearning: warning: held-out accuracy %.4f is no better than predicting the largest "
              + "category (%s) for every course, %.4f%n", evaluation.accuracy(), evaluation.baseline().category(),
              evaluation.baseline().accuracy());
        }
      }
      System.out.printf("%.0f courses/s, timings (s) %s%n", metrics.performance().coursesPerSecond(),
          metrics.performance().timingsSeconds());
    }
  }
}
