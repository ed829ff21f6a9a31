package io.inlearning.spark.cli;

import io.inlearning.spark.courses.ClassificationReport;
import io.inlearning.spark.courses.ClassifyCatalogue;
import io.inlearning.spark.courses.ClassifyCourses;
import io.inlearning.spark.courses.CourseInput;
import io.inlearning.spark.courses.CourseMetrics;
import io.inlearning.spark.courses.ProcessCourses;
import io.inlearning.spark.courses.TrainCatalogue;
import io.inlearning.spark.courses.TrainCourses;
import io.inlearning.spark.files.Locations;
import io.inlearning.spark.files.OutputFolder;
import io.inlearning.spark.publication.Publishing;
import io.inlearning.spark.publication.QualityGate;
import io.inlearning.spark.records.RecordCounts;
import io.inlearning.spark.warehouse.Warehouse;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "courses", description = "Classify courses by category (TF-IDF + logistic regression).",
    subcommands = {CoursesCommand.Train.class, CoursesCommand.Classify.class, CoursesCommand.Process.class})
final class CoursesCommand {

  /** Where train and classify find their courses: record files, or the catalogue of a warehouse. */
  static final class CourseSource {
    @Option(names = "--input", required = true, paramLabel = "PATH",
        description = "course records: a file, folder or glob of JSON lines, Parquet or CSV")
    String input;

    @Option(names = "--warehouse", required = true, paramLabel = "DIR",
        description = "the warehouse whose courses table to use instead (models under DIR/models/classifier/)")
    String warehouse;
  }

  @Command(name = "train", description = "Train on the categorised courses and save the model folder "
      + "(--input with --model), or a new current model of the warehouse (--warehouse).")
  static final class Train extends JobCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    CourseSource source;

    @Mixin ReadOptions read;
    @Mixin ClassifierOptions classifier;
    @Mixin GateOptions.Classifier gate;

    @Option(names = "--model", paramLabel = "DIR", description = "model folder to write (with --input)")
    String model;

    @Option(names = "--overwrite", description = "replace the model folder if it exists")
    boolean overwrite;

    private Consumer<SparkSession> job;

    @Override
    String appName() {
      return "courses train";
    }

    @Override
    void parse(Locations locations) {
      if (source.warehouse != null) {
        if (model != null) {
          throw new UsageException("--model is for --input: with --warehouse the model is saved under "
              + source.warehouse + "/models/classifier/");
        }
        TrainCatalogue.Request request = new TrainCatalogue.Request(new Warehouse(source.warehouse),
            classifier.toRequest(), new Publishing(gate.gate(), Publishing.WAREHOUSE_ONLY.recommenderGate(),
            Optional.empty()));
        request.check(locations);
        job = session -> {
          TrainCatalogue.Result result = TrainCatalogue.run(session, request);
          Summary.print("model", result.model() + " (version " + result.version()
              + (result.published() ? ", now current)" : ", refused: the current model stays)"), result.metrics());
          System.out.println("quality gate: " + result.gate().reason());
          if (!result.published()) {
            refused(List.of(result.gate().reason()));
          }
        };
        return;
      }
      if (model == null) {
        throw new UsageException("courses train --input needs --model DIR, the folder to save the model in");
      }
      if (gate.margin != QualityGate.CLASSIFIER_MARGIN || gate.tolerance != QualityGate.CLASSIFIER_TOLERANCE) {
        throw new UsageException("--classifier-margin and --classifier-tolerance gate a warehouse's current model:"
            + " they are for --warehouse");
      }
      TrainCourses.Request request = new TrainCourses.Request(input(source, read), new OutputFolder(model,
          overwrite ? OutputFolder.IfExists.REPLACE : OutputFolder.IfExists.REFUSE), classifier.toRequest());
      request.check(locations);
      job = session -> {
        TrainCourses.Result result = TrainCourses.run(session, request);
        Summary.print("model", result.model(), result.metrics());
      };
    }

    @Override
    void run(SparkSession session) {
      job.accept(session);
    }
  }

  @Command(name = "classify", description = "Predict the category of every course with a saved model "
      + "(--input, --model, --output), or of the warehouse's courses not yet classified by its current model, "
      + "into its courses table (--warehouse).")
  static final class Classify extends JobCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    CourseSource source;

    @Mixin ReadOptions read;

    @Option(names = "--model", paramLabel = "DIR", description = "model folder (with --input)")
    String model;

    @Option(names = {"--output", "--out"}, paramLabel = "DIR", description = "output folder (with --input)")
    String output;

    @Option(names = "--overwrite", description = "replace the output folder if it exists")
    boolean overwrite;

    @Mixin PublishOptions publish;

    private Consumer<SparkSession> job;

    @Override
    String appName() {
      return "courses classify";
    }

    @Override
    void parse(Locations locations) {
      if (source.warehouse != null) {
        if (model != null || output != null) {
          throw new UsageException("--model and --output are for --input: with --warehouse the current model "
              + "classifies the courses table in place");
        }
        ClassifyCatalogue.Request request = new ClassifyCatalogue.Request(new Warehouse(source.warehouse),
            new Publishing(QualityGate.classifierDefaults(), QualityGate.recommenderDefaults(),
                publish.serving(locations)));
        request.check(locations);
        job = session -> {
          ClassifyCatalogue.Result result = ClassifyCatalogue.run(session, request);
          printClassified(result);
          result.published().ifPresent(PublishCommand::print);
          System.out.printf("timings (s) %s%n", result.timingsSeconds());
        };
        return;
      }
      if (model == null || output == null) {
        throw new UsageException("courses classify --input needs --model DIR and --output DIR");
      }
      if (publish.given()) {
        throw new UsageException("--publish is for --warehouse: it publishes the warehouse's catalogue");
      }
      ClassifyCourses.Request request = new ClassifyCourses.Request(input(source, read), model,
          new OutputFolder(output, overwrite ? OutputFolder.IfExists.REPLACE : OutputFolder.IfExists.REFUSE));
      request.check(locations);
      job = session -> {
        ClassifyCourses.Result result = ClassifyCourses.run(session, request);
        Summary.print("output", result.output(), result.metrics());
      };
    }

    @Override
    void run(SparkSession session) {
      job.accept(session);
    }
  }

  static void printClassified(ClassifyCatalogue.Result result) {
    System.out.printf("classified %,d courses with model %s %s; %,d predictions written%n", result.classified(),
        result.modelVersion(), result.byPredictedCategory(), result.merged().updated());
  }

  private static CourseInput input(CourseSource source, ReadOptions read) {
    return new CourseInput(source.input, read.inputFormat(), read.maxRecordBytes);
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
